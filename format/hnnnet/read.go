package hnnnet

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/record"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/morph"
)

// Read reads a network configuration in HNN-core's hierarchical JSON format
// (hnn_core.read_network_configuration) and returns it as a Lamina network
// with HNN-core's seeding. Errors name the JSON path of the offending value,
// e.g. cell_types.L5_pyramidal.cell_object.sections.soma.L. See the package
// documentation for how each part maps and what is not representable.
func Read(r io.Reader) (*model.Network, error) {
	data, err := jsonstrict.ReadAll("", r)
	if err != nil {
		return nil, fmt.Errorf("hnnnet: %w", err)
	}
	return parseNetwork(data)
}

// parseNetwork is Read of the file's contents.
func parseNetwork(data []byte) (*model.Network, error) {
	root, err := parseData(data)
	if err != nil {
		return nil, fmt.Errorf("hnnnet: %w", err)
	}
	root.used = true
	rd := &reader{}
	net := rd.network(val{n: root, r: rd})
	if err := rd.err(); err != nil {
		return nil, err
	}
	rd.unknownKeys(data, root, "")
	if err := rd.err(); err != nil {
		return nil, err
	}
	return net, nil
}

// ReadFile reads the network configuration file at path (see Read).
func ReadFile(path string) (*model.Network, error) {
	// jsonstrict.ReadFile refuses a regular file over the cap from its
	// size, before reading any of it
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("hnnnet: %w", err)
	}
	net, err := parseNetwork(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return net, nil
}

// Numbers with conditions.

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func (v val) positive() float64 {
	f := v.float()
	if v.n != nil && v.n.kind == kNumber && !(f > 0 && finite(f)) {
		v.r.failf(v.path, "%s, must be > 0", v.n.num)
	}
	return f
}

func (v val) nonNegative() float64 {
	f := v.float()
	if v.n != nil && v.n.kind == kNumber && !(f >= 0 && finite(f)) {
		v.r.failf(v.path, "%s, must be >= 0", v.n.num)
	}
	return f
}

// nsegRule is HNN-core's _get_nseg: one segment up to 100 µm, else
// int(L/50) made odd. HNN-core ignores a file's nseg and applies it.
func nsegRule(L float64) int {
	if L <= 100 {
		return 1
	}
	n := int(L / 50)
	if n%2 == 0 {
		n++
	}
	return n
}

// originKey is pos_dict's key for where drive cells sit.
const originKey = "origin"

func (rd *reader) network(top val) *model.Network {
	if !top.want(kObject) {
		return nil
	}
	if ot := top.field("object_type"); ot.ok() {
		if s := ot.str(); ot.n.kind == kString && s != "Network" {
			rd.failf(ot.path, "%q, want \"Network\": the file does not hold a network", s)
		}
	}
	// extracellular electrodes, which a model.Network does not describe,
	// and outputs of a run
	top.ignore("rec_arrays", "cell_response")
	legacy := top.field("legacy_mode").boolean()
	celsius := top.field("celsius")
	net := &model.Network{
		Celsius:           celsius.float(),
		ThresholdMV:       top.field("threshold").float(),
		InplaneDistanceUm: hnn.InplaneDistanceUm, // HNN-core's files do not store it
		Seeding:           model.SeedingHNN,
	}
	for i, key := range []string{"N_pyr_x", "N_pyr_y"} {
		v := top.field(key)
		net.MeshShape[i] = v.int()
		if v.ok() && v.n.kind == kNumber && net.MeshShape[i] < 1 {
			rd.failf(v.path, "%s, must be >= 1", v.n.num)
		}
	}
	if v := top.field("delay"); v.ok() {
		v.positive() // net.delay: only a default for building connections
	}
	if celsius.ok() && celsius.n.kind == kNumber && !(net.Celsius >= -273.15 && finite(net.Celsius)) {
		rd.failf(celsius.path, "%s, must be >= -273.15", celsius.n.num)
	}
	if len(rd.errs) > 0 {
		return nil
	}

	// Populations, in the order of cell_types (which fixes their gids).
	top.field("cell_types").each(func(name string, v val) {
		if p, ok := rd.population(name, v); ok {
			net.Populations = append(net.Populations, p)
		}
	})
	posDict := top.field("pos_dict")
	if o := posDict.field(originKey); o.ok() {
		net.Origin = model.Position(o.point())
	}
	for i := range net.Populations {
		p := &net.Populations[i]
		pv := posDict.field(p.Name)
		for _, e := range pv.items() {
			p.Positions = append(p.Positions, model.Position(e.point()))
		}
		if pv.ok() && pv.n.kind == kArray && len(p.Positions) == 0 {
			rd.failf(pv.path, "no positions: HNN-core would leave %q out of the network", p.Name)
		}
	}
	ranges := rd.gidRanges(top.field("gid_ranges"))
	if len(rd.errs) > 0 {
		return nil
	}

	// Drives, ordered by their gid ranges as HNN-core orders them.
	type named struct {
		name string
		v    val
	}
	var drives []named
	top.field("external_drives").each(func(name string, v val) {
		if _, ok := ranges[name]; !ok {
			rd.failf(v.path, "drive %q has no entry in gid_ranges", name)
			return
		}
		drives = append(drives, named{name, v})
	})
	sort.SliceStable(drives, func(i, j int) bool { return ranges[drives[i].name][0] < ranges[drives[j].name][0] })
	for _, d := range drives {
		if dr, ok := rd.drive(net, d.name, d.v, legacy); ok {
			net.Drives = append(net.Drives, dr)
		}
	}
	if len(rd.errs) > 0 {
		return nil
	}
	rd.checkRanges(net, ranges, top.field("gid_ranges"))
	rd.checkDrivePositions(net, posDict)
	rd.checkMesh(net)
	net.Biases = rd.biases(net, top.field("external_biases"))
	if len(rd.errs) > 0 {
		return nil
	}
	rd.connectivity(net, top.field("connectivity"))
	return net
}

// checkMesh checks N_pyr_x and N_pyr_y against the cell counts of the
// populations that add to the L2 and L5 dipoles (HNN-core's pyramidal
// grids, whose baseline renormalisation scales by N_pyr_x × N_pyr_y).
func (rd *reader) checkMesh(net *model.Network) {
	nx, ny := net.MeshShape[0], net.MeshShape[1]
	if nx < 1 || ny < 1 {
		return // reported where read
	}
	for _, p := range net.Populations {
		if p.Dipole == nil || (p.Dipole.Layer != "L2" && p.Dipole.Layer != "L5") {
			continue
		}
		if k := len(p.Positions); ny > k/nx || nx*ny != k {
			rd.failf("N_pyr_x", "N_pyr_x = %d and N_pyr_y = %d make a grid of %d × %d pyramidal cells, but pos_dict.%s has %d positions", nx, ny, nx, ny, p.Name, k)
			return
		}
	}
}

// metadata is the part of HNN-core's cell_metadata Lamina uses, plus the
// display fields it writes back for HNN-core's own cell types.
type metadata struct {
	morphoType, electroType, layer string
	measureDipole                  bool
	reference, color, marker       string
}

// defaultMetadata returns HNN-core's default_cell_metadata
// (network_models.py), which files from before cell_metadata existed imply
// for HNN-core's four cell types.
func defaultMetadata(name string) (metadata, bool) {
	const ref = "https://doi.org/10.7554/eLife.51214"
	switch name {
	case hnn.L2Basket:
		return metadata{"basket", "inhibitory", "2", false, ref, "m", "x"}, true
	case hnn.L2Pyramidal:
		return metadata{"pyramidal", "excitatory", "2", true, ref, "c", "^"}, true
	case hnn.L5Basket:
		return metadata{"basket", "inhibitory", "5", false, ref, "r", "x"}, true
	case hnn.L5Pyramidal:
		return metadata{"pyramidal", "excitatory", "5", true, ref, "b", "^"}, true
	}
	return metadata{}, false
}

// dipoleAxis is the section along which HNN-core measures every dipole
// (network_builder.py: cell.build(sec_name_apical="apical_trunk")).
const dipoleAxis = "apical_trunk"

func (rd *reader) population(name string, v val) (model.Population, bool) {
	n0 := len(rd.errs)
	co, meta := v, val{}
	_, hasObj := v.opt("cell_object")
	_, hasMeta := v.opt("cell_metadata")
	var md metadata
	if hasObj && hasMeta {
		co, meta = v.field("cell_object"), v.field("cell_metadata")
		meta.ignore("morpho_type", "reference", "color", "marker") // display fields
		if t, ok := meta.opt("electro_type"); ok {
			md.electroType = t.str()
			if t.n.kind == kString && md.electroType != "excitatory" && md.electroType != "inhibitory" {
				rd.failf(t.path, "%q, want \"excitatory\" or \"inhibitory\"", md.electroType)
			}
		}
		if d, ok := meta.opt("measure_dipole"); ok {
			md.measureDipole = d.boolean()
		}
		if l, ok := meta.opt("layer"); ok {
			if l.n.kind == kNumber {
				md.layer = l.n.num
			} else {
				md.layer = l.str()
			}
		}
	} else {
		// Files from before commit 6388f9f: the cell itself, with the
		// metadata HNN-core's reader supplies for its four cell types.
		meta = val{path: join(v.path, "cell_metadata (implied)"), r: rd}
		var ok bool
		if md, ok = defaultMetadata(name); !ok {
			rd.failf(v.path, "no cell_object and cell_metadata, and %q is not one of HNN-core's cell types (%s) whose metadata older files imply",
				name, strings.Join(hnn.CellTypes(), ", "))
			return model.Population{}, false
		}
	}
	c := rd.cell(co)
	if len(rd.errs) > n0 || c == nil {
		return model.Population{}, false
	}
	p := model.Population{Name: name, Cell: c, ElectroType: md.electroType}
	if md.measureDipole {
		if _, ok := c.Index(dipoleAxis); !ok {
			rd.failf(join(meta.path, "measure_dipole"), "true, but the cell has no section %q, along which HNN-core measures dipoles", dipoleAxis)
		}
		if md.layer == "" {
			rd.failf(join(meta.path, "layer"), "missing: a cell type that measures its dipole needs a layer")
		}
		p.Dipole = &model.DipoleSpec{Layer: "L" + md.layer, Axis: dipoleAxis}
	}
	return p, len(rd.errs) == n0
}

// cell builds a cell template from a cell_object, as HNN-core's Cell and
// NEURON hold it (models/hnn.BuildCell).
func (rd *reader) cell(co val) *cell.Cell {
	n0 := len(rd.errs)
	name := co.field("name").str()
	secs := co.field("sections")
	// the template's position and gid, and recordings
	co.ignore("pos", "gid", "dipole_pp", "vsec", "isec", "ca", "tonic_biases")
	var specs []hnn.SectionSpec
	type mechs struct {
		names []string
		vals  []val
	}
	var secMechs []mechs
	index := map[string]int{}
	secs.each(func(sname string, s val) {
		spec := hnn.SectionSpec{Name: sname}
		spec.L = s.field("L").positive()
		spec.Diam = s.field("diam").positive()
		spec.Cm = s.field("cm").nonNegative()
		spec.Ra = s.field("Ra").positive()
		spec.V0 = -65 // HNN-core's default for files without v0
		if v0, ok := s.opt("v0"); ok {
			spec.V0 = v0.float()
		}
		ends := s.field("end_pts")
		pts := ends.items()
		if ends.ok() && ends.n.kind == kArray && len(pts) != 2 {
			rd.failf(ends.path, "%d points, want 2 (the section's 0 and 1 ends)", len(pts))
		} else if len(pts) == 2 {
			for k := range 2 {
				p := pts[k].point()
				spec.Ends[k] = morph.Point3D{X: p[0], Y: p[1], Z: p[2]}
			}
		}
		if nv, ok := s.opt("nseg"); ok {
			if n := nv.int(); nv.n.kind == kNumber && finite(spec.L) && n != nsegRule(spec.L) {
				rd.failf(nv.path, "%d, but HNN-core ignores nseg and derives %d from L = %g µm (1 up to 100 µm, else int(L/50) made odd)",
					n, nsegRule(spec.L), spec.L)
			}
		}
		for _, r := range s.field("syns").items() {
			spec.Receptors = append(spec.Receptors, r.str())
		}
		var m mechs
		s.field("mechs").each(func(mname string, mv val) {
			m.names = append(m.names, mname)
			m.vals = append(m.vals, mv)
		})
		index[sname] = len(specs)
		specs = append(specs, spec)
		secMechs = append(secMechs, m)
	})
	if secs.ok() && secs.n.kind == kObject && len(specs) == 0 {
		rd.failf(secs.path, "no sections")
	}
	if _, ok := index["soma"]; secs.ok() && len(specs) > 0 && !ok {
		rd.failf(secs.path, "no section \"soma\" (HNN-core requires one)")
	}
	if len(rd.errs) > n0 {
		return nil
	}

	// Topology: HNN-core's cell_tree maps a section end to the ends
	// attached to it; "soma,0" is the root.
	tree := co.field("cell_tree")
	hasTree := tree.ok() && !tree.isNull()
	if hasTree {
		rd.cellTree(tree, specs, index)
	} else if tree.ok() && len(specs) > 1 {
		rd.failf(tree.path, "null, but the cell has %d sections: without a tree they would not be connected", len(specs))
	}

	// Synapses: one Exp2Syn per receptor of a section, at 0.5.
	syn := map[string][3]float64{}
	co.field("synapses").each(func(rec string, sv val) {
		if mn, ok := sv.opt("mechname"); ok {
			if m := mn.str(); mn.n.kind == kString && m != "Exp2Syn" {
				rd.failf(mn.path, "%q: Lamina has no such synapse mechanism; it reads Exp2Syn synapses only", m)
			}
		}
		sv.each(func(k string, pv val) {
			switch k {
			case "e", "tau1", "tau2", "mechname":
			default:
				rd.failf(pv.path, "Exp2Syn has no parameter %q (it has e, tau1, tau2)", k)
			}
		})
		syn[rec] = [3]float64{sv.field("e").float(), sv.field("tau1").positive(), sv.field("tau2").positive()}
	})
	for i := range specs {
		for k, r := range specs[i].Receptors {
			if _, ok := syn[r]; !ok {
				rd.failf(fmt.Sprintf("%s.%s.syns[%d]", secs.path, specs[i].Name, k), "receptor %q has no entry in synapses", r)
			}
		}
	}
	groups := map[string][]string{}
	co.field("sect_loc").each(func(g string, gv val) {
		if _, clash := index[g]; clash {
			rd.failf(gv.path, "group %q has the name of a section", g)
		}
		list := []string{}
		for _, s := range gv.items() {
			sn := s.str()
			if _, ok := index[sn]; s.n.kind == kString && !ok {
				rd.failf(s.path, "%q is not a section of the cell", sn)
			}
			list = append(list, sn)
		}
		groups[g] = list
	})
	paints := rd.paints(specs, func(i int) ([]string, []val) { return secMechs[i].names, secMechs[i].vals })
	if len(rd.errs) > n0 {
		return nil
	}
	if hasTree && !laidOut(specs, index) {
		// Raw end points: lay them out as HNN-core's Cell does on reading
		// (models/hnn lays out from the soma, which must come first).
		order := append([]hnn.SectionSpec{specs[index["soma"]]}, slices.Delete(slices.Clone(specs), index["soma"], index["soma"]+1)...)
		laid := hnn.BuildCell(name, order, true, nil)
		for i := range specs {
			id, _ := laid.Index(specs[i].Name)
			specs[i].Ends = *laid.Sections[id].Ends
		}
	}
	if hasTree {
		attach(specs, index)
	}
	c := hnn.BuildCell(name, specs, false, syn)
	c.Groups = groups
	c.Mechanisms = paints
	return c
}

// parseNode reads a cell_tree node "section,end".
func parseNode(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ',')
	if i < 0 {
		return "", 0, false
	}
	switch strings.TrimSpace(s[i+1:]) {
	case "0":
		return s[:i], 0, true
	case "1":
		return s[:i], 1, true
	}
	return "", 0, false
}

func (rd *reader) cellTree(tree val, specs []hnn.SectionSpec, index map[string]int) {
	n0 := len(rd.errs)
	set := make([]bool, len(specs))
	tree.each(func(key string, kids val) {
		ps, pe, ok := parseNode(key)
		if !ok {
			rd.failf(kids.path, "key %q: want \"section,0\" or \"section,1\"", key)
			return
		}
		if _, ok := index[ps]; !ok {
			rd.failf(kids.path, "%q is not a section of the cell", ps)
			return
		}
		for _, k := range kids.items() {
			ks := k.str()
			if k.n.kind != kString {
				continue
			}
			cs, ce, ok := parseNode(ks)
			if !ok {
				rd.failf(k.path, "%q: want \"section,0\" or \"section,1\"", ks)
				continue
			}
			ci, ok := index[cs]
			switch {
			case !ok:
				rd.failf(k.path, "%q is not a section of the cell", cs)
			case cs == ps:
				// the section's own 0 -> 1 link; HNN-core skips it
			case ce != 0:
				rd.failf(k.path, "%q attaches %s by its 1 end; Lamina attaches sections by their 0 end", ks, cs)
			case cs == "soma":
				rd.failf(k.path, "%q: the soma is the root and has no parent", ks)
			case set[ci]:
				rd.failf(k.path, "%q: section %s is attached twice", ks, cs)
			default:
				set[ci] = true
				specs[ci].Parent, specs[ci].ParentX = ps, float64(pe)
			}
		}
	})
	if len(rd.errs) > n0 {
		return
	}
	// Every section must hang from the soma.
	reach := map[string]bool{"soma": true}
	for changed := true; changed; {
		changed = false
		for _, s := range specs {
			if !reach[s.Name] && s.Parent != "" && reach[s.Parent] {
				reach[s.Name], changed = true, true
			}
		}
	}
	for _, s := range specs {
		if !reach[s.Name] {
			rd.failf(tree.path, "section %q is not connected to the soma", s.Name)
		}
	}
}

// laidOut reports whether the end points already follow the lengths and the
// tree, as HNN-core writes them (Cell._update_end_pts ran before to_dict).
// If they do not, the cell is laid out as HNN-core lays it out on reading.
func laidOut(specs []hnn.SectionSpec, index map[string]int) bool {
	near := func(a, b morph.Point3D) bool {
		d := a.Sub(b).Norm()
		return d <= 1e-6*(1+math.Max(a.Sub(morph.Point3D{}).Norm(), b.Sub(morph.Point3D{}).Norm()))
	}
	for _, s := range specs {
		if l := s.Ends[1].Sub(s.Ends[0]).Norm(); math.Abs(l-s.L) > 1e-6*s.L {
			return false
		}
		if s.Parent != "" {
			p := specs[index[s.Parent]]
			at := p.Ends[0]
			if s.ParentX == 1 {
				at = p.Ends[1]
			}
			if !near(s.Ends[0], at) {
				return false
			}
		}
	}
	return true
}

// attach moves each section, parents first, so that its 0 end is where its
// parent holds it, as NEURON's define_shape does when HNN-core builds the
// cell (HNN-core's own layout leaves float rounding offsets such as
// 2.8e-14 µm there); NEURON then rescales the section to its length L
// about that point. The points are NEURON's single-precision values, and
// each section's end points become what NEURON holds (models/hnn.BuildCell
// of the one section), which its children then attach to.
func attach(specs []hnn.SectionSpec, index map[string]int) {
	f32p := func(p morph.Point3D) morph.Point3D {
		return morph.Point3D{X: float64(float32(p.X)), Y: float64(float32(p.Y)), Z: float64(float32(p.Z))}
	}
	done := make([]bool, len(specs))
	final := make([][2]morph.Point3D, len(specs))
	for left := len(specs); left > 0; {
		progress := false
		for i := range specs {
			s := &specs[i]
			pi, hasParent := index[s.Parent]
			if done[i] || hasParent && !done[pi] {
				continue
			}
			e := [2]morph.Point3D{f32p(s.Ends[0]), f32p(s.Ends[1])}
			if hasParent {
				at := final[pi][0]
				if s.ParentX == 1 {
					at = final[pi][1]
				}
				d := at.Sub(e[0])
				e[0], e[1] = at, f32p(add(e[1], d))
			}
			s.Ends = e
			one := hnn.BuildCell("", []hnn.SectionSpec{{Name: s.Name, L: s.L, Diam: 1, Cm: 1, Ra: 1, NSeg: 1, Ends: e}}, false, nil)
			final[i] = *one.Sections[0].Ends
			done[i], progress = true, true
			left--
		}
		if !progress {
			return // a cycle; reported by cellTree
		}
	}
}

func add(p, q morph.Point3D) morph.Point3D {
	return morph.Point3D{X: p.X + q.X, Y: p.Y + q.Y, Z: p.Z + q.Z}
}

// paints turns the sections' mechs into cell paints: the sections that
// insert a mechanism with identical parameters share one paint, in the
// order the file first names them. "gbar_ar" of mechanism "ar" becomes
// parameter "gbar"; a list [[x...], [value...]] becomes a segments profile.
func (rd *reader) paints(specs []hnn.SectionSpec, mechsOf func(int) ([]string, []val)) []cell.Paint {
	var out []cell.Paint
	byKey := map[string]int{}
	for i, s := range specs {
		names, vals := mechsOf(i)
		nseg := nsegRule(s.L)
		for k, mname := range names {
			params := map[string]cell.Profile{}
			vals[k].each(func(key string, pv val) {
				suffix := "_" + mname
				if !strings.HasSuffix(key, suffix) || len(key) == len(suffix) {
					rd.failf(pv.path, "key %q does not end in %q (HNN-core's keys are <parameter>_<mechanism>, e.g. gbar_ar)", key, suffix)
					return
				}
				if prof, ok := rd.profile(pv, nseg); ok {
					params[strings.TrimSuffix(key, suffix)] = prof
				}
			})
			key := mname + "\x00" + profilesKey(params)
			if j, ok := byKey[key]; ok {
				out[j].Sections = append(out[j].Sections, s.Name)
				continue
			}
			byKey[key] = len(out)
			p := cell.Paint{Mech: mname, Sections: []string{s.Name}}
			if len(params) > 0 {
				p.Params = params
			}
			out = append(out, p)
		}
	}
	return out
}

// profile reads a parameter value: a number, or HNN-core's per-segment
// [[x, ...], [value, ...]] (the xs, segment centres, are not needed: values
// go to the segments in order, as HNN-core's _set_biophysics assigns them).
func (rd *reader) profile(v val, nseg int) (cell.Profile, bool) {
	if v.n.kind == kNumber {
		f := v.float()
		if !finite(f) {
			return cell.Profile{}, false
		}
		return cell.Value(f), true
	}
	var parts []val
	if v.n.kind == kArray {
		parts = v.items()
	}
	if len(parts) != 2 {
		rd.failf(v.path, "got %s, want a number or [[x, ...], [value, ...]]", v.n.short())
		return cell.Profile{}, false
	}
	xs, ys := parts[0].items(), parts[1].items()
	if len(xs) != nseg || len(ys) != nseg {
		rd.failf(v.path, "%d positions and %d values for nseg = %d segments", len(xs), len(ys), nseg)
		return cell.Profile{}, false
	}
	vals := make([]float64, nseg)
	for i, y := range ys {
		vals[i] = y.float()
		xs[i].float()
	}
	return cell.Profile{Kind: cell.Segments, Values: vals}, true
}

func profilesKey(params map[string]cell.Profile) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		p := params[k]
		fmt.Fprintf(&b, "%s=%s:%s", k, p.Kind, strconv.FormatFloat(p.Value, 'g', -1, 64))
		for _, v := range p.Values {
			b.WriteString("," + strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteByte(';')
	}
	return b.String()
}

// gidRanges reads gid_ranges: name -> [start, stop).
func (rd *reader) gidRanges(v val) map[string][2]int {
	out := map[string][2]int{}
	v.each(func(name string, r val) {
		start, stop := r.field("start").int(), r.field("stop").int()
		if r.ok() && r.n.kind == kObject && (start < 0 || stop < start) {
			rd.failf(r.path, "[%d, %d) is not a range of gids", start, stop)
		}
		out[name] = [2]int{start, stop}
	})
	return out
}

// checkRanges compares the gid ranges Lamina assigns (populations in
// cell_types order, then drives) with the file's.
func (rd *reader) checkRanges(net *model.Network, file map[string][2]int, v val) {
	mine := map[string]bool{}
	for _, r := range net.Ranges() {
		mine[r.Name] = true
		f, ok := file[r.Name]
		switch {
		case !ok:
			rd.failf(v.path, "no entry for %q", r.Name)
		case f[0] != int(r.First) || f[1] != int(r.First)+r.N:
			rd.failf(join(v.path, r.Name), "[%d, %d), but the cell types and drives give [%d, %d) (%d gids)",
				f[0], f[1], r.First, int(r.First)+r.N, r.N)
		}
	}
	v.each(func(name string, r val) {
		if !mine[name] {
			rd.failf(r.path, "%q is neither a cell type nor a drive", name)
		}
	})
}

// checkDrivePositions checks that drive cells sit at the origin, where
// Lamina puts them.
func (rd *reader) checkDrivePositions(net *model.Network, posDict val) {
	for i := range net.Drives {
		d := &net.Drives[i]
		pv, ok := posDict.opt(d.Name)
		if !ok {
			continue
		}
		pts := pv.items()
		if n := net.DriveCells(d); pv.n.kind == kArray && len(pts) != n {
			rd.failf(pv.path, "%d positions for %d drive cells", len(pts), n)
		}
		for _, e := range pts {
			if p := model.Position(e.point()); p != net.Origin {
				rd.failf(e.path, "%v, but drive cells sit at the origin %v", p, net.Origin)
				break
			}
		}
	}
}

// weights reads a drive's weights_ampa or weights_nmda: null or cell
// type -> weight (µS).
func (rd *reader) weights(v val, known map[string]bool) map[string]float64 {
	if v.isNull() || !v.ok() {
		return nil
	}
	out := map[string]float64{}
	v.each(func(t string, w val) {
		if !known[t] {
			rd.failf(w.path, "%q is not a cell type of the network", t)
		}
		out[t] = w.nonNegative()
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// perType reads a number (the same for every target) or a cell type ->
// number map covering exactly the targets, as HNN-core requires of
// synaptic_delays and probability.
func (rd *reader) perType(v val, targets []string, known map[string]bool, check func(val) float64) map[string]float64 {
	out := map[string]float64{}
	if !v.ok() {
		return out
	}
	if v.n.kind == kNumber {
		f := check(v)
		for _, t := range targets {
			out[t] = f
		}
		return out
	}
	if v.n.kind != kObject {
		rd.failf(v.path, "got %s, want a number or an object of cell types", v.n.short())
		return out
	}
	v.each(func(t string, e val) {
		if !known[t] || !slices.Contains(targets, t) {
			rd.failf(e.path, "%q is not a target of the drive (targets: %s)", t, strings.Join(targets, ", "))
		}
		out[t] = check(e)
	})
	for _, t := range targets {
		if _, ok := out[t]; !ok {
			rd.failf(v.path, "no value for target %q", t)
		}
	}
	return out
}

func (v val) probability() float64 {
	f := v.float()
	if v.n != nil && v.n.kind == kNumber && !(f > 0 && f <= 1) {
		v.r.failf(v.path, "%s, must be in (0, 1]", v.n.num)
	}
	return f
}

// optTime reads a time that may be null (the end of the run): null -> 0.
// An explicit 0 is refused, since Lamina reads 0 as "the end of the run".
func (v val) optTime() float64 {
	if !v.ok() || v.isNull() {
		return 0
	}
	f := v.nonNegative()
	if f == 0 && v.n.kind == kNumber {
		v.r.failf(v.path, "0: Lamina reads a stop time of 0 as the end of the run; use null for that")
	}
	return f
}

func (rd *reader) drive(net *model.Network, name string, v val, legacy bool) (drive.Drive, bool) {
	n0 := len(rd.errs)
	known := map[string]bool{}
	for _, t := range net.CellTypes() {
		known[t] = true
	}
	d := drive.Drive{Name: name}
	v.ignore("events") // outputs of a run
	if nv, ok := v.opt("name"); ok {
		if s := nv.str(); nv.n.kind == kString && s != name {
			rd.failf(nv.path, "%q, but the drive's key is %q", s, name)
		}
	}
	tv := v.field("type")
	switch typ := tv.str(); typ {
	case "evoked", "gaussian":
		d.Type = drive.Evoked
	case drive.Poisson, drive.Bursty, drive.SpikeTrain:
		d.Type = typ
	default:
		if tv.ok() && tv.n.kind == kString {
			rd.failf(tv.path, "%q, want evoked, gaussian, poisson, bursty or spike_train", typ)
		}
	}
	d.Location = v.field("location").str()
	d.CellSpecific = v.field("cell_specific").boolean()
	d.EventSeed = v.field("event_seed").int()
	if cs := v.field("conn_seed"); !cs.isNull() {
		d.ConnSeed = cs.int()
	}
	for _, f := range []struct {
		v    val
		seed int
	}{{v.field("event_seed"), d.EventSeed}, {v.field("conn_seed"), d.ConnSeed}} {
		if f.seed < 0 {
			rd.failf(f.v.path, "%d, must be >= 0", f.seed)
		}
	}
	d.WeightsAMPA = rd.weights(v.field("weights_ampa"), known)
	d.WeightsNMDA = rd.weights(v.field("weights_nmda"), known)
	targets := d.TargetTypes(net.CellTypes())
	if len(targets) == 0 && len(rd.errs) == n0 {
		rd.failf(v.path, "no target cell type has a weight (weights_ampa, weights_nmda)")
	}
	d.SynapticDelays = rd.perType(v.field("synaptic_delays"), targets, known, val.nonNegative)
	prob := rd.perType(v.field("probability"), targets, known, val.probability)
	for t, p := range prob {
		if p == 1 {
			delete(prob, t) // missing means 1
		}
	}
	if len(prob) > 0 {
		d.Probability = prob
	}
	if legacy {
		// HNN-core's legacy mode connects every drive to every cell type,
		// with AMPA weight 0 and delay 0.1 ms where none was given.
		for _, t := range net.CellTypes() {
			if !slices.Contains(targets, t) {
				if d.WeightsAMPA == nil {
					d.WeightsAMPA = map[string]float64{}
				}
				d.WeightsAMPA[t] = 0
				d.SynapticDelays[t] = 0.1
			}
		}
		targets = d.TargetTypes(net.CellTypes())
	}
	if tt, ok := v.opt("target_types"); ok {
		var got []string
		for _, e := range tt.items() {
			got = append(got, e.str())
		}
		if tt.n.kind == kArray && !sameSet(got, targets) {
			rd.failf(tt.path, "%v, but the weights give %v", got, targets)
		}
	}

	ndc := v.field("n_drive_cells")
	n := 0
	if ndc.ok() && ndc.n.kind == kString && ndc.n.str == "n_cells" && d.CellSpecific {
		n = -1 // derived
	} else {
		n = ndc.int()
	}
	dyn := v.field("dynamics")
	switch d.Type {
	case drive.Evoked:
		d.Evoked = &drive.EvokedParams{MuMs: dyn.field("mu").float(), SigmaMs: dyn.field("sigma").nonNegative(),
			NumSpikes: dyn.field("numspikes").int()}
	case drive.Poisson:
		p := &drive.PoissonParams{TStartMs: dyn.field("tstart").nonNegative(), TStopMs: dyn.field("tstop").optTime()}
		rc := dyn.field("rate_constant")
		switch {
		case rc.ok() && rc.n.kind == kObject:
			p.RateByType = map[string]float64{}
			rc.each(func(t string, r val) {
				if !known[t] {
					rd.failf(r.path, "%q is not a cell type of the network", t)
				}
				p.RateByType[t] = r.positive()
			})
		default:
			p.RateHz = rc.positive()
		}
		d.Poisson = p
	case drive.Bursty:
		d.Bursty = &drive.BurstyParams{
			TStartMs: dyn.field("tstart").nonNegative(), TStartStdMs: dyn.field("tstart_std").nonNegative(),
			TStopMs: dyn.field("tstop").optTime(), BurstRateHz: dyn.field("burst_rate").positive(),
			BurstStdMs: dyn.field("burst_std").nonNegative(), NumSpikes: dyn.field("numspikes").int(),
			SpikeISIMs: dyn.field("spike_isi").nonNegative(),
		}
	case drive.SpikeTrain:
		st := &drive.SpikeTrainParams{NCells: n}
		for _, t := range dyn.field("times").items() {
			st.TimesMs = append(st.TimesMs, t.nonNegative())
		}
		for _, g := range dyn.field("gids").items() {
			c := g.int()
			if g.n.kind == kNumber && (c < 0 || c >= n) {
				rd.failf(g.path, "%d, must be in [0, n_drive_cells = %d)", c, n)
			}
			st.Cells = append(st.Cells, c)
		}
		if len(st.Cells) != len(st.TimesMs) {
			rd.failf(dyn.path, "%d times but %d gids", len(st.TimesMs), len(st.Cells))
		}
		d.SpikeTrain = st
		if d.CellSpecific {
			rd.failf(join(v.path, "cell_specific"), "true, but spike_train drives cannot be cell-specific")
		}
	}
	// HNN-core's default space constant for the type, until the drive's
	// connectivity entries give the one it was made with.
	d.SpaceConstant = 3
	if d.Type == drive.Poisson || d.Type == drive.Bursty {
		d.SpaceConstant = 100
	}
	if len(rd.errs) > n0 {
		return d, false
	}
	if d.CellSpecific {
		if want := net.DriveCells(&d); n != -1 && n != want {
			rd.failf(ndc.path, "%d, but a cell-specific drive has one cell per target cell: %d", n, want)
		}
	} else {
		if n < 1 {
			rd.failf(ndc.path, "%d, must be >= 1", n)
		}
		d.NDriveCells = n
	}
	if err := d.Validate(net.CellTypes()); err != nil && len(rd.errs) == n0 {
		rd.failf(v.path, "%v", err)
	}
	return d, len(rd.errs) == n0
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// biases reads external_biases: bias name -> cell type -> {amplitude, t0,
// tstop, section[, loc]}.
func (rd *reader) biases(net *model.Network, v val) []model.Bias {
	var out []model.Bias
	v.each(func(name string, per val) {
		per.each(func(t string, b val) {
			p, ok := net.Population(t)
			if !ok {
				rd.failf(b.path, "%q is not a cell type of the network", t)
				return
			}
			bias := model.Bias{Name: name, CellType: t, Section: "soma", X: 0.5,
				AmplitudeNA: b.field("amplitude").float(), T0Ms: b.field("t0").nonNegative()}
			if s, ok := b.opt("section"); ok {
				bias.Section = s.str()
				if _, ok := p.Cell.Index(bias.Section); s.n.kind == kString && !ok {
					rd.failf(s.path, "%q is not a section of %s", bias.Section, t)
				}
			}
			if x, ok := b.opt("loc"); ok {
				bias.X = x.float()
				if x.n.kind == kNumber && !(bias.X >= 0 && bias.X <= 1) {
					rd.failf(x.path, "%s, must be in [0, 1]", x.n.num)
				}
			}
			if ts, ok := b.opt("tstop"); ok {
				bias.TStopMs = ts.optTime()
			}
			out = append(out, bias)
		})
	})
	return out
}

// fileConn is a connectivity entry of a drive, checked against the
// connections the drive implies.
type fileConn struct {
	path  string
	c     model.Connection
	pairs [][2]model.GID
}

func (rd *reader) connectivity(net *model.Network, v val) {
	n0 := len(rd.errs)
	byDrive := map[string][]fileConn{}
	for _, cv := range v.items() {
		c, pairs, ok := rd.connection(net, cv)
		if !ok {
			continue
		}
		if r, _ := net.RangeOf(c.Src); r.Kind == record.KindDrive {
			byDrive[c.Src] = append(byDrive[c.Src], fileConn{cv.path, c, pairs})
			continue
		}
		net.Connections = append(net.Connections, c)
	}
	if len(rd.errs) > n0 {
		return
	}
	// HNN-core stores a drive's connections in connectivity too; Lamina
	// derives them from the drive. Take the weights, delays and space
	// constant from the entries (what HNN-core simulates), then check that
	// the drive implies exactly these connections.
	for i := range net.Drives {
		d := &net.Drives[i]
		got := byDrive[d.Name]
		if len(got) > 0 {
			d.SpaceConstant = got[0].c.Lamtha
		}
		delay := map[string]float64{}
		for _, g := range got {
			if prev, ok := delay[g.c.Target]; ok && prev != g.c.DelayMs {
				rd.failf(g.path, "drive %q: A_delay %g, but its connection onto %s before has %g: Lamina has one delay per target",
					d.Name, g.c.DelayMs, g.c.Target, prev)
			}
			delay[g.c.Target] = g.c.DelayMs
			switch {
			case g.c.Receptor == "ampa" && hasKey(d.WeightsAMPA, g.c.Target):
				d.WeightsAMPA[g.c.Target] = g.c.WeightUS
			case g.c.Receptor == "nmda" && hasKey(d.WeightsNMDA, g.c.Target):
				d.WeightsNMDA[g.c.Target] = g.c.WeightUS
			}
			if hasKey(d.SynapticDelays, g.c.Target) {
				d.SynapticDelays[g.c.Target] = g.c.DelayMs
			}
		}
	}
	if len(rd.errs) > n0 {
		return
	}
	all := net.AllConnections()
	want := map[string][]model.Connection{}
	for _, c := range all[len(net.Connections):] {
		want[c.Src] = append(want[c.Src], c)
	}
	for i := range net.Drives {
		name := net.Drives[i].Name
		rd.checkDriveConns(net, name, want[name], byDrive[name], v.path)
	}
}

func hasKey(m map[string]float64, k string) bool {
	_, ok := m[k]
	return ok
}

func (rd *reader) checkDriveConns(net *model.Network, name string, want []model.Connection, got []fileConn, path string) {
	if len(got) != len(want) {
		var w []string
		for _, c := range want {
			w = append(w, c.Target+"/"+c.Receptor)
		}
		rd.failf(path, "drive %q has %d entries, but its parameters imply %d connections (%s), which Lamina derives from the drive",
			name, len(got), len(want), strings.Join(w, ", "))
		return
	}
	for k, g := range got {
		w := want[k]
		var diff []string
		if g.c.Target != w.Target || g.c.Receptor != w.Receptor {
			diff = append(diff, fmt.Sprintf("target %s/%s, want %s/%s", g.c.Target, g.c.Receptor, w.Target, w.Receptor))
		}
		if g.c.Loc != w.Loc {
			diff = append(diff, fmt.Sprintf("loc %q, want the drive's location %q", g.c.Loc, w.Loc))
		}
		if g.c.DelayMs != w.DelayMs {
			diff = append(diff, fmt.Sprintf("A_delay %g, but the drive's other connection onto %s has %g", g.c.DelayMs, w.Target, w.DelayMs))
		}
		if g.c.Lamtha != w.Lamtha {
			diff = append(diff, fmt.Sprintf("lamtha %g, but the drive's first connection has %g", g.c.Lamtha, w.Lamtha))
		}
		if g.c.Gain != 1 {
			diff = append(diff, fmt.Sprintf("gain %g: drive connections have gain 1 in Lamina", g.c.Gain))
		}
		if len(diff) > 0 {
			rd.failf(g.path, "drive %q: %s", name, strings.Join(diff, "; "))
			continue
		}
		pairs, err := net.Pairs(&w)
		if err != nil {
			rd.failf(g.path, "drive %q: %v", name, err)
			continue
		}
		if !slices.Equal(pairs, g.pairs) {
			k := 0
			for k < len(pairs) && k < len(g.pairs) && pairs[k] == g.pairs[k] {
				k++
			}
			at := func(ps [][2]model.GID) string {
				if k < len(ps) {
					return fmt.Sprintf("%d -> %d", ps[k][0], ps[k][1])
				}
				return "none"
			}
			rd.failf(join(g.path, "gid_pairs"), "%d pairs, pair %d is %s; drive %q implies %d pairs, pair %d %s (from cell_specific, n_drive_cells, probability, conn_seed)",
				len(g.pairs), k, at(g.pairs), name, len(pairs), k, at(pairs))
		}
	}
}

// connection reads one connectivity entry: explicit pairs, or none (an
// all-to-all rule) when the pairs are exactly what all-to-all gives.
func (rd *reader) connection(net *model.Network, v val) (model.Connection, [][2]model.GID, bool) {
	n0 := len(rd.errs)
	c := model.Connection{Probability: 1}
	// HNN-core's reader derives these from gid_pairs, and so does Lamina
	v.ignore("src_gids", "target_gids", "num_srcs", "num_targets")
	sv, tv := v.field("src_type"), v.field("target_type")
	c.Src, c.Target = sv.str(), tv.str()
	src, okSrc := net.RangeOf(c.Src)
	if sv.ok() && sv.n.kind == kString && !okSrc {
		rd.failf(sv.path, "%q is neither a cell type nor a drive (known: %s)", c.Src, strings.Join(rangeNames(net), ", "))
	}
	tgt, okTgt := net.RangeOf(c.Target)
	if tv.ok() && tv.n.kind == kString && (!okTgt || (tgt.Kind == record.KindDrive)) {
		rd.failf(tv.path, "%q is not a cell type (cell types: %s)", c.Target, strings.Join(net.CellTypes(), ", "))
		okTgt = false
	}
	lv, rv := v.field("loc"), v.field("receptor")
	c.Loc, c.Receptor = lv.str(), rv.str()
	if okTgt && lv.ok() && rv.ok() && lv.n.kind == kString && rv.n.kind == kString {
		if secs, err := net.TargetSections(c.Target, c.Loc); err != nil {
			rd.failf(lv.path, "%v", err)
		} else {
			p, _ := net.Population(c.Target)
			for _, s := range secs {
				if !hasPoint(p.Cell, model.SynapseName(s, c.Receptor)) {
					rd.failf(rv.path, "%q: section %s of %s has no %s synapse", c.Receptor, s, c.Target, c.Receptor)
					break
				}
			}
		}
	}
	nc := v.field("nc_dict")
	c.WeightUS = nc.field("A_weight").nonNegative()
	c.DelayMs = nc.field("A_delay").nonNegative()
	c.Lamtha = nc.field("lamtha").positive()
	c.Gain = 1
	if g, ok := nc.opt("gain"); ok {
		c.Gain = g.nonNegative()
	}
	if t, ok := nc.opt("threshold"); ok {
		if f := t.float(); t.n.kind == kNumber && f != net.ThresholdMV {
			rd.failf(t.path, "%s, but the network's threshold is %g: Lamina has one threshold for all cells", t.n.num, net.ThresholdMV)
		}
	}
	c.AllowAutapses = v.field("allow_autapses").boolean()
	v.field("probability").probability()
	if okSrc && !(src.Kind == record.KindDrive) && c.DelayMs == 0 {
		rd.failf(join(nc.path, "A_delay"), "0, must be > 0 between cells")
	}
	var pairs [][2]model.GID
	gp := v.field("gid_pairs")
	gp.each(func(key string, tl val) {
		s, err := strconv.Atoi(key)
		if err != nil {
			rd.failf(tl.path, "key %q is not a gid", key)
			return
		}
		if okSrc && !src.Contains(model.GID(s)) {
			rd.failf(tl.path, "source gid %d is not a %s gid [%d, %d)", s, c.Src, src.First, int(src.First)+src.N)
			return
		}
		for _, t := range tl.items() {
			g := t.int()
			if t.n.kind == kNumber && okTgt && !tgt.Contains(model.GID(g)) {
				rd.failf(t.path, "target gid %d is not a %s gid [%d, %d)", g, c.Target, tgt.First, int(tgt.First)+tgt.N)
				continue
			}
			pairs = append(pairs, [2]model.GID{model.GID(s), model.GID(g)})
		}
	})
	if len(rd.errs) > n0 || !okSrc || !okTgt {
		return c, nil, false
	}
	if !allToAll(pairs, src, tgt, c.AllowAutapses) {
		c.Pairs = make([][2]int, len(pairs)) // non-nil even when empty: no pairs
		for k, p := range pairs {
			c.Pairs[k] = [2]int{int(p[0] - src.First), int(p[1] - tgt.First)}
		}
	}
	return c, pairs, true
}

// allToAll reports whether pairs are, in order, what an all-to-all rule
// gives (model.Network.Pairs with no Pairs and probability 1).
func allToAll(pairs [][2]model.GID, src, tgt model.Range, autapses bool) bool {
	k := 0
	for i := 0; i < src.N; i++ {
		s := src.First + model.GID(i)
		for j := 0; j < tgt.N; j++ {
			t := tgt.First + model.GID(j)
			if s == t && !autapses {
				continue
			}
			if k >= len(pairs) || pairs[k] != [2]model.GID{s, t} {
				return false
			}
			k++
		}
	}
	return k == len(pairs)
}

func hasPoint(c *cell.Cell, name string) bool {
	for _, p := range c.Points {
		if p.Name == name {
			return true
		}
	}
	return false
}

func rangeNames(net *model.Network) []string {
	var out []string
	for _, r := range net.Ranges() {
		out = append(out, r.Name)
	}
	return out
}
