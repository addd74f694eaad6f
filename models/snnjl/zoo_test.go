package snnjl_test

import (
	"testing"

	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
)

// TestExamplesValidate builds every example and validates it, with no
// engine present.
func TestExamplesValidate(t *testing.T) {
	names := map[string]bool{}
	for _, e := range snnjl.Examples() {
		if names[e.Name] {
			t.Errorf("duplicate example %s", e.Name)
		}
		names[e.Name] = true
		n := e.Network(snnjl.Options{})
		if err := n.Validate(); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
		if e.TStopMs <= 0 || e.DtMs <= 0 || e.Description == "" {
			t.Errorf("%s: tstop %g dt %g", e.Name, e.TStopMs, e.DtMs)
		}
		if got, ok := snnjl.ExampleNamed(e.Name); !ok || got.Name != e.Name {
			t.Errorf("ExampleNamed(%q)", e.Name)
		}
	}
	for _, want := range []string{"adex-patterns", "lif-noise", "lif-balanced-input", "ball-and-stick", "ei-balanced"} {
		if !names[want] {
			t.Errorf("no example %s", want)
		}
	}
}

// TestAdExPatternsTable checks the seven rows of the tutorial table and
// the protocol.
func TestAdExPatternsTable(t *testing.T) {
	n := snnjl.AdExPatterns()
	want := []string{"Tonic", "Adapting", "Init. burst", "Bursting", "Irregular", "Transient", "Delayed"}
	if len(n.Populations) != 7 {
		t.Fatalf("%d populations", len(n.Populations))
	}
	for i, p := range n.Populations {
		if p.Name != want[i] || p.N != 1 || p.Model != point.KindAdEx {
			t.Errorf("population %d: %s, %d %s", i, p.Name, p.N, p.Model)
		}
		c := n.Currents[i]
		if c.Target != p.Name || c.Value(29.9, 0) != 5 || c.Value(30, 0) != snnjl.Patterns()[i].IpA {
			t.Errorf("%s: current %+v", p.Name, c)
		}
		a := p.AdEx
		if a.RGOhm != 0.5 || a.VThmV != -50 || a.DeltaTmV != 2 || a.ELmV != -70 || a.VCutmV != 0 || a.TauRefMs != 1 {
			t.Errorf("%s: %+v", p.Name, a)
		}
	}
	if r := snnjl.Patterns()[4]; r.Name != "Irregular" || r.TauMMs != 14.4 || r.VResetmV != -46 {
		t.Errorf("irregular row %+v", r)
	}
}

// TestEIBalanced checks the network's sizes, weights and rates.
func TestEIBalanced(t *testing.T) {
	n := snnjl.EIBalanced(0)
	if n.Poisson[0].RateHz != 10 || n.Poisson[1].RateHz != 10 {
		t.Errorf("default rate %g", n.Poisson[0].RateHz)
	}
	if n.Populations[0].N != 8000 || n.Populations[1].N != 2000 || n.Populations[1].IFCond.VThmV != -53 {
		t.Errorf("populations %+v", n.Populations)
	}
	for _, c := range n.Connections {
		w, unit := c.Weight.Value()
		if c.P != 0.05 || unit != point.UnitNS || (c.Pre == "E" && w != 2) || (c.Pre == "I" && w != 10) {
			t.Errorf("connection %+v", c)
		}
	}
	if e, _ := snnjl.ExampleNamed("ei-balanced"); e.Network(snnjl.Options{RateHz: 4, Seed: 9}).Poisson[1].RateHz != 4 || e.Network(snnjl.Options{Seed: 9}).Seed != 9 {
		t.Error("options ignored")
	}
}
