package tutorial_test

import (
	"github.com/laminasim/lamina/record"
	"reflect"
	"sync"
	"testing"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/models/tutorial"
	"github.com/laminasim/lamina/simulate"
)

// TestCSNetworkParallelBitIdentical runs 60 ms of the CS network (drawn
// connectivity, hundreds of spikes) on 1, 2 and 4 threads and on 2
// in-process ranks: the spikes must be bit-identical (DESIGN.md rule 7).
func TestCSNetworkParallelBitIdentical(t *testing.T) {
	net, err := tutorial.CSNetwork(tutorial.DefaultCSParams())
	if err != nil {
		t.Fatal(err)
	}
	run := func(threads, ranks int) []record.Spike {
		comms, err := dist.NewGroup(ranks)
		if err != nil {
			t.Fatal(err)
		}
		out := make([][]record.Spike, ranks)
		errs := make([]error, ranks)
		var wg sync.WaitGroup
		for r := range ranks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: 60, Threads: threads, Comm: comms[r]})
				if err != nil {
					errs[r] = err
					return
				}
				out[r] = res.Trials[0].Spikes
			}()
		}
		wg.Wait()
		for r, err := range errs {
			if err != nil {
				t.Fatalf("rank %d: %v", r, err)
			}
		}
		for r := 1; r < ranks; r++ {
			if !reflect.DeepEqual(out[r], out[0]) {
				t.Fatalf("rank %d's spikes differ from rank 0's", r)
			}
		}
		return out[0]
	}
	ref := run(1, 1)
	if len(ref) < 500 {
		t.Fatalf("only %d spikes", len(ref))
	}
	for _, c := range []struct{ threads, ranks int }{{2, 1}, {4, 1}, {1, 2}} {
		if got := run(c.threads, c.ranks); !reflect.DeepEqual(got, ref) {
			t.Errorf("%d threads × %d ranks: %d spikes differ from one thread's %d", c.threads, c.ranks, len(got), len(ref))
		}
	}
}
