package hnnparams_test

import (
	"testing"

	"github.com/laminasim/lamina/format/hnnparams"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/models/hnn"
)

// FuzzParse reads fuzzed HNN-core parameter files (legacy .param when
// legacy is set, else flat .json), builds the network they describe when
// its grid is small, and validates it against the builtin catalogue.
// Errors are fine; panics are bugs. Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"tstop": 100}`), false)
	f.Add([]byte("tstop: 100\n"), true)
	cat := builtin.Catalogue()
	f.Fuzz(func(t *testing.T, data []byte, legacy bool) {
		name := "f.json"
		if legacy {
			name = "f.param"
		}
		p, err := hnnparams.Parse(name, data)
		if err != nil {
			return
		}
		nx, err1 := p.Int("N_pyr_x")
		ny, err2 := p.Int("N_pyr_y")
		if err1 != nil || err2 != nil || nx > 4 || ny > 4 {
			return // keep the fuzzer's networks small (FromParams checks < 1)
		}
		net, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: true})
		if err != nil {
			return
		}
		_ = net.Validate(cat)
	})
}
