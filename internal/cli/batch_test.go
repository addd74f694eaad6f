package cli

import (
	"encoding/json"
	"github.com/laminasim/lamina/sweep"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/format/csvfile"
)

// tinyGrid is a 2×2 product over a 3×3 column's evoked drive, 30 ms.
const tinyGrid = `{
  "parameters": {"mu": [22, 26], "w": [0.001, 0.01]},
  "combinations": true,
  "meta": {
    "model": {"file": "base.json"},
    "set": {"mu": ["drives.evprox.evoked.mu_ms"],
            "w": ["drives.evprox.weights_ampa_uS.L5_pyramidal", "drives.evprox.weights_ampa_uS.L2_pyramidal"]},
    "tstop_ms": 30,
    "summary": ["dipole_min", "dipole_max:L5", "spikes:evprox", "rate:L5_pyramidal", "band_power:10-100"],
    "save_dipoles": true
  }
}`

func writeTinyBatch(t *testing.T) (dir, grid string) {
	t.Helper()
	dir = t.TempDir()
	evk, err := sweep.EvokedWeights()
	if err != nil {
		t.Fatal(err)
	}
	var meta sweep.Meta
	if err := json.Unmarshal(evk.Meta, &meta); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.json"), meta.Model, 0o644); err != nil {
		t.Fatal(err)
	}
	grid = filepath.Join(dir, "grid.json")
	if err := os.WriteFile(grid, []byte(tinyGrid), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, grid
}

func TestBatchCommand(t *testing.T) {
	dir, grid := writeTinyBatch(t)
	out := filepath.Join(dir, "out")
	if _, err := run(t, "batch", grid, "--out", out, "--quiet", "--jobs", "2", "--plot"); err != nil {
		t.Fatal(err)
	}
	cols, err := csvfile.ReadTable(filepath.Join(out, "summary.csv"), map[string]byte{"run": 'i', "mu": 'f', "w": 'f',
		"dipole_min": 'f', "dipole_max:L5": 'f', "spikes:evprox": 'f', "rate:L5_pyramidal": 'f', "band_power:10-100": 's', "error": 's'})
	if err != nil {
		t.Fatal(err)
	}
	if got := cols["mu"].F; len(got) != 4 || got[0] != 22 || got[1] != 22 || got[2] != 26 {
		t.Errorf("mu column %v, want the product order 22 22 26 26", got)
	}
	for i, e := range cols["error"].S {
		if e != "" {
			t.Errorf("run %d failed: %s", i, e)
		}
	}
	// the evoked drive has one cell per target cell (9 + 9 pyramidal, 3 + 3
	// basket), each emitting one event, N(mu, 5 ms): by 30 ms most have,
	// more of them for mu 22 than for mu 26
	sp := cols["spikes:evprox"].F
	for i, n := range sp {
		if n < 1 || n > 24 {
			t.Errorf("run %d: %g evprox spikes, want 1 to 24", i, n)
		}
	}
	if !(sp[0] > sp[2]) {
		t.Errorf("evprox spikes by 30 ms: %g with mu 22, %g with mu 26", sp[0], sp[2])
	}
	for _, f := range []string{"batch_dipoles.png", "batch_summary.png", "runs/0003/dipole.csv", "grid.json", "runs.jsonl"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// rerunning resumes: nothing left to do, the summary unchanged
	before, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	msg, err := run(t, "batch", grid, "--out", out, "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if string(before) != string(after) || !strings.Contains(msg, "4 runs") {
		t.Errorf("resume changed the summary or did not report: %s", msg)
	}
	// The same grid in YAML is the same batch: it resumes the JSON grid's
	// directory with nothing to do.
	yml := filepath.Join(dir, "grid.yaml")
	if err := os.WriteFile(yml, []byte(tinyGridYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := run(t, "batch", yml, "--out", out, "--quiet"); err != nil || !strings.Contains(msg, "4 runs") {
		t.Fatalf("YAML grid: %v %s", err, msg)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "summary.csv")); string(before) != string(after) {
		t.Error("the YAML grid changed the summary")
	}
	// An edited model file makes another batch: resuming is refused.
	base := filepath.Join(dir, "base.json")
	var m map[string]any
	if b, err := os.ReadFile(base); err != nil || json.Unmarshal(b, &m) != nil {
		t.Fatal(err)
	}
	m["name"] = "edited"
	if b, err := json.Marshal(m); err != nil || os.WriteFile(base, b, 0o644) != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "batch", grid, "--out", out, "--quiet"); err == nil || !strings.Contains(err.Error(), "the base model changed since the batch in") {
		t.Errorf("resume with an edited model: error %v, want it refused", err)
	}
}

// tinyGridYAML is tinyGrid in YAML.
const tinyGridYAML = `parameters:
  mu: [22, 26]
  w: [0.001, 0.01]
combinations: true
meta:
  model: {file: base.json}
  set:
    mu: [drives.evprox.evoked.mu_ms]
    w:
      - drives.evprox.weights_ampa_uS.L5_pyramidal
      - drives.evprox.weights_ampa_uS.L2_pyramidal
  tstop_ms: 30
  summary: [dipole_min, "dipole_max:L5", "spikes:evprox", "rate:L5_pyramidal", "band_power:10-100"]
  save_dipoles: true
`

func TestBatchErrors(t *testing.T) {
	dir, grid := writeTinyBatch(t)
	edit := func(name string, fromTo ...string) string {
		b, _ := os.ReadFile(grid)
		text := string(b)
		for i := 0; i < len(fromTo); i += 2 {
			text = strings.Replace(text, fromTo[i], fromTo[i+1], 1)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		file, want string
	}{
		{edit("unknown.json", `"mu": [22, 26]`, `"drives.evprox.evoked.sigma_mss": [1, 2]`), `unknown field "sigma_mss"`},
		{edit("nodrive.json", `"mu": ["drives.evprox.evoked.mu_ms"]`, `"mu": ["drives.evdist.evoked.mu_ms"]`), `no element named "evdist"`},
		{edit("empty.json", `"mu": [22, 26]`, `"mu": []`), "mu"},
		{edit("zip.json", `"combinations": true`, `"combinations": false`, `"w": [0.001, 0.01]`, `"w": [0.001, 0.01, 0.1]`), "length"},
		{edit("summary.json", `"dipole_min"`, `"dipole_median"`), `summary "dipole_median": unknown`},
		{edit("rate.json", `"rate:L5_pyramidal"`, `"rate:evprox"`), "is a drive"},
		{edit("band.json", `"band_power:10-100"`, `"band_power:100-10"`), "LO < HI"},
		{edit("tstop.json", `"tstop_ms": 30`, `"tstop_ms": -3`), "tstop_ms = -3"},
		{edit("model.json", `{"file": "base.json"}`, `"erp2"`), `model "erp2": unknown example`},
	} {
		_, err := run(t, "batch", c.file, "--out", filepath.Join(dir, "x"), "--quiet")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", filepath.Base(c.file), err, c.want)
		}
		if _, statErr := os.Stat(filepath.Join(dir, "x", "runs.jsonl")); statErr == nil {
			t.Fatalf("%s: a run started despite the error", filepath.Base(c.file))
		}
	}
	if _, err := run(t, "batch", "--example", "evoked", "--out", dir); err == nil || !strings.Contains(err.Error(), "unknown batch example") {
		t.Errorf("unknown example: %v", err)
	}
}
