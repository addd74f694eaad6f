package classic

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// WB is the Wang-Buzsáki model of a fast-spiking hippocampal interneuron
// (Wang & Buzsáki 1996, J Neurosci 16:6402, eqs. 1-4 and their
// parameters): Hodgkin-Huxley-type Na and K currents with an instantaneous
// Na activation m = m∞(v) and gates h and n sped up by φ = 5:
//
//	i = gnabar·m∞³h·(v - ena) + gkbar·n⁴·(v - ek) + gl·(v - el)
//
//	αm = 0.1(v+35)/(1 - exp(-(v+35)/10))      βm = 4 exp(-(v+60)/18)
//	αh = 0.07 exp(-(v+58)/20)                 βh = 1/(1 + exp(-(v+28)/10))
//	αn = 0.01(v+34)/(1 - exp(-(v+34)/10))     βn = 0.125 exp(-(v+44)/80)
//	h∞ = αh/(αh+βh), τh = 1/(φ(αh+βh)); likewise n
//
// The defaults are the paper's: gnabar 35, gkbar 9, gl 0.1 mS/cm²; ena 55,
// ek -90, el -65 mV; φ = 5 (with cm = 1 µF/cm²).
//
// The structure follows wb.mod (S. Hong 2008, OIST A310 course): a TABLE
// FROM -100 TO 100 WITH 200 of m∞, h∞, τh, n∞, τn, m set to m∞ at the
// voltage of each state update, h and n advanced by cnexp. With NEURON's ion
// defaults that file runs at ena 50, ek -77 mV, as the course's two-group
// network does (set those in the cell; see the package doc).
func WB() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "wb",
			Source: "Wang & Buzsaki 1996 (J Neurosci 16:6402); structure of wb.mod (S. Hong, OIST A310 course)",
			Kind:   mech.Density,
			Params: []mech.Field{
				{Name: "gnabar", Unit: "S/cm2", Default: 0.035, Min: 0, Max: 1e9, Doc: "maximal Na conductance"},
				{Name: "gkbar", Unit: "S/cm2", Default: 0.009, Min: 0, Max: 1e9, Doc: "maximal K conductance"},
				{Name: "gl", Unit: "S/cm2", Default: 1e-4, Min: 0, Max: 1e9, Doc: "leak conductance"},
				{Name: "ena", Unit: "mV", Default: 55, Min: -1e3, Max: 1e3, Doc: "Na reversal potential"},
				{Name: "ek", Unit: "mV", Default: -90, Min: -1e3, Max: 1e3, Doc: "K reversal potential"},
				{Name: "el", Unit: "mV", Default: -65, Min: -1e3, Max: 1e3, Doc: "leak reversal potential"},
			},
			Globals: []mech.Field{
				{Name: "phi", Unit: "1", Default: 5, Min: 1e-9, Max: 1e9, Doc: "rate factor of h and n (wb.mod's q10)"},
				mech.UseTable(),
			},
			States: []mech.Field{
				{Name: "m", Unit: "1", Doc: "Na activation (instantaneous)"},
				{Name: "h", Unit: "1", Doc: "Na inactivation"},
				{Name: "n", Unit: "1", Doc: "K activation"},
			},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &wbKernel{node: nodes, phi: g[0], mode: mech.ModeOf(g[1]),
				gnabar: fill(n, 0.035), gkbar: fill(n, 0.009), gl: fill(n, 1e-4),
				ena: fill(n, 55), ek: fill(n, -90), el: fill(n, -65),
				m: make([]float64, n), h: make([]float64, n), n: make([]float64, n)}
		},
	}
}

type wbKernel struct {
	node              []int
	phi               float64
	mode              mech.RateMode
	gnabar, gkbar, gl []float64
	ena, ek, el       []float64
	m, h, n           []float64
	dt                float64
	rt                *mech.Rates
	lk                *mech.Lookup
}

func (k *wbKernel) Slot(name string) []float64 {
	switch name {
	case "gnabar":
		return k.gnabar
	case "gkbar":
		return k.gkbar
	case "gl":
		return k.gl
	case "ena":
		return k.ena
	case "ek":
		return k.ek
	case "el":
		return k.el
	case "m":
		return k.m
	case "h":
		return k.h
	case "n":
		return k.n
	}
	return nil
}

// wbRates writes minf, hinf, htau, ninf, ntau at v.
func wbRates(v, phi float64, out []float64) {
	alpha := 0.1 * vtrap(-(v+35), 10)
	beta := 4 * math.Exp(-(v+60)/18)
	out[0] = alpha / (alpha + beta)
	alpha = 0.07 * math.Exp(-(v+58)/20)
	beta = 1 / (math.Exp(-(v+28)/10) + 1)
	sum := alpha + beta
	out[2] = 1 / (phi * sum)
	out[1] = alpha / sum
	alpha = 0.01 * vtrap(-(v+34), 10)
	beta = 0.125 * math.Exp(-(v+44)/80)
	sum = alpha + beta
	out[4] = 1 / (phi * sum)
	out[3] = alpha / sum
}

func (k *wbKernel) prepare(c *mech.Context) {
	if k.rt != nil && c.Dt == k.dt {
		return
	}
	k.dt = c.Dt
	phi := k.phi
	k.rt = mech.NewRates(k.mode, -100, 100, 200, 5, []int{2, 4}, c.Dt,
		func(v float64, out []float64) { wbRates(v, phi, out) })
	k.lk = mech.NewLookup(len(k.node))
}

// Init implements mech.Kernel: every gate at its steady state.
func (k *wbKernel) Init(c *mech.Context) {
	k.prepare(c)
	for i, nd := range k.node {
		row, th := k.rt.Locate(c.V[nd])
		k.m[i], k.h[i], k.n[i] = k.rt.At(row, th, 0), k.rt.At(row, th, 1), k.rt.At(row, th, 3)
	}
}

// Current implements mech.Kernel.
func (k *wbKernel) Current(c *mech.Context) {
	for i, nd := range k.node {
		v := c.V[nd]
		m, n := k.m[i], k.n[i]
		gna := k.gnabar[i] * m * m * m * k.h[i]
		n2 := n * n
		gk := k.gkbar[i] * n2 * n2
		c.I[nd] += gna*(v-k.ena[i]) + gk*(v-k.ek[i]) + k.gl[i]*(v-k.el[i])
		c.G[nd] += gna + gk + k.gl[i]
	}
}

// Advance implements mech.Kernel: m = m∞(v), h and n by cnexp.
func (k *wbKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, 0)
	k.rt.Interp(k.m, k.lk, 0)
	k.rt.StepGate(k.h, k.lk, 1, 2)
	k.rt.StepGate(k.n, k.lk, 3, 4)
}

// Currents implements mech.Currenter.
func (k *wbKernel) Currents() []string { return []string{"ina", "ik", "il"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *wbKernel) CurrentAt(name string, i int, c *mech.Context) float64 {
	v := c.V[k.node[i]]
	switch name {
	case "ina":
		m := k.m[i]
		return k.gnabar[i] * m * m * m * k.h[i] * (v - k.ena[i])
	case "ik":
		n2 := k.n[i] * k.n[i]
		return k.gkbar[i] * n2 * n2 * (v - k.ek[i])
	case "il":
		return k.gl[i] * (v - k.el[i])
	}
	return 0
}
