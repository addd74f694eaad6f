package cable

import (
	"math"

	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/units"
)

// Ion styles, after NEURON's nrn_promote: how the concentrations and the
// reversal potential of an ion are treated at a node, derived from what the
// node's mechanisms read and write.
type IonStyle struct {
	// CInit: concentrations start at their defaults (some mechanism writes
	// them).
	CInit bool
	// EInit: the reversal potential is computed by Nernst at t = 0.
	EInit bool
	// EAdvance: the reversal potential is recomputed by Nernst before every
	// current evaluation (concentrations change).
	EAdvance bool
}

// Promote returns the style NEURON's nrn_promote gives an ion at a node
// from the uses of its mechanisms.
func Promote(uses []mech.IonUse) IonStyle {
	conc, rev := 0, 0 // 0 unused, 1 read (parameter), 2 assigned, 3 written (state)
	for _, u := range uses {
		if (u.ReadCi || u.ReadCo) && conc < 1 {
			conc = 1
		}
		if u.WriteCi || u.WriteCo {
			conc = 3
		}
		if u.ReadE && rev < 1 {
			rev = 1
		}
	}
	if conc > 0 && rev < 2 {
		rev = 2
	}
	var s IonStyle
	if conc == 3 {
		s.CInit = true
		s.EAdvance = rev == 2
	}
	s.EInit = conc > 0 && rev == 2
	return s
}

// Ion is one ion species' arrays and the nodes where its reversal potential
// follows the concentrations.
type Ion struct {
	mech.IonState
	Species  mech.Ion
	Init     []int // nodes with EInit
	Advance  []int // nodes with EAdvance
	defaultE float64
	ratio    []float64 // advanceE's scratch, one per Advance node
}

// Nernst returns the reversal potential (mV) of an ion of the given charge
// at inside and outside concentrations ci, co (mM) and temperature celsius,
// with NEURON's constants and limits (eion.cpp nrn_nernst).
func Nernst(ci, co float64, charge int, celsius float64) float64 {
	if charge == 0 {
		return 0
	}
	switch {
	case ci <= 0:
		return 1e6
	case co <= 0:
		return -1e6
	}
	ktf := 1000 * units.NernstGasConstant * (celsius + units.ZeroCelsius) / units.NernstFaraday
	return ktf / float64(charge) * math.Log(co/ci)
}

// Group is a set of cells integrated together: one Hines matrix over all
// their nodes, one kernel per mechanism type.
type Group struct {
	M       *Matrix
	V       []float64
	VInit   []float64
	Kernels []mech.Kernel
	Ions    []*Ion
	Ctx     mech.Context
	Clock   Clock
	// VPrev, if set (to len(V)), receives the voltages before each solve,
	// for the transmembrane currents of extracellular recordings.
	VPrev []float64
}

// NewGroup returns a group over nodes with the given matrix, initial
// voltages and areas. Ions and kernels are added by the caller.
func NewGroup(m *Matrix, vinit, area []float64, dt, celsius float64) *Group {
	n := len(vinit)
	g := &Group{M: m, V: make([]float64, n), VInit: vinit, Clock: NewClock(dt)}
	g.Ctx = mech.Context{V: g.V, I: make([]float64, n), G: make([]float64, n), Area: area, Dt: dt, Celsius: celsius}
	return g
}

// AddIon allocates the arrays of an ion species over all nodes.
func (g *Group) AddIon(sp mech.Ion) *Ion {
	n := len(g.V)
	ion := &Ion{IonState: mech.IonState{Name: sp.Name, Charge: sp.Charge,
		E: make([]float64, n), Ci: make([]float64, n), Co: make([]float64, n), I: make([]float64, n)},
		Species: sp, defaultE: sp.E0}
	g.Ions = append(g.Ions, ion)
	g.Ctx.Ions = append(g.Ctx.Ions, &ion.IonState)
	return ion
}

// Init sets t = 0: voltages, ion concentrations and reversal potentials,
// then every mechanism's INITIAL, in kernel order, as NEURON's finitialize.
func (g *Group) Init() {
	copy(g.V, g.VInit)
	c := &g.Ctx
	c.T = 0
	for _, ion := range g.Ions {
		sp := ion.Species
		for i := range ion.E {
			ion.Ci[i], ion.Co[i], ion.E[i] = sp.Ci0, sp.Co0, ion.defaultE
		}
		clear(ion.I)
		for _, nd := range ion.Init {
			ion.E[nd] = Nernst(ion.Ci[nd], ion.Co[nd], ion.Charge, c.Celsius)
		}
	}
	for _, k := range g.Kernels {
		k.Init(c)
	}
	// NEURON evaluates currents once after INITIAL, recomputing reversal
	// potentials from the concentrations the mechanisms set.
	g.advanceE()
}

func (g *Group) advanceE() {
	for _, ion := range g.Ions {
		if len(ion.Advance) == 0 || ion.Charge == 0 {
			continue
		}
		rtzf := 1000 * units.NernstGasConstant * (g.Ctx.Celsius + units.ZeroCelsius) / units.NernstFaraday / float64(ion.Charge)
		e, ci, co := ion.E, ion.Ci, ion.Co
		// Gather the ratios, take their logs in one call (SIMD), then
		// scatter: the same numbers as rtzf·Log(co/ci) node by node.
		if len(ion.ratio) < len(ion.Advance) {
			ion.ratio = make([]float64, len(ion.Advance))
		}
		ratio := ion.ratio[:len(ion.Advance)]
		for k, nd := range ion.Advance {
			r := 1.0 // a placeholder where Nernst's limits apply
			if c, o := ci[nd], co[nd]; c > 0 && o > 0 {
				r = o / c
			}
			ratio[k] = r
		}
		mech.LogSlice(ratio, ratio)
		for k, nd := range ion.Advance {
			if ci[nd] > 0 && co[nd] > 0 {
				e[nd] = rtzf * ratio[k]
			} else {
				e[nd] = Nernst(ci[nd], co[nd], ion.Charge, g.Ctx.Celsius)
			}
		}
	}
}

// Step advances from t = step·dt to (step+1)·dt.
func (g *Group) Step(step int) {
	c := &g.Ctx
	dt := c.Dt
	clear(c.I)
	clear(c.G)
	for _, ion := range g.Ions {
		clear(ion.I)
	}
	g.advanceE()
	c.T = g.Clock.At(float64(step) + 0.5)
	for _, k := range g.Kernels {
		k.Current(c)
	}
	if g.VPrev != nil {
		copy(g.VPrev, g.V)
	}
	g.M.Solve(g.V, c.I, c.G, dt)
	c.T = g.Clock.At(float64(step + 1))
	for _, k := range g.Kernels {
		k.Advance(c)
	}
}

// MaxAbsVMV bounds the membrane potential, mV: no membrane holds
// ±10 V (dielectric breakdown is near 0.5 V), so a voltage beyond it is a
// clamp, bias or conductance driving the model past physical bounds, not
// a result. It is far above any real potential (action potentials peak
// near +50 mV), so a correct model never meets it.
const MaxAbsVMV = 1e4

// Unphysical reports the first node whose voltage is NaN, infinite or
// beyond ±[MaxAbsVMV], or -1. It runs every step over every node, so it
// is one comparison a node (NaN fails it too).
func (g *Group) Unphysical() int {
	for i, v := range g.V {
		if !(math.Abs(v) <= MaxAbsVMV) {
			return i
		}
	}
	return -1
}
