package simulate_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// runRanks runs r on the given threads and in-process ranks, checks that
// every rank returns the same trials, and returns rank 0's result.
func runRanks(t *testing.T, r *spec.Run, threads, ranks int) *results.Result {
	t.Helper()
	comms, err := dist.NewGroup(ranks)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*results.Result, ranks)
	errs := make([]error, ranks)
	var wg sync.WaitGroup
	for k := range ranks {
		wg.Go(func() {
			out[k], errs[k] = simulate.Run(context.Background(), r, simulate.Env{Threads: threads, Comm: comms[k]})
		})
	}
	wg.Wait()
	for k, err := range errs {
		if err != nil {
			t.Fatalf("rank %d: %v", k, err)
		}
	}
	for k := 1; k < ranks; k++ {
		if !reflect.DeepEqual(out[k].Trials, out[0].Trials) {
			t.Fatalf("rank %d's result differs from rank 0's", k)
		}
	}
	return out[0]
}
