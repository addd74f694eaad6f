package fitrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// tinyDir writes a 3×3 ERP column (one drive cell per drive) as a run
// spec of 40 ms, and a made-up target dipole, into a temporary directory.
func tinyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	net := hnn.Jones2009(3, 3)
	net.Name = "tiny"
	net.Drives = hnn.ERPDrives(4, false, 1)
	r := &spec.Run{Network: net, TStopMs: 40, DtMs: 0.025, Trials: 1}
	var b bytes.Buffer
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "model.json"), b.String())
	var tg strings.Builder
	for i := 0; i <= 80; i++ {
		ts := float64(i) * 0.5
		fmt.Fprintf(&tg, "%g %g\n", ts, 20*math.Sin(ts/40*2*math.Pi))
	}
	write(t, filepath.Join(dir, "target.txt"), tg.String())
	write(t, filepath.Join(dir, "one.txt"), "0 1\n")
	write(t, filepath.Join(dir, "nan.txt"), "0 1\n0.5 nan\n")
	return dir
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tinyFit is a Nelder–Mead fit of evprox1's mean time and L5 pyramidal
// weight (the latter set on two paths) to target.txt.
const tinyFit = `{
  "model": {"file": "model.json"},
  "trials": 1,
  "params": [
    {"name": "mu", "paths": ["drives.evprox1.evoked.mu_ms"], "low": 20, "high": 30, "initial": 25},
    {"name": "w", "paths": ["drives.evprox1.weights_ampa_uS.L5_pyramidal", "drives.evprox1.weights_ampa_uS.L2_pyramidal"], "low": 0.001, "high": 0.1, "initial": 0.01}
  ],
  "objective": {"kind": "dipole_rmse", "target": "target.txt", "smooth_ms": 5, "scale": 100},
  "solver": {"kind": "nelder-mead", "max_evals": 6}
}`

// TestLoadErrors checks that a fit file's mistakes are refused with an
// error naming the field.
func TestLoadErrors(t *testing.T) {
	dir := tinyDir(t)
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"bounds", `"low": 20, "high": 30`, `"low": 30, "high": 20`, `params[0]: parameter "mu": low 30 must be less than high 20`},
		{"path", `drives.evprox1.evoked.mu_ms`, `drives.evprox9.evoked.mu_ms`, `paths[0] = "drives.evprox9.evoked.mu_ms"`},
		{"initial", `"initial": 25`, `"initial": 35`, "initial"},
		{"one row", `"target.txt"`, `"one.txt"`, "objective.target"},
		{"nan", `"target.txt"`, `"nan.txt"`, "objective.target"},
		{"no budget", `"max_evals": 6`, `"max_evals": 0`, "max_iter and max_evals are both 0"},
		{"unknown key", `"max_evals": 6`, `"max_eval": 6`, `unknown key "max_eval"`},
		{"solver", `"nelder-mead"`, `"simplex"`, `solver.kind = "simplex"`},
		{"foreign setting", `"max_evals": 6`, `"max_evals": 6, "rhobeg": 0.5`, `rhobeg, rhoend and catol (cobyla) are not settings of nelder-mead`},
		{"rhoend", `"nelder-mead", "max_evals": 6`, `"cobyla", "max_evals": 6, "rhobeg": 0.01, "rhoend": 0.1`, `solver.rhoend = 0.1 exceeds solver.rhobeg = 0.01`},
		{"objective", `"dipole_rmse"`, `"rmse"`, `objective.kind = "rmse"`},
		{"no paths", `"paths": ["drives.evprox1.evoked.mu_ms"], `, ``, "paths is empty"},
		{"psd target", `"kind": "dipole_rmse"`, `"kind": "maximize_psd"`, "maximize_psd has no target"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tinyFit, tc.old) {
				t.Fatalf("%q not in the fit", tc.old)
			}
			p := filepath.Join(dir, "fit.json")
			write(t, p, strings.Replace(tinyFit, tc.old, tc.new, 1))
			_, err := Load(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestLoadYAML reads the same fit in YAML: the same fit, same hash.
func TestLoadYAML(t *testing.T) {
	dir := tinyDir(t)
	write(t, filepath.Join(dir, "fit.json"), tinyFit)
	write(t, filepath.Join(dir, "fit.yaml"), `model: {file: model.json}
trials: 1
params:
  - {name: mu, paths: [drives.evprox1.evoked.mu_ms], low: 20, high: 30, initial: 25}
  - name: w
    paths: [drives.evprox1.weights_ampa_uS.L5_pyramidal, drives.evprox1.weights_ampa_uS.L2_pyramidal]
    low: 0.001
    high: 0.1
    initial: 0.01
objective: {kind: dipole_rmse, target: target.txt, smooth_ms: 5, scale: 100}
solver: {kind: nelder-mead, max_evals: 6}
`)
	a, err := Load(filepath.Join(dir, "fit.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(filepath.Join(dir, "fit.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if a.SHA256 != b.SHA256 {
		t.Errorf("YAML fit's hash %s, JSON's %s", b.SHA256, a.SHA256)
	}
}

// history reads a fit directory's journal without the wall times.
func history(t *testing.T, dir string) []Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, HistoryFile))
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		r.WallS = 0
		out = append(out, r)
	}
	return out
}

// TestResume runs tiny fits (Nelder–Mead and CMA-ES, 6 evaluations)
// whole, and cancelled after k evaluations and resumed: the histories
// and best runs are the same; the resume replays the journal. A fit of
// another file into the same directory is refused.
func TestResume(t *testing.T) {
	dir := tinyDir(t)
	for _, tc := range []struct {
		name, solver string
		threads, k   int
	}{
		{"nelder-mead", `{"kind": "nelder-mead", "max_evals": 6}`, 2, 4},
		{"cma", `{"kind": "cma", "max_evals": 6, "popsize": 3, "seed": 5}`, 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name+".json")
			write(t, p, strings.Replace(tinyFit, `{"kind": "nelder-mead", "max_evals": 6}`, tc.solver, 1))
			ft, err := Load(p)
			if err != nil {
				t.Fatal(err)
			}
			whole := filepath.Join(dir, tc.name+"-whole")
			res, err := ft.Run(context.Background(), whole, Options{Threads: 2, NoFigures: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Evals != 6 || math.IsNaN(res.Loss) {
				t.Fatalf("whole fit: %+v", res.Result)
			}
			// cancelled after k evaluations, then resumed
			part := filepath.Join(dir, tc.name+"-part")
			ctx, cancel := context.WithCancel(context.Background())
			_, err = ft.Run(ctx, part, Options{Threads: tc.threads, NoFigures: true, OnEval: func(r Record, _ float64) {
				if r.Eval+1 == tc.k {
					cancel()
				}
			}})
			cancel()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled fit: err = %v", err)
			}
			if n := len(history(t, part)); n < tc.k || n >= 6 {
				t.Fatalf("the cancelled fit journalled %d evaluations, want %d..5", n, tc.k)
			}
			// a torn last line (a crash mid-write) is dropped
			hf, err := os.OpenFile(filepath.Join(part, HistoryFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			hf.WriteString(`{"eval": 9, "iter`)
			hf.Close()
			res2, err := ft.Run(context.Background(), part, Options{Threads: tc.threads})
			if err != nil {
				t.Fatal(err)
			}
			if res2.Replayed < tc.k {
				t.Errorf("replayed %d evaluations, want >= %d", res2.Replayed, tc.k)
			}
			h1, h2 := history(t, whole), history(t, part)
			if l0, l1 := h1[0].LossValue(), h1[len(h1)-1].LossValue(); l0 == l1 {
				t.Errorf("the parameters change nothing: losses %g and %g", l0, l1)
			}
			a, _ := json.Marshal(h1)
			b, _ := json.Marshal(h2)
			if !bytes.Equal(a, b) {
				t.Errorf("histories differ:\nwhole   %s\nresumed %s", a, b)
			}
			for _, f := range []string{BestFile, HistoryCSV} {
				x, _ := os.ReadFile(filepath.Join(whole, f))
				y, _ := os.ReadFile(filepath.Join(part, f))
				if f == HistoryCSV {
					x, y = dropLastColumn(x), dropLastColumn(y)
				}
				if !bytes.Equal(x, y) {
					t.Errorf("%s differs:\n%s\n%s", f, x, y)
				}
			}
			for _, f := range []string{ConvergencePNG, DipolesPNG} {
				if _, err := os.Stat(filepath.Join(part, f)); err != nil {
					t.Error(err)
				}
			}
			// the best run spec reads back as a run spec
			data, err := os.ReadFile(filepath.Join(part, BestFile))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := spec.Read(bytes.NewReader(data)); err != nil {
				t.Errorf("%s: %v", BestFile, err)
			}
		})
	}
	// another fit into a directory of this one
	p := filepath.Join(dir, "other.json")
	write(t, p, strings.Replace(tinyFit, `"smooth_ms": 5`, `"smooth_ms": 6`, 1))
	ft, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ft.Run(context.Background(), filepath.Join(dir, "nelder-mead-whole"), Options{NoFigures: true}); err == nil || !strings.Contains(err.Error(), "holds another fit") {
		t.Errorf("resume with another fit: err = %v", err)
	}
}

func dropLastColumn(b []byte) []byte {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if i := strings.LastIndex(l, ","); i >= 0 {
			l = l[:i]
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n"))
}

// TestEvoked builds HNN-core's optimize_evoked.py fit and runs two
// evaluations of it (one trial, CMA-ES generations of 2).
func TestEvoked(t *testing.T) {
	target := filepath.Join("..", EvokedTarget)
	if _, err := os.Stat(target); err != nil {
		t.Skipf("no target: %v", err)
	}
	ft, err := Evoked(target)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ft.Base.TStopMs, ft.Target.TimesMs[len(ft.Target.TimesMs)-1]; math.Abs(got-want) > spec.DefaultDtMs/2 || ft.Base.Trials != 3 {
		t.Errorf("tstop %g ms, %d trials; want %g ms, 3", got, ft.Base.Trials, want)
	}
	// HNN-core's default solver, bayes_opt(maxfun=50): 51 evaluations.
	if b := ft.Budget(); ft.File.Solver.Kind != Bayesian || b.MaxEvals != 51 {
		t.Errorf("solver %s, budget %+v, want bayesian with 51 evaluations", ft.File.Solver.Kind, b)
	}
	// The drives in optimize_evoked.py's order (it sets their gids, and so
	// their event seeds), one cell each, event_seed 2; evprox2 at the
	// initial values.
	var names []string
	for _, d := range ft.Base.Network.Drives {
		names = append(names, d.Name)
		if d.EventSeed != 2 || d.NDriveCells != 1 || d.CellSpecific {
			t.Errorf("drive %s: event_seed %d, n_drive_cells %d, cell_specific %v", d.Name, d.EventSeed, d.NDriveCells, d.CellSpecific)
		}
	}
	if got := strings.Join(names, ","); got != "evprox1,evdist1,evprox2" {
		t.Errorf("drives %s, want evprox1,evdist1,evprox2", got)
	}
	p2 := ft.Base.Network.Drives[2]
	if p2.Evoked.MuMs != 120 || p2.Evoked.SigmaMs != 1 || p2.WeightsAMPA["L5_pyramidal"] != 0.1 {
		t.Errorf("evprox2 %+v %v, want 120 ± 1 ms, L5 pyramidal 0.1 µS", *p2.Evoked, p2.WeightsAMPA)
	}
	if _, err := Evoked(filepath.Join(t.TempDir(), "missing.txt")); err == nil || !strings.Contains(err.Error(), "evoked example's target") {
		t.Errorf("missing target: err = %v", err)
	}
	if testing.Short() {
		return
	}
	f := ft.File
	f.Trials = 1
	f.Solver = Solver{Kind: CMA, MaxEvals: 2, PopSize: 2}
	small, err := New(f, ".")
	if err != nil {
		t.Fatal(err)
	}
	res, err := small.Run(context.Background(), t.TempDir(), Options{Threads: 2, NoFigures: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Evals != 2 || !(res.Loss > 0) {
		t.Errorf("result %+v", res.Result)
	}
	t.Logf("best %v: RMSE %g nAm", res.X, res.Loss)
}

// TestObjectives evaluates each objective kind at the initial parameters.
func TestObjectives(t *testing.T) {
	dir := tinyDir(t)
	for _, tc := range []struct {
		name, objective string
		ok              func(float64) bool
	}{
		{"rmse", `{"kind": "dipole_rmse", "target": "target.txt", "smooth_ms": 5, "scale": 100}`, func(l float64) bool { return l > 0 }},
		{"corr", `{"kind": "dipole_corr", "target": "target.txt"}`, func(l float64) bool { return l >= 0 && l <= 2 }},
		{"psd", `{"kind": "maximize_psd", "f_bands": [[20, 60], [60, 200]], "relative_bandpower": [1, 0.5]}`, func(l float64) bool { return l < 0 && l >= -1.5 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name+".json")
			write(t, p, strings.Replace(tinyFit, `{"kind": "dipole_rmse", "target": "target.txt", "smooth_ms": 5, "scale": 100}`, tc.objective, 1))
			ft, err := Load(p)
			if err != nil {
				t.Fatal(err)
			}
			l, err := ft.Loss(context.Background(), []float64{25, 0.01}, simulate.Env{Threads: 2, MaxMemoryBytes: -1})
			if err != nil || !tc.ok(l) {
				t.Errorf("loss %g, err %v", l, err)
			}
		})
	}
}

// TestRanks runs the tiny fits on 2 in-process ranks (dist.NewGroup, as
// mpirun -np 2 lamina fit runs them): CMA-ES's generations are dealt out
// over the ranks, Nelder–Mead's single candidates split over both; the
// journal and best run are those of one process with 1 and 2 threads.
func TestRanks(t *testing.T) {
	dir := tinyDir(t)
	for _, tc := range []struct{ name, solver string }{
		{"nelder-mead", `{"kind": "nelder-mead", "max_evals": 6}`},
		{"cma", `{"kind": "cma", "max_evals": 6, "popsize": 3, "seed": 5}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name+".json")
			write(t, p, strings.Replace(tinyFit, `{"kind": "nelder-mead", "max_evals": 6}`, tc.solver, 1))
			ft, err := Load(p)
			if err != nil {
				t.Fatal(err)
			}
			var want []byte
			for _, threads := range []int{1, 2} {
				one := filepath.Join(dir, fmt.Sprintf("%s-%dthreads", tc.name, threads))
				if _, err := ft.Run(context.Background(), one, Options{Threads: threads, NoFigures: true}); err != nil {
					t.Fatal(err)
				}
				got, _ := json.Marshal(history(t, one))
				if want == nil {
					want = got
				} else if !bytes.Equal(got, want) {
					t.Errorf("%d threads: history\n%s\nwant (1 thread)\n%s", threads, got, want)
				}
			}
			comms, err := dist.NewGroup(2)
			if err != nil {
				t.Fatal(err)
			}
			ranks := filepath.Join(dir, tc.name+"-ranks")
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for r, c := range comms {
				wg.Go(func() {
					_, errs[r] = ft.Run(context.Background(), ranks, Options{Threads: 1, NoFigures: true, Comm: c})
				})
			}
			wg.Wait()
			for r, err := range errs {
				if err != nil {
					t.Fatalf("rank %d: %v", r, err)
				}
			}
			got, _ := json.Marshal(history(t, ranks))
			if !bytes.Equal(got, want) {
				t.Errorf("2 ranks: history\n%s\nwant (one process)\n%s", got, want)
			}
			x, _ := os.ReadFile(filepath.Join(dir, tc.name+"-1threads", BestFile))
			y, _ := os.ReadFile(filepath.Join(ranks, BestFile))
			if !bytes.Equal(x, y) {
				t.Errorf("best.json differs between one process and 2 ranks")
			}
		})
	}
}
