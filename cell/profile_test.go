package cell_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/model/jsonstrict"
)

// TestProfileStrict checks that a profile object's unknown keys are errors,
// through encoding/json and through jsonstrict (with the path), and that a
// bare number is still a uniform profile.
func TestProfileStrict(t *testing.T) {
	var p cell.Profile
	err := json.Unmarshal([]byte(`{"kind": "exp", "at_zero": 1, "rate_per_mu": 0.01}`), &p)
	if err == nil || !strings.Contains(err.Error(), `unknown field "rate_per_mu"`) {
		t.Errorf("json.Unmarshal: error %v, want one about the unknown field", err)
	}
	var m map[string]cell.Profile
	err = jsonstrict.Decode([]byte(`{"g": 0.5, "e": {"kind": "exp", "at_zero": 1, "rate_per_mu": 0.01}}`), &m)
	if want := `line 1 column 47: e.rate_per_mu: unknown key "rate_per_mu" (did you mean "rate_per_um"?)`; err == nil || err.Error() != want {
		t.Errorf("jsonstrict.Decode: error %v, want %s", err, want)
	}
	err = jsonstrict.Decode([]byte(`{"g": "high"}`), &m)
	if want := `line 1 column 7: g: profile: want a number or an object, got "high"`; err == nil || err.Error() != want {
		t.Errorf("jsonstrict.Decode: error %v, want %s", err, want)
	}
	if err := jsonstrict.Decode([]byte(`{"g": 0.5, "e": {"kind": "segments", "values": [1, 2]}}`), &m); err != nil {
		t.Fatal(err)
	}
	if g := m["g"]; g.Kind != cell.Uniform || g.Value != 0.5 || m["e"].Kind != cell.Segments || len(m["e"].Values) != 2 {
		t.Errorf("profiles %+v", m)
	}
}
