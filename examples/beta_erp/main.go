// Command beta_erp mirrors HNN-core's gallery example plot_simulate_beta.py
// ("05. Simulate beta modulated ERP"), Figure 5 of Law et al. 2021: a
// beta event before a tactile stimulus depresses the evoked response.
//
// On the Law 2021 network (the Jones 2009 column with slow GABA_B
// inhibition, no calcium channels in the L5 pyramidal soma and basal
// dendrites, and a Martinotti-like L5 basket -> L5 pyramidal tuft
// connection) it simulates three runs of 400 ms: a beta event alone (50
// ms), the ERP alone (stimulus at 125 ms) and the beta event followed by
// the ERP. It draws the beta event (drive histogram, dipole, raster,
// time-frequency power), the beta event + ERP, and the two ERPs (smoothed
// 45 ms) side by side with their rasters, and prints how much the beta
// event reduces the ERP.
//
// The zoo builds the same networks as hnn.Law2021BetaERP and
// hnn.Law2021ERP.
//
//	go run ./examples/beta_erp -out out/beta_erp
package main

import (
	"flag"
	"fmt"
	"image/color"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/laminasim/lamina/results"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

// matplotlib's 'b' and 'r'.
var blue, red = color.RGBA{0, 0, 255, 255}, color.RGBA{255, 0, 0, 255}

var (
	out    = flag.String("out", "out/beta_erp", "directory the figures are written to")
	tstop  = flag.Float64("tstop-ms", 400, "simulated time, ms")
	trials = flag.Int("trials", 1, "number of trials")
)

// addERPDrives adds the drives of a tactile evoked response whose first
// input reaches the cortex at stimulusStart + 25 ms: a proximal drive
// (lemniscal thalamus), a distal drive (non-lemniscal thalamus) and a late
// proximal drive, with the parameters of Law et al. 2021.
func addERPDrives(net *model.Network, stimulusStart float64) {
	// Distal evoked drive.
	evdist1 := drive.NewEvoked("evdist1", "distal", 70+stimulusStart, 0, 1)
	evdist1.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.0005, hnn.L2Pyramidal: 0.004, hnn.L5Pyramidal: 0.0005}
	evdist1.WeightsNMDA = map[string]float64{hnn.L2Basket: 0.0005, hnn.L2Pyramidal: 0.004, hnn.L5Pyramidal: 0.0005}
	evdist1.SynapticDelays = map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Pyramidal: 0.1}
	evdist1.EventSeed = 274
	check(net.AddDrive(evdist1))

	// Two proximal drives (AMPA only).
	synDelaysProx := map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Basket: 1, hnn.L5Pyramidal: 1}
	evprox1 := drive.NewEvoked("evprox1", "proximal", 25+stimulusStart, 0, 1)
	evprox1.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.002, hnn.L2Pyramidal: 0.0011, hnn.L5Basket: 0.001, hnn.L5Pyramidal: 0.001}
	evprox1.SynapticDelays = synDelaysProx
	evprox1.EventSeed = 544
	check(net.AddDrive(evprox1))

	// The second proximal drive differs from the first in its AMPA weights.
	evprox2 := drive.NewEvoked("evprox2", "proximal", 135+stimulusStart, 0, 1)
	evprox2.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.005, hnn.L2Pyramidal: 0.005, hnn.L5Basket: 0.01, hnn.L5Pyramidal: 0.01}
	evprox2.SynapticDelays = synDelaysProx
	evprox2.EventSeed = 814
	check(net.AddDrive(evprox2))
}

// addBetaDrives adds a beta event at betaStart: simultaneous bursts of
// proximal and distal input, just strong enough to make the L2 basket
// cells spike, whose GABA_B inhibition then holds the network down.
func addBetaDrives(net *model.Network, betaStart float64) {
	// Distal drive.
	betaDist := drive.NewBursty("beta_dist", "distal", drive.BurstyParams{TStartMs: betaStart, TStartStdMs: 0,
		TStopMs: betaStart + 50, BurstRateHz: 1, BurstStdMs: 10, NumSpikes: 2, SpikeISIMs: 10}, 10)
	betaDist.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.00032, hnn.L2Pyramidal: 0.00008, hnn.L5Pyramidal: 0.00004}
	betaDist.SynapticDelays = map[string]float64{hnn.L2Basket: 0.5, hnn.L2Pyramidal: 0.5, hnn.L5Pyramidal: 0.5}
	betaDist.EventSeed = 290
	check(net.AddDrive(betaDist))

	// Proximal drive.
	betaProx := drive.NewBursty("beta_prox", "proximal", drive.BurstyParams{TStartMs: betaStart, TStartStdMs: 0,
		TStopMs: betaStart + 50, BurstRateHz: 1, BurstStdMs: 20, NumSpikes: 2, SpikeISIMs: 10}, 10)
	betaProx.WeightsAMPA = map[string]float64{hnn.L2Basket: 0.00004, hnn.L2Pyramidal: 0.00002, hnn.L5Basket: 0.00002, hnn.L5Pyramidal: 0.00002}
	betaProx.SynapticDelays = map[string]float64{hnn.L2Basket: 0.1, hnn.L2Pyramidal: 0.1, hnn.L5Basket: 1, hnn.L5Pyramidal: 1}
	betaProx.EventSeed = 300
	check(net.AddDrive(betaProx))
}

func main() {
	flag.Parse()
	check(os.MkdirAll(*out, 0o755))

	// Three networks: 1) beta event only, 2) ERP only, 3) beta event + ERP.
	betaStart, stimulusStart := 50.0, 125.0
	net := hnn.Law2021()
	netBeta := net.Copy()
	addBetaDrives(netBeta, betaStart)
	netERP := net.Copy()
	addERPDrives(netERP, stimulusStart)
	netBetaERP := netBeta.Copy()
	addERPDrives(netBetaERP, stimulusStart)

	// 400 ms, to see the long time course of the beta event's influence.
	opt := simulate.Options{TStopMs: *tstop, Trials: *trials}
	resBeta, err := simulate.RunNetwork(netBeta, opt)
	check(err)
	resERP, err := simulate.RunNetwork(netERP, opt)
	check(err)
	resBetaERP, err := simulate.RunNetwork(netBetaERP, opt)
	check(err)

	// The beta event: the cells spike only at its peak (50 ms); the GABA_B
	// inhibition that follows gives an asymmetric event with a long
	// positive tail.
	dplsBeta := resBeta.Dipoles()
	hist := spikeHist(netBeta, resBeta, "beta event generation")
	p := gplot.New()
	p.Title.Text = "beta event: aggregate dipole"
	addAgg(p, mean(dplsBeta), blue, "")
	fig := &plot.Figure{Panels: [][]*gplot.Plot{{hist}, {p}, {raster(netBeta, resBeta, "beta event: spikes")}}}
	check(plot.SaveFigure(fig, filepath.Join(*out, "beta.png"), 7*vg.Inch, 7*vg.Inch))
	check(plot.SaveFigure(tfr(dplsBeta[0], "beta event"), filepath.Join(*out, "beta_tfr.png"), 7*vg.Inch, 3*vg.Inch))

	// A tactile stimulus 75 ms after the beta event; the first input
	// reaches the cortex 25 ms later.
	dplsBetaERP := resBetaERP.Dipoles()
	for _, d := range dplsBetaERP {
		check(d.Smooth(45))
	}
	p = gplot.New()
	p.Title.Text = "beta event + ERP"
	addAgg(p, mean(dplsBetaERP), red, "")
	fig = &plot.Figure{Panels: [][]*gplot.Plot{{p}, {spikeHist(netBetaERP, resBetaERP, "input drives histogram")},
		{raster(netBetaERP, resBetaERP, "spike raster")}}}
	check(plot.SaveFigure(fig, filepath.Join(*out, "beta_erp.png"), 7*vg.Inch, 7*vg.Inch))

	// The ERP with and without the beta event: the sustained inhibition
	// depresses the sensory response.
	dplsERP := resERP.Dipoles()
	for _, d := range dplsERP {
		check(d.Smooth(45))
	}
	p = gplot.New()
	p.Title.Text = "beta ERP comparison"
	addAgg(p, mean(dplsBetaERP), red, "ERP + beta")
	addAgg(p, mean(dplsERP), blue, "ERP")
	fig = &plot.Figure{Panels: [][]*gplot.Plot{{p}, {raster(netBetaERP, resBetaERP, "beta + ERP spike raster")},
		{raster(netERP, resERP, "ERP spike raster")}}}
	check(plot.SaveFigure(fig, filepath.Join(*out, "compare.png"), 7*vg.Inch, 7*vg.Inch))

	fmt.Printf("Law 2021 model, %d trial(s) of %g ms; beta event at %g ms, stimulus at %g ms\n", *trials, *tstop, betaStart, stimulusStart)
	summary("beta event only", netBeta, resBeta, mean(dplsBeta), 0)
	summary("ERP only", netERP, resERP, mean(dplsERP), stimulusStart)
	summary("beta event + ERP", netBetaERP, resBetaERP, mean(dplsBetaERP), stimulusStart)
	fmt.Println("wrote beta.png, beta_tfr.png, beta_erp.png, compare.png in", *out)
}

// mean is the average dipole over trials.
func mean(ds []*dipole.Dipole) *dipole.Dipole {
	m, err := dipole.Average(ds)
	check(err)
	return m
}

// summary prints the spikes per trial of each cell type and the extremes
// of the aggregate dipole from start on.
func summary(what string, net *model.Network, r *results.Result, d *dipole.Dipole, start float64) {
	t, agg := between(d.TimesMs, d.Data[dipole.LayerAgg], start, math.Inf(1))
	if len(agg) == 0 {
		fmt.Printf("%s: the run ends before %g ms\n", what, start)
		return
	}
	lo, hi := 0, 0
	for i := range agg {
		if agg[i] < agg[lo] {
			lo = i
		}
		if agg[i] > agg[hi] {
			hi = i
		}
	}
	fmt.Printf("%s: after %g ms, agg max %.3g nAm at %.1f ms, min %.3g nAm at %.1f ms\n  spikes per trial after %g ms:",
		what, start, agg[hi], t[hi], agg[lo], t[lo], start)
	times, _, types, _ := spikeColumns(net, r, net.CellTypes())
	for _, ct := range net.CellTypes() {
		n := 0
		for i := range types {
			if types[i] == ct && times[i] >= start {
				n++
			}
		}
		fmt.Printf(" %s %.1f", ct, float64(n)/float64(len(r.Trials)))
	}
	fmt.Println()
}

// addAgg draws the aggregate dipole from 1 ms on, as HNN-core's
// plot_dipole(dpls, layer='agg', tmin=1.0, color=c).
func addAgg(p *gplot.Plot, d *dipole.Dipole, c color.Color, label string) {
	t, x := between(d.TimesMs, d.Data[dipole.LayerAgg], 1, math.Inf(1))
	xy := make(plotter.XYs, len(t))
	for i := range xy {
		xy[i].X, xy[i].Y = t[i], x[i]
	}
	l, err := plotter.NewLine(xy)
	check(err)
	l.Color = c
	p.Add(l)
	if label != "" {
		p.Legend.Add(label, l)
		p.Legend.Top = true
	}
	p.X.Min, p.X.Max = 0, *tstop
	p.Y.Label.Text = "dipole (" + d.Unit + ")"
}

// spikeHist draws the drives' spike histogram, as HNN-core's
// plot_spikes_hist with its 50 bins.
func spikeHist(net *model.Network, r *results.Result, title string) *gplot.Plot {
	var drives []string
	for _, d := range net.Drives {
		drives = append(drives, d.Name)
	}
	times, _, types, _ := spikeColumns(net, r, drives)
	p, err := plot.SpikeHistogram(times, types, len(r.Trials), drives, 0, *tstop, *tstop/50, title)
	check(err)
	return p
}

// raster draws the cells' spikes in the first trial.
func raster(net *model.Network, r *results.Result, title string) *gplot.Plot {
	times, gids, types, trialOf := spikeColumns(net, r, net.CellTypes())
	p, err := plot.Raster(times, gids, types, trialOf, 0, title)
	check(err)
	p.X.Min, p.X.Max = 0, *tstop
	return p
}

// tfr draws the Morlet time-frequency power of the aggregate dipole, 10 to
// 59 Hz in steps of 1 Hz, as HNN-core's dpl.plot_tfr_morlet(freqs,
// n_cycles=7).
func tfr(d *dipole.Dipole, title string) *plot.Figure {
	var freqs []float64
	for f := 10.0; f < 60; f++ {
		freqs = append(freqs, f)
	}
	t, x := between(d.TimesMs, d.Data[dipole.LayerAgg], 0, math.Inf(1))
	// Each wavelet spans ±5σ, σ = n_cycles/(2πf), and must fit in the
	// zero-padded signal (3 times the data): a run shorter than the
	// example's (-tstop-ms) gets fewer than 7 cycles.
	fs := d.SampleRateHz()
	nCycles := math.Min(7, 2*math.Pi*freqs[0]*float64(3*len(x)-3)/(10*fs))
	power, err := analysis.MorletPower(x, fs, freqs, []float64{nCycles}, 1)
	check(err)
	fig, err := plot.TFR(t, freqs, power, d.Unit, title+": time-frequency power")
	check(err)
	return fig
}

// between returns the samples of x whose times lie in [tmin, tmax) and
// their times, as HNN-core's plots select tmin and tmax (the last sample
// is always left out).
func between(times, x []float64, tmin, tmax float64) (t, y []float64) {
	tmax = math.Min(tmax, times[len(times)-1])
	for i := range times {
		if times[i] >= tmin && times[i] < tmax {
			t, y = append(t, times[i]), append(y, x[i])
		}
	}
	return t, y
}

// spikeColumns lists the spikes of the named sources (cell types or
// drives) in every trial as the columns plot.Raster and
// plot.SpikeHistogram take, as HNN-core's cell_response.spike_times,
// spike_gids and spike_types: time (ms), gid, source and trial.
func spikeColumns(net *model.Network, r *results.Result, sources []string) (times []float64, gids []int, types []string, trials []int) {
	st := r.SpikeTable().Of(sources...)
	return st.TimesMs, st.GIDs, st.Types, st.Trials
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
