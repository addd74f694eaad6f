// Package mech defines what a membrane mechanism is to Lamina: a table of
// fields (name, unit, default, allowed range), the ions it reads and writes,
// and kernels that run over structure-of-arrays memory the engine owns.
//
// This is Arbor's mechanism ABI and NEST's one-model-per-file rule in Go.
// A Kernel holds every instance of one mechanism within one cell group, as
// one []float64 per parameter and state. Each step the engine calls, per
// mechanism (never per compartment):
//
//	Current(ctx)  add the membrane current density (mA/cm², outward
//	              positive) and its conductance dI/dV (S/cm²) at each
//	              instance's node, evaluated at the present voltage;
//	Advance(ctx)  advance the states over one step dt using the voltage at
//	              the end of the step, as NEURON's SOLVE ... METHOD cnexp.
//
// Init(ctx) sets the states at t = 0 (NMODL's INITIAL block).
//
// Kernels see the node voltages, the current and conductance accumulators
// and the ion arrays through a Context; they never see the cable solver.
// They allocate nothing after construction.
//
// Rate tables (NMODL's TABLE statement) are reproduced by Table with NEURON's
// semantics: the grid is built by repeated addition of the step, values are
// interpolated linearly and clamped at the ends, and a "usetable" global,
// on by default, turns the table off for exact evaluation.
//
// Kernels advance their gates over slices: Rates.LocateNodes finds every
// instance's voltage in the table once, then Rates.StepGate (or Interp)
// updates one gate of all instances; RelaxSlice and LogSlice do cnexp and
// logarithms over slices. On amd64 these run as SIMD assembly (AVX2, and
// AVX-512 for the exp-bearing steps, chosen at run time with
// golang.org/x/sys/cpu); the build tag purego, or any other architecture,
// selects the pure-Go loops. Both paths perform the same operations in
// the same order, with no fused multiply-add, so their results are
// bit-identical; the conformance tests (TestGateAVX2MatchesGo,
// TestStepGateMatchesScalar, TestRelaxSliceMatchesRelax,
// TestLogSliceMatchesLog) hold them to that.
//
// Mechanisms are grouped in catalogues (see Catalogue); the ones Lamina ships
// live in mech/neuron (NEURON's built-ins), mech/hnn (HNN-core's mod files)
// and mech/classic (textbook models: Connor-Stevens, Wang-Buzsáki),
// combined by mech/builtin.
package mech
