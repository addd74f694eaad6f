package point

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// ifCondCase is a population state for the conformance test.
type ifCondCase struct {
	v, ge, gi, inE, inI, ix []float64
	refr                    []int32
}

// newIFCondCase draws n neurons with potentials around threshold, some
// refractory, inputs on some: enough to fire, hold and reset in every lane.
func newIFCondCase(r *rand.Rand, n int, withIx bool) *ifCondCase {
	c := &ifCondCase{v: make([]float64, n), ge: make([]float64, n), gi: make([]float64, n),
		inE: make([]float64, n), inI: make([]float64, n), refr: make([]int32, n)}
	if withIx {
		c.ix = make([]float64, n)
	}
	for i := range n {
		c.v[i] = -75 + 30*r.Float64()
		c.ge[i], c.gi[i] = 20*r.Float64(), 40*r.Float64()
		if r.IntN(3) == 0 {
			c.inE[i] = 2 * float64(r.IntN(4))
		}
		if r.IntN(4) == 0 {
			c.inI[i] = 10
		}
		if r.IntN(5) == 0 {
			c.refr[i] = int32(r.IntN(17))
		}
		if withIx {
			c.ix[i] = 500 * r.NormFloat64()
		}
	}
	return c
}

func (c *ifCondCase) clone() *ifCondCase {
	return &ifCondCase{v: slices.Clone(c.v), ge: slices.Clone(c.ge), gi: slices.Clone(c.gi), inE: slices.Clone(c.inE),
		inI: slices.Clone(c.inI), ix: slices.Clone(c.ix), refr: slices.Clone(c.refr)}
}

// sameBits reports the first index where a and b differ bitwise, or -1.
func sameBits(a, b []float64) int {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestIFCondSIMDBitIdentical is the conformance test of the fast paths
// (DESIGN rule 9): the AVX2 and AVX-512 kernels of the Lamina IF-cond
// step (each where the CPU has it) and the
// pure-Go loop, from the same state over 40 steps, must agree to the last
// bit in every state variable, consumed input and spike list, for lengths
// that are and are not multiples of the vector width, with and without an
// external current. Tolerance: none (the kernel does the same IEEE
// operations in the same order, without fused multiply-adds).
func TestIFCondSIMDBitIdentical(t *testing.T) {
	if !haveSIMD {
		t.Skip("no SIMD kernel on this machine or build (purego)")
	}
	v, err := DefaultIFCond().Prepare(0.125, SchemeLamina)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, wide := range []bool{false, true} {
		if wide && !haveAVX512 {
			t.Log("no AVX-512 on this machine: its kernel is not tested")
			continue
		}
		width := map[bool]int{false: 4, true: 8}[wide]
		for _, tc := range []struct {
			n, lo  int
			withIx bool
		}{{0, 0, false}, {3, 0, false}, {4, 7, false}, {8, 7, false}, {15, 2, false}, {37, 100, false}, {1000, 0, false}, {5, 0, true}, {64, 3, true}, {1001, 9, true}} {
			c0 := newIFCondCase(r, tc.n, tc.withIx)
			a, b := c0.clone(), c0.clone()
			var fa, fb []int32
			total := 0
			for step := range 40 {
				fa = v.lam.step(v.frozen, a.v, a.ge, a.gi, a.inE, a.inI, a.refr, a.ix, fa[:0], tc.lo)
				fb = fb[:0]
				m := ifCondLaminaWidth(wide, &v.lam, v.frozen, b.v, b.ge, b.gi, b.inE, b.inI, b.refr, b.ix, &fb, tc.lo)
				if want := tc.n / width * width; m != want {
					t.Fatalf("width %d, n=%d: the SIMD kernel advanced %d neurons, want %d", width, tc.n, m, want)
				}
				var tail []float64
				if b.ix != nil {
					tail = b.ix[m:]
				}
				fb = v.lam.step(v.frozen, b.v[m:], b.ge[m:], b.gi[m:], b.inE[m:], b.inI[m:], b.refr[m:], tail, fb, tc.lo+m)
				for name, x := range map[string][2][]float64{"v": {a.v, b.v}, "ge": {a.ge, b.ge}, "gi": {a.gi, b.gi},
					"inE": {a.inE, b.inE}, "inI": {a.inI, b.inI}} {
					if i := sameBits(x[0], x[1]); i >= 0 {
						t.Fatalf("width %d, n=%d ix=%v step %d: %s[%d] = %v (Go), %v (SIMD)", width, tc.n, tc.withIx, step, name, i, x[0][i], x[1][i])
					}
				}
				if !slices.Equal(a.refr, b.refr) || !slices.Equal(fa, fb) {
					t.Fatalf("width %d, n=%d ix=%v step %d: refractory counts or spikes differ: %v vs %v", width, tc.n, tc.withIx, step, fa, fb)
				}
				total += len(fa)
				// Fresh input for the next step.
				for i := range tc.n {
					if r.IntN(3) == 0 {
						a.inE[i], b.inE[i] = 2, 2
					}
					if r.IntN(6) == 0 {
						a.inI[i], b.inI[i] = 10, 10
					}
				}
			}
			if tc.n >= 37 && total == 0 {
				t.Errorf("n=%d: no neuron fired in 40 steps: the test exercises no reset", tc.n)
			}
		}
	}
}
