package simulate_test

import (
	"fmt"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/simulate"
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
