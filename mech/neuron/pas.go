package neuron

import "github.com/laminasim/lamina/mech"

// Pas is NEURON's passive leak (src/nrnoc/passive.mod): i = g·(v - e).
func Pas() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "pas",
			Source: "NEURON src/nrnoc/passive.mod",
			Kind:   mech.Density,
			Params: []mech.Field{
				{Name: "g", Unit: "S/cm2", Default: 0.001, Min: 0, Max: 1e9, Doc: "leak conductance"},
				{Name: "e", Unit: "mV", Default: -70, Min: -1e3, Max: 1e3, Doc: "leak reversal potential"},
			},
		},
		New: func(nodes []int, _ []float64) mech.Kernel {
			n := len(nodes)
			return &pasKernel{node: nodes, g: fill(n, 0.001), e: fill(n, -70)}
		},
	}
}

type pasKernel struct {
	node []int
	g, e []float64
}

func (k *pasKernel) Slot(name string) []float64 {
	switch name {
	case "g":
		return k.g
	case "e":
		return k.e
	}
	return nil
}

func (k *pasKernel) Init(*mech.Context) {}

func (k *pasKernel) Current(c *mech.Context) {
	vs, cI, cG := c.V, c.I, c.G
	gs, es := k.g[:len(k.node)], k.e[:len(k.node)]
	for i, nd := range k.node {
		g := gs[i]
		cI[nd] += g * (vs[nd] - es[i])
		cG[nd] += g
	}
}

func (k *pasKernel) Advance(*mech.Context) {}

func fill(n int, v float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// Currents implements mech.Currenter.
func (k *pasKernel) Currents() []string { return []string{"i"} }

// CurrentAt implements mech.Currenter (mA/cm²).
func (k *pasKernel) CurrentAt(_ string, i int, c *mech.Context) float64 {
	return k.g[i] * (c.V[k.node[i]] - k.e[i])
}
