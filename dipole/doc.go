// Package dipole holds the current dipole moment time course of a
// simulation and reproduces HNN-core's post-processing of it: scaling,
// Hamming-window smoothing, Savitzky-Golay filtering, trial averaging,
// baseline renormalisation, conversion to nAm and the RMSE to a target
// dipole.
//
// # Concept
//
// The current dipole moment of a pyramidal cell population is the sum,
// over all compartments, of the axial current times its length projected
// on the cell's apical axis. It is the quantity MEG/EEG sources are
// modelled with. A [Dipole] stores one time course per layer: "L2" (layer
// 2/3 pyramidal cells), "L5" (layer 5 pyramidal cells) and their sum
// "agg" (aggregate). Experimental data typically has only "agg".
//
// Dipole mirrors HNN-core's Dipole class (hnn_core/dipole.py): NAve is its
// nave (trials averaged), ScaleApplied its scale_applied, and
// [Dipole.SampleRateHz] its sfreq = 1000/(t[1]-t[0]). Unlike HNN-core, the
// unit is carried explicitly in [Dipole.Unit].
//
// # Units
//
// Times are in ms. Dipole moments are in fAm (femtoampere-metre,
// 1e-15 A·m), the unit the simulator produces (nA × µm = 1e-9 A × 1e-6 m),
// or in nAm (nanoampere-metre, 1e-9 A·m): 1 nAm = 1e6 fAm.
// [Dipole.ToNAm] converts, as HNN-core's _convert_fAm_to_nAm does after a
// simulation.
//
// # Baseline renormalisation
//
// Pyramidal cells in the HNN model do not start at equilibrium: with no
// input at all, the L5 dipole drifts over the first hundreds of ms towards
// about -48 fAm per cell, and L2 sits slightly off zero. HNN-core's
// simulate_dipole always removes this with an empirical, piecewise-linear
// offset fitted to drive-free simulations (Dipole._baseline_renormalize),
// scaled by N, the number of pyramidal cells per layer (N = N_pyr_x ×
// N_pyr_y), and then converts to nAm. [Dipole.BaselineRenormalize]
// reproduces it exactly:
//
//	L2  -= N × 0.0443
//	L5  -= N × -49.0502                         for t <= 37 ms
//	L5  -= N × (3.4770508e-3 × t - 51.231085)   for 37 < t < 750 ms
//	L5  -= N × (1.01e-4 × t - 48.412078)        for t >= 750 ms
//	agg  = L2 + L5
//
// The offsets are tied to HNN-core's cell models and 0.025 ms stepping;
// they are not physics and do not transfer to other models.
//
// # Filters
//
// [Dipole.Smooth] is HNN-core's smooth_waveform (hnn_core/utils.py):
// convolution with a symmetric Hamming window of
// winsz = round(1e-3 × window_ms × sfreq) samples (NumPy rounds halves to
// even), normalised to unit sum, keeping the central len(x) samples of the
// full convolution (numpy.convolve mode "same", zero padding).
// [SmoothWaveform] applies the same filter to any one series, as HNN-core's
// ExtracellularArray.smooth does to each contact's potential.
//
// [Dipole.SavGol] is HNN-core's _savgol_filter: a 5th-order
// Savitzky-Golay filter (scipy.signal.savgol_filter, mode "interp") over
// window_length = (round(sfreq/h_freq) / 2) × 2 + 1 samples. Interior
// samples are the least-squares polynomial fit over the centred window;
// the first and last window_length/2 samples take the polynomial fitted to
// the first or last full window. This package computes that least-squares
// fit in a well-conditioned orthonormal basis. SciPy solves the unscaled
// Vandermonde system, whose rounding error grows with the window: about
// 1e-12 of the signal amplitude at 21 samples, 1e-9 at 400 and 1e-6 at
// 1001 (HNN-core's typical 40 kHz / 40 Hz setting). The results here agree
// with an exact (rational / 50-digit) evaluation to about 1e-14 and with
// SciPy to within SciPy's own error; see the tests.
//
// [RMSE] is HNN-core's _rmse over the "agg" layer: the time window is
// clipped to both dipoles, the nearest samples are found, and when the
// two windows have different lengths the longer one is resampled to the
// shorter length with an FFT (scipy.signal.resample).
//
// # References
//
//   - HNN-core, hnn_core/dipole.py: Dipole (scale, smooth, savgol_filter,
//     _baseline_renormalize, _convert_fAm_to_nAm), average_dipoles,
//     _resample_and_weight_dipole, _rmse.
//   - HNN-core, hnn_core/utils.py: smooth_waveform, _hammfilt,
//     _savgol_filter.
//   - SciPy 1.10, scipy/signal/_savitzky_golay.py and
//     scipy/signal/_signaltools.py (resample).
//   - Neymotin SA et al. (2020) Human Neocortical Neurosolver (HNN), a new
//     software tool for interpreting the cellular and network origin of
//     human MEG/EEG data. eLife 9:e51214.
//
// The golden files in testdata are written by testdata/gen_golden.py
// (NumPy 1.24, SciPy 1.10); the Go tests only read them.
package dipole
