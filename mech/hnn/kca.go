package hnn

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// KCA ports hnn_core/mod/kca.mod: a calcium-dependent K current (Z. Mainen
// 1995, after Pennefather 1990 and Reuveni et al. 1993):
//
//	a = Ra·cai^caix,  b = Rb,  ntau = 1/(tadj·(a + b)),  ninf = a/(a + b)
//	ik = 1e-4·tadj·gbar·n·(v - ek)      (gbar in pS/µm²)
//
// The rates depend on cai, not v, and are evaluated exactly (no TABLE).
func KCA() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "kca",
			Source: "hnn_core/mod/kca.mod",
			Kind:   mech.Density,
			Params: []mech.Field{{Name: "gbar", Unit: "pS/um2", Default: 10, Min: 0, Max: 1e9, Doc: "maximal conductance"}},
			Globals: concat(
				[]mech.Field{
					{Name: "Ra", Unit: "/ms", Default: 0.01, Min: 0, Max: 1e6, Doc: "maximal activation rate"},
					{Name: "Rb", Unit: "/ms", Default: 0.02, Min: 0, Max: 1e6, Doc: "maximal deactivation rate"},
					{Name: "caix", Unit: "1", Default: 1, Min: 0, Max: 100, Doc: "calcium exponent"},
				},
				temperatureGlobals(),
			),
			States: []mech.Field{{Name: "n", Unit: "1", Doc: "activation"}},
			Ions: []mech.IonUse{
				{Ion: "k", ReadE: true, WriteI: true},
				{Ion: "ca", ReadCi: true},
			},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &kcaKernel{node: nodes, gbar: fill(n, 10), n: make([]float64, n),
				ra: g[0], rb: g[1], caix: g[2], temp: g[3], q10: g[4], tshift: g[5]}
		},
	}
}

type kcaKernel struct {
	node                            []int
	gbar, n                         []float64
	ra, rb, caix, temp, q10, tshift float64
	tadj                            float64
	inf, tau                        []float64 // Advance's scratch
	k, ca                           *mech.IonState
}

func (k *kcaKernel) Slot(name string) []float64 {
	switch name {
	case "gbar":
		return k.gbar
	case "n":
		return k.n
	}
	return nil
}

func (k *kcaKernel) rates(cai float64) (ninf, ntau float64) {
	a := k.ra * cai
	if k.caix != 1 {
		a = k.ra * math.Pow(cai, k.caix)
	}
	return a / (a + k.rb), 1 / k.tadj / (a + k.rb)
}

func (k *kcaKernel) Init(c *mech.Context) {
	k.k, k.ca = c.MustIon("k"), c.MustIon("ca")
	k.tadj = math.Pow(k.q10, (c.Celsius-k.temp-k.tshift)/10)
	k.inf, k.tau = make([]float64, len(k.node)), make([]float64, len(k.node))
	for i, nd := range k.node {
		k.n[i], _ = k.rates(k.ca.Ci[nd])
	}
}

func (k *kcaKernel) Current(c *mech.Context) {
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

func (k *kcaKernel) Advance(c *mech.Context) {
	cai := k.ca.Ci
	inf, tau := k.inf[:len(k.node)], k.tau[:len(k.node)]
	for i, nd := range k.node {
		inf[i], tau[i] = k.rates(cai[nd])
	}
	mech.RelaxSlice(k.n, inf, tau, c.Dt)
}

// Currents implements mech.Currenter.
func (k *kcaKernel) Currents() []string { return []string{"ik"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *kcaKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	nd := k.node[i]
	return 1e-4 * k.tadj * k.gbar[i] * k.n[i] * (c.V[nd] - k.k.E[nd])
}
