package hnn

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// AR ports hnn_core/mod/ar.mod: the anomalous rectifier (h-like) current of
// Traub et al. (2003, J Neurophysiol 89:909) as implemented by M. Lazarewicz:
//
//	minf = 1/(1 + exp((v + 75)/5.5)),  mtau = 1/(exp(-14.6 - 0.086·v) + exp(-1.87 + 0.07·v))
//	i = gbar·m·(v - erev)
//
// Rates come from a TABLE FROM -120 TO 40 WITH 641. INITIAL sets m = 0.25,
// as the .mod file does.
func AR() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "ar",
			Source: "hnn_core/mod/ar.mod",
			Kind:   mech.Density,
			Params: []mech.Field{{Name: "gbar", Unit: "S/cm2", Default: 0, Min: 0, Max: 1e9, Doc: "maximal conductance"}},
			Globals: []mech.Field{
				{Name: "erev", Unit: "mV", Default: -35, Min: -1e3, Max: 1e3, Doc: "reversal potential"},
				mech.UseTable(),
			},
			States: []mech.Field{{Name: "m", Unit: "1", Doc: "activation"}},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &arKernel{node: nodes, gbar: make([]float64, n), m: make([]float64, n), erev: g[0], mode: mech.ModeOf(g[1])}
		},
	}
}

type arKernel struct {
	node    []int
	gbar, m []float64
	erev    float64
	mode    mech.RateMode
	rt      *mech.Rates
	lk      *mech.Lookup
}

func (k *arKernel) Slot(name string) []float64 {
	switch name {
	case "gbar":
		return k.gbar
	case "m":
		return k.m
	}
	return nil
}

// arRates writes minf, mtau (the TABLE order) at v.
func arRates(v float64, out []float64) {
	out[0] = 1 / (1 + math.Exp((v+75)/5.5))
	out[1] = 1 / (math.Exp(-14.6-0.086*v) + math.Exp(-1.87+0.07*v))
}

func (k *arKernel) Init(c *mech.Context) {
	k.rt = mech.NewRates(k.mode, -120, 40, 641, 2, []int{1}, c.Dt, arRates)
	k.lk = mech.NewLookup(len(k.node))
	for i := range k.m {
		k.m[i] = 0.25
	}
}

func (k *arKernel) Current(c *mech.Context) {
	vs, cI, cG := c.V, c.I, c.G
	erev := k.erev
	gbar, ms := k.gbar[:len(k.node)], k.m[:len(k.node)]
	for i, nd := range k.node {
		g := gbar[i] * ms[i]
		cI[nd] += g * (vs[nd] - erev)
		cG[nd] += g
	}
}

func (k *arKernel) Advance(c *mech.Context) {
	k.rt.LocateNodes(k.lk, c.V, k.node, 0)
	k.rt.StepGate(k.m, k.lk, 0, 1)
}

// Currents implements mech.Currenter.
func (k *arKernel) Currents() []string { return []string{"i"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *arKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	return k.gbar[i] * k.m[i] * (c.V[k.node[i]] - k.erev)
}
