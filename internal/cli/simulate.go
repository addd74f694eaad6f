package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/hnntxt"
	"github.com/laminasim/lamina/format/safefile"
	"github.com/laminasim/lamina/model"
	snnzoo "github.com/laminasim/lamina/models/snn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/sim"
	"github.com/laminasim/lamina/simulate"
)

type simFlags struct {
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

func newSimulateCmd(comm dist.Comm) *cobra.Command {
	var f simFlags
	cmd := &cobra.Command{
		Use:   "simulate [MODEL] --out DIR",
		Short: "Simulate a network: a built-in example, a Lamina model, an HNN-core network or parameter file",
		Long: `Simulate a network (--example NAME, or a file: a Lamina model JSON, an HNN-core network
configuration JSON from write_network_configuration, or an HNN-core parameter file, .json
or .param, built as neymotin_2020_model(params, add_drives_from_params=True)) and write

  DIR/dipole.csv      trial,time_ms,agg_nAm,L2_nAm,L5_nAm: the current dipole as HNN-core's
                      simulate_dipole returns it (its baseline renormalisation, nAm), then
                      smoothed (--smooth-ms) and scaled (--scale) when asked
  DIR/dipole_raw.csv  trial,time_ms,agg_fAm,...: the dipole as summed, before any of that
  DIR/spikes.csv      trial,time_ms,gid,type: every spike, drive cells' events included
  DIR/summary.json    spike counts and mean rates per type, dipole peaks, wall time
  DIR/model.json      the model simulated, as a Lamina model file
  DIR/*.png           with --plot, the standard figures (see "lamina plot")

Examples (see "lamina examples"): ` + exampleNames(),
		Example: "  lamina simulate --example erp --out out/\n  lamina simulate --example erp --trials 4 --smooth-ms 30 --scale 3000 --out out/ --plot",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSimulate(cmd, args, &f, comm)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.example, "example", "", "built-in example to run (lamina examples lists them)")
	fl.IntVar(&f.trials, "trials", 1, "number of trials")
	fl.Float64Var(&f.tstopMs, "tstop-ms", 0, "simulated time, ms (default: the example's)")
	fl.Float64Var(&f.dtMs, "dt-ms", 0.025, "time step, ms")
	fl.IntVar(&f.threads, "threads", runtime.NumCPU(), "threads: trials run in parallel, and each trial's cells are split over the threads left (results are identical for any count)")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress messages")
	fl.BoolVar(&f.plot, "plot", false, "also draw the standard figures into the output directory (lamina plot all DIR)")
	fl.Float64Var(&f.smoothMs, "smooth-ms", 0, "smooth the dipole with a Hamming window of this length, ms (HNN-core's Dipole.smooth)")
	fl.Float64Var(&f.scale, "scale", 1, "multiply the dipole by this factor (HNN-core's Dipole.scale)")
	fl.StringVar(&f.rates, "rates", "table", "channel rates: table (NEURON's TABLE), exact, fast")
	fl.StringVar(&f.out, "out", "", "output directory (created if needed)")
	fl.BoolVar(&f.legacy, "hnn-legacy", false, "read an HNN parameter file in HNN-core's legacy_mode (the HNN GUI's gids and seeds)")
	fl.BoolVar(&f.hnnFiles, "hnn-files", false, "also write HNN-core's text files: dpl_<trial>.txt (Dipole.write, after smoothing and scaling) and spk_<trial>.txt (CellResponse.write), which read_dipole and read_spikes load")
	fl.StringVar(&f.connectivity, "connectivity", "", "tutorial-cs-network: the connectivity file (pre,post,type CSV) to use instead of drawing it")
	fl.StringVar(&f.inputs, "inputs", "", "tutorial-cs-network: the kick-start input spikes file to use instead of the NetStimFDs")
	fl.StringVar(&f.scheme, "scheme", "", "point-neuron examples: integrator lamina (default: exact/second order), euler (Brian2's), snnjl (SpikingNeuralNetworks.jl's, float32)")
	fl.Float64Var(&f.rateHz, "rate-hz", 0, "ei-balanced: afferent Poisson rate, Hz (default 10)")
	fl.Uint64Var(&f.seed, "seed", 0, "point-neuron examples: replace the example's seed")
	fl.StringVar(&f.compare, "compare", "", "an HNN-core dipole text file (time and aggregate in nAm, e.g. a recorded MEG dipole) to compare the trial-averaged, smoothed and scaled dipole with: RMSE, correlation and compare.png")
	fl.StringVar(&f.record.vsec, "record-vsec", "", "record membrane potentials at section(0.5): soma or all sections (vsec_trial<k>.csv)")
	fl.StringVar(&f.record.isec, "record-isec", "", "record transmembrane currents per channel and synapse: soma or all sections (isec_trial<k>.csv)")
	fl.StringVar(&f.record.ca, "record-ca", "", "record the calcium concentration cai: soma or all sections (ca_trial<k>.csv)")
	fl.StringVar(&f.record.gids, "record-gids", "", "cells to record, e.g. 0-34,170 (default: all)")
	cmd.MarkFlagRequired("out")
	return cmd
}

func newExamplesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "examples",
		Short: "List the built-in examples",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, e := range examples() {
				fmt.Fprintf(cmd.OutOrStdout(), "%-19s %s\n", e.name, e.description)
			}
			return nil
		},
	}
}

// loadNetwork returns the network to simulate and its default tstop.
func loadNetwork(args []string, f *simFlags) (*model.Network, float64, error) {
	example, legacy := f.example, f.legacy
	switch {
	case example != "" && len(args) > 0:
		return nil, 0, errors.New("give either a model file or --example, not both")
	case example != "":
		return buildExample(example, f)
	case len(args) == 1:
		mf, err := readModelFile(args[0], legacy)
		if err != nil {
			return nil, 0, err
		}
		return mf.net, mf.tstopMs, nil
	}
	return nil, 0, errors.New("nothing to simulate: give a model file or --example NAME")
}

func runSimulate(cmd *cobra.Command, args []string, f *simFlags, comm dist.Comm) error {
	if ex, ok := snnzoo.ExampleNamed(f.example); ok && len(args) == 0 {
		if f.trials < 1 || f.threads < 1 {
			return fmt.Errorf("--trials %d, --threads %d: both must be >= 1", f.trials, f.threads)
		}
		if comm.Rank() == 0 {
			if err := os.MkdirAll(f.out, 0o755); err != nil {
				return err
			}
		}
		return runPoint(cmd, ex, f, comm)
	}
	net, tstop, err := loadNetwork(args, f)
	if err != nil {
		return err
	}
	if f.tstopMs != 0 || tstop == 0 {
		tstop = f.tstopMs
	}
	switch {
	case !(tstop > 0) || math.IsInf(tstop, 0):
		return fmt.Errorf("--tstop-ms = %g, must be > 0", tstop)
	case f.trials < 1:
		return fmt.Errorf("--trials = %d, must be >= 1", f.trials)
	case f.threads < 1:
		return fmt.Errorf("--threads = %d, must be >= 1", f.threads)
	case !(f.smoothMs == 0 || f.smoothMs >= 1) || math.IsInf(f.smoothMs, 0):
		return fmt.Errorf("--smooth-ms = %g, must be 0 (no smoothing) or a window of at least 1 ms", f.smoothMs)
	case math.IsNaN(f.scale) || math.IsInf(f.scale, 0):
		return fmt.Errorf("--scale = %g, must be finite", f.scale)
	}
	if err := sim.CheckTiming(tstop, f.dtMs); err != nil {
		return err
	}
	if _, err := parseRates(f.rates); err != nil {
		return err
	}
	if err := f.record.check(); err != nil {
		return err
	}
	gids, err := parseGIDs(f.record.gids, net)
	if err != nil {
		return err
	}
	var target *dipole.Dipole
	if f.compare != "" {
		if target, err = hnntxt.ReadDipoleFile(f.compare); err != nil {
			return fmt.Errorf("--compare: %w", err)
		}
	}
	if comm.Rank() == 0 {
		if err := os.MkdirAll(f.out, 0o755); err != nil {
			return err
		}
	}
	progress := cmd.ErrOrStderr()
	if f.quiet {
		progress = io.Discard
	}
	bar := newProgress(cmd.ErrOrStderr(), f.quiet, f.trials, tstop)
	if bar != nil {
		progress = io.Discard // the bar replaces the per-trial lines
	}
	workers := min(f.threads, f.trials)
	if comm.Size() > 1 {
		workers = 1
	}
	fmt.Fprintf(progress, "simulating %s: %d trial(s) of %g ms at dt %g ms, %d trial(s) at a time, %d thread(s) each%s\n",
		net.Name, f.trials, tstop, f.dtMs, workers, max(1, f.threads/workers), ranksNote(comm))
	var mu sync.Mutex
	done := 0
	res, err := simulate.Run(net, simulate.Options{
		TStopMs: tstop, DtMs: f.dtMs, Trials: f.trials, Threads: f.threads, Rates: f.rates, Comm: comm,
		Record: simulate.Record{VSec: f.record.vsec, ISec: f.record.isec, Ca: f.record.ca, GIDs: gids},
		Progress: func(trial int, doneMs, totalMs float64) {
			bar.update(trial, doneMs)
			if doneMs >= totalMs {
				mu.Lock()
				done++
				fmt.Fprintf(progress, "trial %d done (%d/%d)\n", trial, done, f.trials)
				mu.Unlock()
			}
		},
	})
	bar.finish()
	if err != nil {
		return err
	}
	if comm.Rank() != 0 {
		return nil // rank 0 writes the outputs
	}
	return writeSimulation(cmd, net, res, tstop, f, target, comm)
}

// writeSimulation post-processes the dipoles as HNN-core does and writes
// the outputs.
func writeSimulation(cmd *cobra.Command, net *model.Network, res *simulate.Result, tstop float64, f *simFlags, target *dipole.Dipole, comm dist.Comm) error {
	var layerNames []string
	if d := res.Trials[0].Dipole; d != nil {
		layerNames = d.Layers
	}
	var (
		dplTrial       []int
		dplTime        []float64
		dplCols        = make([][]float64, len(layerNames))
		rawCols        = make([][]float64, len(layerNames))
		processed      []*dipole.Dipole
		spikes         = res.SpikeTable(net)
		spTrial, spGID = spikes.Trials, spikes.GIDs
		spTime, spType = spikes.TimesMs, spikes.Types
		countsTotal    = spikes.Count()
		countsPerTrial = make([]map[string]int, len(res.Trials))
	)
	for k := range countsPerTrial {
		countsPerTrial[k] = map[string]int{}
	}
	for i, ty := range spType {
		countsPerTrial[spTrial[i]][ty]++
	}
	for trial, r := range res.Trials {
		if r.Dipole != nil {
			d := r.Dipole.Copy()
			if f.smoothMs > 0 {
				if err := d.Smooth(f.smoothMs); err != nil {
					return err
				}
			}
			if f.scale != 1 {
				d.Scale(f.scale)
			}
			processed = append(processed, d)
			for i, t := range r.TimesMs {
				dplTrial = append(dplTrial, trial)
				dplTime = append(dplTime, t)
				for j, l := range layerNames {
					dplCols[j] = append(dplCols[j], d.Data[l][i])
					rawCols[j] = append(rawCols[j], r.RawDipole.Data[l][i])
				}
			}
		}
	}
	out := f.out
	var written []string
	if len(layerNames) > 0 {
		cols := []csvfile.Column{{Name: "trial", I: dplTrial}, {Name: "time_ms", F: dplTime}}
		raws := []csvfile.Column{{Name: "trial", I: dplTrial}, {Name: "time_ms", F: dplTime}}
		for j, l := range layerNames {
			cols = append(cols, csvfile.Column{Name: l + "_nAm", F: dplCols[j]})
			raws = append(raws, csvfile.Column{Name: l + "_fAm", F: rawCols[j]})
		}
		if err := csvfile.WriteTable(filepath.Join(out, "dipole.csv"), cols...); err != nil {
			return err
		}
		if err := csvfile.WriteTable(filepath.Join(out, "dipole_raw.csv"), raws...); err != nil {
			return err
		}
		written = append(written, "dipole.csv", "dipole_raw.csv")
	}
	if err := csvfile.WriteTable(filepath.Join(out, "spikes.csv"),
		csvfile.Column{Name: "trial", I: spTrial}, csvfile.Column{Name: "time_ms", F: spTime},
		csvfile.Column{Name: "gid", I: spGID}, csvfile.Column{Name: "type", S: spType}); err != nil {
		return err
	}
	written = append(written, "spikes.csv")
	wall := res.Wall
	summary := map[string]any{
		"model": net.Name, "trials": len(res.Trials), "tstop_ms": tstop, "dt_ms": f.dtMs,
		"n_gids": net.NGIDs(), "rates": f.rates, "seeding": net.Seeding, "threads": f.threads,
		"spike_counts": countsTotal, "spike_counts_per_trial": countsPerTrial,
		"wall_time_s": wall.Seconds(), "smooth_ms": f.smoothMs, "scale": f.scale,
		"trials_at_a_time": res.Workers, "threads_per_trial": res.ThreadsPerTrial, "mpi_ranks": comm.Size(),
	}
	allRates, err := res.MeanRates(net, 0, tstop, analysis.RatesAll)
	if err != nil {
		return err
	}
	trialRates, err := res.MeanRates(net, 0, tstop, analysis.RatesTrial)
	if err != nil {
		return err
	}
	ra, rt := map[string]any{}, map[string][]any{}
	for i := range allRates {
		ra[allRates[i].Name] = jsonRate(allRates[i].All)
		for _, v := range trialRates[i].Trial {
			rt[allRates[i].Name] = append(rt[allRates[i].Name], jsonRate(v))
		}
	}
	summary["mean_rates_hz"], summary["mean_rates_per_trial_hz"] = ra, rt
	if len(processed) > 0 {
		var peaks []map[string]any
		for _, d := range processed {
			p := map[string]any{}
			for _, l := range layerNames {
				p[l] = peak(d.TimesMs, d.Data[l])
			}
			peaks = append(peaks, p)
		}
		summary["dipole_peaks_nAm"] = peaks
	}
	for trial, r := range res.Trials {
		for _, k := range []struct {
			name string
			tr   *record.Trace
		}{{"vsec", r.VSec}, {"isec", r.ISec}, {"ca", r.Ca}} {
			if k.tr == nil {
				continue
			}
			name := fmt.Sprintf("%s_trial%d.csv", k.name, trial)
			if err := csvfile.WriteTrace(filepath.Join(out, name), k.tr); err != nil {
				return err
			}
			written = append(written, name)
		}
	}
	if f.hnnFiles {
		files, err := writeHNNFiles(out, res, processed, spTrial, spTime, spGID, spType)
		if err != nil {
			return err
		}
		written = append(written, files...)
	}
	var comparison string
	if target != nil {
		if len(processed) == 0 {
			return errors.New("--compare: the model has no dipole to compare")
		}
		c, file, err := compareDipole(processed, target, f, out, net.Name)
		if err != nil {
			return err
		}
		summary["compare"] = c
		written = append(written, file)
		comparison = fmt.Sprintf("compared with %s over [%g, %g] ms: RMSE %.4g nAm, correlation %.3f\n",
			f.compare, c["tstart_ms"], c["tstop_ms"], c["rmse_nAm"], c["correlation"])
	}
	if err := writeJSON(filepath.Join(out, "summary.json"), summary); err != nil {
		return err
	}
	written = append(written, "summary.json")
	if err := writeJSON(filepath.Join(out, "model.json"), net); err != nil {
		return err
	}
	written = append(written, "model.json")
	if f.plot {
		figs, err := renderFigures(out, []string{"all"}, "png", figureOptions{})
		if err != nil {
			return err
		}
		written = append(written, figs...)
	}
	w := cmd.OutOrStdout()
	var types []string
	for t := range countsTotal {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		a, _ := net.RangeOf(types[i])
		b, _ := net.RangeOf(types[j])
		return a.First < b.First
	})
	fmt.Fprintf(w, "%s: %d trial(s) of %g ms in %.2f s\nspikes:", net.Name, len(res.Trials), tstop, wall.Seconds())
	for _, t := range types {
		fmt.Fprintf(w, " %s %d", t, countsTotal[t])
	}
	fmt.Fprintf(w, "\n%swrote %s in %s\n", comparison, strings.Join(written, ", "), out)
	return nil
}

func peak(t, v []float64) map[string]float64 {
	imax, imin := 0, 0
	for i := range v {
		if v[i] > v[imax] {
			imax = i
		}
		if v[i] < v[imin] {
			imin = i
		}
	}
	return map[string]float64{"max": v[imax], "t_max_ms": t[imax], "min": v[imin], "t_min_ms": t[imin]}
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return safefile.Write(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// compareDipole compares the trial average of the processed dipoles with a
// target dipole over their common time range, as HNN-core's _rmse, adds
// the correlation, and draws compare.png.
func compareDipole(processed []*dipole.Dipole, target *dipole.Dipole, f *simFlags, out, name string) (map[string]any, string, error) {
	avg := processed[0]
	if len(processed) > 1 {
		a, err := dipole.Average(processed)
		if err != nil {
			return nil, "", err
		}
		avg = a
	}
	lo := max(avg.TimesMs[0], target.TimesMs[0])
	hi := min(avg.TimesMs[len(avg.TimesMs)-1], target.TimesMs[len(target.TimesMs)-1])
	rmse, err := dipole.RMSE(avg, target, lo, hi)
	if err != nil {
		return nil, "", fmt.Errorf("--compare: %w", err)
	}
	r, err := dipole.Correlation(avg, target, lo, hi)
	if err != nil {
		return nil, "", fmt.Errorf("--compare: %w", err)
	}
	p, err := plot.Compare(avg, target, fmt.Sprintf("%s, mean of %d trial(s)", name, len(processed)), filepath.Base(f.compare),
		fmt.Sprintf("%s vs %s: RMSE %.3g nAm, r = %.2f", name, filepath.Base(f.compare), rmse, r))
	if err != nil {
		return nil, "", err
	}
	if err := plot.Save(p, filepath.Join(out, "compare.png"), 720, 360); err != nil {
		return nil, "", err
	}
	return map[string]any{"file": f.compare, "tstart_ms": lo, "tstop_ms": hi, "rmse_nAm": rmse, "correlation": r}, "compare.png", nil
}

// writeHNNFiles writes the dipoles and spikes as HNN-core's text files.
func writeHNNFiles(out string, res *simulate.Result, processed []*dipole.Dipole, spTrial []int, spTime []float64, spGID []int, spType []string) ([]string, error) {
	var written []string
	for k, d := range processed {
		name := fmt.Sprintf("dpl_%d.txt", k)
		if err := hnntxt.WriteDipoleFile(filepath.Join(out, name), d); err != nil {
			return nil, err
		}
		written = append(written, name)
	}
	trials := make([][]hnntxt.Spike, len(res.Trials))
	for i := range spTime {
		trials[spTrial[i]] = append(trials[spTrial[i]], hnntxt.Spike{TimeMs: spTime[i], GID: spGID[i], Type: spType[i]})
	}
	files, err := hnntxt.WriteSpikeTrials(filepath.Join(out, "spk_%d.txt"), trials)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		written = append(written, filepath.Base(f))
	}
	return written, nil
}

func ranksNote(comm dist.Comm) string {
	if comm.Size() == 1 {
		return ""
	}
	return fmt.Sprintf(", split over %d MPI ranks", comm.Size())
}
