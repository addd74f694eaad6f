package mech

import (
	"fmt"
	"math"
)

// Kind says whether a mechanism is distributed over the membrane or sits at
// one point.
type Kind int

const (
	// Density mechanisms are painted on sections; their parameters are
	// per unit area and they have one instance per segment.
	Density Kind = iota
	// PointProcess mechanisms (NEURON's point processes) are placed at section(x); their
	// currents are in nA and conductances in µS.
	PointProcess
)

func (k Kind) String() string {
	switch k {
	case Density:
		return "density"
	case PointProcess:
		return "point"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Field describes one parameter, global or state variable.
type Field struct {
	Name    string
	Unit    string
	Default float64
	// Min and Max bound the values a model may set (inclusive).
	Min, Max float64
	Doc      string
}

// Check reports whether v is a valid value for the field.
func (f *Field) Check(v float64) error {
	if math.IsNaN(v) || v < f.Min || v > f.Max {
		return fmt.Errorf("%s = %g %s is outside the allowed range [%g, %g]", f.Name, v, f.Unit, f.Min, f.Max)
	}
	return nil
}

// IonUse is a mechanism's USEION statement: which ion variables it reads
// and writes.
type IonUse struct {
	Ion string
	// ReadE, ReadCi, ReadCo, ReadI: the mechanism reads the reversal
	// potential, inside or outside concentration, or the ion's total current.
	ReadE, ReadCi, ReadCo, ReadI bool
	// WriteI: the mechanism contributes to the ion current.
	WriteI bool
	// WriteCi, WriteCo: the mechanism integrates the concentration.
	WriteCi, WriteCo bool
}

// Info is a mechanism's field table and interface.
type Info struct {
	// Name is the NMODL SUFFIX or POINT_PROCESS name, e.g. "hh2", "IClamp".
	Name string
	// Source names what the mechanism ports, e.g. "hnn_core/mod/hh2.mod".
	Source string
	Kind   Kind
	// NetReceive marks point processes that take events (synapses, NMODL
	// NET_RECEIVE); the engine instantiates them only when connected.
	NetReceive bool
	// Electrode marks point processes whose current is injected into the
	// cell (NMODL ELECTRODE_CURRENT) rather than crossing the membrane.
	Electrode bool
	// Params are RANGE parameters, one value per instance.
	Params []Field
	// Globals are GLOBAL parameters, one value per mechanism.
	Globals []Field
	// States are state and assigned variables that can be recorded.
	States []Field
	Ions   []IonUse
}

// Param returns the parameter called name.
func (in *Info) Param(name string) (*Field, bool) { return find(in.Params, name) }

// Global returns the global called name.
func (in *Info) Global(name string) (*Field, bool) { return find(in.Globals, name) }

func find(fs []Field, name string) (*Field, bool) {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i], true
		}
	}
	return nil, false
}

// DefaultGlobals returns the default values of in.Globals, in order.
func (in *Info) DefaultGlobals() []float64 {
	g := make([]float64, len(in.Globals))
	for i := range in.Globals {
		g[i] = in.Globals[i].Default
	}
	return g
}

// Mechanism is a mechanism type: its Info and a constructor for kernels.
type Mechanism struct {
	Info
	// New makes a kernel for instances at the given nodes, with globals
	// in the order of Info.Globals. Parameters start at their defaults.
	New func(nodes []int, globals []float64) Kernel
}

// Kernel holds all instances of one mechanism in one cell group as
// structure-of-arrays and advances them.
type Kernel interface {
	// Slot returns the per-instance values of a parameter or state, or nil
	// if the kernel has no such field. Writing to it sets the values.
	Slot(name string) []float64
	// Init sets states at t = 0 from the present voltage and ions.
	Init(c *Context)
	// Current adds this mechanism's current and conductance at c.V.
	Current(c *Context)
	// Advance moves the states from t to t+dt with the voltage at t+dt.
	Advance(c *Context)
}

// Currenter is implemented by kernels that can report the currents of an
// instance, for recording (HNN-core's isec): density mechanisms in mA/cm²
// (outward positive), point processes in nA (NEURON's sign: a synapse's i
// is outward positive, an IClamp's i is injected).
type Currenter interface {
	// Currents names the currents, e.g. "ina", "ik", "il" for hh.
	Currents() []string
	// CurrentAt returns current name of instance i at the present state.
	CurrentAt(name string, i int, c *Context) float64
}

// Receiver is implemented by kernels that take discrete events (synapses).
type Receiver interface {
	// Receive delivers an event of the given weight to instance i.
	Receive(i int, weight float64)
}

// Context is what a kernel sees of the engine during a call.
type Context struct {
	// V is the membrane potential per node, mV.
	V []float64
	// I accumulates the membrane current density per node, mA/cm²,
	// outward positive.
	I []float64
	// G accumulates dI/dV per node, S/cm².
	G []float64
	// Area is each node's membrane area, µm²; point processes convert nA
	// to mA/cm² with the factor 100/Area.
	Area []float64
	// Ions holds the ion arrays, per node.
	Ions []*IonState
	// Dt is the time step, ms. T is the time of the call, ms: t+dt/2
	// during Current (as NEURON), t+dt during Advance, 0 during Init.
	Dt, T float64
	// Celsius is the temperature, °C.
	Celsius float64
}

// Ion returns the arrays of the named ion, or nil.
func (c *Context) Ion(name string) *IonState {
	for _, s := range c.Ions {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// MustIon is Ion for kernels whose Info declares the ion: the engine always
// provides declared ions, so a missing one is a programming error.
func (c *Context) MustIon(name string) *IonState {
	s := c.Ion(name)
	if s == nil {
		panic("mech: ion " + name + " not provided by the engine")
	}
	return s
}

// IonState holds one ion species' variables, one value per node.
type IonState struct {
	Name   string
	Charge int
	// E is the reversal potential, mV.
	E []float64
	// Ci and Co are the inside and outside concentrations, mM.
	Ci, Co []float64
	// I is the total current of this ion, mA/cm², summed over mechanisms
	// during Current.
	I []float64
}
