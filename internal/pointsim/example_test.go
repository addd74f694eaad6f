package pointsim_test

import (
	"fmt"
	"github.com/laminasim/lamina/analysis"
	"math"

	"github.com/laminasim/lamina/internal/pointsim"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
)

// Run the seven AdEx firing patterns with SNN.jl's scheme and count each
// pattern's spikes (the counts of SNN.jl and of Brian2).
func ExampleNew() {
	sim, err := pointsim.New(snnjl.AdExPatterns(), pointsim.Config{DtMs: 0.125, Scheme: point.SchemeSNNjl})
	if err != nil {
		panic(err)
	}
	if err := sim.Run(330); err != nil {
		panic(err)
	}
	res := sim.Result()
	for _, st := range analysis.PopulationsStats(res.Spikes, res.Ranges, 0, 330.001, 3) {
		fmt.Printf("%-12s %2d spikes\n", st.Name, st.Spikes)
	}
	// Output:
	// Tonic         5 spikes
	// Adapting     11 spikes
	// Init. burst  11 spikes
	// Bursting     24 spikes
	// Irregular    21 spikes
	// Transient     6 spikes
	// Delayed       2 spikes
}

// Drive a population with a current given as a Go function of time and
// neuron: here an f-I curve of the default LIF neuron, neuron i receiving
// 20·i pA for one second.
func ExampleSim_SetCurrentFunc() {
	net := &pointnet.Network{Populations: []pointnet.Population{pointnet.NewLIF("LIF", 6, point.DefaultLIF())}}
	sim, err := pointsim.New(net, pointsim.Config{DtMs: 0.01})
	if err != nil {
		panic(err)
	}
	err = sim.SetCurrentFunc("f-I", "LIF", "soma", nil, func(tMs float64, i int) float64 { return 20 * float64(i) })
	if err != nil {
		panic(err)
	}
	if err := sim.Run(1000); err != nil {
		panic(err)
	}
	counts := make([]int, 6)
	for _, s := range sim.Spikes() {
		counts[s.GID]++
	}
	p := point.DefaultLIF()
	for i, c := range counts {
		// The analytic rate: 1/(τref + τm ln((RI + EL - Vr)/(RI + EL - Vth))).
		ri := p.RGOhm * 20 * float64(i)
		rate := 0.0
		if ri > p.VThmV-p.ELmV {
			rate = 1000 / (p.TauRefMs + p.TauMMs*math.Log((ri+p.ELmV-p.VResetmV)/(ri+p.ELmV-p.VThmV)))
		}
		fmt.Printf("%3d pA: %3d spikes (analytic rate %5.1f Hz)\n", 20*i, c, rate)
	}
	// Output:
	//   0 pA:   0 spikes (analytic rate   0.0 Hz)
	//  20 pA:   0 spikes (analytic rate   0.0 Hz)
	//  40 pA:   0 spikes (analytic rate   0.0 Hz)
	//  60 pA:  62 spikes (analytic rate  63.0 Hz)
	//  80 pA:  98 spikes (analytic rate  98.9 Hz)
	// 100 pA: 128 spikes (analytic rate 129.0 Hz)
}
