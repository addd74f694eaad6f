// Package sweep runs a batch grid (package batch) of simulations: the
// grid's meta says the base model (an example, a file, or a model
// inline, of any kind: cable, point or mixed), the run settings and the
// summaries; each point of the grid is the base run spec with the grid's
// parameters set by path (spec.Run.Set), simulated by simulate.Run and
// summarised. The command line's batch and the GUI call it; batch.Sweep
// does the scheduling, journal and resume.
package sweep

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/batch"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/modelfile"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// Meta is the "meta" object of a batch grid file: what the parameters
// apply to and what is summarised.
type Meta struct {
	// Model is the base model: an example name, {"file": PATH} (relative
	// to the grid file), or a model object (a run spec, a Lamina network,
	// a point network, an HNN-core network configuration).
	Model json.RawMessage `json:"model"`
	// Set maps a parameter name to the model paths it sets
	// (spec.Run.Set); a parameter not named here is itself a path.
	Set map[string][]string `json:"set,omitempty"`
	// TStopMs, DtMs, Trials, Rates, Scheme and Seed override the base
	// run's (0 or empty: the base's; the base must have a run length).
	TStopMs float64 `json:"tstop_ms,omitempty"`
	DtMs    float64 `json:"dt_ms,omitempty"`
	Trials  int     `json:"trials,omitempty"`
	Rates   string  `json:"rates,omitempty"`
	Scheme  string  `json:"scheme,omitempty"`
	Seed    uint64  `json:"seed,omitempty"`
	// SmoothMs and Scale post-process each dipole before summaries.
	SmoothMs float64 `json:"smooth_ms,omitempty"`
	Scale    float64 `json:"scale,omitempty"`
	// Summary lists the summary values: dipole_min, dipole_max (agg, or
	// dipole_min:LAYER), rate:POPULATION (Hz), spikes:NAME (per trial),
	// band_power:LO-HI (Hz, Welch PSD of agg).
	Summary []string `json:"summary"`
	// SaveDipoles writes each run's trial-mean dipole to
	// runs/NNNN/dipole.csv.
	SaveDipoles bool `json:"save_dipoles,omitempty"`
	// SaveRuns writes each run's whole outputs (package output) to
	// runs/NNNN/run/.
	SaveRuns bool `json:"save_runs,omitempty"`
	// BaseSHA256 is the SHA-256 of the base run (spec.Run.Write of
	// Setup.Base). Load records it in the grid's meta, so that a batch
	// directory's grid.json names the model its runs used and a resume
	// with a changed model (an edited model file) is refused; a grid
	// that gives it must match.
	BaseSHA256 string `json:"base_sha256,omitempty"`
}

// Setup is a grid made ready to run: its base run and settings.
type Setup struct {
	Grid *batch.Grid
	Meta Meta
	// Base is the base run, with the meta's settings applied.
	Base *spec.Run
	// MaxMemoryBytes is the memory limit of each run (simulate.Env's
	// MaxMemoryBytes: 0, the memory available; < 0, none).
	MaxMemoryBytes int64
}

// Name names the batch after its base model.
func (s *Setup) Name() string { return s.Base.ModelName() }

// Load makes a grid ready: it reads the meta, builds the base run from
// the model (relative files from dir), checks the summaries and that
// every parameter sets something that exists.
func Load(g *batch.Grid, dir string) (*Setup, error) {
	s := &Setup{Grid: g}
	if len(g.Meta) == 0 {
		return nil, errors.New(`grid: no "meta" (the model, tstop_ms and summary)`)
	}
	dec := json.NewDecoder(strings.NewReader(string(g.Meta)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s.Meta); err != nil {
		return nil, fmt.Errorf("grid meta: %w", err)
	}
	m := &s.Meta
	switch {
	case !(m.TStopMs >= 0) || math.IsInf(m.TStopMs, 0):
		return nil, fmt.Errorf("grid meta: tstop_ms = %g, must be > 0", m.TStopMs)
	case m.Trials < 0:
		return nil, fmt.Errorf("grid meta: trials = %d, must be >= 1", m.Trials)
	case m.SmoothMs != 0 && !(m.SmoothMs >= 1):
		return nil, fmt.Errorf("grid meta: smooth_ms = %g, must be 0 or >= 1", m.SmoothMs)
	case len(m.Summary) == 0:
		return nil, errors.New("grid meta: summary is empty (e.g. [\"dipole_min\", \"dipole_max\"])")
	}
	base, err := baseRun(m.Model, dir)
	if err != nil {
		return nil, err
	}
	for _, o := range []struct {
		set bool
		do  func()
	}{
		{m.TStopMs != 0, func() { base.TStopMs = m.TStopMs }},
		{m.DtMs != 0, func() { base.DtMs = m.DtMs }},
		{m.Trials != 0, func() { base.Trials = m.Trials }},
		{m.Rates != "", func() { base.Rates = m.Rates }},
		{m.Scheme != "", func() { base.Scheme = point.Scheme(m.Scheme) }},
		{m.Seed != 0, func() { base.Seed = m.Seed }},
		{m.SmoothMs != 0, func() { base.Output.SmoothMs = m.SmoothMs }},
		{m.Scale != 0, func() { base.Output.Scale = m.Scale }},
	} {
		if o.set {
			o.do()
		}
	}
	if base.TStopMs == 0 {
		return nil, errors.New("grid meta: the model has no run length: give tstop_ms")
	}
	run := base.WithDefaults()
	s.Base = &run
	if err := s.Base.Validate(nil); err != nil {
		return nil, fmt.Errorf("grid meta: model: %w", err)
	}
	sum, err := BaseHash(s.Base)
	if err != nil {
		return nil, err
	}
	switch m.BaseSHA256 {
	case sum:
	case "":
		m.BaseSHA256 = sum
		// the key goes last, the meta's text kept as written
		meta := bytes.TrimSuffix(bytes.TrimSpace(g.Meta), []byte("}"))
		g.Meta = fmt.Appendf(bytes.Clone(meta), ",\n  \"base_sha256\": %q\n}", sum)
	default:
		return nil, fmt.Errorf("grid meta: base_sha256 = %s, but the base model's is %s: the model changed since the grid was recorded", m.BaseSHA256, sum)
	}
	for _, sum := range m.Summary {
		if err := checkSummary(sum, s.Base); err != nil {
			return nil, err
		}
	}
	// every parameter must set something that exists, with its first value
	first := g.Runs()[0]
	if err := g.CheckNames(func(name string) error {
		v, _ := first.Value(name)
		_, err := s.Apply([]batch.Param{{Name: name, Value: v}})
		return err
	}); err != nil {
		return nil, err
	}
	return s, nil
}

// baseRun reads the model reference (modelfile.Reference).
func baseRun(raw json.RawMessage, dir string) (*spec.Run, error) {
	return modelfile.Reference(raw, dir, "grid meta", "meta.model")
}

// Apply returns a copy of the base run with the parameters set.
func (s *Setup) Apply(params []batch.Param) (*spec.Run, error) {
	r, err := s.Base.Clone()
	if err != nil {
		return nil, err
	}
	for _, p := range params {
		var v any
		if f, ok := p.Value.Float(); ok {
			v = f
		} else if t, ok := p.Value.Text(); ok {
			v = t
		} else if b, ok := p.Value.Bool(); ok {
			v = b
		}
		paths, ok := s.Meta.Set[p.Name]
		if !ok {
			paths = []string{p.Name}
		}
		for _, path := range paths {
			if err := r.Set(path, v); err != nil {
				return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
			}
		}
	}
	return r, nil
}

func checkSummary(s string, r *spec.Run) error {
	kind, arg, _ := strings.Cut(s, ":")
	ranges := r.Ranges()
	switch kind {
	case "dipole_min", "dipole_max":
		if r.Network == nil {
			return fmt.Errorf("summary %q: a point network has no dipole", s)
		}
		if arg != "" && !slices.ContainsFunc(r.Network.Populations, func(p model.Population) bool { return p.Dipole != nil && p.Dipole.Layer == arg }) {
			return fmt.Errorf("summary %q: no dipole layer %q", s, arg)
		}
		return nil
	case "rate", "spikes":
		rg, ok := ranges.Named(arg)
		if !ok {
			return fmt.Errorf("summary %q: no population or drive %q", s, arg)
		}
		if kind == "rate" && rg.Source() {
			return fmt.Errorf("summary %q: rates are of neuron populations, %q is a %s (use spikes:%s)", s, arg, rg.Kind, arg)
		}
		return nil
	case "band_power":
		if r.Network == nil {
			return fmt.Errorf("summary %q: a point network has no dipole", s)
		}
		lo, hi, err := parseBand(arg)
		if err != nil || !(hi > lo) || lo < 0 || math.IsInf(hi, 0) {
			return fmt.Errorf("summary %q: want band_power:LO-HI in Hz, LO < HI", s)
		}
		if r.DtMs > 0 {
			return checkBand(s, lo, hi, int(math.Round(r.TStopMs/r.DtMs))+1, 1000/r.DtMs)
		}
		return nil
	}
	return fmt.Errorf("summary %q: unknown (want dipole_min[:LAYER], dipole_max[:LAYER], rate:POPULATION, spikes:NAME, band_power:LO-HI)", s)
}

// welchWindowS is the longest Welch segment of band_power, s: segments
// of min(run, 0.5 s) resolve the PSD to max(1/run, 2 Hz).
const welchWindowS = 0.5

// welchBins returns how many frequencies of band_power's Welch PSD of n
// samples at fsHz lie in [lo, hi] Hz.
func welchBins(n int, fsHz, lo, hi float64) int {
	nperseg := min(n, int(math.Round(fsHz*welchWindowS)))
	if nperseg < 2 {
		return 0
	}
	df := fsHz / float64(nperseg)
	k0 := math.Ceil(lo / df)
	k1 := math.Min(math.Floor(hi/df), float64(nperseg/2)) // one-sided: up to Nyquist
	if k1 < k0 {
		return 0
	}
	return int(k1-k0) + 1
}

// checkBand reports whether a dipole of n samples at fsHz resolves the
// band of summary sum: its band power integrates the PSD over the band,
// which needs two PSD frequencies in it (with one or none it is 0 whatever
// the signal). The error names the shortest run that works.
func checkBand(sum string, lo, hi float64, n int, fsHz float64) error {
	if welchBins(n, fsHz, lo, hi) >= 2 {
		return nil
	}
	dt := 1000 / fsHz
	runMs := float64(n-1) * dt
	// Whole milliseconds up to the longest segment: beyond it the
	// resolution no longer improves.
	for ms := 1.0; ms <= welchWindowS*1000; ms++ {
		if welchBins(int(math.Round(ms/dt))+1, fsHz, lo, hi) >= 2 {
			return fmt.Errorf("summary %q: a run of %g ms resolves the PSD to %.4g Hz, too coarse for the band %g-%g Hz (fewer than two PSD frequencies in it, so its power would read 0); the shortest run that resolves it is %g ms (tstop_ms)", sum, runMs, fsHz/float64(max(min(n, int(math.Round(fsHz*welchWindowS))), 1)), lo, hi, ms)
		}
	}
	return fmt.Errorf("summary %q: the band %g-%g Hz holds fewer than two PSD frequencies at any run length (Welch segments of %g ms resolve %g Hz; the Nyquist frequency is %g Hz): widen it", sum, lo, hi, welchWindowS*1000, 1/welchWindowS, fsHz/2)
}

func parseBand(arg string) (lo, hi float64, err error) {
	a, b, ok := strings.Cut(arg, "-")
	if !ok {
		return 0, 0, errors.New("no '-'")
	}
	if lo, err = strconv.ParseFloat(a, 64); err != nil {
		return 0, 0, err
	}
	hi, err = strconv.ParseFloat(b, 64)
	return lo, hi, err
}

// BaseHash returns the hex SHA-256 of a base run's JSON (spec.Run.Write).
func BaseHash(r *spec.Run) (string, error) {
	h := sha256.New()
	if err := r.Write(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CheckResume reports whether the batch directory dir, if it holds a
// batch already (grid.json), began with the same base run: a model file
// edited since would make the finished runs and the ones left disagree.
func (s *Setup) CheckResume(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, batch.GridFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	var old struct {
		Meta struct {
			BaseSHA256 string `json:"base_sha256"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(data, &old); err != nil {
		return fmt.Errorf("batch: %s is damaged: %w", filepath.Join(dir, batch.GridFile), err)
	}
	if old.Meta.BaseSHA256 != s.Meta.BaseSHA256 {
		was := old.Meta.BaseSHA256
		if was == "" {
			was = "not recorded"
		}
		return fmt.Errorf("batch: the base model changed since the batch in %s began (its base run's SHA-256 is %s now, %s in %s): "+
			"the runs left would use another model than the runs done; use another output directory, or the model the batch began with",
			dir, s.Meta.BaseSHA256, was, filepath.Join(dir, batch.GridFile))
	}
	return nil
}

// RunOne simulates one point of the grid with threads threads and
// computes its summary; it writes the run's files into its directory as
// the meta asks.
func (s *Setup) RunOne(ctx context.Context, run batch.Run, threads int) (batch.Summary, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, err := s.Apply(run.Params)
	if err != nil {
		return nil, err
	}
	res, err := simulate.Run(ctx, r, simulate.Env{Threads: threads, MaxMemoryBytes: s.MaxMemoryBytes})
	if err != nil {
		return nil, err
	}
	m := &s.Meta
	var dpls []*dipole.Dipole
	for _, d := range res.Dipoles() {
		if d == nil {
			continue
		}
		d = d.Copy()
		if o := res.Spec.Output; o.SmoothMs > 0 {
			if err := d.Smooth(o.SmoothMs); err != nil {
				return nil, err
			}
		}
		d.Scale(res.Spec.Output.ScaleOrOne())
		dpls = append(dpls, d)
	}
	var mean *dipole.Dipole
	if len(dpls) > 0 {
		if mean, err = dipole.Average(dpls); err != nil {
			return nil, err
		}
	}
	counts := res.SpikeTable().Count()
	var sum batch.Summary
	for _, sm := range m.Summary {
		kind, arg, _ := strings.Cut(sm, ":")
		switch kind {
		case "dipole_min", "dipole_max":
			layer := arg
			if layer == "" {
				layer = dipole.LayerAgg
			}
			f := slices.Min[[]float64]
			if kind == "dipole_max" {
				f = slices.Max[[]float64]
			}
			sum.Add(sm, f(mean.Data[layer]))
		case "spikes":
			sum.Add(sm, float64(counts[arg])/float64(len(res.Trials)))
		case "rate":
			rates, err := res.MeanRates(0, res.Spec.TStopMs, analysis.RatesAll)
			if err != nil {
				return nil, err
			}
			for _, rt := range rates {
				if rt.Name == arg {
					sum.Add(sm, rt.All)
				}
			}
		case "band_power":
			lo, hi, _ := parseBand(arg)
			p := 0.0
			for _, d := range dpls {
				fs := d.SampleRateHz()
				n := len(d.TimesMs)
				if err := checkBand(sm, lo, hi, n, fs); err != nil {
					return nil, err // a parameter changed the run length
				}
				freqs, psd, err := analysis.Welch(d.Data[dipole.LayerAgg], fs, min(n, int(math.Round(fs*0.5))), -1, "hamming")
				if err != nil {
					return nil, err
				}
				p += analysis.BandPower(freqs, psd, lo, hi) / float64(len(dpls))
			}
			sum.Add(sm, p)
		}
	}
	if m.SaveDipoles && mean != nil {
		cols := []csvfile.Column{{Name: "time_ms", F: mean.TimesMs}}
		for _, l := range mean.Layers {
			cols = append(cols, csvfile.Column{Name: l + "_" + mean.Unit, F: mean.Data[l]})
		}
		dir, err := run.Dir()
		if err != nil {
			return nil, err
		}
		if err := csvfile.WriteTable(filepath.Join(dir, "dipole.csv"), cols...); err != nil {
			return nil, err
		}
	}
	if m.SaveRuns {
		dir, err := run.Dir()
		if err != nil {
			return nil, err
		}
		if _, err := output.Write(filepath.Join(dir, "run"), res); err != nil {
			return nil, err
		}
	}
	return sum, nil
}

// EvokedWeights is HNN-core's plot_batch_simulate.py: the 3×3 column
// with a proximal evoked drive (mu 40 ms, sigma 5 ms) whose AMPA weights
// onto the basket and pyramidal cells follow logspace(-4, -1, 20), zipped;
// summaries: min and max of the 30 ms-smoothed aggregate dipole.
func EvokedWeights() (*batch.Grid, error) {
	net := hnn.Jones2009(3, 3)
	net.Name = "evoked-weights"
	d := drive.NewEvoked("evprox", "proximal", 40, 5, 1)
	d.WeightsAMPA = map[string]float64{hnn.L2Basket: 1e-4, hnn.L2Pyramidal: 1e-4, hnn.L5Basket: 1e-4, hnn.L5Pyramidal: 1e-4}
	d.SynapticDelays = map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Basket: 1, hnn.L5Pyramidal: 1}
	if err := net.AddDrive(d); err != nil {
		return nil, err
	}
	model, err := json.Marshal(net)
	if err != nil {
		return nil, err
	}
	w := "drives.evprox.weights_ampa_uS."
	meta, err := json.Marshal(Meta{
		Model: model,
		Set: map[string][]string{
			"weight_basket": {w + hnn.L2Basket, w + hnn.L5Basket},
			"weight_pyr":    {w + hnn.L2Pyramidal, w + hnn.L5Pyramidal},
		},
		TStopMs: 170, Trials: 1, SmoothMs: 30,
		Summary: []string{"dipole_min", "dipole_max"}, SaveDipoles: true,
	})
	if err != nil {
		return nil, err
	}
	ws := batch.Floats(batch.Logspace(-4, -1, 20)...)
	return &batch.Grid{Axes: []batch.Axis{{Name: "weight_basket", Values: ws}, {Name: "weight_pyr", Values: ws}},
		Combinations: false, Meta: meta}, nil
}

// Figures draws the saved dipoles of every run coloured by the first
// parameter, and every summary value against it.
func (s *Setup) Figures(dir string) ([]string, error) {
	recs, err := batch.ReadResults(dir)
	if err != nil {
		return nil, err
	}
	param := s.Grid.Axes[0].Name
	var xs, values []float64
	series := map[string][]float64{}
	var ts, ys [][]float64
	for _, r := range recs {
		if r.Failed() {
			continue
		}
		v, ok := r.Params[0].Value.Float()
		if !ok {
			return nil, fmt.Errorf("figures: parameter %s is not a number", param)
		}
		xs = append(xs, v)
		for _, sm := range s.Meta.Summary {
			x, _ := r.Summary.Value(sm)
			series[sm] = append(series[sm], x)
		}
		if s.Meta.SaveDipoles {
			path := filepath.Join(batch.RunDir(dir, s.Grid.Len(), r.Run), "dipole.csv")
			cols, err := csvfile.ReadTable(path, map[string]byte{"time_ms": 'f', "agg_nAm": 'f'})
			if err != nil {
				return nil, err
			}
			ts, ys = append(ts, cols["time_ms"].F), append(ys, cols["agg_nAm"].F)
			values = append(values, v)
		}
	}
	if len(xs) == 0 {
		return nil, errors.New("figures: no successful runs")
	}
	logX := slices.Min(xs) > 0 && slices.Max(xs)/slices.Min(xs) >= 10
	var written []string
	if len(ys) > 0 {
		fig, err := plot.Overlay(ts, ys, values, logX, param, "time (ms)", "dipole (nAm)",
			fmt.Sprintf("%s: aggregate dipole of %d runs", s.Name(), len(ys)))
		if err != nil {
			return nil, err
		}
		if err := plot.SaveFigure(fig, filepath.Join(dir, "batch_dipoles.png"), 720, 400); err != nil {
			return nil, err
		}
		written = append(written, "batch_dipoles.png")
	}
	p, err := plot.Curves(xs, series, s.Meta.Summary, logX, s.paramLabel(param), summaryLabel(s.Meta.Summary), s.Name()+": summaries across runs")
	if err != nil {
		return nil, err
	}
	if err := plot.Save(p, filepath.Join(dir, "batch_summary.png"), 720, 400); err != nil {
		return nil, err
	}
	return append(written, "batch_summary.png"), nil
}

// paramLabel names a parameter's axis with its unit, read from the suffix
// of the fields it sets ("weights_ampa_uS" is in µS) when they agree.
func (s *Setup) paramLabel(param string) string {
	paths, ok := s.Meta.Set[param]
	if !ok {
		paths = []string{param}
	}
	unit := ""
	for i, path := range paths {
		u := ""
		for _, part := range strings.Split(path, ".") {
			if k := strings.LastIndex(part, "_"); k >= 0 {
				if v, ok := unitSuffixes[part[k+1:]]; ok {
					u = v
				}
			}
		}
		if i > 0 && u != unit {
			return param
		}
		unit = u
	}
	if unit == "" {
		return param
	}
	return param + " (" + unit + ")"
}

// unitSuffixes maps the unit suffixes of model fields to units.
var unitSuffixes = map[string]string{"uS": "µS", "nS": "nS", "ms": "ms", "Hz": "Hz", "hz": "Hz", "nA": "nA", "pA": "pA", "mV": "mV", "um": "µm"}

// summaryLabel names the summaries' axis: what they are and their units.
func summaryLabel(summary []string) string {
	var units []string
	allPeaks := true
	for _, sm := range summary {
		kind, _, _ := strings.Cut(sm, ":")
		u := map[string]string{"dipole_min": "nAm", "dipole_max": "nAm", "rate": "Hz", "spikes": "spikes per trial", "band_power": "nAm²"}[kind]
		if kind != "dipole_min" && kind != "dipole_max" {
			allPeaks = false
		}
		if u != "" && !slices.Contains(units, u) {
			units = append(units, u)
		}
	}
	if allPeaks {
		return "dipole peak (nAm)"
	}
	if len(units) == 0 {
		return "summary value"
	}
	return "summary value (" + strings.Join(units, ", ") + ")"
}

// Spread returns the batch.Spread that shares a sweep among the ranks of
// comm (an MPI job), or nil for one process.
func Spread(comm simulate.Comm) *batch.Spread {
	if comm == nil || comm.Size() == 1 {
		return nil
	}
	return &batch.Spread{Rank: comm.Rank(), Size: comm.Size(), Exchange: func(mine []string) ([][]string, error) {
		return dist.AllgatherStrings(comm, mine)
	}}
}
