package fit

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// COBYLA is Powell's Constrained Optimization BY Linear Approximations
// (M. J. D. Powell, "A direct search optimization method that models the
// objective and constraint functions by linear interpolation", in
// Advances in Optimization and Numerical Analysis, Kluwer, 1994,
// pp. 51–67), as scipy.optimize.fmin_cobyla runs it in SciPy 1.10.1 (Powell's
// Fortran cobyla2, with SciPy's stop on a NaN step). HNN-core's
// Optimizer(solver="cobyla") calls fmin_cobyla(f, cons, x0, rhobeg=0.1,
// rhoend=1e-4, maxfun=max_iter, catol=0), the defaults here.
//
// COBYLA keeps a simplex of n+1 evaluated points, interpolates the
// objective and the constraints linearly on it, and steps to the minimum
// of the linear model inside a trust region of radius ρ, penalising
// constraint violation with a merit function; ρ shrinks from RhoBeg to
// RhoEnd. The bounds of the parameters are the inequality constraints
// high[i] − x[i] ≥ 0 and x[i] − low[i] ≥ 0 (in HNN-core's order), followed
// by Constraints. They are constraints of the model, not of the
// evaluations: COBYLA may evaluate the objective slightly outside the box,
// by up to about ρ, as SciPy does.
//
// The points are those of SciPy, in the same order and with the same
// floating-point operations (on platforms that do not fuse multiply–adds,
// such as amd64), so a fit follows SciPy's trajectory bit for bit. The
// evaluations are sequential, one batch of one point each; the Evaluator's
// concurrency is not used. Options.MaxEvals is fmin_cobyla's maxfun.
// Iteration 0 is the initial simplex (n+1 evaluations); each later
// evaluation is an iteration of its own, and Options.MaxIter bounds them.
// COBYLA uses no randomness; Options.Seed is ignored.
//
// Result.X is the best evaluated point whose constraint violation (the
// largest negative constraint value) is at most CAtol, or, if there is none,
// the point of least violation. This is where it departs from HNN-core, which
// takes the best loss whatever the violation, and from SciPy, which returns
// the optimal vertex of the final simplex by its merit function (or the
// last point evaluated). Result.Stop is StopConverged when ρ reached RhoEnd,
// StopMaxEvals or StopMaxIter on the budgets, StopRounding when the simplex
// became degenerate and StopNaN when a NaN loss or constraint made the step
// undefined.
type COBYLA struct {
	// RhoBeg and RhoEnd are the initial and final trust-region radii, in the
	// parameters' own units; 0 selects HNN-core's 0.1 and 1e-4. They must
	// satisfy 0 < RhoEnd <= RhoBeg.
	RhoBeg, RhoEnd float64
	// CAtol is the constraint violation tolerated in Result.X; 0 is
	// HNN-core's catol. It must not be negative.
	CAtol float64
	// Constraints are extra inequality constraints c(x) >= 0, called once per
	// evaluation with the evaluated point, which they must not keep or
	// modify.
	Constraints []func(x []float64) float64
	// NoBounds drops the bound constraints, leaving only Constraints: the
	// box then only supplies the starting point.
	NoBounds bool
}

// Stop reasons specific to COBYLA.
const (
	StopRounding = "rounding errors made the simplex degenerate"
	StopNaN      = "NaN in the linear model"
)

// cobylaEnd is COBYLA's own outcome, as SciPy reports it.
type cobylaEnd struct {
	x         []float64 // SciPy's returned point
	f, resmax float64   // its loss and constraint violation
	stop      string
}

// Minimize implements [Solver].
func (c COBYLA) Minimize(ctx context.Context, params []Param, eval Evaluator, opt Options) (Result, error) {
	res, _, err := c.fit(ctx, params, eval, opt)
	return res, err
}

// fit is Minimize that also returns SciPy's outcome.
func (c COBYLA) fit(ctx context.Context, params []Param, eval Evaluator, opt Options) (Result, cobylaEnd, error) {
	r, err := newRun(params, eval, opt)
	if err != nil {
		return Result{}, cobylaEnd{}, err
	}
	rhoBeg, rhoEnd, err := c.radii()
	if err != nil {
		return Result{}, cobylaEnd{}, err
	}
	if !(c.CAtol >= 0) || math.IsInf(c.CAtol, 0) {
		return Result{}, cobylaEnd{}, fmt.Errorf("fit: cobyla: CAtol is %v, want a finite value >= 0", c.CAtol)
	}
	for i, g := range c.Constraints {
		if g == nil {
			return Result{}, cobylaEnd{}, fmt.Errorf("fit: cobyla: Constraints[%d] is nil", i)
		}
	}
	n := len(params)
	x0 := make([]float64, n)
	lo, hi := make([]float64, n), make([]float64, n)
	for i, p := range params {
		x0[i], lo[i], hi[i] = p.Start(), p.Low, p.High
	}
	m := len(c.Constraints)
	if !c.NoBounds {
		m += 2 * n
	}
	cons := func(x, con []float64) {
		k := 0
		if !c.NoBounds {
			for i := range x {
				con[k], con[k+1] = hi[i]-x[i], x[i]-lo[i]
				k += 2
			}
		}
		for _, g := range c.Constraints {
			con[k] = g(x)
			k++
		}
	}
	// The feasible best, or the least violation.
	var best struct {
		x       []float64
		f, viol float64
	}
	onPoint := func(x []float64, f, viol float64) {
		switch {
		case best.x == nil:
		case viol <= c.CAtol && best.viol <= c.CAtol:
			if !better(f, best.f) {
				return
			}
		case viol <= c.CAtol:
		case best.viol <= c.CAtol:
			return
		case viol > best.viol || viol == best.viol && !better(f, best.f):
			return
		}
		best.x, best.f, best.viol = slices.Clone(x), f, viol
	}
	end, err := c.minimize(ctx, r, x0, m, cons, rhoBeg, rhoEnd, onPoint)
	if best.x != nil {
		r.res.X, r.res.Loss = best.x, best.f
	}
	if err != nil {
		return r.res, end, err
	}
	r.res.Stop = end.stop
	return r.res, end, nil
}

// radii returns RhoBeg and RhoEnd with their defaults, or an error.
func (c COBYLA) radii() (rhoBeg, rhoEnd float64, err error) {
	rhoBeg, rhoEnd = c.RhoBeg, c.RhoEnd
	if rhoBeg == 0 {
		rhoBeg = 0.1
	}
	if rhoEnd == 0 {
		rhoEnd = 1e-4
	}
	if !(rhoBeg > 0) || math.IsInf(rhoBeg, 0) {
		return 0, 0, fmt.Errorf("fit: cobyla: RhoBeg is %v, want a finite value > 0", c.RhoBeg)
	}
	if !(rhoEnd > 0) || rhoEnd > rhoBeg {
		return 0, 0, fmt.Errorf("fit: cobyla: RhoEnd is %v, want a value in (0, RhoBeg = %v]", rhoEnd, rhoBeg)
	}
	return rhoBeg, rhoEnd, nil
}

// Single-precision literals of Powell's Fortran, as the compiler widens
// them to double precision.
var (
	f32e6  = float64(float32(1e-6))
	f32p1  = float64(float32(0.1))
	f32p2  = float64(float32(0.2))
	f32eps = float64(float32(2.2e-16))
)

// dmax and dmin are DMAX1 and DMIN1 on two arguments as gfortran
// evaluates them: the second argument unless the first is strictly
// greater (smaller), so that DMAX1(0, -0) is -0, as SciPy reports.
func dmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func dmin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

// minimize is COBYLA proper (Powell's subroutine COBYLB) from x0 with m
// constraints computed by cons; onPoint sees every evaluated point with its
// loss and constraint violation. Matrices are indexed as in the Fortran,
// from 0: sim[i][j] is component i of column j.
func (c COBYLA) minimize(ctx context.Context, r *run, x0 []float64, m int,
	cons func(x, con []float64), rho, rhoEnd float64, onPoint func(x []float64, f, viol float64)) (cobylaEnd, error) {
	const (
		alpha = 0.25
		beta  = 2.1
		gamma = 0.5
		delta = 1.1
	)
	n := len(x0)
	mat := func(rows, cols int) [][]float64 {
		a := make([][]float64, rows)
		for i := range a {
			a[i] = make([]float64, cols)
		}
		return a
	}
	x := slices.Clone(x0)
	// Columns 0..n-1 of sim are the displacements of the other vertices
	// from the optimal vertex, column n the optimal vertex; simi is the
	// inverse of the first n columns; datmat's column j holds the
	// constraints, loss and violation at vertex j.
	sim, simi := mat(n, n+1), mat(n, n)
	datmat := mat(m+2, n+1)
	a := mat(n, m+1)
	con := make([]float64, m+2)
	vsig, veta, sigbar, dx, w := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	tr := newTrstlp(n, m)
	for i := range n {
		sim[i][n] = x[i]
		sim[i][i] = rho
		simi[i][i] = 1 / rho
	}
	parmu := 0.0
	var f, resmax float64
	it := 0
	// calc evaluates x into f, resmax and con at iteration it; stop is not
	// empty when a budget ends the fit.
	calc := func() (stop string, err error) {
		if r.left() < 1 {
			return StopMaxEvals, nil
		}
		if r.opt.MaxIter > 0 && it >= r.opt.MaxIter {
			return StopMaxIter, nil
		}
		r.res.Iterations = it + 1
		fs, err := r.evaluate(ctx, it, [][]float64{x})
		if err != nil {
			return "", err
		}
		f = fs[0]
		cons(x, con)
		resmax = 0
		for k := range m {
			resmax = dmax(resmax, -con[k])
		}
		con[m], con[m+1] = f, resmax
		onPoint(x, f, resmax)
		return "", nil
	}
	// vertex returns the optimal vertex as the result.
	vertex := func(stop string) cobylaEnd {
		xv := make([]float64, n)
		for i := range xv {
			xv[i] = sim[i][n]
		}
		return cobylaEnd{x: xv, f: datmat[m][n], resmax: datmat[m+1][n], stop: stop}
	}
	// update replaces column jdrop of the simplex by the step dx and
	// updates the inverse.
	update := func(jdrop int) {
		temp := 0.0
		for i := range n {
			sim[i][jdrop] = dx[i]
			temp += simi[jdrop][i] * dx[i]
		}
		for i := range n {
			simi[jdrop][i] /= temp
		}
		for j := range n {
			if j != jdrop {
				temp := 0.0
				for i := range n {
					temp += simi[j][i] * dx[i]
				}
				for i := range n {
					simi[j][i] -= temp * simi[jdrop][i]
				}
			}
		}
	}

	// The initial simplex: x0, then x0 + ρ·e_j for each j, the optimal
	// vertex being moved to column n as the points come in.
	for jdrop := n; ; {
		stop, err := calc()
		if err != nil || stop != "" {
			return vertex(stop), err
		}
		for k := range m + 2 {
			datmat[k][jdrop] = con[k]
		}
		if jdrop < n {
			if datmat[m][n] <= f {
				x[jdrop] = sim[jdrop][n]
			} else {
				sim[jdrop][n] = x[jdrop]
				for k := range m + 2 {
					datmat[k][jdrop] = datmat[k][n]
					datmat[k][n] = con[k]
				}
				for k := 0; k <= jdrop; k++ {
					sim[jdrop][k] = -rho
					temp := 0.0
					for i := k; i <= jdrop; i++ {
						temp -= simi[i][k]
					}
					simi[jdrop][k] = temp
				}
			}
		}
		if r.res.Evals > n { // Evals = n+1: the simplex is complete.
			break
		}
		jdrop = r.res.Evals - 1
		x[jdrop] += rho
	}

	ibrnch := true // false when the last step was a geometry step
	ifull := false
	var prerec, prerem, parsig float64
	for {
		// Identify the optimal vertex and move it to column n.
		phimin := datmat[m][n] + parmu*datmat[m+1][n]
		nbest := n
		for j := range n {
			temp := datmat[m][j] + parmu*datmat[m+1][j]
			if temp < phimin {
				nbest, phimin = j, temp
			} else if temp == phimin && parmu == 0 && datmat[m+1][j] < datmat[m+1][nbest] {
				nbest = j
			}
		}
		if nbest < n {
			for i := range m + 2 {
				datmat[i][n], datmat[i][nbest] = datmat[i][nbest], datmat[i][n]
			}
			for i := range n {
				temp := sim[i][nbest]
				sim[i][nbest] = 0
				sim[i][n] += temp
				tempa := 0.0
				for k := range n {
					sim[i][k] -= temp
					tempa -= simi[k][i]
				}
				simi[nbest][i] = tempa
			}
		}
		// Stop if simi is no longer the inverse of sim's first n columns.
		errMax := 0.0
		for i := range n {
			for j := range n {
				temp := 0.0
				if i == j {
					temp--
				}
				for k := range n {
					temp += simi[i][k] * sim[k][j]
				}
				errMax = dmax(errMax, math.Abs(temp))
			}
		}
		if errMax > 0.1 {
			return vertex(StopRounding), nil
		}
		// Gradients of the linear models: constraints, then minus the
		// objective's.
		for k := range m + 1 {
			con[k] = -datmat[k][n]
			for j := range n {
				w[j] = datmat[k][j] + con[k]
			}
			for i := range n {
				temp := 0.0
				for j := range n {
					temp += w[j] * simi[j][i]
				}
				if k == m {
					temp = -temp
				}
				a[i][k] = temp
			}
		}
		// Is the simplex acceptable?
		acceptable := true
		parsig = alpha * rho
		pareta := beta * rho
		for j := range n {
			wsig, weta := 0.0, 0.0
			for i := range n {
				wsig += simi[j][i] * simi[j][i]
				weta += sim[i][j] * sim[i][j]
			}
			vsig[j] = 1 / math.Sqrt(wsig)
			veta[j] = math.Sqrt(weta)
			if vsig[j] < parsig || veta[j] > pareta {
				acceptable = false
			}
		}

		if !ibrnch && !acceptable {
			// Geometry step: replace the vertex that spoils the simplex.
			jdrop := -1
			temp := pareta
			for j := range n {
				if veta[j] > temp {
					jdrop, temp = j, veta[j]
				}
			}
			if jdrop < 0 {
				for j := range n {
					if vsig[j] < temp {
						jdrop, temp = j, vsig[j]
					}
				}
			}
			temp = gamma * rho * vsig[jdrop]
			for i := range n {
				dx[i] = temp * simi[jdrop][i]
			}
			cvmaxp, cvmaxm, sum := 0.0, 0.0, 0.0
			for k := range m + 1 {
				sum = 0
				for i := range n {
					sum += a[i][k] * dx[i]
				}
				if k < m {
					temp := datmat[k][n]
					cvmaxp = dmax(cvmaxp, -sum-temp)
					cvmaxm = dmax(cvmaxm, sum-temp)
				}
			}
			if parmu*(cvmaxp-cvmaxm) > sum+sum {
				for i := range n {
					dx[i] = -dx[i]
				}
			}
			update(jdrop)
			for j := range n {
				x[j] = sim[j][n] + dx[j]
			}
			it++
			stop, err := calc()
			if err != nil || stop != "" {
				return vertex(stop), err
			}
			for k := range m + 2 {
				datmat[k][jdrop] = con[k]
			}
			ibrnch = true
			continue
		}

		// Trust-region step.
		ifull = tr.solve(a, con, rho, dx)
		for i := range n {
			if math.IsNaN(dx[i]) {
				return vertex(StopNaN), nil
			}
		}
		short := false
		if !ifull {
			temp := 0.0
			for i := range n {
				temp += dx[i] * dx[i]
			}
			short = temp < 0.25*rho*rho
		}
		reduce := true
		if short {
			ibrnch = true
		} else {
			// Predicted changes of the objective and the violation.
			resnew := 0.0
			con[m] = 0
			sum := 0.0
			for k := range m + 1 {
				sum = con[k]
				for i := range n {
					sum -= a[i][k] * dx[i]
				}
				if k < m {
					resnew = dmax(resnew, sum)
				}
			}
			barmu := 0.0
			prerec = datmat[m+1][n] - resnew
			if prerec > 0 {
				barmu = sum / prerec
			}
			if parmu < 1.5*barmu {
				parmu = 2 * barmu
				phi := datmat[m][n] + parmu*datmat[m+1][n]
				moved := false
				for j := range n {
					temp := datmat[m][j] + parmu*datmat[m+1][j]
					if temp < phi || temp == phi && parmu == 0 && datmat[m+1][j] < datmat[m+1][n] {
						moved = true
						break
					}
				}
				if moved {
					continue
				}
			}
			prerem = parmu*prerec - sum

			for i := range n {
				x[i] = sim[i][n] + dx[i]
			}
			ibrnch = true
			it++
			stop, err := calc()
			if err != nil || stop != "" {
				return vertex(stop), err
			}
			vmold := datmat[m][n] + parmu*datmat[m+1][n]
			vmnew := f + parmu*resmax
			trured := vmold - vmnew
			if parmu == 0 && f == datmat[m][n] {
				prerem = prerec
				trured = datmat[m+1][n] - resmax
			}
			// Which vertex the new point replaces, if any.
			ratio := 0.0
			if trured <= 0 {
				ratio = 1
			}
			jdrop := -1
			for j := range n {
				temp := 0.0
				for i := range n {
					temp += simi[j][i] * dx[i]
				}
				temp = math.Abs(temp)
				if temp > ratio {
					jdrop, ratio = j, temp
				}
				sigbar[j] = temp * vsig[j]
			}
			edgmax := delta * rho
			l := -1
			for j := range n {
				if sigbar[j] >= parsig || sigbar[j] >= vsig[j] {
					temp := veta[j]
					if trured > 0 {
						temp = 0
						for i := range n {
							d := dx[i] - sim[i][j]
							temp += d * d
						}
						temp = math.Sqrt(temp)
					}
					if temp > edgmax {
						l, edgmax = j, temp
					}
				}
			}
			if l >= 0 {
				jdrop = l
			}
			if jdrop >= 0 {
				update(jdrop)
				for k := range m + 2 {
					datmat[k][jdrop] = con[k]
				}
				if trured > 0 && trured >= 0.1*prerem {
					reduce = false
				}
			}
		}
		if !reduce {
			continue
		}
		if !acceptable {
			ibrnch = false
			continue
		}
		if rho > rhoEnd {
			rho *= 0.5
			if rho <= 1.5*rhoEnd {
				rho = rhoEnd
			}
			if parmu > 0 {
				denom, cmin, cmax := 0.0, 0.0, 0.0
				for k := range m + 1 {
					cmin = datmat[k][n]
					cmax = cmin
					for i := range n {
						cmin = dmin(cmin, datmat[k][i])
						cmax = dmax(cmax, datmat[k][i])
					}
					if k < m && cmin < 0.5*cmax {
						temp := dmax(cmax, 0) - cmin
						if denom <= 0 {
							denom = temp
						} else {
							denom = dmin(denom, temp)
						}
					}
				}
				if denom == 0 {
					parmu = 0
				} else if cmax-cmin < parmu*denom {
					parmu = (cmax - cmin) / denom
				}
			}
			continue
		}
		if ifull {
			return cobylaEnd{x: slices.Clone(x), f: f, resmax: resmax, stop: StopConverged}, nil
		}
		return vertex(StopConverged), nil
	}
}
