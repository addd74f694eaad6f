package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/safefile"
	snnzoo "github.com/laminasim/lamina/models/snn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/point"
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
	for k := 0; k < f.trials; k++ {
		s, err := snnsim.New(net, snnsim.Config{DtMs: dt, Threads: f.threads, Scheme: scheme, Trial: int64(k), Comm: comm})
		if err != nil {
			return err
		}
		if err := s.Run(tstop); err != nil {
			return fmt.Errorf("trial %d: %w", k, err)
		}
		res := s.Result()
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
		if k == 0 && comm.Rank() == 0 {
			if err := safefile.Write(filepath.Join(f.out, "model.json"), func(w io.Writer) error { return s.Network().Write(w) }); err != nil {
				return err
			}
		}
	}
	if comm.Rank() != 0 {
		return nil // rank 0 writes the outputs
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
		if ex.Name == "adex-patterns" {
			if err := adexFigure(last, filepath.Join(out, "patterns.png")); err != nil {
				return err
			}
			written = append(written, "patterns.png")
		}
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "%s: %d trial(s) of %g ms (dt %g ms, scheme %s%s) in %.2f s\n", ex.Name, f.trials, tstop, dt, scheme, ranksNote(comm), time.Since(wall).Seconds())
	fmt.Fprintf(w, "wrote %s in %s\n", strings.Join(written, ", "), out)
	return nil
}

// adexFigure draws the seven AdEx patterns (v with spikes, w) of a run.
func adexFigure(res *snnsim.Result, path string) error {
	find := func(pop, v string) *snnsim.Trace {
		for i := range res.Traces {
			if res.Traces[i].Population == pop && res.Traces[i].Variable == v && len(res.Traces[i].Data) > 0 {
				return &res.Traces[i]
			}
		}
		return nil
	}
	var pats []plot.Pattern
	for _, p := range snnzoo.Patterns() {
		v, w := find(p.Name, "v"), find(p.Name, "w")
		if v == nil || w == nil {
			return fmt.Errorf("adex-patterns: no v or w trace of %s", p.Name)
		}
		var sp []float64
		for _, r := range res.Ranges {
			if r.Name == p.Name {
				for _, s := range res.Spikes {
					if r.Contains(s.GID) {
						sp = append(sp, s.TimeMs)
					}
				}
			}
		}
		pats = append(pats, plot.Pattern{Name: p.Name, TimeMs: v.TimeMs, VmV: v.Data[0], WpA: w.Data[0], SpikesMs: sp})
	}
	fig, err := plot.AdExPatterns(pats, "AdEx firing patterns")
	if err != nil {
		return err
	}
	return plot.SaveFigure(fig, path, 720, 900)
}
