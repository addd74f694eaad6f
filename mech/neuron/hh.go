package neuron

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// HH is NEURON's Hodgkin-Huxley squid axon mechanism (src/nrnoc/hh.mod;
// Hodgkin & Huxley 1952, J Physiol 117:500), with membrane potential in
// absolute mV (rest near -65 mV):
//
//	ina = gnabar·m³·h·(v - ena), ik = gkbar·n⁴·(v - ek), il = gl·(v - el)
//
// and rates scaled by q10 = 3^((celsius - 6.3)/10). As in hh.mod the six
// steady states and time constants come from a TABLE FROM -100 TO 100 WITH
// 200 that depends on celsius (see mech.RateMode for the usetable modes).
func HH() *mech.Mechanism {
	info := HHInfo("hh", "NEURON src/nrnoc/hh.mod")
	info.Globals = []mech.Field{mech.UseTable()}
	info.Params[0].Default, info.Params[1].Default = 0.12, 0.036
	info.Params[2].Default, info.Params[3].Default = 0.0003, -54.3
	return &mech.Mechanism{
		Info: info,
		New: func(nodes []int, g []float64) mech.Kernel {
			return NewHHKernel(nodes, HHConfig{TempC: 6.3, Rates: mech.ModeOf(g[0])}, [4]float64{0.12, 0.036, 0.0003, -54.3})
		},
	}
}

// HHInfo returns the field table shared by hh and its HNN-core variant hh2.
// Globals are left to the caller.
func HHInfo(name, source string) mech.Info {
	return mech.Info{
		Name:   name,
		Source: source,
		Kind:   mech.Density,
		Params: []mech.Field{
			{Name: "gnabar", Unit: "S/cm2", Min: 0, Max: 1e9, Doc: "maximal Na conductance"},
			{Name: "gkbar", Unit: "S/cm2", Min: 0, Max: 1e9, Doc: "maximal K conductance"},
			{Name: "gl", Unit: "S/cm2", Min: 0, Max: 1e9, Doc: "leak conductance"},
			{Name: "el", Unit: "mV", Min: -1e3, Max: 1e3, Doc: "leak reversal potential"},
		},
		States: []mech.Field{
			{Name: "m", Unit: "1", Doc: "Na activation"},
			{Name: "h", Unit: "1", Doc: "Na inactivation"},
			{Name: "n", Unit: "1", Doc: "K activation"},
		},
		Ions: []mech.IonUse{
			{Ion: "na", ReadE: true, WriteI: true},
			{Ion: "k", ReadE: true, WriteI: true},
		},
	}
}

// HHConfig sets the temperature dependence of an HH kernel:
// q10 = 3^((celsius - TempC - TShift)/10).
type HHConfig struct {
	TempC, TShift float64
	Rates         mech.RateMode
}

// HHKernel integrates HH-type Na, K and leak channels; hh and hh2 share it.
type HHKernel struct {
	cfg                   HHConfig
	node                  []int
	gnabar, gkbar, gl, el []float64
	m, h, n               []float64
	q10                   float64
	celsius, dt           float64
	rt                    *mech.Rates
	lk                    *mech.Lookup
	na, k                 *mech.IonState
}

// NewHHKernel returns a kernel for instances at nodes with the given
// default gnabar, gkbar, gl and el.
func NewHHKernel(nodes []int, cfg HHConfig, def [4]float64) *HHKernel {
	n := len(nodes)
	return &HHKernel{cfg: cfg, node: nodes,
		gnabar: fill(n, def[0]), gkbar: fill(n, def[1]), gl: fill(n, def[2]), el: fill(n, def[3]),
		m: make([]float64, n), h: make([]float64, n), n: make([]float64, n)}
}

// Slot implements mech.Kernel.
func (k *HHKernel) Slot(name string) []float64 {
	switch name {
	case "gnabar":
		return k.gnabar
	case "gkbar":
		return k.gkbar
	case "gl":
		return k.gl
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

// hhRates writes minf, mtau, hinf, htau, ninf, ntau at v (the TABLE order).
func hhRates(v, q10 float64, out []float64) {
	alpha := 0.1 * vtrap(-(v+40), 10)
	beta := 4 * math.Exp(-(v+65)/18)
	sum := alpha + beta
	out[1] = 1 / (q10 * sum)
	out[0] = alpha / sum
	alpha = 0.07 * math.Exp(-(v+65)/20)
	beta = 1 / (math.Exp(-(v+35)/10) + 1)
	sum = alpha + beta
	out[3] = 1 / (q10 * sum)
	out[2] = alpha / sum
	alpha = 0.01 * vtrap(-(v+55), 10)
	beta = 0.125 * math.Exp(-(v+65)/80)
	sum = alpha + beta
	out[5] = 1 / (q10 * sum)
	out[4] = alpha / sum
}

// vtrap is x/(exp(x/y) - 1) with its limit y(1 - x/y/2) near x = 0.
func vtrap(x, y float64) float64 {
	if math.Abs(x/y) < 1e-6 {
		return y * (1 - x/y/2)
	}
	return x / (math.Exp(x/y) - 1)
}

func (k *HHKernel) prepare(c *mech.Context) {
	k.na, k.k = c.MustIon("na"), c.MustIon("k")
	if k.rt != nil && c.Celsius == k.celsius && c.Dt == k.dt {
		return
	}
	k.celsius, k.dt = c.Celsius, c.Dt
	q10 := math.Pow(3, (c.Celsius-k.cfg.TempC-k.cfg.TShift)/10)
	k.q10 = q10
	// TABLE minf, mtau, hinf, htau, ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 200
	k.rt = mech.NewRates(k.cfg.Rates, -100, 100, 200, 6, []int{1, 3, 5}, c.Dt,
		func(v float64, out []float64) { hhRates(v, q10, out) })
	k.lk = mech.NewLookup(len(k.node))
}

// Init implements mech.Kernel.
func (k *HHKernel) Init(c *mech.Context) {
	k.prepare(c)
	for i, nd := range k.node {
		row, th := k.rt.Locate(c.V[nd])
		k.m[i], k.h[i], k.n[i] = k.rt.At(row, th, 0), k.rt.At(row, th, 2), k.rt.At(row, th, 4)
	}
}

// Current implements mech.Kernel.
func (k *HHKernel) Current(c *mech.Context) {
	// Every slice in a local, the per-instance ones cut to the node
	// count: no reloads through k or c and no bounds checks on them.
	ena, ina := k.na.E, k.na.I
	ek, ik := k.k.E, k.k.I
	vs, cI, cG := c.V, c.I, c.G
	node := k.node
	nn := len(node)
	gnabar, gkbar, gl, el := k.gnabar[:nn], k.gkbar[:nn], k.gl[:nn], k.el[:nn]
	ms, hs, ns := k.m[:nn], k.h[:nn], k.n[:nn]
	for i, nd := range node {
		v := vs[nd]
		m, n := ms[i], ns[i]
		gna := gnabar[i] * m * m * m * hs[i]
		n2 := n * n
		gk := gkbar[i] * n2 * n2
		iNa := gna * (v - ena[nd])
		iK := gk * (v - ek[nd])
		ina[nd] += iNa
		ik[nd] += iK
		gli := gl[i]
		cI[nd] += iNa + iK + gli*(v-el[i])
		cG[nd] += gna + gk + gli
	}
}

// Advance implements mech.Kernel.
func (k *HHKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, 0)
	k.rt.StepGate(k.m, k.lk, 0, 1)
	k.rt.StepGate(k.h, k.lk, 2, 3)
	k.rt.StepGate(k.n, k.lk, 4, 5)
}

// Currents implements mech.Currenter.
func (k *HHKernel) Currents() []string { return []string{"ina", "ik", "il"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *HHKernel) CurrentAt(name string, i int, c *mech.Context) float64 {
	nd := k.node[i]
	v := c.V[nd]
	switch name {
	case "ina":
		m := k.m[i]
		return k.gnabar[i] * m * m * m * k.h[i] * (v - k.na.E[nd])
	case "ik":
		n2 := k.n[i] * k.n[i]
		return k.gkbar[i] * n2 * n2 * (v - k.k.E[nd])
	case "il":
		return k.gl[i] * (v - k.el[i])
	}
	return 0
}
