package drive

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Drive types.
const (
	Evoked     = "evoked"
	Poisson    = "poisson"
	Bursty     = "bursty"
	SpikeTrain = "spike_train"
	// NetStim is NEURON's NetStim or NetStimFD (see NetStimParams).
	NetStim = "netstim"
)

// MaxRateHz is the highest rate a drive cell may fire at (Poisson
// rate_hz, bursty burst_rate_hz): 100 kHz, one event every 10 µs. No
// neuron fires above about 1 kHz (the absolute refractory period is about
// 1 ms), and an aggregated input (one drive cell standing for many
// afferents) of 100 kHz already stands for a thousand afferents at 100 Hz;
// beyond it a rate is a typing slip (1e308) whose events would not fit in
// memory.
const MaxRateHz = 1e5

// Drive is one external input: its dynamics and how its cells connect to
// the network's cell types.
type Drive struct {
	// Name identifies the drive and its gid range, e.g. "evprox1".
	Name string `json:"name"`
	// Type is one of evoked, poisson, bursty, spike_train, netstim.
	Type string `json:"type"`
	// Location is where on the targets the synapses sit: a section group
	// ("proximal", "distal") or a section name.
	Location string `json:"location"`

	Evoked     *EvokedParams     `json:"evoked,omitempty"`
	Poisson    *PoissonParams    `json:"poisson,omitempty"`
	Bursty     *BurstyParams     `json:"bursty,omitempty"`
	SpikeTrain *SpikeTrainParams `json:"spike_train,omitempty"`
	NetStim    *NetStimParams    `json:"netstim,omitempty"`

	// WeightsAMPA and WeightsNMDA give the peak conductance (µS) of the
	// AMPA and NMDA synapses per target cell type; the target cell types
	// are those named here. NetStim and spike_train drives may have none:
	// they are then sources only, connected by the network's explicit
	// NetCons (NEURON's NetStim and VecStim with gids).
	WeightsAMPA map[string]float64 `json:"weights_ampa_uS,omitempty"`
	WeightsNMDA map[string]float64 `json:"weights_nmda_uS,omitempty"`
	// SynapticDelays gives the delay (ms) per target cell type.
	SynapticDelays map[string]float64 `json:"synaptic_delays_ms"`
	// SpaceConstant is λ of the weight and delay scaling by distance, in
	// units of the network's in-plane distance.
	SpaceConstant float64 `json:"space_constant"`
	// Probability of each drive-cell/target pair, per target type; missing
	// types connect with probability 1.
	Probability map[string]float64 `json:"probability,omitempty"`
	// CellSpecific gives every target cell its own drive cell.
	CellSpecific bool `json:"cell_specific"`
	// NDriveCells is the number of drive cells when not cell-specific.
	NDriveCells int `json:"n_drive_cells,omitempty"`
	// EventSeed and ConnSeed seed the event times and the probabilistic
	// connections.
	EventSeed int `json:"event_seed"`
	ConnSeed  int `json:"conn_seed"`
}

// EvokedParams are the dynamics of an evoked drive: each drive cell emits
// NumSpikes events drawn from a normal distribution.
type EvokedParams struct {
	MuMs      float64 `json:"mu_ms"`
	SigmaMs   float64 `json:"sigma_ms"`
	NumSpikes int     `json:"numspikes"`
}

// PoissonParams are the dynamics of a Poisson drive between TStartMs and
// TStopMs (a TStopMs of 0 means the end of the simulation).
type PoissonParams struct {
	TStartMs float64 `json:"tstart_ms"`
	TStopMs  float64 `json:"tstop_ms,omitempty"`
	// RateHz is the rate of every drive cell, unless RateByType gives one
	// per target cell type (cell-specific drives only).
	RateHz     float64            `json:"rate_hz,omitempty"`
	RateByType map[string]float64 `json:"rate_hz_by_type,omitempty"`
}

// BurstyParams are the dynamics of a rhythmic drive: bursts of NumSpikes
// spikes SpikeISIMs apart, at BurstRateHz, each burst jittered with
// BurstStdMs, starting at TStartMs (itself jittered with TStartStdMs).
type BurstyParams struct {
	TStartMs    float64 `json:"tstart_ms"`
	TStartStdMs float64 `json:"tstart_std_ms,omitempty"`
	TStopMs     float64 `json:"tstop_ms,omitempty"`
	BurstRateHz float64 `json:"burst_rate_hz"`
	BurstStdMs  float64 `json:"burst_std_ms,omitempty"`
	NumSpikes   int     `json:"numspikes"`
	SpikeISIMs  float64 `json:"spike_isi_ms"`
}

// SpikeTrainParams replays given spikes: TimesMs[i] is emitted by drive
// cell Cells[i] (0-based within the drive).
type SpikeTrainParams struct {
	TimesMs []float64 `json:"times_ms"`
	Cells   []int     `json:"cells"`
	NCells  int       `json:"n_cells"`
}

// Receptors returns the receptors of target type t, AMPA first, as
// HNN-core orders them.
func (d *Drive) Receptors(t string) []string {
	var r []string
	if _, ok := d.WeightsAMPA[t]; ok {
		r = append(r, "ampa")
	}
	if _, ok := d.WeightsNMDA[t]; ok {
		r = append(r, "nmda")
	}
	return r
}

// Weight returns the weight (µS) of receptor r onto target type t.
func (d *Drive) Weight(t, r string) float64 {
	if r == "nmda" {
		return d.WeightsNMDA[t]
	}
	return d.WeightsAMPA[t]
}

// TargetTypes returns the cell types the drive targets, in the order of
// cellTypes (the network's order, which fixes gid assignment).
func (d *Drive) TargetTypes(cellTypes []string) []string {
	var out []string
	for _, t := range cellTypes {
		_, a := d.WeightsAMPA[t]
		_, n := d.WeightsNMDA[t]
		if a || n {
			out = append(out, t)
		}
	}
	return out
}

// ProbabilityOf returns the connection probability onto target type t.
func (d *Drive) ProbabilityOf(t string) float64 {
	if p, ok := d.Probability[t]; ok {
		return p
	}
	return 1
}

// Validate checks the drive against the network's cell types. The error
// names the drive and the field.
func (d *Drive) Validate(cellTypes []string) error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("drive %q: "+format, append([]any{d.Name}, a...)...))
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if d.Name == "" {
		errs = append(errs, errors.New("drive: name is empty"))
	}
	known := map[string]bool{}
	for _, t := range cellTypes {
		known[t] = true
	}
	nTypes := 0
	for _, w := range []struct {
		field string
		m     map[string]float64
	}{{"weights_ampa_uS", d.WeightsAMPA}, {"weights_nmda_uS", d.WeightsNMDA}, {"synaptic_delays_ms", d.SynapticDelays}, {"probability", d.Probability}} {
		for _, t := range sortedKeys(w.m) {
			v := w.m[t]
			if !known[t] {
				bad("%s: unknown cell type %q (cell types: %v)", w.field, t, cellTypes)
			}
			switch {
			case !finite(v) || v < 0:
				bad("%s[%s] = %g, must be finite and >= 0", w.field, t, v)
			case w.field == "probability" && (v <= 0 || v > 1):
				bad("probability[%s] = %g, must be in (0, 1]", t, v)
			}
		}
		if w.field == "weights_ampa_uS" || w.field == "weights_nmda_uS" {
			nTypes += len(w.m)
		}
	}
	sourceOnly := nTypes == 0 && (d.Type == NetStim || d.Type == SpikeTrain)
	if nTypes == 0 && !sourceOnly {
		bad("no target cell type has a weight (weights_ampa_uS, weights_nmda_uS)")
	}
	for _, t := range d.TargetTypes(cellTypes) {
		if _, ok := d.SynapticDelays[t]; !ok {
			bad("synaptic_delays_ms has no delay for target %q", t)
		}
	}
	if sourceOnly {
		if d.CellSpecific {
			bad("cell_specific needs target weights; a drive without targets has n_drive_cells cells")
		}
	} else if !(d.SpaceConstant > 0) || !finite(d.SpaceConstant) {
		bad("space_constant = %g, must be finite and > 0", d.SpaceConstant)
	}
	switch {
	case !d.CellSpecific && d.NDriveCells < 1:
		bad("n_drive_cells = %d, must be >= 1 when cell_specific is false", d.NDriveCells)
	case d.CellSpecific && d.NDriveCells < 0:
		// Not used when cell-specific, but a negative count is no count.
		bad("n_drive_cells = %d, must be >= 1 (or omitted: cell_specific gives one drive cell per target cell)", d.NDriveCells)
	}
	if d.EventSeed < 0 || d.ConnSeed < 0 {
		bad("event_seed = %d, conn_seed = %d: seeds must be >= 0", d.EventSeed, d.ConnSeed)
	}
	set := 0
	for _, p := range []bool{d.Evoked != nil, d.Poisson != nil, d.Bursty != nil, d.SpikeTrain != nil, d.NetStim != nil} {
		if p {
			set++
		}
	}
	if set != 1 {
		bad("exactly one of evoked, poisson, bursty, spike_train, netstim must be given (got %d)", set)
	}
	switch d.Type {
	case Evoked:
		if p := d.Evoked; p == nil {
			bad("type evoked needs evoked parameters")
		} else {
			if !finite(p.MuMs) {
				bad("evoked.mu_ms = %g, must be finite", p.MuMs)
			}
			if !(p.SigmaMs >= 0) || !finite(p.SigmaMs) {
				bad("evoked.sigma_ms = %g, must be finite and >= 0", p.SigmaMs)
			}
			if p.NumSpikes < 1 {
				bad("evoked.numspikes = %d, must be >= 1", p.NumSpikes)
			}
		}
	case Poisson:
		if p := d.Poisson; p == nil {
			bad("type poisson needs poisson parameters")
		} else {
			if !(p.TStartMs >= 0) || !finite(p.TStartMs) {
				bad("poisson.tstart_ms = %g, must be finite and >= 0", p.TStartMs)
			}
			if p.TStopMs != 0 && !(p.TStopMs >= p.TStartMs) {
				bad("poisson.tstop_ms = %g, must be >= tstart_ms (%g)", p.TStopMs, p.TStartMs)
			}
			if len(p.RateByType) == 0 && !(p.RateHz > 0) {
				bad("poisson.rate_hz = %g, must be > 0", p.RateHz)
			} else if p.RateHz > MaxRateHz {
				bad("poisson.rate_hz = %g, must be <= %g (MaxRateHz)", p.RateHz, MaxRateHz)
			}
			if len(p.RateByType) > 0 && !d.CellSpecific {
				bad("poisson.rate_hz_by_type needs cell_specific")
			}
			for _, t := range sortedKeys(p.RateByType) {
				if !(p.RateByType[t] > 0) || !(p.RateByType[t] <= MaxRateHz) {
					bad("poisson.rate_hz_by_type[%s] = %g, must be > 0 and <= %g (MaxRateHz)", t, p.RateByType[t], MaxRateHz)
				}
			}
			if len(p.RateByType) > 0 {
				for _, t := range d.TargetTypes(cellTypes) {
					if _, ok := p.RateByType[t]; !ok {
						bad("poisson.rate_hz_by_type has no rate for target %q", t)
					}
				}
			}
		}
	case Bursty:
		if p := d.Bursty; p == nil {
			bad("type bursty needs bursty parameters")
		} else {
			for _, f := range []struct {
				name string
				v    float64
			}{{"tstart_ms", p.TStartMs}, {"tstart_std_ms", p.TStartStdMs}, {"burst_std_ms", p.BurstStdMs}, {"spike_isi_ms", p.SpikeISIMs}} {
				if !(f.v >= 0) || !finite(f.v) {
					bad("bursty.%s = %g, must be finite and >= 0", f.name, f.v)
				}
			}
			if p.TStopMs != 0 && !(p.TStopMs >= p.TStartMs) {
				bad("bursty.tstop_ms = %g, must be >= tstart_ms (%g)", p.TStopMs, p.TStartMs)
			}
			if !(p.BurstRateHz > 0) || !(p.BurstRateHz <= MaxRateHz) {
				bad("bursty.burst_rate_hz = %g, must be > 0 and <= %g (MaxRateHz)", p.BurstRateHz, MaxRateHz)
			}
			if p.NumSpikes < 1 {
				bad("bursty.numspikes = %d, must be >= 1", p.NumSpikes)
			} else if dur, period := float64(p.NumSpikes-1)*p.SpikeISIMs, 1000/p.BurstRateHz; dur > period {
				bad("bursty: burst duration %g ms (numspikes - 1)·spike_isi_ms exceeds the burst period %g ms", dur, period)
			}
		}
	case SpikeTrain:
		if p := d.SpikeTrain; p == nil {
			bad("type spike_train needs spike_train parameters")
		} else {
			if len(p.Cells) != len(p.TimesMs) {
				bad("spike_train: %d times but %d cells", len(p.TimesMs), len(p.Cells))
			}
			for i, c := range p.Cells {
				if c < 0 || c >= p.NCells {
					bad("spike_train.cells[%d] = %d, must be in [0, n_cells = %d)", i, c, p.NCells)
					break
				}
			}
			for i, t := range p.TimesMs {
				if !(t >= 0) || !finite(t) {
					bad("spike_train.times_ms[%d] = %g, must be finite and >= 0", i, t)
					break
				}
			}
			if d.CellSpecific {
				bad("spike_train drives cannot be cell_specific")
			}
		}
	case NetStim:
		if p := d.NetStim; p == nil {
			bad("type netstim needs netstim parameters")
		} else {
			if err := p.Validate(); err != nil {
				bad("%v", err)
			}
			if len(p.Seeds) > 0 && !d.CellSpecific && len(p.Seeds) != d.NDriveCells {
				bad("netstim.seeds has %d seeds for %d drive cells", len(p.Seeds), d.NDriveCells)
			}
		}
	default:
		bad("type %q unknown (want %s, %s, %s, %s or %s)", d.Type, Evoked, Poisson, Bursty, SpikeTrain, NetStim)
	}
	return errors.Join(errs...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
