package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/batch"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

// batchMeta is the "meta" object of a batch grid file: what the
// parameters apply to and what is summarised.
type batchMeta struct {
	// Model is the base model: an example name, {"file": PATH} (relative
	// to the grid file), or a Lamina model object.
	Model json.RawMessage `json:"model"`
	// Set maps a parameter name to the model paths it sets (model.Network.
	// Set); a parameter not named here is itself a path.
	Set     map[string][]string `json:"set,omitempty"`
	TStopMs float64             `json:"tstop_ms"`
	DtMs    float64             `json:"dt_ms,omitempty"`
	Trials  int                 `json:"trials,omitempty"`
	// SmoothMs and Scale post-process each dipole before summaries.
	SmoothMs float64 `json:"smooth_ms,omitempty"`
	Scale    float64 `json:"scale,omitempty"`
	// Summary lists the summary values: dipole_min, dipole_max (agg, or
	// dipole_min:LAYER), rate:TYPE (Hz), spikes:TYPE (per trial),
	// band_power:LO-HI (Hz, Welch PSD of agg).
	Summary []string `json:"summary"`
	// SaveDipoles writes each run's trial-mean dipole to runs/NNNN/dipole.csv.
	SaveDipoles bool `json:"save_dipoles,omitempty"`
}

type batchFlags struct {
	example string
	jobs    int
	threads int
	out     string
	plot    bool
	quiet   bool
}

func newBatchCmd() *cobra.Command {
	var f batchFlags
	cmd := &cobra.Command{
		Use:   "batch [GRID.json|GRID.yaml] --out DIR",
		Short: "Simulate a model over a parameter grid, in parallel, resumable (HNN-core's BatchSimulate)",
		Long: `Run one simulation per point of a parameter grid and write DIR/summary.csv (one row per
run: run, the parameter values, the summary values, error), DIR/runs.jsonl (the journal),
DIR/grid.json and, if asked, DIR/runs/NNNN/dipole.csv. Results are written as runs finish;
rerunning the same command after a crash or Ctrl-C skips the runs already done.

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
			return runBatch(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.example, "example", "", "built-in batch: evoked-weights")
	fl.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "runs at a time")
	fl.IntVar(&f.threads, "threads", runtime.NumCPU(), "threads in all, shared by the jobs")
	fl.StringVar(&f.out, "out", "", "output directory (a rerun into it resumes)")
	fl.BoolVar(&f.plot, "plot", false, "draw batch_dipoles.png and batch_summary.png")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress report")
	cmd.MarkFlagRequired("out")
	return cmd
}

// evokedWeightsGrid is HNN-core's plot_batch_simulate.py: the 3×3 column
// with a proximal evoked drive (mu 40 ms, sigma 5 ms) whose AMPA weights
// onto the basket and pyramidal cells follow logspace(-4, -1, 20), zipped;
// summaries: min and max of the 30 ms-smoothed aggregate dipole.
func evokedWeightsGrid() (*batch.Grid, error) {
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
	meta, err := json.Marshal(batchMeta{
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

// batchSetup is a grid made ready to run: its base model and settings.
type batchSetup struct {
	grid *batch.Grid
	meta batchMeta
	base *model.Network
}

func loadBatch(args []string, example string) (*batchSetup, error) {
	var (
		g   *batch.Grid
		err error
		dir = "."
	)
	switch {
	case example != "" && len(args) > 0:
		return nil, errors.New("give either a grid file or --example, not both")
	case example == "evoked-weights":
		g, err = evokedWeightsGrid()
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
	bs := &batchSetup{grid: g}
	if len(g.Meta) == 0 {
		return nil, errors.New(`grid: no "meta" (the model, tstop_ms and summary)`)
	}
	dec := json.NewDecoder(strings.NewReader(string(g.Meta)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&bs.meta); err != nil {
		return nil, fmt.Errorf("grid meta: %w", err)
	}
	m := &bs.meta
	switch {
	case !(m.TStopMs > 0) || math.IsInf(m.TStopMs, 0):
		return nil, fmt.Errorf("grid meta: tstop_ms = %g, must be > 0", m.TStopMs)
	case m.Trials < 0:
		return nil, fmt.Errorf("grid meta: trials = %d, must be >= 1", m.Trials)
	case m.SmoothMs != 0 && !(m.SmoothMs >= 1):
		return nil, fmt.Errorf("grid meta: smooth_ms = %g, must be 0 or >= 1", m.SmoothMs)
	case len(m.Summary) == 0:
		return nil, errors.New("grid meta: summary is empty (e.g. [\"dipole_min\", \"dipole_max\"])")
	}
	if m.Trials == 0 {
		m.Trials = 1
	}
	if m.DtMs == 0 {
		m.DtMs = 0.025
	}
	if m.Scale == 0 {
		m.Scale = 1
	}
	if bs.base, err = batchModel(m.Model, dir); err != nil {
		return nil, err
	}
	if err := bs.base.Validate(builtin.Catalogue()); err != nil {
		return nil, fmt.Errorf("grid meta: model: %w", err)
	}
	for _, s := range m.Summary {
		if err := checkSummary(s, bs.base); err != nil {
			return nil, err
		}
	}
	// every parameter must set something that exists, with its first value
	first := g.Runs()[0]
	if err := g.CheckNames(func(name string) error {
		v, _ := first.Value(name)
		_, err := bs.apply(bs.base, []batch.Param{{Name: name, Value: v}})
		return err
	}); err != nil {
		return nil, err
	}
	return bs, nil
}

// batchModel reads the meta's model: an example name, {"file": PATH} or a
// model object.
func batchModel(raw json.RawMessage, dir string) (*model.Network, error) {
	var name string
	if json.Unmarshal(raw, &name) == nil {
		net, _, err := buildExample(name, &simFlags{})
		if err != nil {
			return nil, fmt.Errorf("grid meta: model %q: %w", name, err)
		}
		return net, nil
	}
	var file struct {
		File string `json:"file"`
	}
	if json.Unmarshal(raw, &file) == nil && file.File != "" {
		p := file.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		mf, err := readModelFile(p, false)
		if err != nil {
			return nil, fmt.Errorf("grid meta: model: %w", err)
		}
		return mf.net, nil
	}
	var net model.Network
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&net); err != nil {
		return nil, fmt.Errorf("grid meta: model: want an example name, {\"file\": PATH} or a Lamina model: %w", err)
	}
	return &net, nil
}

// apply returns a copy of base with the run's parameters set.
func (bs *batchSetup) apply(base *model.Network, params []batch.Param) (*model.Network, error) {
	net := base.Copy()
	for _, p := range params {
		var v any
		if f, ok := p.Value.Float(); ok {
			v = f
		} else if s, ok := p.Value.Text(); ok {
			v = s
		} else if b, ok := p.Value.Bool(); ok {
			v = b
		}
		paths, ok := bs.meta.Set[p.Name]
		if !ok {
			paths = []string{p.Name}
		}
		for _, path := range paths {
			if err := net.Set(path, v); err != nil {
				return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
			}
		}
	}
	return net, nil
}

func checkSummary(s string, net *model.Network) error {
	kind, arg, _ := strings.Cut(s, ":")
	switch kind {
	case "dipole_min", "dipole_max":
		if arg != "" && !slices.ContainsFunc(net.Populations, func(p model.Population) bool { return p.Dipole != nil && p.Dipole.Layer == arg }) {
			return fmt.Errorf("summary %q: no dipole layer %q", s, arg)
		}
		return nil
	case "rate", "spikes":
		if _, ok := net.RangeOf(arg); !ok {
			return fmt.Errorf("summary %q: no population or drive %q", s, arg)
		}
		if r, _ := net.RangeOf(arg); kind == "rate" && r.Drive {
			return fmt.Errorf("summary %q: rates are of cell populations, %q is a drive (use spikes:%s)", s, arg, arg)
		}
		return nil
	case "band_power":
		lo, hi, err := parseBand(arg)
		if err != nil || !(hi > lo) || lo < 0 {
			return fmt.Errorf("summary %q: want band_power:LO-HI in Hz, LO < HI", s)
		}
		return nil
	}
	return fmt.Errorf("summary %q: unknown (want dipole_min[:LAYER], dipole_max[:LAYER], rate:TYPE, spikes:TYPE, band_power:LO-HI)", s)
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

// runOne simulates one point of the grid and computes its summary.
func (bs *batchSetup) runOne(ctx context.Context, run batch.Run, threads int) (batch.Summary, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	net, err := bs.apply(bs.base, run.Params)
	if err != nil {
		return nil, err
	}
	m := &bs.meta
	res, err := simulate.Run(net, simulate.Options{TStopMs: m.TStopMs, DtMs: m.DtMs, Trials: m.Trials, Threads: threads})
	if err != nil {
		return nil, err
	}
	var dpls []*dipole.Dipole
	for _, d := range res.Dipoles() {
		if d == nil {
			continue
		}
		d = d.Copy()
		if m.SmoothMs > 0 {
			if err := d.Smooth(m.SmoothMs); err != nil {
				return nil, err
			}
		}
		d.Scale(m.Scale)
		dpls = append(dpls, d)
	}
	var mean *dipole.Dipole
	if len(dpls) > 0 {
		if mean, err = dipole.Average(dpls); err != nil {
			return nil, err
		}
	}
	st := res.SpikeTable(net)
	counts := st.Count()
	var sum batch.Summary
	for _, s := range m.Summary {
		kind, arg, _ := strings.Cut(s, ":")
		switch kind {
		case "dipole_min", "dipole_max":
			if mean == nil {
				return nil, fmt.Errorf("summary %s: the model has no dipole", s)
			}
			layer := arg
			if layer == "" {
				layer = dipole.LayerAgg
			}
			f := slices.Min[[]float64]
			if kind == "dipole_max" {
				f = slices.Max[[]float64]
			}
			sum.Add(s, f(mean.Data[layer]))
		case "spikes":
			sum.Add(s, float64(counts[arg])/float64(len(res.Trials)))
		case "rate":
			rates, err := res.MeanRates(net, 0, m.TStopMs, analysis.RatesAll)
			if err != nil {
				return nil, err
			}
			for _, r := range rates {
				if r.Name == arg {
					sum.Add(s, r.All)
				}
			}
		case "band_power":
			lo, hi, _ := parseBand(arg)
			p := 0.0
			for _, d := range dpls {
				fs := d.SampleRateHz()
				n := len(d.TimesMs)
				freqs, psd, err := analysis.Welch(d.Data[dipole.LayerAgg], fs, min(n, int(math.Round(fs*0.5))), -1, "hamming")
				if err != nil {
					return nil, err
				}
				p += analysis.BandPower(freqs, psd, lo, hi) / float64(len(dpls))
			}
			sum.Add(s, p)
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
	return sum, nil
}

func runBatch(cmd *cobra.Command, args []string, f *batchFlags) error {
	if f.jobs < 1 || f.threads < 1 {
		return fmt.Errorf("--jobs %d, --threads %d: both must be >= 1", f.jobs, f.threads)
	}
	bs, err := loadBatch(args, f.example)
	if err != nil {
		return err
	}
	jobs := min(f.jobs, bs.grid.Len())
	perJob := max(1, f.threads/jobs)
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	w := cmd.ErrOrStderr()
	if f.quiet {
		w = io.Discard
	}
	fmt.Fprintf(w, "batch %s: %d runs of %g ms, %d at a time, %d thread(s) each\n", bs.base.Name, bs.grid.Len(), bs.meta.TStopMs, jobs, perJob)
	bar := newCountBar(cmd.ErrOrStderr(), f.quiet, bs.grid.Len())
	start := time.Now()
	err = batch.Sweep(ctx, bs.grid, batch.Options{Jobs: jobs, OutDir: f.out,
		Progress: func(done, total int, _ time.Duration) { bar.set(done) },
	}, func(ctx context.Context, run batch.Run) (batch.Summary, error) {
		return bs.runOne(ctx, run, perJob)
	})
	bar.finish()
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%d runs in %.1f s; wrote %s\n", bs.grid.Len(), time.Since(start).Seconds(), filepath.Join(f.out, batch.SummaryFile))
	if f.plot {
		files, err := batchFigures(f.out, bs)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s in %s\n", strings.Join(files, ", "), f.out)
	}
	return nil
}

// batchFigures draws the saved dipoles of every run coloured by the first
// parameter, and every summary value against it.
func batchFigures(dir string, bs *batchSetup) ([]string, error) {
	recs, err := batch.ReadResults(dir)
	if err != nil {
		return nil, err
	}
	param := bs.grid.Axes[0].Name
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
		for _, s := range bs.meta.Summary {
			x, _ := r.Summary.Value(s)
			series[s] = append(series[s], x)
		}
		if bs.meta.SaveDipoles {
			path := filepath.Join(batch.RunDir(dir, bs.grid.Len(), r.Run), "dipole.csv")
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
			fmt.Sprintf("%s: aggregate dipole of %d runs", bs.base.Name, len(ys)))
		if err != nil {
			return nil, err
		}
		if err := plot.SaveFigure(fig, filepath.Join(dir, "batch_dipoles.png"), 720, 400); err != nil {
			return nil, err
		}
		written = append(written, "batch_dipoles.png")
	}
	p, err := plot.Curves(xs, series, bs.meta.Summary, logX, param, "summary value", bs.base.Name+": summaries across runs")
	if err != nil {
		return nil, err
	}
	if err := plot.Save(p, filepath.Join(dir, "batch_summary.png"), 720, 400); err != nil {
		return nil, err
	}
	return append(written, "batch_summary.png"), nil
}

func jsonUnmarshalMeta(raw json.RawMessage, m *batchMeta) error { return json.Unmarshal(raw, m) }
