// Package point holds Lamina's point-neuron models: their parameters, the
// quantities derived from them for a time step, and their state as
// structure-of-arrays, with the kernels that advance a population by one
// step (DESIGN.md, rule 4). It is a description package (tier 1): it
// imports no engine, and each kernel sees only the slices it is given,
// which the engine (package pointsim) owns.
//
// # Models
//
// One file per model:
//
//   - [LIFParams] (lif.go): leaky integrate-and-fire with current input and
//     exponential current synapses (SNN.jl IF with CurrentSynapse; NEST
//     iaf_psc_exp). Linear between spikes: integrated exactly with NEST
//     propagators (Rotter & Diesmann 1999) in the default scheme.
//   - [IFCondParams] (ifcond.go): integrate-and-fire with single-exponential
//     conductance synapses ge, gi and reversal potentials (SNN.jl IF with
//     SingleExpSynapse, formerly IFParameterSingleExponential; Brian2's
//     COBA neuron).
//   - [AdExParams] (adex.go): adaptive exponential integrate-and-fire
//     (Brette & Gerstner 2005; SNN.jl AdEx / AdExParameter), with spike
//     cut-off, refractory period, optional dynamic threshold and
//     single-exponential conductance synapses.
//   - [BallStickParams] (ballstick.go): AdEx soma coupled to one passive
//     dendrite of given length, diameter and physiology, with AMPA, NMDA
//     (magnesium block), GABA-A and GABA-B double-exponential receptors on
//     soma and dendrite and post-spike threshold adaptation (SNN.jl
//     BallAndStick / DendNeuronParameter; receptors from receptor_types.jl).
//
// # Units
//
// The units of SpikingNeuralNetworks.jl, in which ms, mV, pA, nS, pF and
// GΩ all equal 1, so that R·I (GΩ·pA) is in mV and C/g (pF/nS) in ms.
// Every field carries its unit in its Go and JSON name (TauMMs, "tau_m_ms";
// RGOhm, "r_GOhm"). Rates are in Hz.
//
// # Schemes
//
// A [Scheme] selects how a kernel steps (every model has [SchemeLamina];
// the others are listed on each model):
//
//   - [SchemeLamina] (default): exact where the model is linear between
//     spikes (LIF: NEST propagators for v and the synaptic currents;
//     conductances of every model decay exactly), second order where it is
//     not (IF-cond: the trapezoid (Crank–Nicolson) rule for v with the
//     conductances at the step midpoint, A-stable; AdEx: Heun's method with
//     the right-hand side evaluated at most at the spike cut-off;
//     ball-and-stick: the exponential midpoint method, exact for the stiff
//     linear part).
//   - [SchemeEuler]: forward Euler on every variable from the values at
//     the start of the step, as Brian2's method='euler'.
//   - [SchemeSNNjl]: the update of SNNModels.jl (v1.7.2) line by line, in
//     float32 arithmetic as SNN.jl computes it: the order of the updates
//     within a step, its refractory counters and its reset (documented on
//     each model).
//
// # Time and spikes
//
// A kernel advances its neurons over one step, from t_k to t_{k+1}. Inputs
// arriving at t_k (synaptic weights in the receptor buffers, the external
// current for the step) are consumed by the kernel. A neuron whose state at
// t_{k+1} is past threshold spikes at t_{k+1}: Brian2 stamps the same event
// t_k, SNN.jl t_{k+1}. In the Lamina and Euler schemes a neuron is
// refractory for τref from the start of the step in which it fired, as in
// Brian2: it is frozen for round(τref/dt) - 1 steps after the spike step.
// The SNN.jl scheme keeps SNN.jl's counters (IF: round(τabs/dt) frozen
// steps after the spike step; AdEx: round(τabs/dt) - 1).
//
// The AdEx kernel's Lamina scheme times its spikes within the step
// (AdExState.SpikeOffset: where its Heun step reaches the cut-off), resets
// the neuron then, and counts the refractory period from that time, so
// that the neuron resumes mid-step: the first-order error of stamping,
// resetting and releasing neurons on the grid, which dominates the spike
// times of a bursting AdEx neuron, disappears (see pointsim's pattern tests:
// the worst spike of the seven patterns is 0.37 ms from the converged
// solution at dt = 0.1 ms, against 2.9 ms for Euler).
//
// # References
//
//   - R. Brette and W. Gerstner, Adaptive exponential integrate-and-fire
//     model as an effective description of neuronal activity, J.
//     Neurophysiol. 94:3637-3642, 2005.
//   - S. Rotter and M. Diesmann, Exact digital simulation of time-invariant
//     linear systems with applications to neuronal modeling, Biol. Cybern.
//     81:381-402, 1999.
//   - SpikingNeuralNetworks.jl / SNNModels.jl (github.com/JuliaSNN),
//     src/populations/generalized_if/{if,adex}.jl,
//     src/populations/synapse/synapses/{SingleExp,Current,Receptor}Synapse.jl,
//     src/populations/multicompartment/{ballandstick,dendrite}.jl.
package point
