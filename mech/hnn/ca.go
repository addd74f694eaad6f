package hnn

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// CA ports hnn_core/mod/ca.mod: the high-voltage-activated Ca current of
// Reuveni et al. (1993, J Neurosci 13:4609) as written by Z. Mainen (1994),
// with a fixed-eca driving force rather than GHK:
//
//	m: a = 0.055·(-27 - v)/(exp((-27 - v)/3.8) - 1),  b = 0.94·exp((-75 - v)/17)
//	h: a = 0.000457·exp((-13 - v)/50),                b = 0.0065/(exp((-v - 15)/28) + 1)
//	tau = 1/(tadj·(a + b)),  inf = a/(a + b),  tadj = q10^((celsius - temp - tshift)/10)
//	ica = 1e-4·tadj·gbar·m²·h·(v - eca)      (gbar in pS/µm²)
//
// The rates are evaluated at v + vshift from a TABLE FROM vmin TO vmax WITH
// 199 (DEPEND celsius, temp).
func CA() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "ca",
			Source: "hnn_core/mod/ca.mod",
			Kind:   mech.Density,
			Params: []mech.Field{{Name: "gbar", Unit: "pS/um2", Default: 0.1, Min: 0, Max: 1e9, Doc: "maximal conductance"}},
			Globals: concat(
				[]mech.Field{
					{Name: "vshift", Unit: "mV", Default: 0, Min: -1e3, Max: 1e3, Doc: "voltage shift of all rates"},
				},
				temperatureGlobals(),
				tableGlobals(),
			),
			States: []mech.Field{
				{Name: "m", Unit: "1", Doc: "activation"},
				{Name: "h", Unit: "1", Doc: "inactivation"},
			},
			Ions: []mech.IonUse{{Ion: "ca", ReadE: true, WriteI: true}},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &caKernel{node: nodes, gbar: fill(n, 0.1), m: make([]float64, n), h: make([]float64, n),
				vshift: g[0], temp: g[1], q10: g[2], tshift: g[3], vmin: g[4], vmax: g[5], mode: mech.ModeOf(g[6])}
		},
	}
}

type caKernel struct {
	node                                  []int
	gbar, m, h                            []float64
	vshift, temp, q10, tshift, vmin, vmax float64
	mode                                  mech.RateMode
	tadj                                  float64
	rt                                    *mech.Rates
	lk                                    *mech.Lookup
	ca                                    *mech.IonState
}

func (k *caKernel) Slot(name string) []float64 {
	switch name {
	case "gbar":
		return k.gbar
	case "m":
		return k.m
	case "h":
		return k.h
	}
	return nil
}

// exact writes minf, hinf, mtau, htau (the TABLE order) at vm.
func (k *caKernel) exact(vm float64, out []float64) {
	a := 0.055 * (-27 - vm) / (math.Exp((-27-vm)/3.8) - 1)
	b := 0.94 * math.Exp((-75-vm)/17)
	out[2] = 1 / k.tadj / (a + b)
	out[0] = a / (a + b)
	a = 0.000457 * math.Exp((-13-vm)/50)
	b = 0.0065 / (math.Exp((-vm-15)/28) + 1)
	out[3] = 1 / k.tadj / (a + b)
	out[1] = a / (a + b)
}

func (k *caKernel) Init(c *mech.Context) {
	k.ca = c.MustIon("ca")
	k.tadj = math.Pow(k.q10, (c.Celsius-k.temp-k.tshift)/10)
	k.rt = mech.NewRates(k.mode, k.vmin, k.vmax, 199, 4, []int{2, 3}, c.Dt, k.exact)
	k.lk = mech.NewLookup(len(k.node))
	for i, nd := range k.node {
		row, th := k.rt.Locate(c.V[nd] + k.vshift)
		k.m[i], k.h[i] = k.rt.At(row, th, 0), k.rt.At(row, th, 1)
	}
}

func (k *caKernel) Current(c *mech.Context) {
	eca, ica := k.ca.E, k.ca.I
	vs, cI, cG := c.V, c.I, c.G
	tadj := k.tadj
	nn := len(k.node)
	gbar, ms, hs := k.gbar[:nn], k.m[:nn], k.h[:nn]
	for i, nd := range k.node {
		m := ms[i]
		g := 1e-4 * tadj * gbar[i] * m * m * hs[i]
		cur := g * (vs[nd] - eca[nd])
		ica[nd] += cur
		cI[nd] += cur
		cG[nd] += g
	}
}

func (k *caKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, k.vshift)
	k.rt.StepGate(k.m, k.lk, 0, 2)
	k.rt.StepGate(k.h, k.lk, 1, 3)
}

// Currents implements mech.Currenter.
func (k *caKernel) Currents() []string { return []string{"ica"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *caKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	nd := k.node[i]
	m := k.m[i]
	return 1e-4 * k.tadj * k.gbar[i] * m * m * k.h[i] * (c.V[nd] - k.ca.E[nd])
}
