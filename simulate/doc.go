// Package simulate runs trials of a network and returns what HNN-core's
// simulate_dipole gives a user: for every trial the current dipole by
// layer (summed in fAm, then baseline-renormalised and converted to nAm as
// simulate_dipole returns it), every spike with its source type, and the
// membrane potentials, currents and calcium asked for (record_vsec,
// record_isec, record_ca).
//
// Trials are independent and run in parallel, one per worker; the threads
// left over split each trial's cells (package engine). The results do not
// depend on the number of workers or threads: every trial's random
// streams are keyed by the trial number.
//
// The package joins the engine (sim) and the results (dipole, record), so
// it sits with the products: the description packages know nothing of
// it, and saved results are read without it.
package simulate
