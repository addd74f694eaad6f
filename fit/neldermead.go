package fit

import (
	"context"
	"math"
	"slices"
	"sort"
)

// NelderMead is the Nelder–Mead simplex method as
// scipy.optimize.minimize(method="Nelder-Mead") implements it (SciPy
// 1.7+, adaptive=False), with SciPy's handling of bounds: the starting
// point, every trial point and every shrunk vertex are clipped to the box,
// and initial vertices beyond the upper bound are first reflected into it.
//
// The initial simplex is x0 and, for each coordinate k, x0 with x0[k]
// scaled by 1.05 (or set to 0.00025 if it is 0). The coefficients are
// reflection 1, expansion 2, contraction 0.5 and shrink 0.5. It stops when
// the vertices lie within XAtol of the best in every coordinate and their
// losses within FAtol of the best (SciPy's xatol and fatol), or on the
// budget. Options.MaxIter counts iterations as SciPy's maxiter does (the
// initial simplex is iteration 1), and Options.MaxEvals as its maxfev.
// The initial simplex and the vertices of a shrink are evaluated as one
// batch each. Nelder–Mead uses no randomness; Options.Seed is ignored.
type NelderMead struct {
	// XAtol and FAtol are the absolute convergence tolerances on the
	// simplex's extent and losses; 0 selects SciPy's 1e-4, a negative
	// value disables the test.
	XAtol, FAtol float64
}

// Minimize implements [Solver].
func (nm NelderMead) Minimize(ctx context.Context, params []Param, eval Evaluator, opt Options) (Result, error) {
	r, err := newRun(params, eval, opt)
	if err != nil {
		return Result{}, err
	}
	xatol, fatol := nm.XAtol, nm.FAtol
	if xatol == 0 {
		xatol = 1e-4
	}
	if fatol == 0 {
		fatol = 1e-4
	}
	n := len(params)
	lo, hi := make([]float64, n), make([]float64, n)
	x0 := make([]float64, n)
	for i, p := range params {
		lo[i], hi[i], x0[i] = p.Low, p.High, p.Start()
	}
	clip := func(x []float64) {
		for i := range x {
			x[i] = min(max(x[i], lo[i]), hi[i])
		}
	}
	const nonzdelt, zdelt = 0.05, 0.00025
	sim := make([][]float64, n+1)
	sim[0] = slices.Clone(x0)
	for k := range n {
		y := slices.Clone(x0)
		if y[k] != 0 {
			y[k] *= 1 + nonzdelt
		} else {
			y[k] = zdelt
		}
		for i := range y {
			if y[i] > hi[i] {
				y[i] = 2*hi[i] - y[i]
			}
		}
		clip(y)
		sim[k+1] = y
	}
	fsim := make([]float64, n+1)
	for i := range fsim {
		fsim[i] = math.Inf(1)
	}
	sortSimplex := func() {
		idx := make([]int, n+1)
		for i := range idx {
			idx[i] = i
		}
		// numpy.argsort on n+1 <= 17 values is an insertion sort, hence
		// stable.
		sort.SliceStable(idx, func(a, b int) bool { return rank(fsim[idx[a]]) < rank(fsim[idx[b]]) })
		s2, f2 := make([][]float64, n+1), make([]float64, n+1)
		for i, j := range idx {
			s2[i], f2[i] = sim[j], fsim[j]
		}
		sim, fsim = s2, f2
	}
	done := func(stop string) (Result, error) {
		r.res.Stop = stop
		return r.res, nil
	}
	// Initial simplex, iteration 0 in the journal (SciPy counts it as 1).
	m := min(n+1, r.left())
	fs, err := r.evaluate(ctx, 0, sim[:m])
	if err != nil {
		return r.res, err
	}
	copy(fsim, fs)
	sortSimplex()
	iterations := 1
	r.res.Iterations = 1
	one := func(x []float64) (float64, bool, error) {
		if r.left() < 1 {
			return 0, false, nil
		}
		fs, err := r.evaluate(ctx, iterations, [][]float64{x})
		if err != nil {
			return 0, false, err
		}
		return fs[0], true, nil
	}
	maxIter := opt.MaxIter
	if maxIter == 0 {
		maxIter = math.MaxInt
	}
	for {
		if r.left() < 1 {
			return done(StopMaxEvals)
		}
		if iterations >= maxIter {
			return done(StopMaxIter)
		}
		if nm.converged(sim, fsim, xatol, fatol) {
			return done(StopConverged)
		}
		r.res.Iterations = iterations + 1
		xbar := make([]float64, n)
		for _, v := range sim[:n] {
			for i := range xbar {
				xbar[i] += v[i]
			}
		}
		for i := range xbar {
			xbar[i] /= float64(n)
		}
		// point returns (1+a)·xbar − a·worst, clipped.
		point := func(a float64) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = (1+a)*xbar[i] - a*sim[n][i]
			}
			clip(x)
			return x
		}
		const rho, chi, psi, sigma = 1, 2, 0.5, 0.5
		xr := point(rho)
		fxr, ok, err := one(xr)
		if err != nil || !ok {
			return nm.stopped(r, err)
		}
		shrink := false
		switch {
		case fxr < fsim[0]:
			xe := point(rho * chi)
			fxe, ok, err := one(xe)
			if err != nil || !ok {
				return nm.stopped(r, err)
			}
			if fxe < fxr {
				sim[n], fsim[n] = xe, fxe
			} else {
				sim[n], fsim[n] = xr, fxr
			}
		case fxr < fsim[n-1]:
			sim[n], fsim[n] = xr, fxr
		case fxr < fsim[n]:
			xc := point(psi * rho)
			fxc, ok, err := one(xc)
			if err != nil || !ok {
				return nm.stopped(r, err)
			}
			if fxc <= fxr {
				sim[n], fsim[n] = xc, fxc
			} else {
				shrink = true
			}
		default:
			xcc := point(-psi)
			fxcc, ok, err := one(xcc)
			if err != nil || !ok {
				return nm.stopped(r, err)
			}
			if fxcc < fsim[n] {
				sim[n], fsim[n] = xcc, fxcc
			} else {
				shrink = true
			}
		}
		if shrink {
			for j := 1; j <= n; j++ {
				for i := range sim[j] {
					sim[j][i] = sim[0][i] + sigma*(sim[j][i]-sim[0][i])
				}
				clip(sim[j])
			}
			m := min(n, r.left())
			fs, err := r.evaluate(ctx, iterations, sim[1:1+m])
			if err != nil {
				return r.res, err
			}
			copy(fsim[1:], fs)
		}
		sortSimplex()
		iterations++
	}
}

// stopped ends a fit whose last evaluation failed (err) or did not fit in
// the budget (err nil).
func (NelderMead) stopped(r *run, err error) (Result, error) {
	if err != nil {
		return r.res, err
	}
	r.res.Stop = StopMaxEvals
	return r.res, nil
}

// converged is SciPy's test: max |sim[1:] − sim[0]| <= xatol and
// max |fsim[0] − fsim[1:]| <= fatol.
func (NelderMead) converged(sim [][]float64, fsim []float64, xatol, fatol float64) bool {
	for _, v := range sim[1:] {
		for i := range v {
			if !(math.Abs(v[i]-sim[0][i]) <= xatol) {
				return false
			}
		}
	}
	for _, f := range fsim[1:] {
		if !(math.Abs(fsim[0]-f) <= fatol) {
			return false
		}
	}
	return true
}
