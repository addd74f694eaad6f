package neuron

import "github.com/laminasim/lamina/mech"

// ExpSyn is NEURON's single-exponential synapse (src/nrnoc/expsyn.mod): an
// event of weight w (µS) adds w to the conductance g, which decays with
// time constant tau (cnexp: g·exp(-dt/tau) per step); i = g·(v - e) (nA).
func ExpSyn() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:       "ExpSyn",
			Source:     "NEURON src/nrnoc/expsyn.mod",
			Kind:       mech.PointProcess,
			NetReceive: true,
			Params: []mech.Field{
				{Name: "tau", Unit: "ms", Default: 0.1, Min: 1e-9, Max: 1e9, Doc: "decay time constant"},
				{Name: "e", Unit: "mV", Default: 0, Min: -1e3, Max: 1e3, Doc: "reversal potential"},
			},
			States: []mech.Field{{Name: "g", Unit: "uS", Doc: "conductance"}},
		},
		New: func(nodes []int, _ []float64) mech.Kernel {
			n := len(nodes)
			return &expsynKernel{node: nodes, tau: fill(n, 0.1), e: make([]float64, n),
				g: make([]float64, n), eg: make([]float64, n)}
		},
	}
}

type expsynKernel struct {
	node      []int
	tau, e, g []float64
	eg        []float64 // exp(-dt/tau)
}

func (k *expsynKernel) Slot(name string) []float64 {
	switch name {
	case "tau":
		return k.tau
	case "e":
		return k.e
	case "g":
		return k.g
	}
	return nil
}

func (k *expsynKernel) Init(c *mech.Context) {
	for i := range k.node {
		k.g[i] = 0
		k.eg[i] = mech.Exp(-c.Dt / k.tau[i])
	}
}

func (k *expsynKernel) Current(c *mech.Context) {
	vs, cI, cG, area := c.V, c.I, c.G, c.Area
	gs, es := k.g[:len(k.node)], k.e[:len(k.node)]
	for i, nd := range k.node {
		g := gs[i]
		f := 100 / area[nd]
		cI[nd] += g * (vs[nd] - es[i]) * f
		cG[nd] += g * f
	}
}

func (k *expsynKernel) Advance(*mech.Context) {
	for i := range k.node {
		k.g[i] *= k.eg[i]
	}
}

// Receive implements mech.Receiver.
func (k *expsynKernel) Receive(i int, weight float64) { k.g[i] += weight }

// Currents implements mech.Currenter.
func (k *expsynKernel) Currents() []string { return []string{"i"} }

// CurrentAt implements mech.Currenter: g·(v - e), nA.
func (k *expsynKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	return k.g[i] * (c.V[k.node[i]] - k.e[i])
}
