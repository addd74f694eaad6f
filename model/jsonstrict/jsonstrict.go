package jsonstrict

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"unicode/utf8"
)

// MaxSize is the largest input, in bytes, that ReadFile and ReadAll read:
// 256 MiB.
const MaxSize int64 = 256 << 20

// The kinds of error Decode reports, for errors.Is.
var (
	// ErrSyntax: the input is not one JSON value.
	ErrSyntax = errors.New("syntax error")
	// ErrUnknownKey: an object key names no field of the struct the
	// object decodes into.
	ErrUnknownKey = errors.New("unknown key")
	// ErrDuplicateKey: an object has a key twice.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrType: a value of the wrong kind or range for its Go type, or an
	// array of the wrong length for a Go array.
	ErrType = errors.New("wrong type")
	// ErrTooLarge: the input is larger than MaxSize.
	ErrTooLarge = errors.New("input too large")
)

// Error is an error in JSON input, placed by line and column and named
// by the JSON path of the offending key or value.
type Error struct {
	// File names the input ("" when not known).
	File string
	// Line and Column are 1-based (Column counts characters); both are 0
	// when the position is not known.
	Line, Column int
	// Offset is the byte offset of the position in the input, -1 when not
	// known. For an Error made by At it is relative to the bytes the
	// UnmarshalJSON method was given.
	Offset int64
	// Path is the JSON path of the key or value, e.g.
	// connections[3].weight; "" for the whole document.
	Path string
	// Err says what is wrong. It wraps one of ErrSyntax, ErrUnknownKey,
	// ErrDuplicateKey, ErrType and ErrTooLarge, or is the error of a
	// custom UnmarshalJSON method or of encoding/json.
	Err error
}

// Error returns "file:line:col: path: message", or "line L column C:
// path: message" when the file has no name; a syntax error gives the
// path last, as context: "line L column C: message (in path)".
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", e.File, e.Line, e.Column)
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d column %d: ", e.Line, e.Column)
	}
	syntax := errors.Is(e.Err, ErrSyntax)
	if e.Path != "" && !syntax {
		b.WriteString(e.Path + ": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Path != "" && syntax {
		fmt.Fprintf(&b, " (in %s)", e.Path)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// At returns an error at byte offset off of the input an UnmarshalJSON
// method was given, at path relative to that input's value ("" for the
// value itself). Decode, which calls UnmarshalJSON methods on the bytes
// of their value, turns it into an Error with the line and column in the
// whole input and the full path. Through plain json.Unmarshal it reads
// "path: message".
func At(off int64, path string, err error) error {
	return &Error{Offset: off, Path: path, Err: err}
}

// kindError is an error of one of the kinds above, with its own message.
type kindError struct {
	kind  error
	msg   string
	cause error
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }
func (e *kindError) Unwrap() error        { return e.cause }

func kindf(kind error, format string, a ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, a...)}
}

// Errorf returns an error with the formatted message that errors.Is
// reports as kind (ErrSyntax, ErrUnknownKey, ErrDuplicateKey, ErrType or
// ErrTooLarge), for readers that check their JSON themselves.
func Errorf(kind error, format string, a ...any) error { return kindf(kind, format, a...) }

// Check returns nil if data is one JSON value (with white space around it
// or none), else an *Error placing its first syntax error.
func Check(data []byte) error {
	if json.Valid(data) {
		return nil
	}
	w := &walker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	return w.syntax(nil)
}

// Position returns the 1-based line and column (in characters) of byte
// offset off of data. Lines end at '\n'.
func Position(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	head := data[:off]
	line = 1 + bytes.Count(head, []byte{'\n'})
	start := bytes.LastIndexByte(head, '\n') + 1
	return line, 1 + utf8.RuneCount(head[start:])
}

// ReadFile reads the file at path, failing with ErrTooLarge, naming the
// file and the cap, if it is larger than MaxSize.
func ReadFile(path string) ([]byte, error) { return ReadFileLimit(path, MaxSize) }

// MaxStreamSize caps what ReadFile reads from a file that is not a
// regular file (a pipe, a device such as /dev/zero, a socket), whose size
// is unknown until read: 64 MiB, more than any model a pipe carries.
const MaxStreamSize int64 = 64 << 20

// ReadFileLimit is ReadFile with a cap of limit bytes (and at most
// MaxStreamSize for a file that is not a regular file).
func ReadFileLimit(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		if fi.Mode().IsRegular() && fi.Size() > limit {
			return nil, tooLarge(path, limit)
		}
		if !fi.Mode().IsRegular() {
			limit = min(limit, MaxStreamSize)
		}
	}
	return ReadAllLimit(path, f, limit)
}

// ReadAll reads r to its end, failing with ErrTooLarge if it holds more
// than MaxSize bytes. name names the input in errors ("" for none).
func ReadAll(name string, r io.Reader) ([]byte, error) { return ReadAllLimit(name, r, MaxSize) }

// ReadAllLimit is ReadAll with a cap of limit bytes. It reads in chunks
// and stops at the first NUL byte, failing with ErrSyntax: JSON (and any
// text file) has none, so binary input (/dev/zero, an image given by
// mistake) is refused after one chunk instead of read to the cap.
func ReadAllLimit(name string, r io.Reader, limit int64) ([]byte, error) {
	const chunk = 64 << 10
	var data []byte
	for {
		if len(data) == cap(data) {
			data = append(data, make([]byte, chunk)...)[:len(data)]
		}
		want := min(int64(cap(data)), limit+1)
		if int64(len(data)) >= want {
			break
		}
		n, err := r.Read(data[len(data):want])
		if i := bytes.IndexByte(data[len(data):len(data)+n], 0); i >= 0 {
			return nil, &Error{File: name, Offset: int64(len(data) + i),
				Err: kindf(ErrSyntax, "a NUL byte at offset %d: binary data, not JSON or text", len(data)+i)}
		}
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			if name != "" {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, limit)
	}
	return data, nil
}

func tooLarge(name string, limit int64) error {
	return &Error{File: name, Offset: -1,
		Err: kindf(ErrTooLarge, "larger than the %s limit on JSON input", sizeString(limit))}
}

func sizeString(n int64) string {
	switch {
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n > 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}

// Decode decodes the JSON document data into v, which must be a non-nil
// pointer, strictly (see the package documentation). Errors are *Error.
func Decode(data []byte, v any) error { return DecodeNamed("", data, v) }

// DecodeNamed is Decode with errors naming the input name (a file name).
func DecodeNamed(name string, data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &json.InvalidUnmarshalError{Type: reflect.TypeOf(v)}
	}
	w := &walker{name: name, data: data}
	if err := w.document(rv.Type()); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// The walk checks what encoding/json checks, so this is rare: a
		// value a TextUnmarshaler refuses, say.
		e := &Error{File: name, Offset: -1, Err: err}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			e.Path = te.Field
		}
		return e
	}
	return nil
}

// DecodeFile reads the file at path (ReadFile) and decodes it into v
// (DecodeNamed).
func DecodeFile(path string, v any) error {
	data, err := ReadFile(path)
	if err != nil {
		return err
	}
	return DecodeNamed(path, data, v)
}

// Unmarshal is json.Unmarshal with DisallowUnknownFields, for custom
// UnmarshalJSON methods, so that they are strict for callers that use
// encoding/json directly. (Keys are still matched without regard to case,
// and repeated keys allowed, as encoding/json does; Decode's walk checks
// those.)
func Unmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("json: data after the value")
	}
	return nil
}

// Fields is implemented by types with a custom UnmarshalJSON that decode
// a JSON object into a plain struct: JSONFields returns a value of that
// struct type (its fields and their types are what the object may hold),
// and Decode checks such an object's keys and values against it. The
// returned value's contents are not used.
type Fields interface {
	JSONFields() any
}
