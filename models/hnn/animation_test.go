package hnn_test

import (
	"math"
	"testing"

	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
)

// TestAnimation checks the animation example's network against HNN-core's
// set_cell_positions(inplane_distance=300) on a 3 × 3 grid
// (_create_cell_coords) and add_erp_drives_to_jones_model's seeds.
func TestAnimation(t *testing.T) {
	net := hnn.Animation()
	if err := net.Validate(builtin.Catalogue()); err != nil {
		t.Fatal(err)
	}
	grid := []model.Position{{0, 0, 0}, {0, 300, 0}, {0, 600, 0}, {300, 0, 0}, {300, 300, 0}, {300, 600, 0}, {600, 0, 0}, {600, 300, 0}, {600, 600, 0}}
	at := func(z float64, xy ...model.Position) []model.Position {
		out := make([]model.Position, len(xy))
		for i, p := range xy {
			out[i] = model.Position{p[0], p[1], z}
		}
		return out
	}
	// basket cells: x in arange(0, 3, 3) with even y, arange(1, 3, 3) with
	// odd y, sorted by y
	baskets := []model.Position{{0, 0}, {300, 300}, {0, 600}}
	want := map[string][]model.Position{
		hnn.L2Basket:    at(0.8*1307.4, baskets...),
		hnn.L2Pyramidal: at(1307.4, grid...),
		hnn.L5Basket:    at(0.2*1307.4, baskets...),
		hnn.L5Pyramidal: at(0, grid...),
	}
	for _, p := range net.Populations {
		w := want[p.Name]
		if len(p.Positions) != len(w) {
			t.Fatalf("%s: %d cells, want %d", p.Name, len(p.Positions), len(w))
		}
		for i := range w {
			if p.Positions[i] != w[i] {
				t.Errorf("%s %d at %v, want %v", p.Name, i, p.Positions[i], w[i])
			}
		}
	}
	if net.Origin != (model.Position{300, 300, 653}) || net.InplaneDistanceUm != 300 || net.MeshShape != [2]int{3, 3} {
		t.Errorf("origin %v, inplane %g µm, mesh %v", net.Origin, net.InplaneDistanceUm, net.MeshShape)
	}
	seeds := map[string]int{}
	for _, d := range net.Drives {
		seeds[d.Name] = d.EventSeed
		if !d.CellSpecific || d.ConnSeed != 3 {
			t.Errorf("%s: cell-specific %v, conn_seed %d", d.Name, d.CellSpecific, d.ConnSeed)
		}
	}
	if len(seeds) != 3 || seeds["evdist1"] != 274 || seeds["evprox1"] != 544 || seeds["evprox2"] != 814 {
		t.Errorf("event seeds %v", seeds)
	}
	e, ok := hnn.ExampleNamed("animation")
	if !ok || e.RecordVSec != "all" || e.TStopMs != 170 {
		t.Errorf("example %+v", e)
	}
}

// TestAnimationSpacing checks that moving the cells 300 µm apart leaves
// every connection as it is on the 1 µm grid (HNN-core scales the space
// constants with inplane_distance: "this parameter does not affect the
// amplitude of the dipole moment"): the same NetCons, weights and delays
// to rounding.
func TestAnimationSpacing(t *testing.T) {
	spaced := hnn.Animation()
	unit := hnn.Jones2009(3, 3)
	unit.Drives = spaced.Drives
	a, err := spaced.Edges()
	if err != nil {
		t.Fatal(err)
	}
	b, err := unit.Edges()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d and %d NetCons", len(a), len(b))
	}
	for i := range a {
		// d²/λ² is computed from numbers 300 times larger: a few ulps
		if a[i].Src != b[i].Src || a[i].Target != b[i].Target || a[i].Synapse != b[i].Synapse ||
			math.Abs(a[i].WeightUS-b[i].WeightUS) > 1e-12*b[i].WeightUS || math.Abs(a[i].DelayMs-b[i].DelayMs) > 1e-12*b[i].DelayMs {
			t.Fatalf("NetCon %d: %+v, on the 1 µm grid %+v", i, a[i], b[i])
		}
	}
}
