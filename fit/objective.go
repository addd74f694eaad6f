package fit

import (
	"errors"
	"fmt"
	"math"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
)

// average is HNN-core's average_dipoles over the trials of one parameter
// set (dipole.Average), the dipole its objectives compare.
func average(sim []*dipole.Dipole) (*dipole.Dipole, error) {
	if len(sim) == 0 {
		return nil, errors.New("fit: no simulated dipoles")
	}
	avg, err := dipole.Average(sim)
	if err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	return avg, nil
}

// DipoleRMSE is HNN-core's evoked-response loss (_rmse_evoked): the
// root-mean-square error between the "agg" layer of the trial average of
// the simulated dipoles sim and that of target over [tStartMs, tStopMs],
// computed by [dipole.RMSE] (HNN-core's dipole._rmse: the window clipped
// to both dipoles, the longer span FFT-resampled to the shorter one's
// length). HNN-core calls it with tstart 0 and tstop the simulation's
// length. Scaling and smoothing, which HNN-core applies to each trial
// before averaging, are the caller's. The loss is in the dipoles' unit.
func DipoleRMSE(sim []*dipole.Dipole, target *dipole.Dipole, tStartMs, tStopMs float64) (float64, error) {
	avg, err := average(sim)
	if err != nil {
		return 0, err
	}
	v, err := dipole.RMSE(avg, target, tStartMs, tStopMs)
	if err != nil {
		return 0, fmt.Errorf("fit: %w", err)
	}
	return v, nil
}

// DipoleCorr is the anticorrelation loss 1 − r, from 0 (a perfect fit of
// shape) to 2, where r is Pearson's correlation between the "agg" layer of
// the trial average of sim and that of target over [tStartMs, tStopMs], as
// [dipole.Correlation] computes it. HNN-core's _anticorr_evoked is the
// same loss, but aligns the two signals as its RMSE does (nearest-sample
// window, FFT resampling, the last sample excluded) where
// dipole.Correlation interpolates the target linearly at the simulated
// times in the closed window; on a target sampled at the simulated times
// the two differ only by the window's last sample.
func DipoleCorr(sim []*dipole.Dipole, target *dipole.Dipole, tStartMs, tStopMs float64) (float64, error) {
	avg, err := average(sim)
	if err != nil {
		return 0, err
	}
	r, err := dipole.Correlation(avg, target, tStartMs, tStopMs)
	if err != nil {
		return 0, fmt.Errorf("fit: %w", err)
	}
	return 1 - r, nil
}

// MaximizePSD is HNN-core's rhythm loss (_maximize_psd, via
// _get_relative_power): with psd the periodogram of the "agg" layer of
// the trial average of dipoles (scipy.signal.periodogram with a Hamming
// window, mean removed, one-sided density: [analysis.Periodogram]), it
// returns
//
//	−Σ_b relBandpower[b] · Σ_{fBands[b][0] <= f <= fBands[b][1]} psd(f) / Σ_f psd(f),
//
// the negated weighted share of power in the bands (sums over frequency
// bins, not integrals), so that minimising it maximises that power. A
// single weight applies to every band, as HNN-core accepts a float;
// otherwise there must be one weight per band. The loss is dimensionless,
// between −Σ weights and 0 for non-negative weights.
func MaximizePSD(dipoles []*dipole.Dipole, fBands [][2]float64, relBandpower []float64) (float64, error) {
	if len(fBands) == 0 {
		return 0, errors.New("fit: maximize psd: no frequency bands")
	}
	weights := relBandpower
	switch {
	case len(relBandpower) == 1:
		weights = make([]float64, len(fBands))
		for i := range weights {
			weights[i] = relBandpower[0]
		}
	case len(relBandpower) != len(fBands):
		return 0, fmt.Errorf("fit: maximize psd: %d relative band powers for %d bands, want one or one per band", len(relBandpower), len(fBands))
	}
	for i, b := range fBands {
		if math.IsNaN(b[0]) || math.IsNaN(b[1]) || b[0] > b[1] {
			return 0, fmt.Errorf("fit: maximize psd: band %d is [%v, %v] Hz, want low <= high", i, b[0], b[1])
		}
	}
	avg, err := average(dipoles)
	if err != nil {
		return 0, err
	}
	agg, ok := avg.Data[dipole.LayerAgg]
	if !ok {
		return 0, errors.New(`fit: maximize psd: the dipoles have no "agg" layer`)
	}
	freqs, psd, err := analysis.Periodogram(agg, avg.SampleRateHz(), analysis.WindowHamming)
	if err != nil {
		return 0, fmt.Errorf("fit: maximize psd: %w", err)
	}
	var total, bands float64
	for _, p := range psd {
		total += p
	}
	if !(total > 0) {
		return 0, errors.New("fit: maximize psd: the dipole has no power (a constant signal)")
	}
	for b, band := range fBands {
		var s float64
		for k, f := range freqs {
			if f >= band[0] && f <= band[1] {
				s += psd[k]
			}
		}
		bands += weights[b] * s
	}
	return -bands / total, nil
}
