package analysis_test

import (
	"fmt"
	"github.com/laminasim/lamina/record"
	"math"

	"github.com/laminasim/lamina/analysis"
)

// ExamplePeriodogram computes the Hamming-windowed power spectral density
// HNN-core's plot_psd draws, for 1 s of a 10 Hz sine (amplitude 2 nAm)
// plus an offset, sampled at 1 kHz, and reads off its peak and its
// power in the alpha band.
func ExamplePeriodogram() {
	const fs = 1000.0 // Hz
	x := make([]float64, 1000)
	for i := range x {
		t := float64(i) / fs // s
		x[i] = 2*math.Sin(2*math.Pi*10*t) + 5
	}
	freqs, psd, err := analysis.Periodogram(x, fs, analysis.WindowHamming)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d frequencies, %g Hz apart, up to %g Hz\n", len(freqs), freqs[1], freqs[len(freqs)-1])
	fmt.Printf("peak at %g Hz\n", analysis.PeakFrequency(freqs, psd, 1, 100))
	// The sine's variance is A²/2 = 2 nAm²; the window spreads it over a
	// few bins around 10 Hz.
	fmt.Printf("8-12 Hz power: %.2f nAm²\n", analysis.BandPower(freqs, psd, 8, 12))
	// Output:
	// 501 frequencies, 1 Hz apart, up to 500 Hz
	// peak at 10 Hz
	// 8-12 Hz power: 2.00 nAm²
}

// ExampleMeanRates reproduces HNN-core's CellResponse.mean_rates on two
// trials of spikes from two populations (gids 0-1 and 2-4; gid 9 is a
// drive, which is ignored), over a 200 ms window.
func ExampleMeanRates() {
	ranges := []record.Range{
		{Name: "L2_basket", First: 0, N: 2},
		{Name: "L2_pyramidal", First: 2, N: 3},
	}
	trialGIDs := [][]int{
		{0, 0, 1, 2, 9, 4},
		{1, 3, 3, 3},
	}
	for _, mode := range []string{analysis.RatesAll, analysis.RatesTrial, analysis.RatesCell} {
		rates, err := analysis.MeanRates(trialGIDs, ranges, 0, 200, mode)
		if err != nil {
			panic(err)
		}
		for _, r := range rates {
			switch mode {
			case analysis.RatesAll:
				fmt.Printf("%-5s %-12s %.4g Hz\n", mode, r.Name, r.All)
			case analysis.RatesTrial:
				fmt.Printf("%-5s %-12s %.4g Hz\n", mode, r.Name, r.Trial)
			case analysis.RatesCell:
				fmt.Printf("%-5s %-12s %v Hz\n", mode, r.Name, r.Cell)
			}
		}
	}
	// Output:
	// all   L2_basket    5 Hz
	// all   L2_pyramidal 4.167 Hz
	// trial L2_basket    [7.5 2.5] Hz
	// trial L2_pyramidal [3.333 5] Hz
	// cell  L2_basket    [[10 5] [0 5]] Hz
	// cell  L2_pyramidal [[5 0 5] [0 15 0]] Hz
}

// ExampleMorletPower computes the time-frequency power HNN-core's
// plot_tfr_morlet draws for a signal whose rhythm switches from 10 Hz to
// 30 Hz halfway, and prints the stronger frequency early and late.
func ExampleMorletPower() {
	const fs = 1000.0 // Hz
	x := make([]float64, 1000)
	for i := range x {
		t := float64(i) / fs
		f := 10.0
		if i >= 500 {
			f = 30
		}
		x[i] = math.Sin(2 * math.Pi * f * t)
	}
	freqs := []float64{10, 30}
	power, err := analysis.MorletPower(x, fs, freqs, []float64{7}, 1)
	if err != nil {
		panic(err)
	}
	for _, j := range []int{250, 750} {
		best := 0
		if power[1][j] > power[0][j] {
			best = 1
		}
		fmt.Printf("t = %g ms: %g Hz dominates\n", float64(j)/fs*1000, freqs[best])
	}
	// Output:
	// t = 250 ms: 10 Hz dominates
	// t = 750 ms: 30 Hz dominates
}

// ExampleSpikeHistogram bins spike times like HNN-core's
// plot_spikes_hist, whose edges are np.linspace(0, tstop, 50); a spike
// at tstop falls in the last (closed) bin.
func ExampleSpikeHistogram() {
	edges := analysis.Linspace(0, 170, 50)
	counts := analysis.SpikeHistogram([]float64{0, 3.4, 3.5, 100, 170, 171}, edges)
	fmt.Println(len(counts), "bins; first", counts[0], "second", counts[1], "last", counts[48])
	// Output:
	// 49 bins; first 2 second 1 last 1
}
