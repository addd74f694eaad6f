package drive

import (
	"errors"
	"fmt"
	"math"
)

// NetStimParams are the dynamics of NEURON's spike generators NetStim
// (src/nrnoc/netstim.mod) and NetStimFD (NetStim with a fixed duration
// instead of a number of events, A. Davison; the generator of the OIST A310
// course's networks). Every drive cell is one generator with its own random
// stream.
//
// NEURON's definition, which EventTimes follows draw for draw (only the
// source of the uniform numbers differs): the interval generator is
//
//	invl(mean) = mean                                  if noise = 0
//	invl(mean) = (1-noise)·mean + noise·mean·E         otherwise, E ~ Exp(1)
//
// so intervals have mean IntervalMs and coefficient of variation noise
// (noise 1: a Poisson process of rate 1/IntervalMs; noise 0: regular). The
// first event is at start + invl(interval) - interval·(1-noise), i.e.
// StartMs + noise·interval·E, so that on average it comes noise·interval
// after the start (never before 0), and each later event comes invl(interval)
// after the previous one.
//
// With DurationMs = 0 (NetStim) there are exactly Number events. With
// DurationMs > 0 (NetStimFD) Number must be 0: the events are those before
// StartMs + DurationMs, and, as netstim2.mod does, one invl() draw is
// discarded before the first event is drawn.
type NetStimParams struct {
	// IntervalMs is the mean time between events, ms (NEURON's interval).
	IntervalMs float64 `json:"interval_ms"`
	// Number is the number of events (NetStim's number); 0 with a duration.
	Number int `json:"number,omitempty"`
	// StartMs is the earliest time of the first event, ms (NEURON's start).
	StartMs float64 `json:"start_ms"`
	// Noise is the fraction of each interval that is random, 0 to 1.
	Noise float64 `json:"noise"`
	// DurationMs, if > 0, makes the generator NetStimFD: events stop at
	// StartMs + DurationMs.
	DurationMs float64 `json:"duration_ms,omitempty"`
	// Seeds, if set, gives every drive cell its own seed (NEURON's
	// per-instance Random streams): cell k draws from the stream of
	// Seeds[k] alone, whatever its gid. Otherwise cell k's stream is keyed
	// by the drive's event seed and the cell's gid.
	Seeds []int `json:"seeds,omitempty"`
}

// Validate checks the generator's parameters; the error names the field.
func (p *NetStimParams) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("netstim."+format, a...)) }
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if !(p.IntervalMs >= 1000/MaxRateHz) || !finite(p.IntervalMs) {
		bad("interval_ms = %g, must be finite and >= %g (MaxRateHz)", p.IntervalMs, 1000/MaxRateHz)
	}
	if !(p.StartMs >= 0) || !finite(p.StartMs) {
		bad("start_ms = %g, must be finite and >= 0", p.StartMs)
	}
	if !(p.Noise >= 0 && p.Noise <= 1) {
		bad("noise = %g, must be in [0, 1]", p.Noise)
	}
	if !(p.DurationMs >= 0) || !finite(p.DurationMs) {
		bad("duration_ms = %g, must be finite and >= 0", p.DurationMs)
	}
	switch {
	case p.Number < 0:
		bad("number = %d, must be >= 0", p.Number)
	case p.DurationMs > 0 && p.Number != 0:
		bad("number = %d with duration_ms = %g: give one or the other (NetStim or NetStimFD)", p.Number, p.DurationMs)
	case p.DurationMs == 0 && p.Number == 0:
		bad("number and duration_ms are both 0: the generator would never fire")
	}
	for i, s := range p.Seeds {
		if s < 0 {
			bad("seeds[%d] = %d, must be >= 0", i, s)
			break
		}
	}
	return errors.Join(errs...)
}

// invl is NEURON's interval draw.
func (p *NetStimParams) invl(mean float64, prng Draws) float64 {
	if mean <= 0 {
		mean = 0.01
	}
	if p.Noise == 0 {
		return mean
	}
	return (1-p.Noise)*mean + p.Noise*mean*prng.Exponential(1)
}

// Times returns the event times (ms) of one generator over [0, tstopMs],
// drawing from prng (see NetStimParams for the definition).
func (p *NetStimParams) Times(tstopMs float64, prng Draws) []float64 {
	if p.StartMs < 0 {
		return nil
	}
	fd := p.DurationMs > 0
	if fd {
		p.invl(p.IntervalMs, prng) // netstim2.mod discards the first draw
	}
	t := p.StartMs + p.invl(p.IntervalMs, prng) - p.IntervalMs*(1-p.Noise)
	if t < 0 {
		t = 0
	}
	end := p.StartMs + p.DurationMs
	var out []float64
	for n := 0; t <= tstopMs; n++ {
		if fd {
			if t >= end {
				break
			}
		} else if n >= p.Number {
			break
		}
		out = append(out, t)
		t += p.invl(p.IntervalMs, prng)
	}
	return out
}

// NewNetStim returns a drive of n NetStim generators with the given
// dynamics. It has no targets: connect its cells with explicit NetCons
// (model.NetCon), or set WeightsAMPA/WeightsNMDA, SynapticDelays and
// SpaceConstant to connect it HNN-style.
func NewNetStim(name string, p NetStimParams, n int) Drive {
	return Drive{Name: name, Type: NetStim, NetStim: &p, NDriveCells: n, EventSeed: 2, ConnSeed: 3}
}

// NewSpikeTrains returns a drive that replays explicit spike times
// (NEURON's VecStim): trains[k] are the event times (ms) of drive cell k.
// Like NewNetStim's, the drive has no targets until connected.
func NewSpikeTrains(name string, trains [][]float64) Drive {
	p := &SpikeTrainParams{NCells: len(trains)}
	for k, tr := range trains {
		for _, t := range tr {
			p.TimesMs = append(p.TimesMs, t)
			p.Cells = append(p.Cells, k)
		}
	}
	return Drive{Name: name, Type: SpikeTrain, SpikeTrain: p, NDriveCells: len(trains), EventSeed: 2, ConnSeed: 3}
}
