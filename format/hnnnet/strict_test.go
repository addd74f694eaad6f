package hnnnet_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/format/hnnnet"
	"github.com/laminasim/lamina/model/jsonstrict"
)

// TestReadStrict edits an HNN-core network file and checks that unknown
// and repeated keys and syntax errors are errors that give the line, the
// column and the JSON path.
func TestReadStrict(t *testing.T) {
	base := string(data(t, "neymotin2020_3x3_drives.json"))
	conns := strings.Index(base, `"connectivity"`)
	tests := []struct {
		name     string
		old, new string // the first old after "connectivity" becomes new
		at       int    // the error is at this offset in new
		kind     error
		want     string // with %[1]d %[2]d the error's line and column, %[3]d %[4]d old's
	}{
		{"misspelled optional key", `"gain"`, `"gian"`, 0, jsonstrict.ErrUnknownKey,
			`hnnnet: line %[1]d column %[2]d: connectivity[0].nc_dict.gian: unknown key "gian"`},
		{"unknown key", `"receptor": "ampa",`, `"receptor": "ampa", "weight": 0.5,`, 20, jsonstrict.ErrUnknownKey,
			`hnnnet: line %[1]d column %[2]d: connectivity[0].weight: unknown key "weight"`},
		{"duplicate key", `"receptor": "ampa",`, `"receptor": "ampa", "receptor": "nmda",`, 20, jsonstrict.ErrDuplicateKey,
			`hnnnet: line %[1]d column %[2]d: connectivity[0].receptor: key "receptor" appears twice (first at line %[3]d column %[4]d)`},
		{"syntax error", `"allow_autapses": 1`, `"allow_autapses":: 1`, 17, jsonstrict.ErrSyntax,
			`hnnnet: line %[1]d column %[2]d: invalid character ':' looking for beginning of value (in connectivity[0].allow_autapses)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(base[conns:], tt.old)
			if i < 0 {
				t.Fatalf("no %s", tt.old)
			}
			in := []byte(base[:conns+i] + tt.new + base[conns+i+len(tt.old):])
			line, col := jsonstrict.Position(in, int64(conns+i+tt.at))
			oline, ocol := jsonstrict.Position(in, int64(conns+i))
			want := fmt.Sprintf(tt.want, line, col, oline, ocol)
			_, err := hnnnet.Read(bytes.NewReader(in))
			if err == nil || err.Error() != want {
				t.Errorf("error\n %v\nwant\n %s", err, want)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
		})
	}
}

func TestReadLimit(t *testing.T) {
	in := data(t, "neymotin2020_3x3_drives.json")
	path := filepath.Join(t.TempDir(), "net.json")
	if err := os.WriteFile(path, in, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, jsonstrict.MaxSize+1); err != nil { // sparse: refused from its size
		t.Fatal(err)
	}
	_, err := hnnnet.ReadFile(path)
	if want := "hnnnet: " + path + ": larger than the 256 MiB limit on JSON input"; err == nil || err.Error() != want {
		t.Errorf("ReadFile: error %v, want %s", err, want)
	}
	if !errors.Is(err, jsonstrict.ErrTooLarge) {
		t.Errorf("ReadFile: error %v, want ErrTooLarge", err)
	}
}
