// Package gui is Lamina's graphical front end: an HTTP server that serves a
// single-page app embedded in the binary (assets/, plain HTML, CSS and
// JavaScript with the uPlot charting library) and a JSON API over the same
// library calls the command line makes. It gives HNN-core's GUI workflow
// (hnn_core/gui/gui.py) in a browser, with no Python and no network access:
// choose or load a model, edit the run, the drives and the network, run it
// with live progress and cancel it, look at the dipole, spikes, spectra and
// figures, compare with recorded data, fit parameters, and export the run
// spec and the outputs.
//
// # One run path
//
// A run is a spec.Run built from the forms, simulated by simulate.Run and
// written by output.Write: the same calls as "lamina simulate", so the
// GUI's outputs are byte-identical to the command line's for the same spec.
// Comparisons with a recorded dipole go through output.Write's comparison
// (the CLI's --compare), and fits through fitrun (the CLI's "lamina fit").
//
// # API
//
//	GET  /api/examples                 the built-in examples
//	GET  /api/examples/{name}          an example's run spec
//	POST /api/validate                 check a spec: errors by field
//	POST /api/load                     upload a model file (any format modelfile reads): its run spec
//	POST /api/runs                     start a run {spec, threads}: its id
//	GET  /api/runs                     the runs, newest last
//	GET  /api/runs/{id}/events         progress and log, server-sent events
//	POST /api/runs/{id}/cancel         cancel a queued or running run
//	GET  /api/runs/{id}/dipole         the dipole by layer, per trial and mean (?smooth_ms=&scale=)
//	GET  /api/runs/{id}/spikes         every spike (trial, time, gid, type) and the gid ranges
//	GET  /api/runs/{id}/figure/{kind}.{png|svg}  a figure "lamina plot" draws
//	GET  /api/runs/{id}/compare        RMSE and correlation with uploaded data (?data=&smooth_ms=&scale=)
//	GET  /api/runs/{id}/spec.json      the run spec, runnable with lamina simulate
//	GET  /api/runs/{id}/outputs.zip    the outputs as lamina simulate --out writes them
//	POST /api/data                     upload a recorded dipole (.txt as HNN-core writes, or dipole.csv)
//	POST /api/fits                     start a fit; GET /api/fits/{id}/events, POST /api/fits/{id}/cancel
//
// # Safety
//
// The server binds to 127.0.0.1 unless told otherwise. Every request's Host
// must name the server (localhost, a loopback address or, when bound to
// another address, an IP literal: never a DNS name, which is how DNS
// rebinding reaches a local server), and its Origin, when sent, must be the
// server's own. Bodies and uploads are size-limited, uploaded files are
// parsed in memory (no path from the browser ever reaches the file system),
// only the embedded assets are served, and runs are queued one at a time
// with a bounded queue.
package gui
