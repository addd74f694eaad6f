package analysis

import (
	"fmt"
	"github.com/laminasim/lamina/record"
	"math"
	"slices"
	"sort"
)

// Modes of [MeanRates], HNN-core's mean_type values.
const (
	// RatesAll averages over trials and cells: one rate per population.
	RatesAll = "all"
	// RatesTrial averages over the cells of a population: one rate per
	// trial.
	RatesTrial = "trial"
	// RatesCell keeps every cell: one rate per trial and cell.
	RatesCell = "cell"
)

// Rates holds the mean firing rates (Hz) of one population computed by
// [MeanRates]. Only the field of the requested mode is set; the others
// are left at their zero value.
type Rates struct {
	// Name is the population's name, from its range.
	Name string
	// All is the rate averaged over trials and cells (mode "all"); NaN
	// when there are no trials or no cells.
	All float64
	// Trial[t] is the rate in trial t averaged over cells (mode
	// "trial"); NaN when the population has no cells.
	Trial []float64
	// Cell[t][c] is the rate of cell First+c in trial t (mode "cell").
	Cell [][]float64
}

// MeanRates computes mean firing rates in Hz per population, as HNN-core's
// CellResponse.mean_rates(tstart, tstop, gid_ranges, mean_type)
// (hnn_core/cell_response.py). trialGIDs[t] lists the gid of every spike
// of trial t (one entry per spike; spike times are not needed, see
// below); len(trialGIDs) is the number of trials, and a trial without
// spikes is an empty list. ranges lists the populations to report, in the
// order of the result; spikes of gids outside every range (drive inputs)
// are ignored.
//
// The rate of cell g in trial t is its spike count divided by the
// duration (tstopMs - tstartMs)/1000 s. Then mode "cell" returns those
// rates, "trial" their mean over each population's cells, and "all" the
// mean over trials of the per-trial means.
//
// As in HNN-core, every spike of a trial is counted, including spikes
// outside [tstartMs, tstopMs]: the window only sets the duration. To
// count only the spikes inside it, filter the spikes first, e.g. with
// [GIDsInWindow].
//
// Errors: an unknown mode, tstopMs <= tstartMs, non-finite times or a
// negative range size.
func MeanRates(trialGIDs [][]int, ranges []record.Range, tstartMs, tstopMs float64, mode string) ([]Rates, error) {
	switch mode {
	case RatesAll, RatesTrial, RatesCell:
	default:
		return nil, fmt.Errorf("analysis: unknown mean rate mode %q (want %q, %q or %q)", mode, RatesAll, RatesTrial, RatesCell)
	}
	if math.IsNaN(tstartMs) || math.IsInf(tstartMs, 0) || math.IsNaN(tstopMs) || math.IsInf(tstopMs, 0) {
		return nil, fmt.Errorf("analysis: tstart %g ms and tstop %g ms must be finite", tstartMs, tstopMs)
	}
	if tstopMs <= tstartMs {
		return nil, fmt.Errorf("analysis: tstop %g ms must be greater than tstart %g ms", tstopMs, tstartMs)
	}
	for _, r := range ranges {
		if r.N < 0 {
			return nil, fmt.Errorf("analysis: gid range %q has negative size %d", r.Name, r.N)
		}
	}
	dur := tstopMs - tstartMs
	out := make([]Rates, len(ranges))
	for i, r := range ranges {
		// rate[t][c], as HNN-core's gid_spike_rate.
		rate := make([][]float64, len(trialGIDs))
		for t, gids := range trialGIDs {
			counts := make([]int, r.N)
			for _, g := range gids {
				if r.Contains(record.GID(g)) {
					counts[g-int(r.First)]++
				}
			}
			rate[t] = make([]float64, r.N)
			for c, n := range counts {
				if n > 0 {
					rate[t][c] = float64(n) / dur * 1000
				}
			}
		}
		out[i].Name = r.Name
		switch mode {
		case RatesCell:
			out[i].Cell = rate
		case RatesTrial:
			out[i].Trial = rowMeans(rate, r.N)
		case RatesAll:
			out[i].All = mean(rowMeans(rate, r.N))
		}
	}
	return out, nil
}

// rowMeans returns NumPy's mean along the rows of an n-column matrix
// (pairwise summation; NaN for rows of length 0).
func rowMeans(m [][]float64, n int) []float64 {
	out := make([]float64, len(m))
	for i, row := range m {
		out[i] = pairwiseSum(row) / float64(n)
	}
	return out
}

// mean is numpy.mean of a 1-D array: NaN for an empty one.
func mean(x []float64) float64 {
	return pairwiseSum(x) / float64(len(x))
}

// GIDsInWindow returns the gids of the spikes with startMs <= time <
// stopMs, in input order. It panics if the slices' lengths differ.
func GIDsInWindow(times []float64, gids []int, startMs, stopMs float64) []int {
	if len(times) != len(gids) {
		panic(errLenTimesIDs)
	}
	out := []int{}
	for i, t := range times {
		if t >= startMs && t < stopMs {
			out = append(out, gids[i])
		}
	}
	return out
}

// errLenTimesIDs is the panic message for mismatched spike slices.
const errLenTimesIDs = "analysis: times and ids lengths differ"

// SpikeHistogram counts the spike times falling in each bin of edgesMs,
// as numpy.histogram(times, edgesMs)[0] (and so matplotlib's hist, which
// HNN-core's plot_spikes_hist uses): bin i holds edges[i] <= t <
// edges[i+1], except the last bin, which also holds t == edges[last].
// Times outside [edges[0], edges[last]] and NaNs are not counted. The
// result has len(edgesMs)-1 counts (none for fewer than two edges).
// Edges must be non-decreasing; it panics otherwise.
func SpikeHistogram(times []float64, edgesMs []float64) []int {
	if len(edgesMs) < 2 {
		return []int{}
	}
	for i := 1; i < len(edgesMs); i++ {
		if !(edgesMs[i] >= edgesMs[i-1]) {
			panic("analysis: histogram edges must be non-decreasing")
		}
	}
	counts := make([]int, len(edgesMs)-1)
	for _, t := range times {
		if b := binIndex(t, edgesMs); b >= 0 {
			counts[b]++
		}
	}
	return counts
}

// binIndex returns the numpy.histogram bin of t for non-decreasing
// edges, or -1 when t is outside them or NaN.
func binIndex(t float64, edges []float64) int {
	last := len(edges) - 1
	if !(t >= edges[0] && t <= edges[last]) {
		return -1
	}
	if t == edges[last] {
		// The last bin is closed; with repeated last edges it is the
		// final (possibly empty-width) bin, as numpy.histogram does.
		return last - 1
	}
	// The largest i with edges[i] <= t.
	return sort.Search(len(edges), func(i int) bool { return edges[i] > t }) - 1
}

// Bins returns histogram edges from startMs in steps of widthMs covering
// [startMs, stopMs]: startMs + i·widthMs for i = 0..n with n =
// ceil((stopMs-startMs)/widthMs) (a quotient within 1e-9 of an integer is
// rounded to it, so floating-point noise adds no bin). The last edge is
// >= stopMs: when the span is not a multiple of the width the last bin
// extends past stopMs, so every bin has the same width. It panics if
// widthMs is not positive and finite or stopMs < startMs.
func Bins(startMs, stopMs, widthMs float64) []float64 {
	if !(widthMs > 0) || math.IsInf(widthMs, 1) {
		panic("analysis: bin width must be positive and finite")
	}
	if !(stopMs >= startMs) {
		panic("analysis: stop must not be before start")
	}
	q := (stopMs - startMs) / widthMs
	n := int(math.Ceil(q))
	if r := math.Round(q); math.Abs(q-r) <= 1e-9*math.Max(1, r) {
		n = int(r)
	}
	edges := make([]float64, n+1)
	for i := range edges {
		edges[i] = startMs + float64(i)*widthMs
	}
	return edges
}

// Linspace returns num evenly spaced values from start to stop inclusive,
// with numpy.linspace's arithmetic (start + i·step, the last value set to
// stop). HNN-core's plot_spikes_hist uses np.linspace(0, tstop, 50) as
// its histogram edges. num <= 0 gives an empty slice.
func Linspace(start, stop float64, num int) []float64 { return linspace(start, stop, num) }

// PopulationRate returns the population firing rate of n cells in bins of
// binMs from startMs (edges from [Bins]): the spike count of each bin
// (with [SpikeHistogram]'s rules) divided by n·binMs/1000, in Hz per
// cell, and the bin centres in ms. It panics if n <= 0 or the bins are
// invalid (see [Bins]).
func PopulationRate(times []float64, n int, startMs, stopMs, binMs float64) (centersMs, rateHz []float64) {
	if n <= 0 {
		panic("analysis: population size must be positive")
	}
	edges := Bins(startMs, stopMs, binMs)
	counts := SpikeHistogram(times, edges)
	centersMs = make([]float64, len(counts))
	rateHz = make([]float64, len(counts))
	norm := float64(n) * binMs / 1000
	for i, c := range counts {
		centersMs[i] = (edges[i] + edges[i+1]) / 2
		rateHz[i] = float64(c) / norm
	}
	return centersMs, rateHz
}

// ISICV returns the coefficient of variation of the inter-spike intervals
// of one spike train: the population standard deviation (ddof 0, as
// numpy.std and elephant.statistics.cv) of the intervals divided by their
// mean. The times are sorted first if needed. It is NaN for fewer than 3
// spikes (fewer than 2 intervals) and 0 for a perfectly regular train.
func ISICV(times []float64) float64 {
	if len(times) < 3 {
		return math.NaN()
	}
	ts := times
	if !slices.IsSorted(ts) {
		ts = slices.Clone(times)
		slices.Sort(ts)
	}
	isi := make([]float64, len(ts)-1)
	for i := range isi {
		isi[i] = ts[i+1] - ts[i]
	}
	m := mean(isi)
	dev := make([]float64, len(isi))
	for i, v := range isi {
		d := v - m
		dev[i] = d * d
	}
	return math.Sqrt(mean(dev)) / m
}

// SpikeTrainMatrix bins the spikes of nIDs neurons: counts[id][b] is the
// number of spikes of neuron id (times[i] with ids[i] == id) in bin b of
// [Bins](startMs, stopMs, binMs), with [SpikeHistogram]'s rules. ids must
// lie in [0, nIDs); offset gids by the population's first gid. It panics
// if the slices' lengths differ, an id is out of range or the bins are
// invalid.
func SpikeTrainMatrix(times []float64, ids []int, nIDs int, startMs, stopMs, binMs float64) [][]int {
	if len(times) != len(ids) {
		panic(errLenTimesIDs)
	}
	if nIDs < 0 {
		panic("analysis: negative number of ids")
	}
	edges := Bins(startMs, stopMs, binMs)
	counts := make([][]int, nIDs)
	for i := range counts {
		counts[i] = make([]int, len(edges)-1)
	}
	for i, t := range times {
		id := ids[i]
		if id < 0 || id >= nIDs {
			panic("analysis: spike id out of range [0, nIDs)")
		}
		if b := binIndex(t, edges); b >= 0 {
			counts[id][b]++
		}
	}
	return counts
}
