// Command firing_pattern mirrors HNN-core's gallery example
// howto/plot_firing_pattern.py ("01. Plot firing pattern"): how to inspect
// the firing of the cells of the Jones 2009 column driven by the ERP
// example's three evoked drives.
//
// It simulates with somatic voltages recorded (record_vsec='soma'), prints
// the gid ranges and the mean firing rates of each cell type (over trials
// and per trial), and draws the somatic voltage of gid 170 (the first L5
// pyramidal cell), the spike raster, and the voltages of 10 L2/3 and 10 L5
// pyramidal cells over the raster and the pyramidal cells' spike
// histogram.
//
//	go run ./examples/firing_pattern -out out/firing_pattern
package main

import (
	"flag"
	"fmt"
	"image/color"
	"log"
	"os"
	"path/filepath"

	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/spec"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

// matplotlib's 'g' and 'r'.
var green, red = color.RGBA{0, 128, 0, 255}, color.RGBA{255, 0, 0, 255}

func main() {
	out := flag.String("out", "out/firing_pattern", "directory the figures are written to")
	tstop := flag.Float64("tstop-ms", 170, "simulated time, ms")
	trials := flag.Int("trials", 1, "number of trials (the voltage figures show the first)")
	flag.Parse()
	check(os.MkdirAll(*out, 0o755))

	// The network has no drives yet, only its local connectivity.
	net := hnn.Jones2009(10, 10)

	// A distal evoked drive: inputs normally distributed in time.
	evdist1 := drive.NewEvoked("evdist1", "distal", 63.53, 3.85, 1)
	evdist1.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.006562, hnn.L2Pyramidal: 7e-6, hnn.L5Pyramidal: 0.142300}
	evdist1.WeightsNMDA = map[string]float64{hnn.L2Basket: 0.019482, hnn.L2Pyramidal: 0.004317, hnn.L5Pyramidal: 0.080074}
	evdist1.SynapticDelays = map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Pyramidal: 0.1}
	evdist1.EventSeed = 274
	check(net.AddDrive(evdist1))

	// Two proximal drives, which drive current up the dendrites (the distal
	// one drives it down, the negative deflection).
	synapticDelaysProx := map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Basket: 1, hnn.L5Pyramidal: 1}
	evprox1 := drive.NewEvoked("evprox1", "proximal", 26.61, 2.47, 1)
	evprox1.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.08831, hnn.L2Pyramidal: 0.01525, hnn.L5Basket: 0.19934, hnn.L5Pyramidal: 0.00865}
	evprox1.SynapticDelays = synapticDelaysProx
	evprox1.EventSeed = 544
	check(net.AddDrive(evprox1))
	evprox2 := drive.NewEvoked("evprox2", "proximal", 137.12, 8.33, 1)
	evprox2.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.000003, hnn.L2Pyramidal: 1.438840, hnn.L5Basket: 0.008958, hnn.L5Pyramidal: 0.684013}
	evprox2.SynapticDelays = synapticDelaysProx
	evprox2.EventSeed = 814
	check(net.AddDrive(evprox2))

	// Simulate with the somatic voltages recorded.
	res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: *tstop, Trials: *trials,
		Record: spec.Record{VSec: "soma"}})
	check(err)

	// Every cell and drive cell has a gid: net.gid_ranges.
	fmt.Print("gid ranges:")
	for _, r := range net.Ranges() {
		fmt.Printf(" %s %d-%d", r.Name, r.First, int(r.First)+r.N-1)
	}
	fmt.Println()

	// The firing pattern of one cell, by its gid.
	trial := res.Trials[0]
	gid := 170
	cellType, _, _ := net.Locate(model.GID(gid))
	p := gplot.New()
	p.Title.Text = fmt.Sprintf("%s (gid=%d)", cellType.Name, gid)
	p.X.Label.Text, p.Y.Label.Text = "time (ms)", "voltage (mV)"
	addLine(p, trial.TimesMs, trial.V(gid, "soma"), color.Black)
	check(plot.Save(p, filepath.Join(*out, "voltage_gid170.png"), 4*vg.Inch, 4*vg.Inch))

	// The spikes of the network.
	times, gids, types, trialOf := spikeColumns(net, res, net.CellTypes())
	raster, err := plot.Raster(times, gids, types, trialOf, 0, "spikes, trial 0")
	check(err)
	raster.X.Min, raster.X.Max = 0, *tstop
	check(plot.Save(raster, filepath.Join(*out, "raster.png"), 7*vg.Inch, 4*vg.Inch))

	// The mean spike rates of each cell type between tstart and tstop:
	// cell_response.mean_rates(tstart=0, tstop=170, gid_ranges,
	// mean_type='all') and mean_type='trial'.
	allRates, err := res.MeanRates(0, *tstop, analysis.RatesAll)
	check(err)
	trialRates, err := res.MeanRates(0, *tstop, analysis.RatesTrial)
	check(err)
	fmt.Println("mean spike rates across trials (Hz):")
	for _, r := range allRates {
		fmt.Printf("  %-13s %6.2f\n", r.Name, r.All)
	}
	fmt.Println("mean spike rates for individual trials (Hz):")
	for _, r := range trialRates {
		fmt.Printf("  %-13s %.2f\n", r.Name, r.Trial)
	}

	// The somatic voltages of 10 cells of each pyramidal type, over the
	// raster and the spike histogram of the pyramidal cells.
	l2, _ := net.RangeOf(hnn.L2Pyramidal)
	l5, _ := net.RangeOf(hnn.L5Pyramidal)
	v := gplot.New()
	v.Title.Text = "somatic voltage: 10 L2/3 (green) and 10 L5 (red) pyramidal cells"
	v.Y.Label.Text = "voltage (mV)"
	for idx := range 10 {
		addLine(v, trial.TimesMs, trial.V(int(l2.First)+idx, "soma"), green)
		addLine(v, trial.TimesMs, trial.V(int(l5.First)+idx, "soma"), red)
	}
	v.X.Min, v.X.Max = 0, *tstop
	pyramidal := []string{hnn.L5Pyramidal, hnn.L2Pyramidal}
	hist, err := plot.SpikeHistogram(times, types, *trials, pyramidal, 0, *tstop, *tstop/50, "pyramidal spikes")
	check(err)
	fig := &plot.Figure{Panels: [][]*gplot.Plot{{v}, {raster}, {hist}}}
	check(plot.SaveFigure(fig, filepath.Join(*out, "firing_pattern.png"), 5*vg.Inch, 7*vg.Inch))

	fmt.Printf("gid %d (%s) spiked %d time(s) in trial 0\n", gid, cellType.Name, count(times, gids, trialOf, gid))
	fmt.Println("wrote voltage_gid170.png, raster.png, firing_pattern.png in", *out)
}

// addLine draws ys against xs on p, as matplotlib's ax.plot(xs, ys, color=c).
func addLine(p *gplot.Plot, xs, ys []float64, c color.Color) {
	xy := make(plotter.XYs, len(xs))
	for i := range xy {
		xy[i].X, xy[i].Y = xs[i], ys[i]
	}
	l, err := plotter.NewLine(xy)
	check(err)
	l.Color = c
	p.Add(l)
}

// count is the number of spikes of gid in trial 0.
func count(times []float64, gids, trials []int, gid int) int {
	n := 0
	for i := range times {
		if gids[i] == gid && trials[i] == 0 {
			n++
		}
	}
	return n
}

// spikeColumns lists the spikes of the named sources (cell types or
// drives) in every trial as the columns plot.Raster and
// plot.SpikeHistogram take, as HNN-core's cell_response.spike_times,
// spike_gids and spike_types: time (ms), gid, source and trial.
func spikeColumns(net *model.Network, res *results.Result, sources []string) (times []float64, gids []int, types []string, trials []int) {
	st := res.SpikeTable().Of(sources...)
	return st.TimesMs, st.GIDs, st.Types, st.Trials
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
