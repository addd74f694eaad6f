package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/laminasim/lamina/results"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/format/modelfile"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/models/zoo"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

type simFlags struct {
	maxMemory     string
	example       string
	trials        int
	tstopMs, dtMs float64
	threads       int
	quiet, plot   bool
	smoothMs      float64
	scale         float64
	rates         string
	out           string
	compare       string
	legacy        bool
	connectivity  string
	inputs        string
	scheme        string
	rateHz        float64
	seed          uint64
	hnnFiles      bool
	record        recordFlags
}

func newSimulateCmd(comm simulate.Comm) *cobra.Command {
	var f simFlags
	cmd := &cobra.Command{
		Use:   "simulate [MODEL] --out DIR",
		Short: "Simulate a model: a built-in example, a run spec, a Lamina model, an HNN-core network or parameter file",
		Long: `Simulate a model (--example NAME, or a file: a run spec such as DIR/run.json of an earlier
run, a Lamina network or point-network JSON, an HNN-core network configuration JSON from
write_network_configuration, or an HNN-core parameter file, .json or .param, built as
neymotin_2020_model(params, add_drives_from_params=True)). Flags given change the run; a
run spec simulated without flags reproduces its run byte for byte. Writes

  DIR/run.json        the run spec: lamina simulate DIR/run.json --out DIR2 reproduces the run
  DIR/model.json      the model alone (Lamina network or point-network JSON)
  DIR/spikes.csv      trial,time_ms,gid,type: every spike, drive and Poisson sources included
  DIR/rates.csv       trial,time_ms,<population>_Hz: population rates in 10 ms bins
  DIR/dipole.csv      trial,time_ms,agg_nAm,L2_nAm,L5_nAm: the current dipole as HNN-core's
                      simulate_dipole returns it (its baseline renormalisation, nAm), then
                      smoothed (--smooth-ms) and scaled (--scale) when asked
  DIR/dipole_raw.csv  trial,time_ms,agg_fAm,...: the dipole as summed, before any of that
  DIR/summary.json    spike counts, mean rates and statistics per population, dipole peaks, wall time
  DIR/monitor_*.csv   what the point neurons' monitors recorded
  DIR/*.png           with --plot, the figures the outputs allow (see "lamina plot")

DIR is replaced whole: it ends up holding this run's files only.

Examples (see "lamina examples"): ` + zoo.Names(),
		Example: "  lamina simulate --example erp --out out/\n  lamina simulate --example erp --trials 4 --smooth-ms 30 --scale 3000 --out out/ --plot\n  lamina simulate out/run.json --out again/",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSimulate(cmd, args, &f, comm)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.example, "example", "", "built-in example to run (lamina examples lists them)")
	fl.IntVar(&f.trials, "trials", 1, "number of trials")
	fl.Float64Var(&f.tstopMs, "tstop-ms", 0, "simulated time, ms (default: the example's or the file's)")
	fl.Float64Var(&f.dtMs, "dt-ms", 0.025, "time step, ms (default: the model's: 0.025 for cable cells, the example's for point networks)")
	fl.IntVar(&f.threads, "threads", runtime.NumCPU(), "threads: trials run in parallel, and each trial's cells are split over the threads left (results are identical for any count)")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress messages")
	fl.BoolVar(&f.plot, "plot", false, "also draw the figures the outputs allow (lamina plot all DIR)")
	fl.Float64Var(&f.smoothMs, "smooth-ms", 0, "smooth the dipole with a Hamming window of this length, ms (HNN-core's Dipole.smooth)")
	fl.Float64Var(&f.scale, "scale", 1, "multiply the dipole by this factor (HNN-core's Dipole.scale)")
	fl.StringVar(&f.rates, "rates", "table", "channel rates of cable cells: table (NEURON's TABLE), exact, fast")
	fl.StringVar(&f.out, "out", "", "output directory (created if needed; a previous run there is replaced)")
	fl.BoolVar(&f.legacy, "hnn-legacy", false, "read an HNN parameter file in HNN-core's legacy_mode (the HNN GUI's gids and seeds)")
	fl.BoolVar(&f.hnnFiles, "hnn-files", false, "also write HNN-core's text files: dpl_<trial>.txt (Dipole.write, after smoothing and scaling) and spk_<trial>.txt (CellResponse.write), which read_dipole and read_spikes load")
	fl.StringVar(&f.connectivity, "connectivity", "", "tutorial-cs-network: the connectivity file (pre,post,type CSV) to use instead of drawing it")
	fl.StringVar(&f.inputs, "inputs", "", "tutorial-cs-network: the kick-start input spikes file to use instead of the NetStimFDs")
	fl.StringVar(&f.scheme, "scheme", "", "point neurons: integrator lamina (default: exact/second order), euler (Brian2's), snnjl (SpikingNeuralNetworks.jl's, float32)")
	fl.Float64Var(&f.rateHz, "rate-hz", 0, "ei-balanced: afferent Poisson rate, Hz (default 10)")
	fl.Uint64Var(&f.seed, "seed", 0, "point neurons: replace the network's seed")
	fl.StringVar(&f.compare, "compare", "", "an HNN-core dipole text file (time and aggregate in nAm, e.g. a recorded MEG dipole) to compare the trial-averaged, smoothed and scaled dipole with: RMSE, correlation and compare.png")
	fl.StringVar(&f.record.vsec, "record-vsec", "", "record membrane potentials at section(0.5): soma or all sections (vsec_trial<k>.csv)")
	fl.StringVar(&f.record.isec, "record-isec", "", "record transmembrane currents per channel and synapse: soma or all sections (isec_trial<k>.csv)")
	fl.StringVar(&f.record.ca, "record-ca", "", "record the calcium concentration cai: soma or all sections (ca_trial<k>.csv)")
	fl.StringVar(&f.record.gids, "record-gids", "", "cells to record, e.g. 0-34,170 (default: all)")
	fl.StringVar(&f.maxMemory, "max-memory", "", maxMemoryUsage)
	fl.Float64Var(&f.record.everyMs, "record-every-ms", 0, "sample the recordings every this many ms, a whole number of steps (default: every step); 8 bytes per value per sample")
	return cmd
}

func newExamplesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "examples",
		Short: "List the built-in examples",
		Long: `List the built-in examples (HNN-core's model zoo, the NEURON tutorial's
networks, point-neuron and mixed networks): one line each with its name, its
kind (cable, point or mixed) and what it shows. Run one with
lamina simulate --example NAME --out DIR, or write it as a model file to edit
with lamina convert --example NAME FILE.json.`,
		Example: "  lamina examples\n  lamina simulate --example erp --out out/erp",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, e := range zoo.Examples() {
				fmt.Fprintf(cmd.OutOrStdout(), "%-19s %-6s %s\n", e.Name, e.Kind, e.Description)
			}
			return nil
		},
	}
}

// loadRun builds the run spec the arguments and flags describe: an
// example's or a file's, with every flag the user gave applied.
func loadRun(cmd *cobra.Command, args []string, f *simFlags) (*spec.Run, error) {
	changed := cmd.Flags().Changed
	var r *spec.Run
	switch {
	case f.example != "" && len(args) > 0:
		return nil, errors.New("give either a model file or --example, not both")
	case f.example != "":
		e, ok := zoo.Named(f.example)
		if !ok {
			return nil, fmt.Errorf("--example %q: unknown example (known: %s)", f.example, zoo.Names())
		}
		var err error
		if r, err = e.Build(zoo.Options{RateHz: f.rateHz, Connectivity: f.connectivity, Inputs: f.inputs}); err != nil {
			return nil, err
		}
	case len(args) == 1:
		if changed("rate-hz") || changed("connectivity") || changed("inputs") {
			return nil, errors.New("--rate-hz, --connectivity and --inputs apply to built-in examples (--example)")
		}
		mf, err := modelfile.Read(args[0], modelfile.Options{Legacy: f.legacy})
		if err != nil {
			return nil, err
		}
		r = mf.Run
	default:
		return nil, errors.New("nothing to simulate: give a model file (e.g. DIR/run.json of an earlier run) or --example NAME (lamina examples lists them)")
	}
	if err := checkFlags(changed, f); err != nil {
		return nil, err
	}
	if changed("tstop-ms") {
		r.TStopMs = f.tstopMs
	}
	if r.TStopMs == 0 {
		return nil, errors.New("the model file has no run length: give it with --tstop-ms")
	}
	if changed("dt-ms") {
		r.DtMs = f.dtMs
	}
	if changed("trials") {
		r.Trials = f.trials
	}
	if changed("rates") {
		r.Rates = f.rates
	}
	if changed("scheme") {
		if _, err := point.ParseScheme(f.scheme); err != nil {
			return nil, fmt.Errorf("--scheme: %w", err)
		}
		r.Scheme = point.Scheme(f.scheme)
	}
	if changed("seed") {
		r.Seed = f.seed
	}
	if changed("smooth-ms") {
		r.Output.SmoothMs = f.smoothMs
	}
	if changed("scale") {
		r.Output.Scale = f.scale
	}
	if changed("hnn-files") {
		r.Output.HNNFiles = f.hnnFiles
	}
	if changed("compare") {
		if _, err := os.Stat(f.compare); err != nil {
			return nil, fmt.Errorf("--compare: %w", err)
		}
		r.Output.Compare = f.compare
	}
	if changed("plot") {
		r.Output.Plot = f.plot
	}
	if f.record.any() || changed("record-gids") {
		if err := f.record.apply(&r.Record, r); err != nil {
			return nil, err
		}
	}
	run := r.WithDefaults()
	if err := run.Validate(nil); err != nil {
		return nil, err
	}
	return &run, nil
}

// checkFlags checks the values of the flags the user gave, naming each
// flag (the spec's validation names the spec's fields).
func checkFlags(changed func(string) bool, f *simFlags) error {
	for _, c := range []struct {
		flag string
		v    float64
		ok   bool
		want string
	}{
		{"tstop-ms", f.tstopMs, f.tstopMs > 0 && !math.IsInf(f.tstopMs, 0), "finite and > 0"},
		{"dt-ms", f.dtMs, f.dtMs > 0 && !math.IsInf(f.dtMs, 0), "finite and > 0"},
		{"trials", float64(f.trials), f.trials >= 1, ">= 1"},
		{"smooth-ms", f.smoothMs, (f.smoothMs == 0 || f.smoothMs >= 1) && !math.IsInf(f.smoothMs, 0), "0 (no smoothing) or a window of at least 1 ms"},
		{"scale", f.scale, !math.IsNaN(f.scale) && !math.IsInf(f.scale, 0), "finite"},
		{"rate-hz", f.rateHz, f.rateHz >= 0 && !math.IsInf(f.rateHz, 0), "finite and >= 0"},
	} {
		if changed(c.flag) && !c.ok {
			return fmt.Errorf("--%s = %g, must be %s", c.flag, c.v, c.want)
		}
	}
	if changed("rates") {
		if _, err := mech.ParseRateMode(f.rates); err != nil {
			return fmt.Errorf("--rates %q: want table, exact or fast", f.rates)
		}
	}
	return nil
}

func runSimulate(cmd *cobra.Command, args []string, f *simFlags, comm simulate.Comm) error {
	maxMem, err := maxMemory(f.maxMemory, 1)
	if err != nil {
		return err
	}
	r, err := loadRun(cmd, args, f)
	if err != nil {
		return err
	}
	if f.out == "" {
		return errors.New("no output directory: give --out DIR")
	}
	if comm.Rank() == 0 {
		if err := output.CheckDir(f.out); err != nil {
			return err
		}
	}
	if f.threads < 1 {
		return fmt.Errorf("--threads = %d, must be >= 1", f.threads)
	}
	if comm.Rank() == 0 {
		// Warnings are not progress: --quiet keeps them.
		for _, w := range r.Warnings() {
			fmt.Fprintln(cmd.ErrOrStderr(), "warning:", w)
		}
	}
	progress := cmd.ErrOrStderr()
	if f.quiet {
		progress = io.Discard
	}
	bar := newProgress(cmd.ErrOrStderr(), f.quiet, r.Trials, r.TStopMs)
	if bar != nil {
		progress = io.Discard // the bar replaces the per-trial lines
	}
	workers := min(f.threads, r.Trials)
	if comm.Size() > 1 {
		workers = 1
	}
	fmt.Fprintf(progress, "simulating %s (%s): %d trial(s) of %g ms at dt %g ms, %d trial(s) at a time, %d thread(s) each%s\n",
		r.ModelName(), r.Kind(), r.Trials, r.TStopMs, r.DtMs, workers, max(1, f.threads/workers), ranksNote(comm))
	var mu sync.Mutex
	done := 0
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := simulate.Run(ctx, r, simulate.Env{Threads: f.threads, Comm: comm, MaxMemoryBytes: maxMem,
		Progress: func(trial int, doneMs, totalMs float64) {
			bar.update(trial, doneMs)
			if doneMs >= totalMs {
				mu.Lock()
				done++
				fmt.Fprintf(progress, "trial %d done (%d/%d)\n", trial, done, r.Trials)
				mu.Unlock()
			}
		}})
	bar.finish()
	if err != nil {
		return err
	}
	if comm.Rank() != 0 {
		return nil // rank 0 writes the outputs
	}
	rep, err := output.Write(f.out, res)
	if err != nil {
		return err
	}
	report(cmd.OutOrStdout(), res, rep, f.out)
	return nil
}

// report prints what a run did: its spikes by population and the files
// written.
func report(w io.Writer, res *results.Result, rep *output.Report, dir string) {
	st := res.SpikeTable()
	counts := st.Count()
	var types []string
	for t := range counts {
		types = append(types, t)
	}
	first := map[string]int{}
	for _, r := range res.Ranges {
		first[r.Name] = int(r.First)
	}
	sort.Slice(types, func(i, j int) bool { return first[types[i]] < first[types[j]] })
	run := res.Spec
	fmt.Fprintf(w, "%s: %d trial(s) of %g ms in %.2f s\nspikes:", run.ModelName(), len(res.Trials), run.TStopMs, res.Wall.Seconds())
	for _, t := range types {
		fmt.Fprintf(w, " %s %d", t, counts[t])
	}
	fmt.Fprintln(w)
	if c := rep.Compare; c != nil {
		fmt.Fprintf(w, "compared with %s over [%g, %g] ms: RMSE %.4g nAm, correlation %.3f\n",
			c.File, c.TStartMs, c.TStopMs, c.RMSEnAm, c.Correlaton)
	}
	fmt.Fprintf(w, "wrote %s in %s\n", strings.Join(rep.Files, ", "), dir)
}

func ranksNote(comm simulate.Comm) string {
	if comm.Size() == 1 {
		return ""
	}
	return fmt.Sprintf(", split over %d MPI ranks", comm.Size())
}

// maxMemoryUsage is the help of the --max-memory flags.
const maxMemoryUsage = `refuse a run whose estimated memory is more than this, e.g. 8GB, 500MB, 2GiB, or "none" (default: the memory available, MemAvailable of /proc/meminfo)`

// maxMemory reads a --max-memory value into simulate.Env's
// MaxMemoryBytes, split among jobs runs at a time.
func maxMemory(s string, jobs int) (int64, error) {
	switch s {
	case "":
		if jobs <= 1 {
			return 0, nil
		}
		return max(1, simulate.AvailableMemory()/int64(jobs)), nil
	case "none":
		return -1, nil
	}
	b, err := spec.ParseBytes(s)
	if err != nil {
		return 0, fmt.Errorf("--max-memory: %w", err)
	}
	return max(1, b/int64(max(1, jobs))), nil
}
