package hnn

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// CAT ports hnn_core/mod/cat.mod: the low-threshold T-type Ca current of
// Traub et al. (2003, J Neurophysiol 89:909) as implemented by M. Lazarewicz.
// It is a nonspecific current with a fixed 125 mV reversal that does not
// feed the calcium pool:
//
//	minf = 1/(1 + exp((-v - 56)/6.2)),  mtau = 0.204 + 0.333/(exp((v + 15.8)/18.2) + exp((-v - 131)/16.7))
//	hinf = 1/(1 + exp((v + 80)/4)),     htau = 0.333·exp((v + 466)/66.6) for v < -81, else 9.32 + 0.333·exp((-v - 21)/10.5)
//	i = gbar·m²·h·(v - 125)
//
// Rates come from a TABLE FROM -120 TO 40 WITH 641. INITIAL sets h = hinf
// and m = 0, as the .mod file does.
func CAT() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:    "cat",
			Source:  "hnn_core/mod/cat.mod",
			Kind:    mech.Density,
			Params:  []mech.Field{{Name: "gbar", Unit: "S/cm2", Default: 0, Min: 0, Max: 1e9, Doc: "maximal conductance"}},
			Globals: []mech.Field{mech.UseTable()},
			States: []mech.Field{
				{Name: "m", Unit: "1", Doc: "activation"},
				{Name: "h", Unit: "1", Doc: "inactivation"},
			},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &catKernel{node: nodes, gbar: make([]float64, n), m: make([]float64, n), h: make([]float64, n),
				mode: mech.ModeOf(g[0])}
		},
	}
}

type catKernel struct {
	node       []int
	gbar, m, h []float64
	mode       mech.RateMode
	rt         *mech.Rates
	lk         *mech.Lookup
}

func (k *catKernel) Slot(name string) []float64 {
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

// catRates writes minf, mtau, hinf, htau (the TABLE order) at v.
func catRates(v float64, out []float64) {
	out[0] = 1 / (1 + math.Exp((-v-56)/6.2))
	out[1] = 0.204 + 0.333/(math.Exp((v+15.8)/18.2)+math.Exp((-v-131)/16.7))
	out[2] = 1 / (1 + math.Exp((v+80)/4))
	if v < -81 {
		out[3] = 0.333 * math.Exp((v+466)/66.6)
	} else {
		out[3] = 9.32 + 0.333*math.Exp((-v-21)/10.5)
	}
}

func (k *catKernel) Init(c *mech.Context) {
	k.rt = mech.NewRates(k.mode, -120, 40, 641, 4, []int{1, 3}, c.Dt, catRates)
	k.lk = mech.NewLookup(len(k.node))
	for i, nd := range k.node {
		row, th := k.rt.Locate(c.V[nd])
		k.m[i], k.h[i] = 0, k.rt.At(row, th, 2)
	}
}

func (k *catKernel) Current(c *mech.Context) {
	vs, cI, cG := c.V, c.I, c.G
	nn := len(k.node)
	gbar, ms, hs := k.gbar[:nn], k.m[:nn], k.h[:nn]
	for i, nd := range k.node {
		m := ms[i]
		g := gbar[i] * m * m * hs[i]
		cI[nd] += g * (vs[nd] - 125)
		cG[nd] += g
	}
}

func (k *catKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, 0)
	k.rt.StepGate(k.m, k.lk, 0, 1)
	k.rt.StepGate(k.h, k.lk, 2, 3)
}

// Currents implements mech.Currenter.
func (k *catKernel) Currents() []string { return []string{"i"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *catKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	m := k.m[i]
	return k.gbar[i] * m * m * k.h[i] * (c.V[k.node[i]] - 125)
}
