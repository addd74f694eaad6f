package jsonstrict

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// conn is like model.Connection: a custom UnmarshalJSON with defaults,
// and JSONFields for the walk.
type conn struct {
	Src      string  `json:"src"`
	WeightUS float64 `json:"weight_uS"`
	Gain     float64 `json:"gain"`
	Pairs    [][2]int
}

type connFields conn

func (c *conn) UnmarshalJSON(b []byte) error {
	p := connFields{Gain: 1}
	if err := Unmarshal(b, &p); err != nil {
		return err
	}
	*c = conn(p)
	return nil
}

func (conn) JSONFields() any { return connFields{} }

// level decodes a string, refusing "bad", and places an error inside an
// object with At.
type level struct{ s string }

func (l *level) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		return At(1, "inner", errors.New("objects are not levels"))
	}
	if err := json.Unmarshal(b, &l.s); err != nil {
		return err
	}
	if l.s == "bad" {
		return errors.New("level \"bad\" refused")
	}
	return nil
}

type Base struct {
	ID   int    `json:"id"`
	Note string `json:"note,omitempty"`
}

type net struct {
	Base
	Name    string             `json:"name"`
	Conns   []conn             `json:"connections"`
	Weights map[string]float64 `json:"weights,omitempty"`
	ByGid   map[int]string     `json:"by_gid,omitempty"`
	Origin  [3]float64         `json:"origin"`
	Level   *level             `json:"level,omitempty"`
	Small   int8               `json:"small,omitempty"`
	Count   uint               `json:"count,omitempty"`
	On      bool               `json:"on,omitempty"`
	Meta    json.RawMessage    `json:"meta,omitempty"`
	Any     any                `json:"any,omitempty"`
	Skip    int                `json:"-"`
}

const good = `{
  "id": 7,
  "name": "ok",
  "connections": [
    {"src": "a", "weight_uS": 0.5},
    {"src": "b", "weight_uS": 1, "gain": 2, "Pairs": [[0, 1]]}
  ],
  "weights": {"x": 1},
  "by_gid": {"3": "three"},
  "origin": [0, 0, 1],
  "level": "high",
  "meta": {"anything": [1, {"a": 1, "b": 2}]},
  "any": [1, "x", null]
}`

func TestDecodeGood(t *testing.T) {
	var got net
	if err := Decode([]byte(good), &got); err != nil {
		t.Fatal(err)
	}
	var want net
	if err := json.Unmarshal([]byte(good), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decode gave %+v, json.Unmarshal %+v", got, want)
	}
	if got.Conns[0].Gain != 1 || got.Conns[1].Gain != 2 || got.ID != 7 {
		t.Errorf("defaults or values lost: %+v", got)
	}
}

// edit replaces the first old in good by new.
func edit(old, new string) string {
	if !strings.Contains(good, old) {
		panic("edit: no " + old)
	}
	return strings.Replace(good, old, new, 1)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     error
		want     string // the whole message
	}{
		{"misspelled key in an element", edit(`{"src": "a", "weight_uS": 0.5}`, `{"src": "a", "weight": 0.5}`), ErrUnknownKey,
			`line 5 column 18: connections[0].weight: unknown key "weight" (did you mean "weight_uS"?)`},
		{"key in another case", edit(`"name"`, `"Name"`), ErrUnknownKey,
			`line 3 column 3: Name: unknown key "Name" (did you mean "name"?)`},
		{"unknown key, no near name", edit(`"id": 7`, `"zzz": 7`), ErrUnknownKey,
			`line 2 column 3: zzz: unknown key "zzz" (known keys: any, by_gid, connections, count, id, level, meta, name, note, on, origin, small, weights)`},
		{"skipped field", edit(`"id": 7`, `"Skip": 7`), ErrUnknownKey,
			`line 2 column 3: Skip: unknown key "Skip" (known keys: any, by_gid, connections, count, id, level, meta, name, note, on, origin, small, weights)`},
		{"duplicate key", edit(`"name": "ok",`, `"name": "ok", "name": "no",`), ErrDuplicateKey,
			`line 3 column 17: name: key "name" appears twice (first at line 3 column 3)`},
		{"duplicate key in a map", edit(`{"x": 1}`, `{"x": 1, "x": 2}`), ErrDuplicateKey,
			`line 8 column 23: weights.x: key "x" appears twice (first at line 8 column 15)`},
		{"duplicate key in raw JSON", edit(`"a": 1, "b": 2`, `"a": 1, "a": 2`), ErrDuplicateKey,
			`line 12 column 37: meta.anything[1].a: key "a" appears twice (first at line 12 column 29)`},
		{"syntax error", edit(`"gain": 2,`, `"gain": 2,,`), ErrSyntax,
			`line 6 column 44: invalid character ',' looking for beginning of object key string (in connections[1])`},
		{"unexpected end", good[:strings.Index(good, `"b"`)], ErrSyntax,
			`line 6 column 13: unexpected end of JSON input (in connections[1].src)`},
		{"empty", "", ErrSyntax, `line 1 column 1: unexpected end of JSON input`},
		{"data after the value", good + "\n{}", ErrSyntax,
			`line 15 column 1: invalid character '{' after top-level value`},
		{"string for a number", edit(`"weight_uS": 0.5`, `"weight_uS": "0.5"`), ErrType,
			`line 5 column 31: connections[0].weight_uS: got "0.5", want a number`},
		{"fraction for an int", edit(`"id": 7`, `"id": 7.5`), ErrType,
			`line 2 column 9: id: got 7.5, want an integer`},
		{"int out of range", edit(`"id": 7`, `"small": 300`), ErrType,
			`line 2 column 12: small: 300 is out of the range of int8`},
		{"negative uint", edit(`"id": 7`, `"count": -1`), ErrType,
			`line 2 column 12: count: got -1, want a non-negative integer`},
		{"float overflow", edit(`"weight_uS": 0.5`, `"weight_uS": 1e999`), ErrType,
			`line 5 column 31: connections[0].weight_uS: 1e999 is out of the range of float64`},
		{"array for an object", edit(`{"x": 1}`, `[1]`), ErrType,
			`line 8 column 14: weights: got an array, want an object`},
		{"object for an array", edit(`[0, 0, 1]`, `{}`), ErrType,
			`line 10 column 13: origin: got an object, want an array`},
		{"bool for a string", edit(`"name": "ok"`, `"name": true`), ErrType,
			`line 3 column 11: name: got true, want a string`},
		{"short Go array", edit(`[0, 0, 1]`, `[0, 0]`), ErrType,
			`line 10 column 13: origin: got 2 elements, want 3`},
		{"long Go array in a custom type's fields", edit(`[[0, 1]]`, `[[0, 1, 2]]`), ErrType,
			`line 6 column 55: connections[1].Pairs[0]: got 3 elements, want 2`},
		{"map key not an int", edit(`{"3": "three"}`, `{"three": "three"}`), ErrType,
			`line 9 column 14: by_gid.three: key "three": want an integer key`},
		{"custom UnmarshalJSON error", edit(`"level": "high"`, `"level": "bad"`), nil,
			`line 11 column 12: level: level "bad" refused`},
		{"custom UnmarshalJSON error with At", edit(`"level": "high"`, `"level": {"x": 1}`), nil,
			`line 11 column 13: level.inner: objects are not levels`},
		{"float overflow in an any", edit(`[1, "x", null]`, `[1, {"y": [1e400]}]`), ErrType,
			`line 13 column 21: any[1].y[0]: 1e400 is out of the range of float64`},
		{"odd key in a path", edit(`{"x": 1}`, `{"a.b": "x"}`), ErrType,
			`line 8 column 22: weights["a.b"]: got "x", want a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v net
			err := Decode([]byte(tt.in), &v)
			if err == nil {
				t.Fatalf("no error for\n%s", tt.in)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n %s\nwant\n %s", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Column < 1 {
				t.Errorf("error %#v is not a placed *Error", err)
			}
			if tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
		})
	}
}

// TestDecodeNamed checks the file name form, and columns in characters.
func TestDecodeNamed(t *testing.T) {
	var v net
	err := DecodeNamed("model.json", []byte("{\"name\": \"é→\", \"nam\": 1}"), &v)
	want := `model.json:1:16: nam: unknown key "nam" (did you mean "name"?)`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestUnmarshalStrict checks that a custom UnmarshalJSON built on
// Unmarshal is strict under plain json.Unmarshal too.
func TestUnmarshalStrict(t *testing.T) {
	var v net
	err := json.Unmarshal([]byte(`{"connections": [{"src": "a", "weight": 1}]}`), &v)
	if err == nil || !strings.Contains(err.Error(), `unknown field "weight"`) {
		t.Errorf("json.Unmarshal: error %v, want one about the unknown field", err)
	}
	if err := Unmarshal([]byte(`{"src": "a"} `), new(connFields)); err != nil {
		t.Error(err)
	}
}

func TestReadLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"name": "`+strings.Repeat("x", 1<<10)+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFileLimit(big, 1<<10)
	if want := big + ": larger than the 1 KiB limit on JSON input"; err == nil || err.Error() != want {
		t.Errorf("ReadFile: error %v, want %s", err, want)
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v is not ErrTooLarge", err)
	}
	_, err = ReadAllLimit("stdin", strings.NewReader(strings.Repeat(" ", 1<<10+1)), 1<<10)
	if want := "stdin: larger than the 1 KiB limit on JSON input"; err == nil || err.Error() != want {
		t.Errorf("ReadAll: error %v, want %s", err, want)
	}
	if b, err := ReadAllLimit("", strings.NewReader(strings.Repeat(" ", 1<<10)), 1<<10); err != nil || len(b) != 1<<10 {
		t.Errorf("ReadAll at the limit: %d bytes, %v", len(b), err)
	}
	ok := filepath.Join(dir, "ok.json")
	if err := os.WriteFile(ok, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	var v net
	if err := DecodeFile(ok, &v); err != nil || v.Name != "ok" {
		t.Errorf("DecodeFile: %v, %+v", err, v)
	}
	if _, err := ReadFile(filepath.Join(dir, "none.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\né→x\n")
	for _, c := range []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {8, 2, 3}, {9, 2, 4}, {10, 3, 1}, {100, 3, 1}, {-1, 1, 1}} {
		if l, col := Position(data, c.off); l != c.line || col != c.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

// TestDeepNesting checks that nesting is bounded as encoding/json bounds
// it, without exhausting the stack.
func TestDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	var v any
	err := Decode([]byte(deep), &v)
	if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "exceeded max depth") {
		t.Errorf("error %v, want a syntax error about depth", err)
	}
}

func TestNearest(t *testing.T) {
	s := structFields(reflect.TypeFor[net]())
	for key, want := range map[string]string{
		"weight": "weights", "nme": "name", "Origin": "origin", "conections": "connections", "xyz": "", "o": "on",
	} {
		if got := s.nearest(key); got != want {
			t.Errorf("nearest(%q) = %q, want %q", key, got, want)
		}
	}
}

func ExampleDecode() {
	type connection struct {
		Src      string  `json:"src"`
		WeightUS float64 `json:"weight_uS"`
	}
	var net struct {
		Connections []connection `json:"connections"`
	}
	err := Decode([]byte(`{"connections": [
  {"src": "L2", "weight_uS": 0.1},
  {"src": "L5", "weight": 0.2}
]}`), &net)
	fmt.Println(err)
	// Output:
	// line 3 column 17: connections[1].weight: unknown key "weight" (did you mean "weight_uS"?)
}

func BenchmarkDecode(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"id": 1, "name": "big", "connections": [`)
	for i := range 5000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"src": "s` + strconv.Itoa(i) + `", "weight_uS": 0.001, "Pairs": [[1, 2], [3, 4]]}`)
	}
	sb.WriteString(`], "origin": [0, 0, 0]}`)
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v net
		if err := Decode(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadBinary checks that binary input is refused at its first NUL
// byte, not read to the cap: /dev/zero would otherwise allocate 256 MiB.
func TestReadBinary(t *testing.T) {
	big := strings.Repeat(" ", 200<<10)
	tests := []struct {
		name string
		path string // a file to read, else data
		data string
		want string
	}{
		{"dev zero", "/dev/zero", "", "/dev/zero: a NUL byte at offset 0: binary data, not JSON or text"},
		{"NUL in a later chunk", "", big + "\x00{}", fmt.Sprintf("in: a NUL byte at offset %d", 200<<10)},
		{"text", "", big + "{}", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			var b []byte
			var err error
			if tc.path != "" {
				if _, e := os.Stat(tc.path); e != nil {
					t.Skip(e)
				}
				b, err = ReadFile(tc.path)
			} else {
				b, err = ReadAll("in", strings.NewReader(tc.data))
			}
			runtime.ReadMemStats(&after)
			if tc.want == "" {
				if err != nil || string(b) != tc.data {
					t.Errorf("read %d bytes, %v; want %d", len(b), err, len(tc.data))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrSyntax) {
				t.Errorf("error %v, want %q (ErrSyntax)", err, tc.want)
			}
			if a := after.TotalAlloc - before.TotalAlloc; a > 10<<20 {
				t.Errorf("allocated %d bytes before refusing", a)
			}
		})
	}
}
