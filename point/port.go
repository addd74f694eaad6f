package point

// Units of synaptic weights and currents.
const (
	// UnitNS weighs a conductance synapse: each spike adds the weight, nS,
	// to the conductance.
	UnitNS = "nS"
	// UnitPA weighs a current synapse: each spike adds the weight, pA, to
	// the synaptic current. External currents are in pA too.
	UnitPA = "pA"
	// UnitScale weighs a receptor synapse: the weight multiplies the
	// receptor's peak conductance g0 (dimensionless).
	UnitScale = "scale"
)

// Port is an input of a model: a receptor that synaptic weights are added
// to, or a compartment that external current is injected into.
type Port struct {
	// Name identifies the port within its model, e.g. "ge" or "dend.glu".
	Name string
	// Unit is the unit of the weights (or currents) it takes.
	Unit string
}

// Model kinds, as named in network descriptions.
const (
	KindLIF       = "lif"
	KindIFCond    = "if_cond_exp"
	KindAdEx      = "adex"
	KindBallStick = "ball_and_stick"
)

// Kinds returns the model kinds in a new slice.
func Kinds() []string { return []string{KindLIF, KindIFCond, KindAdEx, KindBallStick} }

// somaCurrent is the single current port of one-compartment models.
var somaCurrent = []Port{{Name: "soma", Unit: UnitPA}}

// Variable describes a state variable a monitor can record.
type Variable struct {
	// Name is the variable's name, e.g. "v".
	Name string
	// Unit is its unit, e.g. "mV".
	Unit string
}
