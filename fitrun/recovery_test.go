package fitrun

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/format/hnntxt"
	"github.com/laminasim/lamina/simulate"
)

// recoveryFit fits evprox1's mean time (ms) and pyramidal AMPA weight (µS)
// of the tiny column to target.txt, from a start off the truth.
const recoveryFit = `{
  "model": {"file": "model.json"},
  "tstop_ms": 40,
  "trials": 1,
  "params": [
    {"name": "mu", "paths": ["drives.evprox1.evoked.mu_ms"], "low": 20, "high": 30, "initial": 28.5},
    {"name": "w", "paths": ["drives.evprox1.weights_ampa_uS.L5_pyramidal", "drives.evprox1.weights_ampa_uS.L2_pyramidal"], "low": 0.001, "high": 0.01, "initial": 0.007}
  ],
  "objective": {"kind": "dipole_rmse", "target": "truth.txt", "smooth_ms": 5, "scale": 100},
  "solver": SOLVER
}`

// TestRecovery simulates the tiny column at known drive parameters (mu =
// 24.3 ms, w = 0.004 µS), takes the result (smoothed, scaled) as the target
// and fits it back from a perturbed start with each solver: the final loss
// must fall below 5% of the initial one and the parameters within 0.3 ms
// and 15% of the truth. (The loss is flat within a 0.025 ms step in mu,
// where the volley lands on the same step, and weakly sensitive to w near
// the truth where both layers' responses saturate; the tolerances are
// those that a fit reaching 5% of the loss at the start achieves on this
// landscape.)
func TestRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("fits of ~50 simulations each")
	}
	dir := tinyDir(t)
	truth := []float64{24.3, 0.004}
	write(t, filepath.Join(dir, "truth.txt"), "0 0\n1 0\n") // replaced below
	for _, tc := range []struct{ name, solver string }{
		{"nelder-mead", `{"kind": "nelder-mead", "max_evals": 60}`},
		{"cma", `{"kind": "cma", "max_evals": 120, "popsize": 6, "seed": 3}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name+".json")
			write(t, p, strings.Replace(recoveryFit, "SOLVER", tc.solver, 1))
			ft, err := Load(p)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := ft.Dipoles(context.Background(), truth, simulate.Env{Threads: 2})
			if err != nil {
				t.Fatal(err)
			}
			if err := hnntxt.WriteDipoleFile(filepath.Join(dir, "truth.txt"), ds[0]); err != nil {
				t.Fatal(err)
			}
			if ft, err = Load(p); err != nil { // with the real target
				t.Fatal(err)
			}
			// The text file keeps ~7 significant digits: the loss at the
			// truth is the rounding's, ~1e-5.
			if l, err := ft.Loss(context.Background(), truth, simulate.Env{Threads: 2}); err != nil || l > 1e-3 {
				t.Fatalf("loss at the truth %g (%v), want ~0", l, err)
			}
			first, err := ft.Loss(context.Background(), []float64{28.5, 0.007}, simulate.Env{Threads: 2})
			if err != nil {
				t.Fatal(err)
			}
			res, err := ft.Run(context.Background(), filepath.Join(dir, tc.name+"-out"), Options{Threads: 2, NoFigures: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d evaluations, loss %.4g -> %.4g, x = %v (truth %v)", tc.name, res.Evals, first, res.Loss, res.X, truth)
			if !(res.Loss < 0.05*first) {
				t.Errorf("final loss %g is not below 5%% of the initial %g", res.Loss, first)
			}
			if d := math.Abs(res.X[0] - truth[0]); d > 0.3 {
				t.Errorf("mu = %g ms, truth %g: off by %g > 0.3 ms", res.X[0], truth[0], d)
			}
			if d := math.Abs(res.X[1]/truth[1] - 1); d > 0.15 {
				t.Errorf("w = %g µS, truth %g: off by %s > 15%%", res.X[1], truth[1], fmt.Sprintf("%.0f%%", 100*d))
			}
		})
	}
}
