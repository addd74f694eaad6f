package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// Status of a run or fit.
const (
	statusQueued    = "queued"
	statusRunning   = "running"
	statusDone      = "done"
	statusFailed    = "failed"
	statusCancelled = "cancelled"
)

// job is what runs and fits share: an id, a status, a log, progress, and
// a broadcast of their changes to the event streams.
type job struct {
	id     string
	name   string
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	status   string
	err      string
	log      []string
	progress float64 // 0..1
	// trialsDone counts a run's finished trials.
	trialsDone int
	started    time.Time
	wallS      float64
	changed    chan struct{} // closed and replaced at every change
	extra      func() any    // more state for the events (a fit's history)
}

func newJob(id, name string) *job {
	ctx, cancel := context.WithCancel(context.Background())
	return &job{id: id, name: name, ctx: ctx, cancel: cancel, status: statusQueued, changed: make(chan struct{})}
}

// update changes the job under its lock and wakes the event streams.
func (j *job) update(f func()) {
	j.mu.Lock()
	f()
	close(j.changed)
	j.changed = make(chan struct{})
	j.mu.Unlock()
}

func (j *job) logf(format string, a ...any) {
	line := time.Now().Format("15:04:05 ") + fmt.Sprintf(format, a...)
	j.update(func() { j.log = append(j.log, line) })
}

// finish sets the final status from err.
func (j *job) finish(err error) {
	j.update(func() {
		j.wallS = time.Since(j.started).Seconds()
		switch {
		case err == nil:
			j.status = statusDone
			j.progress = 1
			j.log = append(j.log, time.Now().Format("15:04:05 ")+fmt.Sprintf("done in %.2f s", j.wallS))
		case j.ctx.Err() != nil:
			j.status = statusCancelled
			j.log = append(j.log, time.Now().Format("15:04:05 ")+"cancelled")
		default:
			j.status = statusFailed
			j.err = err.Error()
			j.log = append(j.log, time.Now().Format("15:04:05 ")+"failed: "+err.Error())
		}
	})
}

// begin moves a queued job to running; false when it was cancelled.
func (j *job) begin() bool {
	ok := false
	j.update(func() {
		if j.status == statusQueued {
			j.status, j.started, ok = statusRunning, time.Now(), true
		}
	})
	return ok
}

// cancelQueued cancels the job; one still queued is over at once (the
// worker skips it), one running stops at its simulation's next check.
func (j *job) cancelQueued() {
	j.cancel()
	j.update(func() {
		if j.status == statusQueued {
			j.status = statusCancelled
			j.log = append(j.log, time.Now().Format("15:04:05 ")+"cancelled before it started")
		}
	})
}

// state is a job's state as the event stream sends it.
type state struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Status   string  `json:"status"`
	Error    string  `json:"error,omitempty"`
	Progress float64 `json:"progress"`
	// TrialsDone counts the finished trials (partial results).
	TrialsDone int      `json:"trials_done"`
	WallS      float64  `json:"wall_s"`
	Log        []string `json:"log,omitempty"`
	Extra      any      `json:"extra,omitempty"`
}

// snapshot returns the state (the log from line from on), whether the job
// is over, and the channel closed at its next change.
func (j *job) snapshot(from int) (state, bool, <-chan struct{}) {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := state{ID: j.id, Name: j.name, Status: j.status, Error: j.err, Progress: j.progress, TrialsDone: j.trialsDone, WallS: j.wallS}
	if from < len(j.log) {
		st.Log = append([]string(nil), j.log[from:]...)
	}
	if j.extra != nil {
		st.Extra = j.extra()
	}
	over := j.status == statusDone || j.status == statusFailed || j.status == statusCancelled
	return st, over, j.changed
}

// run is one simulation: its spec and, once done, its result; its output
// directory is written on first need, by output.Write as the CLI writes it.
type run struct {
	*job
	spec    *spec.Run
	threads int
	res     *results.Result
	// partial holds, by trial, the trials finished while the run goes on
	// (their dipoles copied; nil Dipole: not finished): the partial
	// results.
	partial []results.Trial

	outMu  sync.Mutex // serialises the output directory's writing and figures
	outDir string
	files  []string // what output.Write wrote, in order
}

// startRun queues a simulation of r on threads threads.
func (s *Server) startRun(r *spec.Run, threads int) (*run, error) {
	s.mu.Lock()
	s.nextID++
	id := fmt.Sprintf("r%d", s.nextID)
	s.mu.Unlock()
	name := r.ModelName()
	ru := &run{job: newJob(id, name), spec: r, threads: threads}
	ru.outDir = filepath.Join(s.dir, id)
	if err := s.enqueue(func() { s.execRun(ru) }); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.runs = append(s.runs, ru)
	s.pruneLocked()
	s.mu.Unlock()
	ru.logf("queued %s: %d trial(s) of %g ms at dt %g ms", name, r.Trials, r.TStopMs, r.DtMs)
	return ru, nil
}

// execRun simulates a run as the CLI's simulate does.
func (s *Server) execRun(ru *run) {
	if !ru.begin() {
		return // cancelled while queued
	}
	for _, w := range ru.spec.Warnings() {
		ru.logf("warning: %s", w)
	}
	ru.logf("simulating on %d thread(s)", ru.threads)
	var mu sync.Mutex
	done := make([]float64, ru.spec.Trials)
	last := time.Time{}
	res, err := simulate.Run(ru.ctx, ru.spec, simulate.Env{Threads: ru.threads, MaxMemoryBytes: s.opt.MaxMemoryBytes,
		Progress: func(trial int, doneMs, totalMs float64) {
			mu.Lock()
			defer mu.Unlock()
			done[trial] = doneMs
			finished := doneMs >= totalMs
			if !finished && time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			sum := 0.0
			for _, d := range done {
				sum += d
			}
			p := sum / (totalMs * float64(len(done)))
			ru.update(func() { ru.progress = p })
			if finished {
				ru.logf("trial %d done", trial)
			}
		},
		TrialDone: func(trial int, t *results.Trial) {
			if t.Dipole == nil {
				return
			}
			keep := results.Trial{TimesMs: t.TimesMs, Dipole: t.Dipole.Copy()}
			ru.mu.Lock()
			if ru.partial == nil {
				ru.partial = make([]results.Trial, ru.spec.Trials)
			}
			ru.partial[trial] = keep
			ru.mu.Unlock()
			ru.update(func() { ru.trialsDone++ })
		}})
	if err == nil {
		ru.mu.Lock()
		ru.res = res
		ru.mu.Unlock()
		counts := res.SpikeTable().Count()
		ru.logf("%d spike(s) in all, in %.2f s of simulation", total(counts), res.Wall.Seconds())
	}
	ru.finish(err)
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// partialResult returns the trials finished so far of a run still going
// on (their dipoles only), or an error if none is.
func (ru *run) partialResult() (*results.Result, error) {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	var done []results.Trial
	for _, t := range ru.partial {
		if t.Dipole != nil {
			done = append(done, t)
		}
	}
	if len(done) == 0 {
		return nil, fmt.Errorf("run %s is %s: no trial finished yet", ru.id, ru.status)
	}
	return &results.Result{Spec: ru.spec, Trials: done}, nil
}

// result returns the run's result, or an error saying why there is none.
func (ru *run) result() (*results.Result, error) {
	ru.mu.Lock()
	defer ru.mu.Unlock()
	if ru.res == nil {
		return nil, fmt.Errorf("run %s is %s: no results", ru.id, ru.status)
	}
	return ru.res, nil
}

// outputs writes the run's output directory, once, exactly as lamina
// simulate --out does, and returns it locked: call the returned unlock
// when done with it.
func (ru *run) outputs() (string, func(), error) {
	res, err := ru.result()
	if err != nil {
		return "", nil, err
	}
	ru.outMu.Lock()
	if ru.files == nil {
		rep, err := output.Write(ru.outDir, res)
		if err != nil {
			ru.outMu.Unlock()
			return "", nil, err
		}
		ru.files = rep.Files
	}
	return ru.outDir, ru.outMu.Unlock, nil
}

// pruneLocked drops the oldest finished runs and fits beyond KeepRuns,
// with their files. s.mu is held.
func (s *Server) pruneLocked() {
	for len(s.runs) > s.opt.KeepRuns {
		i := -1
		for k, r := range s.runs {
			if _, over, _ := r.snapshot(1 << 30); over {
				i = k
				break
			}
		}
		if i < 0 {
			return
		}
		old := s.runs[i]
		s.runs = append(s.runs[:i], s.runs[i+1:]...)
		old.outMu.Lock()
		os.RemoveAll(old.outDir)
		old.outMu.Unlock()
	}
	for len(s.fits) > s.opt.KeepRuns {
		s.fits[0].cancel()
		os.RemoveAll(s.fits[0].dir)
		s.fits = s.fits[1:]
	}
	for len(s.data) > s.opt.KeepRuns {
		os.Remove(s.data[0].path)
		s.data = s.data[1:]
	}
}

// findRun returns the run with the given id.
func (s *Server) findRun(id string) (*run, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.id == id {
			return r, nil
		}
	}
	return nil, errNotFound
}

var errNotFound = errors.New("no such run, fit or data set (the server keeps the latest only)")
