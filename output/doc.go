// Package output is a run's output directory: what every front end (the
// command line, batch, fit, the GUI) writes after a run, in one layout
// for every kind of model, and reads back to analyse and draw without
// simulating.
//
// Write puts a complete set of files in place at once: it writes them
// into a temporary directory beside the destination and swaps it in when
// every file is written, so a directory holds exactly one run's files,
// never a mix of two, and a failed write leaves the previous set as it
// was. Load reads a directory back; Render draws the figures its data
// allow, chosen by what the run recorded (a dipole, drives, point-neuron
// monitors), not by the model's name.
//
// Layout (units in the column names):
//
//	run.json        the run spec: lamina simulate DIR/run.json reproduces the run
//	model.json      the model alone (a Lamina network or point-network file)
//	summary.json    counts, mean rates, statistics, settings, wall time
//	spikes.csv      trial,time_ms,gid,type: every spike, sources included
//	rates.csv       trial,time_ms,<population>_Hz: population rates in 10 ms bins
//	dipole.csv      trial,time_ms,<layer>_nAm: processed as HNN-core's simulate_dipole, smoothed and scaled
//	dipole_raw.csv  trial,time_ms,<layer>_fAm: as summed
//	vsec_trial<k>.csv, isec_trial<k>.csv, ca_trial<k>.csv: recorded cable traces
//	monitor_<population>_<variable>_trial<k>.csv: point monitors
//	dpl_<k>.txt, spk_<k>.txt: HNN-core's text files (output.hnn_files)
//	compare.png     the trial-mean dipole against output.compare
//	*.png           figures (output.plot)
package output
