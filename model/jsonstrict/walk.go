package jsonstrict

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// maxDepth bounds nesting, as encoding/json's scanner does.
const maxDepth = 10000

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	numberType          = reflect.TypeFor[json.Number]()
	anyType             = reflect.TypeFor[any]()
)

// walker walks a document's tokens along with the Go type they decode
// into (nil: anything, unchecked).
type walker struct {
	name string
	data []byte
	dec  *json.Decoder
	path []string // ".key", `["odd key"]` or "[3]"
	// syntaxOnly: the input is not valid JSON, and the walk only finds
	// where, so that a syntax error wins over any other error.
	syntaxOnly bool
}

// document walks the whole input as a value of type t.
func (w *walker) document(t reflect.Type) error {
	w.dec = json.NewDecoder(bytes.NewReader(w.data))
	w.dec.UseNumber()
	if !json.Valid(w.data) {
		w.syntaxOnly, t = true, nil
	}
	if err := w.value(t, 0); err != nil {
		return err
	}
	if _, err := w.dec.Token(); err != io.EOF {
		return w.syntax(err)
	}
	return nil
}

// next returns the offset of the next token: after white space and the
// ',' or ':' that the decoder consumes before it.
func (w *walker) next() int64 {
	off := w.dec.InputOffset()
	for off < int64(len(w.data)) {
		switch w.data[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// value walks one value, of type t.
func (w *walker) value(t reflect.Type, depth int) error {
	if depth > maxDepth {
		return w.syntax(errors.New("exceeded max depth"))
	}
	start := w.next()
	tok, err := w.dec.Token()
	if err != nil {
		return w.syntax(err)
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	schema, custom := t, false
	if t != nil {
		pt := reflect.PointerTo(t)
		switch {
		case pt.Implements(unmarshalerType):
			custom, schema = true, nil
			if d, ok := tok.(json.Delim); ok && d == '{' {
				if f, ok := reflect.New(t).Interface().(Fields); ok {
					// checked against the fields, which is all its
					// UnmarshalJSON checks of an object
					custom, schema = false, reflect.TypeOf(f.JSONFields())
					for schema != nil && schema.Kind() == reflect.Pointer {
						schema = schema.Elem()
					}
				}
			}
		case t.Kind() == reflect.Interface && t.NumMethod() == 0:
			schema = anyType // decodes into map[string]any, []any, float64...
		case pt.Implements(textUnmarshalerType), t.Kind() == reflect.Interface:
			schema = nil
		}
	}
	switch tok := tok.(type) {
	case nil:
		return nil // null leaves any value as it is, or calls UnmarshalJSON: unchecked
	case json.Delim:
		if tok == '{' {
			err = w.object(schema, depth, start)
		} else {
			err = w.array(schema, depth, start)
		}
	case string:
		err = w.checkString(schema, tok, start)
	case json.Number:
		err = w.checkNumber(schema, string(tok), start)
	case bool:
		if schema != nil && schema.Kind() != reflect.Bool && schema.Kind() != reflect.Interface {
			err = w.wrongType(start, strconv.FormatBool(tok), schema)
		}
	}
	if err != nil {
		return err
	}
	if custom {
		raw := w.data[start:w.dec.InputOffset()]
		u := reflect.New(t).Interface().(json.Unmarshaler)
		if err := u.UnmarshalJSON(raw); err != nil {
			return w.customError(err, start)
		}
	}
	return nil
}

// object walks an object's keys and values, the '{' read.
func (w *walker) object(t reflect.Type, depth int, start int64) error {
	var fields *structInfo
	var keyType, elem reflect.Type
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = structFields(t)
		case reflect.Map:
			keyType, elem = t.Key(), t.Elem()
		case reflect.Interface:
			keyType, elem = reflect.TypeFor[string](), anyType
		default:
			return w.wrongType(start, "an object", t)
		}
	}
	seen := map[string]int64{}
	for w.dec.More() {
		koff := w.next()
		tok, err := w.dec.Token()
		if err != nil {
			return w.syntax(err)
		}
		key, ok := tok.(string)
		if !ok {
			return w.syntax(fmt.Errorf("object key %v", tok))
		}
		w.path = append(w.path, keySegment(key))
		if first, dup := seen[key]; dup && !w.syntaxOnly {
			l, c := Position(w.data, first)
			return w.errorAt(koff, kindf(ErrDuplicateKey, "key %q appears twice (first at line %d column %d)", key, l, c))
		}
		seen[key] = koff
		var vt reflect.Type
		switch {
		case fields != nil:
			f, ok := fields.byName[key]
			if !ok {
				return w.errorAt(koff, fields.unknown(key))
			}
			if !f.quoted {
				vt = f.typ
			}
		case keyType != nil:
			if err := checkMapKey(keyType, key); err != nil {
				return w.errorAt(koff, err)
			}
			vt = elem
		}
		if err := w.value(vt, depth+1); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
	}
	if _, err := w.dec.Token(); err != nil {
		return w.syntax(err)
	}
	return nil
}

// array walks an array's elements, the '[' read.
func (w *walker) array(t reflect.Type, depth int, start int64) error {
	var elem reflect.Type
	want := -1
	if t != nil {
		switch t.Kind() {
		case reflect.Slice:
			elem = t.Elem()
		case reflect.Array:
			elem, want = t.Elem(), t.Len()
		case reflect.Interface:
			elem = anyType
		default:
			return w.wrongType(start, "an array", t)
		}
	}
	n := 0
	for w.dec.More() {
		w.path = append(w.path, "["+strconv.Itoa(n)+"]")
		if err := w.value(elem, depth+1); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
		n++
	}
	if _, err := w.dec.Token(); err != nil {
		return w.syntax(err)
	}
	if want >= 0 && n != want {
		return w.errorAt(start, kindf(ErrType, "got %d elements, want %d", n, want))
	}
	return nil
}

func (w *walker) checkString(t reflect.Type, s string, start int64) error {
	if t == nil || t == numberType || t.Kind() == reflect.String || t.Kind() == reflect.Interface ||
		t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return nil
	}
	return w.wrongType(start, quote(s), t)
}

func (w *walker) checkNumber(t reflect.Type, s string, start int64) error {
	if t == nil || t == numberType {
		return nil
	}
	var err error
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err = strconv.ParseInt(s, 10, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		_, err = strconv.ParseUint(s, 10, t.Bits())
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(s, t.Bits())
	case reflect.Interface:
		_, err = strconv.ParseFloat(s, 64) // a float64 in an any
	default:
		return w.wrongType(start, s, t)
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, strconv.ErrRange) {
		kind := t.Kind().String()
		if t.Kind() == reflect.Interface {
			kind = "float64"
		}
		return w.errorAt(start, kindf(ErrType, "%s is out of the range of %s", s, kind))
	}
	return w.wrongType(start, s, t)
}

// wrongType reports a value (described by got) that cannot decode into t.
func (w *walker) wrongType(start int64, got string, t reflect.Type) error {
	return w.errorAt(start, kindf(ErrType, "got %s, want %s", got, describe(t)))
}

// describe says what JSON a Go type takes.
func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "a value of Go type " + t.String()
}

// checkMapKey checks an object key against a map's key type, as
// encoding/json converts it.
func checkMapKey(kt reflect.Type, key string) error {
	if reflect.PointerTo(kt).Implements(textUnmarshalerType) {
		return nil
	}
	var err error
	switch kt.Kind() {
	case reflect.String:
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err = strconv.ParseInt(key, 10, kt.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		_, err = strconv.ParseUint(key, 10, kt.Bits())
	default:
		return nil // encoding/json refuses the map type itself
	}
	if err != nil {
		return kindf(ErrType, "key %s: want %s key", quote(key), strings.TrimPrefix(describe(kt), "a "))
	}
	return nil
}

// quote quotes s for a message, cut to a readable length.
func quote(s string) string {
	if len(s) > 40 {
		r := []rune(s)
		if len(r) > 37 {
			s = string(r[:37]) + "..."
		}
	}
	return strconv.Quote(s)
}

// keySegment is the path step of an object key.
func keySegment(key string) string {
	if key == "" || strings.ContainsAny(key, ".[]\"' \t\n\r") {
		return "[" + strconv.Quote(key) + "]"
	}
	return "." + key
}

func (w *walker) pathString() string {
	return strings.TrimPrefix(strings.Join(w.path, ""), ".")
}

// errorAt returns err at byte offset off and the current path.
func (w *walker) errorAt(off int64, err error) error {
	l, c := Position(w.data, off)
	return &Error{File: w.name, Line: l, Column: c, Offset: off, Path: w.pathString(), Err: err}
}

// syntax reports the first syntax error of the input: encoding/json's
// scanner, run over the whole input, places it exactly (the Decoder's
// offsets are relative to its buffer). tokErr is the walk's own error,
// used if the scanner finds none.
func (w *walker) syntax(tokErr error) error {
	var raw json.RawMessage
	err := json.Unmarshal(w.data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := se.Offset
		if se.Error() != "unexpected end of JSON input" {
			off-- // the offending byte, which the offset counts
		}
		return w.errorAt(max(off, 0), &kindError{kind: ErrSyntax, msg: se.Error(), cause: se})
	}
	if tokErr == nil || tokErr == io.EOF {
		tokErr = errors.New("unexpected end of JSON input")
	}
	return w.errorAt(w.next(), &kindError{kind: ErrSyntax, msg: tokErr.Error(), cause: tokErr})
}

// customError places an error of an UnmarshalJSON method called on the
// value at start; an *Error it returns (At) is relative to that value.
func (w *walker) customError(err error, start int64) error {
	e, ok := err.(*Error)
	if !ok {
		return w.errorAt(start, err)
	}
	off := start
	if e.Offset >= 0 {
		off = min(start+e.Offset, int64(len(w.data)))
	}
	out := w.errorAt(off, e.Err).(*Error)
	if e.Path != "" {
		if out.Path == "" || strings.HasPrefix(e.Path, "[") {
			out.Path += e.Path
		} else {
			out.Path += "." + e.Path
		}
	}
	return out
}
