//go:build !purego

package mech

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestGateAVX2MatchesGo compares the AVX2 gate kernels with the pure-Go
// loops bit for bit (tolerance zero: the same operations in the same
// order) on random rows, weights, states and time constants spread over
// Exp's whole domain: tau from 1e-7 ms (exp argument beyond -708, the
// fallback block) through 1 ms to 1e9 ms (arguments below 2^-10, the short
// path), negative tau (positive arguments), ±Inf, zero and NaN.
func TestGateAVX2MatchesGo(t *testing.T) {
	if simd < simdAVX2 {
		t.Skip("no AVX2 on this machine")
	}
	const w, rows = 4, 50
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]float64, (rows+1)*w)
	for i := range data {
		switch col := i % w; {
		case col == 0 || col == 2:
			data[i] = rng.Float64()
		case rng.IntN(40) == 0:
			data[i] = []float64{0, math.Inf(1), math.Inf(-1), math.NaN(), 1e-7, -1e-3}[rng.IntN(6)]
		default:
			data[i] = math.Pow(10, -2+11*rng.Float64()) * []float64{1, -1}[rng.IntN(8)/7]
		}
	}
	for _, n := range []int{0, 3, 4, 5, 8, 13, 100, 4099} {
		row := make([]int32, n)
		theta := make([]float64, n)
		x := make([]float64, n)
		for i := range row {
			row[i] = int32(rng.IntN(rows) * w)
			theta[i] = rng.Float64()
			x[i] = rng.Float64()
		}
		for _, dt := range []float64{0.025, 0.1} {
			want := append([]float64(nil), x...)
			stepRelaxGo(want, row, theta, data, w, 0, 1, dt)
			inf, tau := make([]float64, n), make([]float64, n)
			for i := range inf {
				inf[i] = data[int(row[i])] + theta[i]*(data[int(row[i])+w]-data[int(row[i])])
				tau[i] = data[int(row[i])+1] + theta[i]*(data[int(row[i])+w+1]-data[int(row[i])+1])
			}
			for level := simdAVX2; level <= simd; level++ {
				got := append([]float64(nil), x...)
				stepRelaxLevel(level, got, row, theta, data, w, 0, 1, dt)
				same(t, fmt.Sprintf("relax level %d", level), got, want)
				got = append(got[:0], x...)
				relaxSliceLevel(level, got, inf, tau, dt)
				same(t, fmt.Sprintf("relaxSlice level %d", level), got, want)
			}
			want = append(want[:0], x...)
			got := append([]float64(nil), x...)
			stepFastGo(want, row, theta, data, w, 2, 3)
			stepFast(got, row, theta, data, w, 2, 3)
			same(t, "fast", got, want)
		}
	}
}

func same(t *testing.T, name string, got, want []float64) {
	t.Helper()
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
			t.Fatalf("%s n=%d [%d]: got %v (%#x), want %v (%#x)", name, len(got), i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// BenchmarkGateKernels times the location pass and the two gate steps,
// AVX2 against pure Go, over 1024 instances spread over the table.
func BenchmarkGateKernels(b *testing.B) {
	const n = 1024
	exact := func(v float64, out []float64) {
		out[0] = 1 / (1 + math.Exp(-(v+40)/5))
		out[1] = 0.5 + 4*math.Exp(-(v+50)*(v+50)/400)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	v := make([]float64, 4*n)
	for i := range v {
		v[i] = -80 + 60*rng.Float64()
	}
	node := make([]int, n)
	for i := range node {
		node[i] = 4*i + rng.IntN(4)
	}
	x := make([]float64, n)
	for _, mode := range []RateMode{RatesTable, RatesFast} {
		r := NewRates(mode, -100, 100, 200, 2, []int{1}, 0.025, exact)
		t := r.tbl
		lk := NewLookup(n)
		r.LocateNodes(lk, v, node, 0)
		name := map[RateMode]string{RatesTable: "table", RatesFast: "fast"}[mode]
		for _, impl := range []string{"go", "avx2"} {
			if impl == "avx2" && simd < simdAVX2 {
				continue
			}
			b.Run(name+"/locate/"+impl, func(b *testing.B) {
				for b.Loop() {
					if impl == "go" {
						locateGo(lk.row, lk.theta, v, node, 0, t.lo, t.mfac, float64(t.n), t.w, r)
					} else {
						locateNodes(lk.row, lk.theta, v, node, 0, t.lo, t.mfac, float64(t.n), t.w, r)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/gate")
			})
			b.Run(name+"/step/"+impl, func(b *testing.B) {
				for b.Loop() {
					switch {
					case mode == RatesFast && impl == "go":
						stepFastGo(x, lk.row, lk.theta, lk.data, lk.w, 0, 1)
					case mode == RatesFast:
						stepFast(x, lk.row, lk.theta, lk.data, lk.w, 0, 1)
					case impl == "go":
						stepRelaxGo(x, lk.row, lk.theta, lk.data, lk.w, 0, 1, 0.025)
					default:
						stepRelax(x, lk.row, lk.theta, lk.data, lk.w, 0, 1, 0.025)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/gate")
			})
		}
	}
}
