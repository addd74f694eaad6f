package pointsim

import (
	"math"
	"slices"
	"testing"

	"github.com/laminasim/lamina/pointnet"
)

// TestDeliverTargetWidths checks that the two target encodings of a csr
// (uint16 for post populations up to 65,536 neurons, int32 above) deliver
// the same weights to the same slots, bit for bit, for every weight and
// delay path and for whole and partial target ranges (the parts of
// threads, found by the precomputed cuts and by binary search); and that
// build picks the encoding by the post population's size.
func TestDeliverTargetWidths(t *testing.T) {
	const npre, npost, d = 300, 1000, 6
	for _, tc := range []struct {
		name     string
		sigma    float64 // per-synapse weights when > 0
		dlo, dhi float64 // per-synapse delays when dhi > dlo
	}{
		{"fixed", 0, 0.25, 0.25},
		{"weights", 0.5, 0.25, 0.25},
		{"delays", 0, 0.125, 0.5},
		{"weights and delays", 0.5, 0.125, 0.5},
	} {
		spec := newSpec("test.deliver", 7, npre, npost, 0, false, 0.1, pointnet.RuleFixedInDegree,
			pointnet.Weight{NS: 2, Sigma: tc.sigma}, tc.dlo, tc.dhi, 0.125, 2)
		c16 := spec.build()
		if c16.tgt16 == nil || c16.tgt != nil {
			t.Fatalf("%s: %d post neurons: want uint16 targets", tc.name, npost)
		}
		c32 := *c16
		c32.tgt16, c32.tgt = nil, make([]int32, len(c16.tgt16))
		for i, x := range c16.tgt16 {
			c32.tgt[i] = int32(x)
		}
		spikes := []int32{0, 3, 17, 150, 151, 299}
		for _, r := range [][2]int{{0, npost}, {0, 500}, {500, npost}, {333, 334}, {999, 1000}} {
			a, b := make([]float64, d*npost), make([]float64, d*npost)
			// The uint16 targets with the cut positions precomputed, the
			// int32 ones searching for them.
			deliver(c16, spikes, 2, a, npost, d, 11, spec.fixedSteps,
				&targets{lo: r[0], hi: r[1], cutLo: c16.cuts(r[0], npost), cutHi: c16.cuts(r[1], npost)})
			deliver(&c32, spikes, 2, b, npost, d, 11, spec.fixedSteps, &targets{lo: r[0], hi: r[1]})
			nonzero := 0
			for i := range a {
				if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
					t.Fatalf("%s, targets [%d, %d): slot %d, neuron %d: %v (uint16) vs %v (int32)", tc.name, r[0], r[1], i/npost, i%npost, a[i], b[i])
				}
				if a[i] != 0 {
					nonzero++
					if j := i % npost; j < r[0] || j >= r[1] {
						t.Fatalf("%s: weight delivered to neuron %d outside [%d, %d)", tc.name, j, r[0], r[1])
					}
				}
			}
			if r[1]-r[0] >= 500 && nonzero == 0 {
				t.Fatalf("%s, targets [%d, %d): nothing delivered", tc.name, r[0], r[1])
			}
		}
	}
	big := newSpec("test.deliver", 7, 10, maxTgt16+1, 0, false, 0.5, pointnet.RuleFixedInDegree, pointnet.NS(1), 0, 0, 0.125, 2)
	c := big.build()
	if c.tgt == nil || c.tgt16 != nil || c.size() == 0 {
		t.Fatalf("%d post neurons: want int32 targets, got %d int32 and %d uint16", maxTgt16+1, len(c.tgt), len(c.tgt16))
	}
	if !slices.IsSorted(c.tgt[c.off[0]:c.off[1]]) || slices.Max(c.tgt) < maxTgt16/2 {
		t.Errorf("int32 targets unsorted or not spread over the population")
	}
}
