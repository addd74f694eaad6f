package mech_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/laminasim/lamina/mech"
)

// gateVoltages returns n voltages (mV) that exercise every branch of a
// lookup: inside the table, below and above it (clamps), exactly at its
// ends and at grid points, ±0 and NaN, in random order.
func gateVoltages(rng *rand.Rand, n int, lo, hi float64) []float64 {
	special := []float64{lo, hi, lo - 1e-9, hi + 1e-9, 0, math.Copysign(0, -1), -1e4, 1e4, math.NaN(), lo + (hi-lo)/2}
	v := make([]float64, n)
	for i := range v {
		switch rng.IntN(8) {
		case 0:
			v[i] = special[rng.IntN(len(special))]
		case 1:
			v[i] = lo + (hi-lo)*rng.Float64()*2 - (hi-lo)/2 // often outside
		default:
			v[i] = lo + (hi-lo)*rng.Float64()
		}
	}
	return v
}

// TestStepGateMatchesScalar checks that the slice kernels (LocateNodes,
// StepGate, Interp), whichever implementation this build dispatches to
// (SIMD assembly or pure Go), give bit for bit what the one-instance path
// Locate/At/Step gives, in every rate mode, over random voltages,
// states and node orders, with a voltage shift, time constants from
// 0.01 ms (exp arguments beyond -2) to 1e4 ms (arguments below 2^-10,
// Exp's short path) and lengths that leave every remainder of a SIMD
// block. The tolerance is zero: the arithmetic is the same, operation
// by operation.
func TestStepGateMatchesScalar(t *testing.T) {
	const dt = 0.025
	lo, hi := -100.0, 60.0
	exact := func(v float64, out []float64) {
		out[0] = 1 / (1 + math.Exp(-(v+40)/5))
		// tau spans 0.01 ms to 1e4 ms over the table.
		out[1] = 0.01 + 1e4*math.Exp(-(v+60)*(v+60)/300)
		out[2] = 1 / (1 + math.Exp((v+60)/7))
		out[3] = 0.5 + 4*math.Exp(-(v+50)*(v+50)/400)
	}
	for _, mode := range []mech.RateMode{mech.RatesExact, mech.RatesTable, mech.RatesFast} {
		for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 17, 64, 1001} {
			t.Run(fmt.Sprintf("mode=%d/n=%d", mode, n), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(n), uint64(mode)))
				r := mech.NewRates(mode, lo, hi, 157, 4, []int{1, 3}, dt, exact)
				nv := n + 5
				v := gateVoltages(rng, nv, lo, hi)
				node := make([]int, n)
				for i := range node {
					node[i] = rng.IntN(nv)
				}
				shift := []float64{0, 2.5, -0.3}[n%3]
				x0 := make([]float64, n)
				for i := range x0 {
					x0[i] = rng.Float64()
				}
				want := make([][]float64, 3)
				for g := range want {
					want[g] = make([]float64, n)
				}
				for i, nd := range node {
					row, th := r.Locate(v[nd] + shift)
					want[0][i] = r.Step(x0[i], r.At(row, th, 0), r.At(row, th, 1))
					want[1][i] = r.Step(x0[i], r.At(row, th, 2), r.At(row, th, 3))
					want[2][i] = r.At(row, th, 2)
				}
				lk := mech.NewLookup(n)
				r.LocateNodes(lk, v, node, shift)
				got := make([][]float64, 3)
				for g := range got {
					got[g] = append([]float64(nil), x0...)
				}
				r.StepGate(got[0], lk, 0, 1)
				r.StepGate(got[1], lk, 2, 3)
				r.Interp(got[2], lk, 2)
				for g := range got {
					for i := range got[g] {
						if math.Float64bits(got[g][i]) != math.Float64bits(want[g][i]) &&
							!(math.IsNaN(got[g][i]) && math.IsNaN(want[g][i])) {
							t.Fatalf("gate %d instance %d (v = %v): got %v (%#x), want %v (%#x)",
								g, i, v[node[i]]+shift, got[g][i], math.Float64bits(got[g][i]), want[g][i], math.Float64bits(want[g][i]))
						}
					}
				}
			})
		}
	}
}

// TestStepGateShortLookup checks the programmer-error panics of the slice
// kernels.
func TestStepGateShortLookup(t *testing.T) {
	r := mech.NewRates(mech.RatesTable, -100, 100, 200, 2, []int{1}, 0.025, func(v float64, out []float64) { out[0], out[1] = 0.5, 1 })
	lk := mech.NewLookup(2)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"locate", func() { r.LocateNodes(lk, make([]float64, 3), []int{0, 1, 2}, 0) }},
		{"step", func() { r.StepGate(make([]float64, 3), lk, 0, 1) }},
		{"column", func() {
			r.LocateNodes(lk, make([]float64, 2), []int{0, 1}, 0)
			r.StepGate(make([]float64, 2), lk, 0, 2)
		}},
		{"interp", func() { r.Interp(make([]float64, 2), lk, 5) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			c.f()
		})
	}
}

// TestRelaxSliceMatchesRelax checks RelaxSlice (SIMD or pure Go, as this
// build dispatches) against Relax one element at a time, bit for bit
// (tolerance zero: the same operations in the same order), with time
// constants over Exp's whole domain: from 1e-7 ms (exp argument beyond
// -708, the fallback) to 1e9 ms (arguments below 2^-10, the short path),
// negative, zero, infinite and NaN.
func TestRelaxSliceMatchesRelax(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 4, 6, 9, 33, 1000} {
		x, inf, tau := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range x {
			x[i], inf[i] = rng.Float64(), rng.Float64()
			if rng.IntN(30) == 0 {
				tau[i] = []float64{0, math.Inf(1), math.Inf(-1), math.NaN(), 1e-7, -1e-3}[rng.IntN(6)]
			} else {
				tau[i] = math.Pow(10, -2+11*rng.Float64())
			}
		}
		for _, dt := range []float64{0.025, 0.1} {
			got := append([]float64(nil), x...)
			mech.RelaxSlice(got, inf, tau, dt)
			for i := range got {
				want := mech.Relax(x[i], inf[i], tau[i], dt)
				if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
					t.Fatalf("n=%d dt=%g [%d] tau=%g: got %v, want %v", n, dt, i, tau[i], got[i], want)
				}
			}
		}
	}
}
