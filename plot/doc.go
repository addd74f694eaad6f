// Package plot renders Lamina's results as figures with gonum/plot: data
// types have no Plot methods; this package draws them. Figures are written
// atomically as PNG or SVG, chosen by the file extension.
//
// The laminar figures (LaminarLFP, CSD, LFPFigure) draw HNN-core's
// plot_laminar_lfp, plot_laminar_csd and the figure of its
// extracellular-recording example from plain data that package lfp
// prepares.
package plot
