// Command gamma mirrors HNN-core's gallery example plot_simulate_gamma.py
// ("03. Simulate Gamma Rhythms"): pyramidal-interneuron gamma (PING) in the
// Jones 2009 column with the connection weights of
// gamma_L5weak_L2weak.json (Lee & Jones 2013).
//
// Three runs, each on the network of the run before:
//   - weak PING: a Poisson drive onto the pyramidal cells (L2/3 140 Hz,
//     L5 40 Hz); raster, dipole and Morlet time-frequency power (20-100 Hz,
//     7 cycles) after the first 50 ms;
//   - strong PING: plus a 6 nA tonic bias into the L5 pyramidal somata, which
//     makes the L5 pyramidal cells fire together at ~50 Hz; dipole, raster
//     and power spectral density;
//   - the L5 pyramidal GABA_A decay (tau2) shortened from 5 to 2 ms, which
//     raises the PING frequency to ~65 Hz; dipole, raster and time-frequency
//     power.
//
// The zoo has the three networks ready made: hnn.GammaWeak, hnn.GammaStrong
// and hnn.GammaStrongTau2.
//
//	go run ./examples/gamma -out out/gamma
package main

import (
	"flag"
	"fmt"
	"image/color"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"

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

var (
	out    = flag.String("out", "out/gamma", "directory the figures are written to")
	tstop  = flag.Float64("tstop-ms", 250, "simulated time, ms")
	trials = flag.Int("trials", 1, "number of trials (the figures show the first)")
)

const (
	scalingFactor = 30000
	// The network needs some time to reach a steady state: the analysis
	// leaves out the first 50 ms.
	tmin = 50.0
)

// minTStopMs is the shortest run whose analysis resolves gamma: the
// 50 ms burn-in (tmin) plus 50 ms of signal, whose PSD resolves 20 Hz, the
// bottom of the 20-100 Hz band the summary and figures look at.
const minTStopMs = tmin + 50

// checkRunLength says whether a run of tstopMs can be analysed: an error
// if it leaves no signal after the burn-in, a warning (non-empty) if the
// signal is too short to resolve the gamma band.
func checkRunLength(tstopMs float64) (warning string, err error) {
	switch {
	case !(tstopMs > tmin) || math.IsInf(tstopMs, 0):
		return "", fmt.Errorf("-tstop-ms = %g: the analysis leaves out the first %g ms (the network settling), so the run must be longer than that; give at least %g ms to resolve the 20-100 Hz band (default 250)", tstopMs, tmin, minTStopMs)
	case tstopMs < minTStopMs:
		return fmt.Sprintf("-tstop-ms = %g leaves %g ms of signal after the %g ms burn-in: the PSD resolves only %.3g Hz and the time-frequency plot has fewer than 7 cycles, so the reported peak means little; give at least %g ms (default 250)", tstopMs, tstopMs-tmin, tmin, 1000/(tstopMs-tmin), minTStopMs), nil
	}
	return "", nil
}

func main() {
	flag.Parse()
	warning, err := checkRunLength(*tstop)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gamma:", err)
		os.Exit(2)
	}
	if warning != "" {
		fmt.Fprintln(os.Stderr, "gamma: warning:", warning)
	}
	check(os.MkdirAll(*out, 0o755))

	// The connection weights of gamma_L5weak_L2weak.json: only the
	// inhibitory loops and the pyramidal-to-basket connections are on.
	weights := hnn.GammaWeights()
	fmt.Println("connection weights (µS):", weights)
	net := hnn.JonesWithWeights(10, 10, weights)

	// A tonic Poisson excitation of the pyramidal cells, each cell with its
	// own drive cell, at a rate per cell type.
	poisson := drive.NewPoisson("poisson", "proximal", 0, 0, 0)
	poisson.Poisson.RateByType = map[string]float64{hnn.L2Pyramidal: 140, hnn.L5Pyramidal: 40}
	poisson.WeightsAMPA = map[string]float64{hnn.L2Pyramidal: 0.0008, hnn.L5Pyramidal: 0.0075}
	poisson.SynapticDelays = map[string]float64{hnn.L2Pyramidal: 0.1, hnn.L5Pyramidal: 1}
	poisson.EventSeed = 1349
	check(net.AddDrive(poisson))

	// Weak PING: the basket cells fire synchronously, only a fraction of
	// the pyramidal cells reach threshold in each cycle.
	dpl, res := run(net)
	check(plot.Save(raster(net, res, "weak PING"), filepath.Join(*out, "weak_raster.png"), 7*vg.Inch, 4*vg.Inch))
	check(plot.Save(plotAgg(dpl, "weak PING"), filepath.Join(*out, "weak_dipole.png"), 7*vg.Inch, 3*vg.Inch))
	check(plot.SaveFigure(tfr(dpl, "weak PING"), filepath.Join(*out, "weak_tfr.png"), 7*vg.Inch, 3*vg.Inch))
	summary("weak PING", net, res, dpl)

	// Strong PING: a 6 nA tonic bias into the L5 pyramidal somata for the
	// whole run (HNN-core's add_tonic_bias).
	net.Biases = append(net.Biases, model.Bias{Name: "tonic", CellType: hnn.L5Pyramidal,
		Section: "soma", X: 0.5, AmplitudeNA: 6})
	dpl, res = run(net)
	check(plot.Save(plotAgg(dpl, "strong PING"), filepath.Join(*out, "strong_dipole.png"), 7*vg.Inch, 3*vg.Inch))
	check(plot.Save(raster(net, res, "strong PING"), filepath.Join(*out, "strong_raster.png"), 7*vg.Inch, 4*vg.Inch))
	freqs, psd := periodogram(dpl)
	check(plot.Save(plotPSD(dpl, freqs, psd, "strong PING"), filepath.Join(*out, "strong_psd.png"), 7*vg.Inch, 4*vg.Inch))
	summary("strong PING", net, res, dpl)

	// Shorten the GABA_A decay time constant (tau2) of the L5 pyramidal
	// cells' synapses from 5 to 2 ms: a shorter refractory period between
	// L5 pyramidal spikes, faster PING.
	l5, _ := net.Population(hnn.L5Pyramidal)
	for i, syn := range l5.Cell.Points {
		if strings.HasSuffix(syn.Name, "_gabaa") {
			l5.Cell.Points[i].Params["tau2"] = 2
		}
	}
	dpl, res = run(net)
	check(plot.Save(plotAgg(dpl, "strong PING, GABA_A tau2 2 ms"), filepath.Join(*out, "tau2_dipole.png"), 7*vg.Inch, 3*vg.Inch))
	check(plot.Save(raster(net, res, "strong PING, GABA_A tau2 2 ms"), filepath.Join(*out, "tau2_raster.png"), 7*vg.Inch, 4*vg.Inch))
	check(plot.SaveFigure(tfr(dpl, "strong PING, GABA_A tau2 2 ms"), filepath.Join(*out, "tau2_tfr.png"), 7*vg.Inch, 3*vg.Inch))
	summary("strong PING, tau2 2 ms", net, res, dpl)
	fmt.Println("wrote weak_*.png, strong_*.png, tau2_*.png in", *out)
}

// run simulates net and returns the first trial's dipole, scaled.
func run(net *model.Network) (*dipole.Dipole, *results.Result) {
	res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: *tstop, Trials: *trials})
	check(err)
	for _, d := range res.Dipoles() {
		d.Scale(scalingFactor)
	}
	return res.Trials[0].Dipole, res
}

// summary prints the spike counts and the peak of the PSD.
func summary(what string, net *model.Network, res *results.Result, dpl *dipole.Dipole) {
	freqs, psd := periodogram(dpl)
	fmt.Printf("%s, %g ms: PSD peak (20-100 Hz) at %.1f Hz\n  spikes:", what, *tstop, analysis.PeakFrequency(freqs, psd, 20, 100))
	_, _, types, _ := spikeColumns(net, res, net.CellTypes())
	for _, ct := range net.CellTypes() {
		n := 0
		for _, t := range types {
			if t == ct {
				n++
			}
		}
		fmt.Printf(" %s %d", ct, n)
	}
	fmt.Println()
}

// tfr draws the Morlet time-frequency power of the aggregate dipole from
// tmin on, 20 to 99 Hz in steps of 1 Hz, as HNN-core's
// dpl.plot_tfr_morlet(freqs, n_cycles=7, tmin=tmin).
func tfr(d *dipole.Dipole, title string) *plot.Figure {
	var freqs []float64
	for f := 20.0; f < 100; f++ {
		freqs = append(freqs, f)
	}
	t, x := between(d.TimesMs, d.Data[dipole.LayerAgg], tmin, math.Inf(1))
	// Each wavelet spans ±5σ, σ = n_cycles/(2πf), and must fit in the
	// zero-padded signal (3 times the data): a run shorter than the
	// example's (-tstop-ms) gets fewer than 7 cycles.
	fs := d.SampleRateHz()
	nCycles := math.Min(7, 2*math.Pi*freqs[0]*float64(3*len(x)-3)/(10*fs))
	power, err := analysis.MorletPower(x, fs, freqs, []float64{nCycles}, 1)
	check(err)
	fig, err := plot.TFR(t, freqs, power, unit(d), title+": time-frequency power")
	check(err)
	return fig
}

// plotAgg draws the aggregate dipole from tmin on, as HNN-core's
// dpl.plot(tmin=tmin).
func plotAgg(d *dipole.Dipole, title string) *gplot.Plot {
	t, x := between(d.TimesMs, d.Data[dipole.LayerAgg], tmin, math.Inf(1))
	xy := make(plotter.XYs, len(t))
	for i := range xy {
		xy[i].X, xy[i].Y = t[i], x[i]
	}
	l, err := plotter.NewLine(xy)
	check(err)
	l.Color = color.Black
	p := gplot.New()
	p.Add(l)
	p.Title.Text = title + ": aggregate dipole"
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "dipole (" + unit(d) + ")"
	return p
}

// raster draws the cells' spikes in the first trial.
func raster(net *model.Network, res *results.Result, title string) *gplot.Plot {
	times, gids, types, trialOf := spikeColumns(net, res, net.CellTypes())
	p, err := plot.Raster(times, gids, types, trialOf, 0, title+": spikes")
	check(err)
	p.X.Min, p.X.Max = 0, *tstop
	return p
}

// periodogram is the power spectral density of the aggregate dipole from
// tmin on, as HNN-core's plot_psd: scipy.signal.periodogram with a Hamming
// window.
func periodogram(d *dipole.Dipole) (freqs, psd []float64) {
	_, x := between(d.TimesMs, d.Data[dipole.LayerAgg], tmin, math.Inf(1))
	freqs, psd, err := analysis.Periodogram(x, d.SampleRateHz(), analysis.WindowHamming)
	check(err)
	return freqs, psd
}

// plotPSD draws the PSD from 20 to 100 Hz, as plot_psd(fmin=20, fmax=100).
func plotPSD(d *dipole.Dipole, freqs, psd []float64, title string) *gplot.Plot {
	var f, v []float64
	for i := range freqs {
		if freqs[i] >= 20 && freqs[i] <= 100 {
			f, v = append(f, freqs[i]), append(v, psd[i])
		}
	}
	p, err := plot.PSD(f, map[string][]float64{dipole.LayerAgg: v}, []string{dipole.LayerAgg}, unit(d), title+": PSD")
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
