// Package pointsim simulates point-neuron networks described by package pointnet.
//
// New lowers a network to structure-of-arrays state per population (the
// kernels of package point), synapses in compressed sparse rows (CSR) by
// presynaptic neuron, and ring buffers of synaptic input per receptor, one
// slot per step of delay. Run then advances it in fixed steps of dt; time
// is the integer step count, t = k·dt.
//
// # One step, from t_k to t_{k+1}
//
//  1. Each Poisson source fires with probability rate·dt (a uniform draw
//     from its own keyed stream); its weights are added to the input slot
//     of step k + delay of its targets, and its spike is stamped t_k.
//  2. Spikes found at the end of step k-1 (stamped t_k) are delivered to
//     the slot of step k + delay of each target.
//  3. External currents are evaluated at t_k (noise drawn from each
//     neuron's own stream).
//  4. Each population's kernel consumes the slot of step k and advances
//     its neurons to t_{k+1}; the neurons past threshold spike, stamped
//     t_{k+1}.
//  5. Monitors sample the state at t_{k+1} when it is a sampling time.
//
// This is SNN.jl's order (sim!: stimulate!, integrate!, forward!): a
// Poisson event acts in the step in which it occurs, a recurrent spike
// from the next step on. The scheme (point.Scheme) selects only the
// kernels: SchemeSNNjl reproduces SNNModels.jl's update line by line in
// float32, SchemeLamina (the default) integrates exactly where the model
// is linear and at second order otherwise, SchemeEuler is Brian2's
// method='euler'.
//
// # Threads and determinism
//
// With Config.Threads > 1 the neurons (all populations in gid order) are
// split into contiguous parts, each advanced by its own goroutine, which
// also delivers every spike to the targets in its part and, at the end of
// the step, draws its share of the Poisson sources for the next one (every
// source still draws once per step from its own stream). The weights
// arriving at a neuron are summed in an order that does not depend on the
// split (connection order, then presynaptic gid, then synapse), and every
// random number comes from a stream keyed by (seed, gid, purpose, trial)
// (package rng): spikes and traces are bit-identical for any number of
// threads.
//
// Several trials run at once through simulate.Run, the one trial pool;
// each trial is bit-identical to its run alone.
//
// # Ranks
//
// With Config.Comm (an MPI world from dist/mpi, or in-process ranks from
// dist.NewGroup) the neurons are first split into one contiguous gid
// range per rank, in rank order, and each rank's range into its threads'
// parts. After every step the ranks allgather their spikes (gid and, for
// kernels that time spikes within the step, the offset), so every rank
// delivers every spike to its own neurons and records the full spike
// list; at the end of each Run the monitors' samples are gathered too.
// Each rank samples only the synapses onto its own neurons (every post
// neuron has its own stream) and draws every Poisson source (cheap next
// to the neurons, and the streams stay keyed as in one process), so
// results are bit-identical for any number of ranks.
//
// Streams: connectivity "snn.connect.<connection>" and
// "snn.poisson.connect.<layer>" per post neuron (trial 0: the network is
// the same in every trial); initial potentials "snn.v0" per neuron,
// Poisson sources "snn.poisson" per source, noise "snn.noise.<current>"
// per neuron, all with the trial.
//
// # Spikes and gids
//
// Gids are consecutive per population in population order, then the
// Poisson layers' sources (pointnet.Network.Ranges). Spikes are returned in
// time order, ties in gid order. Neuron spikes are stamped at the end of
// the step in which threshold was crossed (t_{k+1}, as SNN.jl; Brian2
// stamps the same spike t_k), except the AdEx neurons of the Lamina
// scheme, which time their spikes within the step (point.AdExState
// SpikeOffset); every spike is delivered at the start of the next step
// plus its delay.
//
// # Cost
//
// No allocation per step once running (beyond appending to the spike list
// and monitors), no interface call per neuron: one kernel call per
// population and part per step, tight loops over float64 slices (float32
// arithmetic in the SNN.jl scheme, as SNN.jl; the Lamina scheme's IF-cond
// step in AVX2 on amd64, bit-identical to its Go loop). Synapses take 2
// bytes each (a uint16 target, or an int32 one onto populations of more
// than 65,536 neurons; weights and delays are stored per connection
// unless they vary): delivery streams the target lists of the spiking
// neurons from memory, so their size is its cost. ei-balanced's 5.1
// million synapses build in about 0.1 s and 10 s of it simulate in about
// 0.6 s on one core with AVX-512 (bench/snn).
//
// Threads wait for each other at the end of every step, spinning (with
// PAUSE) for up to 50 µs, then parking: on a machine busy with other work a
// waiting thread gives its core away instead of spinning through its time
// slice. Each part delivers to its own targets through cut positions in
// the target lists computed once (no search per spike). A step of
// ei-balanced is about 7 µs on one core, so threads pay off only where
// threads synchronise in well under that (a fraction of a microsecond on
// one machine; bench/snn measures it). Run therefore times, every 32,768
// steps, 256 steps each way (the threads in parallel, the caller alone
// advancing every part in turn) and keeps the faster for the rest of the
// period; the results are the same either way.
package pointsim
