package snnjl

import (
	"fmt"

	"github.com/laminasim/lamina/pointnet"

	"github.com/laminasim/lamina/point"
)

// Options parameterise the examples that take parameters.
type Options struct {
	// RateHz is the afferent rate of ei-balanced, Hz (0: 10 Hz).
	RateHz float64
	// Seed, if not 0, replaces the example's seed.
	Seed uint64
}

// Example is a ready-to-run model of the zoo.
type Example struct {
	Name        string
	Description string
	// TStopMs and DtMs are the default run length and step, ms.
	TStopMs float64
	DtMs    float64
	// Network builds a new copy of the model.
	Network func(Options) *pointnet.Network
}

// Examples returns the built-in point-neuron examples.
func Examples() []Example {
	return []Example{
		{Name: "adex-patterns", TStopMs: PatternPreMs + PatternStepMs, DtMs: 0.125, Network: func(o Options) *pointnet.Network { return seeded(AdExPatterns(), o) },
			Description: "the seven AdEx firing patterns of SpikingNeuralNetworks.jl's AdEx tutorial: 5 pA for 30 ms, then each row's current for 300 ms"},
		{Name: "lif-noise", TStopMs: 2000, DtMs: 0.125, Network: func(o Options) *pointnet.Network { return seeded(LIFNoise(), o) },
			Description: "one LIF neuron driven by a white-noise current (SNN.jl CurrentNoise: 30 pA + Normal(0, 100 pA) per step)"},
		{Name: "lif-balanced-input", TStopMs: 1000, DtMs: 0.125, Network: func(o Options) *pointnet.Network { return seeded(LIFBalancedInput(), o) },
			Description: "one conductance LIF neuron under 1000 excitatory Poisson inputs at 1.2 Hz and 1000 inhibitory at 3 Hz: the high-conductance state"},
		{Name: "ball-and-stick", TStopMs: 3000, DtMs: 0.125, Network: func(o Options) *pointnet.Network { return seeded(BallAndStick(), o) },
			Description: "ball-and-stick neuron with dendritic AMPA, NMDA, GABA-A and GABA-B receptors under 10.2 Hz excitatory and 3 Hz inhibitory Poisson input"},
		{Name: "ei-balanced", TStopMs: 10000, DtMs: 0.125, Network: func(o Options) *pointnet.Network { return seeded(EIBalanced(o.RateHz), o) },
			Description: "Zerlaut 2019 balanced network: 8000 E + 2000 I conductance LIF, p = 0.05, 100 Poisson afferents per population at --rate-hz (10 Hz)"},
	}
}

func seeded(n *pointnet.Network, o Options) *pointnet.Network {
	if o.Seed != 0 {
		n.Seed = o.Seed
	}
	return n
}

// ExampleNamed returns the example called name.
func ExampleNamed(name string) (Example, bool) {
	for _, e := range Examples() {
		if e.Name == name {
			return e, true
		}
	}
	return Example{}, false
}

// Pattern is one row of the AdEx firing-pattern table.
type Pattern struct {
	Name string
	// TauMMs (ms), ANS (nS), TauWMs (ms), BPA (pA), VResetmV (mV) are the
	// row's AdEx parameters, IpA its step current (pA).
	TauMMs, ANS, TauWMs, BPA, VResetmV, IpA float64
}

// Patterns returns the seven rows of SNN.jl's AdEx tutorial table
// (examples/tutorials/neurons/AdEx_neuron.jl), with "Irregular", which the
// seed tutorial's table holds and the current docs leave out. The common
// parameters are R = 0.5 GΩ, Vt = -50 mV, ΔT = 2 mV, EL = -70 mV.
func Patterns() []Pattern {
	return []Pattern{
		{"Tonic", 20, 0, 30, 60, -55, 65},
		{"Adapting", 20, 0, 100, 5, -55, 65},
		{"Init. burst", 5, 0.5, 100, 7, -51, 65},
		{"Bursting", 5, -0.5, 100, 7, -46, 65},
		{"Irregular", 14.4, -0.5, 100, 7, -46, 65},
		{"Transient", 10, 1, 100, 10, -60, 65},
		{"Delayed", 5, -1, 100, 10, -60, 25},
	}
}

// The AdEx protocol: PatternPrepA for PatternPreMs, then the row's current
// for PatternStepMs.
const (
	PatternPreMs  = 30.0
	PatternPrepA  = 5.0
	PatternStepMs = 300.0
)

// PatternParams returns the AdEx parameters of a pattern row: SNN.jl's
// AdExParameter with the tutorial's settings (R 0.5 GΩ, Vt -50, ΔT 2, EL
// -70 mV) and its defaults for the rest (spike at v >= 0 mV, shown as 20
// mV by the SNN.jl scheme; τabs 1 ms; no threshold adaptation).
func PatternParams(r Pattern) point.AdExParams {
	p := point.DefaultAdEx()
	p.RGOhm, p.VThmV, p.DeltaTmV, p.ELmV = 0.5, -50, 2, -70
	p.TauMMs, p.ANS, p.TauWMs, p.BPA, p.VResetmV = r.TauMMs, r.ANS, r.TauWMs, r.BPA, r.VResetmV
	return p
}

// AdExPatterns returns the seven patterns as single-neuron populations
// named after them (the spikes' types), each started at EL (w = 0) and
// driven by its step current, with v and w monitored every step.
func AdExPatterns() *pointnet.Network {
	n := &pointnet.Network{Name: "adex-patterns", Seed: 1}
	for _, r := range Patterns() {
		pop := pointnet.NewAdEx(r.Name, 1, PatternParams(r))
		n.Populations = append(n.Populations, pop)
		n.Currents = append(n.Currents, pointnet.Current{Name: r.Name + " step", Target: r.Name, Kind: pointnet.CurrentSteps,
			Steps: []pointnet.Step{{TMs: 0, IpA: PatternPrepA}, {TMs: PatternPreMs, IpA: r.IpA}}})
		n.Monitors = append(n.Monitors, pointnet.Monitor{Population: r.Name, Variables: []string{"v", "w"}})
	}
	return n
}

// LIFNoise returns SNN.jl's "Noise input current" example: one LIF neuron
// (R 0.5 GΩ, τm 20 ms, EL -70, Vt -50, Vr -55 mV, τabs 1 ms, SNN.jl's
// PostSpike default) under CurrentNoise with I_base 30 pA and
// Normal(0, 100 pA), monitored every 0.5 ms (2 kHz).
func LIFNoise() *pointnet.Network {
	p := point.DefaultLIF()
	p.VResetmV, p.TauRefMs = -55, 1
	n := &pointnet.Network{Name: "lif-noise", Seed: 1, Populations: []pointnet.Population{pointnet.NewLIF("E", 1, p)}}
	n.Currents = []pointnet.Current{{Name: "noise", Target: "E", Kind: pointnet.CurrentNoise,
		Noise: &pointnet.Noise{BasepA: 30, SigmapA: 100}}}
	n.Monitors = []pointnet.Monitor{{Population: "E", Variables: []string{"v", pointnet.VariableI}, EveryMs: 0.5}}
	return n
}

// LIFBalancedInput returns the seed tutorial's "Balanced input spikes"
// example: one conductance LIF neuron (R 0.5 GΩ, τm 20 ms, EL -70, Vt -50,
// Vr -55 mV, Ee 0, Ei -75 mV, τabs 2 ms; synaptic decays of the
// tutorial's IFParameter, 6 ms excitatory and 2 ms inhibitory, as single
// exponentials) driven by 1000 excitatory Poisson sources at 1.2 Hz with
// 1 nS and 1000 inhibitory at 3 Hz with 4 nS, all connected (p = 1); v, ge
// and gi monitored at 2 kHz.
func LIFBalancedInput() *pointnet.Network {
	p := point.IFCondParams{TauMMs: 20, RGOhm: 0.5, ELmV: -70, VThmV: -50, VResetmV: -55, TauRefMs: 2,
		TauEMs: 6, TauIMs: 2, EExcmV: 0, EInhmV: -75}
	n := &pointnet.Network{Name: "lif-balanced-input", Seed: 1, Populations: []pointnet.Population{pointnet.NewIFCond("E", 1, p)}}
	n.Poisson = []pointnet.PoissonLayer{
		{Name: "noiseE", N: 1000, RateHz: 1.2, Target: "E", Receptor: "ge", P: 1, Weight: pointnet.NS(1)},
		{Name: "noiseI", N: 1000, RateHz: 3, Target: "E", Receptor: "gi", P: 1, Weight: pointnet.NS(4)},
	}
	n.Monitors = []pointnet.Monitor{{Population: "E", Variables: []string{"v", "ge", "gi"}, EveryMs: 0.5}}
	return n
}

// BallAndStick returns the tutorial's ball-and-stick example: one neuron
// (point.DefaultBallStick) whose dendrite receives 1000 excitatory Poisson
// sources at 10.2 Hz (weight 1·g0 on AMPA and NMDA) and 1000 inhibitory
// at 3 Hz (4·g0 on GABA-A and GABA-B), all connected; somatic and
// dendritic potentials and the dendritic conductances monitored at 1 kHz.
func BallAndStick() *pointnet.Network {
	bs := point.DefaultBallStick()
	pop := pointnet.NewBallStick("E", 1, bs)
	n := &pointnet.Network{Name: "ball-and-stick", Seed: 1234, Populations: []pointnet.Population{pop}}
	n.Poisson = []pointnet.PoissonLayer{
		{Name: "noiseE", N: 1000, RateHz: 10.2, Target: "E", Receptor: "dend.glu", P: 1, Weight: pointnet.Scale(1)},
		{Name: "noiseI", N: 1000, RateHz: 3, Target: "E", Receptor: "dend.gaba", P: 1, Weight: pointnet.Scale(4)},
	}
	vars := []string{"v_s", "v_d"}
	for _, r := range bs.Dend {
		vars = append(vars, "g_dend_"+r.Name)
	}
	n.Monitors = []pointnet.Monitor{{Population: "E", Variables: vars, EveryMs: 1}}
	return n
}

// EI parameters of Zerlaut et al. 2019 as the SNN.jl tutorial sets them.
const (
	EICount    = 8000
	ICount     = 2000
	EIP        = 0.05
	EWeightNS  = 2.0
	IWeightNS  = 10.0
	AfferentN  = 100
	AfferentP  = 0.1
	AfferentNS = 4.0
	// DefaultRateHz is the afferent rate of ei-balanced when none is given.
	DefaultRateHz = 10.0
)

// EICell returns the E (excitatory) or I cell of the balanced network: C
// 200 pF, gL 10 nS (τm 20 ms, R 0.1 GΩ), EL = Vr = -70 mV, Vt -50 mV (E) or
// -53 mV (I), τabs 2 ms, τe = τi = 5 ms, Ee 0 mV, Ei -80 mV.
func EICell(inhibitory bool) point.IFCondParams {
	p := point.DefaultIFCond()
	if inhibitory {
		p.VThmV = -53
	}
	return p
}

// EIBalanced returns the balanced E/I network of the SNN.jl tutorial
// ("Recurrent EI network", Zerlaut et al. 2019) at afferent rate rateHz
// (DefaultRateHz if 0): 8000 E and 2000 I conductance LIF neurons with v0
// ~ U(Vr, Vt); E→E, E→I with 2 nS on ge and I→E, I→I with 10 nS on gi,
// each post neuron drawing exactly 400 E and 100 I partners (p = 0.05,
// fixed in-degree; autapses removed after sampling); and two Poisson
// layers, "noiseE" onto E and "noiseI" onto I, of 100 sources at rateHz,
// each neuron drawing 10 of its layer's sources (p = 0.1) with 4 nS on
// ge.
func EIBalanced(rateHz float64) *pointnet.Network {
	if rateHz == 0 {
		rateHz = DefaultRateHz
	}
	e, i := EICell(false), EICell(true)
	n := &pointnet.Network{Name: fmt.Sprintf("ei-balanced (%g Hz)", rateHz), Seed: 1}
	pe := pointnet.NewIFCond("E", EICount, e)
	pe.V0 = pointnet.Init{Kind: pointnet.InitUniform, LomV: e.VResetmV, HimV: e.VThmV}
	pi := pointnet.NewIFCond("I", ICount, i)
	pi.V0 = pointnet.Init{Kind: pointnet.InitUniform, LomV: i.VResetmV, HimV: i.VThmV}
	n.Populations = []pointnet.Population{pe, pi}
	for _, c := range []struct{ pre, post, rec string }{{"E", "E", "ge"}, {"E", "I", "ge"}, {"I", "E", "gi"}, {"I", "I", "gi"}} {
		w := EWeightNS
		if c.pre == "I" {
			w = IWeightNS
		}
		n.Connections = append(n.Connections, pointnet.Connection{Name: c.pre + "_to_" + c.post, Pre: c.pre, Post: c.post,
			Receptor: c.rec, P: EIP, Rule: pointnet.RuleFixedInDegree, Weight: pointnet.NS(w)})
	}
	for _, l := range []struct{ name, target string }{{"noiseE", "E"}, {"noiseI", "I"}} {
		n.Poisson = append(n.Poisson, pointnet.PoissonLayer{Name: l.name, N: AfferentN, RateHz: rateHz, Target: l.target,
			Receptor: "ge", P: AfferentP, Rule: pointnet.RuleFixedInDegree, Weight: pointnet.NS(AfferentNS)})
	}
	return n
}
