// Package snnjl is the point-neuron model zoo: the examples of
// SpikingNeuralNetworks.jl's tutorial (docs/src/examples.md; the seed
// tutorial of October 2025 for the Poisson-input example), built as
// network descriptions (package pointnet) that any engine can run.
//
//   - adex-patterns: the seven AdEx firing patterns (Tonic, Adapting, Init.
//     burst, Bursting, Irregular, Transient, Delayed; Naud et al. 2008 via
//     neuronaldynamics.epfl.ch Ch6.S2), one single-neuron population each,
//     5 pA for 30 ms then the row's current for 300 ms.
//   - lif-noise: one LIF neuron under SNN.jl's CurrentNoise (30 pA plus
//     Normal(0, 100 pA) redrawn every step), 2 s.
//   - lif-balanced-input: one conductance LIF driven by 1000 excitatory
//     Poisson sources at 1.2 Hz (1 nS) and 1000 inhibitory at 3 Hz (4 nS):
//     the high-conductance state, 1 s.
//   - ball-and-stick: the NMDA ball-and-stick neuron driven on its dendrite
//     by 1000 excitatory sources at 10.2 Hz and 1000 inhibitory at 3 Hz, 3 s.
//   - ei-balanced: Zerlaut et al. 2019's balanced network, 8000 E and 2000 I
//     conductance LIF neurons, p = 0.05, E→* 2 nS, I→* 10 nS, and per
//     population 100 Poisson afferents (p = 0.1, 4 nS) at a chosen rate
//     (Options.RateHz, 10 Hz by default), 10 s.
//
// Each example's Network returns a new description; TStopMs and DtMs are
// its default run length and step (SNN.jl's 0.125 ms).
package snnjl
