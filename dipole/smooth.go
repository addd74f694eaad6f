package dipole

import (
	"fmt"
	"math"
)

// Smooth convolves every layer in place with a Hamming window of
// windowMs milliseconds, as HNN-core's Dipole.smooth (smooth_waveform in
// hnn_core/utils.py): the window has winsz = round(1e-3 × windowMs ×
// sfreq) samples (halves round to even, as numpy.round), is normalised to
// unit sum, and the output keeps the central len(x) samples of the full
// convolution with zero padding (numpy.convolve mode "same").
//
// As in HNN-core it returns an error, changing nothing, if windowMs is
// negative or not finite, if 0 < windowMs < 1, if winsz < 1 (this includes
// windowMs = 0) or if winsz exceeds the number of samples.
func (d *Dipole) Smooth(windowMs float64) error {
	if err := d.Validate(); err != nil {
		return err
	}
	winsz, err := hammingSize(windowMs, d.SampleRateHz(), len(d.TimesMs))
	if err != nil {
		return err
	}
	win := hamming(winsz)
	buf := make([]float64, len(d.TimesMs))
	for _, l := range d.Layers {
		x := d.Data[l]
		convolveSame(buf, x, win)
		copy(x, buf)
	}
	return nil
}

// SmoothWaveform sets dst to x convolved with a Hamming window of windowMs
// milliseconds at a sampling rate of sfreqHz, as HNN-core's smooth_waveform
// (hnn_core/utils.py), which Dipole.smooth and ExtracellularArray.smooth
// both call: the same window and convolution as [Dipole.Smooth], for any
// one-dimensional series (an extracellular potential, a trace).
//
// dst must have the length of x; it may be x itself (smoothing in place)
// but must not otherwise overlap it. As in HNN-core it returns an error,
// leaving dst unchanged, if sfreqHz is not positive, for the window
// lengths [Dipole.Smooth] rejects, or if x is empty.
func SmoothWaveform(dst, x []float64, windowMs, sfreqHz float64) error {
	if len(dst) != len(x) {
		panic("dipole: SmoothWaveform length mismatch")
	}
	if !(sfreqHz > 0) || math.IsInf(sfreqHz, 0) {
		return fmt.Errorf("dipole: sampling frequency must be positive and finite, got %v Hz", sfreqHz)
	}
	if len(x) == 0 {
		return fmt.Errorf("dipole: no samples to smooth")
	}
	winsz, err := hammingSize(windowMs, sfreqHz, len(x))
	if err != nil {
		return err
	}
	in := x
	if &dst[0] == &x[0] {
		in = append([]float64(nil), x...)
	}
	convolveSame(dst, in, hamming(winsz))
	return nil
}

// hammingSize returns HNN-core's smoothing window size in samples for a
// window of windowMs at sfreq Hz over n samples, or its error.
func hammingSize(windowMs, sfreq float64, n int) (int, error) {
	switch {
	case math.IsNaN(windowMs) || math.IsInf(windowMs, 0) || windowMs < 0:
		return 0, fmt.Errorf("dipole: smoothing window length must be a non-negative number, got %v ms", windowMs)
	case windowMs > 0 && windowMs < 1:
		return 0, fmt.Errorf("dipole: smoothing window length less than 1 ms is not supported, got %v ms", windowMs)
	}
	// HNN-core: int(np.round(1e-3 * window_len * sfreq)), evaluated left
	// to right.
	w := math.RoundToEven(1e-3 * windowMs * sfreq)
	if w < 1 {
		return 0, fmt.Errorf("dipole: smoothing window is too small: %v samples; window size is 1e-3 * window_ms * sfreq and must be >= 1", w)
	}
	if w > float64(n) {
		return 0, fmt.Errorf("dipole: smoothing window is too long: %v samples; data length is %d samples", w, n)
	}
	return int(w), nil
}

// hamming returns numpy.hamming(m) divided by its sum (numpy's pairwise
// sum): the symmetric window 0.54 + 0.46 cos(π k/(m-1)), k = 1-m, 3-m,
// ..., m-1, normalised to unit sum. m must be >= 1.
func hamming(m int) []float64 {
	w := make([]float64, m)
	if m == 1 {
		w[0] = 1
		return w
	}
	for i := range w {
		k := float64(1 - m + 2*i)
		w[i] = 0.54 + 0.46*math.Cos(math.Pi*k/float64(m-1))
	}
	s := pairwiseSum(w)
	for i := range w {
		w[i] /= s
	}
	return w
}

// convolveSame sets dst to numpy.convolve(x, w, "same") for len(w) <=
// len(x): the full convolution's samples (len(w)-1)/2 ... (len(w)-1)/2 +
// len(x) - 1, with x taken as zero outside its range. dst must not alias x.
func convolveSame(dst, x, w []float64) {
	n, m := len(x), len(w)
	if len(dst) != n || m > n {
		panic("dipole: convolveSame length mismatch")
	}
	off := (m - 1) / 2
	for i := range dst {
		k := i + off // index into the full convolution
		jlo := max(0, k-(n-1))
		jhi := min(m-1, k)
		var s float64
		for j := jlo; j <= jhi; j++ {
			s += x[k-j] * w[j]
		}
		dst[i] = s
	}
}

// pairwiseSum returns the sum of x in the order NumPy's add.reduce uses
// for a contiguous float64 array (pairwise summation with 8-way unrolled
// blocks of at most 128 elements), so that normalising constants match
// NumPy's to the bit.
func pairwiseSum(x []float64) float64 {
	const blockSize = 128
	n := len(x)
	switch {
	case n < 8:
		var s float64
		for _, v := range x {
			s += v
		}
		return s
	case n <= blockSize:
		var r [8]float64
		copy(r[:], x[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for k := range r {
				r[k] += x[i+k]
			}
		}
		s := (r[0] + r[1]) + (r[2] + r[3]) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += x[i]
		}
		return s
	default:
		n2 := n / 2
		n2 -= n2 % 8
		return pairwiseSum(x[:n2]) + pairwiseSum(x[n2:])
	}
}
