package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// Func computes one run: it sets up and simulates the run's parameters and
// returns its summary values. It may write per-run files with
// run.WriteFile. It should return soon after ctx is done; an error it
// returns after ctx is done counts as an interruption, not a failure.
// Funcs run concurrently on Options.Jobs goroutines.
type Func func(ctx context.Context, run Run) (Summary, error)

// Options configures Sweep.
type Options struct {
	// Jobs is the number of runs computed at once; 0 means
	// runtime.NumCPU().
	Jobs int
	// OutDir is the batch directory (required). It is created if needed;
	// a directory holding a batch of the same grid is resumed.
	OutDir string
	// Progress, if set, is called with the number of finished runs (those
	// that succeeded earlier included), the total and the time since Sweep
	// started: once at the start and after each run is journaled. It is
	// called from the goroutine that called Sweep, never concurrently.
	Progress func(done, total int, elapsed time.Duration)
	// Spread, if set with Size > 1, shares the runs among the processes
	// of a parallel job (the ranks of an MPI job): see Spread.
	Spread *Spread
}

// RunsFailedError reports the runs of a batch whose standing record is a
// failure. Rerunning the batch retries them.
type RunsFailedError struct {
	Total  int      // runs in the grid
	Failed []Record // the failed runs' records, in run order
}

// Error lists the first ten failed runs with their parameters and errors.
func (e *RunsFailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "batch: %d of %d runs failed (rerun the batch to retry them):", len(e.Failed), e.Total)
	for i, r := range e.Failed {
		if i == 10 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(e.Failed)-i)
			break
		}
		fmt.Fprintf(&b, "\n  %s: %s", Run{Index: r.Run, Params: r.Params}, r.Err)
	}
	return b.String()
}

// outcome is what a worker reports for one attempt of a run.
type outcome struct {
	run      Run
	sum      Summary
	err      error
	stack    string
	elapsed  time.Duration
	finished time.Time
}

// Sweep computes every run of grid g with fn, streaming the results into
// the batch directory opts.OutDir, and resumes a batch left unfinished
// there (see the package documentation for the files and guarantees).
//
// Runs that succeeded in an earlier Sweep into the same directory are not
// computed again; runs that failed are retried. The grid must equal the
// one recorded in the directory. A failed run (fn returned an error or
// panicked, or its summary has a bad name) is journaled and the others go
// on. When ctx is done no new run starts, and Sweep returns after the
// running ones return, with their results journaled.
//
// The error is nil when every run has succeeded. Otherwise it reports, as
// errors joined by errors.Join: a failure to write the batch directory
// (which stops the batch), an interruption (errors.Is(err,
// context.Canceled) or context.DeadlineExceeded) with the number of runs
// left, and a *RunsFailedError listing the failed runs.
func Sweep(ctx context.Context, g *Grid, opts Options, fn Func) error {
	start := time.Now()
	if fn == nil {
		return errors.New("batch: Sweep needs a Func")
	}
	if err := g.Validate(); err != nil {
		return err
	}
	if opts.OutDir == "" {
		return errors.New("batch: Options.OutDir is empty; a batch needs a directory for its journal and summary")
	}
	if opts.Jobs < 0 {
		return fmt.Errorf("batch: Options.Jobs is %d; want 0 (one per CPU) or more", opts.Jobs)
	}
	jobs := opts.Jobs
	if jobs == 0 {
		jobs = runtime.NumCPU()
	}
	if sp := opts.Spread; sp != nil && sp.Size > 1 {
		return sweepSpread(ctx, g, opts, fn, jobs, start)
	}
	s, err := openStore(opts.OutDir, g)
	if err != nil {
		return err
	}
	defer s.close()

	total := len(s.runs)
	var pending []Run
	for i, r := range s.runs {
		if s.toDo(i) {
			pending = append(pending, r)
		}
	}
	done := total - len(pending)
	progress := func() {
		if opts.Progress != nil {
			opts.Progress(done, total, time.Since(start))
		}
	}
	// Bring summary.csv up to date with the journal: a crash may have come
	// between a journal append and the rewrite.
	if err := s.maybeWriteSummary(true); err != nil {
		return err
	}
	progress()

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	todo := make(chan Run)
	go func() {
		defer close(todo)
		for _, r := range pending {
			if runCtx.Err() != nil {
				return
			}
			select {
			case todo <- r:
			case <-runCtx.Done():
				return
			}
		}
	}()
	results := make(chan outcome)
	var wg sync.WaitGroup
	for range min(jobs, len(pending)) {
		wg.Go(func() {
			for r := range todo {
				if runCtx.Err() != nil {
					continue // drain: start nothing new
				}
				results <- attempt(runCtx, fn, r)
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var fatal error
	finished := 0 // pending runs journaled by this Sweep
	for o := range results {
		if fatal != nil {
			continue
		}
		if o.err != nil && runCtx.Err() != nil {
			continue // interrupted, not failed: it stays pending
		}
		rec := o.record(s.runs[o.run.Index].Params)
		if err := s.append(rec); err != nil {
			fatal = err
			cancel()
			continue
		}
		finished++
		done++
		if err := s.maybeWriteSummary(false); err != nil {
			fatal = err
			cancel()
			continue
		}
		progress()
	}

	return s.finish(ctx, fatal, len(pending)-finished)
}

// finish brings summary.csv up to date and reports how a sweep ended:
// fatal (a failure to write the directory), the number of runs left
// undone by an interruption, and the failed runs.
func (s *store) finish(ctx context.Context, fatal error, left int) error {
	var errs []error
	if err := s.maybeWriteSummary(true); err != nil && fatal == nil {
		fatal = err
	}
	if fatal != nil {
		errs = append(errs, fatal)
	}
	if left > 0 && fatal == nil {
		errs = append(errs, fmt.Errorf("batch: interrupted with %d of %d runs left to do; rerun the batch to resume: %w", left, len(s.runs), ctx.Err()))
	}
	var failed []Record
	for _, r := range s.recs {
		if r != nil && r.Failed() {
			failed = append(failed, *r)
		}
	}
	if len(failed) > 0 {
		errs = append(errs, &RunsFailedError{Total: len(s.runs), Failed: failed})
	}
	return errors.Join(errs...)
}

// record is the journal record of the attempt o of a run with params.
func (o *outcome) record(params []Param) *Record {
	rec := &Record{Run: o.run.Index, Params: params, Elapsed: o.elapsed, Finished: o.finished}
	if o.err != nil {
		rec.Err = errorMessage(o.err)
		rec.Stack = o.stack
	} else {
		rec.Summary = o.sum
	}
	return rec
}

// attempt runs fn on r in a fresh run directory, turning a panic into an
// error and checking the summary's names.
func attempt(ctx context.Context, fn Func, r Run) (o outcome) {
	o.run = r
	t0 := time.Now()
	defer func() {
		o.elapsed = time.Since(t0)
		o.finished = time.Now()
	}()
	if err := os.RemoveAll(r.dir); err != nil {
		o.err = fmt.Errorf("clearing the run directory of an earlier attempt: %w", err)
		return o
	}
	r.Params = slices.Clone(r.Params) // fn may not change the grid's copy
	func() {
		defer func() {
			if p := recover(); p != nil {
				o.err = fmt.Errorf("panic: %v", p)
				o.stack = string(debug.Stack())
			}
		}()
		o.sum, o.err = fn(ctx, r)
	}()
	if o.err == nil {
		o.sum = slices.Clone(o.sum)
		if err := o.sum.check(r.Params); err != nil {
			o.err = err
		}
	}
	return o
}
