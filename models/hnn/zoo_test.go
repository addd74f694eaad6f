package hnn_test

import (
	"github.com/laminasim/lamina/record"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
)

// zooRun is one trial of a built-in example: its dipole as simulate_dipole
// returns it (baseline-renormalised, nAm) and its spike counts per type.
type zooRun struct {
	dpl    *dipole.Dipole
	counts map[string]int
	spikes []record.Spike
	err    error
}

var (
	zooOnce sync.Once
	zoo     map[string]*zooRun
)

// zooNames are the examples the tests run: the rhythms are checked on
// the first seven, and every one is compared with HNN-core.
var zooNames = []string{"alpha", "beta", "gamma-weak", "gamma-strong", "gamma-strong-tau2", "law2021-beta-erp", "law2021-erp", "calcium", "somato",
	"optimize-evoked", "optimize-rhythmic"}

// runZoo simulates trial 0 of every example in zooNames once per test
// binary, as many at a time as there are CPUs (about 2980 ms of the
// 10×10 column in all: 1-2 minutes on two cores).
func runZoo(t *testing.T) map[string]*zooRun {
	t.Helper()
	if testing.Short() {
		t.Skip("the model zoo runs take 1-2 minutes")
	}
	zooOnce.Do(func() {
		zoo = map[string]*zooRun{}
		sem := make(chan struct{}, runtime.NumCPU())
		var wg sync.WaitGroup
		for _, name := range zooNames {
			r := &zooRun{}
			zoo[name] = r
			ex, ok := hnn.ExampleNamed(name)
			if !ok {
				r.err = errUnknown(name)
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				net := ex.Network()
				s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue()})
				if err != nil {
					r.err = err
					return
				}
				if r.err = s.Run(ex.TStopMs); r.err != nil {
					return
				}
				l2, _ := s.Dipole("L2")
				l5, _ := s.Dipole("L5")
				agg := make([]float64, len(l2))
				for i := range agg {
					agg[i] = l2[i] + l5[i]
				}
				r.dpl, r.err = dipole.New(s.Times(), []string{"agg", "L2", "L5"},
					map[string][]float64{"agg": agg, "L2": l2, "L5": l5}, dipole.UnitFAm)
				if r.err != nil {
					return
				}
				if r.err = r.dpl.BaselineRenormalize(10, 10); r.err != nil {
					return
				}
				r.err = r.dpl.ToNAm()
				r.counts = map[string]int{}
				r.spikes = append([]record.Spike(nil), s.Spikes()...)
				for _, sp := range s.Spikes() {
					rg, _, _ := net.Locate(model.GID(sp.GID))
					r.counts[rg.Name]++
				}
			}()
		}
		wg.Wait()
	})
	return zoo
}

type errUnknown string

func (e errUnknown) Error() string { return "no example " + string(e) }

func zooGet(t *testing.T, name string) *zooRun {
	t.Helper()
	r := runZoo(t)[name]
	if r.err != nil {
		t.Fatalf("%s: %v", name, r.err)
	}
	return r
}

// spectrum is the Hamming-windowed periodogram of the aggregate dipole
// from 50 ms (past the network's settling) to the end, as HNN-core's
// examples plot it (plot_psd with tmin 50 ms).
func spectrum(t *testing.T, d *dipole.Dipole) (freqs, psd []float64) {
	t.Helper()
	i0 := 0
	for d.TimesMs[i0] < 50 {
		i0++
	}
	f, p, err := analysis.Periodogram(d.Data["agg"][i0:], d.SampleRateHz(), analysis.WindowHamming)
	if err != nil {
		t.Fatal(err)
	}
	return f, p
}

// TestAlphaAndBeta checks the alpha and beta examples
// (plot_simulate_alpha.py): a 10 Hz bursty proximal drive gives a
// dipole dominated by alpha, and adding the simultaneous 10 Hz distal
// drive adds beta (15-30 Hz) power. Measured: alpha peak 11.5 Hz,
// beta-band power 1.5 times higher with the distal drive.
func TestAlphaAndBeta(t *testing.T) {
	fa, pa := spectrum(t, zooGet(t, "alpha").dpl)
	fb, pb := spectrum(t, zooGet(t, "beta").dpl)
	// The 260 ms analysed give 3.8 Hz bins: alpha is the bin at 7.7 or
	// 11.5 Hz.
	if peak := analysis.PeakFrequency(fa, pa, 5, 40); peak < 7 || peak > 13 {
		t.Errorf("alpha: dominant frequency in 5-40 Hz is %.1f Hz, want about 10", peak)
	}
	ba := analysis.BandPower(fa, pa, 15, 30)
	bb := analysis.BandPower(fb, pb, 15, 30)
	t.Logf("beta-band (15-30 Hz) power: alpha %.3g, beta %.3g nAm²", ba, bb)
	// The beta drive's distal volleys recruit the L2/3 dendrites between
	// the alpha troughs; the ratio measured is 1.5, 1.2 leaves room for a
	// changed seed stream without accepting no effect.
	if !(bb > 1.2*ba) {
		t.Errorf("beta: 15-30 Hz power %.3g is not above alpha's %.3g", bb, ba)
	}
}

// gammaStats returns the peak frequency of the dipole in 20-100 Hz and how
// regular its rhythm is: the largest autocorrelation of the aggregate
// dipole (from 50 ms, mean removed) at lags of one gamma period, 10-33 ms
// (1 for a perfectly periodic signal, near 0 for noise).
func gammaStats(t *testing.T, name string) (peakHz, regularity float64) {
	d := zooGet(t, name).dpl
	f, p := spectrum(t, d)
	peakHz = analysis.PeakFrequency(f, p, 20, 100)
	var x []float64
	for i, ts := range d.TimesMs {
		if ts >= 50 {
			x = append(x, d.Data["agg"][i])
		}
	}
	m := 0.0
	for _, v := range x {
		m += v / float64(len(x))
	}
	var c0 float64
	for i := range x {
		x[i] -= m
		c0 += x[i] * x[i]
	}
	dt := d.TimesMs[1] - d.TimesMs[0]
	for lag := int(10 / dt); lag <= int(33/dt); lag++ {
		var c float64
		for i := lag; i < len(x); i++ {
			c += x[i] * x[i-lag]
		}
		regularity = math.Max(regularity, c/c0)
	}
	t.Logf("%s: peak %.1f Hz, autocorrelation at one period %.2f", name, peakHz, regularity)
	return peakHz, regularity
}

// TestGamma checks the PING examples (plot_simulate_gamma.py): weakly
// coupled L2/L5 networks driven by Poisson input give noisy gamma; a tonic
// bias on the L5 pyramidal cells makes it more regular and slower (about
// 50 Hz); shortening the GABAA decay from 5 to 2 ms speeds it to about
// 65 Hz. The periodogram bins are 5 Hz over 200 ms. Measured: weak
// 55 Hz (autocorrelation 0.59), strong 45 Hz (0.82), tau2 65 Hz (0.86).
func TestGamma(t *testing.T) {
	weak, weakReg := gammaStats(t, "gamma-weak")
	strong, strongReg := gammaStats(t, "gamma-strong")
	tau2, _ := gammaStats(t, "gamma-strong-tau2")
	if weak < 30 || weak > 80 {
		t.Errorf("gamma-weak: peak %.1f Hz, want a gamma-band rhythm (30-80 Hz)", weak)
	}
	if strong < 40 || strong > 55 {
		t.Errorf("gamma-strong: peak %.1f Hz, want about 50 Hz", strong)
	}
	if !(strong < weak) {
		t.Errorf("gamma-strong (%.1f Hz) is not slower than gamma-weak (%.1f Hz)", strong, weak)
	}
	if !(strongReg > weakReg) {
		t.Errorf("gamma-strong (autocorrelation %.2f at one period) is not more regular than gamma-weak (%.2f)", strongReg, weakReg)
	}
	if tau2 < 60 || tau2 > 75 {
		t.Errorf("gamma-strong-tau2: peak %.1f Hz, want about 65 Hz", tau2)
	}
}

// TestLaw2021BetaReducesERP checks plot_simulate_beta.py's finding: a beta
// event 75 ms before the sensory drives reduces the ERP, because the
// beta-recruited GABAB inhibition on the L2/3 and L5 pyramidal dendrites
// outlasts the event. The ERP is the 45 ms-smoothed aggregate dipole's
// largest excursion after the stimulus (125-400 ms), with and without the
// beta event. Measured: 0.0059 against 0.0113 nAm.
func TestLaw2021BetaReducesERP(t *testing.T) {
	amp := func(name string) float64 {
		d := zooGet(t, name).dpl.Copy()
		if err := d.Smooth(45); err != nil {
			t.Fatal(err)
		}
		m := 0.0
		for i, ts := range d.TimesMs {
			if ts >= 125 {
				m = math.Max(m, math.Abs(d.Data["agg"][i]))
			}
		}
		return m
	}
	with, without := amp("law2021-beta-erp"), amp("law2021-erp")
	t.Logf("ERP amplitude %.4g nAm after a beta event, %.4g without", with, without)
	// halved in the measurement; 0.8 demands a clear reduction
	if !(with < 0.8*without) {
		t.Errorf("beta event does not reduce the ERP: %.4g nAm with, %.4g without", with, without)
	}
	if r := zooGet(t, "law2021-beta-erp"); r.counts["beta_dist"] == 0 || r.counts["beta_prox"] == 0 {
		t.Errorf("beta drives did not fire: %v", r.counts)
	}
}
