package hnn

import (
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
)

// Thalamic population of ERPThalamic.
const (
	// ThalamusName names the thalamocortical population, VolleyName the
	// Poisson volley that drives it.
	ThalamusName = "thalamus"
	VolleyName   = "volley"
	// ThalamusCells is the number of thalamocortical cells.
	ThalamusCells = 100
)

// ThalamusParams are the thalamocortical cells' AdEx parameters: the
// "adapting" row of SNN.jl's AdEx tutorial (R 0.5 GΩ, τm 20 ms, EL -70,
// Vt -50, ΔT 2 mV; a 0, τw 100 ms, b 5 pA, reset -55 mV) with AMPA-like
// excitatory conductances (τe 6 ms, Ee 0 mV): a cell that answers a burst
// of input with a short train of spikes.
func ThalamusParams() point.AdExParams {
	p := point.DefaultAdEx()
	p.RGOhm, p.VThmV, p.DeltaTmV, p.ELmV = 0.5, -50, 2, -70
	p.TauMMs, p.ANS, p.TauWMs, p.BPA, p.VResetmV = 20, 0, 100, 5, -55
	return p
}

// ERPThalamic is the ERP example (ERP: the Jones 2009 column with the
// distal drive at 63.5 ms and the second proximal drive at 137.1 ms, event
// seed 4) whose first proximal input comes from a thalamus instead of the
// evoked drive evprox1: 100 AdEx thalamocortical cells (ThalamusParams)
// driven by a Poisson volley (200 sources at 150 Hz from 15 to 25 ms,
// each cell receiving 10% of them at 0.3 nS), which fire one or two
// spikes each between 22 and 30 ms and project onto the proximal AMPA
// synapses of every cortical cell type: probability 0.1 (about 10
// thalamic inputs a cell), evprox1's weights shared out over the about 20
// thalamic spikes a cell receives, evprox1's space constant (3), and a
// delay of 1 ms (a short thalamocortical conduction delay). A mixed network: none of HNN-core,
// Brian2 or SpikingNeuralNetworks.jl can run it.
func ERPThalamic() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "erp-thalamic"
	drives := ERPDrives(4, true, 0)
	prox1 := drives[1]
	net.Drives = []drive.Drive{drives[0], drives[2]}
	net.Point = &pointnet.Network{Name: ThalamusName, Seed: 4,
		Populations: []pointnet.Population{pointnet.NewAdEx(ThalamusName, ThalamusCells, ThalamusParams())},
		Poisson: []pointnet.PoissonLayer{{Name: VolleyName, N: 200, RateHz: 150, StartMs: 15, StopMs: 25,
			Target: ThalamusName, Receptor: "ge", P: 0.1, Weight: pointnet.NS(0.3)}},
	}
	const (
		p     = 0.1
		share = 2 * p * ThalamusCells // inputs per cell times spikes per input
	)
	for i, t := range []string{L2Basket, L2Pyramidal, L5Basket, L5Pyramidal} {
		w, ok := prox1.WeightsAMPA[t]
		if !ok {
			continue
		}
		net.Connections = append(net.Connections, model.Connection{Src: ThalamusName, Target: t, Loc: "proximal", Receptor: "ampa",
			WeightUS: w / share, DelayMs: 1, Lamtha: prox1.SpaceConstant, Gain: 1, Probability: p, ConnSeed: 10 + i})
	}
	return net
}
