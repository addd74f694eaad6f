// Package netview draws a network of cable cells in 3-D, every section
// coloured by its membrane potential, and animates a run as a GIF: HNN-core's
// NetworkPlotter and its export_movie (hnn_core/viz.py; the gallery's
// "Animating HNN simulations", examples/howto/plot_hnn_animation.py).
//
// A Scene places every section of every cable cell of a model.Network: the
// cell's position plus its template's 3-D end points, µm (z along the
// cortical depth, up). A View says how to look at it: azimuth and elevation
// in degrees as matplotlib's view_init, the box (x, y and z limits, µm) that
// is drawn and fills the frame, the potentials (mV) at the ends of the colour
// map (viridis, -100 to 50 mV, as HNN-core), the size in pixels. A Renderer
// projects the scene once (a mild perspective, as matplotlib's; the box keeps
// the proportions of the µm, where matplotlib stretches it to 4:4:3) and then
// draws frames into image.RGBA: the chrome (colour bar labelled "membrane
// potential (mV)", scale bar, drawn with gonum/plot) is copied, the time is
// written in the title and each section's line, as wide as its diameter,
// antialiased and drawn back to front, takes the colour of its potential at
// that time. Lines are drawn directly into the pixels, not through a vector
// canvas: a frame of the 270-cell ERP network (1770 sections) takes about a
// millisecond.
//
// A Recording holds the potential of every section over time, from a trace
// (results.Trial.VSec) or a vsec_trial<k>.csv file written by lamina
// simulate with record_vsec "all" (--record-vsec all); each section's
// potential is the one at its middle, as HNN-core records it. Movie writes
// the samples MovieOptions selects (fps, decim, frame_start, frame_stop as
// export_movie) as an animated GIF with one fixed palette.
//
// Two differences from HNN-core, both deliberate: sections are clipped to
// the box (matplotlib draws 3-D lines past the axis limits), and the limits
// default to the scene's extent (HNN-core's fixed defaults, (-200, 3100) µm
// in x and y, show the default 1 µm grid as a sliver).
package netview
