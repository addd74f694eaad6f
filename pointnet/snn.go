package pointnet

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
)

// Network is a network of point-neuron populations with their stimuli,
// connections and monitors.
type Network struct {
	// Name names the network, e.g. "ei-balanced".
	Name string `json:"name,omitempty"`
	// Seed seeds every random choice (connectivity, initial potentials,
	// Poisson sources, noise), through keyed streams (package rng).
	Seed        uint64         `json:"seed"`
	Populations []Population   `json:"populations"`
	Poisson     []PoissonLayer `json:"poisson,omitempty"`
	Currents    []Current      `json:"currents,omitempty"`
	Connections []Connection   `json:"connections,omitempty"`
	Monitors    []Monitor      `json:"monitors,omitempty"`
}

// Population is N neurons of one point model.
type Population struct {
	// Name identifies the population (and types its spikes), e.g. "E".
	Name string `json:"name"`
	// N is the number of neurons.
	N int `json:"n"`
	// Model is the point model: lif, if_cond_exp, adex or ball_and_stick.
	Model string `json:"model"`
	// The parameters of the model; exactly the one named by Model is set.
	LIF       *point.LIFParams       `json:"lif,omitempty"`
	IFCond    *point.IFCondParams    `json:"if_cond_exp,omitempty"`
	AdEx      *point.AdExParams      `json:"adex,omitempty"`
	BallStick *point.BallStickParams `json:"ball_and_stick,omitempty"`
	// V0 sets the initial membrane potential (the soma's, and the
	// dendrite's, of a ball-and-stick neuron).
	V0 Init `json:"v0"`
}

// Kinds of initial potential.
const (
	// InitRest starts every neuron at its leak potential (the default).
	InitRest = "rest"
	// InitValue starts every neuron at ValuemV.
	InitValue = "value"
	// InitUniform draws each neuron's potential uniformly in [LomV, HimV)
	// (SNN.jl: v ~ U(Vr, Vt)).
	InitUniform = "uniform"
)

// Init is an initial membrane potential.
type Init struct {
	// Kind is rest (or empty), value or uniform.
	Kind    string  `json:"kind,omitempty"`
	ValuemV float64 `json:"value_mV,omitempty"`
	LomV    float64 `json:"lo_mV,omitempty"`
	HimV    float64 `json:"hi_mV,omitempty"`
}

// Connection rules.
const (
	// RuleFixedInDegree gives every post neuron exactly
	// Npre - round((1-p)·Npre) distinct pre neurons (SNN.jl rule :Fixed).
	RuleFixedInDegree = "fixed_indegree"
	// RuleBernoulli connects every pair independently with probability p.
	RuleBernoulli = "bernoulli"
)

// Weight is a synaptic weight, in the unit of the receptor it lands on:
// exactly one field is set.
type Weight struct {
	// NS weighs conductance receptors (ge, gi), nS.
	NS float64 `json:"weight_nS,omitempty"`
	// PA weighs current receptors (exc, inh), pA.
	PA float64 `json:"weight_pA,omitempty"`
	// Scale weighs ball-and-stick receptors: a multiple of g0.
	Scale float64 `json:"weight_scale,omitempty"`
	// Sigma, in the same unit, makes the weights Normal(μ, σ); non-positive
	// draws remove the synapse.
	Sigma float64 `json:"weight_sigma,omitempty"`
}

// Value returns the weight and its unit ("" when none or several are
// set).
func (w Weight) Value() (float64, string) {
	var v float64
	unit, n := "", 0
	for _, c := range []struct {
		v float64
		u string
	}{{w.NS, point.UnitNS}, {w.PA, point.UnitPA}, {w.Scale, point.UnitScale}} {
		if c.v != 0 {
			v, unit = c.v, c.u
			n++
		}
	}
	if n != 1 {
		return 0, ""
	}
	return v, unit
}

// NS returns a weight of w nS.
func NS(w float64) Weight { return Weight{NS: w} }

// PA returns a weight of w pA.
func PA(w float64) Weight { return Weight{PA: w} }

// Scale returns a weight of w times the receptors' g0.
func Scale(w float64) Weight { return Weight{Scale: w} }

// Connection connects a pre population to a post population
// (SNN.jl SpikingSynapse).
type Connection struct {
	// Name names the connection (default "<pre>_to_<post>"); it keys the
	// random stream of its connectivity.
	Name string `json:"name,omitempty"`
	Pre  string `json:"pre"`
	Post string `json:"post"`
	// Receptor is the post model's input the weights are added to, e.g.
	// "ge", "gi", "exc", "dend.glu".
	Receptor string `json:"receptor"`
	// P is the connection probability, in [0, 1].
	P float64 `json:"p"`
	// Rule is fixed_indegree (default) or bernoulli.
	Rule string `json:"rule,omitempty"`
	// Autapses keeps self-connections when Pre == Post.
	Autapses bool `json:"autapses,omitempty"`
	Weight
	// DelayMs is the transmission delay, ms: a spike found at t reaches
	// the target at t + delay (rounded to whole steps; 0: the next step).
	DelayMs float64 `json:"delay_ms,omitempty"`
	// DelayMaxMs, if above DelayMs, draws each synapse's delay uniformly
	// in [DelayMs, DelayMaxMs].
	DelayMaxMs float64 `json:"delay_max_ms,omitempty"`
}

// EffectiveName returns the connection's name or "<pre>_to_<post>".
func (c Connection) EffectiveName() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Pre + "_to_" + c.Post
}

// MaxRateHz is the highest rate of a Poisson layer's sources: 100 kHz
// (as drive.MaxRateHz: no neuron fires above about 1 kHz, and a source
// standing for many afferents at 100 kHz stands for a thousand at
// 100 Hz; beyond it a rate is a slip whose events would not fit in
// memory).
const MaxRateHz = 1e5

// PoissonLayer is a layer of N independent Poisson sources connected to a
// population (SNN.jl PoissonLayer with PoissonStimulusLayer).
type PoissonLayer struct {
	// Name identifies the layer and types its sources' spikes.
	Name string `json:"name"`
	// N is the number of sources.
	N int `json:"n"`
	// RateHz is every source's rate, Hz.
	RateHz float64 `json:"rate_hz"`
	// Target is the population driven, Receptor its input.
	Target   string `json:"target"`
	Receptor string `json:"receptor"`
	// P is the connection probability, Rule the rule (as Connection).
	P    float64 `json:"p"`
	Rule string  `json:"rule,omitempty"`
	Weight
	// DelayMs delays the events, ms (0: they act in the step they occur).
	DelayMs float64 `json:"delay_ms,omitempty"`
	// StartMs and StopMs, if set, confine the firing to StartMs <= t <
	// StopMs (StopMs 0: to the end of the run): a volley. Every step
	// draws alike inside and outside the window.
	StartMs float64 `json:"start_ms,omitempty"`
	StopMs  float64 `json:"stop_ms,omitempty"`
}

// Kinds of current.
const (
	CurrentConstant = "constant"
	CurrentSteps    = "steps"
	CurrentSine     = "sine"
	CurrentRamp     = "ramp"
	CurrentNoise    = "noise"
)

// Current is an external current injected into neurons of a population.
// Several currents on the same neurons add up.
type Current struct {
	// Name names the current (it keys the random stream of noise).
	Name string `json:"name"`
	// Target is the population, Port its compartment: "soma" (default)
	// or, for ball_and_stick, "dend".
	Target string `json:"target"`
	Port   string `json:"port,omitempty"`
	// Neurons lists the local indices injected (empty: all).
	Neurons []int `json:"neurons,omitempty"`
	// Kind is constant, steps, sine, ramp or noise.
	Kind string `json:"kind"`
	// IpA is the constant current, pA (kind constant).
	IpA float64 `json:"i_pA,omitempty"`
	// Steps is a piecewise-constant current (kind steps): from each step's
	// time on, its current; 0 before the first.
	Steps []Step `json:"steps,omitempty"`
	Sine  *Sine  `json:"sine,omitempty"`
	Ramp  *Ramp  `json:"ramp,omitempty"`
	Noise *Noise `json:"noise,omitempty"`
}

// Step is one level of a steps current.
type Step struct {
	TMs float64 `json:"t_ms"`
	IpA float64 `json:"i_pA"`
}

// Sine is OffsetpA + AmplitudepA·sin(2π·FreqHz·t + PhaseRad +
// i·PhasePerNeuronRad) for neuron i (SNN.jl's sinusoidal_current example,
// with i counted from 0).
type Sine struct {
	AmplitudepA       float64 `json:"amplitude_pA"`
	FreqHz            float64 `json:"freq_hz"`
	PhaseRad          float64 `json:"phase_rad,omitempty"`
	PhasePerNeuronRad float64 `json:"phase_per_neuron_rad,omitempty"`
	OffsetpA          float64 `json:"offset_pA,omitempty"`
}

// Ramp rises linearly from 0 at StartMs to PeakpA at PeakMs, holds PeakpA
// until EndMs and is 0 outside [StartMs, EndMs] (SNN.jl's
// ramping_current, which leaves the hold undefined).
type Ramp struct {
	StartMs float64 `json:"start_ms"`
	PeakMs  float64 `json:"peak_ms"`
	EndMs   float64 `json:"end_ms"`
	PeakpA  float64 `json:"peak_pA"`
}

// Noise is SNN.jl's CurrentNoise: every step, every neuron's current
// becomes (BasepA + ξ)(1 - Alpha) + I·Alpha, ξ ~ Normal(MeanpA, SigmapA).
type Noise struct {
	BasepA  float64 `json:"base_pA"`
	MeanpA  float64 `json:"mean_pA,omitempty"`
	SigmapA float64 `json:"sigma_pA"`
	// Alpha in [0, 1) low-pass filters the noise (0: white, SNN.jl's
	// default).
	Alpha float64 `json:"alpha,omitempty"`
}

// VariableI names the external current into a neuron's soma, pA, which
// every model can monitor.
const VariableI = "I"

// Monitor records state variables of neurons of a population.
type Monitor struct {
	// Population names the population.
	Population string `json:"population"`
	// Variables lists the variables (point.*Params.Variables, and
	// VariableI), e.g. "v".
	Variables []string `json:"variables"`
	// Neurons lists the local indices recorded (empty: all).
	Neurons []int `json:"neurons,omitempty"`
	// EveryMs is the sampling interval, a whole number of steps (0: every
	// step). Samples are the state at t = 0, EveryMs, 2·EveryMs, ...
	EveryMs float64 `json:"every_ms,omitempty"`
}

// Ranges returns the gid ranges: the populations', then the Poisson
// layers'.
func (n *Network) Ranges() record.Ranges {
	var out record.Ranges
	g := record.GID(0)
	for _, p := range n.Populations {
		out = append(out, record.Range{Name: p.Name, First: g, N: p.N, Kind: record.KindPoint})
		g += record.GID(p.N)
	}
	for _, l := range n.Poisson {
		out = append(out, record.Range{Name: l.Name, First: g, N: l.N, Kind: record.KindPoisson})
		g += record.GID(l.N)
	}
	return out
}

// Population returns the population named name.
func (n *Network) Population(name string) (*Population, bool) {
	for i := range n.Populations {
		if n.Populations[i].Name == name {
			return &n.Populations[i], true
		}
	}
	return nil, false
}

// Model is the interface the point models' parameters share.
type Model interface {
	Validate() error
	Receptors() []point.Port
	Currents() []point.Port
	Variables() []point.Variable
}

// Params returns the population's model parameters, or an error naming
// the model when they are missing, duplicated or of another model.
func (p *Population) Params() (Model, error) {
	var set []string
	var m Model
	if p.LIF != nil {
		set, m = append(set, point.KindLIF), *p.LIF
	}
	if p.IFCond != nil {
		set, m = append(set, point.KindIFCond), *p.IFCond
	}
	if p.AdEx != nil {
		set, m = append(set, point.KindAdEx), *p.AdEx
	}
	if p.BallStick != nil {
		set, m = append(set, point.KindBallStick), *p.BallStick
	}
	switch {
	case !knownKind(p.Model):
		return nil, fmt.Errorf("model = %q: unknown (want one of %v)", p.Model, point.Kinds())
	case len(set) == 0:
		return nil, fmt.Errorf("model %s: no %q parameters", p.Model, p.Model)
	case len(set) > 1:
		return nil, fmt.Errorf("model %s: parameters of several models set (%v)", p.Model, set)
	case set[0] != p.Model:
		return nil, fmt.Errorf("model %s: parameters are %q", p.Model, set[0])
	}
	return m, nil
}

func knownKind(k string) bool {
	for _, x := range point.Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// NewLIF returns a population of n LIF neurons.
func NewLIF(name string, n int, p point.LIFParams) Population {
	return Population{Name: name, N: n, Model: point.KindLIF, LIF: &p}
}

// NewIFCond returns a population of n IF-cond neurons.
func NewIFCond(name string, n int, p point.IFCondParams) Population {
	return Population{Name: name, N: n, Model: point.KindIFCond, IFCond: &p}
}

// NewAdEx returns a population of n AdEx neurons.
func NewAdEx(name string, n int, p point.AdExParams) Population {
	return Population{Name: name, N: n, Model: point.KindAdEx, AdEx: &p}
}

// NewBallStick returns a population of n ball-and-stick neurons.
func NewBallStick(name string, n int, p point.BallStickParams) Population {
	return Population{Name: name, N: n, Model: point.KindBallStick, BallStick: &p}
}

// Read decodes a network from JSON, at most jsonstrict.MaxSize bytes,
// strictly (package model/jsonstrict: unknown and repeated keys, values
// of the wrong type and syntax errors are errors that give the line, the
// column and the JSON path), and validates it.
func Read(r io.Reader) (*Network, error) {
	data, err := jsonstrict.ReadAll("", r)
	if err != nil {
		return nil, fmt.Errorf("pointnet: %w", err)
	}
	return parse("", data)
}

// ReadFile reads the network file at path as Read does; errors name the
// file.
func ReadFile(path string) (*Network, error) {
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("pointnet: %w", err)
	}
	return parse(path, data)
}

func parse(name string, data []byte) (*Network, error) {
	var n Network
	if err := jsonstrict.DecodeNamed(name, data, &n); err != nil {
		return nil, fmt.Errorf("pointnet: %w", err)
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	return &n, nil
}

// Write encodes the network as indented JSON.
func (n *Network) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(n)
}
