package hnnparams

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/laminasim/lamina/model/jsonstrict"
)

// TestRepeatedKey checks that a parameter file's JSON may not repeat a
// key (HNN-core's json.loads keeps the last value; ParseJSON still does).
func TestRepeatedKey(t *testing.T) {
	in := []byte("{\n  \"tstop\": 100,\n  \"dt\": 0.025,\n  \"tstop\": 170,\n  \"x\": {\"a\": 1, \"a\": 2}\n}")
	_, err := Parse("p.json", in)
	var se *SyntaxError
	want := `hnnparams: p.json:4:3: key "tstop" appears twice (first at line 2 column 3)`
	if !errors.As(err, &se) || se.Line != 4 || se.Col != 3 || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	nested := []byte(`{"x": {"a": 1, "a": 2}}`)
	if _, err := Parse("p.json", nested); err == nil || err.Error() != `hnnparams: p.json:1:16: key "a" appears twice (first at line 1 column 8)` {
		t.Errorf("nested: error %v", err)
	}
	p, err := ParseJSON(in)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := p.Float("tstop"); v != 170 {
		t.Errorf("ParseJSON: tstop %g, want the last value 170", v)
	}
	var q Params
	if err := json.Unmarshal(in, &q); err == nil {
		t.Error("UnmarshalJSON accepted a repeated key")
	}
}

func TestReadFileLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(path, []byte(`{"tstop": 100, "dt": 0.025}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, jsonstrict.MaxSize+1); err != nil { // sparse: refused from its size
		t.Fatal(err)
	}
	_, err := ReadFile(path)
	if want := "hnnparams: " + path + ": larger than the 256 MiB limit on JSON input"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
