// Command alpha_beta mirrors HNN-core's gallery example
// plot_simulate_alpha.py ("02. Simulate Alpha and Beta Rhythms"): the
// alpha/beta complex of the SI mu rhythm (Jones et al. 2009).
//
// A 10 Hz bursty proximal drive alone makes the Jones 2009 column produce
// alpha (~10 Hz) activity: the program scales the dipole (3000), smooths a
// copy (20 ms) and draws both and the power spectral density. Adding a
// simultaneous 10 Hz bursty distal drive, whose bursts are less jittered,
// shifts the dominant power to beta (15-30 Hz): the program draws the
// drives' spike histogram, the dipole and its power spectral density
// again.
//
//	go run ./examples/alpha_beta -out out/alpha_beta
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

func main() {
	out := flag.String("out", "out/alpha_beta", "directory the figures are written to")
	tstop := flag.Float64("tstop-ms", 310, "simulated time, ms")
	trials := flag.Int("trials", 1, "number of trials (the figures show the first)")
	flag.Parse()
	check(os.MkdirAll(*out, 0o755))

	net := hnn.Jones2009(10, 10)

	// A ~10 Hz bursty drive from 50 ms to the end of the run: bursts of 2
	// spikes 10 ms apart, each burst jittered by 20 ms (standard
	// deviation), 10 drive cells, onto the proximal AMPA synapses of the
	// L2/3 and L5 pyramidal cells.
	alphaProx := drive.NewBursty("alpha_prox", "proximal", drive.BurstyParams{
		TStartMs: 50, BurstRateHz: 10, BurstStdMs: 20, NumSpikes: 2, SpikeISIMs: 10}, 10)
	alphaProx.WeightsAMPA = map[string]float64{hnn.L2Pyramidal: 5.4e-5, hnn.L5Pyramidal: 5.4e-5}
	alphaProx.SynapticDelays = map[string]float64{hnn.L2Pyramidal: 0.1, hnn.L5Pyramidal: 1}
	alphaProx.EventSeed = 284
	check(net.AddDrive(alphaProx))

	res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: *tstop, Trials: *trials})
	check(err)
	dpl := res.Trials[0].Dipole
	// To emulate a larger patch of cortex, scale the dipole.
	dpl.Scale(3000)

	// Smooth a copy with a 20 ms Hamming window to compare; leave out
	// the initial burn-in (before 10 ms) from the plots.
	tmin, tmax := 10.0, 300.0
	windowLen := 20.0
	dplSmooth := dpl.Copy()
	check(dplSmooth.Smooth(windowLen))

	p := gplot.New()
	p.Title.Text = "alpha: aggregate dipole"
	addAgg(p, dpl, tmin, tmax, blue, "raw")
	addAgg(p, dplSmooth, tmin, tmax, red, "smoothed")
	check(plot.Save(p, filepath.Join(*out, "alpha_dipole.png"), 7*vg.Inch, 3.5*vg.Inch))

	freqs, psd := periodogram(dpl, tmin)
	psdPlot := plotPSD(dpl, freqs, psd, 1, 1000, "alpha: PSD")
	psdPlot.X.Scale = gplot.LogScale{}
	psdPlot.X.Tick.Marker = gplot.LogTicks{Prec: -1}
	check(plot.Save(psdPlot, filepath.Join(*out, "alpha_psd.png"), 7*vg.Inch, 4*vg.Inch))
	fmt.Printf("alpha (proximal drive only), %g ms: PSD peak (1-40 Hz) at %.1f Hz\n", *tstop, analysis.PeakFrequency(freqs, psd, 1, 40))

	// Now add a simultaneous 10 Hz distal drive with less jitter (15 ms).
	// Its spikes reach the other end of the pyramidal cells: beta events.
	alphaDist := drive.NewBursty("alpha_dist", "distal", drive.BurstyParams{
		TStartMs: 50, BurstRateHz: 10, BurstStdMs: 15, NumSpikes: 2, SpikeISIMs: 10}, 10)
	alphaDist.WeightsAMPA = map[string]float64{hnn.L2Pyramidal: 5.4e-5, hnn.L5Pyramidal: 5.4e-5}
	alphaDist.SynapticDelays = map[string]float64{hnn.L2Pyramidal: 5, hnn.L5Pyramidal: 5}
	alphaDist.EventSeed = 296
	check(net.AddDrive(alphaDist))

	res, err = simulate.RunNetwork(net, simulate.Options{TStopMs: *tstop, Trials: *trials})
	check(err)
	// As in the example, this dipole is not scaled.
	dpl = res.Trials[0].Dipole
	dplSmooth = dpl.Copy()
	check(dplSmooth.Smooth(windowLen))

	drives := []string{"alpha_prox", "alpha_dist"}
	times, _, types, _ := spikeColumns(net, res, drives)
	hist, err := plot.SpikeHistogram(times, types, *trials, drives, 0, *tstop, *tstop/50, "alpha + beta: drive spikes")
	check(err)
	p = gplot.New()
	p.Title.Text = "alpha + beta: aggregate dipole"
	addAgg(p, dpl, tmin, tmax, blue, "raw")
	addAgg(p, dplSmooth, tmin, tmax, red, "smoothed")
	freqs, psd = periodogram(dpl, tmin)
	psdPlot = plotPSD(dpl, freqs, psd, 0, 40, "alpha + beta: PSD")
	fig := &plot.Figure{Panels: [][]*gplot.Plot{{hist}, {p}, {psdPlot}}}
	check(plot.SaveFigure(fig, filepath.Join(*out, "beta.png"), 7*vg.Inch, 8*vg.Inch))
	fmt.Printf("alpha + beta (proximal and distal drives), %g ms: PSD peak (1-40 Hz) at %.1f Hz\n", *tstop, analysis.PeakFrequency(freqs, psd, 1, 40))
	fmt.Println("wrote alpha_dipole.png, alpha_psd.png, beta.png in", *out)
}

// addAgg draws the aggregate dipole of d between tmin and tmax on p,
// as HNN-core's dpl.plot(tmin=tmin, tmax=tmax, color=c).
func addAgg(p *gplot.Plot, d *dipole.Dipole, tmin, tmax float64, c color.Color, label string) {
	t, x := between(d.TimesMs, d.Data[dipole.LayerAgg], tmin, tmax)
	xy := make(plotter.XYs, len(t))
	for i := range xy {
		xy[i].X, xy[i].Y = t[i], x[i]
	}
	l, err := plotter.NewLine(xy)
	check(err)
	l.Color = c
	p.Add(l)
	p.Legend.Add(label, l)
	p.Legend.Top = true
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "dipole (" + unit(d) + ")"
}

// periodogram is the power spectral density of the aggregate dipole from
// tmin on, as HNN-core's plot_psd: scipy.signal.periodogram with a
// Hamming window.
func periodogram(d *dipole.Dipole, tmin float64) (freqs, psd []float64) {
	_, x := between(d.TimesMs, d.Data[dipole.LayerAgg], tmin, math.Inf(1))
	freqs, psd, err := analysis.Periodogram(x, d.SampleRateHz(), analysis.WindowHamming)
	check(err)
	return freqs, psd
}

// plotPSD draws the PSD between fmin and fmax.
func plotPSD(d *dipole.Dipole, freqs, psd []float64, fmin, fmax float64, title string) *gplot.Plot {
	var f, v []float64
	for i := range freqs {
		if freqs[i] >= fmin && freqs[i] <= fmax {
			f, v = append(f, freqs[i]), append(v, psd[i])
		}
	}
	p, err := plot.PSD(f, map[string][]float64{dipole.LayerAgg: v}, []string{dipole.LayerAgg}, unit(d), title)
	check(err)
	p.Y.Label.Text = "PSD ([" + unit(d) + "]²/Hz)" // shorter than plot.PSD's label, which gonum fits into the panel's height
	return p
}

// unit names the dipole's unit and scale, as HNN-core labels its axes.
func unit(d *dipole.Dipole) string {
	if d.ScaleApplied == 1 {
		return d.Unit
	}
	return fmt.Sprintf("%s × %g", d.Unit, d.ScaleApplied)
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
func spikeColumns(net *model.Network, res *results.Result, sources []string) (times []float64, gids []int, types []string, trials []int) {
	st := res.SpikeTable().Of(sources...)
	return st.TimesMs, st.GIDs, st.Types, st.Trials
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
