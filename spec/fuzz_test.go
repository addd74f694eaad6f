package spec_test

import (
	"bytes"
	"testing"

	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/spec"
)

// FuzzRead reads fuzzed run specs and validates them against the builtin
// catalogue; a valid spec must survive a write/read round trip. Errors
// are fine; panics are bugs. Seeds: testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"tstop_ms": 10, "dt_ms": 0.1, "trials": 1}`))
	cat := builtin.Catalogue()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := spec.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := r.Validate(cat); err != nil {
			return
		}
		_ = r.Warnings()
		var b bytes.Buffer
		if err := r.Write(&b); err != nil {
			return // e.g. a NaN the encoder cannot write
		}
		if _, err := spec.Read(&b); err != nil {
			t.Fatalf("a valid spec does not read back: %v\n%s", err, b.Bytes())
		}
	})
}
