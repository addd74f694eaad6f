package fit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/laminasim/lamina/rng"
)

// CMA is the covariance matrix adaptation evolution strategy, (μ/μ_w, λ)-
// CMA-ES with the default parameters of Hansen's tutorial ("The CMA
// Evolution Strategy: A Tutorial", arXiv:1604.00772, Table 1 and
// Algorithm, without the active negative update): λ = 4 + ⌊3 ln n⌋,
// μ = ⌊λ/2⌋, log-linear positive weights, and the tutorial's c_σ, d_σ,
// c_c, c_1, c_μ and h_σ.
//
// Bounds are handled as HNN-core's Optimizer(solver="cma") has the Python
// cma package handle them: it passes the bounds and CMA_stds =
// Sigma0·(high − low) with σ₀ = 1, so cma's default BoundTransform
// evaluates the objective at T(y), where y is the unconstrained sample
// and T cma's piecewise linear–quadratic map onto the box (identity in
// the interior, about 90% of each range), while the strategy adapts on
// y itself. Here the strategy runs in coordinates scaled by each range
// (equivalent to CMA_stds) and T is applied in the parameters' own
// coordinates, with cma's margins. The initial mean is T⁻¹ of the
// parameters' starting values. Evaluated points, the callback's X and
// Result.X are the transformed points, inside the bounds.
//
// Each generation of λ points is one batch for the Evaluator. A
// generation is begun only if it fits in the remaining budget, so a fit
// may end with fewer than Options.MaxEvals evaluations. Normal samples come
// from the keyed stream rng.New(Options.Seed, 0, "fit.cma", 0).
type CMA struct {
	// PopSize is λ; 0 selects 4 + ⌊3 ln n⌋. (HNN-core's default is 16.)
	PopSize int
	// Sigma0 is the initial step size as a fraction of each parameter's
	// range; 0 selects 0.25, HNN-core's default.
	Sigma0 float64
	// TolFun stops the fit when the losses of the last generation and the
	// best losses of the last 10 + ⌈30n/λ⌉ generations span less than it
	// (cma's tolfun); 0 selects cma's default 1e-11, a negative value
	// disables the test. (HNN-core passes 0.01.)
	TolFun float64
}

// Minimize implements [Solver].
func (c CMA) Minimize(ctx context.Context, params []Param, eval Evaluator, opt Options) (Result, error) {
	r, err := newRun(params, eval, opt)
	if err != nil {
		return Result{}, err
	}
	n := len(params)
	lambda := c.PopSize
	if lambda == 0 {
		lambda = 4 + int(math.Floor(3*math.Log(float64(n))))
	}
	if lambda < 2 {
		return Result{}, fmt.Errorf("fit: cma: population size %d, want at least 2", lambda)
	}
	if lambda > opt.MaxEvals {
		return Result{}, fmt.Errorf("fit: cma: budget of %d evaluations is less than one generation of %d", opt.MaxEvals, lambda)
	}
	sigma := c.Sigma0
	if sigma == 0 {
		sigma = 0.25
	}
	if !(sigma > 0) || math.IsInf(sigma, 0) {
		return Result{}, fmt.Errorf("fit: cma: Sigma0 is %v, want a positive fraction of the ranges", c.Sigma0)
	}
	tolFun := c.TolFun
	if tolFun == 0 {
		tolFun = 1e-11
	}

	// Strategy parameters (tutorial, Table 1).
	nf := float64(n)
	mu := lambda / 2
	w := make([]float64, mu)
	var sw, sw2 float64
	for i := range w {
		w[i] = math.Log(float64(lambda+1)/2) - math.Log(float64(i+1))
		sw += w[i]
	}
	for i := range w {
		w[i] /= sw
		sw2 += w[i] * w[i]
	}
	mueff := 1 / sw2
	cs := (mueff + 2) / (nf + mueff + 5)
	ds := 1 + 2*math.Max(0, math.Sqrt((mueff-1)/(nf+1))-1) + cs
	cc := (4 + mueff/nf) / (nf + 4 + 2*mueff/nf)
	c1 := 2 / ((nf+1.3)*(nf+1.3) + mueff)
	cmu := math.Min(1-c1, 2*(mueff-2+1/mueff)/((nf+2)*(nf+2)+mueff))
	chiN := math.Sqrt(nf) * (1 - 1/(4*nf) + 1/(21*nf*nf))
	histLen := 10 + int(math.Ceil(30*nf/float64(lambda)))

	// Scaled coordinates: parameter i is lo[i] + span[i]·y[i], before T.
	tf := make([]linQuad, n)
	lo, span := make([]float64, n), make([]float64, n)
	m := make([]float64, n)
	for i, p := range params {
		tf[i] = newLinQuad(p.Low, p.High)
		lo[i], span[i] = p.Low, p.High-p.Low
		m[i] = (tf[i].inverse(p.Start()) - lo[i]) / span[i]
	}
	pheno := func(y []float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = tf[i].transform(lo[i] + span[i]*y[i])
		}
		return x
	}

	C := mat.NewSymDense(n, nil)
	for i := range n {
		C.SetSym(i, i, 1)
	}
	B := mat.NewDense(n, n, nil)
	D := make([]float64, n)
	ps, pc := make([]float64, n), make([]float64, n)
	src := rng.New(opt.Seed, 0, "fit.cma", 0)
	var eig mat.EigenSym
	var bestHist []float64

	for g := 0; ; g++ {
		if opt.MaxIter > 0 && g >= opt.MaxIter {
			r.res.Stop = StopMaxIter
			return r.res, nil
		}
		if r.left() < lambda {
			r.res.Stop = StopMaxEvals
			return r.res, nil
		}
		// C = B·diag(D²)·Bᵀ.
		if !eig.Factorize(C, true) {
			return r.res, errors.New("fit: cma: eigendecomposition of the covariance failed")
		}
		eig.VectorsTo(B)
		for i, v := range eig.Values(nil) {
			D[i] = math.Sqrt(math.Max(v, 0))
		}
		r.res.Iterations = g + 1

		// Sample y_k = B·D·z_k and candidates m + σ·y_k.
		ys := make([][]float64, lambda)
		cand := make([][]float64, lambda)
		xs := make([][]float64, lambda)
		for k := range lambda {
			z := make([]float64, n)
			for i := range z {
				z[i] = D[i] * src.Normal(0, 1)
			}
			y := make([]float64, n)
			for i := range y {
				for j := range n {
					y[i] += B.At(i, j) * z[j]
				}
			}
			ys[k] = y
			cand[k] = make([]float64, n)
			for i := range y {
				cand[k][i] = m[i] + sigma*y[i]
			}
			xs[k] = pheno(cand[k])
		}
		fs, err := r.evaluate(ctx, g, xs)
		if err != nil {
			return r.res, err
		}
		idx := make([]int, lambda)
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return rank(fs[idx[a]]) < rank(fs[idx[b]]) })

		// Mean: m' = Σ w_i x_{i:λ}; y_w = (m' − m)/σ = Σ w_i y_{i:λ}.
		yw := make([]float64, n)
		for i := range mu {
			for j := range yw {
				yw[j] += w[i] * ys[idx[i]][j]
			}
		}
		for j := range m {
			m[j] += sigma * yw[j]
		}
		// Step-size path: p_σ ← (1−c_σ)p_σ + √(c_σ(2−c_σ)μ_eff)·C^{−1/2}·y_w,
		// C^{−1/2} = B·D⁻¹·Bᵀ.
		bty := make([]float64, n)
		for i := range n {
			for j := range n {
				bty[i] += B.At(j, i) * yw[j]
			}
			if D[i] > 0 {
				bty[i] /= D[i]
			} else {
				bty[i] = 0
			}
		}
		a := math.Sqrt(cs * (2 - cs) * mueff)
		var psNorm float64
		for i := range n {
			var v float64
			for j := range n {
				v += B.At(i, j) * bty[j]
			}
			ps[i] = (1-cs)*ps[i] + a*v
			psNorm += ps[i] * ps[i]
		}
		psNorm = math.Sqrt(psNorm)
		hs := 0.0
		if psNorm/math.Sqrt(1-math.Pow(1-cs, 2*float64(g+1))) < (1.4+2/(nf+1))*chiN {
			hs = 1
		}
		ac := math.Sqrt(cc * (2 - cc) * mueff)
		for i := range n {
			pc[i] = (1-cc)*pc[i] + hs*ac*yw[i]
		}
		// Covariance: rank-one and rank-μ updates; δ(h_σ) = (1−h_σ)c_c(2−c_c).
		dh := (1 - hs) * cc * (2 - cc)
		for i := range n {
			for j := i; j < n; j++ {
				var rmu float64
				for k := range mu {
					y := ys[idx[k]]
					rmu += w[k] * y[i] * y[j]
				}
				v := (1-c1-cmu)*C.At(i, j) + c1*(pc[i]*pc[j]+dh*C.At(i, j)) + cmu*rmu
				C.SetSym(i, j, v)
			}
		}
		sigma *= math.Exp(cs / ds * (psNorm/chiN - 1))

		// Termination: tolfun on the generation's and the recent best
		// losses, and a step too small to change any coordinate.
		bestHist = append(bestHist, rank(fs[idx[0]]))
		if len(bestHist) > histLen {
			bestHist = bestHist[1:]
		}
		if tolFun > 0 && g+1 >= histLen {
			lo, hi := slices.Min(bestHist), slices.Max(bestHist)
			lo = math.Min(lo, rank(fs[idx[0]]))
			hi = math.Max(hi, rank(fs[idx[lambda-1]]))
			if hi-lo < tolFun {
				r.res.Stop = StopConverged
				return r.res, nil
			}
		}
		var maxSD float64
		for i := range n {
			maxSD = math.Max(maxSD, math.Sqrt(C.At(i, i)))
		}
		if sigma*maxSD < 1e-12 {
			r.res.Stop = StopConverged
			return r.res, nil
		}
	}
}
