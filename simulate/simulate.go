package simulate

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/sim"
)

// Rate evaluation modes of Options.Rates (see mech.RateMode).
const (
	// RatesTable interpolates NEURON's rate tables: NEURON's results.
	RatesTable = "table"
	// RatesExact evaluates the rate functions at every step.
	RatesExact = "exact"
	// RatesFast also tabulates the cnexp update factors: about twice as
	// fast, within a fraction of a millivolt of NEURON.
	RatesFast = "fast"
)

// Options are the settings of a run. The zero value of a field selects
// its default.
type Options struct {
	// TStopMs is the simulated time of every trial, ms (required).
	TStopMs float64
	// DtMs is the time step, ms; default 0.025 (HNN-core's).
	DtMs float64
	// Trials is the number of trials; default 1.
	Trials int
	// Threads is the number of threads; default runtime.NumCPU().
	Threads int
	// Rates is RatesTable (default), RatesExact or RatesFast.
	Rates string
	// Record selects the traces to record.
	Record Record
	// Catalogue holds the mechanisms; default builtin.Catalogue().
	Catalogue *mech.Catalogue
	// Comm splits every trial over the ranks of an MPI job (nil: this
	// process alone). Every rank must call Run with the same network and
	// options; trials then run one after another, each split over all
	// ranks and their Threads, and every rank returns the whole result.
	// Recorded traces are gathered from the ranks: every rank ends with
	// all of them.
	Comm dist.Comm
	// Progress, if set, is called from the workers as trials advance
	// (trial, simulated ms so far, TStopMs); it must be safe for
	// concurrent use.
	Progress func(trial int, doneMs, totalMs float64)
}

// Record selects traces to record at the middle (0.5) of sections, as
// HNN-core's record_vsec, record_isec and record_ca: each is "" (none),
// "soma" or "all" (every section).
type Record struct {
	VSec, ISec, Ca string
	// GIDs are the cells to record; nil means every cell (not drives).
	GIDs []int
}

func (r *Record) any() bool { return r.VSec != "" || r.ISec != "" || r.Ca != "" }

// Trial is the outcome of one trial.
type Trial struct {
	// TimesMs are the sample times, 0 to TStopMs in steps of DtMs.
	TimesMs []float64
	// Dipole is the dipole as HNN-core's simulate_dipole returns it
	// (layers "agg" and each population's layer, nAm); for an HNN grid
	// with L2 and L5 layers it is baseline-renormalised first. Nil when no
	// population has a dipole.
	Dipole *dipole.Dipole
	// RawDipole is the dipole as summed, in fAm.
	RawDipole *dipole.Dipole
	// Spikes are every spike of the trial, drive events included, ordered
	// by time then gid.
	Spikes []sim.Spike
	// VSec (mV), ISec (per channel and synapse: nA for point processes,
	// mA/cm² for densities) and Ca (mM) hold the recorded traces, one
	// column per gid and section ("v_GID_SECTION_mV", ...); nil unless
	// recorded.
	VSec, ISec, Ca *record.Trace
}

// Result is the outcome of a run.
type Result struct {
	// Trials, in order.
	Trials []Trial
	// Workers is the number of trials run at a time, ThreadsPerTrial the
	// threads each of them used.
	Workers, ThreadsPerTrial int
	// Wall is the wall-clock time of the run.
	Wall time.Duration
}

// Dipoles returns every trial's dipole (nil entries when the network has
// none).
func (r *Result) Dipoles() []*dipole.Dipole {
	out := make([]*dipole.Dipole, len(r.Trials))
	for i := range r.Trials {
		out[i] = r.Trials[i].Dipole
	}
	return out
}

func (o *Options) defaults() (Options, error) {
	opt := *o
	if opt.DtMs == 0 {
		opt.DtMs = 0.025
	}
	if opt.Trials == 0 {
		opt.Trials = 1
	}
	if opt.Threads == 0 {
		opt.Threads = runtime.NumCPU()
	}
	if opt.Rates == "" {
		opt.Rates = RatesTable
	}
	if opt.Catalogue == nil {
		opt.Catalogue = builtin.Catalogue()
	}
	switch {
	case !(opt.TStopMs > 0) || math.IsInf(opt.TStopMs, 0):
		return opt, fmt.Errorf("simulate: tstop_ms = %g, must be finite and > 0", opt.TStopMs)
	case opt.Trials < 1:
		return opt, fmt.Errorf("simulate: trials = %d, must be >= 1", opt.Trials)
	case opt.Threads < 1:
		return opt, fmt.Errorf("simulate: threads = %d, must be >= 1", opt.Threads)
	}
	if _, err := rateMode(opt.Rates); err != nil {
		return opt, err
	}
	for _, f := range []struct{ name, v string }{{"record vsec", opt.Record.VSec}, {"record isec", opt.Record.ISec}, {"record ca", opt.Record.Ca}} {
		if f.v != "" && f.v != "soma" && f.v != "all" {
			return opt, fmt.Errorf("simulate: %s %q: want \"\", \"soma\" or \"all\"", f.name, f.v)
		}
	}
	return opt, sim.CheckTiming(opt.TStopMs, opt.DtMs)
}

func rateMode(s string) (mech.RateMode, error) {
	switch s {
	case RatesTable:
		return mech.RatesTable, nil
	case RatesExact:
		return mech.RatesExact, nil
	case RatesFast:
		return mech.RatesFast, nil
	}
	return 0, fmt.Errorf("simulate: rates %q: want %s, %s or %s", s, RatesTable, RatesExact, RatesFast)
}

// clone deep-copies a network through its JSON form (descriptions
// round-trip exactly), so that a run never changes the caller's model.
func clone(net *model.Network) (*model.Network, error) {
	b, err := json.Marshal(net)
	if err != nil {
		return nil, err
	}
	var c model.Network
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// Run validates net and simulates opt.Trials trials of it.
func Run(net *model.Network, o Options) (*Result, error) {
	opt, err := o.defaults()
	if err != nil {
		return nil, err
	}
	if mode, _ := rateMode(opt.Rates); mode != mech.RatesTable {
		if net, err = clone(net); err != nil {
			return nil, err
		}
		for i := range net.Populations {
			if c := net.Populations[i].Cell; c != nil {
				c.SetGlobal(opt.Catalogue, "usetable", float64(mode))
			}
		}
	}
	if err := net.Validate(opt.Catalogue); err != nil {
		return nil, err
	}
	if err := checkGIDs(net, opt.Record.GIDs); err != nil {
		return nil, err
	}
	workers := min(opt.Threads, opt.Trials)
	ranks := 1
	if opt.Comm != nil {
		ranks = opt.Comm.Size()
	}
	if ranks > 1 {
		// the ranks' collectives must happen in the same order on all:
		// one trial at a time, in order
		workers = 1
	}
	cfg := sim.Config{DtMs: opt.DtMs, Celsius: net.Celsius, Catalogue: opt.Catalogue, Threads: max(1, opt.Threads/workers), Comm: opt.Comm}
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	start := time.Now()
	res := &Result{Trials: make([]Trial, opt.Trials), Workers: workers, ThreadsPerTrial: cfg.Threads}
	errs := make([]error, opt.Trials)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := sim.NewNetwork(net, cfg)
			var rec *recorder
			if err == nil {
				rec, err = newRecorder(s, net, &opt.Record)
			}
			for trial := range jobs {
				if err != nil {
					errs[trial] = err
					continue
				}
				if opt.Progress != nil {
					s.SetProgress(func(done, total float64) { opt.Progress(trial, done, total) })
				}
				if err := s.RunTrial(trial, opt.TStopMs); err != nil {
					errs[trial] = fmt.Errorf("trial %d: %w", trial, err)
					continue
				}
				errs[trial] = collect(&res.Trials[trial], s, net, rec, opt.Comm)
			}
		}()
	}
	for trial := 0; trial < opt.Trials; trial++ {
		jobs <- trial
	}
	close(jobs)
	wg.Wait()
	res.Wall = time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return res, nil
}

// collect copies the results of the trial just run.
func collect(t *Trial, s *sim.Sim, net *model.Network, rec *recorder, comm dist.Comm) error {
	t.TimesMs = s.Times()
	t.Spikes = append([]sim.Spike(nil), s.Spikes()...)
	sort.SliceStable(t.Spikes, func(i, j int) bool {
		if t.Spikes[i].TimeMs != t.Spikes[j].TimeMs {
			return t.Spikes[i].TimeMs < t.Spikes[j].TimeMs
		}
		return t.Spikes[i].GID < t.Spikes[j].GID
	})
	if err := rec.collect(t, s, comm); err != nil {
		return err
	}
	layers := s.DipoleLayers()
	if len(layers) == 0 {
		return nil
	}
	data := map[string][]float64{dipole.LayerAgg: make([]float64, len(t.TimesMs))}
	for _, l := range layers {
		d, _ := s.Dipole(l)
		data[l] = append([]float64(nil), d...)
		for i, v := range d {
			data[dipole.LayerAgg][i] += v
		}
	}
	raw, err := dipole.New(t.TimesMs, append([]string{dipole.LayerAgg}, layers...), data, dipole.UnitFAm)
	if err != nil {
		return err
	}
	d := raw.Copy()
	if net.MeshShape[0] > 0 && slices.Contains(layers, "L2") && slices.Contains(layers, "L5") {
		if err := d.BaselineRenormalize(net.MeshShape[0], net.MeshShape[1]); err != nil {
			return err
		}
	}
	if err := d.ToNAm(); err != nil {
		return err
	}
	t.RawDipole, t.Dipole = raw, d
	return nil
}
