// Package spec describes a whole run as plain data: the model (a cable
// network, a point-neuron network, or a mixed network of both), the run
// length and time steps, trials and seed, the rate mode and point-neuron
// scheme, what to record, and how the outputs are post-processed
// (dipole smoothing and scaling, HNN-core files, figures).
//
// A Run is read identically on every rank and is what every front end
// builds: the command line from its flags, batch and fit by setting paths
// in it, the GUI from its forms. Every run writes its spec (run.json in
// the output directory), and simulating that file again reproduces the
// run byte for byte. Validation happens once, here: Validate checks the
// timing, the modes and the model, naming the field, its value and the
// allowed range.
//
// Units are in the JSON names: tstop_ms, dt_ms, smooth_ms.
package spec
