// Package cell describes cable cells as plain data: a morphology, membrane
// mechanisms painted on its sections with uniform or distance-dependent
// parameter values, point processes placed at section(x) (current clamps,
// synapses), named groups of sections, a spike detector, and the cell's
// own spike generators (Stim: a NetStim wired to one of its synapses, as
// NEURON cell classes often create one).
//
// A Cell is what a NEURON user writes in a cell template; it validates and
// round-trips through JSON without any simulator. The engine (package engine)
// lowers it to compartments and kernels.
//
// Distance-dependent values are data, not functions (see Profile): their
// distance is the path distance in µm from the root of the cell (the 0 end
// of the root section, normally the soma), measured to each segment's
// centre, the convention of HNN-core's cell models.
package cell
