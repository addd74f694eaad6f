package hnn

import (
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
)

// OptimizeEvoked is the network HNN-core's optimize_evoked.py fits, at its
// initial parameters: neymotin_2020_model (Jones2009(10, 10)) with the
// ERP's three evoked drives added, as that example adds them, in the
// order evprox1, evdist1, evprox2 (the order sets the drive cells' gids,
// and so their event seeds), each with one drive cell, not cell-specific,
// with HNN-core's default event_seed 2 and conn_seed 3; evprox2 at
// 120 ± 1 ms with an L5 pyramidal AMPA weight of 0.1 µS (the fitted
// parameters' initial values).
func OptimizeEvoked() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "optimize-evoked"
	ds := ERPDrives(2, false, 1) // evdist1, evprox1, evprox2
	ds[0], ds[1] = ds[1], ds[0]
	p2 := &ds[2]
	p2.Evoked.MuMs, p2.Evoked.SigmaMs = 120, 1
	p2.WeightsAMPA[L5Pyramidal] = 0.1
	net.Drives = ds
	return net
}

// OptimizeRhythmic is the network HNN-core's optimize_rhythmic.py fits, at
// its initial parameters (the midpoints of its bounds, HNN-core's default
// when no initial values are given): neymotin_2020_model with a proximal
// (alpha_prox) and a distal (alpha_dist) bursty drive of 10 drive cells,
// bursts of 2 spikes 10 ms apart from 50 ms at 15.5 Hz jittered by 20 ms,
// L2 pyramidal AMPA weights of 5.4e-5 µS (fitted) and L5 pyramidal ones
// of 4.4e-5 µS, delays 0.1/1 ms (proximal) and 5 ms (distal).
func OptimizeRhythmic() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "optimize-rhythmic"
	net.Drives = []drive.Drive{
		bursty("alpha_prox", "proximal", 50, 0, 0, 15.5, 20, 2, 10, 10,
			map[string]float64{L2Pyramidal: 5.4e-5, L5Pyramidal: 4.4e-5},
			map[string]float64{L2Pyramidal: 0.1, L5Pyramidal: 1}, 2),
		bursty("alpha_dist", "distal", 50, 0, 0, 15.5, 20, 2, 10, 10,
			map[string]float64{L2Pyramidal: 5.4e-5, L5Pyramidal: 4.4e-5},
			map[string]float64{L2Pyramidal: 5, L5Pyramidal: 5}, 2),
	}
	return net
}
