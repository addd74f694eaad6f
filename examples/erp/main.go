// Command erp mirrors HNN-core's gallery example plot_simulate_evoked.py
// ("01. Simulate Event Related Potentials (ERPs)"): the threshold-level
// tactile evoked response of Jones et al. 2007, made by the Jones 2009
// column and three evoked drives, a proximal volley at 26.61 ms, a distal
// one at 63.53 ms and a late proximal one at 137.12 ms.
//
// It simulates the trials, smooths (30 ms Hamming window) and scales (3000)
// the dipoles, and draws the dipole of every trial and their mean by layer,
// the spike raster and the drives' spike histogram. As the example, it then
// makes the drives synchronous (one drive cell per drive, not cell-specific)
// and simulates one trial of that network.
//
//	go run ./examples/erp -out out/erp
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/laminasim/lamina/results"

	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

func main() {
	out := flag.String("out", "out/erp", "directory the figures are written to")
	tstop := flag.Float64("tstop-ms", 170, "simulated time, ms")
	trials := flag.Int("trials", 2, "number of trials")
	flag.Parse()
	check(os.MkdirAll(*out, 0o755))

	// The default network (jones_2009_model) on a 10 x 10 grid.
	net := hnn.Jones2009(10, 10)

	// First, a distal evoked drive.
	weightsAMPAd1 := map[string]float64{hnn.L2Basket: 0.006562, hnn.L2Pyramidal: 0.000007, hnn.L5Pyramidal: 0.142300}
	weightsNMDAd1 := map[string]float64{hnn.L2Basket: 0.019482, hnn.L2Pyramidal: 0.004317, hnn.L5Pyramidal: 0.080074}
	synapticDelaysD1 := map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Pyramidal: 0.1}
	evdist1 := drive.NewEvoked("evdist1", "distal", 63.53, 3.85, 1)
	evdist1.WeightsAMPA, evdist1.WeightsNMDA = weightsAMPAd1, weightsNMDAd1
	evdist1.SynapticDelays = synapticDelaysD1
	evdist1.EventSeed = 274
	check(net.AddDrive(evdist1))

	// Then two proximal drives (AMPA only).
	weightsAMPAp1 := map[string]float64{hnn.L2Basket: 0.08831, hnn.L2Pyramidal: 0.01525, hnn.L5Basket: 0.19934, hnn.L5Pyramidal: 0.00865}
	synapticDelaysProx := map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Basket: 1, hnn.L5Pyramidal: 1}
	evprox1 := drive.NewEvoked("evprox1", "proximal", 26.61, 2.47, 1)
	evprox1.WeightsAMPA = weightsAMPAp1
	evprox1.SynapticDelays = synapticDelaysProx
	evprox1.EventSeed = 544
	check(net.AddDrive(evprox1))

	// The second proximal drive differs from the first in its AMPA weights.
	weightsAMPAp2 := map[string]float64{hnn.L2Basket: 0.000003, hnn.L2Pyramidal: 1.438840, hnn.L5Basket: 0.008958, hnn.L5Pyramidal: 0.684013}
	evprox2 := drive.NewEvoked("evprox2", "proximal", 137.12, 8.33, 1)
	evprox2.WeightsAMPA = weightsAMPAp2
	evprox2.SynapticDelays = synapticDelaysProx
	evprox2.EventSeed = 814
	check(net.AddDrive(evprox2))

	// simulate_dipole(net, tstop=170., n_trials=2); the trials run in
	// parallel.
	res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: *tstop, Trials: *trials})
	check(err)

	// Smooth and scale in place.
	windowLen, scalingFactor := 30.0, 3000.0
	dpls := res.Dipoles()
	for _, dpl := range dpls {
		check(dpl.Smooth(windowLen))
		dpl.Scale(scalingFactor)
	}

	// The dipole of every trial and their mean, by layer.
	fig, err := plot.DipoleTrials(dpls, "ERP")
	check(err)
	check(plot.SaveFigure(fig, filepath.Join(*out, "dipole.png"), 7*vg.Inch, 7*vg.Inch))

	// The cells' spikes in the first trial, and the drives' spike
	// histogram (HNN-core's 50 bins).
	times, gids, types, trialOf := spikeColumns(net, res, net.CellTypes())
	raster, err := plot.Raster(times, gids, types, trialOf, 0, "spikes, trial 0")
	check(err)
	raster.X.Min, raster.X.Max = 0, *tstop
	check(plot.Save(raster, filepath.Join(*out, "raster.png"), 7*vg.Inch, 4*vg.Inch))
	drives := []string{"evprox1", "evdist1", "evprox2"}
	driveTimes, _, driveTypes, _ := spikeColumns(net, res, drives)
	hist, err := plot.SpikeHistogram(driveTimes, driveTypes, *trials, drives, 0, *tstop, *tstop/50, "drive spikes")
	check(err)
	check(plot.Save(hist, filepath.Join(*out, "spike_hist.png"), 7*vg.Inch, 3*vg.Inch))

	fmt.Printf("ERP, %d trial(s) of %g ms\n", *trials, *tstop)
	printSpikeCounts(net, types, *trials)
	mean, err := dipole.Average(dpls)
	check(err)
	printPeaks("mean dipole", mean)

	// Now make the drives synchronous: one drive cell per drive, not
	// cell-specific, so that every cell receives the same volley.
	netSync := hnn.Jones2009(10, 10)
	for _, d := range []drive.Drive{evdist1, evprox1, evprox2} {
		d.NDriveCells, d.CellSpecific = 1, false
		check(netSync.AddDrive(d))
	}
	fmt.Printf("evdist1 dynamics: %+v\n", *netSync.Drives[0].Evoked)

	resSync, err := simulate.RunNetwork(netSync, simulate.Options{TStopMs: *tstop, Trials: 1})
	check(err)
	dplSync := resSync.Trials[0].Dipole.Copy()
	check(dplSync.Smooth(windowLen))
	dplSync.Scale(scalingFactor)
	p, err := plot.Dipole(dplSync, "ERP, synchronous drives")
	check(err)
	check(plot.Save(p, filepath.Join(*out, "dipole_sync.png"), 7*vg.Inch, 4*vg.Inch))
	driveTimes, _, driveTypes, _ = spikeColumns(netSync, resSync, drives)
	hist, err = plot.SpikeHistogram(driveTimes, driveTypes, 1, drives, 0, *tstop, *tstop/50, "drive spikes, synchronous drives")
	check(err)
	check(plot.Save(hist, filepath.Join(*out, "spike_hist_sync.png"), 7*vg.Inch, 3*vg.Inch))

	fmt.Println("synchronous drives, 1 trial")
	_, _, types, _ = spikeColumns(netSync, resSync, netSync.CellTypes())
	printSpikeCounts(netSync, types, 1)
	printPeaks("dipole", dplSync)
	fmt.Println("wrote dipole.png, raster.png, spike_hist.png, dipole_sync.png, spike_hist_sync.png in", *out)
}

// spikeColumns lists the spikes of the named sources (cell types or
// drives) in every trial as the columns plot.Raster and
// plot.SpikeHistogram take, as HNN-core's cell_response.spike_times,
// spike_gids and spike_types: time (ms), gid, source and trial.
func spikeColumns(net *model.Network, res *results.Result, sources []string) (times []float64, gids []int, types []string, trials []int) {
	st := res.SpikeTable().Of(sources...)
	return st.TimesMs, st.GIDs, st.Types, st.Trials
}

// printSpikeCounts prints the number of spikes per trial of every cell
// population.
func printSpikeCounts(net *model.Network, types []string, trials int) {
	fmt.Print("  spikes per trial:")
	for _, ct := range net.CellTypes() {
		n := 0
		for _, t := range types {
			if t == ct {
				n++
			}
		}
		fmt.Printf(" %s %.1f", ct, float64(n)/float64(trials))
	}
	fmt.Println()
}

// printPeaks prints the extremes of the aggregate dipole and their times.
func printPeaks(what string, d *dipole.Dipole) {
	agg := d.Data[dipole.LayerAgg]
	lo, hi := 0, 0
	for i, v := range agg {
		if v < agg[lo] {
			lo = i
		}
		if v > agg[hi] {
			hi = i
		}
	}
	fmt.Printf("  %s (agg): max %.1f %s at %.1f ms, min %.1f %s at %.1f ms\n",
		what, agg[hi], d.Unit, d.TimesMs[hi], agg[lo], d.Unit, d.TimesMs[lo])
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
