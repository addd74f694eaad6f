package batch

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Spread shares a sweep among the processes of a parallel job, such as the
// ranks of an MPI job ("mpirun -np 4 lamina batch ..."). Every process
// calls Sweep with the same grid, directory, jobs, Func and a Spread of its
// own Rank; the runs left to do are dealt out in rounds of Size×Jobs, run
// i of a round going to rank i mod Size, and rank 0 alone keeps the batch
// directory: it takes the lock, reads and appends the journal and writes
// summary.csv, from the records every rank sends it after each round. Run
// directories (Run.WriteFile) are written by the rank that computes the
// run, so OutDir must be one directory for all (one machine, or a shared
// file system).
//
// The journal, summary.csv and the run directories are those a single
// process writes, up to the attempts' times; a run's summary does not
// depend on the rank that computed it.
type Spread struct {
	// Rank is this process's rank, from 0, and Size the number of ranks.
	Rank, Size int
	// Exchange gathers strings from every rank: each contributes mine and
	// receives every rank's contribution, by rank (dist.AllgatherStrings
	// over the job's communicator). Every rank calls it the same number of
	// times, in the same order.
	Exchange func(mine []string) ([][]string, error)
}

// Messages of a spread sweep's control exchanges.
const (
	spreadOK   = "ok"
	spreadFail = "fail"
	spreadGo   = "go"
	spreadStop = "stop"
)

// sweepSpread is Sweep over the ranks of sp (Size > 1).
func sweepSpread(ctx context.Context, g *Grid, opts Options, fn Func, jobs int, start time.Time) error {
	sp := opts.Spread
	if sp.Rank < 0 || sp.Rank >= sp.Size {
		return fmt.Errorf("batch: Spread.Rank is %d, want 0 to %d", sp.Rank, sp.Size-1)
	}
	if sp.Exchange == nil {
		return errors.New("batch: Spread.Exchange is nil")
	}
	// Rank 0 opens the directory and tells every rank the runs to do.
	var s *store
	var msg []string
	if sp.Rank == 0 {
		var err error
		if s, err = openStore(opts.OutDir, g); err != nil {
			msg = []string{spreadFail, err.Error()}
		} else {
			defer s.close()
			msg = []string{spreadOK}
			for i := range s.runs {
				if s.toDo(i) {
					msg = append(msg, strconv.Itoa(i))
				}
			}
		}
	}
	all, err := sp.Exchange(msg)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	head := all[0]
	if len(head) == 0 || head[0] != spreadOK {
		if len(head) == 2 {
			return fmt.Errorf("batch: rank 0: %s", head[1])
		}
		return errors.New("batch: rank 0 sent no list of runs")
	}
	runs := g.Runs()
	for i := range runs {
		runs[i].dir = RunDir(opts.OutDir, len(runs), i)
	}
	pending := make([]int, 0, len(head)-1)
	for _, f := range head[1:] {
		i, err := strconv.Atoi(f)
		if err != nil || i < 0 || i >= len(runs) {
			return fmt.Errorf("batch: rank 0 sent run %q of %d", f, len(runs))
		}
		pending = append(pending, i)
	}

	total := len(runs)
	done := total - len(pending)
	progress := func() {
		if s != nil && opts.Progress != nil {
			opts.Progress(done, total, time.Since(start))
		}
	}
	var fatal error
	if s != nil {
		fatal = s.maybeWriteSummary(true)
		progress()
	}
	finished := 0
	for k := 0; k < len(pending); k += sp.Size * jobs {
		// Every rank says whether it can go on; one stop stops all.
		say := spreadGo
		if ctx.Err() != nil || fatal != nil {
			say = spreadStop
		}
		votes, err := sp.Exchange([]string{say})
		if err != nil {
			return errors.Join(fatal, fmt.Errorf("batch: %w", err))
		}
		if slices.ContainsFunc(votes, func(v []string) bool { return len(v) != 1 || v[0] != spreadGo }) {
			break
		}
		round := pending[k:min(k+sp.Size*jobs, len(pending))]
		var mine []int
		for j, i := range round {
			if j%sp.Size == sp.Rank {
				mine = append(mine, i)
			}
		}
		lines, err := attemptAll(ctx, fn, runs, mine, jobs)
		if err != nil {
			fatal = err // this rank votes to stop at the next round
		}
		all, err := sp.Exchange(lines)
		if err != nil {
			return errors.Join(fatal, fmt.Errorf("batch: %w", err))
		}
		if s == nil || fatal != nil {
			continue
		}
		var recs []Record
		for r, ls := range all {
			for _, l := range ls {
				rec, err := decodeRecord([]byte(l))
				if err != nil {
					fatal = fmt.Errorf("batch: rank %d sent a bad record: %w", r, err)
					break
				}
				recs = append(recs, rec)
			}
		}
		slices.SortFunc(recs, func(a, b Record) int { return a.Run - b.Run })
		for i := range recs {
			if fatal != nil {
				break
			}
			if err := s.append(&recs[i]); err != nil {
				fatal = err
				break
			}
			finished++
			done++
			fatal = s.maybeWriteSummary(false)
			progress()
		}
	}
	// Rank 0 reports how the sweep ended; the others return its verdict.
	var verdict []string
	var result error
	if s != nil {
		result = s.finish(ctx, fatal, len(pending)-finished)
		if result != nil {
			verdict = []string{result.Error()}
		}
	}
	all, err = sp.Exchange(verdict)
	if err != nil {
		return errors.Join(result, fmt.Errorf("batch: %w", err))
	}
	if s != nil {
		return result
	}
	if v := all[0]; len(v) == 1 {
		return errors.Join(fatal, fmt.Errorf("batch: rank 0: %s", v[0]))
	}
	return fatal
}

// attemptAll computes the runs of index idx on a pool of jobs goroutines
// and returns the journal lines of their attempts, in the order of idx,
// leaving out attempts cut short by ctx (they stay to do).
func attemptAll(ctx context.Context, fn Func, runs []Run, idx []int, jobs int) ([]string, error) {
	outs := make([]outcome, len(idx))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, len(idx)) {
		wg.Go(func() {
			for j := range next {
				if ctx.Err() != nil {
					outs[j] = outcome{run: runs[idx[j]], err: ctx.Err()}
					continue
				}
				outs[j] = attempt(ctx, fn, runs[idx[j]])
			}
		})
	}
	for j := range idx {
		next <- j
	}
	close(next)
	wg.Wait()
	var lines []string
	for j := range outs {
		o := &outs[j]
		if o.err != nil && ctx.Err() != nil {
			continue
		}
		b, err := o.record(runs[idx[j]].Params).appendJSON(nil)
		if err != nil {
			return nil, err
		}
		lines = append(lines, string(b))
	}
	return lines, nil
}
