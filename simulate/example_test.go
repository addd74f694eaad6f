package simulate_test

import (
	"context"
	"fmt"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// Example is HNN-core's
//
//	net = jones_2009_model()
//	net.add_evoked_drive('evprox1', mu=26.61, sigma=2.47, numspikes=1, ...)
//	dpls = simulate_dipole(net, tstop=40., n_trials=2)
//	dpls[0].smooth(5).scale(3000)
//
// on a 3×3 grid.
func Example() {
	net := hnn.Jones2009(3, 3)
	d := drive.NewEvoked("evprox1", "proximal", 26.61, 2.47, 1)
	d.WeightsAMPA = map[string]float64{"L2_basket": 0.08831, "L2_pyramidal": 0.01525, "L5_basket": 0.19934, "L5_pyramidal": 0.00865}
	d.SynapticDelays = map[string]float64{"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1, "L5_pyramidal": 1}
	d.EventSeed = 544
	if err := net.AddDrive(d); err != nil {
		fmt.Println(err)
		return
	}
	res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: 40, Trials: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	dpl := res.Trials[0].Dipole
	if err := dpl.Smooth(5); err != nil {
		fmt.Println(err)
		return
	}
	dpl.Scale(3000)
	fmt.Println(len(res.Trials), "trials,", len(dpl.TimesMs), "samples, layers", dpl.Layers)
	// Output: 2 trials, 1601 samples, layers [agg L2 L5]
}

// Run a mixed network: the ERP column on a 3×3 grid whose proximal input
// comes from 100 AdEx thalamocortical cells (hnn.ERPThalamic's thalamus),
// and count the spikes of each kind of source.
func ExampleRun_mixed() {
	big := hnn.ERPThalamic()
	net := hnn.Jones2009(3, 3)
	net.Name = "thalamic-3x3"
	net.Point = big.Point
	for _, c := range big.Connections {
		if c.Src == hnn.ThalamusName {
			net.Connections = append(net.Connections, c)
		}
	}
	res, err := simulate.Run(context.Background(), &spec.Run{Network: net, TStopMs: 50}, simulate.Env{Threads: 2})
	if err != nil {
		panic(err)
	}
	byKind := map[record.Kind]int{}
	for _, sp := range res.Trials[0].Spikes {
		r, _, _ := res.Ranges.Locate(sp.GID)
		byKind[r.Kind]++
	}
	fmt.Println("point neurons:", byKind[record.KindPoint], "Poisson sources:", byKind[record.KindPoisson], "cable cells:", byKind[record.KindCell])
	// Output:
	// point neurons: 165 Poisson sources: 276 cable cells: 24
}
