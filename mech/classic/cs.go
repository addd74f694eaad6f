package classic

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// CS is the Connor-Stevens model of a crustacean walking-leg axon (Connor,
// Walter & McKown 1977, Biophys J 18:81), in the form of Dayan & Abbott,
// Theoretical Neuroscience (2001), section 6.2, eqs. 6.18-6.20 and
// exercise 6.1: Hodgkin-Huxley Na and delayed-rectifier K currents with
// shifted kinetics plus a transient A-type K current, which gives
// arbitrarily low firing rates near threshold (a type I f-I curve):
//
//	i = gnabar·m³h·(v - ena) + gkbar·n⁴·(v - ek) + gabar·a³b·(v - ea) + gl·(v - el)
//
//	αm = 0.38(v+29.7)/(1 - exp(-0.1(v+29.7)))   βm = 15.2 exp(-0.0556(v+54.7))
//	αh = 0.266 exp(-0.05(v+48))                 βh = 3.8/(1 + exp(-0.1(v+18)))
//	αn = 0.02(v+45.7)/(1 - exp(-0.1(v+45.7)))   βn = 0.25 exp(-0.0125(v+55.7))
//	a∞ = (0.0761 exp(0.0314(v+94.22))/(1 + exp(0.0346(v+1.17))))^(1/3)
//	τa = 0.3632 + 1.158/(1 + exp(0.0497(v+55.96)))
//	b∞ = (1 + exp(0.0688(v+53.3)))^(-4)
//	τb = 1.24 + 2.678/(1 + exp(0.0624(v+50)))
//
// (rates in 1/ms, v in mV; no temperature dependence). The defaults are
// Dayan & Abbott's: gnabar 120, gkbar 20, gabar 47.7, gl 0.3 mS/cm²; ena
// 55, ek -72, ea -75, el -17 mV (with cm = 1 µF/cm²).
//
// The structure follows ConnorStevens.mod (SUFFIX conste, M. Shishikura
// 2019, used by the OIST A310 course's NEURON tutorials): the ten steady
// states and time constants come from a TABLE FROM -100 TO 100 WITH 200,
// the gates advance by cnexp, and the states start at their steady state.
// That file's ea is ek - eashift with eashift = 3 mV and its el default is
// -70 mV; with NEURON's ion defaults it runs at ena 50, ek -77, ea -80, el
// -70 mV, which is what the tutorial network uses (set those in the cell;
// see package doc for why the reversal potentials are parameters here).
func CS() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "cs",
			Source: "Dayan & Abbott 2001 (eqs. 6.18-6.20); structure of ConnorStevens.mod (conste, OIST A310 course)",
			Kind:   mech.Density,
			Params: []mech.Field{
				{Name: "gnabar", Unit: "S/cm2", Default: 0.12, Min: 0, Max: 1e9, Doc: "maximal Na conductance"},
				{Name: "gkbar", Unit: "S/cm2", Default: 0.02, Min: 0, Max: 1e9, Doc: "maximal delayed-rectifier K conductance"},
				{Name: "gabar", Unit: "S/cm2", Default: 0.0477, Min: 0, Max: 1e9, Doc: "maximal A-type K conductance"},
				{Name: "gl", Unit: "S/cm2", Default: 3e-4, Min: 0, Max: 1e9, Doc: "leak conductance"},
				{Name: "ena", Unit: "mV", Default: 55, Min: -1e3, Max: 1e3, Doc: "Na reversal potential"},
				{Name: "ek", Unit: "mV", Default: -72, Min: -1e3, Max: 1e3, Doc: "K reversal potential"},
				{Name: "ea", Unit: "mV", Default: -75, Min: -1e3, Max: 1e3, Doc: "A-current reversal potential"},
				{Name: "el", Unit: "mV", Default: -17, Min: -1e3, Max: 1e3, Doc: "leak reversal potential"},
			},
			Globals: []mech.Field{mech.UseTable()},
			States: []mech.Field{
				{Name: "m", Unit: "1", Doc: "Na activation"},
				{Name: "h", Unit: "1", Doc: "Na inactivation"},
				{Name: "n", Unit: "1", Doc: "K activation"},
				{Name: "a", Unit: "1", Doc: "A-current activation"},
				{Name: "b", Unit: "1", Doc: "A-current inactivation"},
			},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &csKernel{node: nodes, mode: mech.ModeOf(g[0]),
				gnabar: fill(n, 0.12), gkbar: fill(n, 0.02), gabar: fill(n, 0.0477), gl: fill(n, 3e-4),
				ena: fill(n, 55), ek: fill(n, -72), ea: fill(n, -75), el: fill(n, -17),
				m: make([]float64, n), h: make([]float64, n), n: make([]float64, n),
				a: make([]float64, n), b: make([]float64, n)}
		},
	}
}

type csKernel struct {
	node                     []int
	mode                     mech.RateMode
	gnabar, gkbar, gabar, gl []float64
	ena, ek, ea, el          []float64
	m, h, n, a, b            []float64
	dt                       float64
	rt                       *mech.Rates
	lk                       *mech.Lookup
}

func (k *csKernel) Slot(name string) []float64 {
	switch name {
	case "gnabar":
		return k.gnabar
	case "gkbar":
		return k.gkbar
	case "gabar":
		return k.gabar
	case "gl":
		return k.gl
	case "ena":
		return k.ena
	case "ek":
		return k.ek
	case "ea":
		return k.ea
	case "el":
		return k.el
	case "m":
		return k.m
	case "h":
		return k.h
	case "n":
		return k.n
	case "a":
		return k.a
	case "b":
		return k.b
	}
	return nil
}

// csRates writes minf, mtau, hinf, htau, ninf, ntau, ainf, atau, binf,
// btau at v (the TABLE order of ConnorStevens.mod).
func csRates(v float64, out []float64) {
	alpha := 0.38 * vtrap(-v-29.7, 10)
	beta := 15.2 * math.Exp(-0.0556*(v+54.7))
	sum := alpha + beta
	out[1] = 1 / sum
	out[0] = alpha / sum
	alpha = 0.266 * math.Exp(-0.05*(v+48))
	beta = 3.8 / (1 + math.Exp(-0.1*(v+18)))
	sum = alpha + beta
	out[3] = 1 / sum
	out[2] = alpha / sum
	alpha = 0.02 * vtrap(-v-45.7, 10)
	beta = 0.25 * math.Exp(-0.0125*(v+55.7))
	sum = alpha + beta
	out[5] = 1 / sum
	out[4] = alpha / sum
	x := 0.0761 * math.Exp(0.0314*(v+94.22)) / (1 + math.Exp(0.0346*(v+1.17)))
	out[6] = math.Pow(x, 1/3.0)
	out[7] = 0.3632 + 1.158/(1+math.Exp(0.0497*(v+55.96)))
	x = 1 / (1 + math.Exp(0.0688*(v+53.3)))
	out[8] = x * x * x * x
	out[9] = 1.24 + 2.678/(1+math.Exp(0.0624*(v+50)))
}

func (k *csKernel) prepare(c *mech.Context) {
	if k.rt != nil && c.Dt == k.dt {
		return
	}
	k.dt = c.Dt
	k.rt = mech.NewRates(k.mode, -100, 100, 200, 10, []int{1, 3, 5, 7, 9}, c.Dt, csRates)
	k.lk = mech.NewLookup(len(k.node))
}

// Init implements mech.Kernel: every gate at its steady state.
func (k *csKernel) Init(c *mech.Context) {
	k.prepare(c)
	for i, nd := range k.node {
		row, th := k.rt.Locate(c.V[nd])
		k.m[i], k.h[i], k.n[i] = k.rt.At(row, th, 0), k.rt.At(row, th, 2), k.rt.At(row, th, 4)
		k.a[i], k.b[i] = k.rt.At(row, th, 6), k.rt.At(row, th, 8)
	}
}

// Current implements mech.Kernel.
func (k *csKernel) Current(c *mech.Context) {
	for i, nd := range k.node {
		v := c.V[nd]
		m, n, a := k.m[i], k.n[i], k.a[i]
		gna := k.gnabar[i] * m * m * m * k.h[i]
		n2 := n * n
		gk := k.gkbar[i] * n2 * n2
		ga := k.gabar[i] * a * a * a * k.b[i]
		c.I[nd] += gna*(v-k.ena[i]) + gk*(v-k.ek[i]) + ga*(v-k.ea[i]) + k.gl[i]*(v-k.el[i])
		c.G[nd] += gna + gk + ga + k.gl[i]
	}
}

// Advance implements mech.Kernel (cnexp on all five gates).
func (k *csKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, 0)
	k.rt.StepGate(k.m, k.lk, 0, 1)
	k.rt.StepGate(k.h, k.lk, 2, 3)
	k.rt.StepGate(k.n, k.lk, 4, 5)
	k.rt.StepGate(k.a, k.lk, 6, 7)
	k.rt.StepGate(k.b, k.lk, 8, 9)
}

// Currents implements mech.Currenter.
func (k *csKernel) Currents() []string { return []string{"ina", "ik", "ia", "il"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *csKernel) CurrentAt(name string, i int, c *mech.Context) float64 {
	v := c.V[k.node[i]]
	switch name {
	case "ina":
		m := k.m[i]
		return k.gnabar[i] * m * m * m * k.h[i] * (v - k.ena[i])
	case "ik":
		n2 := k.n[i] * k.n[i]
		return k.gkbar[i] * n2 * n2 * (v - k.ek[i])
	case "ia":
		a := k.a[i]
		return k.gabar[i] * a * a * a * k.b[i] * (v - k.ea[i])
	case "il":
		return k.gl[i] * (v - k.el[i])
	}
	return 0
}
