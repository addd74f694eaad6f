package hnn

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// KM ports hnn_core/mod/km.mod: the slow, non-inactivating muscarinic K
// current I_M (Z. Mainen 1995, after Reuveni et al. 1993, J Neurosci
// 13:4609), with Hines & Scorcioni's 2002 initialisation fix:
//
//	a = Ra·(v - tha)/(1 - exp(-(v - tha)/qa)),  b = -Rb·(v - tha)/(1 - exp((v - tha)/qa))
//	ntau = 1/(tadj·(a + b)),  ninf = a/(a + b),  tadj = q10^((celsius - temp - tshift)/10)
//	ik = 1e-4·tadj·gbar·n·(v - ek)      (gbar in pS/µm²)
//
// ninf and ntau come from a TABLE FROM vmin TO vmax WITH 199.
func KM() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "km",
			Source: "hnn_core/mod/km.mod",
			Kind:   mech.Density,
			Params: []mech.Field{{Name: "gbar", Unit: "pS/um2", Default: 10, Min: 0, Max: 1e9, Doc: "maximal conductance"}},
			Globals: concat(
				[]mech.Field{
					{Name: "tha", Unit: "mV", Default: -30, Min: -1e3, Max: 1e3, Doc: "half activation"},
					{Name: "qa", Unit: "mV", Default: 9, Min: 1e-9, Max: 1e3, Doc: "activation slope"},
					{Name: "Ra", Unit: "/ms", Default: 0.001, Min: 0, Max: 1e6, Doc: "maximal activation rate"},
					{Name: "Rb", Unit: "/ms", Default: 0.001, Min: 0, Max: 1e6, Doc: "maximal deactivation rate"},
				},
				temperatureGlobals(),
				tableGlobals(),
			),
			States: []mech.Field{{Name: "n", Unit: "1", Doc: "activation"}},
			Ions:   []mech.IonUse{{Ion: "k", ReadE: true, WriteI: true}},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &kmKernel{node: nodes, gbar: fill(n, 10), n: make([]float64, n),
				tha: g[0], qa: g[1], ra: g[2], rb: g[3], temp: g[4], q10: g[5], tshift: g[6],
				vmin: g[7], vmax: g[8], mode: mech.ModeOf(g[9])}
		},
	}
}

type kmKernel struct {
	node                               []int
	gbar, n                            []float64
	tha, qa, ra, rb, temp, q10, tshift float64
	vmin, vmax                         float64
	mode                               mech.RateMode
	tadj                               float64
	rt                                 *mech.Rates
	lk                                 *mech.Lookup
	k                                  *mech.IonState
}

func (k *kmKernel) Slot(name string) []float64 {
	switch name {
	case "gbar":
		return k.gbar
	case "n":
		return k.n
	}
	return nil
}

// exact writes ninf and ntau at v (the TABLE order).
func (k *kmKernel) exact(v float64, out []float64) {
	a := k.ra * (v - k.tha) / (1 - math.Exp(-(v-k.tha)/k.qa))
	b := -k.rb * (v - k.tha) / (1 - math.Exp((v-k.tha)/k.qa))
	out[0], out[1] = a/(a+b), 1/k.tadj/(a+b)
}

func (k *kmKernel) Init(c *mech.Context) {
	k.k = c.MustIon("k")
	k.tadj = math.Pow(k.q10, (c.Celsius-k.temp-k.tshift)/10)
	k.rt = mech.NewRates(k.mode, k.vmin, k.vmax, 199, 2, []int{1}, c.Dt, k.exact)
	k.lk = mech.NewLookup(len(k.node))
	for i, nd := range k.node {
		row, th := k.rt.Locate(c.V[nd])
		k.n[i] = k.rt.At(row, th, 0)
	}
}

func (k *kmKernel) Current(c *mech.Context) {
	ek, ik := k.k.E, k.k.I
	vs, cI, cG := c.V, c.I, c.G
	tadj := k.tadj
	gbar, ns := k.gbar[:len(k.node)], k.n[:len(k.node)]
	for i, nd := range k.node {
		g := 1e-4 * tadj * gbar[i] * ns[i]
		cur := g * (vs[nd] - ek[nd])
		ik[nd] += cur
		cI[nd] += cur
		cG[nd] += g
	}
}

func (k *kmKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, 0)
	k.rt.StepGate(k.n, k.lk, 0, 1)
}

// Currents implements mech.Currenter.
func (k *kmKernel) Currents() []string { return []string{"ik"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *kmKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	nd := k.node[i]
	return 1e-4 * k.tadj * k.gbar[i] * k.n[i] * (c.V[nd] - k.k.E[nd])
}
