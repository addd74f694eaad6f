package neuron

import (
	"math"

	"github.com/laminasim/lamina/mech"
)

// Exp2Syn is NEURON's double-exponential synapse (src/nrnoc/exp2syn.mod):
// each event of weight w (µS) adds w·factor to two states A and B that decay
// with tau1 and tau2; the conductance g = B - A then peaks at exactly w, and
// i = g·(v - e) (nA). As in the .mod file, INITIAL clamps tau1 to
// [1e-9·tau2, 0.9999·tau2].
func Exp2Syn() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:       "Exp2Syn",
			Source:     "NEURON src/nrnoc/exp2syn.mod",
			Kind:       mech.PointProcess,
			NetReceive: true,
			Params: []mech.Field{
				{Name: "tau1", Unit: "ms", Default: 0.1, Min: 1e-9, Max: 1e9, Doc: "rise time constant"},
				{Name: "tau2", Unit: "ms", Default: 10, Min: 1e-9, Max: 1e9, Doc: "decay time constant"},
				{Name: "e", Unit: "mV", Default: 0, Min: -1e3, Max: 1e3, Doc: "reversal potential"},
			},
			States: []mech.Field{
				{Name: "A", Unit: "uS", Doc: "rising state"},
				{Name: "B", Unit: "uS", Doc: "decaying state"},
			},
		},
		New: func(nodes []int, _ []float64) mech.Kernel {
			n := len(nodes)
			return &exp2synKernel{node: nodes, tau1: fill(n, 0.1), tau2: fill(n, 10), e: make([]float64, n),
				a: make([]float64, n), b: make([]float64, n), factor: make([]float64, n),
				ea: make([]float64, n), eb: make([]float64, n)}
		},
	}
}

type exp2synKernel struct {
	node          []int
	tau1, tau2, e []float64
	a, b, factor  []float64
	ea, eb        []float64 // exp(-dt/tau1), exp(-dt/tau2)
}

func (k *exp2synKernel) Slot(name string) []float64 {
	switch name {
	case "tau1":
		return k.tau1
	case "tau2":
		return k.tau2
	case "e":
		return k.e
	case "A":
		return k.a
	case "B":
		return k.b
	}
	return nil
}

func (k *exp2synKernel) Init(c *mech.Context) {
	for i := range k.node {
		t1, t2 := k.tau1[i], k.tau2[i]
		if t1/t2 > 0.9999 {
			t1 = 0.9999 * t2
		}
		if t1/t2 < 1e-9 {
			t1 = t2 * 1e-9
		}
		k.tau1[i] = t1
		k.a[i], k.b[i] = 0, 0
		tp := (t1 * t2) / (t2 - t1) * math.Log(t2/t1)
		k.factor[i] = 1 / (-math.Exp(-tp/t1) + math.Exp(-tp/t2))
		// The decay factors are constant for a fixed dt: computing them
		// once gives the cnexp update A·exp(-dt/tau1) without an exp per
		// step.
		k.ea[i] = mech.Exp(-c.Dt / t1)
		k.eb[i] = mech.Exp(-c.Dt / t2)
	}
}

func (k *exp2synKernel) Current(c *mech.Context) {
	vs, cI, cG, area := c.V, c.I, c.G, c.Area
	nn := len(k.node)
	as, bs, es := k.a[:nn], k.b[:nn], k.e[:nn]
	for i, nd := range k.node {
		g := bs[i] - as[i]
		f := 100 / area[nd]
		cI[nd] += g * (vs[nd] - es[i]) * f
		cG[nd] += g * f
	}
}

func (k *exp2synKernel) Advance(*mech.Context) {
	nn := len(k.node)
	as, bs, ea, eb := k.a[:nn], k.b[:nn], k.ea[:nn], k.eb[:nn]
	for i := range as {
		as[i] *= ea[i]
		bs[i] *= eb[i]
	}
}

// Receive implements mech.Receiver.
func (k *exp2synKernel) Receive(i int, weight float64) {
	k.a[i] += weight * k.factor[i]
	k.b[i] += weight * k.factor[i]
}

// Currents implements mech.Currenter.
func (k *exp2synKernel) Currents() []string { return []string{"i"} }

// CurrentAt implements mech.Currenter: g·(v - e), nA.
func (k *exp2synKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	return (k.b[i] - k.a[i]) * (c.V[k.node[i]] - k.e[i])
}
