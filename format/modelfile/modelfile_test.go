package modelfile

import (
	"strings"
	"testing"
)

// TestDetect checks that no JSON object is taken for an HNN-core
// parameter file unless HNN-core knows one of its keys (issue 16: a file
// {"foo": 1} ran HNN-core's default column).
func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name, path, data string
		want             string // format, or "" for an error
		err              string // part of the error
	}{
		{"unknown key", "foo.json", `{"foo": 1}`, "", `foo.json: not a model file: want a Lamina run spec (tstop_ms with network or point), a Lamina or point network (populations), an HNN-core network configuration (object_type "Network") or an HNN-core parameter file (keys of HNN-core's read_params such as tstop, dt, N_pyr_x); found keys: foo`},
		{"empty object", "e.json", `{}`, "", "found keys: none (an empty object)"},
		{"many unknown keys", "m.json", `{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1,"i":1}`, "", "found keys: a, b, c, d, e, f, g, h, ... (9 keys)"},
		{"spec-like without model", "s.json", `{"tstop_ms": 20, "dt_ms": 0.025}`, "", "found keys: dt_ms, tstop_ms"},
		{"one HNN-core key", "p.json", `{"tstop": 20}`, FormatHNNParams, ""},
		{"HNN-core key among unknown", "p.json", `{"foo": 1, "N_pyr_x": 2}`, FormatHNNParams, ""},
		{"evoked key", "p.json", `{"t_evprox_1": 26.6}`, FormatHNNParams, ""},
		{"legacy by name", "x.param", "anything", FormatHNNParams, ""},
		{"HNN-core network", "n.json", `{"object_type": "Network"}`, FormatHNNNet, ""},
		{"spec", "r.json", `{"tstop_ms": 20, "network": {}}`, FormatSpec, ""},
		{"point network", "p.json", `{"populations": [{"n": 2, "model": {}}]}`, FormatPoint, ""},
		{"lamina network", "l.json", `{"populations": []}`, FormatLamina, ""},
		{"not JSON", "x.json", `{`, "", "x.json: not a model file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(tt.path, []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Detect = %q, %v; want error containing %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
