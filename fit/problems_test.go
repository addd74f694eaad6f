package fit

import (
	"context"
	"math"
)

// rosenbrock is Σ 100(x[i+1] − x[i]²)² + (1 − x[i])², minimum 0 at all ones.
func rosenbrock(_ context.Context, x []float64) (float64, error) {
	var s float64
	for i := 0; i+1 < len(x); i++ {
		a, b := x[i+1]-x[i]*x[i], 1-x[i]
		s += 100*a*a + b*b
	}
	return s, nil
}

// branin is the Branin–Hoo function on [−5, 10] × [0, 15], with three
// global minima of value braninMin at (−π, 12.275), (π, 2.275) and
// (9.42478, 2.475).
func branin(_ context.Context, x []float64) (float64, error) {
	const (
		a = 1
		b = 5.1 / (4 * math.Pi * math.Pi)
		c = 5 / math.Pi
		r = 6
		s = 10
		t = 1 / (8 * math.Pi)
	)
	u := x[1] - b*x[0]*x[0] + c*x[0] - r
	return a*u*u + s*(1-t)*math.Cos(x[0]) + s, nil
}

// braninMin is Branin's global minimum, 5/(4π) = 0.397887...
const braninMin = 5 / (4 * math.Pi)

// shiftedSphere is Σ (x[i] − 2)², whose unconstrained minimum (2, 2, ...)
// lies outside the box [−1, 1]ⁿ used with it: the bounded minimum is at
// the corner (1, 1, ...), value n.
func shiftedSphere(_ context.Context, x []float64) (float64, error) {
	var s float64
	for _, v := range x {
		s += (v - 2) * (v - 2)
	}
	return s, nil
}

func box(n int, lo, hi float64) []Param {
	ps := make([]Param, n)
	for i := range ps {
		ps[i] = Param{Name: string(rune('a' + i)), Low: lo, High: hi}
	}
	return ps
}

func withInitial(ps []Param, x0 []float64) []Param {
	for i := range ps {
		v := x0[i]
		ps[i].Initial = &v
	}
	return ps
}
