package lfp

import (
	"fmt"
	"math"
	"slices"

	"github.com/laminasim/lamina/dipole"
)

// maxJitterMs is how far any sampling interval may lie from the median
// before [SampleRateHz] refuses the times: HNN-core's 1e-3 ms ("1 us").
const maxJitterMs = 1e-3

// SampleRateHz returns the sampling rate (Hz) of sample times in ms as
// HNN-core's ExtracellularArray.sfreq: 1000 divided by the median
// interval (the mean of the two middle intervals for an even count, as
// np.median). It returns an error for fewer than 2 samples and when an
// interval differs from the median by more than 1e-3 ms.
func SampleRateHz(timesMs []float64) (float64, error) {
	if len(timesMs) < 2 {
		return 0, fmt.Errorf("lfp: a sampling rate needs at least 2 sample times, got %d", len(timesMs))
	}
	dt := make([]float64, len(timesMs)-1)
	for i := range dt {
		dt[i] = timesMs[i+1] - timesMs[i]
	}
	s := slices.Clone(dt)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	// NaN intervals sort first and fail the comparison below.
	if !(math.Abs(s[len(s)-1]-med) <= maxJitterMs) || !(math.Abs(s[0]-med) <= maxJitterMs) {
		return 0, fmt.Errorf("lfp: sampling intervals range over [%g, %g] ms around a median of %g ms: "+
			"they vary by more than %g ms", s[0], s[len(s)-1], med, maxJitterMs)
	}
	if !(med > 0) {
		return 0, fmt.Errorf("lfp: sample times must increase, median interval %g ms", med)
	}
	return 1000 / med, nil
}

// Smooth convolves every contact's potential with a Hamming window of
// windowMs milliseconds, as HNN-core's ExtracellularArray.smooth: the
// window and convolution of dipole.SmoothWaveform (HNN-core's
// smooth_waveform, as Dipole.smooth) at the rate [SampleRateHz] finds in
// timesMs. potentialsUV is [contact][sample], every row the length of
// timesMs.
//
// dst, if not nil, receives the result and is returned; it must have a
// row of len(timesMs) for every contact (else Smooth panics). It may be
// potentialsUV itself (smoothing in place, as HNN-core); otherwise its
// rows must not overlap potentialsUV's. On error nothing is written.
func Smooth(dst, potentialsUV [][]float64, timesMs []float64, windowMs float64) ([][]float64, error) {
	if len(potentialsUV) == 0 {
		return nil, fmt.Errorf("lfp: no contacts to smooth")
	}
	for i, row := range potentialsUV {
		if len(row) != len(timesMs) {
			return nil, fmt.Errorf("lfp: smooth: contact %d has %d samples for %d times", i, len(row), len(timesMs))
		}
	}
	fs, err := SampleRateHz(timesMs)
	if err != nil {
		return nil, err
	}
	dst = shaped(dst, len(potentialsUV), len(timesMs), "Smooth")
	// Every row has the same length, so the first row's errors are every
	// row's: check it before writing anything.
	probe := make([]float64, len(timesMs))
	if err := dipole.SmoothWaveform(probe, potentialsUV[0], windowMs, fs); err != nil {
		return nil, fmt.Errorf("lfp: smooth: %w", err)
	}
	for i, row := range potentialsUV {
		if err := dipole.SmoothWaveform(dst[i], row, windowMs, fs); err != nil {
			return nil, fmt.Errorf("lfp: smooth contact %d: %w", i, err)
		}
	}
	return dst, nil
}

// shaped returns dst, allocated as rows × cols if nil, and panics if a
// non-nil dst has another shape.
func shaped(dst [][]float64, rows, cols int, fn string) [][]float64 {
	if dst == nil {
		dst = make([][]float64, rows)
		for i := range dst {
			dst[i] = make([]float64, cols)
		}
		return dst
	}
	if len(dst) != rows {
		panic("lfp: " + fn + " dst has the wrong number of rows")
	}
	for _, r := range dst {
		if len(r) != cols {
			panic("lfp: " + fn + " dst row has the wrong length")
		}
	}
	return dst
}
