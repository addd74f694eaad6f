package pointnet_test

import (
	"bytes"
	"testing"

	"github.com/laminasim/lamina/pointnet"
)

// FuzzRead reads fuzzed point-network JSON and validates it. Errors are
// fine; panics are bugs. Seeds: testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"populations": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := pointnet.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := n.Validate(); err != nil {
			return
		}
		_ = n.Ranges()
	})
}
