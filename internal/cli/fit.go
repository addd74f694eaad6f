package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/fitrun"
	"github.com/laminasim/lamina/simulate"
)

type fitFlags struct {
	example   string
	out       string
	threads   int
	quiet     bool
	maxMemory string
}

func newFitCmd(comm simulate.Comm) *cobra.Command {
	var f fitFlags
	cmd := &cobra.Command{
		Use:   "fit [FIT.json|FIT.yaml] --out DIR",
		Short: "Fit a model's parameters to a dipole or a rhythm (HNN-core's Optimizer), resumable",
		Long: `Fit parameters of a model by CMA-ES or Nelder-Mead, simulating each candidate, and write
DIR/history.jsonl (the journal, one evaluation a line), DIR/history.csv (iteration, eval, the
parameters, loss, wall_s), DIR/best.json (the run spec of the best parameters: lamina simulate
DIR/best.json --out DIR2 runs it), DIR/convergence.png and DIR/dipoles.png (target, initial, best).
Rerunning the same command after a crash or Ctrl-C replays the journal and continues; the history
is that of an uninterrupted fit. Under mpirun the candidates are spread over the ranks (a
CMA-ES generation dealt out, a sequential solver's candidate split over all); rank 0 keeps the
optimiser's journal and writes the files, and the history is that of one process. A fit file:

  {"model": "erp-sync" | {"file": "model.json"} | {...a Lamina model...},
   "tstop_ms": 170, "trials": 3,
   "set": {"drives.evprox1.event_seed": 2},
   "params": [{"name": "mu", "paths": ["drives.evprox2.evoked.mu_ms"], "low": 100, "high": 150, "initial": 120}],
   "objective": {"kind": "dipole_rmse" | "dipole_corr" | "maximize_psd",
                 "target": "dipole.txt", "smooth_ms": 30, "scale": 3000,
                 "f_bands": [[15, 25]], "relative_bandpower": [1]},
   "solver": {"kind": "cma" | "nelder-mead", "max_iter": 50, "max_evals": 800, "seed": 1, "popsize": 16}}

The same fit may be written in YAML. Each parameter sets every one of its paths (paths into the
model file, as lamina batch's). Each trial's dipole is smoothed, then scaled, before the trials
are averaged. The target is an HNN-core dipole text file or a Lamina dipole.csv.
--example evoked runs HNN-core's optimize_evoked.py (target ` + fitrun.EvokedTarget + `),
--example rhythmic its optimize_rhythmic.py (alpha and beta bands of the PSD).`,
		Example: "  lamina fit --example evoked --out out/fit\n  lamina fit fit.yaml --threads 8 --out out/fit",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFit(cmd, args, &f, comm)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.example, "example", "", "built-in fit: evoked or rhythmic")
	fl.StringVar(&f.out, "out", "", "output directory (a rerun into it resumes)")
	fl.IntVar(&f.threads, "threads", runtime.NumCPU(), "threads in all, shared by the candidates simulated at once")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress report")
	fl.StringVar(&f.maxMemory, "max-memory", "", maxMemoryUsage+"; per simulation")
	cmd.MarkFlagRequired("out")
	return cmd
}

// loadFit reads the fit file or builds the example.
func loadFit(args []string, example string) (*fitrun.Fit, error) {
	switch {
	case example != "" && len(args) > 0:
		return nil, errors.New("give either a fit file or --example, not both")
	case example != "":
		return fitrun.Example(example)
	case len(args) == 1:
		return fitrun.Load(args[0])
	}
	return nil, errors.New("nothing to fit: give a fit file or --example evoked|rhythmic")
}

func runFit(cmd *cobra.Command, args []string, f *fitFlags, comm simulate.Comm) error {
	if f.threads < 1 {
		return fmt.Errorf("--threads %d: must be >= 1", f.threads)
	}
	ft, err := loadFit(args, f.example)
	if err != nil {
		return err
	}
	mem, err := maxMemory(f.maxMemory, f.threads)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w := cmd.ErrOrStderr()
	if f.quiet {
		w = io.Discard
	}
	budget := ft.Budget()
	names := make([]string, len(ft.Params))
	for i, p := range ft.Params {
		names[i] = p.Name
	}
	ranks := ""
	if comm.Size() > 1 {
		ranks = fmt.Sprintf(" on each of %d ranks", comm.Size())
	}
	fmt.Fprintf(w, "fit %s: %s by %s of %s, at most %d evaluations of %d trial(s) of %g ms, %d thread(s)%s\n",
		ft.Base.ModelName(), ft.File.Objective.Kind, ft.File.Solver.Kind, strings.Join(names, ", "),
		budget.MaxEvals, ft.Base.Trials, ft.Base.TStopMs, f.threads, ranks)
	bar := newCountBar(cmd.ErrOrStderr(), f.quiet, budget.MaxEvals, "evaluations")
	start := time.Now()
	res, err := ft.Run(ctx, f.out, fitrun.Options{Threads: f.threads, MaxMemoryBytes: mem, Comm: comm,
		OnEval: func(r fitrun.Record, best float64) {
			bar.describe(fmt.Sprintf("best loss %.6g", best))
			bar.set(r.Eval + 1)
		}})
	bar.finish()
	if err != nil {
		if ctx.Err() != nil && res != nil {
			return fmt.Errorf("fit interrupted (%w) after %d evaluations; the journal in %s holds them: rerun the same command to resume", ctx.Err(), res.Evals, f.out)
		}
		return err
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%d evaluations (%d replayed) in %.1f s: %s\n", res.Evals, res.Replayed, time.Since(start).Seconds(), res.Stop)
	for i, p := range ft.Params {
		fmt.Fprintf(out, "  %s = %.6g\n", p.Name, res.X[i])
	}
	fmt.Fprintf(out, "best loss %.6g; wrote %s\n", res.Loss, strings.Join(res.Files, ", "))
	return nil
}
