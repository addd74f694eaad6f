// Package pointnet describes networks of point neurons as plain data, in the
// manner of SpikingNeuralNetworks.jl: populations of one point model
// (package point) with their parameters and initial potentials, Poisson
// stimulus layers, external currents, random synaptic connections between
// populations, monitors of state variables, and the seed. A Network
// builds, validates and round-trips through JSON with no simulator
// present; the engine (package pointsim) lowers it.
//
// # Identities
//
// Every neuron and every Poisson source has a global identifier (gid):
// the populations' neurons first, consecutive in population order, then
// the sources of the Poisson layers in layer order ([Network.Ranges]).
// Within a population, neurons are numbered 0..N-1 ("local index").
//
// # Units
//
// Those of package point: ms, mV, pA, nS, GΩ, Hz. Every number carries its
// unit in its name. A synaptic weight is given in the unit of the receptor
// it lands on, in the field named after that unit: weight_nS for the
// conductances of if_cond_exp and adex (ge, gi), weight_pA for the
// currents of lif (exc, inh), weight_scale for the receptors of
// ball_and_stick (a multiple of each receptor's peak conductance g0). A
// weight in the wrong unit is an error, not a conversion.
//
// # Connectivity
//
// A [Connection] or [PoissonLayer] connects each pre neuron (or source) to
// each post neuron with probability p. Rule "fixed_indegree" (SNN.jl's
// default rule :Fixed, and the default here) gives every post neuron
// exactly Npre - round((1-p)·Npre) distinct pre neurons, drawn uniformly;
// rule "bernoulli" draws every pair independently. Within one population
// self-connections are removed after sampling (SNN.jl zeroes the diagonal
// of the sampled matrix), so a few neurons then have one input fewer,
// unless Autapses is set. With weight_sigma > 0 the weights are drawn from
// Normal(μ, σ) and non-positive draws remove the synapse (SNN.jl's
// sparse_matrix).
//
// # Stimuli
//
// A [PoissonLayer] is SNN.jl's PoissonLayer / PoissonStimulusLayer: N
// sources, each firing independently at RateHz (in each step with
// probability rate·dt), connected to a target population as above. Every
// target population gets its own layer: two layers with equal parameters
// are two independent sets of sources.
//
// A [Current] injects a current into a population: constant, steps,
// sine, ramp, or SNN.jl's CurrentNoise (white noise redrawn every step:
// I ← (I_base + ξ)(1-α) + I·α with ξ ~ Normal(μ, σ) per step and neuron,
// so its effect depends on dt, as in SNN.jl). Currents given as Go
// functions of time and neuron are attached on the engine side
// (pointsim.Sim.SetCurrentFunc): a function cannot be JSON.
package pointnet
