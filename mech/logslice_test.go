package mech_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/laminasim/lamina/mech"
)

// TestLogSliceMatchesLog checks LogSlice (SIMD or pure Go, as this build
// dispatches) against Log one element at a time, bit for bit (tolerance
// zero: the same operations in the same order), over arguments from
// 1e-300 to 1e300, within 1/32 of 1 (the series), the ratios Nernst
// potentials take (co/ci from 1e-2 to 1e5), and zero, negative,
// subnormal, infinite and NaN arguments (the math.Log fallback).
func TestLogSliceMatchesLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	special := []float64{0, math.Copysign(0, -1), -1, 5e-324, 0x1p-1022, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 1, 1 - 0x1p-5, 1 + 0x1p-5}
	for _, n := range []int{0, 1, 4, 7, 8, 33, 2000} {
		x := make([]float64, n)
		for i := range x {
			switch rng.IntN(5) {
			case 0:
				x[i] = math.Pow(10, -300+600*rng.Float64())
			case 1:
				x[i] = 1 + (rng.Float64()-0.5)/16
			case 2:
				if rng.IntN(4) == 0 {
					x[i] = special[rng.IntN(len(special))]
					break
				}
				fallthrough
			default:
				x[i] = math.Pow(10, -2+7*rng.Float64())
			}
		}
		got := make([]float64, n)
		mech.LogSlice(got, x)
		for i := range got {
			want := mech.Log(x[i])
			if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
				t.Fatalf("n=%d [%d] x=%v: got %v (%#x), want %v (%#x)", n, i, x[i], got[i], math.Float64bits(got[i]), want, math.Float64bits(want))
			}
		}
		mech.LogSlice(x, x) // in place
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(got[i]) && !(math.IsNaN(x[i]) && math.IsNaN(got[i])) {
				t.Fatalf("in place: n=%d [%d] differs", n, i)
			}
		}
	}
}
