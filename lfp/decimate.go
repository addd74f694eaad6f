package lfp

import (
	"fmt"

	"github.com/laminasim/lamina/analysis"
)

// Decimate low-pass filters and downsamples every row of series
// ([row][sample], for instance potentials by contact, or a single dipole
// time course) by each factor in turn, as HNN-core's plot functions do
// with their decim argument (_decimate_plot_data): each factor applies
// scipy.signal.decimate (analysis.Decimate: an order-8 Chebyshev type I
// filter run forwards and backwards) and keeps every factor-th sample
// time. SciPy advises factors below 13; HNN-core's example goes from
// 40 kHz to 2 kHz with [5, 4].
//
// It returns new slices: the kept times and the decimated rows. A nil or
// empty factors returns copies. Factors must be at least 1, every row
// must have len(timesMs) samples, and a factor above 1 needs more than 27
// samples (the filter's edge padding).
func Decimate(timesMs []float64, series [][]float64, factors []int) ([]float64, [][]float64, error) {
	for i, row := range series {
		if len(row) != len(timesMs) {
			return nil, nil, fmt.Errorf("lfp: decimate: row %d has %d samples for %d times", i, len(row), len(timesMs))
		}
	}
	for _, q := range factors {
		if q < 1 {
			return nil, nil, fmt.Errorf("lfp: each decimation factor must be a positive integer, got %d", q)
		}
	}
	t := append([]float64(nil), timesMs...)
	out := make([][]float64, len(series))
	for i, row := range series {
		out[i] = append([]float64(nil), row...)
	}
	for _, q := range factors {
		for i := range out {
			y, err := analysis.Decimate(out[i], q)
			if err != nil {
				return nil, nil, fmt.Errorf("lfp: decimate row %d by %d: %w", i, q, err)
			}
			out[i] = y
		}
		kept := t[:0:0]
		for j := 0; j < len(t); j += q {
			kept = append(kept, t[j])
		}
		t = kept
	}
	return t, out, nil
}
