package hnn

import (
	"maps"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
)

// GammaWeights returns the connection weights (µS) of HNN-core's
// param/gamma_L5weak_L2weak.json, keyed as DefaultWeights, in a new map:
// only the inhibitory loops and the pyramidal-to-basket connections are
// on.
func GammaWeights() map[string]float64 { return maps.Clone(gammaWeights) }

// gammaWeights holds GammaWeights' values.
var gammaWeights = map[string]float64{
	"L2Pyr_L2Pyr_ampa": 0, "L2Pyr_L2Pyr_nmda": 0,
	"L2Basket_L2Pyr_gabaa": 0.007, "L2Basket_L2Pyr_gabab": 0,
	"L2Pyr_L5Pyr": 0, "L2Basket_L5Pyr": 0,
	"L5Pyr_L5Pyr_ampa": 0, "L5Pyr_L5Pyr_nmda": 0,
	"L5Basket_L5Pyr_gabaa": 0.08, "L5Basket_L5Pyr_gabab": 0,
	"L2Pyr_L2Basket": 0.0012, "L2Basket_L2Basket": 0.01,
	"L2Pyr_L5Basket": 0, "L5Pyr_L5Basket": 0.00091, "L5Basket_L5Basket": 0.0075,
}

// N20Weights returns the connection weights (µS) of HNN-core's
// param/N20.json, the median-nerve (somatosensory) ERP parameter set,
// keyed as DefaultWeights, in a new map.
func N20Weights() map[string]float64 { return maps.Clone(n20Weights) }

// n20Weights holds N20Weights' values.
var n20Weights = map[string]float64{
	"L2Pyr_L2Pyr_ampa": 0.0002, "L2Pyr_L2Pyr_nmda": 0.0002,
	"L2Basket_L2Pyr_gabaa": 0.05, "L2Basket_L2Pyr_gabab": 0.05,
	"L2Pyr_L5Pyr": 0.0002, "L2Basket_L5Pyr": 0.002,
	"L5Pyr_L5Pyr_ampa": 0.001, "L5Pyr_L5Pyr_nmda": 0.0005,
	"L5Basket_L5Pyr_gabaa": 0.02, "L5Basket_L5Pyr_gabab": 0.06,
	"L2Pyr_L2Basket": 0.0005, "L2Basket_L2Basket": 0.02,
	"L2Pyr_L5Basket": 0.00025, "L5Pyr_L5Basket": 0.0005, "L5Basket_L5Basket": 0.02,
}

// bursty returns a bursty drive as HNN-core's add_bursty_drive with its
// defaults (drive.NewBursty).
func bursty(name, loc string, tstart, tstartStd, tstop, rate, std float64, spikes int, isi float64, nCells int,
	ampa, delays map[string]float64, seed int) drive.Drive {
	d := drive.NewBursty(name, loc, drive.BurstyParams{TStartMs: tstart, TStartStdMs: tstartStd, TStopMs: tstop,
		BurstRateHz: rate, BurstStdMs: std, NumSpikes: spikes, SpikeISIMs: isi}, nCells)
	d.WeightsAMPA, d.SynapticDelays, d.EventSeed = ampa, delays, seed
	return d
}

// evoked returns an evoked drive as HNN-core's add_evoked_drive with its
// defaults (drive.NewEvoked); cell-specific unless nCells > 0.
func evoked(name, loc string, mu, sigma float64, ampa, nmda, delays map[string]float64, seed, nCells int) drive.Drive {
	d := drive.NewEvoked(name, loc, mu, sigma, 1)
	d.WeightsAMPA, d.WeightsNMDA, d.SynapticDelays, d.EventSeed = ampa, nmda, delays, seed
	d.CellSpecific, d.NDriveCells = nCells == 0, nCells
	return d
}

// Alpha is HNN-core's alpha example (plot_simulate_alpha.py): the default
// column driven by a 10 Hz bursty proximal drive (10 drive cells, bursts of
// two spikes 10 ms apart jittered by 20 ms, from 50 ms), simulated 310 ms.
func Alpha() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "alpha"
	net.Drives = []drive.Drive{alphaProx()}
	return net
}

func alphaProx() drive.Drive {
	return bursty("alpha_prox", "proximal", 50, 0, 0, 10, 20, 2, 10, 10,
		map[string]float64{L2Pyramidal: 5.4e-5, L5Pyramidal: 5.4e-5},
		map[string]float64{L2Pyramidal: 0.1, L5Pyramidal: 1}, 284)
}

// Beta is HNN-core's alpha/beta example: Alpha plus a simultaneous 10 Hz
// bursty distal drive (jitter 15 ms, 5 ms delays). The coincident proximal
// and distal bursts produce beta events.
func Beta() *model.Network {
	net := Alpha()
	net.Name = "beta"
	net.Drives = append(net.Drives, bursty("alpha_dist", "distal", 50, 0, 0, 10, 15, 2, 10, 10,
		map[string]float64{L2Pyramidal: 5.4e-5, L5Pyramidal: 5.4e-5},
		map[string]float64{L2Pyramidal: 5, L5Pyramidal: 5}, 296))
	return net
}

// GammaWeak is HNN-core's weak pyramidal-interneuron gamma (PING) example
// (plot_simulate_gamma.py): the gamma_L5weak_L2weak.json weights and a
// cell-specific Poisson drive onto the pyramidal cells (L2 140 Hz, L5
// 40 Hz), simulated 250 ms.
func GammaWeak() *model.Network {
	net := JonesWithWeights(10, 10, gammaWeights)
	net.Name = "gamma-weak"
	net.Drives = []drive.Drive{{Name: "poisson", Type: drive.Poisson, Location: "proximal",
		Poisson:        &drive.PoissonParams{RateByType: map[string]float64{L2Pyramidal: 140, L5Pyramidal: 40}},
		WeightsAMPA:    map[string]float64{L2Pyramidal: 0.0008, L5Pyramidal: 0.0075},
		SynapticDelays: map[string]float64{L2Pyramidal: 0.1, L5Pyramidal: 1},
		SpaceConstant:  100, CellSpecific: true, EventSeed: 1349, ConnSeed: 3}}
	return net
}

// GammaStrong is GammaWeak with a 6 nA tonic bias into every L5 pyramidal
// soma for the whole run: strong, more regular PING.
func GammaStrong() *model.Network {
	net := GammaWeak()
	net.Name = "gamma-strong"
	net.Biases = []model.Bias{{Name: "tonic", CellType: L5Pyramidal, Section: "soma", X: 0.5, AmplitudeNA: 6}}
	return net
}

// GammaStrongTau2 is GammaStrong with the L5 pyramidal cells' GABA_A decay
// shortened from 5 to 2 ms: faster gamma.
func GammaStrongTau2() *model.Network {
	net := GammaStrong()
	net.Name = "gamma-strong-tau2"
	SetSynapse(net, L5Pyramidal, "gabaa", "tau2", 2)
	return net
}

// SetSynapse sets a parameter of every synapse of a receptor ("ampa",
// "nmda", "gabaa", "gabab") on a population's cell template: HNN-core's
// net.cell_types[pop]['cell_object'].synapses[receptor][param] = v, e.g.
// SetSynapse(net, L5Pyramidal, "gabaa", "tau2", 2). It changes every cell
// of the population (they share the template) and does nothing for an
// unknown population.
func SetSynapse(net *model.Network, pop, receptor, param string, v float64) {
	p, ok := net.Population(pop)
	if !ok || p.Cell == nil {
		return
	}
	suffix := "_" + receptor
	for i := range p.Cell.Points {
		pp := &p.Cell.Points[i]
		if len(pp.Name) > len(suffix) && pp.Name[len(pp.Name)-len(suffix):] == suffix {
			pp.Params[param] = v
		}
	}
}

// Law2021 is HNN-core's law_2021_model (Law et al. 2021, Cereb Cortex
// 32:2285): the Jones column with slow GABA_B synapses on the pyramidal
// cells (rise 45 ms, decay 200 ms), no calcium channel in the L5 soma and
// basal dendrites, L5 recurrent NMDA 0.0004 µS, L5 basket GABA_A 0.02 and
// GABA_B 0.005 µS onto L5 pyramidal somata, the L2 basket -> L5 pyramidal
// distal GABA_A connection replaced by a GABA_B one (0.0002 µS), and a
// Martinotti-like L5 basket -> L5 pyramidal distal GABA_A connection.
func Law2021() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "law2021"
	for _, p := range []string{L2Pyramidal, L5Pyramidal} {
		SetSynapse(net, p, "gabab", "tau1", 45)
		SetSynapse(net, p, "gabab", "tau2", 200)
	}
	net.Connections[2].WeightUS = 0.0004 // L5 pyr -> L5 pyr NMDA
	net.Connections[6].WeightUS = 0.02   // L5 basket -> L5 pyr GABA_A
	net.Connections[7].WeightUS = 0.005  // L5 basket -> L5 pyr GABA_B
	l5, _ := net.Population(L5Pyramidal)
	var paints []cell.Paint
	for _, pt := range l5.Cell.Mechanisms {
		if pt.Mech == "ca" {
			pt.Sections = []string{"apical_trunk", "apical_1", "apical_2", "apical_tuft", "apical_oblique"}
		}
		paints = append(paints, pt)
	}
	l5.Cell.Mechanisms = paints
	net.Connections = append(net.Connections[:10], net.Connections[11:]...) // L2 basket -> L5 pyr distal GABA_A
	net.Connections = append(net.Connections,
		model.Connection{Src: L2Basket, Target: L5Pyramidal, Loc: "distal", Receptor: "gabab",
			WeightUS: 0.0002, DelayMs: 1, Lamtha: 50, Gain: 1, Probability: 1, AllowAutapses: true},
		model.Connection{Src: L5Basket, Target: L5Pyramidal, Loc: "distal", Receptor: "gabaa",
			WeightUS: defaultWeights["L5Basket_L5Pyr_gabaa"], DelayMs: 1, Lamtha: 70, Gain: 1, Probability: 1, AllowAutapses: true})
	return net
}

// LawERPDrives are the ERP drives of HNN-core's beta example
// (plot_simulate_beta.py), the sensory stimulus starting at start (ms).
func LawERPDrives(start float64) []drive.Drive {
	prox := map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Basket: 1, L5Pyramidal: 1}
	return []drive.Drive{
		evoked("evdist1", "distal", 70+start, 0,
			map[string]float64{L2Basket: 0.0005, L2Pyramidal: 0.004, L5Pyramidal: 0.0005},
			map[string]float64{L2Basket: 0.0005, L2Pyramidal: 0.004, L5Pyramidal: 0.0005},
			map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Pyramidal: 0.1}, 274, 0),
		evoked("evprox1", "proximal", 25+start, 0,
			map[string]float64{L2Basket: 0.002, L2Pyramidal: 0.0011, L5Basket: 0.001, L5Pyramidal: 0.001}, nil, prox, 544, 0),
		evoked("evprox2", "proximal", 135+start, 0,
			map[string]float64{L2Basket: 0.005, L2Pyramidal: 0.005, L5Basket: 0.01, L5Pyramidal: 0.01}, nil, prox, 814, 0),
	}
}

// LawBetaDrives are the beta-event drives of HNN-core's beta example: one
// burst of coincident proximal and distal input starting at start (ms).
func LawBetaDrives(start float64) []drive.Drive {
	return []drive.Drive{
		bursty("beta_dist", "distal", start, 0, start+50, 1, 10, 2, 10, 10,
			map[string]float64{L2Basket: 0.00032, L2Pyramidal: 0.00008, L5Pyramidal: 0.00004},
			map[string]float64{L2Basket: 0.5, L2Pyramidal: 0.5, L5Pyramidal: 0.5}, 290),
		bursty("beta_prox", "proximal", start, 0, start+50, 1, 20, 2, 10, 10,
			map[string]float64{L2Basket: 0.00004, L2Pyramidal: 0.00002, L5Basket: 0.00002, L5Pyramidal: 0.00002},
			map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Basket: 1, L5Pyramidal: 1}, 300),
	}
}

// Law2021BetaERP is HNN-core's beta-modulated ERP example: Law2021 with a
// beta event at 50 ms and the sensory ERP drives from 125 ms, 400 ms.
func Law2021BetaERP() *model.Network {
	net := Law2021()
	net.Name = "law2021-beta-erp"
	net.Drives = append(LawBetaDrives(50), LawERPDrives(125)...)
	return net
}

// Law2021ERP is the same ERP without the preceding beta event, for
// comparison.
func Law2021ERP() *model.Network {
	net := Law2021()
	net.Name = "law2021-erp"
	net.Drives = LawERPDrives(125)
	return net
}

// Calcium is HNN-core's calcium_model: the Jones column whose L5 pyramidal
// cells have distance-dependent channel densities (cells_default.py
// pyramidal_ca): soma hh2 gnabar 0.32, gkbar 0.06 S/cm²; in the dendrites
// gbar_ca rising linearly from 10 to 40 pS/µm² at 1501 µm, gnabar_hh2
// falling linearly from 0.32 to 0.0028 S/cm² at 962 µm, and gkbar_hh2 =
// 0.06·(exp(-0.006·d) + 1e-4). Driven here by the ERP example's drives.
func Calcium() *model.Network {
	net := ERP()
	net.Name = "calcium"
	l5, _ := net.Population(L5Pyramidal)
	l5.Cell = CalciumL5()
	return net
}

// CalciumL5 returns the L5 pyramidal cell of HNN-core's calcium_model.
func CalciumL5() *cell.Cell {
	c := l5Pyramidal()
	c.Type = L5Pyramidal
	dends := dendrites(c)
	for i := range c.Mechanisms {
		pt := &c.Mechanisms[i]
		switch {
		case pt.Mech == "hh2" && len(pt.Sections) == 1 && pt.Sections[0] == "soma":
			pt.Params["gnabar"] = cell.Value(0.32)
			pt.Params["gkbar"] = cell.Value(0.06)
		case pt.Mech == "hh2":
			pt.Params["gnabar"] = cell.Profile{Kind: cell.Linear, AtZero: 0.32, AtKink: 28e-4, KinkUm: 962}
			pt.Params["gkbar"] = cell.ExpProfile(0.06, -0.006, 1e-4)
		}
	}
	var paints []cell.Paint
	for _, pt := range c.Mechanisms {
		if pt.Mech == "ca" { // soma keeps 60 pS/µm², dendrites get the gradient
			paints = append(paints,
				cell.Paint{Mech: "ca", Sections: []string{"soma"}, Params: map[string]cell.Profile{"gbar": cell.Value(60)}},
				cell.Paint{Mech: "ca", Sections: dends, Params: map[string]cell.Profile{
					"gbar": {Kind: cell.Linear, AtZero: 10, AtKink: 40, KinkUm: 1501}}})
			continue
		}
		paints = append(paints, pt)
	}
	c.Mechanisms = paints
	return c
}

// Somato is HNN-core's somatosensory example (plot_simulate_somato.py):
// the N20.json weights and a sequence of synchronous evoked drives (one
// drive cell each) modelling the median-nerve response, 170 ms.
func Somato() *model.Network {
	net := JonesWithWeights(10, 10, n20Weights)
	net.Name = "somato"
	prox := map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Basket: 1, L5Pyramidal: 1}
	dist := map[string]float64{L2Basket: 0.1, L2Pyramidal: 0.1, L5Pyramidal: 0.1}
	net.Drives = []drive.Drive{
		evoked("evprox1", "proximal", 21, 4,
			map[string]float64{L2Basket: 0.0036, L2Pyramidal: 0.0039, L5Basket: 0.0019, L5Pyramidal: 0.0020},
			map[string]float64{L2Basket: 0.0029, L2Pyramidal: 0.0005, L5Basket: 0.0030, L5Pyramidal: 0.0019}, prox, 276, 1),
		evoked("evprox2", "proximal", 134, 4.5,
			map[string]float64{L2Basket: 0.003, L2Pyramidal: 0.0039, L5Basket: 0.004, L5Pyramidal: 0.0020},
			map[string]float64{L2Basket: 0.001, L2Pyramidal: 0.0005, L5Basket: 0.002, L5Pyramidal: 0.0020}, prox, 276, 1),
		evoked("evdist1", "distal", 32, 2.5,
			map[string]float64{L2Basket: 0.0043, L2Pyramidal: 0.0032, L5Pyramidal: 0.0009},
			map[string]float64{L2Basket: 0.0029, L2Pyramidal: 0.0051, L5Pyramidal: 0.0010}, dist, 277, 1),
		evoked("evdist2", "distal", 84, 4.5,
			map[string]float64{L2Basket: 0.0041, L2Pyramidal: 0.0019, L5Pyramidal: 0.0018},
			map[string]float64{L2Basket: 0.0032, L2Pyramidal: 0.0018, L5Pyramidal: 0.0017}, dist, 275, 1),
	}
	return net
}
