package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/laminasim/lamina/results"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/hnntxt"
	"github.com/laminasim/lamina/format/safefile"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/spec"
	"github.com/sbinet/npyio"
	"gonum.org/v1/gonum/mat"
)

// File names of the layout.
const (
	RunFile     = "run.json"
	ModelFile   = "model.json"
	SummaryFile = "summary.json"
	SpikesFile  = "spikes.csv"
	RatesFile   = "rates.csv"
	DipoleFile  = "dipole.csv"
	RawFile     = "dipole_raw.csv"
	CompareFile = "compare.png"
)

// RateBinMs is the bin of rates.csv, ms.
const RateBinMs = 10

// LargeTraceValues is the size (columns × samples) above which a recorded
// trace is written as NumPy (<kind>_trial<k>.npy, float64, columns ×
// samples, and <kind>_trial<k>_columns.txt) rather than CSV: 4 million
// values, 32 MB in memory and some 80 MB of text.
const LargeTraceValues = 4_000_000

// Report is what Write did: the files it wrote, in order, and the summary
// it wrote into summary.json.
type Report struct {
	Files   []string
	Summary map[string]any
	// Compare is the comparison with output.compare (nil without one).
	Compare *Comparison
}

// Comparison is the trial-mean dipole against a recorded one.
type Comparison struct {
	File       string  `json:"file"`
	TStartMs   float64 `json:"tstart_ms"`
	TStopMs    float64 `json:"tstop_ms"`
	RMSEnAm    float64 `json:"rmse_nAm"`
	Correlaton float64 `json:"correlation"`
}

// Write writes the outputs of res into dir as one complete set (see the
// package documentation), post-processed as res.Spec.Output says, and
// draws the figures when it says plot. dir is created if needed; an
// existing dir must be empty or hold a previous run's outputs, which the
// new set replaces whole.
func Write(dir string, res *results.Result) (*Report, error) {
	if res == nil || res.Spec == nil || len(res.Trials) == 0 {
		return nil, errors.New("output: no result to write")
	}
	var target *dipole.Dipole
	if f := res.Spec.Output.Compare; f != "" {
		d, err := hnntxt.ReadDipoleFile(f)
		if err != nil {
			return nil, fmt.Errorf("output: compare: %w", err)
		}
		target = d
	}
	tmp, err := stage(dir)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // gone once swapped in; cleans up a failure
	rep, err := writeAll(tmp, res, target)
	if err != nil {
		return nil, err
	}
	if res.Spec.Output.Plot {
		figs, err := Render(tmp, []string{"all"}, "png", Options{})
		if err != nil {
			return nil, err
		}
		rep.Files = append(rep.Files, figs...)
	}
	if err := os.Remove(filepath.Join(tmp, pidFile)); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := swap(tmp, dir); err != nil {
		return nil, err
	}
	return rep, nil
}

// writeAll writes every file of res into dir.
func writeAll(dir string, res *results.Result, target *dipole.Dipole) (*Report, error) {
	run := res.Spec
	rep := &Report{}
	add := func(name string, err error) error {
		if err == nil {
			rep.Files = append(rep.Files, name)
		}
		return err
	}
	if err := add(RunFile, safefile.Write(filepath.Join(dir, RunFile), run.Write)); err != nil {
		return nil, err
	}
	if err := add(ModelFile, writeModel(filepath.Join(dir, ModelFile), run)); err != nil {
		return nil, err
	}
	st := res.SpikeTable()
	if err := add(SpikesFile, csvfile.WriteTable(filepath.Join(dir, SpikesFile),
		csvfile.Column{Name: "trial", I: st.Trials}, csvfile.Column{Name: "time_ms", F: st.TimesMs},
		csvfile.Column{Name: "gid", I: st.GIDs}, csvfile.Column{Name: "type", S: st.Types})); err != nil {
		return nil, err
	}
	if err := add(RatesFile, writeRates(filepath.Join(dir, RatesFile), res)); err != nil {
		return nil, err
	}
	processed, err := res.ProcessedDipoles(res.Spec.Output.SmoothMs, res.Spec.Output.ScaleOrOne())
	if err != nil {
		return nil, err
	}
	if len(processed) > 0 {
		if err := add(DipoleFile, writeDipoles(filepath.Join(dir, DipoleFile), res, processed, false)); err != nil {
			return nil, err
		}
		if err := add(RawFile, writeDipoles(filepath.Join(dir, RawFile), res, processed, true)); err != nil {
			return nil, err
		}
	}
	for k, tr := range res.Trials {
		for _, rec := range []struct {
			name string
			tr   *record.Trace
		}{{"vsec", tr.VSec}, {"isec", tr.ISec}, {"ca", tr.Ca}} {
			if rec.tr == nil {
				continue
			}
			if len(rec.tr.Columns)*len(rec.tr.TimeMs) > LargeTraceValues {
				// too large for text: NumPy, and the column names beside
				base := fmt.Sprintf("%s_trial%d", rec.name, k)
				rows := make([][]float64, len(rec.tr.Columns))
				names := make([]string, len(rec.tr.Columns))
				for c, col := range rec.tr.Columns {
					rows[c], names[c] = col.Data, col.Name
				}
				if err := add(base+".npy", writeNPY(filepath.Join(dir, base+".npy"), rows)); err != nil {
					return nil, err
				}
				cols := base + "_columns.txt"
				if err := add(cols, safefile.Write(filepath.Join(dir, cols), func(w io.Writer) error {
					_, err := io.WriteString(w, strings.Join(names, "\n")+"\n")
					return err
				})); err != nil {
					return nil, err
				}
				continue
			}
			name := fmt.Sprintf("%s_trial%d.csv", rec.name, k)
			if err := add(name, csvfile.WriteTrace(filepath.Join(dir, name), rec.tr)); err != nil {
				return nil, err
			}
		}
		for i := range tr.Series {
			s := &tr.Series[i]
			name := SeriesFile(s.Population, s.Variable, k)
			if err := add(name, csvfile.WriteTrace(filepath.Join(dir, name), s.Trace())); err != nil {
				return nil, err
			}
		}
		for i := range tr.Potentials {
			p := &tr.Potentials[i]
			name := PotentialsNPY(p.Array, k)
			if err := add(name, writeNPY(filepath.Join(dir, name), p.DataUV)); err != nil {
				return nil, err
			}
		}
	}
	if len(res.Trials[0].Potentials) > 0 {
		files, err := writePotentialsCSV(dir, res)
		if err != nil {
			return nil, err
		}
		rep.Files = append(rep.Files, files...)
	}
	if run.Output.HNNFiles {
		files, err := writeHNNFiles(dir, res, processed, st)
		if err != nil {
			return nil, err
		}
		rep.Files = append(rep.Files, files...)
	}
	summary, err := summarise(res, st, processed)
	if err != nil {
		return nil, err
	}
	if target != nil {
		if len(processed) == 0 {
			return nil, errors.New("output: compare: the model has no dipole to compare")
		}
		c, err := compare(dir, processed, target, run)
		if err != nil {
			return nil, err
		}
		summary["compare"] = c
		rep.Compare = c
		rep.Files = append(rep.Files, CompareFile)
	}
	if err := add(SummaryFile, writeJSON(filepath.Join(dir, SummaryFile), summary)); err != nil {
		return nil, err
	}
	rep.Summary = summary
	return rep, nil
}

// PotentialsCSV is the file of an electrode array's potentials, every
// trial: trial,time_ms,e0_uV,e1_uV,...
func PotentialsCSV(array string) string { return "lfp_" + array + ".csv" }

// PotentialsNPY is the NumPy file of an electrode array's potentials in
// one trial: float64, shape (contacts, samples), µV, the samples at the
// times of dipole.csv (numpy.load reads it; HNN-core's
// rec_arrays[name].voltages[trial]).
func PotentialsNPY(array string, trial int) string {
	return fmt.Sprintf("lfp_%s_trial%d.npy", array, trial)
}

// writePotentialsCSV writes every array's potentials, all trials, as
// CSV.
func writePotentialsCSV(dir string, res *results.Result) ([]string, error) {
	var files []string
	for i, p0 := range res.Trials[0].Potentials {
		var trial []int
		var times []float64
		cols := make([][]float64, len(p0.DataUV))
		for k, tr := range res.Trials {
			p := tr.Potentials[i]
			trial = slices.Grow(trial, len(p.TimeMs))
			for range p.TimeMs {
				trial = append(trial, k)
			}
			times = append(times, p.TimeMs...)
			for c := range cols {
				cols[c] = append(cols[c], p.DataUV[c]...)
			}
		}
		out := []csvfile.Column{{Name: "trial", I: trial}, {Name: "time_ms", F: times}}
		for c := range cols {
			out = append(out, csvfile.Column{Name: fmt.Sprintf("e%d_uV", c), F: cols[c]})
		}
		name := PotentialsCSV(p0.Array)
		if err := csvfile.WriteTable(filepath.Join(dir, name), out...); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

// writeNPY writes rows (all of one length) as a NumPy float64 array of
// shape (rows, columns).
func writeNPY(path string, rows [][]float64) error {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return fmt.Errorf("output: %s: no samples to write", path)
	}
	n := len(rows[0])
	flat := make([]float64, 0, len(rows)*n)
	for _, r := range rows {
		if len(r) != n {
			return fmt.Errorf("output: %s: rows of %d and %d samples", path, n, len(r))
		}
		flat = append(flat, r...)
	}
	return safefile.Write(path, func(w io.Writer) error {
		return npyio.Write(w, mat.NewDense(len(rows), n, flat))
	})
}

// SeriesFile is the file of a point monitor's series of a trial.
func SeriesFile(population, variable string, trial int) string {
	return fmt.Sprintf("monitor_%s_%s_trial%d.csv", population, variable, trial)
}

// writeModel writes the model alone, in its own file format.
func writeModel(path string, run *spec.Run) error {
	if run.Point != nil {
		return safefile.Write(path, run.Point.Write)
	}
	return writeJSON(path, run.Network)
}

// writeDipoles writes the processed (or raw) dipoles of every trial.
func writeDipoles(path string, res *results.Result, processed []*dipole.Dipole, raw bool) error {
	layers := processed[0].Layers
	var trial []int
	var times []float64
	cols := make([][]float64, len(layers))
	for k, tr := range res.Trials {
		d := processed[k]
		if raw {
			d = tr.RawDipole
		}
		for i, t := range tr.TimesMs {
			trial, times = append(trial, k), append(times, t)
			for j, l := range layers {
				cols[j] = append(cols[j], d.Data[l][i])
			}
		}
	}
	unit := "_nAm"
	if raw {
		unit = "_fAm"
	}
	out := []csvfile.Column{{Name: "trial", I: trial}, {Name: "time_ms", F: times}}
	for j, l := range layers {
		out = append(out, csvfile.Column{Name: l + unit, F: cols[j]})
	}
	return csvfile.WriteTable(path, out...)
}

// writeRates writes every trial's population rates (neurons, not
// sources) in bins of RateBinMs.
func writeRates(path string, res *results.Result) error {
	tstop := res.Spec.TStopMs
	var trial []int
	var centers []float64
	var cols [][]float64
	var names []string
	for k, tr := range res.Trials {
		series, err := plot.Rates(tr.Spikes, res.Ranges.Neurons(), 0, tstop, RateBinMs)
		if err != nil {
			return err
		}
		if cols == nil {
			cols = make([][]float64, len(series))
			for _, s := range series {
				names = append(names, s.Name)
			}
		}
		for i := range series[0].CentersMs {
			trial, centers = append(trial, k), append(centers, series[0].CentersMs[i])
		}
		for j, s := range series {
			cols[j] = append(cols[j], s.RateHz...)
		}
	}
	out := []csvfile.Column{{Name: "trial", I: trial}, {Name: "time_ms", F: centers}}
	for j, n := range names {
		out = append(out, csvfile.Column{Name: n + "_Hz", F: cols[j]})
	}
	return csvfile.WriteTable(path, out...)
}

// summarise builds summary.json: settings, populations, spike counts and
// mean rates (all trials and per trial), dipole peaks, point statistics,
// synapse counts and wall times.
func summarise(res *results.Result, st results.SpikeTable, processed []*dipole.Dipole) (map[string]any, error) {
	run := res.Spec
	counts := st.Count()
	perTrial := make([]map[string]int, len(res.Trials))
	for k := range perTrial {
		perTrial[k] = map[string]int{}
	}
	for i, ty := range st.Types {
		perTrial[st.Trials[i]][ty]++
	}
	s := map[string]any{
		"model": run.ModelName(), "kind": run.Kind(), "trials": len(res.Trials), "tstop_ms": run.TStopMs, "dt_ms": run.DtMs,
		"n_gids": res.Ranges.Total(), "ranges": res.Ranges, "spike_counts": counts, "spike_counts_per_trial": perTrial,
		"wall_time_s": res.Wall.Seconds(), "trials_at_a_time": res.Workers, "threads_per_trial": res.ThreadsPerTrial,
		"mpi_ranks": res.Ranks,
	}
	if run.Network != nil {
		s["rates"], s["seeding"] = run.Rates, run.Network.Seeding
		s["smooth_ms"], s["scale"] = run.Output.SmoothMs, run.Output.ScaleOrOne()
	}
	if run.Scheme != "" {
		s["scheme"] = run.Scheme
	}
	all, err := st.MeanRates(res.Ranges, len(res.Trials), 0, run.TStopMs, analysis.RatesAll)
	if err != nil {
		return nil, err
	}
	trial, err := st.MeanRates(res.Ranges, len(res.Trials), 0, run.TStopMs, analysis.RatesTrial)
	if err != nil {
		return nil, err
	}
	ra, rt := map[string]any{}, map[string][]any{}
	for i := range all {
		ra[all[i].Name] = JSONNumber(all[i].All)
		rt[all[i].Name] = []any{}
		for _, v := range trial[i].Trial {
			rt[all[i].Name] = append(rt[all[i].Name], JSONNumber(v))
		}
	}
	s["mean_rates_hz"], s["mean_rates_per_trial_hz"] = ra, rt
	if len(processed) > 0 {
		var peaks []map[string]any
		for _, d := range processed {
			p := map[string]any{}
			for _, l := range d.Layers {
				p[l] = peak(d.TimesMs, d.Data[l])
			}
			peaks = append(peaks, p)
		}
		s["dipole_peaks_nAm"] = peaks
	}
	if hasPoint(res.Ranges) {
		s["point_stats_per_trial"] = pointStats(res)
	}
	if syn := res.Trials[0].Synapses; syn != nil {
		s["synapses"] = syn
	}
	return s, nil
}

func hasPoint(rs record.Ranges) bool {
	return slices.ContainsFunc(rs, func(r record.Range) bool { return r.Kind == record.KindPoint })
}

// pointStats are the point populations' rates and ISI statistics per
// trial, after the first 3 s of runs longer than that (the E/I
// references' window, after the transient).
func pointStats(res *results.Result) []any {
	tstop := res.Spec.TStopMs
	from := 0.0
	if tstop > 3000 {
		from = 3000
	}
	var out []any
	for _, tr := range res.Trials {
		var pops []map[string]any
		for _, r := range res.Ranges {
			if r.Kind != record.KindPoint {
				continue
			}
			ps := analysis.PopulationStats(tr.Spikes, r, from, tstop, 5)
			pops = append(pops, map[string]any{"name": r.Name, "n": r.N, "spikes": ps.Spikes, "rate_hz": JSONNumber(ps.RateHz),
				"cv_isi_mean": JSONNumber(ps.CVMean), "cv_isi_median": JSONNumber(ps.CVMedian), "cv_n_neurons": ps.NCV,
				"frac_active": JSONNumber(ps.FracActive)})
		}
		out = append(out, map[string]any{"from_ms": from, "to_ms": tstop, "populations": pops})
	}
	return out
}

// JSONNumber makes NaN (a population without cells) encodable, as null.
func JSONNumber(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
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

// compare compares the trial average of the processed dipoles with a
// target dipole over their common time range, as HNN-core's _rmse, adds
// the correlation, and draws compare.png.
func compare(dir string, processed []*dipole.Dipole, target *dipole.Dipole, run *spec.Run) (*Comparison, error) {
	avg := processed[0]
	if len(processed) > 1 {
		a, err := dipole.Average(processed)
		if err != nil {
			return nil, err
		}
		avg = a
	}
	lo := max(avg.TimesMs[0], target.TimesMs[0])
	hi := min(avg.TimesMs[len(avg.TimesMs)-1], target.TimesMs[len(target.TimesMs)-1])
	rmse, err := dipole.RMSE(avg, target, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("output: compare: %w", err)
	}
	r, err := dipole.Correlation(avg, target, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("output: compare: %w", err)
	}
	name, file := run.ModelName(), filepath.Base(run.Output.Compare)
	p, err := plot.Compare(avg, target, fmt.Sprintf("%s, mean of %d trial(s)", name, len(processed)), file,
		fmt.Sprintf("%s vs %s: RMSE %.3g nAm, r = %.2f", name, file, rmse, r))
	if err != nil {
		return nil, err
	}
	if err := plot.Save(p, filepath.Join(dir, CompareFile), 720, 360); err != nil {
		return nil, err
	}
	return &Comparison{File: run.Output.Compare, TStartMs: lo, TStopMs: hi, RMSEnAm: rmse, Correlaton: r}, nil
}

// writeHNNFiles writes the dipoles and spikes as HNN-core's text files.
func writeHNNFiles(dir string, res *results.Result, processed []*dipole.Dipole, st results.SpikeTable) ([]string, error) {
	var written []string
	for k, d := range processed {
		name := fmt.Sprintf("dpl_%d.txt", k)
		if err := hnntxt.WriteDipoleFile(filepath.Join(dir, name), d); err != nil {
			return nil, err
		}
		written = append(written, name)
	}
	trials := make([][]hnntxt.Spike, len(res.Trials))
	for i := range st.TimesMs {
		trials[st.Trials[i]] = append(trials[st.Trials[i]], hnntxt.Spike{TimeMs: st.TimesMs[i], GID: st.GIDs[i], Type: st.Types[i]})
	}
	files, err := hnntxt.WriteSpikeTrials(filepath.Join(dir, "spk_%d.txt"), trials)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		written = append(written, filepath.Base(f))
	}
	return written, nil
}

// IsRunDir reports whether dir holds a run's outputs (a run or summary
// file).
func IsRunDir(dir string) bool {
	for _, f := range []string{RunFile, SummaryFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	return false
}

// CheckDir reports whether dir can take a run's outputs: absent (and its
// parent creatable and writable), empty, or a previous run's outputs. A
// front end calls it before simulating, so that a run is not lost to an
// unusable directory.
func CheckDir(dir string) error {
	tmp, err := stage(dir)
	if err != nil {
		return err
	}
	return os.RemoveAll(tmp)
}

// stage creates the temporary directory a run is written into, beside
// dir, after checking that dir can take a run: absent, empty, or a
// previous run's outputs.
func stage(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("output: no output directory")
	}
	clean := filepath.Clean(dir)
	if fi, err := os.Stat(clean); err == nil {
		if !fi.IsDir() {
			return "", fmt.Errorf("output: %s is a file, not a directory", dir)
		}
		entries, err := os.ReadDir(clean)
		if err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		if len(entries) > 0 && !IsRunDir(clean) {
			return "", fmt.Errorf("output: %s holds other files (not a Lamina run's outputs): give a new or empty directory", dir)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("output: %w", err)
	}
	parent := filepath.Dir(clean)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	// stale staging directories of runs that were killed
	if old, _ := filepath.Glob(filepath.Join(parent, "."+filepath.Base(clean)+".lamina-*")); len(old) > 0 {
		for _, o := range old {
			if fi, err := os.Stat(o); err == nil && fi.IsDir() && stale(o) {
				os.RemoveAll(o)
			}
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(clean)+".lamina-*")
	if err != nil {
		return "", fmt.Errorf("output: %s is not writable: %w", parent, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, pidFile), fmt.Appendf(nil, "%d\n", os.Getpid()), 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("output: %s is not writable: %w", parent, err)
	}
	return tmp, nil
}

// pidFile holds, in a staging directory, the pid of the process writing
// it.
const pidFile = ".lamina-pid"

// stale reports whether a staging directory belongs to no live process
// (its pidFile names none).
func stale(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, pidFile))
	if err != nil {
		return true
	}
	var pid int
	if _, err := fmt.Sscan(strings.TrimSpace(string(b)), &pid); err != nil || pid <= 0 {
		return true
	}
	if pid == os.Getpid() {
		return false
	}
	_, err = os.Stat(fmt.Sprintf("/proc/%d", pid))
	return err != nil
}

// swap puts the complete set in tmp in place of dir: on Linux the two
// exchange names in one step (renameat2), elsewhere dir (a previous run
// or empty) moves aside and tmp takes its name; the old set is removed.
func swap(tmp, dir string) error {
	clean := filepath.Clean(dir)
	old := ""
	if _, err := os.Stat(clean); err == nil {
		// One atomic exchange where the system has it: the directory
		// holds the previous set, then the new one, with no moment
		// between (two renames leave a moment with no directory, and the
		// previous set in a staging directory a later run cleans away).
		if exchange(tmp, clean) == nil {
			os.RemoveAll(tmp) // the previous set
			return nil
		}
		old = tmp + ".old"
		if err := os.Rename(clean, old); err != nil {
			return fmt.Errorf("output: replacing %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, clean); err != nil {
		if old != "" {
			os.Rename(old, clean)
		}
		return fmt.Errorf("output: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}
