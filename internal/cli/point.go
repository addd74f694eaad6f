package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/safefile"
	snnzoo "github.com/laminasim/lamina/models/snn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/snn"
	"github.com/laminasim/lamina/snnsim"
)

// runPoint simulates a point-neuron example (models/snn) and writes
// spikes.csv, rates.csv, summary.json, model.json and, with --plot, a
// raster with population rates. Under MPI the ranks share every trial's
// neurons (snnsim.Config.Comm) and rank 0 writes.
func runPoint(cmd *cobra.Command, ex snnzoo.Example, f *simFlags, comm dist.Comm) error {
	scheme, err := point.ParseScheme(f.scheme)
	if err != nil {
		return fmt.Errorf("--scheme: %w", err)
	}
	tstop, dt := ex.TStopMs, ex.DtMs
	if f.tstopMs != 0 {
		tstop = f.tstopMs
	}
	if cmd.Flags().Changed("dt-ms") {
		dt = f.dtMs
	}
	if err := snnsim.CheckTiming(tstop, dt); err != nil {
		return err
	}
	if f.rateHz < 0 {
		return fmt.Errorf("--rate-hz = %g, must be >= 0", f.rateHz)
	}
	net := ex.Network(snnzoo.Options{RateHz: f.rateHz, Seed: f.seed})
	var (
		trial, gid []int
		times      []float64
		types      []string
		last       *snnsim.Result
		stats      []any
		wall       = time.Now()
	)
	results, err := snnsim.RunTrials(net, snnsim.Config{DtMs: dt, Threads: f.threads, Scheme: scheme, Comm: comm}, f.trials, tstop)
	if err != nil {
		return err
	}
	for k, res := range results {
		ty := res.Types()
		for i, sp := range res.Spikes {
			trial, times, gid, types = append(trial, k), append(times, sp.TimeMs), append(gid, sp.GID), append(types, ty[i])
		}
		from := 0.0
		if tstop > 3000 {
			from = 3000 // the E/I references' window, after the transient
		}
		var pops []map[string]any
		for _, ps := range res.Stats(from, tstop, 5) {
			pops = append(pops, map[string]any{"name": ps.Name, "n": ps.N, "spikes": ps.Spikes, "rate_hz": jsonRate(ps.RateHz),
				"cv_isi_mean": jsonRate(ps.CVMean), "cv_isi_median": jsonRate(ps.CVMedian), "cv_n_neurons": ps.NCV, "frac_active": jsonRate(ps.FracActive)})
		}
		stats = append(stats, map[string]any{"from_ms": from, "to_ms": tstop, "populations": pops})
		last = res
	}
	if comm.Rank() != 0 {
		return nil // rank 0 writes the outputs
	}
	if err := safefile.Write(filepath.Join(f.out, "model.json"), func(w io.Writer) error { return net.Write(w) }); err != nil {
		return err
	}
	out := f.out
	if err := csvfile.WriteTable(filepath.Join(out, "spikes.csv"), csvfile.Column{Name: "trial", I: trial},
		csvfile.Column{Name: "time_ms", F: times}, csvfile.Column{Name: "gid", I: gid}, csvfile.Column{Name: "type", S: types}); err != nil {
		return err
	}
	series, err := plot.Rates(last.Spikes, last.Ranges, 0, tstop, 10)
	if err != nil {
		return err
	}
	cols := []csvfile.Column{{Name: "time_ms", F: series[0].CentersMs}}
	for _, r := range series {
		cols = append(cols, csvfile.Column{Name: r.Name + "_Hz", F: r.RateHz})
	}
	if err := csvfile.WriteTable(filepath.Join(out, "rates.csv"), cols...); err != nil {
		return err
	}
	written := []string{"spikes.csv", "rates.csv", "model.json"}
	if err := writeJSON(filepath.Join(out, "summary.json"), map[string]any{
		"model": ex.Name, "trials": f.trials, "tstop_ms": tstop, "dt_ms": dt, "scheme": scheme, "rate_hz": f.rateHz,
		"run": last, "stats_per_trial": stats, "wall_time_s": time.Since(wall).Seconds(),
	}); err != nil {
		return err
	}
	written = append(written, "summary.json")
	if f.plot {
		fig, err := plot.PointNetwork(last.Spikes, last.Ranges, 0, tstop, 10, 1, fmt.Sprintf("%s, trial %d", ex.Name, f.trials-1))
		if err != nil {
			return err
		}
		if err := plot.SaveFigure(fig, filepath.Join(out, "raster.png"), 720, 480); err != nil {
			return err
		}
		written = append(written, "raster.png")
		figs, err := pointFigures(ex.Name, last)
		if err != nil {
			return err
		}
		for _, pf := range figs {
			if err := plot.SaveFigure(pf.fig, filepath.Join(out, pf.file), pf.w, pf.h); err != nil {
				return err
			}
			written = append(written, pf.file)
		}
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "%s: %d trial(s) of %g ms (dt %g ms, scheme %s%s) in %.2f s\n", ex.Name, f.trials, tstop, dt, scheme, ranksNote(comm), time.Since(wall).Seconds())
	fmt.Fprintf(w, "wrote %s in %s\n", strings.Join(written, ", "), out)
	return nil
}

// namedFigure is a figure and the file and size it is saved with.
type namedFigure struct {
	file string
	fig  *plot.Figure
	w, h vg.Length
}

// pointFigures draws the figures particular to a point example, beyond
// the raster every run gets: the AdEx patterns (v with spikes, and w), the
// high-conductance state of lif-balanced-input, the potential and current
// of lif-noise, the potentials and dendritic conductances of
// ball-and-stick.
func pointFigures(name string, res *snnsim.Result) ([]namedFigure, error) {
	trace := func(pop, v string) (*snnsim.Trace, error) {
		if tr, ok := res.Trace(pop, v); ok && len(tr.Data) > 0 {
			return tr, nil
		}
		return nil, fmt.Errorf("%s: no %s trace of %s", name, v, pop)
	}
	spikes := func(pop string) []float64 {
		var sp []float64
		for _, r := range res.Ranges {
			if r.Name == pop {
				for _, s := range res.Spikes {
					if r.Contains(s.GID) {
						sp = append(sp, s.TimeMs)
					}
				}
			}
		}
		return sp
	}
	var traces [4]*snnsim.Trace
	need := func(pop string, vars ...string) error {
		for i, v := range vars {
			tr, err := trace(pop, v)
			if err != nil {
				return err
			}
			traces[i] = tr
		}
		return nil
	}
	switch name {
	case "adex-patterns":
		var pats []plot.Pattern
		for _, p := range snnzoo.Patterns() {
			if err := need(p.Name, "v", "w"); err != nil {
				return nil, err
			}
			v, w := traces[0], traces[1]
			pats = append(pats, plot.Pattern{Name: p.Name, TimeMs: v.TimeMs, VmV: v.Data[0], WpA: w.Data[0], SpikesMs: spikes(p.Name)})
		}
		fig, err := plot.AdExPatterns(pats, "AdEx firing patterns")
		return []namedFigure{{"patterns.png", fig, 720, 900}}, err
	case "lif-balanced-input":
		if err := need("E", "v", "ge", "gi"); err != nil {
			return nil, err
		}
		v, ge, gi := traces[0], traces[1], traces[2]
		fig, err := plot.HighConductance(res.Spikes, res.Ranges, v.TimeMs, v.Data[0], ge.Data[0], gi.Data[0], 0, -75, name)
		return []namedFigure{{"conductances.png", fig, 800, 900}}, err
	case "lif-noise":
		if err := need("E", "v", snn.VariableI); err != nil {
			return nil, err
		}
		pv, err := plot.VoltageTrace(traces[0].TimeMs, traces[0].Data[0], spikes("E"), name)
		if err != nil {
			return nil, err
		}
		pi, err := plot.Traces(traces[1].Record(), "", "external current (pA)")
		return []namedFigure{{"traces.png", &plot.Figure{Panels: [][]*gplot.Plot{{pv}, {pi}}}, 800, 600}}, err
	case "ball-and-stick":
		if err := need("E", "v_s", "v_d"); err != nil {
			return nil, err
		}
		vs, vd := traces[0], traces[1]
		both := &record.Trace{TimeMs: vs.TimeMs, Columns: []record.Column{{Name: "soma", Data: vs.Data[0]}, {Name: "dendrite", Data: vd.Data[0]}}}
		var gs []record.Column
		for _, r := range []string{"AMPA", "NMDA", "GABAa", "GABAb"} {
			g, err := trace("E", "g_dend_"+r)
			if err != nil {
				return nil, err
			}
			gs = append(gs, record.Column{Name: r, Data: g.Data[0]})
		}
		fig, err := plot.TraceStack([]*record.Trace{both, {TimeMs: vs.TimeMs, Columns: gs}},
			[]string{name, ""}, []string{"potential (mV)", "dendritic conductance (nS)"})
		return []namedFigure{{"traces.png", fig, 800, 700}}, err
	}
	return nil, nil
}
