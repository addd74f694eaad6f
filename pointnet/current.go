package pointnet

import (
	"math"
	"sort"
)

// Deterministic reports whether the current is a function of time and
// neuron alone (every kind but noise).
func (c *Current) Deterministic() bool { return c.Kind != CurrentNoise }

// Constant reports whether the current never changes (kind constant).
func (c *Current) Constant() bool { return c.Kind == CurrentConstant }

// Value returns the current (pA) of a deterministic current at tMs for
// local neuron i. It is 0 for noise, which the engine draws.
func (c *Current) Value(tMs float64, i int) float64 {
	switch c.Kind {
	case CurrentConstant:
		return c.IpA
	case CurrentSteps:
		// The last step with TMs <= t.
		k := sort.Search(len(c.Steps), func(j int) bool { return c.Steps[j].TMs > tMs })
		if k == 0 {
			return 0
		}
		return c.Steps[k-1].IpA
	case CurrentSine:
		s := c.Sine
		return s.OffsetpA + s.AmplitudepA*math.Sin(2*math.Pi*s.FreqHz*tMs/1000+s.PhaseRad+float64(i)*s.PhasePerNeuronRad)
	case CurrentRamp:
		r := c.Ramp
		switch {
		case tMs < r.StartMs || tMs > r.EndMs:
			return 0
		case tMs < r.PeakMs:
			return r.PeakpA * (tMs - r.StartMs) / (r.PeakMs - r.StartMs)
		default:
			return r.PeakpA
		}
	}
	return 0
}
