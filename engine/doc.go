// Package sim runs simulations: it lowers cell descriptions to the engine's
// structure-of-arrays form (compartments, one kernel per mechanism type, ion
// arrays), integrates them with NEURON's fixed-step method, detects spikes
// and records probes.
//
// Time is integer steps: t = step·dt is derived, never accumulated. As in
// NEURON, a spike detector compares the voltage with its threshold at the
// start of every step and reports the step's time when the voltage has risen
// above it; a run to tstop takes ceil(tstop/dt - 1/2) steps.
//
// A voltage that becomes NaN or infinite stops the run with an error naming
// the cell, the section and the time.
package engine
