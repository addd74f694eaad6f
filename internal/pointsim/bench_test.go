package pointsim

import (
	"fmt"
	"testing"

	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
)

// BenchmarkEIBuild measures building ei-balanced: 5.1 million synapses by
// fixed in-degree, CSR transposition and initial state (one thread).
func BenchmarkEIBuild(b *testing.B) {
	for range b.N {
		if _, err := New(snnjl.EIBalanced(10), Config{DtMs: 0.125}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEI1s measures one simulated second of ei-balanced at 10 Hz
// (after a 200 ms warm-up) per scheme and thread count; compare runs with
// benchstat. bench/snn times the full 10 s against Brian2.
func BenchmarkEI1s(b *testing.B) {
	for _, c := range []struct {
		s       point.Scheme
		threads int
	}{{point.SchemeSNNjl, 1}, {point.SchemeLamina, 1}, {point.SchemeLamina, 2}} {
		b.Run(fmt.Sprintf("%s/threads=%d", c.s, c.threads), func(b *testing.B) {
			sim, err := New(snnjl.EIBalanced(10), Config{DtMs: 0.125, Scheme: c.s, Threads: c.threads, NoPoissonSpikes: true})
			if err != nil {
				b.Fatal(err)
			}
			if err := sim.Run(200); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				if err := sim.Run(200 + float64(i+1)*1000); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
