package pointnet

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/laminasim/lamina/point"
)

// errs collects validation errors with their paths.
type errs struct{ list []error }

func (e *errs) add(path string, format string, a ...any) {
	e.list = append(e.list, fmt.Errorf("pointnet: %s: %s", path, fmt.Sprintf(format, a...)))
}

func (e *errs) wrap(path string, err error) {
	if err != nil {
		e.list = append(e.list, fmt.Errorf("pointnet: %s: %w", path, err))
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Validate checks the network: names unique and non-empty, sizes
// positive, every model's parameters in range, probabilities in [0, 1],
// every referenced population, receptor, port and variable known, weights
// in the unit of their receptor, delays and rates non-negative, neuron
// indices in range. Every error names its field, value and range.
func (n *Network) Validate() error { return n.ValidateIn(nil) }

// ValidateIn is Validate for a network embedded in a larger one (a mixed
// network): a connection's pre may also name one of the external
// sources, a population or drive of the larger network, with its size.
func (n *Network) ValidateIn(external map[string]int) error {
	var e errs
	names := map[string]string{} // population and layer names -> what
	pops := map[string]*Population{}
	models := map[string]Model{}
	for i := range n.Populations {
		p := &n.Populations[i]
		path := fmt.Sprintf("populations[%d] (%s)", i, p.Name)
		if p.Name == "" {
			e.add(path, "name is empty")
		} else if what, dup := names[p.Name]; dup {
			e.add(path, "name %q is already used by a %s", p.Name, what)
		} else {
			names[p.Name] = "population"
			pops[p.Name] = p
		}
		if p.N <= 0 {
			e.add(path, "n = %d: must be > 0", p.N)
		}
		m, err := p.Params()
		if err != nil {
			e.wrap(path, err)
			continue
		}
		models[p.Name] = m
		if err := m.Validate(); err != nil {
			e.wrap(path+"."+p.Model, err)
		}
		switch p.V0.Kind {
		case "", InitRest:
		case InitValue:
			if !finite(p.V0.ValuemV) {
				e.add(path, "v0.value_mV = %g: must be finite", p.V0.ValuemV)
			}
		case InitUniform:
			if !finite(p.V0.LomV) || !finite(p.V0.HimV) || p.V0.HimV < p.V0.LomV {
				e.add(path, "v0: lo_mV = %g, hi_mV = %g: must be finite with lo <= hi", p.V0.LomV, p.V0.HimV)
			}
		default:
			e.add(path, "v0.kind = %q: unknown (want rest, value or uniform)", p.V0.Kind)
		}
	}
	havePops := func() string {
		var s []string
		for _, p := range n.Populations {
			s = append(s, p.Name)
		}
		return strings.Join(s, ", ")
	}
	// target resolves a population and one of its receptors with a weight.
	target := func(path, field, pop, receptor string, w Weight) {
		p, ok := pops[pop]
		if !ok {
			e.add(path, "%s = %q: no such population (have %s)", field, pop, havePops())
			return
		}
		m, ok := models[pop]
		if !ok {
			return
		}
		var port *point.Port
		var have []string
		for _, r := range m.Receptors() {
			have = append(have, r.Name)
			if r.Name == receptor {
				port = &r
			}
		}
		if port == nil {
			e.add(path, "receptor = %q: population %s (%s) has no such receptor (have %s)", receptor, pop, p.Model, strings.Join(have, ", "))
			return
		}
		checkWeight(&e, path, w, *port, pop, p.Model)
	}
	checkP := func(path string, prob float64, rule string) {
		if !(prob >= 0 && prob <= 1) {
			e.add(path, "p = %g: must be in [0, 1]", prob)
		}
		switch rule {
		case "", RuleFixedInDegree, RuleBernoulli:
		default:
			e.add(path, "rule = %q: unknown (want %s or %s)", rule, RuleFixedInDegree, RuleBernoulli)
		}
	}
	for i, l := range n.Poisson {
		path := fmt.Sprintf("poisson[%d] (%s)", i, l.Name)
		if l.Name == "" {
			e.add(path, "name is empty")
		} else if what, dup := names[l.Name]; dup {
			e.add(path, "name %q is already used by a %s", l.Name, what)
		} else {
			names[l.Name] = "Poisson layer"
		}
		if l.N <= 0 {
			e.add(path, "n = %d: must be > 0", l.N)
		}
		if !(l.RateHz >= 0) || !(l.RateHz <= MaxRateHz) {
			e.add(path, "rate_hz = %g: must be in [0, %g] (MaxRateHz)", l.RateHz, MaxRateHz)
		}
		checkP(path, l.P, l.Rule)
		if !(l.DelayMs >= 0) || !finite(l.DelayMs) {
			e.add(path, "delay_ms = %g: must be finite and >= 0", l.DelayMs)
		}
		if !(l.StartMs >= 0) || !finite(l.StartMs) {
			e.add(path, "start_ms = %g: must be finite and >= 0", l.StartMs)
		}
		if l.StopMs != 0 && (!(l.StopMs > l.StartMs) || !finite(l.StopMs)) {
			e.add(path, "stop_ms = %g: must be finite and > start_ms (%g), or 0 (no end)", l.StopMs, l.StartMs)
		}
		target(path, "target", l.Target, l.Receptor, l.Weight)
	}
	conns := map[string]bool{}
	for i, c := range n.Connections {
		name := c.EffectiveName()
		path := fmt.Sprintf("connections[%d] (%s)", i, name)
		if conns[name] {
			e.add(path, "name %q is already used by another connection", name)
		}
		conns[name] = true
		if _, ok := pops[c.Pre]; !ok {
			if _, ext := external[c.Pre]; !ext {
				e.add(path, "pre = %q: no such population (have %s)", c.Pre, havePops())
			}
		}
		checkP(path, c.P, c.Rule)
		if !(c.DelayMs >= 0) || !finite(c.DelayMs) {
			e.add(path, "delay_ms = %g: must be finite and >= 0", c.DelayMs)
		}
		if c.DelayMaxMs != 0 && (!(c.DelayMaxMs >= c.DelayMs) || !finite(c.DelayMaxMs)) {
			e.add(path, "delay_max_ms = %g: must be finite and >= delay_ms (%g)", c.DelayMaxMs, c.DelayMs)
		}
		target(path, "post", c.Post, c.Receptor, c.Weight)
	}
	curNames := map[string]bool{}
	for i := range n.Currents {
		c := &n.Currents[i]
		path := fmt.Sprintf("currents[%d] (%s)", i, c.Name)
		if c.Name == "" {
			e.add(path, "name is empty")
		} else if curNames[c.Name] {
			e.add(path, "name %q is already used by another current", c.Name)
		}
		curNames[c.Name] = true
		p, ok := pops[c.Target]
		if !ok {
			e.add(path, "target = %q: no such population (have %s)", c.Target, havePops())
		} else {
			if m, ok := models[c.Target]; ok {
				port := c.Port
				if port == "" {
					port = "soma"
				}
				found := false
				var have []string
				for _, cp := range m.Currents() {
					have = append(have, cp.Name)
					found = found || cp.Name == port
				}
				if !found {
					e.add(path, "port = %q: population %s (%s) has no such compartment (have %s)", c.Port, c.Target, p.Model, strings.Join(have, ", "))
				}
			}
			checkNeurons(&e, path, c.Neurons, p.N)
		}
		checkCurrent(&e, path, c)
	}
	for i, m := range n.Monitors {
		path := fmt.Sprintf("monitors[%d] (%s)", i, m.Population)
		p, ok := pops[m.Population]
		if !ok {
			e.add(path, "population = %q: no such population (have %s)", m.Population, havePops())
			continue
		}
		if len(m.Variables) == 0 {
			e.add(path, "no variables")
		}
		if mod, ok := models[m.Population]; ok {
			var have []string
			known := map[string]bool{VariableI: true}
			for _, v := range mod.Variables() {
				have = append(have, v.Name)
				known[v.Name] = true
			}
			for _, v := range m.Variables {
				if !known[v] {
					e.add(path, "variable %q: %s has no such variable (have %s)", v, p.Model, strings.Join(have, ", "))
				}
			}
		}
		checkNeurons(&e, path, m.Neurons, p.N)
		if !(m.EveryMs >= 0) || !finite(m.EveryMs) {
			e.add(path, "every_ms = %g: must be finite and >= 0", m.EveryMs)
		}
	}
	return errors.Join(e.list...)
}

// checkWeight checks that w is given, in the receptor's unit, and sane.
func checkWeight(e *errs, path string, w Weight, port point.Port, pop, model string) {
	field := map[string]string{point.UnitNS: "weight_nS", point.UnitPA: "weight_pA", point.UnitScale: "weight_scale"}
	var given []string
	for _, c := range []struct {
		v float64
		u string
	}{{w.NS, point.UnitNS}, {w.PA, point.UnitPA}, {w.Scale, point.UnitScale}} {
		if c.v != 0 {
			given = append(given, c.u)
		}
	}
	switch {
	case len(given) == 0:
		e.add(path, "no weight: receptor %q of population %s (%s) takes %s", port.Name, pop, model, field[port.Unit])
	case len(given) > 1:
		e.add(path, "weights given in several units (%s): give only %s", strings.Join(given, ", "), field[port.Unit])
	case given[0] != port.Unit:
		e.add(path, "weight given in %s (%s), but receptor %q of population %s (%s) takes %s (%s)",
			given[0], field[given[0]], port.Name, pop, model, port.Unit, field[port.Unit])
	default:
		v, _ := w.Value()
		if !(v > 0) || !finite(v) {
			e.add(path, "%s = %g: must be finite and > 0 (inhibition is the receptor's, not the sign's)", field[port.Unit], v)
		}
	}
	if !(w.Sigma >= 0) || !finite(w.Sigma) {
		e.add(path, "weight_sigma = %g: must be finite and >= 0", w.Sigma)
	}
}

func checkNeurons(e *errs, path string, idx []int, n int) {
	for _, i := range idx {
		if i < 0 || i >= n {
			e.add(path, "neuron %d: out of range [0, %d)", i, n)
			return
		}
	}
}

func checkCurrent(e *errs, path string, c *Current) {
	for _, s := range []struct {
		kind string
		on   bool
	}{{CurrentSteps, len(c.Steps) > 0}, {CurrentSine, c.Sine != nil}, {CurrentRamp, c.Ramp != nil}, {CurrentNoise, c.Noise != nil}} {
		if s.on && s.kind != c.Kind {
			e.add(path, "%s given but kind is %q", s.kind, c.Kind)
		}
	}
	switch c.Kind {
	case CurrentConstant:
		if !finite(c.IpA) {
			e.add(path, "i_pA = %g: must be finite", c.IpA)
		}
	case CurrentSteps:
		if len(c.Steps) == 0 {
			e.add(path, "kind steps without steps")
		}
		if !sort.SliceIsSorted(c.Steps, func(a, b int) bool { return c.Steps[a].TMs < c.Steps[b].TMs }) {
			e.add(path, "steps: times must be increasing")
		}
		for _, s := range c.Steps {
			if !finite(s.TMs) || !finite(s.IpA) {
				e.add(path, "steps: t_ms = %g, i_pA = %g: must be finite", s.TMs, s.IpA)
			}
		}
	case CurrentSine:
		if c.Sine == nil {
			e.add(path, "kind sine without sine")
			return
		}
		s := c.Sine
		if !(s.FreqHz >= 0) || !finite(s.FreqHz) {
			e.add(path, "sine.freq_hz = %g: must be finite and >= 0", s.FreqHz)
		}
		if !finite(s.AmplitudepA) || !finite(s.OffsetpA) || !finite(s.PhaseRad) || !finite(s.PhasePerNeuronRad) {
			e.add(path, "sine: amplitude, offset and phases must be finite")
		}
	case CurrentRamp:
		if c.Ramp == nil {
			e.add(path, "kind ramp without ramp")
			return
		}
		r := c.Ramp
		if !(r.StartMs < r.PeakMs && r.PeakMs <= r.EndMs) || !finite(r.EndMs) || !finite(r.StartMs) {
			e.add(path, "ramp: start_ms = %g, peak_ms = %g, end_ms = %g: must be finite with start < peak <= end", r.StartMs, r.PeakMs, r.EndMs)
		}
		if !finite(r.PeakpA) {
			e.add(path, "ramp.peak_pA = %g: must be finite", r.PeakpA)
		}
	case CurrentNoise:
		if c.Noise == nil {
			e.add(path, "kind noise without noise")
			return
		}
		z := c.Noise
		if !(z.SigmapA >= 0) || !finite(z.SigmapA) {
			e.add(path, "noise.sigma_pA = %g: must be finite and >= 0", z.SigmapA)
		}
		if !(z.Alpha >= 0 && z.Alpha < 1) {
			e.add(path, "noise.alpha = %g: must be in [0, 1)", z.Alpha)
		}
		if !finite(z.BasepA) || !finite(z.MeanpA) {
			e.add(path, "noise: base_pA and mean_pA must be finite")
		}
	default:
		e.add(path, "kind = %q: unknown (want constant, steps, sine, ramp or noise)", c.Kind)
	}
}
