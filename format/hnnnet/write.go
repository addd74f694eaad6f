package hnnnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/laminasim/lamina/record"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/format/safefile"
	"github.com/laminasim/lamina/mech/neuron"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/morph"
)

// Write writes net in HNN-core's network configuration format, with the
// keys and structure of hnn_core.write_network_configuration (indented by 4
// spaces, as HNN-core indents), so that read_network_configuration reads
// it back. Parts HNN-core's format cannot hold are errors naming the
// population, section, connection or drive; see the package documentation.
func Write(w io.Writer, net *model.Network) error {
	root, err := encodeNetwork(net)
	if err != nil {
		return err
	}
	var compact, out bytes.Buffer
	root.encode(&compact)
	if err := json.Indent(&out, compact.Bytes(), "", "    "); err != nil {
		return fmt.Errorf("hnnnet: %w", err)
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("hnnnet: %w", err)
	}
	return nil
}

// WriteFile writes net to path (see Write), atomically: a failed write
// leaves any existing file untouched.
func WriteFile(path string, net *model.Network) error {
	return safefile.Write(path, func(w io.Writer) error { return Write(w, net) })
}

// writer collects the reasons a network cannot be written.
type writer struct {
	errs []error
}

func (wr *writer) failf(format string, a ...any) {
	wr.errs = append(wr.errs, fmt.Errorf("hnnnet: "+format, a...))
}

func encodeNetwork(net *model.Network) (*node, error) {
	wr := &writer{}
	// NEURON-style networks (explicit NetCons, a cell's own NetStims,
	// connections onto a named synapse) have no counterpart in HNN-core's
	// file, which holds only its grid, connectivity rules and drives.
	var why []string
	if len(net.NetCons) > 0 {
		why = append(why, fmt.Sprintf("netcons: %d explicit gid-to-gid NetCons", len(net.NetCons)))
	}
	for _, p := range net.Populations {
		if p.Cell != nil && len(p.Cell.Stims) > 0 {
			why = append(why, fmt.Sprintf("populations[%s].cell.stims: %d NetStims inside the cell", p.Name, len(p.Cell.Stims)))
		}
	}
	for i, c := range net.Connections {
		if c.Synapse != "" {
			why = append(why, fmt.Sprintf("connections[%d].synapse = %q: a named synapse, not a receptor and location", i, c.Synapse))
			break
		}
	}
	if len(why) > 0 {
		return nil, fmt.Errorf("hnnnet: %s is a NEURON-style network (%s); HNN-core's network configuration holds only HNN-core's grid, connectivity rules and drives: write a Lamina model file instead", net.Name, strings.Join(why, "; "))
	}
	if net.MeshShape[0] < 1 || net.MeshShape[1] < 1 {
		wr.failf("mesh_shape = %v: HNN-core needs N_pyr_x, N_pyr_y >= 1", net.MeshShape)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"threshold_mV", net.ThresholdMV}, {"celsius", net.Celsius}} {
		if !finite(f.v) {
			wr.failf("%s = %g, must be finite", f.name, f.v)
		}
	}
	if !(net.InplaneDistanceUm > 0) || !finite(net.InplaneDistanceUm) {
		wr.failf("inplane_distance_um = %g, must be finite and > 0", net.InplaneDistanceUm)
	}
	if len(wr.errs) > 0 {
		return nil, errors.Join(wr.errs...)
	}
	// HNN-core's files hold no in-plane distance (it is always 1 µm when
	// read); scaling the space constants keeps every weight and delay.
	scale := net.InplaneDistanceUm

	implied := wr.legacyImplied(net)
	root := obj().
		set("object_type", str("Network")).
		set("legacy_mode", boolean(implied != nil)).
		set("N_pyr_x", integer(net.MeshShape[0])).
		set("N_pyr_y", integer(net.MeshShape[1])).
		set("celsius", number(net.Celsius))
	types := obj()
	for i := range net.Populations {
		types.set(net.Populations[i].Name, wr.cellType(&net.Populations[i]))
	}
	root.set("cell_types", types)
	ranges := obj()
	for _, r := range net.Ranges() {
		ranges.set(r.Name, obj().set("start", integer(int(r.First))).set("stop", integer(int(r.First)+r.N)))
	}
	root.set("gid_ranges", ranges)
	pos := obj()
	point := func(p [3]float64) *node { return floats(p[:]) }
	for i := range net.Populations {
		ps := arr()
		for _, p := range net.Populations[i].Positions {
			ps.add(point(p))
		}
		pos.set(net.Populations[i].Name, ps)
	}
	pos.set(originKey, point(net.Origin))
	for i := range net.Drives {
		ps := arr()
		for range net.DriveCells(&net.Drives[i]) {
			ps.add(point(net.Origin))
		}
		pos.set(net.Drives[i].Name, ps)
	}
	root.set("pos_dict", pos)
	root.set("cell_response", obj())
	drives := obj()
	for i := range net.Drives {
		drives.set(net.Drives[i].Name, wr.drive(net, &net.Drives[i], implied[net.Drives[i].Name]))
	}
	root.set("external_drives", drives)
	root.set("external_biases", wr.biases(net))
	root.set("connectivity", wr.connectivity(net, scale))
	root.set("rec_arrays", obj())
	root.set("threshold", number(net.ThresholdMV))
	root.set("delay", number(1)) // HNN-core's default; Lamina's connections carry their own delays
	if len(wr.errs) > 0 {
		return nil, errors.Join(wr.errs...)
	}
	return root, nil
}

// layerOfName returns the layer number of a cell type named like
// HNN-core's, "L5_basket" -> "5".
func layerOfName(name string) string {
	rest, ok := strings.CutPrefix(name, "L")
	digits, _, ok2 := strings.Cut(rest, "_")
	if !ok || !ok2 || digits == "" || strings.Trim(digits, "0123456789") != "" {
		return ""
	}
	return digits
}

func (wr *writer) cellType(p *model.Population) *node {
	md, known := defaultMetadata(p.Name)
	md.electroType = p.ElectroType
	md.measureDipole = p.Dipole != nil
	if d := p.Dipole; d != nil {
		if d.Axis != dipoleAxis {
			wr.failf("population %q: dipole axis_section %q: HNN-core measures dipoles along %q only", p.Name, d.Axis, dipoleAxis)
		}
		if !strings.HasPrefix(d.Layer, "L") || len(d.Layer) == 1 {
			wr.failf("population %q: dipole layer %q: HNN-core's layers are L<number> (layer \"2\" is L2)", p.Name, d.Layer)
		}
		md.layer = strings.TrimPrefix(d.Layer, "L")
		if !known {
			md.morphoType = "pyramidal"
		}
	} else if !known {
		md.layer = layerOfName(p.Name)
	}
	meta := obj()
	if md.morphoType != "" {
		meta.set("morpho_type", str(md.morphoType))
	}
	if md.electroType != "" {
		meta.set("electro_type", str(md.electroType))
	}
	if md.layer != "" {
		meta.set("layer", str(md.layer))
	}
	meta.set("measure_dipole", boolean(md.measureDipole))
	if known {
		meta.set("reference", str(md.reference)).set("color", str(md.color)).set("marker", str(md.marker))
	}
	return obj().set("cell_object", wr.cell(p)).set("cell_metadata", meta)
}

// exp2synDefaults returns Exp2Syn's e, tau1, tau2 defaults.
func exp2synDefaults() map[string]float64 {
	out := map[string]float64{}
	for _, f := range neuron.Exp2Syn().Params {
		out[f.Name] = f.Default
	}
	return out
}

type secMech struct {
	name   string
	keys   []string
	params map[string]cell.Profile
}

func (wr *writer) cell(p *model.Population) *node {
	c := p.Cell
	where := fmt.Sprintf("population %q", p.Name)
	if c == nil {
		wr.failf("%s: no cell", where)
		return null()
	}
	if err := c.Morphology.Validate(); err != nil {
		wr.failf("%s: %v", where, err)
		return null()
	}
	n0 := len(wr.errs)
	soma, ok := c.Index("soma")
	if !ok || c.Sections[soma].Parent != "" {
		wr.failf("%s: HNN-core cells have a root section named soma", where)
	}
	if d := c.Detector; d == nil || d.Section != "soma" || d.X != 0.5 {
		wr.failf("%s: HNN-core detects spikes at soma(0.5) only (detector %+v)", where, c.Detector)
	}
	if len(c.Globals) > 0 {
		wr.failf("%s: mechanism globals %v: HNN-core's files have no place for them", where, sortedKeys(c.Globals))
	}

	// Synapses: Exp2Syn named <section>_<receptor> at 0.5.
	defaults := exp2synDefaults()
	syns := make([][]string, len(c.Sections))
	var recOrder []string
	recParams := map[string][3]float64{}
	for _, pt := range c.Points {
		id, ok := c.Index(pt.Section)
		rec := strings.TrimPrefix(pt.Name, pt.Section+"_")
		switch {
		case pt.Mech != "Exp2Syn":
			wr.failf("%s: point process %q is a %s: HNN-core's cells hold Exp2Syn synapses only", where, pt.Name, pt.Mech)
			continue
		case !ok || rec == pt.Name || rec == "":
			wr.failf("%s: synapse %q on section %q: HNN-core names synapses <section>_<receptor>", where, pt.Name, pt.Section)
			continue
		case pt.X != 0.5:
			wr.failf("%s: synapse %q at x = %g: HNN-core places synapses at 0.5", where, pt.Name, pt.X)
			continue
		}
		vals := [3]float64{}
		for k, name := range []string{"e", "tau1", "tau2"} {
			vals[k] = defaults[name]
			if v, ok := pt.Params[name]; ok {
				vals[k] = v
			}
		}
		for name := range pt.Params {
			if name != "e" && name != "tau1" && name != "tau2" {
				wr.failf("%s: synapse %q: parameter %q has no place in HNN-core's synapses (e, tau1, tau2)", where, pt.Name, name)
			}
		}
		if prev, seen := recParams[rec]; seen && prev != vals {
			wr.failf("%s: receptor %q has e, tau1, tau2 = %v on one section and %v on another; HNN-core has one set per cell", where, rec, prev, vals)
		} else if !seen {
			recParams[rec] = vals
			recOrder = append(recOrder, rec)
		}
		syns[id] = append(syns[id], rec)
	}

	// Mechanisms, resolved per section: later paints override earlier
	// ones, as in NEURON.
	perSec := make([][]secMech, len(c.Sections))
	for pi, pa := range c.Mechanisms {
		ids, err := c.SectionIDs(pa.Sections)
		if err != nil {
			wr.failf("%s: mechanisms[%d] (%s): %v", where, pi, pa.Mech, err)
			continue
		}
		for _, id := range ids {
			k := slices.IndexFunc(perSec[id], func(m secMech) bool { return m.name == pa.Mech })
			if k < 0 {
				perSec[id] = append(perSec[id], secMech{name: pa.Mech, params: map[string]cell.Profile{}})
				k = len(perSec[id]) - 1
			}
			m := &perSec[id][k]
			for _, name := range sortedKeys(pa.Params) {
				if _, ok := m.params[name]; !ok {
					m.keys = append(m.keys, name)
				}
				m.params[name] = pa.Params[name]
			}
		}
	}

	dist := c.PathDistances()
	secs := obj()
	for id := range c.Sections {
		s := &c.Sections[id]
		sw := fmt.Sprintf("%s: section %q", where, s.Name)
		if s.Ends == nil {
			wr.failf("%s: no ends_um: HNN-core's sections need their 3-D end points", sw)
			continue
		}
		if s.Parent != "" && s.ParentX != 0 && s.ParentX != 1 {
			wr.failf("%s: attached at %s(%g): HNN-core attaches sections at the 0 or 1 end of their parent", sw, s.Parent, s.ParentX)
		}
		L, diam, ends := writtenGeometry(s)
		if n := nsegRule(L); n != s.NSeg {
			wr.failf("%s: nseg = %d, but HNN-core ignores nseg and derives %d from L = %g µm", sw, s.NSeg, n, L)
		}
		mechs := obj()
		for _, m := range perSec[id] {
			mn := obj()
			for _, key := range m.keys {
				prof := m.params[key]
				switch prof.Kind {
				case cell.Uniform, "":
					mn.set(key+"_"+m.name, number(prof.Value))
					continue
				case cell.Segments:
					if len(prof.Values) != s.NSeg {
						wr.failf("%s: %s.%s: %d segment values for nseg = %d", sw, m.name, key, len(prof.Values), s.NSeg)
						continue
					}
				}
				xs, vs := make([]float64, s.NSeg), make([]float64, s.NSeg)
				for seg := range s.NSeg {
					// numpy.linspace(0, 1, 2·nseg + 1)[1::2], as HNN-core writes them
					xs[seg] = float64(2*seg+1) * (1 / float64(2*s.NSeg))
					vs[seg] = prof.At(dist[id]+s.SegmentX(seg)*s.L, seg)
				}
				mn.set(key+"_"+m.name, arr().add(floats(xs)).add(floats(vs)))
			}
			mechs.set(m.name, mn)
		}
		sn := arr()
		for _, r := range syns[id] {
			sn.add(str(r))
		}
		secs.set(s.Name, obj().
			set("L", number(L)).
			set("diam", number(diam)).
			set("cm", number(s.Cm)).
			set("Ra", number(s.Ra)).
			set("end_pts", arr().add(pointNode(ends[0])).add(pointNode(ends[1]))).
			set("nseg", integer(s.NSeg)).
			set("v0", number(s.VInit)).
			set("mechs", mechs).
			set("syns", sn))
	}
	synapses := obj()
	for _, r := range recOrder {
		v := recParams[r]
		synapses.set(r, obj().set("e", number(v[0])).set("tau1", number(v[1])).set("tau2", number(v[2])).set("mechname", str("Exp2Syn")))
	}
	groups := obj()
	for _, g := range groupOrder(c.Groups) {
		l := arr()
		for _, s := range c.Groups[g] {
			l.add(str(s))
		}
		groups.set(g, l)
	}
	if len(wr.errs) > n0 {
		return null()
	}
	pos := [3]float64{}
	if e := c.Sections[soma].Ends; e != nil {
		pos = pt3(e[0]) // HNN-core moves the soma's 0 end to pos
	}
	name := c.Type
	if name == "" {
		name = p.Name
	}
	return obj().
		set("name", str(name)).
		set("pos", floats(pos[:])).
		set("sections", secs).
		set("synapses", synapses).
		set("cell_tree", cellTree(&c.Morphology)).
		set("sect_loc", groups).
		set("gid", null()).
		set("dipole_pp", arr()).
		set("vsec", obj()).
		set("isec", obj()).
		set("ca", obj()).
		set("tonic_biases", arr())
}

func pt3(p morph.Point3D) [3]float64 { return [3]float64{p.X, p.Y, p.Z} }

func pointNode(p morph.Point3D) *node { return floats([]float64{p.X, p.Y, p.Z}) }

// groupOrder lists proximal and distal first, as HNN-core does, then the
// other groups by name.
func groupOrder(groups map[string][]string) []string {
	var out []string
	for _, g := range []string{"proximal", "distal"} {
		if _, ok := groups[g]; ok {
			out = append(out, g)
		}
	}
	for _, g := range sortedKeys(groups) {
		if g != "proximal" && g != "distal" {
			out = append(out, g)
		}
	}
	return out
}

// cellTree returns HNN-core's cell_tree: for each section, its 0 end leads
// to its 1 end and to the sections attached at its 0 end, and its 1 end to
// those attached there. A single section has no tree (null), as in HNN-core.
func cellTree(m *morph.Morphology) *node {
	if len(m.Sections) == 1 {
		return null()
	}
	tree := obj()
	for _, s := range m.Sections {
		at := [2]*node{arr().add(str(s.Name + ",1")), arr()}
		for _, ch := range m.Sections {
			if ch.Parent == s.Name {
				end := 1
				if ch.ParentX == 0 {
					end = 0
				}
				at[end].add(str(ch.Name + ",0"))
			}
		}
		tree.set(s.Name+",0", at[0])
		if len(at[1].vals) > 0 {
			tree.set(s.Name+",1", at[1])
		}
	}
	return tree
}

// f32 returns x as the shortest decimal that reads back to the same
// float32, when x is a float32 value (NEURON's 3-D points and diameters):
// 22.100000381469727 is written 22.1, which NEURON stores as the same
// float32.
func f32(x float64) float64 {
	if float64(float32(x)) != x {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', -1, 32), 64)
	return v
}

// writtenGeometry returns the L, diam and end points to write for a section
// so that building it again (HNN-core and NEURON: single-precision points,
// then L rescales them) gives back the section: the written L is the first
// of a few candidates near s.L (the value rounded to 12 digits, s.L itself,
// then s.L a few ulps away) that does so; end points and diameter are
// written as float32 values, as NEURON holds them.
func writtenGeometry(s *morph.Section) (L, diam float64, ends [2]morph.Point3D) {
	for k := range 2 {
		p := s.Ends[k]
		ends[k] = morph.Point3D{X: f32(p.X), Y: f32(p.Y), Z: f32(p.Z)}
	}
	diam = f32(s.Diam)
	rounded, _ := strconv.ParseFloat(strconv.FormatFloat(s.L, 'g', 12, 64), 64)
	cands := []float64{rounded, s.L}
	up, down := s.L, s.L
	for range 4 {
		up, down = math.Nextafter(up, math.Inf(1)), math.Nextafter(down, math.Inf(-1))
		cands = append(cands, up, down)
	}
	for _, cand := range cands {
		c := hnn.BuildCell("", []hnn.SectionSpec{{Name: "s", L: cand, Diam: diam, Cm: 1, Ra: 1, NSeg: 1, Ends: ends}}, false, nil)
		got := c.Sections[0]
		if got.L == s.L && *got.Ends == *s.Ends {
			return cand, diam, ends
		}
	}
	return rounded, diam, ends
}

// legacyImplied decides whether the file needs HNN-core's legacy mode: a
// distal drive onto L5 basket cells (with AMPA weight 0, as legacy mode
// connects every drive to every cell type) is refused otherwise. Then it
// returns, per drive, the targets to leave out of the written weights for
// legacy mode to add back: those distal L5 basket targets. Legacy mode adds
// every missing target to every drive, so every drive must reach every
// cell type.
func (wr *writer) legacyImplied(net *model.Network) map[string]map[string]bool {
	var out map[string]map[string]bool
	for i := range net.Drives {
		d := &net.Drives[i]
		// HNN-core checks cell_metadata (morpho_type basket, layer 5): the
		// metadata written for L5_basket.
		if _, ok := d.WeightsAMPA[hnn.L5Basket]; !ok || d.Location != "distal" {
			continue
		}
		_, nmda := d.WeightsNMDA[hnn.L5Basket]
		if d.WeightsAMPA[hnn.L5Basket] != 0 || nmda || d.SynapticDelays[hnn.L5Basket] != 0.1 || d.ProbabilityOf(hnn.L5Basket) != 1 {
			wr.failf("drive %q: HNN-core refuses distal drives onto L5_basket, except in legacy mode with AMPA weight 0, no NMDA, delay 0.1 ms and probability 1", d.Name)
			continue
		}
		if out == nil {
			out = map[string]map[string]bool{}
		}
		out[d.Name] = map[string]bool{hnn.L5Basket: true}
	}
	if out == nil {
		return nil
	}
	for i := range net.Drives {
		if d := &net.Drives[i]; len(d.TargetTypes(net.CellTypes())) != len(net.Populations) {
			wr.failf("drive %q: HNN-core's legacy mode, needed for a distal drive onto L5_basket, connects every drive to every cell type", d.Name)
		}
	}
	return out
}

func (wr *writer) drive(net *model.Network, d *drive.Drive, implied map[string]bool) *node {
	where := fmt.Sprintf("drive %q", d.Name)
	types := net.CellTypes()
	allTargets := d.TargetTypes(types)
	var targets []string // those written; legacy mode adds the implied ones
	for _, t := range allTargets {
		if !implied[t] {
			targets = append(targets, t)
		}
	}
	if len(targets) == 0 {
		wr.failf("%s: no target cell type has a weight", where)
	}
	dyn := obj()
	typ := d.Type
	switch {
	case d.Type == drive.Evoked && d.Evoked != nil:
		p := d.Evoked
		dyn.set("mu", number(p.MuMs)).set("sigma", number(p.SigmaMs)).set("numspikes", integer(p.NumSpikes))
	case d.Type == drive.Poisson && d.Poisson != nil:
		p := d.Poisson
		dyn.set("tstart", number(p.TStartMs)).set("tstop", optTime(p.TStopMs))
		if len(p.RateByType) > 0 {
			rates := obj()
			for _, t := range types {
				if r, ok := p.RateByType[t]; ok {
					rates.set(t, number(r))
				}
			}
			dyn.set("rate_constant", rates)
		} else {
			dyn.set("rate_constant", number(p.RateHz))
		}
	case d.Type == drive.Bursty && d.Bursty != nil:
		p := d.Bursty
		dyn.set("tstart", number(p.TStartMs)).set("tstart_std", number(p.TStartStdMs)).set("tstop", optTime(p.TStopMs)).
			set("burst_rate", number(p.BurstRateHz)).set("burst_std", number(p.BurstStdMs)).
			set("numspikes", integer(p.NumSpikes)).set("spike_isi", number(p.SpikeISIMs))
	case d.Type == drive.SpikeTrain && d.SpikeTrain != nil:
		p := d.SpikeTrain
		cells := arr()
		for _, c := range p.Cells {
			cells.add(integer(c))
		}
		dyn.set("times", floats(p.TimesMs)).set("gids", cells)
	default:
		wr.failf("%s: type %q without its parameters", where, d.Type)
	}
	weights := func(m map[string]float64, field string) *node {
		if len(m) == 0 {
			return null()
		}
		w := obj()
		for _, t := range types {
			if v, ok := m[t]; ok && !implied[t] {
				w.set(t, number(v))
			}
		}
		for _, t := range sortedKeys(m) {
			if !slices.Contains(types, t) {
				wr.failf("%s: %s: %q is not a population", where, field, t)
			}
		}
		return w
	}
	delays := obj()
	for _, t := range targets {
		v, ok := d.SynapticDelays[t]
		if !ok {
			wr.failf("%s: synaptic_delays_ms has no delay for target %q", where, t)
		}
		delays.set(t, number(v))
	}
	var prob *node
	same := true
	for _, t := range targets {
		same = same && d.ProbabilityOf(t) == d.ProbabilityOf(targets[0])
	}
	if same && len(targets) > 0 {
		prob = number(d.ProbabilityOf(targets[0]))
	} else {
		prob = obj()
		for _, t := range targets {
			prob.set(t, number(d.ProbabilityOf(t)))
		}
	}
	tt := arr()
	for _, t := range allTargets {
		tt.add(str(t))
	}
	return obj().
		set("type", str(typ)).
		set("location", str(d.Location)).
		set("n_drive_cells", integer(net.DriveCells(d))).
		set("event_seed", integer(d.EventSeed)).
		set("conn_seed", integer(d.ConnSeed)).
		set("dynamics", dyn).
		set("events", arr()).
		set("weights_ampa", weights(d.WeightsAMPA, "weights_ampa_uS")).
		set("weights_nmda", weights(d.WeightsNMDA, "weights_nmda_uS")).
		set("synaptic_delays", delays).
		set("probability", prob).
		set("name", str(d.Name)).
		set("target_types", tt).
		set("cell_specific", boolean(d.CellSpecific))
}

// optTime writes a stop time: 0 (the end of the run) is null.
func optTime(t float64) *node {
	if t == 0 {
		return null()
	}
	return number(t)
}

func (wr *writer) biases(net *model.Network) *node {
	out := obj()
	seen := map[[2]string]bool{}
	for i, b := range net.Biases {
		if _, ok := net.Population(b.CellType); !ok {
			wr.failf("biases[%d] (%s): cell_type %q is not a population", i, b.Name, b.CellType)
			continue
		}
		if seen[[2]string{b.Name, b.CellType}] {
			wr.failf("biases[%d]: a second bias %q on %s; HNN-core holds one per name and cell type", i, b.Name, b.CellType)
			continue
		}
		seen[[2]string{b.Name, b.CellType}] = true
		k := slices.Index(out.keys, b.Name)
		if k < 0 {
			out.set(b.Name, obj())
			k = len(out.keys) - 1
		}
		bn := obj().set("amplitude", number(b.AmplitudeNA)).set("t0", number(b.T0Ms)).
			set("tstop", optTime(b.TStopMs)).set("section", str(b.Section))
		if b.X != 0.5 {
			bn.set("loc", number(b.X)) // Cell.create_tonic_bias's loc, default 0.5
		}
		out.vals[k].set(b.CellType, bn)
	}
	return out
}

func (wr *writer) connectivity(net *model.Network, scale float64) *node {
	out := arr()
	for i := range net.Connections {
		c := &net.Connections[i]
		if r, ok := net.RangeOf(c.Src); ok && (r.Kind == record.KindDrive) {
			wr.failf("connections[%d]: source %q is a drive: HNN-core's files hold only the connections a drive's own parameters make", i, c.Src)
			continue
		}
		out.add(wr.connection(net, net, c, fmt.Sprintf("connections[%d]", i), scale))
	}
	// A drive's connections as HNN-core derives them: its seeding prunes
	// them when probability < 1.
	hn := *net
	hn.Seeding = model.SeedingHNN
	all := hn.AllConnections()
	for i := len(net.Connections); i < len(all); i++ {
		out.add(wr.connection(net, &hn, &all[i], fmt.Sprintf("drive %q", all[i].Src), scale))
	}
	return out
}

func (wr *writer) connection(net, pairsOf *model.Network, c *model.Connection, where string, scale float64) *node {
	src, okS := net.RangeOf(c.Src)
	tgt, okT := net.RangeOf(c.Target)
	if !okS || !okT || (tgt.Kind == record.KindDrive) {
		wr.failf("%s: %s -> %s: not a population or drive", where, c.Src, c.Target)
		return null()
	}
	pairs, err := pairsOf.Pairs(c)
	if err != nil {
		wr.failf("%s: %v", where, err)
		return null()
	}
	// gid_pairs: source -> targets, sources in the order they first appear.
	var srcs []model.GID
	targetsOf := map[model.GID][]model.GID{}
	if c.Pairs == nil && c.Probability == 1 {
		// all-to-all: every source, even one whose only target was itself
		for k := 0; k < src.N; k++ {
			srcs = append(srcs, src.First+model.GID(k))
			targetsOf[srcs[k]] = []model.GID{}
		}
	}
	for _, p := range pairs {
		if _, ok := targetsOf[p[0]]; !ok {
			srcs = append(srcs, p[0])
		}
		targetsOf[p[0]] = append(targetsOf[p[0]], p[1])
	}
	gp := obj()
	tset := map[model.GID]bool{}
	for _, s := range srcs {
		l := arr()
		for _, t := range targetsOf[s] {
			l.add(integer(int(t)))
			tset[t] = true
		}
		gp.set(strconv.Itoa(int(s)), l)
	}
	if c.Pairs == nil && c.Probability == 1 {
		for k := 0; k < tgt.N; k++ {
			tset[tgt.First+model.GID(k)] = true
		}
	}
	ints := func(set []model.GID) *node {
		a := arr()
		for _, g := range set {
			a.add(integer(int(g)))
		}
		return a
	}
	tl := make([]model.GID, 0, len(tset))
	for t := range tset {
		tl = append(tl, t)
	}
	sort.Slice(tl, func(i, j int) bool { return tl[i] < tl[j] })
	sl := slices.Clone(srcs)
	slices.Sort(sl)
	autapses := 0
	if c.AllowAutapses {
		autapses = 1
	}
	return obj().
		set("target_type", str(c.Target)).
		set("target_gids", ints(tl)).
		set("num_targets", integer(len(tl))).
		set("src_type", str(c.Src)).
		set("src_gids", ints(sl)).
		set("num_srcs", integer(len(sl))).
		set("gid_pairs", gp).
		set("loc", str(c.Loc)).
		set("receptor", str(c.Receptor)).
		set("nc_dict", obj().
			set("A_delay", number(c.DelayMs)).
			set("A_weight", number(c.WeightUS)).
			set("lamtha", number(c.Lamtha*scale)).
			set("threshold", number(net.ThresholdMV)).
			set("gain", number(c.Gain))).
		set("allow_autapses", integer(autapses)).
		// The pairs are final: HNN-core's reader prunes stored pairs again
		// (unseeded) when probability < 1, so the file says 1.0.
		set("probability", number(1))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
