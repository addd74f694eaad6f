// Package electrode describes extracellular electrode arrays and computes
// their transfer resistances: how much potential (µV) a transmembrane
// current of 1 nA at a segment makes at a contact, in an infinite,
// homogeneous volume conductor. This is HNN-core's
// Network.add_electrode_array and _transfer_resistance
// (hnn_core/extracellular.py): the point-source approximation ("psa",
// each segment's current at its centre) and the line-source approximation
// ("lsa", each segment a line of current from the previous to the next
// segment centre; Holt 1998, Appendix C), both with a minimum distance
// that keeps a contact placed on a segment finite.
//
// The potential at contact e is V_e(t) = sum_j R[e][j]·i_j(t), i_j the
// transmembrane current of segment j (NEURON's i_membrane_: capacitive,
// ionic and synaptic, nA); the engine sums it every step.
//
// Units: positions µm, conductivity S/m, currents nA, potentials µV:
// R = 1000·phi/(4π·sigma) with phi in 1/µm.
package electrode
