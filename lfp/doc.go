// Package lfp analyses extracellular potentials recorded on a laminar
// electrode array, as HNN-core's ExtracellularArray does
// (hnn_core/extracellular.py): the contacts' depths and spacing, the
// current source density (CSD), smoothing and decimation for figures.
// Package plot draws the results (plot.LaminarLFP, plot.CSD,
// plot.LFPFigure); this package holds no simulator and no figures.
//
// # Concept
//
// A laminar probe is a line of equally spaced contacts crossing the
// cortical layers. Each contact records the extracellular potential
// (the local field potential, LFP) that the network's transmembrane
// currents set up in a homogeneous conductor. The current source density
// is, up to the conductivity σ, minus the second spatial derivative of
// the potential along the probe,
//
//	CSD(z) = -σ ∂²φ/∂z²,
//
// so that a positive CSD is a current source (current leaving the cells
// into the extracellular space) and a negative CSD a sink. HNN-core's
// calculate_csd2d, reproduced by [CSD2D], estimates it with the
// three-point second difference and leaves out σ:
//
//	csd[i] = -(φ[i-1] - 2φ[i] + φ[i+1]) / Δ²,   i = 1 … n-2,
//
// computed as NumPy's diff twice, ((φ[i+1]-φ[i]) - (φ[i]-φ[i-1])), and
// extrapolates the two border contacts linearly from their two
// neighbours: csd[0] = 2 csd[1] - csd[2] and csd[n-1] = 2 csd[n-2] -
// csd[n-3]. It therefore needs at least 4 contacts.
//
// [LaminarZ] is HNN-core's _get_laminar_z_coords: it checks that the
// contacts are equally spaced along one line that changes in z, and
// returns their z coordinates (the "depths" HNN-core labels its figures
// with; z is the height above the layer-5 somata, so larger z is more
// superficial) and the z spacing Δ.
//
// [Smooth] is ExtracellularArray.smooth: every contact's potential is
// convolved with a Hamming window (dipole.SmoothWaveform, the filter of
// Dipole.smooth), at the sampling rate [SampleRateHz] derives from the
// sample times as ExtracellularArray.sfreq does. [Decimate] is the
// decimation HNN-core's plot functions apply with their decim argument:
// scipy.signal.decimate (analysis.Decimate) once per factor, in turn.
//
// # Units
//
// Times in ms, positions and spacings in µm, potentials in µV (HNN-core's
// unit for extracellular potentials), CSD in µV/µm² (multiply by the
// conductivity in S/m and by 1e6 to get A/m³: 1 µV/µm² × 1 S/m =
// 1e-6 V / 1e-12 m² × 1 S/m = 1e6 A/m³). Potentials are indexed
// [contact][sample], as HNN-core's voltages of one trial.
//
// # References
//
//   - HNN-core, hnn_core/extracellular.py: calculate_csd2d,
//     _get_laminar_z_coords, ExtracellularArray (sfreq, smooth, plot_lfp,
//     plot_csd); hnn_core/utils.py: smooth_waveform; hnn_core/viz.py:
//     _decimate_plot_data, plot_laminar_lfp, plot_laminar_csd;
//     examples/howto/plot_record_extracellular_potentials.py.
//   - Nicholson C, Freeman JA (1975) Theory of current source-density
//     analysis and determination of conductivity tensor for anuran
//     cerebellum. J Neurophysiol 38:356-368.
//   - Mitzdorf U (1985) Current source-density method and application in
//     cat cerebral cortex: investigation of evoked potentials and EEG
//     phenomena. Physiol Rev 65:37-100.
//   - Kajikawa Y, Schroeder CE (2011) How local is the local field
//     potential? Neuron 72:847-858.
//
// The CSD is validated against HNN-core's own calculate_csd2d on the
// potentials of its extracellular-recording example (testdata/README.md).
package lfp
