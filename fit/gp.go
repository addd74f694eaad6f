package fit

import (
	"errors"
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/optimize"
)

// gp is a Gaussian-process regression (C. E. Rasmussen and C. K. I.
// Williams, "Gaussian Processes for Machine Learning", MIT Press 2006,
// Algorithm 2.1 and Eq. 5.9) with a zero prior mean and the anisotropic
// (ARD) squared-exponential kernel plus a nugget (Eq. 5.1):
//
//	k(x, x') = σf²·exp(−r²/2) + σn²·[x = x'],
//	r² = Σ_d ((x_d − x'_d)/ℓ_d)².
//
// (On the test problems it reaches the optimum more closely than a
// Matérn 5/2 kernel: their losses are smooth.)
//
// Its hyperparameters, θ = (ln ℓ_1, ..., ln ℓ_n, ln σf², ln σn²), are
// either given or fitted by maximising the log marginal likelihood.
type gp struct {
	theta []float64
	inv   []float64   // 1/ℓ_d
	x     [][]float64 // training inputs
	y     []float64   // training targets
	l     []float64   // lower Cholesky factor L of K = L·Lᵀ, row-major
	alpha []float64   // K⁻¹·y
	lml   float64
}

// gpBounds are the bounds of the fitted hyperparameters, for inputs
// scaled to the unit box and targets standardised: length scales from 0.01
// to 10 box widths, signal variance from 0.01 to 100 and a nugget variance
// from 1e-10 to 0.1 (scikit-learn's default nugget is 1e-10; a larger floor
// such as 1e-6 blurs the differences between good points, which are tiny
// once the losses are standardised).
var gpBounds = struct{ lenLo, lenHi, sfLo, sfHi, snLo, snHi float64 }{
	math.Log(0.01), math.Log(10), math.Log(0.01), math.Log(100), math.Log(1e-10), math.Log(0.1),
}

// corr is the kernel's correlation exp(−r²/2) at squared scaled
// distance r2; its derivative in ln ℓ_d is corr·s_d², with
// s_d = (x_d − x'_d)/ℓ_d.
func corr(r2 float64) float64 { return math.Exp(-r2 / 2) }

// kernelMatrix returns K(θ) for the inputs x as a row-major N×N slice.
func kernelMatrix(theta []float64, x [][]float64) []float64 {
	n := len(theta) - 2
	N := len(x)
	sf2, sn2 := math.Exp(theta[n]), math.Exp(theta[n+1])
	inv := make([]float64, n)
	for d := range n {
		inv[d] = math.Exp(-theta[d])
	}
	k := make([]float64, N*N)
	for i := range N {
		for j := range i + 1 {
			var r2 float64
			for d := range n {
				s := (x[i][d] - x[j][d]) * inv[d]
				r2 += s * s
			}
			k[i*N+j] = sf2 * corr(r2)
			k[j*N+i] = k[i*N+j]
		}
		k[i*N+i] += sn2
	}
	return k
}

// cholesky factorises the kernel matrix k (row-major) in place into the
// upper triangular U with K = Uᵀ·U (the layout in which gonum's
// factorisation runs fastest) and returns α = K⁻¹·y and ln det K; ok is
// false if K is not numerically positive definite.
func cholesky(k []float64, y []float64) (u blas64.Triangular, alpha []float64, logDet float64, ok bool) {
	N := len(y)
	u, ok = lapack64.Potrf(blas64.Symmetric{Uplo: blas.Upper, N: N, Stride: N, Data: k})
	if !ok {
		return u, nil, 0, false
	}
	alpha = append([]float64(nil), y...)
	lapack64.Potrs(u, blas64.General{Rows: N, Cols: 1, Stride: 1, Data: alpha})
	for i := range N {
		logDet += 2 * math.Log(k[i*N+i])
	}
	return u, alpha, logDet, true
}

// errNotPD reports a kernel matrix that is not numerically positive
// definite.
var errNotPD = errors.New("fit: gp: kernel matrix is not positive definite")

// newGP conditions the process with hyperparameters theta on the inputs x
// and targets y.
func newGP(theta []float64, x [][]float64, y []float64) (*gp, error) {
	g := &gp{theta: append([]float64(nil), theta...), x: x, y: y}
	for d := range len(theta) - 2 {
		g.inv = append(g.inv, math.Exp(-theta[d]))
	}
	u, alpha, logDet, ok := cholesky(kernelMatrix(theta, x), y)
	if !ok {
		return nil, errNotPD
	}
	// L = Uᵀ, row-major, for the forward substitutions of predict.
	N := len(y)
	g.l = make([]float64, N*N)
	for i := range N {
		for j := i; j < N; j++ {
			g.l[j*N+i] = u.Data[i*N+j]
		}
	}
	g.alpha = alpha
	g.lml = -0.5*blas64.Dot(blas64.Vector{N: len(y), Inc: 1, Data: y}, blas64.Vector{N: len(y), Inc: 1, Data: alpha}) -
		0.5*logDet - float64(len(y))/2*math.Log(2*math.Pi)
	return g, nil
}

// logML returns the log marginal likelihood at theta and, if grad is not
// nil, its gradient in grad (Rasmussen and Williams, Eq. 5.9:
// ½·tr((ααᵀ − K⁻¹)·∂K/∂θ_j)).
func logML(theta []float64, x [][]float64, y []float64, grad []float64) (float64, error) {
	n := len(theta) - 2
	N := len(x)
	k := kernelMatrix(theta, x)
	var kc []float64 // σf²·corr, for the gradient
	if grad != nil {
		kc = slices.Clone(k)
	}
	l, al, logDet, ok := cholesky(k, y)
	if !ok {
		return 0, errNotPD
	}
	var yy float64
	for i := range y {
		yy += y[i] * al[i]
	}
	lml := -0.5*yy - 0.5*logDet - float64(N)/2*math.Log(2*math.Pi)
	if grad == nil {
		return lml, nil
	}
	kinv, ok := lapack64.Potri(l) // upper triangle of K⁻¹, in k
	if !ok {
		return 0, errNotPD
	}
	sn2 := math.Exp(theta[n+1])
	inv := make([]float64, n)
	for d := range n {
		inv[d] = math.Exp(-theta[d])
	}
	for j := range grad {
		grad[j] = 0
	}
	// W = ααᵀ − K⁻¹; ∂K/∂ln ℓ_d = σf²·corr·s_d², ∂K/∂ln σf² = σf²·corr,
	// ∂K/∂ln σn² = σn²·I. Off-diagonal pairs count twice.
	for i := range N {
		for j := range i + 1 {
			w := al[i]*al[j] - kinv.Data[j*N+i]
			if i != j {
				w *= 2
			}
			wk := w * kc[i*N+j]
			if i == j {
				wk = w * (kc[i*N+j] - sn2)
				grad[n+1] += w * sn2
			}
			for d := range n {
				s := (x[i][d] - x[j][d]) * inv[d]
				grad[d] += wk * s * s
			}
			grad[n] += wk
		}
	}
	for j := range grad {
		grad[j] *= 0.5
	}
	return lml, nil
}

// fitGP fits the hyperparameters by maximising the log marginal likelihood
// within gpBounds, with L-BFGS from each of the starting points starts,
// and returns the process with the best. L-BFGS is unconstrained: it
// minimises −LML(clamp(φ)) + ½·|φ − clamp(φ)|², clamp projecting onto the
// bounds, whose minimum lies inside them, and θ = clamp(φ). (A logistic
// map onto the bounds made L-BFGS creep for hundreds of evaluations
// towards the bounds where the optimum often lies.)
func fitGP(x [][]float64, y []float64, starts [][]float64) (*gp, error) {
	n := len(x[0])
	lo, hi := make([]float64, n+2), make([]float64, n+2)
	for d := range n {
		lo[d], hi[d] = gpBounds.lenLo, gpBounds.lenHi
	}
	lo[n], hi[n] = gpBounds.sfLo, gpBounds.sfHi
	lo[n+1], hi[n+1] = gpBounds.snLo, gpBounds.snHi
	toTheta := func(phi, theta []float64) {
		for j := range phi {
			theta[j] = min(max(phi[j], lo[j]), hi[j])
		}
	}
	// Func and Grad are usually asked at the same φ: one call of logML
	// serves both.
	theta := make([]float64, n+2)
	var last struct {
		phi, grad []float64
		f         float64
	}
	eval := func(phi []float64) {
		if last.phi != nil && slices.Equal(phi, last.phi) {
			return
		}
		last.phi = append(last.phi[:0], phi...)
		last.grad = slices.Grow(last.grad[:0], n+2)[:n+2]
		toTheta(phi, theta)
		v, err := logML(theta, x, y, last.grad)
		if err != nil {
			last.f = math.Inf(1)
			clear(last.grad)
			return
		}
		last.f = -v
		for j := range last.grad {
			if d := phi[j] - theta[j]; d != 0 {
				last.f += d * d / 2
				last.grad[j] = d
			} else {
				last.grad[j] = -last.grad[j]
			}
		}
	}
	prob := optimize.Problem{
		Func: func(phi []float64) float64 { eval(phi); return last.f },
		Grad: func(grad, phi []float64) { eval(phi); copy(grad, last.grad) },
	}
	var best *gp
	for _, s := range starts {
		phi := make([]float64, n+2)
		toTheta(s, phi)
		res, err := optimize.Minimize(prob, phi, &optimize.Settings{
			MajorIterations:   200,
			FuncEvaluations:   40,
			GradientThreshold: 1e-3,
			Converger:         &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-9, Iterations: 4},
		}, &optimize.LBFGS{})
		cand := phi
		if res != nil && !math.IsInf(res.F, 0) && !math.IsNaN(res.F) {
			cand = res.X
		} else if err != nil && res == nil {
			continue
		}
		th := make([]float64, n+2)
		toTheta(cand, th)
		g, err := newGP(th, x, y)
		if err != nil {
			continue
		}
		if best == nil || g.lml > best.lml {
			best = g
		}
	}
	if best == nil {
		// No fit gave a factorisable kernel matrix: fall back on length
		// scales of 0.3 and unit variance with ever larger nuggets.
		th := make([]float64, n+2)
		for d := range n {
			th[d] = math.Log(0.3)
		}
		for _, sn2 := range []float64{1e-6, 1e-4, 1e-2, 1e-1} {
			th[n+1] = math.Log(sn2)
			if g, err := newGP(th, x, y); err == nil {
				return g, nil
			}
		}
		return nil, errNotPD
	}
	return best, nil
}

// predict returns the posterior mean and variance of the latent function
// (without the nugget) at u. work must have len(g.x) elements.
func (g *gp) predict(u, work []float64) (mean, variance float64) {
	mean = g.mean(u, work)
	return mean, g.variance(work)
}

// mean returns the posterior mean at u and leaves the prior covariances
// k* of u with the training points in work.
func (g *gp) mean(u, work []float64) float64 {
	n := len(g.theta) - 2
	sf2 := math.Exp(g.theta[n])
	var mean float64
	for i, xi := range g.x {
		var r2 float64
		for d := range n {
			s := (u[d] - xi[d]) * g.inv[d]
			r2 += s * s
		}
		work[i] = sf2 * corr(r2)
		mean += work[i] * g.alpha[i]
	}
	return mean
}

// variance returns the posterior variance σf² − vᵀv, v = L⁻¹k*, from the
// covariances k* left in work by mean, which it overwrites.
func (g *gp) variance(work []float64) float64 {
	N := len(g.x)
	var vv float64
	for i := range work {
		row := g.l[i*N : i*N+i+1]
		s := work[i]
		for j, lij := range row[:i] {
			s -= lij * work[j]
		}
		work[i] = s / row[i]
		vv += work[i] * work[i]
	}
	return max(g.sf2()-vv, 0)
}

// sf2 is the signal variance σf², the prior variance of the latent
// function and so a bound on its posterior variance.
func (g *gp) sf2() float64 { return math.Exp(g.theta[len(g.theta)-2]) }
