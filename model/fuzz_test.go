package model_test

import (
	"testing"

	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
)

// maxFuzzGIDs bounds the networks the fuzz targets build, so that a
// fuzzed cell count of a million does not allocate gigabytes.
const maxFuzzGIDs = 200

// FuzzParse reads fuzzed Lamina model JSON, validates it against the
// builtin catalogue and, for small networks, resolves its connections.
// Errors are fine; panics are bugs. Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"populations": [], "seeding": "keyed", "inplane_distance_um": 1}`))
	cat := builtin.Catalogue()
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := model.Parse(data)
		if err != nil {
			return
		}
		if err := n.Validate(cat); err != nil {
			return
		}
		if n.NGIDs() > maxFuzzGIDs {
			return
		}
		if _, err := n.Edges(); err != nil {
			return
		}
		_, _ = n.DriveEvents(0, 50)
	})
}
