package fit

import (
	"context"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"

	"github.com/laminasim/lamina/rng"
)

// Bayesian is Bayesian optimisation with a Gaussian-process surrogate and
// the expected-improvement acquisition (E. Brochu, V. M. Cora and N. de
// Freitas, "A Tutorial on Bayesian Optimization of Expensive Cost
// Functions", arXiv:1012.2599; D. R. Jones, M. Schonlau and W. J. Welch,
// J. Global Optim. 13:455, 1998), the method of HNN-core's
// Optimizer(solver="bayesian") (its hnn_core/externals/bayesopt.py), made
// sound:
//
//   - the parameters are scaled to the unit box and the losses
//     standardised (zero mean, unit variance) before the surrogate is fitted;
//   - the surrogate is a Gaussian process with an anisotropic (one length
//     scale per parameter) squared-exponential kernel and a nugget, whose
//     length scales, signal variance and nugget are fitted at each
//     iteration by maximising the log marginal likelihood (L-BFGS from
//     gonum/optimize, from three fixed starting points and the previous
//     optimum), where HNN-core fits scikit-learn's default
//     GaussianProcessRegressor (an isotropic squared-exponential kernel of
//     fixed unit variance on raw parameters and losses);
//   - the next point maximises the expected improvement for minimisation,
//     E[max(best − f, 0)], among Candidates points drawn uniformly in the
//     box, as HNN-core draws 10000, refined by a local search unless
//     NoPolish. (HNN-core's expected_improvement returns
//     E[max(f − best, 0)] and bayes_opt takes its argmin, which favours
//     points predicted low and certain: it exploits but hardly explores.)
//
// The first evaluation is the parameters' starting point (initial values,
// or the middle of the box, as HNN-core). Each later evaluation is one
// iteration: HNN-core's bayes_opt(maxfun=k) evaluates 1 + k points, which
// is Options.MaxEvals = k + 1 here; a fit never exceeds MaxEvals. NaN
// losses are given the worst finite loss in the surrogate. Evaluations are
// sequential (batches of one point). Candidates are drawn from the keyed
// stream rng.New(Options.Seed, 0, "fit.bayesian", 0), so a fit is
// reproducible; the Evaluator's concurrency does not change it. The fit
// stops only on the budgets.
type Bayesian struct {
	// Candidates is the number of uniform candidates per iteration; 0
	// selects HNN-core's 10000.
	Candidates int
	// NoPolish skips the refinement of the best candidate by a Nelder–Mead
	// search of the expected improvement within the box (gonum/optimize,
	// at most 100·(n+1) evaluations of the surrogate).
	NoPolish bool
}

// Minimize implements [Solver].
func (b Bayesian) Minimize(ctx context.Context, params []Param, eval Evaluator, opt Options) (Result, error) {
	r, err := newRun(params, eval, opt)
	if err != nil {
		return Result{}, err
	}
	nCand := b.Candidates
	if nCand == 0 {
		nCand = 10000
	}
	if nCand < 1 {
		return Result{}, fmt.Errorf("fit: bayesian: Candidates is %d, want at least 1 (0 selects 10000)", b.Candidates)
	}
	n := len(params)
	lo, span := make([]float64, n), make([]float64, n)
	u0 := make([]float64, n)
	for i, p := range params {
		lo[i], span[i] = p.Low, p.High-p.Low
		u0[i] = (p.Start() - p.Low) / span[i]
	}
	// toX maps unit-box coordinates to the parameters, clamped against
	// rounding.
	toX := func(u []float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = min(max(lo[i]+span[i]*u[i], params[i].Low), params[i].High)
		}
		return x
	}
	src := rng.New(opt.Seed, 0, "fit.bayesian", 0)
	var us [][]float64
	var fs []float64
	var prev []float64 // the previous iteration's hyperparameters
	for it := 0; ; it++ {
		if r.left() < 1 {
			r.res.Stop = StopMaxEvals
			return r.res, nil
		}
		if opt.MaxIter > 0 && it >= opt.MaxIter {
			r.res.Stop = StopMaxIter
			return r.res, nil
		}
		u := u0
		if it > 0 {
			if err := ctx.Err(); err != nil {
				return r.res, fmt.Errorf("fit: stopped after %d evaluations: %w", r.res.Evals, err)
			}
			var th []float64
			u, th, err = b.next(us, fs, prev, nCand, src)
			if err != nil {
				return r.res, fmt.Errorf("fit: bayesian: iteration %d: %w", it, err)
			}
			prev = th
		}
		r.res.Iterations = it + 1
		got, err := r.evaluate(ctx, it, [][]float64{toX(u)})
		if err != nil {
			return r.res, err
		}
		us = append(us, u)
		fs = append(fs, got[0])
	}
}

// next fits the surrogate to the points us (unit box) with losses fs and
// returns the point of greatest expected improvement with the fitted
// hyperparameters.
func (b Bayesian) next(us [][]float64, fs []float64, prev []float64, nCand int, src *rng.Stream) ([]float64, []float64, error) {
	n := len(us[0])
	// Standardise, NaN and +Inf counting as the worst finite loss and −Inf
	// as the best, with the spread computed in units of its largest
	// deviation so that huge losses do not overflow.
	lo, hi, finite := math.Inf(1), math.Inf(-1), false
	for _, f := range fs {
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			lo, hi, finite = min(lo, f), max(hi, f), true
		}
	}
	y := make([]float64, len(fs))
	for i, f := range fs {
		switch {
		case !finite:
			y[i] = 0
		case math.IsNaN(f) || math.IsInf(f, 1):
			y[i] = hi
		case math.IsInf(f, -1):
			y[i] = lo
		default:
			y[i] = f
		}
	}
	var mean, spread, ss float64
	for _, v := range y {
		mean += v / float64(len(y))
	}
	for _, v := range y {
		spread = max(spread, math.Abs(v-mean))
	}
	sd := 1.0
	if spread > 0 && !math.IsInf(spread, 0) {
		for _, v := range y {
			d := (v - mean) / spread
			ss += d * d
		}
		sd = spread * math.Sqrt(ss/float64(len(y)))
	}
	best := math.Inf(1)
	for i := range y {
		y[i] = (y[i] - mean) / sd
		best = min(best, y[i])
	}
	g, err := fitGP(us, y, hyperStarts(n, prev))
	if err != nil {
		return nil, nil, err
	}
	work := make([]float64, len(us))
	ei := func(u []float64) float64 {
		m, v := g.predict(u, work)
		return expectedImprovement(best, m, math.Sqrt(v))
	}
	// Candidates: n draws each, however they score. EI grows with the
	// standard deviation, which is at most the prior's σf: a candidate
	// whose EI with σf does not beat the best so far is passed over
	// without computing its variance, which changes nothing but the time.
	cand := make([]float64, n)
	bestU, bestEI := make([]float64, n), math.Inf(-1)
	sfMax := math.Sqrt(g.sf2())
	for range nCand {
		for d := range cand {
			cand[d] = src.Float64()
		}
		m := g.mean(cand, work)
		if !(expectedImprovement(best, m, sfMax) > bestEI) {
			continue
		}
		if e := expectedImprovement(best, m, math.Sqrt(g.variance(work))); e > bestEI {
			bestEI = e
			copy(bestU, cand)
		}
	}
	if !b.NoPolish {
		clamp := func(u []float64) []float64 {
			c := make([]float64, len(u))
			for d := range u {
				c[d] = min(max(u[d], 0), 1)
			}
			return c
		}
		// From the best candidate and from the best point evaluated, near
		// which the expected improvement peaks once the fit closes in.
		inc := 0
		for i := range y {
			if y[i] < y[inc] {
				inc = i
			}
		}
		for _, u0 := range [][]float64{slices.Clone(bestU), slices.Clone(us[inc])} {
			res, _ := optimize.Minimize(optimize.Problem{
				Func: func(u []float64) float64 { return -ei(clamp(u)) },
			}, u0, &optimize.Settings{FuncEvaluations: 100 * (n + 1)},
				&optimize.NelderMead{SimplexSize: 0.02})
			// An error (such as the evaluation limit) still leaves res.X
			// usable.
			if res != nil {
				if c := clamp(res.X); ei(c) > bestEI {
					bestU, bestEI = c, ei(c)
				}
			}
		}
	}
	return bestU, g.theta, nil
}

// hyperStarts returns the starting points of the hyperparameter fit: the
// previous optimum prev, if any, and length scales of 0.3, 0.1 and 1 box
// width with unit signal variance and a nugget of 1e-4. (The likelihood
// has several maxima: with the previous optimum and one other start only,
// the fit stays in a poor one on the Forrester function, even after 10
// points.)
func hyperStarts(n int, prev []float64) [][]float64 {
	var starts [][]float64
	if prev != nil {
		starts = append(starts, prev)
	}
	for _, l := range []float64{0.3, 0.1, 1} {
		s := make([]float64, n+2)
		for d := range n {
			s[d] = math.Log(l)
		}
		s[n], s[n+1] = 0, math.Log(1e-4)
		starts = append(starts, s)
	}
	return starts
}

// expectedImprovement is E[max(best − f, 0)] for f ~ N(mean, sd²):
// (best − mean)·Φ(z) + sd·φ(z) with z = (best − mean)/sd.
func expectedImprovement(best, mean, sd float64) float64 {
	d := best - mean
	if !(sd > 0) {
		return max(d, 0)
	}
	z := d / sd
	return d*0.5*math.Erfc(-z/math.Sqrt2) + sd*math.Exp(-z*z/2)/math.Sqrt(2*math.Pi)
}
