package hnnparams

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/laminasim/lamina/model/jsonstrict"
)

// SyntaxError reports a malformed parameter file at a position.
type SyntaxError struct {
	// File is the file name ("" when parsing bytes with no name).
	File string
	// Line and Col are 1-based; Col is 0 when only the line is known.
	Line, Col int
	Msg       string
}

// Error implements error: "hnnparams: file:line:col: message".
func (e *SyntaxError) Error() string {
	var b strings.Builder
	b.WriteString("hnnparams: ")
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	fmt.Fprintf(&b, "%d:", e.Line)
	if e.Col > 0 {
		fmt.Fprintf(&b, "%d:", e.Col)
	}
	b.WriteByte(' ')
	b.WriteString(e.Msg)
	return b.String()
}

// ReadFile reads a parameter file as hnn_core.read_params does: the
// extension (".json" or ".param", case-sensitive) selects the format, the
// file must define at least one parameter, and the result is completed
// with HNN-core's defaults ([WithDefaults]): parameters the defaults do not
// know are dropped and missing ones take their default values. Unlike
// HNN-core, a key repeated in a JSON object is an error, and so is a file
// larger than jsonstrict.MaxSize (256 MiB).
func ReadFile(path string) (Params, error) {
	if err := checkExt(path); err != nil {
		return Params{}, err
	}
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return Params{}, fmt.Errorf("hnnparams: %w", err)
	}
	return Parse(path, data)
}

// checkExt returns an error unless name ends in .json or .param.
func checkExt(name string) error {
	switch ext := pySplitExt(name); ext {
	case ".json", ".param":
		return nil
	default:
		return fmt.Errorf("hnnparams: %s: unrecognized extension %q, expected one of .json, .param", name, ext)
	}
}

// Parse reads the contents of a parameter file named name, as
// hnn_core.read_params(name, file_contents=data) does: see [ReadFile].
// Errors name the file and the line. In a ".json" file a repeated key
// is an error (HNN-core's json.loads keeps the last value; see ParseJSON).
func Parse(name string, data []byte) (Params, error) {
	if err := checkExt(name); err != nil {
		return Params{}, err
	}
	var raw Params
	var err error
	if pySplitExt(name) == ".json" {
		raw, err = parseJSONStrict(name, data)
	} else {
		raw, err = parseLegacy(name, data)
	}
	if err != nil {
		return Params{}, err
	}
	if raw.Len() == 0 {
		return Params{}, fmt.Errorf("hnnparams: %s: failed to read parameters from file: it defines none", name)
	}
	return WithDefaults(raw), nil
}

// ParseJSON returns the parameters of a flat JSON parameter file, in file
// order, as HNN-core's _read_json (json.loads) gives them before defaults
// are applied. The document must be one JSON object. Numbers with a
// fraction or exponent are floats, other numbers ints; NaN, Infinity and
// -Infinity are accepted; arrays and objects are kept as composites; a
// repeated key keeps its first position and its last value. Errors give
// the line and column.
func ParseJSON(data []byte) (Params, error) { return parseJSON("", data) }

func parseJSON(name string, data []byte) (Params, error) {
	p := &jsonParser{src: string(data), file: name}
	return p.parseTop()
}

// parseJSONStrict is parseJSON with repeated keys an error, in any object.
func parseJSONStrict(name string, data []byte) (Params, error) {
	p := &jsonParser{src: string(data), file: name, strict: true}
	return p.parseTop()
}

// ParseLegacy returns the parameters of a legacy HNN ".param" file, in
// file order, as HNN-core's _read_legacy_params gives them before defaults
// are applied. Every line must be "key: value" with exactly one colon (so
// a blank line is an error, as in HNN-core); key and value are stripped of
// white space. A value containing "." or "e" is a float if Python's
// float() accepts it, any other value an int if Python's int() accepts it,
// and otherwise the string itself (so "1E5" and "inf" stay strings, as in
// HNN-core). A repeated key keeps its first position and its last value.
// Errors give the line.
func ParseLegacy(data []byte) (Params, error) { return parseLegacy("", data) }

func parseLegacy(name string, data []byte) (Params, error) {
	text := string(data)
	if !utf8.ValidString(text) {
		line := 1 + strings.Count(text[:firstInvalid(text)], "\n")
		return Params{}, &SyntaxError{File: name, Line: line, Msg: "invalid UTF-8"}
	}
	var out Params
	for i, line := range pySplitLines(text) {
		fields := strings.Split(pyLStrip(line), ":")
		if len(fields) != 2 {
			return Params{}, &SyntaxError{File: name, Line: i + 1,
				Msg: fmt.Sprintf("want \"key: value\" with one colon, got %q", line)}
		}
		key, value := pyStrip(fields[0]), pyStrip(fields[1])
		v, err := legacyValue(value)
		if err != nil {
			return Params{}, &SyntaxError{File: name, Line: i + 1, Msg: fmt.Sprintf("%s = %s: %v", key, value, err)}
		}
		out.put(key, v)
	}
	return out, nil
}

// legacyValue converts a legacy value string by HNN-core's rule. The only
// error is an integer too large for int64 (Python reads any size).
func legacyValue(s string) (Value, error) {
	if strings.ContainsAny(s, ".e") {
		if f, err := parsePyFloat(s); err == nil {
			return FloatValue(f), nil
		}
		return StringValue(s), nil
	}
	i, err := parsePyInt(s)
	switch {
	case err == nil:
		return IntValue(i), nil
	case errors.Is(err, errIntRange):
		return Value{}, err
	}
	return StringValue(s), nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

// pySplitExt returns the extension as Python's os.path.splitext does:
// from the last dot of the base name, unless the base name is only dots
// followed by the rest (".json" has no extension).
func pySplitExt(name string) string {
	base := filepath.Base(name)
	if name == "" || strings.HasSuffix(name, string(filepath.Separator)) {
		return ""
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return ""
	}
	if strings.Trim(base[:i], ".") == "" {
		return ""
	}
	return base[i:]
}

// WithDefaults returns input completed as HNN-core's Params(input) does:
// the keys of [Defaults] for the number of evoked inputs [CountEvoked]
// finds in input, in the defaults' order, each taking input's value when
// input has it and the default otherwise. Keys of input that the defaults
// do not know are dropped ([Unknown] lists them); HNN-core drops them
// silently.
func WithDefaults(input Params) Params {
	nprox, ndist := CountEvoked(input)
	out := Defaults(nprox, ndist)
	for _, k := range out.keys {
		if v, ok := input.vals[k]; ok {
			out.vals[k] = v
		}
	}
	return out
}

// Unknown returns the keys of input, in order, that [WithDefaults] drops
// because HNN-core's defaults do not know them.
func Unknown(input Params) []string {
	nprox, ndist := CountEvoked(input)
	def := Defaults(nprox, ndist)
	var out []string
	for _, k := range input.keys {
		if !def.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// CountEvoked returns the number of proximal and distal evoked inputs, as
// HNN-core's _count_evoked_inputs counts them: keys that start with "t_"
// and contain "evprox" (or else "evdist").
func CountEvoked(p Params) (nprox, ndist int) {
	for _, k := range p.keys {
		if !strings.HasPrefix(k, "t_") {
			continue
		}
		switch {
		case strings.Contains(k, "evprox"):
			nprox++
		case strings.Contains(k, "evdist"):
			ndist++
		}
	}
	return nprox, ndist
}

// UnmarshalJSON sets p to the parameters of a JSON object, as [ParseJSON]
// reads them (no defaults applied), except that a repeated key is an
// error, as in [Parse].
func (p *Params) UnmarshalJSON(data []byte) error {
	q, err := parseJSONStrict("", data)
	if err != nil {
		return err
	}
	*p = q
	return nil
}
