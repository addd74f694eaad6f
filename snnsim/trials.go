package snnsim

import (
	"errors"
	"fmt"
	"sync"

	"github.com/laminasim/lamina/snn"
)

// RunTrials simulates trials 0 to n-1 of net to tstopMs and returns their
// results in trial order. cfg.Trial is ignored; cfg.Threads (0 means 1)
// are shared: min(Threads, n) trials run at a time, each with
// Threads/that many threads, since independent trials scale better than
// the parts of one. With a Comm of several ranks the trials run one after
// another, each split over the ranks. Results do not depend on the
// split: trial k is bit-identical to New with Trial k and any Threads.
// cfg.Progress, if set, is called for each trial as it advances (from
// several goroutines at once when trials run in parallel).
func RunTrials(net *snn.Network, cfg Config, n int, tstopMs float64) ([]*Result, error) {
	if n < 1 {
		return nil, fmt.Errorf("snnsim: trials = %d, must be >= 1", n)
	}
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if err := net.Validate(); err != nil {
		return nil, err
	}
	threads := max(1, cfg.Threads)
	workers := min(threads, n)
	if cfg.Comm != nil && cfg.Comm.Size() > 1 {
		workers = 1 // the ranks' collectives must come in the same order
	}
	cfg.Threads = max(1, threads/workers)
	out := make([]*Result, n)
	errs := make([]error, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for k := range jobs {
				c := cfg
				c.Trial = int64(k)
				s, err := New(net, c)
				if err == nil {
					err = s.Run(tstopMs)
				}
				if err != nil {
					errs[k] = fmt.Errorf("trial %d: %w", k, err)
					continue
				}
				out[k] = s.Result()
			}
		})
	}
	for k := range n {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}
