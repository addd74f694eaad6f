package pointnet_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/pointnet"
)

// TestReadErrors checks that a point network is read strictly, with
// errors that give the line, the column and the JSON path.
func TestReadErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := snnjl.EIBalanced(10).Write(&buf); err != nil {
		t.Fatal(err)
	}
	base := buf.String()
	conns := strings.Index(base, `"connections"`)
	tests := []struct {
		name     string
		old, new string // the first old after "connections" becomes new
		at       string // new's text at the error
		kind     error
		want     string // with the line and column of at
	}{
		{"misspelled key in connections[]", `"weight_nS"`, `"weight"`, `"weight"`, jsonstrict.ErrUnknownKey,
			`pointnet: line %[1]d column %[2]d: connections[0].weight: unknown key "weight" (did you mean "weight_nS"?)`},
		{"duplicate key", `"pre": "E",`, `"pre": "E", "pre": "I",`, `"pre": "I"`, jsonstrict.ErrDuplicateKey,
			`pointnet: line %[1]d column %[2]d: connections[0].pre: key "pre" appears twice (first at line %d column %d)`},
		{"syntax error", `"rule": "fixed_indegree",`, `"rule": "fixed_indegree",,`, `,,`, jsonstrict.ErrSyntax,
			`pointnet: line %[1]d column %[2]d: invalid character ',' looking for beginning of object key string (in connections[0])`},
		{"wrong type", `"p": 0.05`, `"p": "5%"`, `"5%"`, jsonstrict.ErrType,
			`pointnet: line %[1]d column %[2]d: connections[0].p: got "5%%", want a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(base[conns:], tt.old)
			if i < 0 {
				t.Fatalf("no %s", tt.old)
			}
			in := base[:conns+i] + tt.new + base[conns+i+len(tt.old):]
			at := int64(conns + i + strings.Index(tt.new, tt.at))
			if tt.at == ",," {
				at++ // the second comma
			}
			line, col := jsonstrict.Position([]byte(in), at)
			first, fcol := jsonstrict.Position([]byte(in), int64(conns+i))
			want := fmt.Sprintf(tt.want, line, col, first, fcol)
			_, err := pointnet.Read(strings.NewReader(in))
			if err == nil || err.Error() != want {
				t.Errorf("error\n %v\nwant\n %s", err, want)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	var buf bytes.Buffer
	if err := snnjl.EIBalanced(10).Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "net.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pointnet.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(buf.String(), `"seed"`, `"sed"`, 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := pointnet.ReadFile(path)
	if want := "pointnet: " + path + `:3:2: sed: unknown key "sed" (did you mean "seed"?)`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}

	if err := os.Truncate(path, jsonstrict.MaxSize+1); err != nil { // sparse: refused from its size
		t.Fatal(err)
	}
	_, err = pointnet.ReadFile(path)
	if want := "pointnet: " + path + ": larger than the 256 MiB limit on JSON input"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if !errors.Is(err, jsonstrict.ErrTooLarge) {
		t.Errorf("ReadFile: error %v, want ErrTooLarge", err)
	}
}
