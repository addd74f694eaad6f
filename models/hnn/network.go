package hnn

import (
	"maps"
	"math"
	"sort"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
)

// Default grid settings of HNN-core's network (network.py): 1 µm between
// neighbouring pyramidal somata in the plane, 1307.4 µm between the L5 and
// L2 layers.
const (
	InplaneDistanceUm = 1.0
	LayerSeparationUm = 1307.4
)

// DefaultWeights returns HNN-core's default synaptic weights (µS), from
// hnn_core/param/default.json, keyed as its gbar_<source>_<target>[_receptor]
// parameters without the gbar_ prefix (e.g. "L2Pyr_L2Pyr_ampa"), in a new
// map.
func DefaultWeights() map[string]float64 { return maps.Clone(defaultWeights) }

// defaultWeights holds DefaultWeights' values.
var defaultWeights = map[string]float64{
	"L2Pyr_L2Pyr_ampa":     0.0005,
	"L2Pyr_L2Pyr_nmda":     0.0005,
	"L2Basket_L2Pyr_gabaa": 0.05,
	"L2Basket_L2Pyr_gabab": 0.05,
	"L2Pyr_L5Pyr":          0.00025,
	"L2Basket_L5Pyr":       0.001,
	"L5Pyr_L5Pyr_ampa":     0.0005,
	"L5Pyr_L5Pyr_nmda":     0.0005,
	"L5Basket_L5Pyr_gabaa": 0.025,
	"L5Basket_L5Pyr_gabab": 0.025,
	"L2Pyr_L2Basket":       0.0005,
	"L2Basket_L2Basket":    0.02,
	"L2Pyr_L5Basket":       0.00025,
	"L5Pyr_L5Basket":       0.0005,
	"L5Basket_L5Basket":    0.02,
}

// Positions returns HNN-core's cell positions (network.py
// _create_cell_coords) for an nx × ny pyramidal grid: the pyramidal cells
// on the grid (x outer, y inner) at depth 0 (L5) and layerSep (L2); the
// basket cells on every third column and alternate rows, sorted by y, at
// 0.2·layerSep (L5) and 0.8·layerSep (L2); and the origin where drive cells
// sit, the grid's middle point at depth floor(layerSep/2).
func Positions(nx, ny int, inplane, layerSep float64) (pos map[string][]model.Position, origin model.Position) {
	xs := arange(0, nx, 1, inplane)
	ys := arange(0, ny, 1, inplane)
	pyr := func(z float64) []model.Position {
		var out []model.Position
		for _, x := range xs {
			for _, y := range ys {
				out = append(out, model.Position{x, y, z})
			}
		}
		return out
	}
	basket := func(weight float64) []model.Position {
		var xy [][2]float64
		for _, x := range arange(0, nx, 3, inplane) {
			for _, y := range arange(0, ny, 2, inplane) {
				xy = append(xy, [2]float64{x, y})
			}
		}
		for _, x := range arange(1, nx, 3, inplane) {
			for _, y := range arange(1, ny, 2, inplane) {
				xy = append(xy, [2]float64{x, y})
			}
		}
		sort.SliceStable(xy, func(i, j int) bool { return xy[i][1] < xy[j][1] })
		out := make([]model.Position, len(xy))
		for i, p := range xy {
			out[i] = model.Position{p[0], p[1], weight * layerSep}
		}
		return out
	}
	pos = map[string][]model.Position{
		L5Pyramidal: pyr(0),
		L2Pyramidal: pyr(layerSep),
		L5Basket:    basket(0.2),
		L2Basket:    basket(0.8),
	}
	origin = model.Position{xs[(len(xs)-1)/2], ys[(len(ys)-1)/2], math.Floor(layerSep / 2)}
	return pos, origin
}

// arange is numpy.arange(start, stop, step) of integers, times scale.
func arange(start, stop, step int, scale float64) []float64 {
	var out []float64
	for i := start; i < stop; i += step {
		out = append(out, float64(i)*scale)
	}
	return out
}

// Jones2009 returns HNN-core's neocortical column (jones_2009_model, in
// this HNN-core an alias of neymotin_2020_model) with default parameters on
// an nx × ny pyramidal grid (HNN-core's default is 10 × 10): 4 populations
// and its 15 connection rules, no drives, HNN-core's seeding.
func Jones2009(nx, ny int) *model.Network { return JonesWithWeights(nx, ny, defaultWeights) }

// JonesWithWeights is Jones2009 with the connection weights (µS) of a
// parameter set, keyed as DefaultWeights (HNN-core's neymotin_2020_model(params)).
func JonesWithWeights(nx, ny int, weights map[string]float64) *model.Network {
	pos, origin := Positions(nx, ny, InplaneDistanceUm, LayerSeparationUm)
	net := &model.Network{
		Name:              "jones_2009",
		ThresholdMV:       0,
		Celsius:           37,
		InplaneDistanceUm: InplaneDistanceUm,
		Origin:            origin,
		Seeding:           model.SeedingHNN,
		MeshShape:         [2]int{nx, ny},
	}
	for _, t := range []string{L2Basket, L2Pyramidal, L5Basket, L5Pyramidal} {
		c, _ := NewCell(t)
		p := model.Population{Name: t, Cell: c, Positions: pos[t], ElectroType: "inhibitory"}
		if t == L2Pyramidal || t == L5Pyramidal {
			p.ElectroType = "excitatory"
			p.Dipole = &model.DipoleSpec{Layer: t[:2], Axis: "apical_trunk"}
		}
		net.Populations = append(net.Populations, p)
	}
	const delay = 1.0
	conn := func(src, tgt, loc, rec, key string, lamtha float64, autapses bool) model.Connection {
		return model.Connection{Src: src, Target: tgt, Loc: loc, Receptor: rec, WeightUS: weights[key],
			DelayMs: delay, Lamtha: lamtha, Gain: 1, Probability: 1, AllowAutapses: autapses}
	}
	short := map[string]string{L2Pyramidal: "L2Pyr", L5Pyramidal: "L5Pyr"}
	var cs []model.Connection
	for _, t := range []string{L2Pyramidal, L5Pyramidal} {
		for _, r := range []string{"nmda", "ampa"} {
			cs = append(cs, conn(t, t, "proximal", r, short[t]+"_"+short[t]+"_"+r, 3, false))
		}
	}
	for _, r := range []string{"gabaa", "gabab"} {
		cs = append(cs, conn(L2Basket, L2Pyramidal, "soma", r, "L2Basket_L2Pyr_"+r, 50, true))
	}
	for _, r := range []string{"gabaa", "gabab"} {
		cs = append(cs, conn(L5Basket, L5Pyramidal, "soma", r, "L5Basket_L5Pyr_"+r, 70, true))
	}
	for _, loc := range []string{"proximal", "distal"} {
		cs = append(cs, conn(L2Pyramidal, L5Pyramidal, loc, "ampa", "L2Pyr_L5Pyr", 3, true))
	}
	cs = append(cs,
		conn(L2Basket, L5Pyramidal, "distal", "gabaa", "L2Basket_L5Pyr", 50, true),
		conn(L2Pyramidal, L2Basket, "soma", "ampa", "L2Pyr_L2Basket", 3, true),
		conn(L2Basket, L2Basket, "soma", "gabaa", "L2Basket_L2Basket", 20, true),
		conn(L5Basket, L5Basket, "soma", "gabaa", "L5Basket_L5Basket", 20, false),
		conn(L5Pyramidal, L5Basket, "soma", "ampa", "L5Pyr_L5Basket", 3, true),
		conn(L2Pyramidal, L5Basket, "soma", "ampa", "L2Pyr_L5Basket", 3, true),
	)
	net.Connections = cs
	return net
}

// ERPDrives returns the three evoked drives of HNN-core's ERP example
// (plot_simulate_evoked.py): a distal drive at 63.53 ms and proximal drives
// at 26.61 and 137.12 ms, with the example's weights (µS) and delays (ms).
// All three use eventSeed (the reference outputs use 4) and conn_seed 3. With
// cellSpecific false every drive has nDriveCells cells (the example's
// synchronous variant: 1).
func ERPDrives(eventSeed int, cellSpecific bool, nDriveCells int) []drive.Drive {
	prox := map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Basket: 1, L5Pyramidal: 1}
	mk := func(name, loc string, mu, sigma float64, ampa, nmda, delays map[string]float64) drive.Drive {
		d := drive.Drive{Name: name, Type: drive.Evoked, Location: loc,
			Evoked:      &drive.EvokedParams{MuMs: mu, SigmaMs: sigma, NumSpikes: 1},
			WeightsAMPA: ampa, WeightsNMDA: nmda, SynapticDelays: delays, SpaceConstant: 3,
			CellSpecific: cellSpecific, EventSeed: eventSeed, ConnSeed: 3}
		if !cellSpecific {
			d.NDriveCells = nDriveCells
		}
		return d
	}
	return []drive.Drive{
		mk("evdist1", "distal", 63.53, 3.85,
			map[string]float64{L2Basket: 0.006562, L2Pyramidal: 0.000007, L5Pyramidal: 0.142300},
			map[string]float64{L2Basket: 0.019482, L2Pyramidal: 0.004317, L5Pyramidal: 0.080074},
			map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Pyramidal: 0.1}),
		mk("evprox1", "proximal", 26.61, 2.47,
			map[string]float64{L2Basket: 0.08831, L2Pyramidal: 0.01525, L5Basket: 0.19934, L5Pyramidal: 0.00865},
			nil, prox),
		mk("evprox2", "proximal", 137.12, 8.33,
			map[string]float64{L2Basket: 0.000003, L2Pyramidal: 1.438840, L5Basket: 0.008958, L5Pyramidal: 0.684013},
			nil, prox),
	}
}

// ERP returns the ERP example of the reference outputs: Jones2009(10, 10)
// with ERPDrives(4, true, 0).
func ERP() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "erp"
	net.Drives = ERPDrives(4, true, 0)
	return net
}

// ERPSync is ERP with one drive cell per drive, not cell-specific: every
// cell receives the same volley.
func ERPSync() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "erp-sync"
	net.Drives = ERPDrives(4, false, 1)
	return net
}
