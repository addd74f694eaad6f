package batch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/laminasim/lamina/model/jsonstrict"
)

// TestParseGridStrict checks that grid files are read strictly, with
// errors that give the line and column and name the key.
func TestParseGridStrict(t *testing.T) {
	const grid = `{
  "parameters": {
    "w": [1, 2],
    "x": {"linspace": [0, 1, 3]}
  },
  "combinations": true
}`
	tests := []struct {
		name, in, want string
		kind           error
	}{
		{"misspelled key", `{
  "parameters": {"w": [1, 2]},
  "combination": true
}`, `batch: grid: line 3 column 3: grid has unknown key "combination" (want "parameters", "combinations" or "meta")`, nil},
		{"misspelled generator", `{
  "parameters": {
    "w": {"linspce": [0, 1, 3]}
  }
}`, `batch: grid: line 3 column 10: grid parameter "w": unknown generator "linspce" (want "linspace" or "logspace")`, nil},
		{"duplicate parameter", `{
  "parameters": {
    "w": [1, 2],
    "w": [3]
  }
}`, `batch: grid: line 4 column 5: parameters.w: key "w" appears twice (first at line 3 column 5)`, jsonstrict.ErrDuplicateKey},
		{"duplicate key in meta", `{
  "parameters": {"w": [1]},
  "meta": {"model": "erp", "model": "jones"}
}`, `batch: grid: line 3 column 28: meta.model: key "model" appears twice (first at line 3 column 12)`, jsonstrict.ErrDuplicateKey},
		{"syntax error", `{
  "parameters": {"w": [1 2]}
}`, `batch: grid: line 2 column 26: invalid character '2' after array element (in parameters.w[1])`, jsonstrict.ErrSyntax},
	}
	if _, err := ParseGrid([]byte(grid)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseGrid([]byte(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n %v\nwant\n %s", err, tt.want)
			}
			if tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
		})
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "grid.json")
	if err := os.WriteFile(path, []byte(grid), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadGrid(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, jsonstrict.MaxSize+1); err != nil { // sparse: refused from its size
		t.Fatal(err)
	}
	_, err := ReadGrid(path)
	if want := "batch: " + path + ": larger than the 256 MiB limit on JSON input"; err == nil || err.Error() != want {
		t.Errorf("ReadGrid: error %v, want %s", err, want)
	}
	if !errors.Is(err, jsonstrict.ErrTooLarge) {
		t.Errorf("error %v is not ErrTooLarge", err)
	}
}
