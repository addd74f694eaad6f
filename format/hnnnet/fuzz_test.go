package hnnnet_test

import (
	"bytes"
	"testing"

	"github.com/laminasim/lamina/format/hnnnet"
	"github.com/laminasim/lamina/mech/builtin"
)

// FuzzRead reads fuzzed HNN-core network JSON, validates the network
// against the builtin catalogue and, for small networks, resolves its
// connections. Errors are fine; panics are bugs. Seeds:
// testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"object_type": "Network"}`))
	cat := builtin.Catalogue()
	f.Fuzz(func(t *testing.T, data []byte) {
		net, err := hnnnet.Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := net.Validate(cat); err != nil {
			return
		}
		if net.NGIDs() > 200 {
			return
		}
		_, _ = net.Edges()
	})
}
