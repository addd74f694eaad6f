package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// runsString renders runs as "a=1 b=x c=true; ..." for comparison.
func runsString(runs []Run) string {
	var parts []string
	for i, r := range runs {
		if r.Index != i {
			return fmt.Sprintf("run %d has Index %d", i, r.Index)
		}
		var ps []string
		for _, p := range r.Params {
			ps = append(ps, p.Name+"="+p.Value.String())
		}
		parts = append(parts, strings.Join(ps, " "))
	}
	return strings.Join(parts, "; ")
}

func TestGridRuns(t *testing.T) {
	tests := []struct {
		name string
		grid Grid
		want string
	}{
		{
			// HNN-core: dict(zip(keys, c)) for c in itertools.product(*values):
			// the last parameter varies fastest. Worked out by hand from
			// the itertools.product documentation.
			name: "product",
			grid: Grid{Combinations: true, Axes: []Axis{
				{"a", []Value{Int(1), Int(2)}},
				{"b", []Value{Text("x"), Text("y"), Text("z")}},
				{"c", []Value{Bool(true), Bool(false)}},
			}},
			want: "a=1 b=x c=true; a=1 b=x c=false; a=1 b=y c=true; a=1 b=y c=false; a=1 b=z c=true; a=1 b=z c=false; " +
				"a=2 b=x c=true; a=2 b=x c=false; a=2 b=y c=true; a=2 b=y c=false; a=2 b=z c=true; a=2 b=z c=false",
		},
		{
			name: "product of one",
			grid: Grid{Combinations: true, Axes: []Axis{{"w", Floats(0.5, 0.25)}}},
			want: "w=0.5; w=0.25",
		},
		{
			// HNN-core: dict(zip(keys, c)) for c in zip(*values).
			name: "zip",
			grid: Grid{Axes: []Axis{
				{"a", []Value{Int(1), Int(2), Int(3)}},
				{"b", []Value{Text("x"), Text("y"), Text("z")}},
			}},
			want: "a=1 b=x; a=2 b=y; a=3 b=z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.grid.Validate(); err != nil {
				t.Fatal(err)
			}
			runs := tt.grid.Runs()
			if got := runsString(runs); got != tt.want {
				t.Errorf("runs\n got %s\nwant %s", got, tt.want)
			}
			if tt.grid.Len() != len(runs) {
				t.Errorf("Len %d, %d runs", tt.grid.Len(), len(runs))
			}
		})
	}
}

func TestRunsOwnTheirParams(t *testing.T) {
	g := Grid{Combinations: true, Axes: []Axis{{"a", Floats(1, 2)}, {"b", Floats(3)}}}
	runs := g.Runs()
	runs[0].Params[0].Value = Float(99)
	if f, _ := runs[1].Float("a"); f != 2 {
		t.Errorf("run 1 a = %v", f)
	}
	if f, _ := g.Runs()[0].Float("a"); f != 1 {
		t.Errorf("grid changed through a run: %v", f)
	}
}

func TestGridValidateErrors(t *testing.T) {
	big := make([]Value, 5000)
	for i := range big {
		big[i] = Int(int64(i))
	}
	tests := []struct {
		name string
		grid *Grid
		want []string // substrings of the error
	}{
		{"nil", nil, []string{"no parameters"}},
		{"empty", &Grid{}, []string{"no parameters"}},
		{"no values", &Grid{Axes: []Axis{{"w", nil}}}, []string{`"w"`, "no values"}},
		{"empty name", &Grid{Axes: []Axis{{"a", Floats(1)}, {"", Floats(1)}}}, []string{"parameter 2", "empty name"}},
		{"reserved", &Grid{Axes: []Axis{{"run", Floats(1)}}}, []string{`"run"`, "reserved"}},
		{"duplicate", &Grid{Combinations: true, Axes: []Axis{{"a", Floats(1)}, {"b", Floats(1)}, {"a", Floats(2)}}},
			[]string{`"a" appears twice`, "parameters 1 and 3"}},
		{"zip lengths", &Grid{Axes: []Axis{{"weight_pyr", Floats(1, 2, 3)}, {"weight_basket", Floats(1, 2)}}},
			[]string{"combinations false", `"weight_pyr" has 3 values`, `"weight_basket" has 2`}},
		{"NaN", &Grid{Axes: []Axis{{"w", Floats(1, math.NaN())}}}, []string{`"w" value 2`, "NaN is not finite"}},
		{"Inf", &Grid{Axes: []Axis{{"w", Floats(math.Inf(-1))}}}, []string{`"w" value 1`, "-Inf is not finite"}},
		{"zero value", &Grid{Axes: []Axis{{"w", []Value{Int(1), {}}}}}, []string{`"w" value 2`, "missing value"}},
		{"too many", &Grid{Combinations: true, Axes: []Axis{{"a", big}, {"b", big}}}, []string{"more than 10000000 runs", "a: 5000, b: 5000"}},
		{"meta", &Grid{Axes: []Axis{{"w", Floats(1)}}, Meta: json.RawMessage(`{"x":`)}, []string{"meta is not valid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.grid.Validate()
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestCheckNames(t *testing.T) {
	g := Grid{Axes: []Axis{{"weight_pyr", Floats(1)}, {"bogus", Floats(1)}}}
	known := func(name string) error {
		if name != "weight_pyr" {
			return errors.New("no such parameter in model jones2009")
		}
		return nil
	}
	err := g.CheckNames(known)
	if err == nil || !strings.Contains(err.Error(), `"bogus"`) || !strings.Contains(err.Error(), "jones2009") {
		t.Errorf("error %v", err)
	}
}

func TestParseGrid(t *testing.T) {
	// Key order from the file is kept (z before a), literals round-trip,
	// and "combinations" defaults to true.
	in := `{
	  "parameters": {
	    "z": [1e-4, 2.50, 3, -0, 12345678901234567890],
	    "a": ["x", "y \"q\""],
	    "m": [true, false]
	  },
	  "meta": {"model": "jones2009",  "tstop_ms": 170}
	}`
	g, err := ParseGrid([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(g.Names(), ","); got != "z,a,m" {
		t.Errorf("names %s", got)
	}
	if !g.Combinations || g.Len() != 20 {
		t.Errorf("combinations %v, %d runs", g.Combinations, g.Len())
	}
	out, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"parameters":{"z":[1e-4,2.50,3,-0,12345678901234567890],"a":["x","y \"q\""],"m":[true,false]},"combinations":true,"meta":{"model":"jones2009","tstop_ms":170}}`
	if string(out) != want {
		t.Errorf("round trip\n got %s\nwant %s", out, want)
	}
	g2, err := ParseGrid(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := g2.diff(g); d != "" {
		t.Errorf("round trip differs: %s", d)
	}
	if v := g.Axes[0].Values[1]; v.String() != "2.50" {
		t.Errorf("literal %s", v)
	}
}

func TestParseGridGenerators(t *testing.T) {
	g, err := ParseGrid([]byte(`{"parameters": {"w": {"logspace": [-4, -1, 20]}, "x": {"linspace": [0, 1, 20]}}, "combinations": false}`))
	if err != nil {
		t.Fatal(err)
	}
	if g.Combinations || g.Len() != 20 {
		t.Fatalf("combinations %v, %d runs", g.Combinations, g.Len())
	}
	ws := Logspace(-4, -1, 20)
	for i, v := range g.Axes[0].Values {
		if f, _ := v.Float(); f != ws[i] {
			t.Errorf("w[%d] = %v, want %v", i, f, ws[i])
		}
	}
	if s := g.Axes[0].Values[0].String(); s != "0.0001" {
		t.Errorf("w[0] written as %s", s)
	}
}

func TestParseGridErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`[]`, "grid must be a JSON object"},
		{`{}`, `no "parameters"`},
		{`{"parameters": {}}`, "no parameters"},
		{`{"parameters": {"w": [1]}, "combination": true}`, `unknown key "combination"`},
		{`{"parameters": {"w": [1]}, "combinations": "yes"}`, `"combinations" must be true or false, not "yes"`},
		{`{"parameters": []}`, `"parameters" must be a JSON object, not an array`},
		{`{"parameters": {"w": 3}}`, `parameter "w": want an array of values, got 3`},
		{`{"parameters": {"w": [1, null]}}`, `parameter "w": null is not a parameter value`},
		{`{"parameters": {"w": [[1]]}}`, `parameter "w": [1] is not a parameter value`},
		{`{"parameters": {"w": [{"a": 1}]}}`, `parameter "w": {"a": 1} is not a parameter value`},
		{`{"parameters": {"w": [1e400]}}`, `parameter "w": number 1e400 is out of the float64 range`},
		{`{"parameters": {"w": [1], "w": [2]}}`, `"w" appears twice`},
		{`{"parameters": {"w": [1, 2], "v": [1]}, "combinations": false}`, `"w" has 2 values and "v" has 1`},
		{`{"parameters": {"w": []}}`, `"w" has no values`},
		{`{"parameters": {"w": {"geomspace": [1, 2, 3]}}}`, `parameter "w": unknown generator "geomspace"`},
		{`{"parameters": {"w": {"linspace": [1, 2]}}}`, `linspace wants [start, stop, num], got [1, 2]`},
		{`{"parameters": {"w": {"linspace": [1, 2, 2.5]}}}`, `linspace num must be an integer from 1 to 10000000, got 2.5`},
		{`{"parameters": {"w": {"logspace": [1, 2, 0]}}}`, `num must be an integer`},
		{`{"parameters": {"w": {"logspace": [300, 400, 3]}}}`, `"w" value 2: number +Inf is not finite`},
		{`{"parameters": {"w": [1]}} x`, `line 1 column 28: invalid character`},
		{"{\n  \"parameters\": {\"w\": [1,]}}", `line 2 column 26: invalid character`},
		{`{"parameters": {"w": [1]`, `unexpected end`},
	}
	for _, tt := range tests {
		_, err := ParseGrid([]byte(tt.in))
		if err == nil {
			t.Errorf("%s: no error", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q lacks %q", tt.in, err, tt.want)
		}
	}
}

func TestGridDiff(t *testing.T) {
	base := func() *Grid {
		return &Grid{Combinations: true, Axes: []Axis{{"a", Floats(0.1, 0.2)}, {"b", []Value{Text("x")}}}}
	}
	tests := []struct {
		name   string
		change func(g *Grid)
		want   string
	}{
		{"same", func(g *Grid) {}, ""},
		{"literal", func(g *Grid) { g.Axes[0].Values[0] = Value{kind: KindNumber, num: 0.1, text: "1e-1"} }, ""},
		{"combinations", func(g *Grid) { g.Combinations = false }, `"combinations" is false here but true in the recorded grid`},
		{"added", func(g *Grid) { g.Axes = append(g.Axes, Axis{"c", Floats(1)}) }, `parameter "c" is not in the recorded grid`},
		{"removed", func(g *Grid) { g.Axes = g.Axes[:1] }, `recorded parameter "b" is missing here`},
		{"order", func(g *Grid) { g.Axes[0], g.Axes[1] = g.Axes[1], g.Axes[0] }, "order [b a] here but [a b]"},
		{"length", func(g *Grid) { g.Axes[0].Values = Floats(0.1) }, `parameter "a" has 1 values here but 2`},
		{"value", func(g *Grid) { g.Axes[0].Values[1] = Float(0.3) }, `parameter "a" value 2 is 0.3 here but 0.2 in the recorded grid`},
		{"kind", func(g *Grid) { g.Axes[1].Values[0] = Bool(true) }, `parameter "b" value 1 is true here but x`},
		{"meta", func(g *Grid) { g.Meta = json.RawMessage(`{"m":1}`) }, `meta is {"m":1} here but null`},
	}
	for _, tt := range tests {
		g := base()
		tt.change(g)
		got := g.diff(base())
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%s: diff %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestParseGridYAML reads YAML grids: the same grid as TestParseGrid's and
// the generators (key order and number literals kept, anchors resolved),
// and errors that name the line.
func TestParseGridYAML(t *testing.T) {
	in := `# a YAML grid
parameters:
  z: [1e-4, 2.50, 3, -0, 12345678901234567890]
  a: [x, 'y "q"']
  m:
    - true
    - false
meta: {model: jones2009, tstop_ms: 170}
`
	g, err := ParseGridYAML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"parameters":{"z":[1e-4,2.50,3,-0,12345678901234567890],"a":["x","y \"q\""],"m":[true,false]},"combinations":true,"meta":{"model":"jones2009","tstop_ms":170}}`
	if string(out) != want {
		t.Errorf("YAML grid\n got %s\nwant %s", out, want)
	}
	g, err = ParseGridYAML([]byte("parameters:\n  w: &ws {logspace: [-4, -1, 20]}\n  x: *ws\ncombinations: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 20 || g.Axes[1].Values[19].String() != "0.1" {
		t.Errorf("generators: %d runs, x[19] = %s", g.Len(), g.Axes[1].Values[19])
	}
	for _, tt := range []struct{ in, want string }{
		{"", "empty YAML document"},
		{"parameters:\n  w: [1, 2\n", "yaml: line 1: did not find expected ','"},
		{"parameters:\n  w: [.nan]\n", "line 2: .nan is not a finite number"},
		{"parameters:\n  ? [a]\n  : [1]\n", "line 2: a mapping key must be a plain value"},
		{"parameters:\n  w: [1]\n  w: [2]\n", `"w" appears twice`},
		{"parameters:\n  w: 3\n", `parameter "w": want an array of values, got 3`},
	} {
		if _, err := ParseGridYAML([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestParseGridYAMLAliasBomb checks that a YAML alias bomb (the
// "billion laughs") is refused quickly, before it expands.
func TestParseGridYAMLAliasBomb(t *testing.T) {
	bomb := func(levels int) string {
		var b strings.Builder
		b.WriteString("a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n")
		for i := 1; i < levels; i++ {
			fmt.Fprintf(&b, "a%d: &a%d [*a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d]\n", i, i, i-1)
		}
		fmt.Fprintf(&b, "parameters:\n  w: *a%d\n", levels-1)
		return b.String()
	}
	for _, tt := range []struct {
		name   string
		levels int
	}{{"1e9 values", 9}, {"1e20 values", 20}} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := ParseGridYAML([]byte(bomb(tt.levels)))
			if err == nil || !strings.Contains(err.Error(), "expands (aliases expanded) to more than 1000000 values") {
				t.Errorf("error %v, want the expansion refused", err)
			}
			// Expanding the aliases would take hours (1e9 or 1e20 values):
			// a generous bound that a loaded machine never reaches tells a
			// refusal at the count from an expansion, without timing the
			// refusal itself.
			if took := time.Since(start); took > 30*time.Second {
				t.Errorf("refused after %v: the aliases were expanded", took)
			}
		})
	}
}
