package fit

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestGPClosedForm checks the posterior and the log marginal likelihood of
// a two-point, one-dimensional process against the textbook formulas
// worked by hand with the explicit inverse of the 2×2 kernel matrix:
// μ = k*ᵀK⁻¹y, σ² = σf² − k*ᵀK⁻¹k*, LML = −½yᵀK⁻¹y − ½ln det K − ln 2π.
// Both are a handful of operations on well-conditioned numbers, so they
// agree to 1e-12.
func TestGPClosedForm(t *testing.T) {
	const l, sf2, sn2 = 0.4, 1.7, 0.01
	x := [][]float64{{0.2}, {0.7}}
	y := []float64{0.5, -1.2}
	g, err := newGP([]float64{math.Log(l), math.Log(sf2), math.Log(sn2)}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	k := func(a, b float64) float64 { return sf2 * math.Exp(-(a-b)*(a-b)/(2*l*l)) }
	k11, k12, k22 := k(0.2, 0.2)+sn2, k(0.2, 0.7), k(0.7, 0.7)+sn2
	det := k11*k22 - k12*k12
	i11, i12, i22 := k22/det, -k12/det, k11/det
	a1, a2 := i11*y[0]+i12*y[1], i12*y[0]+i22*y[1]
	wantLML := -0.5*(y[0]*a1+y[1]*a2) - 0.5*math.Log(det) - math.Log(2*math.Pi)
	if math.Abs(g.lml-wantLML) > 1e-12 {
		t.Errorf("LML %v, want %v", g.lml, wantLML)
	}
	work := make([]float64, 2)
	for _, u := range []float64{0, 0.2, 0.45, 0.7, 1} {
		s1, s2 := k(u, 0.2), k(u, 0.7)
		wantMean := s1*a1 + s2*a2
		wantVar := sf2 - (s1*(i11*s1+i12*s2) + s2*(i12*s1+i22*s2))
		m, v := g.predict([]float64{u}, work)
		if math.Abs(m-wantMean) > 1e-12 || math.Abs(v-wantVar) > 1e-12 {
			t.Errorf("at %v: mean, variance %v, %v; want %v, %v", u, m, v, wantMean, wantVar)
		}
	}
}

// TestGPInterpolates conditions a noise-free process (nugget 1e-12) on
// points at least 0.2 apart with length scale 0.2, so that K is well
// conditioned: at the training points the posterior mean must equal the
// targets and the variance vanish, to 1e-8 (the nugget times |K⁻¹y| and
// rounding in the factorisation, far smaller).
func TestGPInterpolates(t *testing.T) {
	var x [][]float64
	var y []float64
	for i := range 5 {
		for j := range 5 {
			u := []float64{0.2 * float64(i), 0.25 * float64(j)}
			x = append(x, u)
			y = append(y, math.Sin(5*u[0])+u[1]*u[1])
		}
	}
	g, err := newGP([]float64{math.Log(0.2), math.Log(0.2), 0, math.Log(1e-12)}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	work := make([]float64, len(x))
	for i, u := range x {
		m, v := g.predict(u, work)
		if math.Abs(m-y[i]) > 1e-8 || v > 1e-8 {
			t.Errorf("at %v: mean %v (target %v), variance %v", u, m, y[i], v)
		}
	}
}

// TestGPMatchesSklearn compares with scikit-learn's GaussianProcessRegressor
// using the same kernel (testdata/gp_sklearn.py): for fixed
// hyperparameters, the log marginal likelihood and its gradient and the
// posterior mean and standard deviation (scikit-learn's includes the
// nugget, which is removed here) to 1e-9, rounding differences of two
// Cholesky factorisations of a 12×12 matrix; and, fitting the
// hyperparameters from hyperStarts, a log marginal
// likelihood at least scikit-learn's best over 21 L-BFGS-B runs, less 1e-3.
func TestGPMatchesSklearn(t *testing.T) {
	raw, err := os.ReadFile("testdata/gp_sklearn.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx struct {
		X, Xs [][]float64
		Y     []float64
		Fixed struct {
			Theta, Grad, Mean, Std []float64
			LML                    float64
		}
		Fitted struct {
			LML    float64
			Kernel string
		}
	}
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	n := len(fx.X[0])
	grad := make([]float64, n+2)
	lml, err := logML(fx.Fixed.Theta, fx.X, fx.Y, grad)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(lml-fx.Fixed.LML) > 1e-9 {
		t.Errorf("LML %v, sklearn %v", lml, fx.Fixed.LML)
	}
	for j := range grad {
		if math.Abs(grad[j]-fx.Fixed.Grad[j]) > 1e-9 {
			t.Errorf("LML gradient %v, sklearn %v", grad, fx.Fixed.Grad)
			break
		}
	}
	g, err := newGP(fx.Fixed.Theta, fx.X, fx.Y)
	if err != nil {
		t.Fatal(err)
	}
	sn2 := math.Exp(fx.Fixed.Theta[n+1])
	work := make([]float64, len(fx.X))
	for i, u := range fx.Xs {
		m, v := g.predict(u, work)
		wantV := fx.Fixed.Std[i]*fx.Fixed.Std[i] - sn2
		if math.Abs(m-fx.Fixed.Mean[i]) > 1e-9 || math.Abs(v-wantV) > 1e-9 {
			t.Errorf("at %v: mean, variance %v, %v; sklearn %v, %v", u, m, v, fx.Fixed.Mean[i], wantV)
		}
	}
	fitted, err := fitGP(fx.X, fx.Y, hyperStarts(n, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fitted LML %.6f, θ %.4g; sklearn %.6f, %s", fitted.lml, fitted.theta, fx.Fitted.LML, fx.Fitted.Kernel)
	if fitted.lml < fx.Fitted.LML-1e-3 {
		t.Errorf("fitted LML %v below sklearn's %v", fitted.lml, fx.Fitted.LML)
	}
}

// TestLogMLGradient checks the analytic gradient of the log marginal
// likelihood against central differences with step 1e-5, whose truncation
// (~1e-10 times the third derivative) and rounding (~1e-16·|LML|/1e-5)
// errors are far below the tolerance of 1e-6.
func TestLogMLGradient(t *testing.T) {
	x := [][]float64{{0.1, 0.9}, {0.4, 0.3}, {0.8, 0.5}, {0.2, 0.2}, {0.6, 0.8}, {0.95, 0.05}}
	y := []float64{1.2, -0.3, 0.4, -1.1, 0.9, -0.6}
	for _, theta := range [][]float64{
		{math.Log(0.3), math.Log(0.5), 0, math.Log(1e-3)},
		{math.Log(0.05), math.Log(2), math.Log(3), math.Log(0.05)},
	} {
		grad := make([]float64, len(theta))
		if _, err := logML(theta, x, y, grad); err != nil {
			t.Fatal(err)
		}
		const h = 1e-5
		for j := range theta {
			tp, tm := append([]float64(nil), theta...), append([]float64(nil), theta...)
			tp[j] += h
			tm[j] -= h
			fp, err1 := logML(tp, x, y, nil)
			fm, err2 := logML(tm, x, y, nil)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if fd := (fp - fm) / (2 * h); math.Abs(fd-grad[j]) > 1e-6*math.Max(1, math.Abs(fd)) {
				t.Errorf("θ %v: ∂/∂θ[%d] = %v, central difference %v", theta, j, grad[j], fd)
			}
		}
	}
}

// TestExpectedImprovement checks EI against its limits and a value
// computed independently: for z = 0 it is σ·φ(0) = σ/√(2π); with σ = 0 it
// is max(best − μ, 0); and it is (best − μ)Φ(z) + σφ(z) at z = 1, with
// Φ(1) = 0.841344746068543 and φ(1) = 0.241970724519143 (tables).
func TestExpectedImprovement(t *testing.T) {
	tests := []struct{ best, mean, sd, want float64 }{
		{0, 0, 2, 2 / math.Sqrt(2*math.Pi)},
		{1, 0.25, 0, 0.75},
		{0, 0.25, 0, 0},
		{1, 0.5, 0.5, 0.5*0.841344746068543 + 0.5*0.241970724519143},
	}
	for _, tt := range tests {
		if got := expectedImprovement(tt.best, tt.mean, tt.sd); math.Abs(got-tt.want) > 1e-14 {
			t.Errorf("EI(best %v, mean %v, sd %v) = %v, want %v", tt.best, tt.mean, tt.sd, got, tt.want)
		}
	}
}

// TestFitGPFallback gives fitGP only a NaN starting point, whose kernel
// matrix cannot be factorised: it must fall back on default
// hyperparameters with a nugget and still interpolate roughly (the
// fallback's largest nugget, 0.1, bounds the error at the training points
// to about 0.1·|K⁻¹y|; 0.5 is ample).
func TestFitGPFallback(t *testing.T) {
	x := [][]float64{{0.1}, {0.5}, {0.9}}
	y := []float64{1, -1, 0.5}
	nan := math.NaN()
	g, err := fitGP(x, y, [][]float64{{nan, nan, nan}})
	if err != nil {
		t.Fatal(err)
	}
	work := make([]float64, len(x))
	for i, u := range x {
		if m, _ := g.predict(u, work); math.IsNaN(m) || math.Abs(m-y[i]) > 0.5 {
			t.Errorf("at %v: mean %v, target %v", u, m, y[i])
		}
	}
}
