package neuron

import "github.com/laminasim/lamina/mech"

// IClamp is NEURON's single-pulse current clamp (src/nrnoc/stim.mod): a
// current amp (nA) injected from del to del+dur (ms). As in NEURON the test
// del <= t < del+dur is made at the midpoint of each step, where membrane
// currents are evaluated.
func IClamp() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:      "IClamp",
			Source:    "NEURON src/nrnoc/stim.mod",
			Kind:      mech.PointProcess,
			Electrode: true,
			Params: []mech.Field{
				{Name: "del", Unit: "ms", Default: 0, Min: 0, Max: mech.NoMax, Doc: "onset"},
				{Name: "dur", Unit: "ms", Default: 0, Min: 0, Max: mech.NoMax, Doc: "duration"},
				{Name: "amp", Unit: "nA", Default: 0, Min: -1e6, Max: 1e6, Doc: "amplitude, positive depolarises"},
			},
			States: []mech.Field{{Name: "i", Unit: "nA", Doc: "injected current"}},
		},
		New: func(nodes []int, _ []float64) mech.Kernel {
			n := len(nodes)
			return &iclampKernel{node: nodes, del: make([]float64, n), dur: make([]float64, n),
				amp: make([]float64, n), i: make([]float64, n)}
		},
	}
}

type iclampKernel struct {
	node             []int
	del, dur, amp, i []float64
}

func (k *iclampKernel) Slot(name string) []float64 {
	switch name {
	case "del":
		return k.del
	case "dur":
		return k.dur
	case "amp":
		return k.amp
	case "i":
		return k.i
	}
	return nil
}

func (k *iclampKernel) Init(*mech.Context) { clear(k.i) }

func (k *iclampKernel) Current(c *mech.Context) {
	t := c.T
	for j, nd := range k.node {
		cur := 0.0
		if t < k.del[j]+k.dur[j] && t >= k.del[j] {
			cur = k.amp[j]
		}
		k.i[j] = cur
		// Injected current is inward: it lowers the outward membrane
		// current density at the node (nA -> mA/cm²: 100/area).
		c.I[nd] -= cur * 100 / c.Area[nd]
	}
}

func (k *iclampKernel) Advance(*mech.Context) {}

// Currents implements mech.Currenter.
func (k *iclampKernel) Currents() []string { return []string{"i"} }

// CurrentAt implements mech.Currenter: the injected current, nA.
func (k *iclampKernel) CurrentAt(_ string, i int, _ *mech.Context) float64 { return k.i[i] }
