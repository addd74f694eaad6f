package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/model/jsonstrict"
)

// MaxRuns is the largest number of runs a grid may have.
const MaxRuns = 10_000_000

// Axis is one parameter of a grid: its name and the values it takes, in
// order.
type Axis struct {
	Name   string
	Values []Value
}

// Grid is a parameter grid: ordered named lists of values, as HNN-core's
// BatchSimulate param_grid.
//
// With Combinations set the runs are the Cartesian product of the axes in
// the order of Python's itertools.product over the axes in order: the last
// axis varies fastest. Without it the axes are zipped: run i takes the i-th
// value of every axis, and all axes must have the same length (HNN-core
// uses Python's zip, which silently drops the tail of longer lists; here
// that is an error). Note that the zero Grid zips, while a grid file
// without "combinations" takes the product, as HNN-core's default.
//
// Meta is optional JSON that the caller records with the grid, e.g. the
// base model the parameters apply to, or its hash. Sweep refuses to resume
// a batch directory whose recorded grid has different axes, values,
// Combinations or Meta (Meta is compared as compacted JSON text).
type Grid struct {
	Axes         []Axis
	Combinations bool
	Meta         json.RawMessage
}

// Names returns the parameter names in order.
func (g *Grid) Names() []string {
	names := make([]string, len(g.Axes))
	for i, a := range g.Axes {
		names[i] = a.Name
	}
	return names
}

// reserved are column names of summary.csv that parameters may not take.
var reserved = [...]string{"run", "error"}

// Validate reports the first problem that would keep the grid from
// running: no axes, an axis with no name, a reserved name ("run",
// "error"), a name used twice, an axis with no values, a missing or
// non-finite value, axes of different lengths without Combinations, more
// than MaxRuns runs, or Meta that is not valid JSON.
func (g *Grid) Validate() error {
	if g == nil || len(g.Axes) == 0 {
		return errors.New("batch: grid has no parameters")
	}
	seen := make(map[string]int, len(g.Axes))
	for i, a := range g.Axes {
		if a.Name == "" {
			return fmt.Errorf("batch: grid parameter %d has an empty name", i+1)
		}
		for _, r := range reserved {
			if a.Name == r {
				return fmt.Errorf("batch: grid parameter %q: the name is reserved for a column of summary.csv", a.Name)
			}
		}
		if j, dup := seen[a.Name]; dup {
			return fmt.Errorf("batch: grid parameter %q appears twice (parameters %d and %d)", a.Name, j+1, i+1)
		}
		seen[a.Name] = i
		if len(a.Values) == 0 {
			return fmt.Errorf("batch: grid parameter %q has no values", a.Name)
		}
		for k, v := range a.Values {
			if err := v.check(); err != nil {
				return fmt.Errorf("batch: grid parameter %q value %d: %w", a.Name, k+1, err)
			}
		}
	}
	if g.Combinations {
		n := 1
		for _, a := range g.Axes {
			if n > MaxRuns/len(a.Values) {
				return fmt.Errorf("batch: grid has more than %d runs (the product of %s)", MaxRuns, g.lengths())
			}
			n *= len(a.Values)
		}
	} else {
		first := g.Axes[0]
		for _, a := range g.Axes[1:] {
			if len(a.Values) != len(first.Values) {
				return fmt.Errorf("batch: grid with combinations false needs parameters of equal length, but %q has %d values and %q has %d (%s)",
					first.Name, len(first.Values), a.Name, len(a.Values), g.lengths())
			}
		}
		if len(first.Values) > MaxRuns {
			return fmt.Errorf("batch: grid has more than %d runs (%s)", MaxRuns, g.lengths())
		}
	}
	if len(g.Meta) > 0 && !json.Valid(g.Meta) {
		return fmt.Errorf("batch: grid meta is not valid JSON: %s", abbrev(g.Meta))
	}
	return nil
}

// lengths lists the axes as "a: 3, b: 4".
func (g *Grid) lengths() string {
	parts := make([]string, len(g.Axes))
	for i, a := range g.Axes {
		parts[i] = fmt.Sprintf("%s: %d", a.Name, len(a.Values))
	}
	return strings.Join(parts, ", ")
}

// CheckNames calls known for every parameter name in order and returns
// the first error, naming the parameter; the CLI uses it to reject a
// parameter the model does not have before anything runs.
func (g *Grid) CheckNames(known func(name string) error) error {
	for _, a := range g.Axes {
		if err := known(a.Name); err != nil {
			return fmt.Errorf("batch: grid parameter %q: %w", a.Name, err)
		}
	}
	return nil
}

// Len returns the number of runs: the product of the axis lengths with
// Combinations, else the shortest axis length (0 for a grid with no axes).
// It is meaningful for a valid grid; see Validate.
func (g *Grid) Len() int {
	if len(g.Axes) == 0 {
		return 0
	}
	n := len(g.Axes[0].Values)
	for _, a := range g.Axes[1:] {
		if g.Combinations {
			if n != 0 && len(a.Values) > math.MaxInt/n {
				return math.MaxInt
			}
			n *= len(a.Values)
		} else {
			n = min(n, len(a.Values))
		}
	}
	return n
}

// Runs returns every run of the grid in order, Index 0 to Len()-1. Each
// run has its own Params slice, in axis order. Call Validate first: Runs
// does not check the grid (a zipped grid of unequal axes gives the
// shortest length, as Python's zip) and returns nil for a grid over
// MaxRuns.
func (g *Grid) Runs() []Run {
	n := g.Len()
	if n > MaxRuns {
		return nil
	}
	runs := make([]Run, n)
	idx := make([]int, len(g.Axes)) // odometer for the product
	for r := range runs {
		params := make([]Param, len(g.Axes))
		for k, a := range g.Axes {
			j := r
			if g.Combinations {
				j = idx[k]
			}
			params[k] = Param{Name: a.Name, Value: a.Values[j]}
		}
		runs[r] = Run{Index: r, Params: params}
		if g.Combinations {
			for k := len(idx) - 1; k >= 0; k-- {
				idx[k]++
				if idx[k] < len(g.Axes[k].Values) {
					break
				}
				idx[k] = 0
			}
		}
	}
	return runs
}

// ParseGrid reads a grid file and validates it. The format is
//
//	{
//	  "parameters": {
//	    "weight_basket": [0.0001, 0.001, 0.01],
//	    "weight_pyr": {"logspace": [-4, -2, 3]},
//	    "model": ["jones2009", "law2021"]
//	  },
//	  "combinations": true,
//	  "meta": {"any": "JSON"}
//	}
//
// "parameters" is required and keeps the order of its keys. A parameter's
// values are a JSON array of numbers, strings and booleans, or one of
// {"linspace": [start, stop, num]} and {"logspace": [start, stop, num]},
// which expand to Linspace and Logspace. "combinations" defaults to true,
// as in HNN-core. "meta" is optional (see Grid). Other keys are errors,
// and so is a key given twice (anywhere, "meta" included). Errors in the
// file give the line and column (package model/jsonstrict), e.g.
//
//	batch: grid: line 3 column 3: grid has unknown key "combination" (want "parameters", "combinations" or "meta")
func ParseGrid(data []byte) (*Grid, error) {
	g := new(Grid)
	if err := jsonstrict.Decode(data, g); err != nil {
		var e *jsonstrict.Error
		if errors.As(err, &e) {
			e.Err = stripPrefix(e.Err)
		}
		return nil, fmt.Errorf("batch: grid: %w", err)
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	return g, nil
}

// parseGridPlain is ParseGrid for JSON made from another format, whose
// positions would mislead: no line and column, and repeated keys are
// left to the other format's reader (and Validate).
func parseGridPlain(data []byte) (*Grid, error) {
	g := new(Grid)
	if err := json.Unmarshal(data, g); err != nil {
		return nil, err
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	return g, nil
}

// ReadGrid reads and validates the grid file at path: YAML (ParseGridYAML)
// if its name ends in .yaml or .yml, else JSON (ParseGrid). Files larger
// than jsonstrict.MaxSize are errors.
func ReadGrid(path string) (*Grid, error) {
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	parse := ParseGrid
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".yaml" || ext == ".yml" {
		parse = ParseGridYAML
	}
	g, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

// MarshalJSON writes the grid in the format ParseGrid reads, with the
// values expanded, "combinations" always present and numbers as their
// literals.
func (g Grid) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"parameters":{`)
	for i, a := range g.Axes {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(a.Name)
		b.Write(name)
		b.WriteString(":[")
		for k, v := range a.Values {
			if k > 0 {
				b.WriteByte(',')
			}
			vb, err := v.MarshalJSON()
			if err != nil {
				return nil, fmt.Errorf("batch: grid parameter %q value %d: %w", a.Name, k+1, err)
			}
			b.Write(vb)
		}
		b.WriteByte(']')
	}
	b.WriteString(`},"combinations":`)
	b.WriteString(strconv.FormatBool(g.Combinations))
	if len(g.Meta) > 0 {
		b.WriteString(`,"meta":`)
		if err := json.Compact(&b, g.Meta); err != nil {
			return nil, fmt.Errorf("batch: grid meta: %w", err)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the grid format described at ParseGrid. It does not
// validate the grid; ParseGrid does. Errors are placed in data
// (jsonstrict.At), for ParseGrid to give their line and column.
func (g *Grid) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	out := Grid{Combinations: true}
	seen := map[string]bool{}
	err := readObjectAt(dec, data, "grid", func(key string, keyOff int64) error {
		if seen[key] {
			return jsonstrict.At(keyOff, "", fmt.Errorf("batch: grid has key %q twice", key))
		}
		seen[key] = true
		valOff := tokenStart(dec, data)
		switch key {
		case "parameters":
			return readObjectAt(dec, data, `grid "parameters"`, func(name string, _ int64) error {
				off := tokenStart(dec, data)
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return jsonstrict.At(off, "", fmt.Errorf("batch: grid parameter %q: %w", name, err))
				}
				vals, err := parseValues(raw)
				if err != nil {
					return jsonstrict.At(off, "", fmt.Errorf("batch: grid parameter %q: %w", name, err))
				}
				out.Axes = append(out.Axes, Axis{Name: name, Values: vals})
				return nil
			})
		case "combinations":
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return jsonstrict.At(valOff, "", fmt.Errorf("batch: grid \"combinations\": %w", err))
			}
			if err := json.Unmarshal(raw, &out.Combinations); err != nil {
				return jsonstrict.At(valOff, "", fmt.Errorf("batch: grid \"combinations\" must be true or false, not %s", abbrev(raw)))
			}
		case "meta":
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return jsonstrict.At(valOff, "", fmt.Errorf("batch: grid \"meta\": %w", err))
			}
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				return jsonstrict.At(valOff, "", fmt.Errorf("batch: grid \"meta\": %w", err))
			}
			out.Meta = c.Bytes()
		default:
			return jsonstrict.At(keyOff, "", fmt.Errorf("batch: grid has unknown key %q (want \"parameters\", \"combinations\" or \"meta\")", key))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !seen["parameters"] {
		return jsonstrict.At(0, "", errors.New(`batch: grid has no "parameters"`))
	}
	*g = out
	return nil
}

// tokenStart returns the offset in data of the token dec reads next
// (dec reads data).
func tokenStart(dec *json.Decoder, data []byte) int64 {
	off := dec.InputOffset()
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return off
}

// parseValues reads a parameter's values: an array, or a linspace or
// logspace object.
func parseValues(raw json.RawMessage) ([]Value, error) {
	raw = bytes.TrimSpace(raw)
	switch raw[0] {
	case '[':
		var vals []Value
		if err := json.Unmarshal(raw, &vals); err != nil {
			var ue *json.UnmarshalTypeError
			if errors.As(err, &ue) {
				return nil, fmt.Errorf("want an array of values, got %s", abbrev(raw))
			}
			return nil, stripPrefix(err)
		}
		return vals, nil
	case '{':
		var spec map[string]json.RawMessage
		if err := json.Unmarshal(raw, &spec); err != nil {
			return nil, err
		}
		if len(spec) != 1 {
			return nil, fmt.Errorf(`want an array of values or one of {"linspace": [start, stop, num]} and {"logspace": [start, stop, num]}, got %s`, abbrev(raw))
		}
		for kind, args := range spec {
			var f func(float64, float64, int) []float64
			switch kind {
			case "linspace":
				f = Linspace
			case "logspace":
				f = Logspace
			default:
				return nil, fmt.Errorf(`unknown generator %q (want "linspace" or "logspace")`, kind)
			}
			var a []float64
			if err := json.Unmarshal(args, &a); err != nil || len(a) != 3 {
				return nil, fmt.Errorf("%s wants [start, stop, num], got %s", kind, abbrev(args))
			}
			if a[2] < 1 || a[2] != math.Trunc(a[2]) || a[2] > MaxRuns {
				return nil, fmt.Errorf("%s num must be an integer from 1 to %d, got %s", kind, MaxRuns, strconv.FormatFloat(a[2], 'g', -1, 64))
			}
			return Floats(f(a[0], a[1], int(a[2]))...), nil
		}
	}
	return nil, fmt.Errorf("want an array of values, got %s", abbrev(raw))
}

// stripPrefix removes a "batch: " prefix from a nested error message.
func stripPrefix(err error) error {
	if msg, ok := strings.CutPrefix(err.Error(), "batch: "); ok {
		return errors.New(msg)
	}
	return err
}

// readObject reads a JSON object from dec, calling field with each key in
// order; field must consume the key's value from dec.
func readObject(dec *json.Decoder, what string, field func(key string) error) error {
	return readObjectAt(dec, nil, what, func(key string, _ int64) error { return field(key) })
}

// readObjectAt is readObject for a decoder reading data, which places its
// own errors (jsonstrict.At) and gives field the offset of each key.
func readObjectAt(dec *json.Decoder, data []byte, what string, field func(key string, keyOff int64) error) error {
	at := func(off int64, err error) error {
		if data == nil {
			return err
		}
		return jsonstrict.At(off, "", err)
	}
	start := tokenStart(dec, data)
	t, err := dec.Token()
	if err != nil {
		return at(start, fmt.Errorf("batch: %s: %w", what, err))
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return at(start, fmt.Errorf("batch: %s must be a JSON object, not %v", what, describe(t)))
	}
	for dec.More() {
		off := tokenStart(dec, data)
		t, err := dec.Token()
		if err != nil {
			return at(off, fmt.Errorf("batch: %s: %w", what, err))
		}
		if err := field(t.(string), off); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("batch: %s: %w", what, err)
	}
	return nil
}

// describe names a JSON token for an error message.
func describe(t json.Token) string {
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return string(t)
	case string:
		return strconv.Quote(t)
	case nil:
		return "null"
	}
	return fmt.Sprint(t)
}

// diff describes the first way in which g differs from the recorded grid
// old, or returns "" if they describe the same runs.
func (g *Grid) diff(old *Grid) string {
	if g.Combinations != old.Combinations {
		return fmt.Sprintf(`"combinations" is %t here but %t in the recorded grid`, g.Combinations, old.Combinations)
	}
	oldIdx := make(map[string]int, len(old.Axes))
	for i, a := range old.Axes {
		oldIdx[a.Name] = i
	}
	newIdx := make(map[string]int, len(g.Axes))
	for i, a := range g.Axes {
		newIdx[a.Name] = i
		if _, ok := oldIdx[a.Name]; !ok {
			return fmt.Sprintf("parameter %q is not in the recorded grid", a.Name)
		}
	}
	for _, a := range old.Axes {
		if _, ok := newIdx[a.Name]; !ok {
			return fmt.Sprintf("recorded parameter %q is missing here", a.Name)
		}
	}
	for i, a := range g.Axes {
		if old.Axes[i].Name != a.Name {
			return fmt.Sprintf("parameters are in the order %v here but %v in the recorded grid", g.Names(), old.Names())
		}
	}
	for i, a := range g.Axes {
		o := old.Axes[i]
		if len(a.Values) != len(o.Values) {
			return fmt.Sprintf("parameter %q has %d values here but %d in the recorded grid", a.Name, len(a.Values), len(o.Values))
		}
		for k, v := range a.Values {
			if !v.Equal(o.Values[k]) {
				return fmt.Sprintf("parameter %q value %d is %s here but %s in the recorded grid", a.Name, k+1, v, o.Values[k])
			}
		}
	}
	if !bytes.Equal(compact(g.Meta), compact(old.Meta)) {
		return fmt.Sprintf("meta is %s here but %s in the recorded grid", abbrev(compact(g.Meta)), abbrev(compact(old.Meta)))
	}
	return ""
}

// compact returns JSON text without insignificant space ("null" if empty).
func compact(raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return []byte("null")
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return raw
	}
	return b.Bytes()
}
