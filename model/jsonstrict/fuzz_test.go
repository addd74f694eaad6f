package jsonstrict

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode checks Decode against encoding/json (with
// DisallowUnknownFields) on the test type net: Decode never panics; its
// errors are placed *Errors within the input; it accepts only what
// encoding/json accepts, and then decodes the same value; it rejects
// exactly the inputs encoding/json finds malformed, as syntax errors;
// and where encoding/json accepts what Decode rejects, the reason is one
// of the deliberate extras: a repeated key, a key in the wrong case, a
// Go array of the wrong length.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(good)) // and testdata/fuzz/FuzzDecode
	f.Fuzz(func(t *testing.T, data []byte) {
		var got net
		err := Decode(data, &got)

		var want net
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		stdErr := dec.Decode(&want)
		if stdErr == nil {
			if _, e := dec.Token(); e != io.EOF {
				stdErr = errors.New("data after the value")
			}
		}

		if err == nil {
			if stdErr != nil {
				t.Fatalf("Decode accepted what encoding/json refuses (%v):\n%q", stdErr, data)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Decode gave %+v, encoding/json %+v", got, want)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T %v is not an *Error", err, err)
		}
		if e.Line < 1 || e.Column < 1 || e.Offset < 0 || e.Offset > int64(len(data)) {
			t.Fatalf("error %v is not placed within the input (offset %d of %d)", err, e.Offset, len(data))
		}
		if l, c := Position(data, e.Offset); l != e.Line || c != e.Column {
			t.Fatalf("error %v: offset %d is at %d:%d", err, e.Offset, l, c)
		}
		if valid := json.Valid(data); valid == errors.Is(err, ErrSyntax) {
			t.Fatalf("json.Valid %v, but error %v", valid, err)
		}
		if stdErr == nil {
			switch {
			case errors.Is(err, ErrDuplicateKey):
			case errors.Is(err, ErrUnknownKey) && strings.Contains(err.Error(), "did you mean"):
				// a key that matches a field in another case
			case errors.Is(err, ErrType) && strings.Contains(err.Error(), "elements, want"):
			default:
				t.Fatalf("Decode refused what encoding/json accepts: %v\n%q", err, data)
			}
		}
	})
}
