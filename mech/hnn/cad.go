package hnn

import (
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/units"
)

// CAD ports hnn_core/mod/cad.mod: calcium in a submembrane shell of the
// given depth, filled by inward ica and pumped back to cainf with time
// constant taur (Destexhe, Babloyantz & Sejnowski 1993, Biophys J 65:1538):
//
//	drive = max(0, -1e4·ica/(2·F·depth))      (mM/ms; the pump cannot pump inward)
//	ca' = drive + (cainf - ca)/taur,  cai = ca
//
// integrated with cnexp (exact for the step, drive held constant). ica is the
// ion's total calcium current from the step's current evaluation.
func CAD() *mech.Mechanism {
	return &mech.Mechanism{
		Info: mech.Info{
			Name:   "cad",
			Source: "hnn_core/mod/cad.mod",
			Kind:   mech.Density,
			Params: []mech.Field{{Name: "taur", Unit: "ms", Default: 200, Min: 1e-9, Max: 1e12, Doc: "removal time constant"}},
			Globals: []mech.Field{
				{Name: "depth", Unit: "um", Default: 0.1, Min: 1e-9, Max: 1e6, Doc: "shell depth"},
				{Name: "cainf", Unit: "mM", Default: 100e-6, Min: 0, Max: 1e3, Doc: "resting concentration"},
			},
			States: []mech.Field{{Name: "ca", Unit: "mM", Doc: "shell calcium concentration"}},
			Ions:   []mech.IonUse{{Ion: "ca", ReadI: true, ReadCi: true, WriteCi: true}},
		},
		New: func(nodes []int, g []float64) mech.Kernel {
			n := len(nodes)
			return &cadKernel{node: nodes, taur: fill(n, 200), conc: make([]float64, n), depth: g[0], cainf: g[1]}
		},
	}
}

type cadKernel struct {
	node         []int
	taur, conc   []float64
	relax        []float64 // 1 - exp(-dt/taur), constant for a run
	depth, cainf float64
	ca           *mech.IonState
}

func (k *cadKernel) Slot(name string) []float64 {
	switch name {
	case "taur":
		return k.taur
	case "ca":
		return k.conc
	}
	return nil
}

func (k *cadKernel) Init(c *mech.Context) {
	k.ca = c.MustIon("ca")
	k.relax = make([]float64, len(k.node))
	for i, nd := range k.node {
		k.conc[i] = k.cainf
		k.ca.Ci[nd] = k.cainf
		// cnexp's factor depends only on dt and taur: computing it once
		// gives the same number NEURON computes at every step.
		k.relax[i] = 1 - mech.Exp(-c.Dt/k.taur[i])
	}
}

func (k *cadKernel) Current(*mech.Context) {}

func (k *cadKernel) Advance(c *mech.Context) {
	ica, cai := k.ca.I, k.ca.Ci
	scale := -1e4 / (2 * units.FaradayNMODL * k.depth)
	cainf := k.cainf
	nn := len(k.node)
	taur, conc, relax := k.taur[:nn], k.conc[:nn], k.relax[:nn]
	for i, nd := range k.node {
		drive := scale * ica[nd]
		if drive <= 0 {
			drive = 0
		}
		tau := taur[i]
		ca := conc[i] + relax[i]*((drive+cainf/tau)*tau-conc[i])
		conc[i] = ca
		cai[nd] = ca
	}
}
