package fit

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestNelderMeadMatchesSciPy compares with scipy.optimize.minimize(
// method="Nelder-Mead", bounds=...) on bounded Rosenbrock problems
// (testdata/neldermead_scipy.py, SciPy 1.10.1). The algorithm is the same
// sequence of floating-point operations except numpy's pairwise sums in
// the centroid, so iterations and evaluations must agree exactly and the
// losses of the first 30 evaluations to 1e-12 relative; the final point
// and loss to 1e-9 absolute, room for rounding differences compounded
// over a few hundred iterations.
func TestNelderMeadMatchesSciPy(t *testing.T) {
	raw, err := os.ReadFile("testdata/neldermead_scipy.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx struct {
		Cases []struct {
			Name        string
			X0          []float64 `json:"x0"`
			Low, High   []float64
			MaxFev      int `json:"maxfev"`
			Nit, Nfev   int
			X           []float64
			Fun         float64
			FirstLosses []float64 `json:"first_losses"`
		}
	}
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	for _, c := range fx.Cases {
		t.Run(c.Name, func(t *testing.T) {
			ps := make([]Param, len(c.X0))
			for i := range ps {
				ps[i] = Param{Name: string(rune('a' + i)), Low: c.Low[i], High: c.High[i]}
			}
			ps = withInitial(ps, c.X0)
			var losses []float64
			res, err := NelderMead{}.Minimize(context.Background(), ps, Serial(rosenbrock), Options{
				MaxEvals: c.MaxFev, MaxIter: c.MaxFev,
				OnEval: func(e Eval) error { losses = append(losses, e.Loss); return nil },
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d iterations, %d evaluations, x %v, loss %g (SciPy: %d, %d, %v, %g)",
				c.Name, res.Iterations, res.Evals, res.X, res.Loss, c.Nit, c.Nfev, c.X, c.Fun)
			if res.Iterations != c.Nit || res.Evals != c.Nfev {
				t.Errorf("iterations/evaluations %d/%d, SciPy %d/%d", res.Iterations, res.Evals, c.Nit, c.Nfev)
			}
			for i, want := range c.FirstLosses {
				if i >= len(losses) || math.Abs(losses[i]-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Fatalf("evaluation %d: loss %v, SciPy %v", i, losses[min(i, len(losses)-1)], want)
				}
			}
			for i := range c.X {
				if math.Abs(res.X[i]-c.X[i]) > 1e-9 {
					t.Errorf("x[%d] = %v, SciPy %v", i, res.X[i], c.X[i])
				}
			}
			if math.Abs(res.Loss-c.Fun) > 1e-9 {
				t.Errorf("loss %v, SciPy %v", res.Loss, c.Fun)
			}
		})
	}
}
