// Package hnnnet reads and writes HNN-core's hierarchical network
// configuration JSON (hnn_core/hnn_io.py: write_network_configuration,
// read_network_configuration, network_to_dict, dict_to_network) as Lamina's
// model.Network.
//
// Units are NEURON's in both: µm, µS, ms, mV, nA, S/cm². A network read has
// HNN-core's seeding (model.SeedingHNN), so its drives draw the event times
// and connection subsets HNN-core draws from the same seeds.
//
// # Reading
//
// Read checks the structure as it goes; every error names the JSON path of
// the offending value and the value, e.g.
//
//	hnnnet: cell_types.L5_pyramidal.cell_object.sections.soma.L: got "long", want a number
//	hnnnet: connectivity[22].gid_pairs.3[1]: target gid 999 is not a L2_pyramidal gid [3, 12)
//
// The file must be one JSON object (syntax errors give the line and
// column), with no key repeated in any object, and with no key the reader
// does not know: every key is either read or one of the keys listed as
// ignored below, since a key the reader skipped could change the network
// (a misspelled optional key, or a setting of a later HNN-core). Unknown
// keys are reported, after the other checks pass, with their line and
// column:
//
//	hnnnet: line 2265 column 17: connectivity[0].nc_dict.gian: unknown key "gian"
//
// Files larger than jsonstrict.MaxSize (256 MiB) are refused.
//
// Model-level checks against a mechanism catalogue (mechanism names and
// parameter ranges) are model.Network.Validate's.
//
// Cell types become populations, in the order of cell_types (which fixes
// their gids), with the positions of pos_dict. Each cell_object is built as
// NEURON holds it after HNN-core builds it (models/hnn.BuildCell): sections
// from L, diam, cm, Ra, v0 (-65 mV when absent, as HNN-core reads older
// files) and end_pts, in single precision; each section's 0 end attached
// where its parent holds it, as NEURON's define_shape does; then rescaled to
// L. The tests check L, nseg and the 3-D points against NEURON exactly.
// End points that are not laid out (lengths and attachments disagreeing
// with L and cell_tree) are laid out as HNN-core's Cell does on reading.
// cell_tree gives each section's parent and the parent's end (0 or 1);
// sect_loc gives cell.Groups. nseg is HNN-core's rule (1 up to 100 µm, else
// int(L/50) made odd), which HNN-core applies whatever the file says: a
// file nseg that disagrees is an error.
//
// A section's mechs become paints: HNN-core's key gbar_ar of mechanism ar is
// parameter gbar (gkbar_hh2 -> hh2.gkbar); a number is a uniform value, a
// list [[x, ...], [value, ...]] a segments profile (one value per segment,
// as HNN-core assigns them). Sections inserting a mechanism with identical
// parameters share one paint. Each receptor of a section's syns is an
// Exp2Syn at 0.5 named <section>_<receptor> with the e, tau1, tau2 of
// synapses; the spike detector is soma(0.5).
//
// cell_metadata gives ElectroType, and measure_dipole a dipole in layer
// "L" + layer along apical_trunk (HNN-core measures every dipole along
// that section). Files from before cell_metadata existed get HNN-core's
// default metadata for its four cell types.
//
// Each connectivity entry between cells becomes a model.Connection: src_type,
// target_type, loc, receptor, nc_dict A_weight, A_delay, lamtha and gain
// (1 when absent), allow_autapses (0/1 or a boolean), and its gid_pairs as
// Pairs, indices within the source and target populations, in the file's
// order. When the pairs are exactly what an all-to-all rule gives (the
// usual case), Pairs is left nil: the rule, which Lamina enumerates in the
// same order. The stored pairs are final, so Probability is 1: HNN-core's own
// reader prunes stored pairs a second time, with an unseeded generator,
// when an entry's probability is below 1, so it does not rebuild the
// network that was written; Lamina builds the file's.
//
// external_drives become drives, ordered by their gid ranges as HNN-core
// orders them: type (evoked, gaussian = evoked, poisson, bursty,
// spike_train), location, dynamics (mu, sigma, numspikes; tstart, tstop,
// rate_constant as one rate or one per cell type; tstart_std, burst_rate,
// burst_std, spike_isi; spike times and drive-cell indices), weights_ampa,
// weights_nmda, synaptic_delays and probability (a number or one per
// target), cell_specific, n_drive_cells (checked against the target
// populations when cell-specific), event_seed and conn_seed. A tstop of
// null is the end of the run.
//
// HNN-core keeps a drive's connections in connectivity too. Lamina derives
// them from the drive (model.Network.AllConnections), so they are not read
// as connections: the drive's space constant (which the drive entry does
// not hold), weights and delays are taken from them (what HNN-core
// simulates), and then every entry must be exactly what the drive implies,
// in order: targets and receptors, location, delays, gain 1, and the gid
// pairs, including the subsets HNN-core's seeded pruning keeps when
// probability < 1.
//
// legacy_mode true is represented: HNN-core's legacy mode connects every
// drive to every cell type, with AMPA weight 0 and delay 0.1 ms where the
// drive names none, and Lamina adds those entries to the drive.
//
// external_biases become biases: bias name -> cell type -> amplitude (nA),
// t0, tstop (null: the end of the run), section and, if present, loc (0.5
// otherwise, as Cell.create_tonic_bias places it).
//
// threshold is the network's ThresholdMV (an entry's nc_dict threshold must
// equal it), celsius its Celsius, N_pyr_x and N_pyr_y its MeshShape,
// pos_dict origin its Origin, where drive cells sit (their pos_dict entries
// must all be the origin). The in-plane distance is HNN-core's 1 µm: its
// files do not store it. gid_ranges are checked against the gids Lamina
// assigns. Ignored: delay (HNN-core's default delay for connections it
// builds itself), cell_object pos, gid and recordings (dipole_pp, vsec,
// isec, ca, tonic_biases), cell_metadata's display fields (morpho_type,
// reference, color, marker), drives' events and target_types (checked),
// connectivity entries' src_gids, target_gids, num_srcs and num_targets
// (HNN-core's reader derives them from gid_pairs), rec_arrays
// (extracellular electrodes, which a model.Network does not describe) and
// cell_response (outputs).
//
// # Writing
//
// Write produces the keys and structure write_network_configuration writes,
// indented by 4 spaces, numbers as Python writes them (1.0, 4.26e-05: some
// values must read back as Python floats). HNN-core's
// read_network_configuration reads the result back to the same network;
// the tests were checked against HNN-core for the example files and the
// ERP network. Details:
//
//   - Geometry is written so that building it again gives the same section:
//     3-D points and diameters as the shortest decimals of their
//     single-precision values (22.1 for 22.100000381469727), L the first of
//     a few candidates near the section's L (rounded to 12 digits, itself,
//     a few ulps away) that rebuilds it exactly (if none does, the rounded
//     value, and the section reads back within float32 rounding).
//   - Paints are resolved per section (later paints override earlier ones);
//     exponential and linear profiles are written as their per-segment
//     values, with HNN-core's segment centres.
//   - Connections: every connection's final pairs (after Lamina's pruning,
//     in the network's seeding) as gid_pairs grouped by source, in the order
//     sources first appear; probability 1.0 (see above); lamtha scaled by the
//     network's in-plane distance, since HNN-core reads files with 1 µm.
//     Drives' connections follow the cells', with the pairs HNN-core's
//     seeding gives.
//   - cell_metadata: HNN-core's defaults (morpho_type, reference, color,
//     marker) for its four cell types, electro_type, measure_dipole and the
//     layer of the dipole or of a name like L5_basket.
//   - legacy_mode is true only when a distal drive reaches L5_basket (with
//     AMPA weight 0, delay 0.1 ms, probability 1, which legacy mode then
//     adds back): HNN-core refuses such a drive otherwise.
//   - delay is 1.0; rec_arrays and cell_response are empty.
//   - Spike-train drives are written as HNN-core writes them, but HNN-core's
//     reader cannot read spike-train drives back (it fails with a KeyError);
//     Read reads them.
//
// # Not representable
//
// Reading fails, naming the path, for: synapse mechanisms other than
// Exp2Syn (e.g. NMDA_gao) or synapse parameters other than e, tau1, tau2;
// sections attached by their 1 end; cells without a soma or with sections
// not connected to it; a file nseg other than HNN-core's rule; per-segment
// values for another number of segments; connection thresholds other than
// the network's; drive connections that differ from what the drive's
// parameters imply (removed, added or edited pairs, a gain other than 1,
// different delays for the AMPA and NMDA connections onto one cell type);
// drive cells away from the origin; a stop time of exactly 0 (Lamina reads 0
// as "the end of the run"; HNN-core's null is that); gid ranges other than
// those the cell types and drives give.
//
// Writing fails, naming the population, section, connection or drive, for:
// cells whose point processes are not Exp2Syn synapses <section>_<receptor>
// at 0.5, with one set of parameters per receptor; a detector other than
// soma(0.5); mechanism globals; sections without 3-D end points, attached
// other than at a parent's 0 or 1 end, or whose nseg is not HNN-core's rule
// for their L; a dipole along another section than apical_trunk or in a
// layer not named L<number>; connections from a drive (HNN-core's files only
// hold those its parameters make); two biases of one name on one cell type;
// a zero MeshShape.
//
// # Round trips
//
// Read -> Write -> Read gives a deep-equal network, and writing it again the
// same bytes. A Lamina network written and read back keeps its geometry,
// synapses, groups, positions, drives, biases and every NetCon; what
// changes is representation: paints (one per set of sections with equal
// values, profiles as per-segment values), the root section's ParentX (0),
// the network's name (the format has none), connections with explicit or
// pruned pairs (explicit surviving pairs grouped by source, probability
// 1), the in-plane distance (1 µm, with scaled space constants) and the
// seeding (HNN-core's). Geometry not already as NEURON holds it (cells not
// built by models/hnn) reads back as NEURON would hold it: in single
// precision, each section attached where its parent ends.
package hnnnet
