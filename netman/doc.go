// Package netman is the NEURON-style "network manager" of Lamina: the
// workflow of the OIST A310 course's net_manager.py (and of NEURON's
// ParallelContext) on Lamina's models and engine.
//
//	m := netman.New(nil)                      // builtin mechanisms
//	for gid := 0; gid < n; gid++ {
//		m.Register(gid, tmpl, "exc")          // pnm.register_cell(gid, Cell())
//	}
//	m.RegisterNetStim(n, stim, 1, "ext")      // a NetStim with a gid of its own
//	m.Connect(n, 0, 0, 5e-3, 1, 0)            // pnm.nc_append(pre, post, syn, w, delay, thresh)
//	m.WantAllSpikes()                         // the default: every source's spikes are kept
//	res, err := m.Run(250, simulate.Options{})  // h.run(): serial, threads or MPI ranks
//	res.WriteSpikes(f, 0)                     // pnm.write_spikes(): time_ms,gid
//
// Cells are cell.Cell templates (sections, topology, geometry, painted
// mechanisms, synapses at section(x), a detector and the cell's own
// generators), the same data the built-in HNN-core cells are; one
// template value may be registered under many gids. Connect counts
// synapses as NEURON's synlist does: index i is the cell's i-th point
// process that receives events (cell.Cell.Synapses).
//
// As in NEURON, a NetCon's threshold is its source's: the last Connect
// from a gid (or SetThreshold) sets the threshold of that gid's detector,
// which otherwise is the template's. A second Connect between the same
// (pre, post, synapse) replaces the first, as the tutorial's dict of
// NetCons does; Reset drops every NetCon (nc_reset).
//
// Network assembles the registrations into a model.Network (plain data:
// it validates, round-trips through JSON and runs with `lamina simulate`):
// runs of consecutive gids with the same template, type and threshold
// become populations, runs of generators drives, NetCons explicit
// model.NetCons. Gids need not be contiguous or cells-first; Network maps
// them to the model's dense gids and results are reported in the
// registered gids.
//
// The tutorials' plots (plot.TutorialRaster, plot.GroupRates,
// plot.RateSpectrogram) are drawn from spikes by package plot.
package netman
