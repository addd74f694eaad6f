package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/batch"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/sweep"
)

type batchFlags struct {
	maxMemory string
	example   string
	jobs      int
	threads   int
	out       string
	plot      bool
	quiet     bool
}

func newBatchCmd(comm simulate.Comm) *cobra.Command {
	var f batchFlags
	cmd := &cobra.Command{
		Use:   "batch [GRID.json|GRID.yaml] --out DIR",
		Short: "Simulate a model over a parameter grid, in parallel, resumable (HNN-core's BatchSimulate)",
		Long: `Run one simulation per point of a parameter grid and write DIR/summary.csv (one row per
run: run, the parameter values, the summary values, error), DIR/runs.jsonl (the journal),
DIR/grid.json and, if asked, DIR/runs/NNNN/dipole.csv. Results are written as runs finish;
rerunning the same command after a crash or Ctrl-C skips the runs already done.
Under mpirun the runs are dealt out over the ranks (each running --jobs at a time on its
--threads); rank 0 keeps the journal and the summary, which are those of one process.

A grid file:

  {"parameters": {"weight_basket": {"logspace": [-4, -1, 20]},
                  "weight_pyr":    {"logspace": [-4, -1, 20]}},
   "combinations": false,
   "meta": {"model": "erp" | {"file": "model.json"} | {...a Lamina model...},
            "set": {"weight_basket": ["drives.evprox.weights_ampa_uS.L2_basket",
                                      "drives.evprox.weights_ampa_uS.L5_basket"]},
            "tstop_ms": 170, "trials": 1, "smooth_ms": 30,
            "summary": ["dipole_min", "dipole_max", "rate:L5_pyramidal", "band_power:15-30"],
            "save_dipoles": true}}

The same grid may be written in YAML (a file ending in .yaml or .yml).
A parameter is a path into the model file (drives.NAME.weights_ampa_uS.L2_basket,
drives.NAME.evoked.mu_ms, connections.3.weight_uS, ...) unless "set" maps it to paths.
"combinations" true (the default) takes the Cartesian product, false zips the lists.
--example evoked-weights runs HNN-core's batch example (plot_batch_simulate.py).`,
		Example: "  lamina batch --example evoked-weights --out out/batch --plot\n  lamina batch grid.json --jobs 4 --out out/sweep",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd, args, &f, comm)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.example, "example", "", "built-in batch: evoked-weights")
	fl.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "runs at a time")
	fl.IntVar(&f.threads, "threads", runtime.NumCPU(), "threads in all, shared by the jobs")
	fl.StringVar(&f.out, "out", "", "output directory (a rerun into it resumes)")
	fl.BoolVar(&f.plot, "plot", false, "draw batch_dipoles.png and batch_summary.png")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress report")
	fl.StringVar(&f.maxMemory, "max-memory", "", maxMemoryUsage+"; shared by the jobs")
	cmd.MarkFlagRequired("out")
	return cmd
}

// loadBatch reads the grid (a file, or --example evoked-weights) and
// makes it ready.
func loadBatch(args []string, example string) (*sweep.Setup, error) {
	var (
		g   *batch.Grid
		err error
		dir = "."
	)
	switch {
	case example != "" && len(args) > 0:
		return nil, errors.New("give either a grid file or --example, not both")
	case example == "evoked-weights":
		g, err = sweep.EvokedWeights()
	case example != "":
		return nil, fmt.Errorf("--example %q: unknown batch example (known: evoked-weights)", example)
	case len(args) == 1:
		g, err = batch.ReadGrid(args[0])
		dir = filepath.Dir(args[0])
	default:
		return nil, errors.New("nothing to run: give a grid file or --example evoked-weights")
	}
	if err != nil {
		return nil, err
	}
	return sweep.Load(g, dir)
}

func runBatch(cmd *cobra.Command, args []string, f *batchFlags, comm simulate.Comm) error {
	if f.jobs < 1 || f.threads < 1 {
		return fmt.Errorf("--jobs %d, --threads %d: both must be >= 1", f.jobs, f.threads)
	}
	bs, err := loadBatch(args, f.example)
	if err != nil {
		return err
	}
	jobs := min(f.jobs, bs.Grid.Len())
	perJob := max(1, f.threads/jobs)
	if bs.MaxMemoryBytes, err = maxMemory(f.maxMemory, jobs); err != nil {
		return err
	}
	if err := bs.CheckResume(f.out); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w := cmd.ErrOrStderr()
	if f.quiet {
		w = io.Discard
	}
	opts := batch.Options{Jobs: jobs, OutDir: f.out}
	ranks := ""
	if comm.Size() > 1 {
		opts.Spread = sweep.Spread(comm)
		ranks = fmt.Sprintf(" on each of %d ranks", comm.Size())
	}
	fmt.Fprintf(w, "batch %s: %d runs of %g ms, %d at a time, %d thread(s) each%s\n", bs.Name(), bs.Grid.Len(), bs.Base.TStopMs, jobs, perJob, ranks)
	bar := newCountBar(cmd.ErrOrStderr(), f.quiet, bs.Grid.Len(), "runs")
	opts.Progress = func(done, total int, _ time.Duration) { bar.set(done) }
	start := time.Now()
	err = batch.Sweep(ctx, bs.Grid, opts, func(ctx context.Context, run batch.Run) (batch.Summary, error) {
		return bs.RunOne(ctx, run, perJob)
	})
	bar.finish()
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%d runs in %.1f s; wrote %s\n", bs.Grid.Len(), time.Since(start).Seconds(), filepath.Join(f.out, batch.SummaryFile))
	if f.plot && comm.Rank() == 0 {
		files, err := bs.Figures(f.out)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s in %s\n", strings.Join(files, ", "), f.out)
	}
	return nil
}
