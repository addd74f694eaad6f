package batch

import "testing"

// fuzzGrid checks a parsed grid: a grid that validates and is small
// expands into runs, one per combination.
func fuzzGrid(t *testing.T, g *Grid) {
	if err := g.Validate(); err != nil {
		return
	}
	n := g.Len()
	if n > 1000 {
		return
	}
	if runs := g.Runs(); len(runs) != n {
		t.Fatalf("Len %d, Runs %d", n, len(runs))
	}
}

// FuzzParseGrid parses fuzzed JSON grids. Errors are fine; panics are
// bugs. Seeds: testdata/fuzz/FuzzParseGrid.
func FuzzParseGrid(f *testing.F) {
	f.Add([]byte(`{"parameters": {"z": [1e-4, 2.50, 3], "a": ["x", "y"], "m": [true, false]}, "meta": {"model": "jones2009", "tstop_ms": 170}}`))
	f.Add([]byte(`{"parameters": {"w": {"logspace": [-4, -1, 5]}, "x": {"linspace": [0, 1, 3]}}, "combinations": false}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGrid(data)
		if err != nil {
			return
		}
		fuzzGrid(t, g)
	})
}

// FuzzParseGridYAML parses fuzzed YAML grids. Errors are fine; panics
// are bugs. Seeds: testdata/fuzz/FuzzParseGridYAML.
func FuzzParseGridYAML(f *testing.F) {
	f.Add([]byte("parameters:\n  z: [1e-4, 2.50, 3]\n  a: [x, 'y \"q\"']\n  m:\n    - true\n    - false\nmeta: {model: jones2009, tstop_ms: 170}\n"))
	f.Add([]byte("parameters:\n  w: &ws {logspace: [-4, -1, 20]}\n  x: *ws\ncombinations: false\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGridYAML(data)
		if err != nil {
			return
		}
		fuzzGrid(t, g)
	})
}
