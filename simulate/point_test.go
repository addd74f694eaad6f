package simulate_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/laminasim/lamina/internal/pointsim"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// TestPointTrials checks the one trial pool on a point network: 3 trials
// of the E/I network on 1, 2 and 4 threads (1, 2 or 3 trials at a time)
// give each trial exactly as the engine run alone with that trial does,
// and the trials differ.
func TestPointTrials(t *testing.T) {
	net := snnjl.EIBalanced(10)
	ref := make([][]record.Spike, 3)
	for k := range ref {
		s, err := pointsim.New(net, pointsim.Config{DtMs: 0.125, Trial: int64(k)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Run(100); err != nil {
			t.Fatal(err)
		}
		ref[k] = s.Spikes()
	}
	if reflect.DeepEqual(ref[0], ref[1]) {
		t.Fatal("trials 0 and 1 have the same spikes")
	}
	for _, threads := range []int{1, 2, 4} {
		res, err := simulate.Run(context.Background(), &spec.Run{Point: net, TStopMs: 100, DtMs: 0.125, Trials: 3}, simulate.Env{Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		for k, tr := range res.Trials {
			if !reflect.DeepEqual(tr.Spikes, ref[k]) {
				t.Errorf("%d threads: trial %d differs from the engine's run alone", threads, k)
			}
		}
	}
}

// Run three trials of the LIF neuron driven by white noise, two at a
// time: each trial draws its own noise (streams keyed by trial), and the
// results are those of running them one by one.
func ExampleRun_pointTrials() {
	run := &spec.Run{Point: snnjl.LIFNoise(), TStopMs: 2000, DtMs: 0.125, Trials: 3}
	res, err := simulate.Run(context.Background(), run, simulate.Env{Threads: 2})
	if err != nil {
		panic(err)
	}
	for k, tr := range res.Trials {
		fmt.Printf("trial %d: %d spikes\n", k, len(tr.Spikes))
	}
	// Output:
	// trial 0: 13 spikes
	// trial 1: 10 spikes
	// trial 2: 11 spikes
}
