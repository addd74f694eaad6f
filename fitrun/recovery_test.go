package fitrun

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/format/hnntxt"
	"github.com/laminasim/lamina/simulate"
)

// recoveryFit fits the mean times (ms) of the tiny column's first
// proximal and first distal volleys to truth.txt, from a start 2.2 ms off
// each.
const recoveryFit = `{
  "model": {"file": "model.json"},
  "tstop_ms": 40,
  "trials": 1,
  "params": [
    {"name": "mu_prox", "paths": ["drives.evprox1.evoked.mu_ms"], "low": 20, "high": 30, "initial": 26.5},
    {"name": "mu_dist", "paths": ["drives.evdist1.evoked.mu_ms"], "low": 27, "high": 37, "initial": 29.5}
  ],
  "objective": {"kind": "dipole_rmse", "target": "truth.txt", "smooth_ms": 5, "scale": 100},
  "solver": SOLVER
}`

// TestRecovery simulates the tiny column at known drive times (proximal
// at 24.3 ms, distal at 31.7 ms), takes the result (smoothed, scaled) as
// the target and fits it back from a perturbed start with each solver: the
// final loss must fall below 5% of the loss at the start and both times
// must come within 0.2 ms of the truth. (The loss is flat within a 0.025
// ms step, where a volley lands on the same step; 0.2 ms is eight steps,
// which a fit reaching 5% of the starting loss achieves.) COBYLA starts
// with a 1 ms trust region (HNN-core's 0.1 would spend the budget walking
// to the truth).
func TestRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("fits of ~50 simulations each")
	}
	dir := tinyDir(t)
	truth := []float64{24.3, 31.7}
	write(t, filepath.Join(dir, "truth.txt"), "0 0\n1 0\n") // replaced below
	for _, tc := range []struct{ name, solver string }{
		{"nelder-mead", `{"kind": "nelder-mead", "max_evals": 60}`},
		{"cma", `{"kind": "cma", "max_evals": 60, "popsize": 6, "seed": 3}`},
		{"cobyla", `{"kind": "cobyla", "max_evals": 60, "rhobeg": 1}`},
		{"bayesian", `{"kind": "bayesian", "max_iter": 40, "seed": 3}`},
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
			first, err := ft.Loss(context.Background(), []float64{26.5, 29.5}, simulate.Env{Threads: 2})
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
			for i, name := range []string{"mu_prox", "mu_dist"} {
				if d := math.Abs(res.X[i] - truth[i]); d > 0.2 {
					t.Errorf("%s = %g ms, truth %g: off by %.3g > 0.2 ms", name, res.X[i], truth[i], d)
				}
			}
		})
	}
}
