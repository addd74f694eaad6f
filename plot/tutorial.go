package plot

import (
	"fmt"

	"github.com/laminasim/lamina/record"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/analysis"
)

// TutorialRaster draws spikes (times in ms, gids, types) as the NEURON
// tutorials' raster:
// one row per gid, coloured by type.
func TutorialRaster(timesMs []float64, gids []int, types []string, title string) (*Figure, error) {
	trials := make([]int, len(timesMs))
	p, err := Raster(timesMs, gids, types, trials, 0, title)
	if err != nil {
		return nil, err
	}
	return Single(p), nil
}

// GroupRates draws each group's population rate (Hz per cell) in bins of
// binMs over [0, tstopMs], as the class_4 notebook plots the left and
// right groups (1 ms bins, steps).
func GroupRates(timesMs []float64, gids []int, groups []record.Range, tstopMs, binMs float64, title string) (*Figure, error) {
	if len(timesMs) != len(gids) {
		return nil, fmt.Errorf("plot: %d times, %d gids", len(timesMs), len(gids))
	}
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "rate (Hz)"
	pal := Palette()
	for i, g := range groups {
		if g.N <= 0 {
			return nil, fmt.Errorf("plot: group %q has %d cells", g.Name, g.N)
		}
		var ts []float64
		for k, t := range timesMs {
			if g.Contains(record.GID(gids[k])) {
				ts = append(ts, t)
			}
		}
		centres, rate := analysis.PopulationRate(ts, g.N, 0, tstopMs, binMs)
		xy := make(plotter.XYs, 0, 2*len(rate))
		for j, r := range rate {
			xy = append(xy, plotter.XY{X: centres[j] - binMs/2, Y: r}, plotter.XY{X: centres[j] + binMs/2, Y: r})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color = pal[i%len(pal)]
		l.Width = vg.Points(1)
		p.Add(l)
		p.Legend.Add(g.Name, l)
	}
	p.Legend.Top = true
	return Single(p), nil
}

// SpectrogramParams are the settings of RateSpectrogram: the spike count
// in BinMs bins times 1000 (spikes/s for 1 ms bins), sampled at 1000/BinMs
// Hz, analysed as scipy.signal.spectrogram with Window, NPerSeg, NOverlap
// and NFFT, and shown up to MaxHz.
type SpectrogramParams struct {
	// BinMs is the width of the count bins (ms).
	BinMs float64
	// Window is the window, as analysis.Spectrogram names it, e.g.
	// "tukey(0.25)".
	Window string
	// NPerSeg, NOverlap and NFFT are the samples per segment, the samples
	// shared by consecutive segments and the FFT length.
	NPerSeg, NOverlap, NFFT int
	// MaxHz is the highest frequency kept (Hz).
	MaxHz float64
}

// DefaultSpectrogramParams returns the tutorial's spectrogram settings:
// 1 ms bins (sampled at 1 kHz), Tukey(0.25) window, nperseg 30, noverlap
// 29, nfft 300, shown up to 250 Hz (scipy.signal.spectrogram as
// class_3/class_4 call it).
func DefaultSpectrogramParams() SpectrogramParams {
	return SpectrogramParams{BinMs: 1, Window: "tukey(0.25)", NPerSeg: 30, NOverlap: 29, NFFT: 300, MaxHz: 250}
}

// RateSpectrogram computes the spectrogram of the population spike count
// with the settings sp, returning segment centres (ms), frequencies (Hz,
// up to sp.MaxHz) and power[freq][segment] ((spikes/s)²/Hz).
func RateSpectrogram(timesMs []float64, tstopMs float64, sp SpectrogramParams) (segMs, freqsHz []float64, power [][]float64, err error) {
	counts := analysis.SpikeHistogram(timesMs, analysis.Bins(0, tstopMs, sp.BinMs))
	x := make([]float64, len(counts))
	for i, c := range counts {
		x[i] = float64(c) * 1000
	}
	f, ts, sxx, err := analysis.Spectrogram(x, 1000/sp.BinMs, sp.Window, sp.NPerSeg, sp.NOverlap, sp.NFFT)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, v := range ts {
		ts[i] = v * 1000
	}
	k := 0
	for k < len(f) && f[k] <= sp.MaxHz {
		k++
	}
	return ts, f[:k], sxx[:k], nil
}

// SpectrogramFigure draws RateSpectrogram's result with a colour bar.
func SpectrogramFigure(timesMs []float64, tstopMs float64, sp SpectrogramParams, title string) (*Figure, error) {
	ts, f, pw, err := RateSpectrogram(timesMs, tstopMs, sp)
	if err != nil {
		return nil, err
	}
	return TFR(ts, f, pw, "(spikes/s)", title)
}

// TutorialFigures returns the tutorials' figures of one trial, keyed by name:
// "raster" (every source, coloured by type), "rates" (the groups' rates
// in 1 ms bins, as the class_4 notebook plots its left and right halves;
// omitted when groups is empty) and "spectrogram" (of the network cells'
// spike count, the spikes of types "exc" and "inh", with
// DefaultSpectrogramParams, as class_3 and class_4 compute it).
func TutorialFigures(timesMs []float64, gids []int, types []string, groups []record.Range, tstopMs float64, title string) (map[string]*Figure, error) {
	if len(timesMs) != len(gids) || len(gids) != len(types) {
		return nil, fmt.Errorf("plot: %d times, %d gids, %d types", len(timesMs), len(gids), len(types))
	}
	out := map[string]*Figure{}
	sp := DefaultSpectrogramParams()
	var err error
	if out["raster"], err = TutorialRaster(timesMs, gids, types, title); err != nil {
		return nil, err
	}
	if len(groups) > 0 {
		if out["rates"], err = GroupRates(timesMs, gids, groups, tstopMs, sp.BinMs, title+": rate per group"); err != nil {
			return nil, err
		}
	}
	var net []float64
	for i, t := range timesMs {
		if types[i] == "exc" || types[i] == "inh" {
			net = append(net, t)
		}
	}
	if out["spectrogram"], err = SpectrogramFigure(net, tstopMs, sp, title+": spectrogram"); err != nil {
		return nil, err
	}
	return out, nil
}
