// Package zoo is the registry of Lamina's built-in examples, of every
// kind: HNN-core's model zoo (models/hnn), the NEURON tutorial's networks
// (models/tutorial), the point-neuron examples (models/snnjl) and the
// mixed ERP with a thalamus. Each builds a run spec (spec.Run): the model
// with its usual run length and step, ready for simulate.Run or for a
// front end to adjust.
package zoo

import (
	"fmt"
	"strings"

	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/models/tutorial"
	"github.com/laminasim/lamina/spec"
)

// Options are the knobs some examples take; each applies to the examples
// its doc names, and Build refuses it elsewhere.
type Options struct {
	// RateHz is ei-balanced's afferent rate, Hz (0: 10 Hz).
	RateHz float64
	// Connectivity and Inputs are tutorial-cs-network's connectivity
	// (pre,post,type CSV) and kick-start input files, used instead of
	// drawing them.
	Connectivity, Inputs string
}

// Example is a built-in model.
type Example struct {
	Name, Description string
	// Kind is the kind of model.
	Kind spec.Kind
	// TStopMs is the example's usual run length, ms.
	TStopMs float64
	build   func(o Options) (*spec.Run, error)
	// takes lists the Options fields the example uses.
	takes []string
}

// Build returns the example's run spec: its model, run length and step
// (one trial; the rest at the spec's defaults).
func (e Example) Build(o Options) (*spec.Run, error) {
	for _, f := range []struct {
		name string
		set  bool
	}{{"rate_hz", o.RateHz != 0}, {"connectivity", o.Connectivity != ""}, {"inputs", o.Inputs != ""}} {
		if f.set && !contains(e.takes, f.name) {
			var takers []string
			for _, x := range Examples() {
				if contains(x.takes, f.name) {
					takers = append(takers, x.Name)
				}
			}
			return nil, fmt.Errorf("%s applies to %s, not to %s", f.name, strings.Join(takers, ", "), e.Name)
		}
	}
	r, err := e.build(o)
	if err != nil {
		return nil, fmt.Errorf("example %s: %w", e.Name, err)
	}
	r.Trials = 1
	return r, nil
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// Examples returns every built-in example: HNN-core's zoo, the NEURON
// tutorial's networks, the point-neuron networks.
func Examples() []Example {
	var out []Example
	for _, e := range hnn.Examples() {
		kind := spec.KindCable
		if net := e.Network(); net.Point != nil {
			kind = spec.KindMixed
		}
		out = append(out, Example{Name: e.Name, Description: e.Description, Kind: kind, TStopMs: e.TStopMs,
			build: func(Options) (*spec.Run, error) {
				r := &spec.Run{Network: e.Network(), TStopMs: e.TStopMs, DtMs: spec.DefaultDtMs,
					Record: spec.Record{VSec: e.RecordVSec}}
				if e.Name == "lfp" {
					// the gallery example's figure: dipole and potentials
					// smoothed 10 ms, traces drawn at 2 kHz
					r.Output = spec.Output{SmoothMs: 10, LFPSmoothMs: 10, PlotDecim: []int{5, 4}}
				}
				return r, nil
			}})
	}
	out = append(out,
		Example{Name: "tutorial-cs-network", Kind: spec.KindCable, TStopMs: 250, takes: []string{"connectivity", "inputs"},
			Description: "NEURON tutorial: 1000 Connor-Stevens cells (800 E, 200 I), each kick-started by a NetStimFD; --connectivity/--inputs load ../shared/reference/snn/cs_network",
			build: func(o Options) (*spec.Run, error) {
				net, err := tutorial.CSNetworkFromFiles(o.Connectivity, o.Inputs)
				if err != nil {
					return nil, err
				}
				return &spec.Run{Network: net, TStopMs: 250, DtMs: spec.DefaultDtMs}, nil
			}},
		Example{Name: "tutorial-two-groups", Kind: spec.KindCable, TStopMs: 500,
			Description: "NEURON tutorial: 1000 Wang-Buzsaki cells in two groups (65%/55% within-group), 100 external cells drive the left half at 20 Hz, 100-150 ms",
			build: func(Options) (*spec.Run, error) {
				net, err := tutorial.TwoGroups(tutorial.DefaultTwoGroupsParams())
				if err != nil {
					return nil, err
				}
				return &spec.Run{Network: net, TStopMs: 500, DtMs: spec.DefaultDtMs}, nil
			}},
	)
	for _, e := range snnjl.Examples() {
		var takes []string
		if e.Name == "ei-balanced" {
			takes = []string{"rate_hz"}
		}
		out = append(out, Example{Name: e.Name, Description: e.Description + " (point neurons)", Kind: spec.KindPoint, TStopMs: e.TStopMs, takes: takes,
			build: func(o Options) (*spec.Run, error) {
				return &spec.Run{Point: e.Network(snnjl.Options{RateHz: o.RateHz}), TStopMs: e.TStopMs, DtMs: e.DtMs}, nil
			}})
	}
	return out
}

// Named returns the example called name.
func Named(name string) (Example, bool) {
	for _, e := range Examples() {
		if e.Name == name {
			return e, true
		}
	}
	return Example{}, false
}

// Names lists the examples' names, comma-separated.
func Names() string {
	var n []string
	for _, e := range Examples() {
		n = append(n, e.Name)
	}
	return strings.Join(n, ", ")
}
