package pointnet_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/laminasim/lamina/record"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
)

// TestJSONRoundTrip writes every zoo network (all four models, Poisson
// layers, every current kind but sine and ramp, monitors) and a network
// with the remaining fields to JSON, reads it back and requires equality.
func TestJSONRoundTrip(t *testing.T) {
	nets := []*pointnet.Network{}
	for _, e := range snnjl.Examples() {
		nets = append(nets, e.Network(snnjl.Options{RateHz: 4}))
	}
	extra := snnjl.EIBalanced(10)
	extra.Connections[0].DelayMs, extra.Connections[0].DelayMaxMs, extra.Connections[0].Weight.Sigma = 1, 2, 0.5
	extra.Connections[1].Rule, extra.Connections[1].Autapses = pointnet.RuleBernoulli, true
	extra.Poisson[0].DelayMs = 0.5
	extra.Currents = []pointnet.Current{
		{Name: "s", Target: "E", Neurons: []int{1, 2}, Kind: pointnet.CurrentSine, Sine: &pointnet.Sine{AmplitudepA: 1, FreqHz: 2, PhaseRad: 3, PhasePerNeuronRad: 4, OffsetpA: 5}},
		{Name: "r", Target: "I", Kind: pointnet.CurrentRamp, Ramp: &pointnet.Ramp{StartMs: 1, PeakMs: 2, EndMs: 3, PeakpA: 4}},
		{Name: "c", Target: "I", Kind: pointnet.CurrentConstant, IpA: -3},
	}
	nets = append(nets, extra)
	for _, n := range nets {
		if err := n.Validate(); err != nil {
			t.Fatalf("%s: %v", n.Name, err)
		}
		var buf bytes.Buffer
		if err := n.Write(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := pointnet.Read(&buf)
		if err != nil {
			t.Fatalf("%s: %v", n.Name, err)
		}
		if !reflect.DeepEqual(n, back) {
			a, _ := json.Marshal(n)
			b, _ := json.Marshal(back)
			t.Errorf("%s: round trip changed the network:\n%s\n%s", n.Name, a, b)
		}
	}
	if _, err := pointnet.Read(strings.NewReader(`{"populations": [], "bogus": 1}`)); err == nil {
		t.Error("unknown field accepted")
	}
}

// TestRanges checks the gid layout: populations in order, then Poisson
// layers.
func TestRanges(t *testing.T) {
	r := snnjl.EIBalanced(10).Ranges()
	want := record.Ranges{{Name: "E", First: 0, N: 8000, Kind: record.KindPoint}, {Name: "I", First: 8000, N: 2000, Kind: record.KindPoint},
		{Name: "noiseE", First: 10000, N: 100, Kind: record.KindPoisson}, {Name: "noiseI", First: 10100, N: 100, Kind: record.KindPoisson}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("ranges %v", r)
	}
	if !r[1].Contains(9999) || r[1].Contains(10000) {
		t.Error("Contains")
	}
}

// TestValidateErrors checks that each kind of bad input is rejected with
// an error that names the field, the value and the rule it breaks.
func TestValidateErrors(t *testing.T) {
	cases := []struct {
		name string
		edit func(n *pointnet.Network)
		want string
	}{
		{"negative tau", func(n *pointnet.Network) { n.Populations[0].IFCond.TauMMs = -20 },
			"populations[0] (E).if_cond_exp: tau_m_ms = -20: must be finite and > 0"},
		{"negative synaptic tau", func(n *pointnet.Network) { n.Populations[1].IFCond.TauIMs = -5 },
			"populations[1] (I).if_cond_exp: tau_i_ms = -5"},
		{"p above 1", func(n *pointnet.Network) { n.Connections[2].P = 1.5 },
			"connections[2] (I_to_E): p = 1.5: must be in [0, 1]"},
		{"p below 0", func(n *pointnet.Network) { n.Poisson[0].P = -0.1 },
			"poisson[0] (noiseE): p = -0.1: must be in [0, 1]"},
		{"unknown post", func(n *pointnet.Network) { n.Connections[1].Post = "X" },
			`connections[1] (E_to_I): post = "X": no such population (have E, I)`},
		{"unknown pre", func(n *pointnet.Network) { n.Connections[0].Pre = "Y" },
			`connections[0] (E_to_E): pre = "Y": no such population`},
		{"unknown Poisson target", func(n *pointnet.Network) { n.Poisson[1].Target = "Z" },
			`poisson[1] (noiseI): target = "Z": no such population`},
		{"mismatched units", func(n *pointnet.Network) { n.Connections[0].Weight = pointnet.PA(2) },
			`connections[0] (E_to_E): weight given in pA (weight_pA), but receptor "ge" of population E (if_cond_exp) takes nS (weight_nS)`},
		{"mismatched units on a layer", func(n *pointnet.Network) { n.Poisson[0].Weight = pointnet.Scale(1) },
			`poisson[0] (noiseE): weight given in scale (weight_scale), but receptor "ge" of population E (if_cond_exp) takes nS`},
		{"two units", func(n *pointnet.Network) { n.Connections[0].Weight = pointnet.Weight{NS: 1, PA: 1} },
			"weights given in several units (nS, pA)"},
		{"no weight", func(n *pointnet.Network) { n.Connections[3].Weight = pointnet.Weight{} },
			`connections[3] (I_to_I): no weight: receptor "gi" of population I (if_cond_exp) takes weight_nS`},
		{"negative weight", func(n *pointnet.Network) { n.Connections[3].Weight = pointnet.NS(-10) },
			"weight_nS = -10: must be finite and > 0"},
		{"unknown receptor", func(n *pointnet.Network) { n.Connections[0].Receptor = "ampa" },
			`receptor = "ampa": population E (if_cond_exp) has no such receptor (have ge, gi)`},
		{"negative delay", func(n *pointnet.Network) { n.Connections[0].DelayMs = -1 },
			"delay_ms = -1: must be finite and >= 0"},
		{"delay range", func(n *pointnet.Network) { n.Connections[0].DelayMs, n.Connections[0].DelayMaxMs = 2, 1 },
			"delay_max_ms = 1: must be finite and >= delay_ms (2)"},
		{"negative rate", func(n *pointnet.Network) { n.Poisson[0].RateHz = -4 },
			"rate_hz = -4: must be in [0, 100000]"},
		{"absurd rate", func(n *pointnet.Network) { n.Poisson[0].RateHz = 1e308 },
			"rate_hz = 1e+308: must be in [0, 100000] (MaxRateHz)"},
		{"unknown rule", func(n *pointnet.Network) { n.Connections[0].Rule = "fixed_outdegree" },
			`rule = "fixed_outdegree": unknown`},
		{"size", func(n *pointnet.Network) { n.Populations[1].N = 0 }, "populations[1] (I): n = 0: must be > 0"},
		{"duplicate name", func(n *pointnet.Network) { n.Poisson[0].Name = "E" }, `name "E" is already used by a population`},
		{"unknown model", func(n *pointnet.Network) { n.Populations[0].Model = "hh" }, `model = "hh": unknown`},
		{"params of another model", func(n *pointnet.Network) {
			n.Populations[0].Model = point.KindLIF
		}, `model lif: parameters are "if_cond_exp"`},
		{"v0", func(n *pointnet.Network) { n.Populations[0].V0.HimV = -80 }, "v0: lo_mV = -70, hi_mV = -80"},
		{"monitor variable", func(n *pointnet.Network) {
			n.Monitors = []pointnet.Monitor{{Population: "E", Variables: []string{"w"}}}
		}, `variable "w": if_cond_exp has no such variable (have v, ge, gi)`},
		{"monitor neuron", func(n *pointnet.Network) {
			n.Monitors = []pointnet.Monitor{{Population: "I", Variables: []string{"v"}, Neurons: []int{2000}}}
		}, "neuron 2000: out of range [0, 2000)"},
		{"current port", func(n *pointnet.Network) {
			n.Currents = []pointnet.Current{{Name: "c", Target: "E", Port: "dend", Kind: pointnet.CurrentConstant, IpA: 1}}
		}, `port = "dend": population E (if_cond_exp) has no such compartment (have soma)`},
		{"current kind", func(n *pointnet.Network) {
			n.Currents = []pointnet.Current{{Name: "c", Target: "E", Kind: "square"}}
		}, `kind = "square": unknown`},
		{"noise sigma", func(n *pointnet.Network) {
			n.Currents = []pointnet.Current{{Name: "c", Target: "E", Kind: pointnet.CurrentNoise, Noise: &pointnet.Noise{SigmapA: -1}}}
		}, "noise.sigma_pA = -1"},
		{"steps order", func(n *pointnet.Network) {
			n.Currents = []pointnet.Current{{Name: "c", Target: "E", Kind: pointnet.CurrentSteps, Steps: []pointnet.Step{{TMs: 5}, {TMs: 1}}}}
		}, "steps: times must be increasing"},
		{"ramp", func(n *pointnet.Network) {
			n.Currents = []pointnet.Current{{Name: "c", Target: "E", Kind: pointnet.CurrentRamp, Ramp: &pointnet.Ramp{StartMs: 5, PeakMs: 5, EndMs: 9}}}
		}, "ramp: start_ms = 5, peak_ms = 5, end_ms = 9"},
	}
	for _, c := range cases {
		n := snnjl.EIBalanced(10)
		c.edit(n)
		err := n.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error\n  %v\nwant it to contain\n  %s", c.name, err, c.want)
		}
	}
	// Several errors are all reported.
	n := snnjl.EIBalanced(10)
	n.Connections[0].P, n.Connections[1].P = 2, 3
	var all interface{ Unwrap() []error }
	if err := n.Validate(); !errors.As(err, &all) || len(all.Unwrap()) != 2 {
		t.Errorf("two errors: %v", err)
	}
	// A point parameter error stays a *point.FieldError.
	n = snnjl.EIBalanced(10)
	n.Populations[0].IFCond.TauMMs = -1
	var fe *point.FieldError
	if !errors.As(n.Validate(), &fe) || fe.Field != "tau_m_ms" || fe.Value != -1 {
		t.Errorf("field error: %v", n.Validate())
	}
	// Ball-and-stick and LIF units.
	b := snnjl.BallAndStick()
	b.Poisson[0].Weight = pointnet.NS(1)
	if err := b.Validate(); err == nil || !strings.Contains(err.Error(), `takes scale (weight_scale)`) {
		t.Errorf("ball-and-stick weight in nS: %v", err)
	}
	l := snnjl.LIFNoise()
	l.Poisson = []pointnet.PoissonLayer{{Name: "p", N: 1, RateHz: 1, Target: "E", Receptor: "exc", P: 1, Weight: pointnet.NS(1)}}
	if err := l.Validate(); err == nil || !strings.Contains(err.Error(), `receptor "exc" of population E (lif) takes pA (weight_pA)`) {
		t.Errorf("lif weight in nS: %v", err)
	}
}

// TestCurrentValue checks the deterministic waveforms.
func TestCurrentValue(t *testing.T) {
	st := pointnet.Current{Kind: pointnet.CurrentSteps, Steps: []pointnet.Step{{TMs: 0, IpA: 5}, {TMs: 30, IpA: 65}}}
	sine := pointnet.Current{Kind: pointnet.CurrentSine, Sine: &pointnet.Sine{AmplitudepA: 50, FreqHz: 1, PhasePerNeuronRad: 3 * math.Pi / 4, OffsetpA: 1}}
	ramp := pointnet.Current{Kind: pointnet.CurrentRamp, Ramp: &pointnet.Ramp{StartMs: 10, PeakMs: 20, EndMs: 30, PeakpA: 100}}
	for _, c := range []struct {
		c    pointnet.Current
		t    float64
		i    int
		want float64
	}{
		{st, -1, 0, 0}, {st, 0, 0, 5}, {st, 29.999, 0, 5}, {st, 30, 0, 65}, {st, 1e6, 0, 65},
		{sine, 250, 0, 51}, {sine, 0, 2, 1 + 50*math.Sin(1.5*math.Pi)},
		{ramp, 5, 0, 0}, {ramp, 15, 0, 50}, {ramp, 25, 0, 100}, {ramp, 30, 0, 100}, {ramp, 31, 0, 0},
	} {
		if got := c.c.Value(c.t, c.i); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s at %g ms, neuron %d: %g, want %g", c.c.Kind, c.t, c.i, got, c.want)
		}
	}
}
