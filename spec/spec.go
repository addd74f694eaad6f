package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/record"
)

// Kind is what kind of model a run simulates.
type Kind string

// Kinds of model.
const (
	// KindCable is a network of cable cells (HNN-core's column, a
	// NEURON-style network) with its drives.
	KindCable Kind = "cable"
	// KindPoint is a network of point neurons.
	KindPoint Kind = "point"
	// KindMixed is a cable network with point populations (model.Network
	// with Point set).
	KindMixed Kind = "mixed"
)

// Defaults of a run.
const (
	// DefaultDtMs is the time step of cable networks, ms (HNN-core's).
	DefaultDtMs = 0.025
)

// Caps on a run's size. They refuse values no study needs, which are
// typing slips (1e12 for 1e2) that would otherwise run for years or
// exhaust memory; the memory estimate (Estimate) bounds everything else.
const (
	// MaxTrials is the most trials a run may have: a million. HNN-core
	// studies average tens to hundreds of trials; a sweep of many
	// parameter sets is a batch of runs, not one run.
	MaxTrials = 1_000_000
	// MaxSteps is the most time steps a trial may have (tstop_ms/dt_ms):
	// a billion, 25,000 s (7 h) of simulated time at HNN-core's 0.025 ms,
	// 28 h at 0.1 ms: longer than any recording a model is fitted to.
	MaxSteps = 1_000_000_000
)

// Run is the serialisable description of a whole run.
type Run struct {
	// Name names the run (default: the model's name).
	Name string `json:"name,omitempty"`
	// Network is a cable network, or a mixed one (Network.Point set).
	// Exactly one of Network and Point is set.
	Network *model.Network `json:"network,omitempty"`
	// Point is a network of point neurons.
	Point *pointnet.Network `json:"point,omitempty"`
	// TStopMs is the simulated time of every trial, ms.
	TStopMs float64 `json:"tstop_ms"`
	// DtMs is the time step, ms: the cable cells' (NEURON's fixed step)
	// or a point network's.
	DtMs float64 `json:"dt_ms"`
	// PointDtMs is the step of a mixed network's point neurons, a whole
	// multiple of DtMs (0: DtMs).
	PointDtMs float64 `json:"point_dt_ms,omitempty"`
	// Trials is the number of trials (each with its own drive events,
	// Poisson sources, noise and initial potentials; the connectivity is
	// the same).
	Trials int `json:"trials"`
	// Seed, if not 0, replaces the point network's seed (a point
	// network's, or a mixed network's point part). Cable networks take
	// their seeds from each drive's event_seed and each connection's
	// conn_seed.
	Seed uint64 `json:"seed,omitempty"`
	// Rates is the rate mode of the cable cells' channels: table
	// (NEURON's TABLE: NEURON's results), exact, or fast.
	Rates string `json:"rates,omitempty"`
	// Scheme is the point neurons' integrator: lamina (default), euler
	// (Brian2's) or snnjl (SpikingNeuralNetworks.jl's, float32).
	Scheme point.Scheme `json:"scheme,omitempty"`
	// Record selects the cable cells' traces to record (point neurons
	// record through their network's monitors).
	Record Record `json:"record,omitzero"`
	// Output says how the outputs are post-processed and which are
	// written.
	Output Output `json:"output,omitzero"`
}

// Record selects traces at the middle (0.5) of sections, as HNN-core's
// record_vsec, record_isec and record_ca: each is "" (none), "soma" or
// "all" (every section).
type Record struct {
	VSec string `json:"vsec,omitempty"`
	ISec string `json:"isec,omitempty"`
	Ca   string `json:"ca,omitempty"`
	// GIDs are the cells to record; empty means every cell.
	GIDs []int `json:"gids,omitempty"`
	// EveryMs samples the traces every EveryMs (a whole number of steps;
	// 0: every step). A trace costs 8 bytes per sample in memory: every
	// section of the ERP column (1770) for 170 ms at every step is 96 MB
	// per trial, at every_ms 0.5 4.8 MB.
	EveryMs float64 `json:"every_ms,omitempty"`
}

// EverySteps returns the sampling interval in steps of dtMs (1 when
// EveryMs is 0).
func (r *Record) EverySteps(dtMs float64) int {
	if r.EveryMs == 0 || dtMs <= 0 {
		return 1
	}
	return max(1, int(math.Round(r.EveryMs/dtMs)))
}

// Any reports whether anything is recorded.
func (r *Record) Any() bool { return r.VSec != "" || r.ISec != "" || r.Ca != "" }

// Output says how a run's outputs are post-processed and written.
type Output struct {
	// SmoothMs smooths the dipole with a Hamming window of this length,
	// ms (HNN-core's Dipole.smooth; 0: none).
	SmoothMs float64 `json:"smooth_ms,omitempty"`
	// Scale multiplies the dipole (HNN-core's Dipole.scale; 0 means 1).
	Scale float64 `json:"scale,omitempty"`
	// HNNFiles also writes HNN-core's text files (dpl_<k>.txt,
	// spk_<k>.txt).
	HNNFiles bool `json:"hnn_files,omitempty"`
	// Plot also draws the figures the outputs allow.
	Plot bool `json:"plot,omitempty"`
	// Compare names an HNN-core dipole text file (a recorded MEG/EEG
	// dipole) to compare the trial-mean dipole with.
	Compare string `json:"compare,omitempty"`
	// LFPSmoothMs smooths the extracellular potentials the figures draw
	// (the LFP traces and the CSD) with a Hamming window of this length,
	// ms (HNN-core's ExtracellularArray.smooth; 0: none). The potentials'
	// files hold them as recorded.
	LFPSmoothMs float64 `json:"lfp_smooth_ms,omitempty"`
	// PlotDecim are the decimation factors the LFP and dipole traces of
	// the laminar figures are drawn with (HNN-core's decim, e.g. [5, 4]
	// from 40 to 2 kHz).
	PlotDecim []int `json:"plot_decim,omitempty"`
}

// ScaleOrOne returns Scale, or 1 when it is 0.
func (o *Output) ScaleOrOne() float64 {
	if o.Scale == 0 {
		return 1
	}
	return o.Scale
}

// Kind returns the kind of model the run simulates ("" when none is
// set).
func (r *Run) Kind() Kind {
	switch {
	case r.Network != nil && r.Network.Point != nil:
		return KindMixed
	case r.Network != nil:
		return KindCable
	case r.Point != nil:
		return KindPoint
	}
	return ""
}

// ModelName returns the run's name, or its model's.
func (r *Run) ModelName() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.Network != nil:
		return r.Network.Name
	case r.Point != nil:
		return r.Point.Name
	}
	return ""
}

// Ranges returns the gid ranges of the run's model: cells, drives, point
// populations, Poisson layers, in gid order.
func (r *Run) Ranges() record.Ranges {
	switch {
	case r.Network != nil:
		return r.Network.Ranges()
	case r.Point != nil:
		return r.Point.Ranges()
	}
	return nil
}

// WithDefaults returns a copy of the run with its zero fields set to
// their defaults: dt 0.025 ms for cable and mixed networks, one trial,
// NEURON's rate tables, Lamina's point scheme, scale 1. A point
// network's dt has no default (give the step its model was made for).
func (r Run) WithDefaults() Run {
	if r.DtMs == 0 && r.Network != nil {
		r.DtMs = DefaultDtMs
	}
	if r.Trials == 0 {
		r.Trials = 1
	}
	if r.Rates == "" && r.Network != nil {
		r.Rates = mech.RateNameTable
	}
	if r.Scheme == "" && (r.Point != nil || (r.Network != nil && r.Network.Point != nil)) {
		r.Scheme = point.SchemeLamina
	}
	if r.Output.Scale == 0 {
		r.Output.Scale = 1
	}
	return r
}

// Validate checks the run against a mechanism catalogue (nil: the
// built-in one): exactly one model, valid and of the kind the options
// suit; timing (tstop a whole number of steps); trials; modes; recording
// and output settings. Every error names its field, the value and the
// allowed range.
func (r *Run) Validate(cat *mech.Catalogue) error {
	if cat == nil {
		cat = builtin.Catalogue()
	}
	var errs []error
	fail := func(format string, a ...any) { errs = append(errs, fmt.Errorf("spec: "+format, a...)) }
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	kind := r.Kind()
	switch {
	case r.Network != nil && r.Point != nil:
		fail("network and point are both set: give one model (a mixed network is a network with its point part in network.point)")
	case kind == "":
		fail("no model: set network (a cable or mixed network) or point (a point-neuron network)")
	}
	if err := CheckTiming(r.TStopMs, r.DtMs); err != nil {
		errs = append(errs, fmt.Errorf("spec: %w", err))
	} else if steps := r.TStopMs / r.DtMs; steps > MaxSteps {
		fail("tstop_ms = %g: %.3g steps of dt_ms = %g, more than %d (spec.MaxSteps)", r.TStopMs, steps, r.DtMs, MaxSteps)
	}
	if r.PointDtMs != 0 {
		switch {
		case kind != KindMixed:
			fail("point_dt_ms = %g: applies to mixed networks only (a point network's step is dt_ms)", r.PointDtMs)
		case !(r.PointDtMs > 0) || !finite(r.PointDtMs):
			fail("point_dt_ms = %g: must be finite and > 0", r.PointDtMs)
		case r.DtMs > 0:
			if q := r.PointDtMs / r.DtMs; math.Abs(q-math.Round(q)) > 1e-9*q || math.Round(q) < 1 {
				fail("point_dt_ms = %g: must be a whole multiple of dt_ms = %g", r.PointDtMs, r.DtMs)
			} else if r.TStopMs > 0 && finite(r.TStopMs) {
				if q := r.TStopMs / r.PointDtMs; math.Abs(q-math.Round(q)) > 1e-9*q {
					fail("tstop_ms = %g is not a whole number of steps of point_dt_ms = %g (%.6g steps)", r.TStopMs, r.PointDtMs, q)
				}
			}
		}
	}
	if r.Trials < 1 || r.Trials > MaxTrials {
		fail("trials = %d: must be in [1, %d] (spec.MaxTrials)", r.Trials, MaxTrials)
	}
	if r.Rates != "" {
		if _, err := mech.ParseRateMode(r.Rates); err != nil {
			fail("%v", err)
		} else if kind == KindPoint {
			fail("rates = %q: applies to cable cells; a point network has none", r.Rates)
		}
	}
	if r.Scheme != "" {
		if _, err := point.ParseScheme(string(r.Scheme)); err != nil {
			fail("scheme: %v", err)
		} else if kind == KindCable {
			fail("scheme = %q: applies to point neurons; this network has none", r.Scheme)
		}
	}
	if r.Seed != 0 && kind == KindCable {
		fail("seed = %d: a cable network takes its seeds from its drives (event_seed) and connections (conn_seed)", r.Seed)
	}
	for _, f := range []struct{ name, v string }{{"record.vsec", r.Record.VSec}, {"record.isec", r.Record.ISec}, {"record.ca", r.Record.Ca}} {
		if f.v != "" && f.v != "soma" && f.v != "all" {
			fail("%s = %q: want \"\", \"soma\" or \"all\"", f.name, f.v)
		} else if f.v != "" && kind == KindPoint {
			fail("%s = %q: records cable cells; a point network records through its monitors", f.name, f.v)
		}
	}
	if e := r.Record.EveryMs; e != 0 {
		if !(e > 0) || !finite(e) {
			fail("record.every_ms = %g: must be finite and > 0 (or 0: every step)", e)
		} else if q := e / r.DtMs; r.DtMs > 0 && (math.Abs(q-math.Round(q)) > 1e-9*q || math.Round(q) < 1) {
			fail("record.every_ms = %g: must be a whole number of steps of dt_ms = %g", e, r.DtMs)
		}
	}
	if len(r.Record.GIDs) > 0 {
		if kind == KindPoint {
			fail("record.gids: records cable cells; a point network records through its monitors")
		} else if r.Network != nil {
			ranges := r.Network.Ranges()
			for i, g := range r.Record.GIDs {
				if rg, _, ok := ranges.Locate(record.GID(g)); !ok || rg.Kind != record.KindCell {
					fail("record.gids[%d] = %d: not a cable cell of the network", i, g)
					break
				}
			}
		}
	}
	o := &r.Output
	if !(o.SmoothMs == 0 || o.SmoothMs >= 1) || !finite(o.SmoothMs) {
		fail("output.smooth_ms = %g: must be 0 (no smoothing) or a window of at least 1 ms", o.SmoothMs)
	}
	if !finite(o.Scale) {
		fail("output.scale = %g: must be finite", o.Scale)
	}
	if !(o.LFPSmoothMs == 0 || o.LFPSmoothMs >= 1) || !finite(o.LFPSmoothMs) {
		fail("output.lfp_smooth_ms = %g: must be 0 (no smoothing) or a window of at least 1 ms", o.LFPSmoothMs)
	}
	for i, q := range o.PlotDecim {
		if q < 1 || q > 13 {
			fail("output.plot_decim[%d] = %d: must be in [1, 13] (scipy.signal.decimate's advice; give several factors for more)", i, q)
		}
	}
	if kind == KindPoint && (o.SmoothMs != 0 || o.ScaleOrOne() != 1 || o.Compare != "" || o.HNNFiles) {
		fail("output: smooth_ms, scale, compare and hnn_files process a dipole; a point network has none")
	}
	switch {
	case r.Network != nil:
		if err := r.Network.Validate(cat); err != nil {
			errs = append(errs, fmt.Errorf("spec: network: %w", err))
		}
	case r.Point != nil:
		if err := r.Point.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("spec: point: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Time steps beyond which [Run.Warnings] warns, ms.
const (
	// MaxCableDtMs is the longest cable-cell step that resolves the
	// spike: the fast sodium activation of the HNN-core and
	// Hodgkin-Huxley channels has a time constant of about 0.1 to
	// 0.5 ms, so at 4 steps of HNN-core's 0.025 ms (0.1 ms) the upstroke
	// still spans a few steps; beyond it backward Euler stays stable but
	// damps the spike away (dt 10 ms gives no spikes at all).
	MaxCableDtMs = 0.1
	// MaxPointDtMs is the longest point-neuron step: ten times Brian2's
	// default of 0.1 ms, and the order of the shortest synaptic time
	// constants and refractory periods of the zoo (1 to 2 ms), past which
	// spikes and refractory periods are lost.
	MaxPointDtMs = 1.0
)

// Warnings returns what is valid but likely wrong in the run: a time step
// too long for the model's dynamics ([MaxCableDtMs] for cable cells,
// [MaxPointDtMs] for point neurons). The run still runs; front ends print
// the warnings (the CLI to stderr).
func (r *Run) Warnings() []string {
	var w []string
	pointDt := r.DtMs
	if r.PointDtMs != 0 {
		pointDt = r.PointDtMs
	}
	switch r.Kind() {
	case KindCable, KindMixed:
		if r.DtMs > MaxCableDtMs {
			w = append(w, fmt.Sprintf("spec: dt_ms = %g is longer than %g ms, the longest step that resolves a cable cell's spike; the run may show too few spikes or none (HNN-core's step is %g ms)", r.DtMs, MaxCableDtMs, DefaultDtMs))
		}
		if r.Kind() == KindMixed && pointDt > MaxPointDtMs {
			w = append(w, fmt.Sprintf("spec: point_dt_ms = %g is longer than %g ms, the longest step that resolves point neurons' synaptic currents and refractory periods", pointDt, MaxPointDtMs))
		}
	case KindPoint:
		if r.DtMs > MaxPointDtMs {
			w = append(w, fmt.Sprintf("spec: dt_ms = %g is longer than %g ms, the longest step that resolves point neurons' synaptic currents and refractory periods", r.DtMs, MaxPointDtMs))
		}
	}
	return w
}

// CheckTiming reports whether a run of tstopMs at time step dtMs is
// sensible: both finite and positive, dt no longer than the run, and the
// run a whole number of steps (to 1e-9), so that it ends at tstop
// exactly. It is the one timing check: run specs and every engine use
// it.
func CheckTiming(tstopMs, dtMs float64) error {
	switch {
	case !(dtMs > 0) || math.IsInf(dtMs, 0):
		return fmt.Errorf("dt_ms = %g: must be finite and > 0", dtMs)
	case !(tstopMs > 0) || math.IsInf(tstopMs, 0):
		return fmt.Errorf("tstop_ms = %g: must be finite and > 0", tstopMs)
	case dtMs > tstopMs:
		return fmt.Errorf("dt_ms = %g is longer than tstop_ms = %g", dtMs, tstopMs)
	}
	if q := tstopMs / dtMs; math.Abs(q-math.Round(q)) > 1e-9*q {
		return fmt.Errorf("tstop_ms = %g is not a whole number of steps of dt_ms = %g (%.6g steps)", tstopMs, dtMs, q)
	}
	return nil
}

// Read decodes a run spec strictly (package model/jsonstrict): unknown
// and repeated keys, values of the wrong type and syntax errors are
// errors naming the line, the column and the JSON path.
func Read(rd io.Reader) (*Run, error) {
	data, err := jsonstrict.ReadAll("", rd)
	if err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	var r Run
	if err := jsonstrict.Decode(data, &r); err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	return &r, nil
}

// Write encodes the run spec as indented JSON.
func (r *Run) Write(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("spec: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Clone returns a deep copy through the JSON form (descriptions
// round-trip exactly).
func (r *Run) Clone() (*Run, error) {
	var b bytes.Buffer
	if err := r.Write(&b); err != nil {
		return nil, err
	}
	return Read(&b)
}

// IsSpec reports whether a JSON object looks like a run spec: it has
// tstop_ms and a network or point model.
func IsSpec(top map[string]json.RawMessage) bool {
	_, t := top["tstop_ms"]
	_, n := top["network"]
	_, p := top["point"]
	return t && (n || p)
}

// Set changes one value of the run's model, given by a path into the
// model's JSON form (model.Network.Set; for a point network the same
// paths into its JSON, e.g. "poisson.noiseE.rate_hz" or
// "connections.E_to_I.weight_nS"). A path starting with "run." changes
// the run itself instead (e.g. "run.tstop_ms", "run.seed"). The result is
// not validated; call Validate.
func (r *Run) Set(path string, value any) error {
	if rest, ok := strings.CutPrefix(path, "run."); ok {
		var out Run
		if err := model.SetPath(r, &out, rest, value); err != nil {
			return err
		}
		*r = out
		return nil
	}
	switch {
	case r.Network != nil:
		return r.Network.Set(path, value)
	case r.Point != nil:
		var out pointnet.Network
		if err := model.SetPath(r.Point, &out, path, value); err != nil {
			return err
		}
		*r.Point = out
		return nil
	}
	return errors.New("spec: set: the run has no model")
}
