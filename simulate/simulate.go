package simulate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/internal/pointsim"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/spec"
)

// Rate evaluation modes of Options.Rates (see mech.RateMode).
const (
	// RatesTable interpolates NEURON's rate tables: NEURON's results.
	RatesTable = mech.RateNameTable
	// RatesExact evaluates the rate functions at every step.
	RatesExact = mech.RateNameExact
	// RatesFast also tabulates the cnexp update factors: about twice as
	// fast, within a fraction of a millivolt of NEURON.
	RatesFast = mech.RateNameFast
)

// Env is how a run uses the machine. It is not part of the run spec:
// results are bit-identical for any threads and ranks.
type Env struct {
	// Threads is the number of threads; 0 means runtime.NumCPU().
	// min(Threads, trials) trials run at a time, each on the threads
	// left.
	Threads int
	// Comm splits every trial over the ranks of an MPI job (nil: this
	// process alone). Every rank must run the same spec; trials then run
	// one after another, each split over all ranks and their threads,
	// and every rank returns the whole result.
	Comm dist.Comm
	// Catalogue holds the mechanisms; nil: builtin.Catalogue().
	Catalogue *mech.Catalogue
	// MaxMemoryBytes is the most memory the run may need (its
	// spec.Estimate); a larger run is refused before anything is built.
	// 0: the memory available (AvailableMemory); < 0: no limit.
	MaxMemoryBytes int64
	// Progress, if set, is called from the workers as trials advance
	// (trial, simulated ms so far, TStopMs); it must be safe for
	// concurrent use.
	Progress func(trial int, doneMs, totalMs float64)
	// TrialDone, if set, is called from the workers with each trial's
	// result as soon as that trial is finished, in any order: a front end
	// can show partial results. It must be safe for concurrent use and
	// must neither keep nor modify t beyond the call (copy what it needs).
	TrialDone func(trial int, t *results.Trial)
}

// Run simulates the run spec: its trials, in parallel on env's threads
// (or one after another split over env's ranks). It is the one run
// function of every front end (command line, batch, fit, GUI), for every
// kind of model. The spec is validated first; the context stops the run
// between trials and, on one rank, within a trial: at its next epoch (at
// most 10 ms of simulated time) for cable and mixed networks, within
// 1024 steps for point networks.
func Run(ctx context.Context, r *spec.Run, env Env) (*results.Result, error) {
	run := r.WithDefaults()
	if env.Catalogue == nil {
		env.Catalogue = builtin.Catalogue()
	}
	if env.Threads == 0 {
		env.Threads = runtime.NumCPU()
	}
	if env.Threads < 1 {
		return nil, fmt.Errorf("simulate: threads = %d, must be >= 1", env.Threads)
	}
	if err := run.Validate(env.Catalogue); err != nil {
		return nil, err
	}
	if run.Seed != 0 && run.Kind() == spec.KindMixed {
		// the seed replaces the point part's own
		c, err := run.Clone()
		if err != nil {
			return nil, err
		}
		c.Network.Point.Seed = run.Seed
		run = *c
	}
	workers := trialWorkers(run.Trials, env.Threads, run.Kind())
	ranks := 1
	if env.Comm != nil {
		ranks = env.Comm.Size()
	}
	if ranks > 1 {
		// the ranks' collectives must happen in the same order on all:
		// one trial at a time, in order
		workers = 1
	}
	if err := checkMemory(&run, workers, env.MaxMemoryBytes); err != nil {
		return nil, err
	}
	res := &results.Result{Spec: &run, Ranges: run.Ranges(), Trials: make([]results.Trial, run.Trials),
		Workers: workers, ThreadsPerTrial: max(1, env.Threads/workers), Ranks: ranks}
	var newWorker func() (trialFunc, error)
	if run.Kind() == spec.KindPoint {
		newWorker = pointWorker(ctx, &run, env, res.ThreadsPerTrial)
	} else {
		newWorker = cableWorker(ctx, &run, env, res.ThreadsPerTrial)
	}
	start := time.Now()
	if err := runTrials(ctx, res.Trials, workers, newWorker, env.TrialDone); err != nil {
		return nil, err
	}
	res.Wall = time.Since(start)
	return res, nil
}

// trialWorkers is the number of trials to run at a time with threads
// threads, each on threads/workers of them. Point networks run a trial
// per thread (their steps are too short to share). A cable trial split
// over t threads runs about t^0.85 times as fast (1.80× on two: measured
// 1.76-1.86× for the ERP), so when the trials do not fill the threads
// evenly it can pay to run fewer at a time, each on more threads: three
// trials on two threads take 3/1.80 = 1.7 rounds one at a time, against 2
// rounds two at a time. The choice minimises ceil(trials/w) /
// (threads/w)^0.85, preferring more trials at a time on a tie; results do
// not depend on it.
func trialWorkers(trials, threads int, kind spec.Kind) int {
	threads = max(threads, 1)
	if kind == spec.KindPoint || trials <= 0 {
		return max(1, min(threads, trials))
	}
	best, bestCost := 1, math.Inf(1)
	for w := min(threads, trials); w >= 1; w-- {
		rounds := (trials + w - 1) / w
		cost := float64(rounds) / math.Pow(float64(threads/w), 0.85)
		if cost < bestCost-1e-12 {
			best, bestCost = w, cost
		}
	}
	return best
}

// checkMemory refuses a run whose estimate exceeds limit (0: the memory
// available; < 0: none).
func checkMemory(run *spec.Run, workers int, limit int64) error {
	if limit < 0 {
		return nil
	}
	what := "allowed (--max-memory, Env.MaxMemoryBytes)"
	if limit == 0 {
		limit, what = AvailableMemory(), "available (MemAvailable; --max-memory sets another limit)"
	}
	est, err := run.Estimate(workers)
	if err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	if est.Bytes <= float64(limit) {
		return nil
	}
	var parts []string
	for i, p := range est.Parts {
		if i == 3 || p.Bytes < est.Bytes/100 {
			break
		}
		parts = append(parts, p.String())
	}
	return fmt.Errorf("simulate: run %q needs about %s of memory, %.3g times the %s %s; the largest parts: %s",
		run.ModelName(), spec.FormatBytes(est.Bytes), est.Bytes/float64(limit), spec.FormatBytes(float64(limit)), what,
		strings.Join(parts, "; "))
}

// DefaultMaxMemory is the memory limit when the machine's available
// memory is unknown: 16 GiB.
const DefaultMaxMemory = 16 << 30

// AvailableMemory returns the machine's available memory: MemAvailable
// of /proc/meminfo, or DefaultMaxMemory where that is unknown.
func AvailableMemory() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return DefaultMaxMemory
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil && kb > 0 {
				return kb << 10
			}
		}
	}
	return DefaultMaxMemory
}

// trialFunc runs one trial into t.
type trialFunc func(trial int, t *results.Trial) error

// runTrials is the one trial pool: workers goroutines, each with its own
// simulator from newWorker, take trials in order; trial k's result goes
// to trials[k] whichever worker ran it.
func runTrials(ctx context.Context, trials []results.Trial, workers int, newWorker func() (trialFunc, error), done func(int, *results.Trial)) error {
	errs := make([]error, len(trials))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			run, err := newWorker()
			for k := range jobs {
				switch {
				case err != nil:
					errs[k] = err
				case ctx.Err() != nil:
					errs[k] = ctx.Err()
				default:
					if e := run(k, &trials[k]); e != nil {
						errs[k] = fmt.Errorf("trial %d: %w", k, e)
					} else if done != nil {
						done(k, &trials[k])
					}
				}
			}
		})
	}
	for k := range trials {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	return errors.Join(dedupe(errs)...)
}

// dedupe keeps the first of identical errors (a build error every trial
// of a worker reports).
func dedupe(errs []error) []error {
	var out []error
	for _, e := range errs {
		if e != nil && !slices.ContainsFunc(out, func(o error) bool { return o == e }) {
			out = append(out, e)
		}
	}
	return out
}

// cableWorker builds, for each worker, one cable (or mixed) simulator
// that runs its trials one after another.
func cableWorker(ctx context.Context, run *spec.Run, env Env, threads int) func() (trialFunc, error) {
	net := run.Network
	cfg := engine.Config{DtMs: run.DtMs, Celsius: net.Celsius, Catalogue: env.Catalogue, Threads: threads, Comm: env.Comm,
		Rates: run.Rates, PointDtMs: run.PointDtMs, PointScheme: run.Scheme, ProbeEvery: run.Record.EverySteps(run.DtMs)}
	return func() (trialFunc, error) {
		s, err := engine.NewNetwork(net, cfg)
		if err != nil {
			return nil, err
		}
		rec, err := newRecorder(s, net, &run.Record)
		if err != nil {
			return nil, err
		}
		return func(trial int, t *results.Trial) error {
			if env.Progress != nil {
				s.SetProgress(func(done, total float64) { env.Progress(trial, done, total) })
			}
			if err := s.RunTrialContext(ctx, trial, run.TStopMs); err != nil {
				return err
			}
			return collect(t, s, net, rec, env.Comm)
		}, nil
	}
}

// pointWorker runs a point network's trials, each on a simulator built
// for it (the trial keys its streams).
func pointWorker(ctx context.Context, run *spec.Run, env Env, threads int) func() (trialFunc, error) {
	return func() (trialFunc, error) {
		return func(trial int, t *results.Trial) error {
			cfg := pointsim.Config{DtMs: run.DtMs, Threads: threads, Scheme: run.Scheme, Seed: run.Seed,
				Trial: int64(trial), Comm: env.Comm, Context: ctx}
			if env.Progress != nil {
				cfg.Progress = func(done, total float64) { env.Progress(trial, done, total) }
			}
			s, err := pointsim.New(run.Point, cfg)
			if err != nil {
				return err
			}
			if err := s.Run(run.TStopMs); err != nil {
				return err
			}
			t.Spikes = s.Spikes()
			t.Series = s.Traces()
			t.Synapses, _ = s.Synapses()
			return nil
		}, nil
	}
}

// collect copies the results of the trial just run.
func collect(t *results.Trial, s *engine.Sim, net *model.Network, rec *recorder, comm dist.Comm) error {
	t.TimesMs = s.Times()
	t.Spikes = slices.Clone(s.Spikes())
	slices.SortStableFunc(t.Spikes, func(a, b record.Spike) int {
		return cmp.Or(cmp.Compare(a.TimeMs, b.TimeMs), cmp.Compare(a.GID, b.GID))
	})
	t.Series = s.PointTraces()
	t.Potentials = s.Potentials()
	for i := range t.Potentials {
		t.Potentials[i].TimeMs = t.TimesMs
	}
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

// Options are the settings of RunNetwork, the short form of Run for a
// cable network from Go. The zero value of a field selects its default.
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
	Record spec.Record
	// Catalogue holds the mechanisms; default builtin.Catalogue().
	Catalogue *mech.Catalogue
	// Comm splits every trial over the ranks of an MPI job (see Env).
	Comm dist.Comm
	// Progress, if set, is called as trials advance (see Env).
	Progress func(trial int, doneMs, totalMs float64)
}

// RunNetwork simulates opt.Trials trials of a cable (or mixed) network:
// Run with the spec and environment the options describe.
func RunNetwork(net *model.Network, opt Options) (*results.Result, error) {
	r := &spec.Run{Network: net, TStopMs: opt.TStopMs, DtMs: opt.DtMs, Trials: opt.Trials, Rates: opt.Rates, Record: opt.Record}
	return Run(context.Background(), r, Env{Threads: opt.Threads, Comm: opt.Comm, Catalogue: opt.Catalogue, Progress: opt.Progress})
}

// Comm is the communicator a run is split over (dist.Comm): front ends
// take it from the process (one rank, or the MPI world) and pass it on.
type Comm = dist.Comm

// Single returns the communicator of a process working alone.
func Single() Comm { return dist.Single() }
