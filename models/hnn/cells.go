package hnn

import (
	"fmt"
	"maps"
	"sort"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/morph"
)

// Cell type names, as HNN-core spells them.
const (
	L2Pyramidal = "L2_pyramidal"
	L5Pyramidal = "L5_pyramidal"
	L2Basket    = "L2_basket"
	L5Basket    = "L5_basket"
)

// CellTypes returns the names of HNN-core's cell types.
func CellTypes() []string { return []string{L2Basket, L2Pyramidal, L5Basket, L5Pyramidal} }

// NewCell returns a new description of the named HNN-core cell type, with
// its soma's 0 end at the origin and its spike detector at soma(0.5),
// threshold 0 mV.
func NewCell(cellType string) (*cell.Cell, error) {
	switch cellType {
	case L2Pyramidal:
		return l2Pyramidal(), nil
	case L5Pyramidal:
		return l5Pyramidal(), nil
	case L2Basket, L5Basket:
		return basket(cellType), nil
	}
	return nil, fmt.Errorf("unknown HNN cell type %q (known: %v)", cellType, CellTypes())
}

// SectionSpec is one section as HNN-core specifies it (cells_default.py,
// or a network file's cell template).
type SectionSpec struct {
	Name string
	// L and Diam in µm, Cm in µF/cm², Ra in Ω·cm, V0 (initial potential) in mV.
	L, Diam    float64
	Cm, Ra, V0 float64
	// NSeg is the number of segments; 0 means HNN-core's rule (_get_nseg).
	NSeg int
	// Ends are the end points, µm: HNN-core's raw points before layout,
	// or laid out (as network files hold them).
	Ends [2]morph.Point3D
	// Receptors lists the synapses on the section ("ampa", ...), each an
	// Exp2Syn at 0.5 named <section>_<receptor>.
	Receptors []string
	// Parent and ParentX attach the 0 end; the root has no parent.
	Parent  string
	ParentX float64
}

// DefaultReceptors returns HNN-core's synaptic receptors ("ampa", "nmda",
// "gabaa", "gabab") and their Exp2Syn parameters (cells_default.py,
// params_default.py): e (mV), tau1, tau2 (ms), in a new map.
func DefaultReceptors() map[string][3]float64 { return maps.Clone(defaultReceptors) }

// defaultReceptors holds DefaultReceptors' values.
var defaultReceptors = map[string][3]float64{
	"ampa":  {0, 0.5, 5},
	"nmda":  {0, 1, 20},
	"gabaa": {-80, 0.5, 5},
	"gabab": {-80, 1, 20},
}

// hnnNSeg is HNN-core's _get_nseg: one segment up to 100 µm, else
// int(L/50) made odd.
func hnnNSeg(L float64) int {
	if L <= 100 {
		return 1
	}
	n := int(L / 50)
	if n%2 == 0 {
		n++
	}
	return n
}

// build lays out the sections as HNN-core and NEURON do and returns the cell
// with its sections, synapses and detector. specs[0] must be the soma.
func build(cellType string, specs []SectionSpec) *cell.Cell {
	return BuildCell(cellType, specs, true, nil)
}

// BuildCell returns the cell NEURON holds after HNN-core builds it from
// sections: specs[0] must be the soma. With layOut, the end points are
// HNN-core's raw points and are laid out as HNN-core does
// (Cell._update_end_pts); otherwise they are used as given (a network
// file's points). Either way they are then stored as NEURON stores
// HNN-core's pt3dadd points: in single precision, with L rescaled through
// the arc length. Each receptor gets an Exp2Syn at 0.5 with the
// parameters syn gives (e, tau1, tau2; DefaultReceptors when syn is nil
// or lacks the receptor). The spike detector is soma(0.5), 0 mV.
func BuildCell(cellType string, specs []SectionSpec, layOut bool, syn map[string][3]float64) *cell.Cell {
	ends := make([][2]morph.Point3D, len(specs))
	if layOut {
		ends = layout(specs)
	} else {
		for i := range specs {
			ends[i] = specs[i].Ends
		}
	}
	c := &cell.Cell{Type: cellType, Detector: &cell.Detector{Section: "soma", X: 0.5, ThresholdMV: 0}}
	for i, s := range specs {
		L, e := neuron3D(s.L, ends[i])
		nseg := s.NSeg
		if nseg == 0 {
			nseg = hnnNSeg(s.L)
		}
		c.Sections = append(c.Sections, morph.Section{
			Name: s.Name, Parent: s.Parent, ParentX: s.ParentX,
			L: L, Diam: float64(float32(s.Diam)), NSeg: nseg,
			Ra: s.Ra, Cm: s.Cm, VInit: s.V0, Ends: &e,
		})
	}
	for _, s := range specs {
		for _, r := range s.Receptors {
			p, ok := syn[r]
			if !ok {
				p = defaultReceptors[r]
			}
			c.Points = append(c.Points, cell.Place{
				Name: s.Name + "_" + r, Mech: "Exp2Syn", Section: s.Name, X: 0.5,
				Params: map[string]float64{"e": p[0], "tau1": p[1], "tau2": p[2]},
			})
		}
	}
	return c
}

// layout reproduces HNN-core's Cell._update_end_pts: translate the raw
// points so the soma's 0 end is at the origin, then walk the tree from the
// soma's 0 end, rescaling each section about the end nearer the root to its
// length L and translating everything beyond by the change.
func layout(specs []SectionSpec) [][2]morph.Point3D {
	pts := make([][2]morph.Point3D, len(specs))
	idx := map[string]int{}
	for i, s := range specs {
		pts[i] = s.Ends
		idx[s.Name] = i
	}
	shift := morph.Point3D{}.Sub(pts[0][0])
	for i := range pts {
		for e := range pts[i] {
			pts[i][e] = add(pts[i][e], shift)
		}
	}
	// children[(section, end)] lists the section ends attached there,
	// HNN-core's cell_tree: a section's 0 end leads to its 1 end and to the
	// sections attached at its 0 end; its 1 end to those attached there.
	type node struct{ sec, end int }
	children := map[node][]node{}
	for i, s := range specs {
		children[node{i, 0}] = append(children[node{i, 0}], node{i, 1})
		if s.Parent != "" {
			pe := 1
			if s.ParentX == 0 {
				pe = 0
			}
			p := node{idx[s.Parent], pe}
			children[p] = append(children[p], node{i, 0})
		}
	}
	var translate func(n node, d morph.Point3D)
	translate = func(n node, d morph.Point3D) {
		pts[n.sec][n.end] = add(pts[n.sec][n.end], d)
		for _, ch := range children[n] {
			translate(ch, d)
		}
	}
	var shape func(n node)
	shape = func(n node) {
		p0, p1 := pts[n.sec][n.end], pts[n.sec][1-n.end]
		fac := specs[n.sec].L / p1.Sub(p0).Norm()
		moved := morph.Point3D{
			X: p0.X + (p1.X-p0.X)*fac,
			Y: p0.Y + (p1.Y-p0.Y)*fac,
			Z: p0.Z + (p1.Z-p0.Z)*fac,
		}
		translate(node{n.sec, 1 - n.end}, moved.Sub(p1))
		for _, ch := range children[n] {
			shape(ch)
		}
	}
	shape(node{0, 0})
	return pts
}

func add(p, q morph.Point3D) morph.Point3D {
	return morph.Point3D{X: p.X + q.X, Y: p.Y + q.Y, Z: p.Z + q.Z}
}

// neuron3D returns the length and end points NEURON holds after HNN-core's
// h.pt3dadd (single-precision points) and sec.L = L (points rescaled about
// the first one, the arc length scaled in double precision).
func neuron3D(L float64, ends [2]morph.Point3D) (float64, [2]morph.Point3D) {
	f32 := func(p morph.Point3D) morph.Point3D {
		return morph.Point3D{X: float64(float32(p.X)), Y: float64(float32(p.Y)), Z: float64(float32(p.Z))}
	}
	p0, p1 := f32(ends[0]), f32(ends[1])
	arc := p1.Sub(p0).Norm()
	fac := L / arc
	scaled := morph.Point3D{X: p0.X + (p1.X-p0.X)*fac, Y: p0.Y + (p1.Y-p0.Y)*fac, Z: p0.Z + (p1.Z-p0.Z)*fac}
	return arc * fac, [2]morph.Point3D{p0, f32(scaled)}
}

func pt(x, y, z float64) morph.Point3D { return morph.Point3D{X: x, Y: y, Z: z} }

var (
	dendReceptors = []string{"ampa", "nmda", "gabaa", "gabab"}
	somaReceptors = []string{"gabaa", "gabab"}
)

// pyramidal assembles a pyramidal cell from the per-section lengths and
// diameters (µm), the shared cm and Ra, the initial voltages and HNN-core's
// raw end points.
func pyramidal(geom map[string][2]float64, cm float64, v0 map[string]float64, ends map[string][2]morph.Point3D) []SectionSpec {
	// Topology (cells_default.py cell_tree): soma(0) - basal_1; soma(1) -
	// apical_trunk; apical_trunk(1) - apical_1, apical_oblique; apical_1(1)
	// - apical_2 (L5 only) - apical_tuft; basal_1(1) - basal_2, basal_3.
	parent := map[string]string{
		"apical_trunk": "soma", "apical_1": "apical_trunk", "apical_oblique": "apical_trunk",
		"basal_1": "soma", "basal_2": "basal_1", "basal_3": "basal_1", "apical_tuft": "apical_1",
	}
	order := []string{"soma", "apical_trunk", "apical_1", "apical_tuft", "apical_oblique", "basal_1", "basal_2", "basal_3"}
	if _, ok := geom["apical_2"]; ok {
		parent["apical_2"] = "apical_1"
		parent["apical_tuft"] = "apical_2"
		order = []string{"soma", "apical_trunk", "apical_1", "apical_2", "apical_tuft", "apical_oblique", "basal_1", "basal_2", "basal_3"}
	}
	var specs []SectionSpec
	for _, name := range order {
		s := SectionSpec{Name: name, L: geom[name][0], Diam: geom[name][1], Cm: cm, Ra: 200,
			V0: v0[name], Ends: ends[name], Parent: parent[name], ParentX: 1, Receptors: dendReceptors}
		if name == "soma" {
			s.Receptors = somaReceptors
		}
		if name == "basal_1" {
			s.ParentX = 0
		}
		specs = append(specs, s)
	}
	return specs
}

// pyramidalGroups are HNN-core's sect_loc for both pyramidal types.
func pyramidalGroups() map[string][]string {
	return map[string][]string{
		"proximal": {"apical_oblique", "basal_2", "basal_3"},
		"distal":   {"apical_tuft"},
	}
}

func dendrites(c *cell.Cell) []string {
	var names []string
	for _, s := range c.Sections {
		if s.Name != "soma" {
			names = append(names, s.Name)
		}
	}
	sort.Strings(names)
	return names
}

// l2Pyramidal is HNN-core's _cell_L2Pyr with get_L2Pyr_params_default.
func l2Pyramidal() *cell.Cell {
	geom := map[string][2]float64{ // L, diam (µm)
		"soma": {22.1, 23.4}, "apical_trunk": {59.5, 4.25}, "apical_1": {306, 4.08},
		"apical_tuft": {238, 3.4}, "apical_oblique": {340, 3.91}, "basal_1": {85, 4.25},
		"basal_2": {255, 2.72}, "basal_3": {255, 2.72},
	}
	v0 := map[string]float64{}
	for name := range geom {
		v0[name] = -71.46
	}
	ends := map[string][2]morph.Point3D{
		"soma":           {pt(-50, 0, 765), pt(-50, 0, 778)},
		"apical_trunk":   {pt(-50, 0, 778), pt(-50, 0, 813)},
		"apical_oblique": {pt(-50, 0, 813), pt(-250, 0, 813)},
		"apical_1":       {pt(-50, 0, 813), pt(-50, 0, 993)},
		"apical_tuft":    {pt(-50, 0, 993), pt(-50, 0, 1133)},
		"basal_1":        {pt(-50, 0, 765), pt(-50, 0, 715)},
		"basal_2":        {pt(-50, 0, 715), pt(-156, 0, 609)},
		"basal_3":        {pt(-50, 0, 715), pt(56, 0, 609)},
	}
	c := build(L2Pyramidal, pyramidal(geom, 0.6195, v0, ends))
	c.Groups = pyramidalGroups()
	dends := dendrites(c)
	c.Mechanisms = []cell.Paint{
		{Mech: "hh2", Sections: []string{"soma"}, Params: hh2Params(0.18, 0.01, 4.26e-5, -65)},
		{Mech: "km", Sections: []string{"soma"}, Params: map[string]cell.Profile{"gbar": cell.Value(250)}},
		{Mech: "hh2", Sections: dends, Params: hh2Params(0.15, 0.01, 4.26e-5, -65)},
		{Mech: "km", Sections: dends, Params: map[string]cell.Profile{"gbar": cell.Value(250)}},
	}
	return c
}

func hh2Params(gnabar, gkbar, gl, el float64) map[string]cell.Profile {
	return map[string]cell.Profile{
		"gnabar": cell.Value(gnabar), "gkbar": cell.Value(gkbar),
		"gl": cell.Value(gl), "el": cell.Value(el),
	}
}

// l5Pyramidal is HNN-core's _cell_L5Pyr with get_L5Pyr_params_default,
// including the anomalous rectifier density 1e-6·exp(0.003·d) S/cm² on
// every dendrite, d the path distance (µm) from the soma's 0 end.
func l5Pyramidal() *cell.Cell {
	geom := map[string][2]float64{ // L, diam (µm)
		"soma": {39, 28.9}, "apical_trunk": {102, 10.2}, "apical_1": {680, 7.48},
		"apical_2": {680, 4.93}, "apical_tuft": {425, 3.4}, "apical_oblique": {255, 5.1},
		"basal_1": {85, 6.8}, "basal_2": {255, 8.5}, "basal_3": {255, 8.5},
	}
	v0 := map[string]float64{
		"soma": -72, "apical_trunk": -72, "apical_1": -71.32, "apical_2": -69.08, "apical_tuft": -67.3,
		"apical_oblique": -72, "basal_1": -72, "basal_2": -72, "basal_3": -72,
	}
	ends := map[string][2]morph.Point3D{
		"soma":           {pt(0, 0, 0), pt(0, 0, 23)},
		"apical_trunk":   {pt(0, 0, 23), pt(0, 0, 83)},
		"apical_oblique": {pt(0, 0, 83), pt(-150, 0, 83)},
		"apical_1":       {pt(0, 0, 83), pt(0, 0, 483)},
		"apical_2":       {pt(0, 0, 483), pt(0, 0, 883)},
		"apical_tuft":    {pt(0, 0, 883), pt(0, 0, 1133)},
		"basal_1":        {pt(0, 0, 0), pt(0, 0, -50)},
		"basal_2":        {pt(0, 0, -50), pt(-106, 0, -156)},
		"basal_3":        {pt(0, 0, -50), pt(106, 0, -156)},
	}
	c := build(L5Pyramidal, pyramidal(geom, 0.85, v0, ends))
	c.Groups = pyramidalGroups()
	dends := dendrites(c)
	uniform := func(name string, v float64) map[string]cell.Profile {
		return map[string]cell.Profile{name: cell.Value(v)}
	}
	soma := []string{"soma"}
	c.Mechanisms = []cell.Paint{
		{Mech: "hh2", Sections: soma, Params: hh2Params(0.16, 0.01, 4.26e-5, -65)},
		{Mech: "hh2", Sections: dends, Params: hh2Params(0.14, 0.01, 4.26e-5, -71)},
		{Mech: "ca", Params: uniform("gbar", 60)},
		{Mech: "cad", Params: uniform("taur", 20)},
		{Mech: "kca", Params: uniform("gbar", 2e-4)},
		{Mech: "km", Params: uniform("gbar", 200)},
		{Mech: "cat", Params: uniform("gbar", 2e-4)},
		{Mech: "ar", Sections: soma, Params: uniform("gbar", 1e-6)},
		{Mech: "ar", Sections: dends, Params: map[string]cell.Profile{"gbar": cell.ExpProfile(1e-6, 3e-3, 0)}},
	}
	return c
}

// basket is HNN-core's basket(): one soma (L 39, diam 20 µm, cm 0.85, Ra
// 200, v0 -64.9737 mV) with hh2 at its defaults and AMPA, NMDA and GABA_A
// receptors. L2 baskets take proximal and distal inputs at the soma, L5
// baskets only proximal ones.
func basket(cellType string) *cell.Cell {
	s := SectionSpec{Name: "soma", L: 39, Diam: 20, Cm: 0.85, Ra: 200, V0: -64.9737,
		Ends: [2]morph.Point3D{pt(0, 0, 0), pt(0, 0, 39)}, Receptors: []string{"ampa", "gabaa", "nmda"}}
	c := build(cellType, []SectionSpec{s})
	c.Groups = map[string][]string{"proximal": {"soma"}, "distal": {"soma"}}
	if cellType == L5Basket {
		c.Groups["distal"] = []string{}
	}
	c.Mechanisms = []cell.Paint{{Mech: "hh2"}}
	return c
}
