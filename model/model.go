package model

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/record"
)

// GID identifies a cell, a drive cell or a point neuron in a network
// (record.GID: one gid type for descriptions and results).
type GID = record.GID

// Position is a point in space, µm (x, y in the cortical plane, z along the
// cortical depth).
type Position [3]float64

// Seeding modes.
const (
	// SeedingKeyed draws drive events and connection choices from Lamina's
	// keyed streams (package rng): independent of decomposition, no seed
	// collisions. The default.
	SeedingKeyed = "keyed"
	// SeedingHNN reproduces HNN-core's seeding (NumPy's RandomState(seed +
	// cell index) for events, default_rng(conn_seed) for connections), so
	// that the same seeds give the same numbers as HNN-core. Neighbouring
	// drives' streams collide in seed space: a drive with event_seed s and
	// one with s+1 share all but one of their per-cell streams.
	SeedingHNN = "hnn"
)

// Population is a set of identical cells at given positions.
type Population struct {
	// Name identifies the population, e.g. "L5_pyramidal".
	Name string `json:"name"`
	// Cell is the template every cell of the population copies.
	Cell *cell.Cell `json:"cell"`
	// Positions holds one position per cell; the population has
	// len(Positions) cells.
	Positions []Position `json:"positions_um"`
	// ElectroType is "excitatory" or "inhibitory" (used by global gains).
	ElectroType string `json:"electro_type,omitempty"`
	// Dipole, if set, makes the population contribute to the current
	// dipole of its layer.
	Dipole *DipoleSpec `json:"dipole,omitempty"`
	// ThresholdMV, if set, is the spike threshold of this population's
	// cells, in place of the network's ThresholdMV (NEURON's threshold is
	// per source: the NetCon threshold sets the source cell's detector).
	ThresholdMV *float64 `json:"threshold_mV,omitempty"`
}

// DipoleSpec says how a population contributes to the current dipole.
type DipoleSpec struct {
	// Layer names the dipole the population adds to, e.g. "L5".
	Layer string `json:"layer"`
	// Axis names the section whose direction is the dipole axis (HNN-core:
	// "apical_trunk").
	Axis string `json:"axis_section"`
}

// Connection connects a source population or drive to a target population.
type Connection struct {
	Src    string `json:"src"`
	Target string `json:"target"`
	// Loc is a section group ("proximal", "distal") or a section name of
	// the target; Receptor names the synapse ("ampa", ...). The NetCons
	// end on the target's point processes named <section>_<receptor>.
	Loc      string `json:"loc"`
	Receptor string `json:"receptor"`
	// Synapse, if set instead of Loc and Receptor, names the target's
	// point process the NetCons end on (NEURON's synlist entry), e.g.
	// "exc". Lamtha may then be 0: no distance dependence.
	Synapse string `json:"synapse,omitempty"`
	// WeightUS and DelayMs are the weight (µS) and delay (ms) at distance
	// 0; Lamtha is the space constant λ in units of the in-plane distance.
	WeightUS float64 `json:"weight_uS"`
	DelayMs  float64 `json:"delay_ms"`
	Lamtha   float64 `json:"lamtha"`
	// Gain multiplies the weight (HNN-core's global synaptic gains).
	Gain float64 `json:"gain"`
	// Probability keeps round(N·p) of the N candidate pairs, chosen with
	// ConnSeed.
	Probability float64 `json:"probability"`
	ConnSeed    int     `json:"conn_seed,omitempty"`
	// AllowAutapses lets a cell connect to itself (same population only).
	AllowAutapses bool `json:"allow_autapses"`
	// Pairs, if given, lists the (source index, target index) pairs to
	// consider instead of all-to-all; indices are within the populations.
	Pairs [][2]int `json:"pairs,omitempty"`
}

// connectionFields is Connection without its UnmarshalJSON.
type connectionFields Connection

// UnmarshalJSON reads a connection, defaulting gain and probability to 1.
// Unknown keys are errors.
func (c *Connection) UnmarshalJSON(b []byte) error {
	p := connectionFields{Gain: 1, Probability: 1}
	if err := jsonstrict.Unmarshal(b, &p); err != nil {
		return err
	}
	*c = Connection(p)
	return nil
}

// JSONFields returns the struct a connection object decodes into, for
// package model/jsonstrict.
func (Connection) JSONFields() any { return connectionFields{} }

// Bias is a constant current (HNN-core's tonic bias) into every cell of a
// population, at Section(X) from T0Ms to TStopMs (0: to the end of the run).
type Bias struct {
	Name        string  `json:"name"`
	CellType    string  `json:"cell_type"`
	Section     string  `json:"section"`
	X           float64 `json:"x"`
	AmplitudeNA float64 `json:"amplitude_nA"`
	T0Ms        float64 `json:"t0_ms"`
	TStopMs     float64 `json:"tstop_ms,omitempty"`
}

// NetCon is one explicit connection between gids, NEURON's
// pc.gid_connect(src, synapse) with its weight and delay: the way a
// NEURON-style network manager wires cells one by one. Src may be a cell
// or a drive cell; Target must be a cell, and Synapse one of its point
// processes that receive events.
type NetCon struct {
	Src      GID     `json:"src"`
	Target   GID     `json:"target"`
	Synapse  string  `json:"synapse"`
	WeightUS float64 `json:"weight_uS"`
	DelayMs  float64 `json:"delay_ms"`
}

// Network is a complete network description.
type Network struct {
	Name        string       `json:"name"`
	Populations []Population `json:"populations"`
	Connections []Connection `json:"connections"`
	// NetCons are explicit gid-to-gid connections, after Connections.
	NetCons []NetCon      `json:"netcons,omitempty"`
	Drives  []drive.Drive `json:"drives,omitempty"`
	Biases  []Bias        `json:"biases,omitempty"`
	// ThresholdMV is the spike threshold of every cell's detector.
	ThresholdMV float64 `json:"threshold_mV"`
	// Celsius is the temperature, °C.
	Celsius float64 `json:"celsius"`
	// InplaneDistanceUm scales space constants (HNN-core's inplane_distance).
	InplaneDistanceUm float64 `json:"inplane_distance_um"`
	// Origin is where drive cells sit.
	Origin Position `json:"origin_um"`
	// Seeding is SeedingKeyed or SeedingHNN.
	Seeding string `json:"seeding"`
	// MeshShape is the pyramidal grid (HNN-core's mesh_shape), used by
	// HNN-core's dipole baseline renormalisation; 0 when not applicable.
	MeshShape [2]int `json:"mesh_shape,omitempty"`
	// Point, if set, adds point-neuron populations to the network (with
	// their Poisson layers, currents, connections among them and
	// monitors): a mixed network. Their gids follow the drives'
	// (Ranges). Connections and NetCons may take a point population or
	// Poisson layer as their source, onto cable cells, like any other
	// source (point sources sit at Origin); Point.Connections may take a
	// cable population or a drive as pre, onto a point receptor.
	Point *pointnet.Network `json:"point,omitempty"`
	// Electrodes are extracellular electrode arrays: every step, each
	// contact records the potential the cable cells' transmembrane
	// currents make there (HNN-core's add_electrode_array).
	Electrodes []electrode.Array `json:"electrodes,omitempty"`
}

// Range is a block of consecutive gids of one population, drive or source
// layer (record.Range: one range type for every kind of network).
type Range = record.Range

// CellTypes returns the population names in order.
func (n *Network) CellTypes() []string {
	out := make([]string, len(n.Populations))
	for i := range n.Populations {
		out[i] = n.Populations[i].Name
	}
	return out
}

// Population returns the population called name.
func (n *Network) Population(name string) (*Population, bool) {
	for i := range n.Populations {
		if n.Populations[i].Name == name {
			return &n.Populations[i], true
		}
	}
	return nil, false
}

// DriveNamed returns the drive called name, including those the cells'
// own generators imply (see AllDrives).
func (n *Network) DriveNamed(name string) (*drive.Drive, bool) {
	for i := range n.Drives {
		if n.Drives[i].Name == name {
			return &n.Drives[i], true
		}
	}
	for _, d := range n.stimDrives() {
		if d.Name == name {
			return &d, true
		}
	}
	return nil, false
}

// AllDrives returns the network's drives followed by those its cells' own
// generators (cell.Stim) imply: for each population, in order, and each
// of its cell's stims, a NetStim drive "population.stim" with one
// generator per cell, keyed by the stim's seed.
func (n *Network) AllDrives() []drive.Drive {
	return append(append([]drive.Drive(nil), n.Drives...), n.stimDrives()...)
}

// StimDriveName is the name of the source range of stim s of population p.
func StimDriveName(p, s string) string { return p + "." + s }

func (n *Network) stimDrives() []drive.Drive {
	var out []drive.Drive
	for i := range n.Populations {
		p := &n.Populations[i]
		if p.Cell == nil || len(p.Positions) == 0 {
			continue
		}
		for _, st := range p.Cell.Stims {
			ns := st.NetStim
			ns.Seeds = nil
			out = append(out, drive.Drive{Name: StimDriveName(p.Name, st.Name), Type: drive.NetStim, NetStim: &ns,
				NDriveCells: len(p.Positions), EventSeed: st.Seed})
		}
	}
	return out
}

// DriveCells returns the number of cells of drive d: one per target cell
// when cell-specific.
func (n *Network) DriveCells(d *drive.Drive) int {
	switch {
	case d.Type == drive.SpikeTrain && d.SpikeTrain != nil:
		return d.SpikeTrain.NCells
	case !d.CellSpecific:
		return d.NDriveCells
	}
	total := 0
	for _, t := range d.TargetTypes(n.CellTypes()) {
		if p, ok := n.Population(t); ok {
			total += len(p.Positions)
		}
	}
	return total
}

// Ranges returns the gid ranges: populations, then drives (AllDrives: the
// network's, then the cells' own generators).
func (n *Network) Ranges() record.Ranges {
	var out record.Ranges
	next := GID(0)
	for i := range n.Populations {
		k := len(n.Populations[i].Positions)
		out = append(out, Range{Name: n.Populations[i].Name, First: next, N: k, Kind: record.KindCell})
		next += GID(k)
	}
	for _, d := range n.AllDrives() {
		k := n.DriveCells(&d)
		out = append(out, Range{Name: d.Name, First: next, N: k, Kind: record.KindDrive})
		next += GID(k)
	}
	if n.Point != nil {
		for _, r := range n.Point.Ranges() {
			r.First += next
			out = append(out, r)
		}
	}
	return out
}

// CableGIDs returns the number of gids of the cable part: the cells and
// the drive cells, which come first (Ranges).
func (n *Network) CableGIDs() int {
	total := 0
	for _, r := range n.Ranges() {
		if r.Kind == record.KindCell || r.Kind == record.KindDrive {
			total += r.N
		}
	}
	return total
}

// NGIDs returns the total number of gids, cells and drive cells.
func (n *Network) NGIDs() int {
	total := 0
	for _, r := range n.Ranges() {
		total += r.N
	}
	return total
}

// RangeOf returns the range called name.
func (n *Network) RangeOf(name string) (Range, bool) {
	for _, r := range n.Ranges() {
		if r.Name == name {
			return r, true
		}
	}
	return Range{}, false
}

// Locate returns the range containing g and g's index within it.
func (n *Network) Locate(g GID) (Range, int, bool) {
	for _, r := range n.Ranges() {
		if r.Contains(g) {
			return r, int(g - r.First), true
		}
	}
	return Range{}, 0, false
}

// Validate checks the whole network against a mechanism catalogue. Errors
// name the population, connection, drive or bias and the field.
func (n *Network) Validate(cat *mech.Catalogue) error {
	var errs []error
	fail := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if n.Seeding != SeedingKeyed && n.Seeding != SeedingHNN {
		fail("network: seeding = %q, want %q or %q", n.Seeding, SeedingKeyed, SeedingHNN)
	}
	if !finite(n.ThresholdMV) {
		fail("network: threshold_mV = %g, must be finite", n.ThresholdMV)
	}
	if !(n.Celsius >= -273.15) || !finite(n.Celsius) {
		fail("network: celsius = %g, must be finite and >= -273.15", n.Celsius)
	}
	if !(n.InplaneDistanceUm > 0) || !finite(n.InplaneDistanceUm) {
		fail("network: inplane_distance_um = %g, must be finite and > 0", n.InplaneDistanceUm)
	}
	names := map[string]string{}
	for i := range n.Populations {
		p := &n.Populations[i]
		if p.Name == "" {
			fail("populations[%d]: name is empty", i)
			continue
		}
		if prev, dup := names[p.Name]; dup {
			fail("population %q: name already used by a %s", p.Name, prev)
		}
		names[p.Name] = "population"
		if p.Cell == nil {
			fail("population %q: no cell", p.Name)
			continue
		}
		if err := p.Cell.Validate(cat); err != nil {
			fail("population %q: %w", p.Name, err)
			continue
		}
		if p.Cell.Detector == nil {
			fail("population %q: cell %q has no spike detector", p.Name, p.Cell.Type)
		}
		if p.ThresholdMV != nil && !finite(*p.ThresholdMV) {
			fail("population %q: threshold_mV = %g, must be finite", p.Name, *p.ThresholdMV)
		}
		if p.ElectroType != "" && p.ElectroType != "excitatory" && p.ElectroType != "inhibitory" {
			fail("population %q: electro_type = %q, want excitatory or inhibitory", p.Name, p.ElectroType)
		}
		for k, pos := range p.Positions {
			if !finite(pos[0]) || !finite(pos[1]) || !finite(pos[2]) {
				fail("population %q: positions_um[%d] = %v, must be finite", p.Name, k, pos)
			}
		}
		if d := p.Dipole; d != nil {
			if _, ok := p.Cell.Index(d.Axis); !ok {
				fail("population %q: dipole axis_section %q is not a section of %q", p.Name, d.Axis, p.Cell.Type)
			}
			for _, s := range p.Cell.Sections {
				if s.Ends == nil {
					fail("population %q: section %q has no ends_um; a dipole needs every section placed in 3-D", p.Name, s.Name)
					break
				}
			}
			if d.Layer == "" {
				fail("population %q: dipole layer is empty", p.Name)
			}
		}
	}
	if err := n.checkMesh(); err != nil {
		errs = append(errs, err)
	}
	for i := range n.Drives {
		d := &n.Drives[i]
		if prev, dup := names[d.Name]; dup {
			fail("drive %q: name already used by a %s", d.Name, prev)
		}
		names[d.Name] = "drive"
		if err := d.Validate(n.CellTypes()); err != nil {
			errs = append(errs, err)
			continue
		}
		if d.Type == drive.NetStim && len(d.NetStim.Seeds) > 0 && d.CellSpecific {
			if k := n.DriveCells(d); len(d.NetStim.Seeds) != k {
				fail("drive %q: netstim.seeds has %d seeds for %d drive cells", d.Name, len(d.NetStim.Seeds), k)
			}
		}
		for _, t := range d.TargetTypes(n.CellTypes()) {
			for _, r := range d.Receptors(t) {
				if err := n.checkTarget(t, d.Location, r); err != nil {
					fail("drive %q: %v", d.Name, err)
				}
			}
		}
	}
	for _, d := range n.stimDrives() {
		if prev, dup := names[d.Name]; dup {
			fail("stim drive %q (a cell's own generator): name already used by a %s", d.Name, prev)
		}
		names[d.Name] = "stim drive"
	}
	for i := range n.Connections {
		c := &n.Connections[i]
		where := fmt.Sprintf("connections[%d] (%s -> %s %s/%s)", i, c.Src, c.Target, c.Loc, c.Receptor)
		if c.Synapse != "" {
			where = fmt.Sprintf("connections[%d] (%s -> %s synapse %s)", i, c.Src, c.Target, c.Synapse)
		}
		src, okSrc := n.RangeOf(c.Src)
		if !okSrc {
			fail("%s: src %q is not a population or drive (known: %s)", where, c.Src, strings.Join(n.names(), ", "))
		}
		tgt, okTgt := n.RangeOf(c.Target)
		switch {
		case okTgt && tgt.Kind == record.KindPoint:
			fail("%s: target %q is a point population: connect onto point neurons in point.connections, with a point receptor (%s)", where, c.Target, n.pointReceptors(c.Target))
		case !okTgt || tgt.Kind != record.KindCell:
			fail("%s: target %q is not a population (populations: %s)", where, c.Target, strings.Join(n.CellTypes(), ", "))
		case c.Synapse != "":
			if c.Loc != "" || c.Receptor != "" {
				fail("%s: give either synapse or loc and receptor, not both", where)
			}
			if p, _ := n.Population(c.Target); p.Cell != nil {
				if err := p.Cell.CheckSynapse(cat, c.Synapse); err != nil {
					fail("%s: %v", where, err)
				}
			}
		default:
			if err := n.checkTarget(c.Target, c.Loc, c.Receptor); err != nil {
				fail("%s: %v", where, err)
			}
		}
		lamthaOK := c.Lamtha > 0 || (c.Lamtha == 0 && c.Synapse != "")
		for _, f := range []struct {
			name string
			v    float64
			ok   bool
			want string
		}{
			{"weight_uS", c.WeightUS, c.WeightUS >= 0 && finite(c.WeightUS), "finite and >= 0"},
			{"delay_ms", c.DelayMs, c.DelayMs > 0 && finite(c.DelayMs), "finite and > 0"},
			{"lamtha", c.Lamtha, lamthaOK && finite(c.Lamtha), "finite and > 0 (or 0, no distance dependence, with synapse)"},
			{"gain", c.Gain, c.Gain >= 0 && finite(c.Gain), "finite and >= 0"},
			{"probability", c.Probability, c.Probability > 0 && c.Probability <= 1, "in (0, 1]"},
		} {
			if !f.ok {
				fail("%s: %s = %g, must be %s", where, f.name, f.v, f.want)
			}
		}
		if c.ConnSeed < 0 {
			fail("%s: conn_seed = %d, must be >= 0", where, c.ConnSeed)
		}
		if okSrc && okTgt {
			for k, p := range c.Pairs {
				if p[0] < 0 || p[0] >= src.N || p[1] < 0 || p[1] >= tgt.N {
					fail("%s: pairs[%d] = %v out of range (%d sources, %d targets)", where, k, p, src.N, tgt.N)
					break
				}
			}
		}
	}
	if len(n.NetCons) > 0 {
		errs = append(errs, n.validateNetCons(cat)...)
	}
	if n.Point != nil {
		errs = append(errs, n.validatePoint(names))
	}
	arrays := map[string]bool{}
	for i := range n.Electrodes {
		a := &n.Electrodes[i]
		if err := a.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("electrodes[%d]: %w", i, err))
		}
		if arrays[a.Name] {
			fail("electrodes[%d]: name %q already used by another array", i, a.Name)
		}
		arrays[a.Name] = true
	}
	if len(n.Electrodes) > 0 {
		for i := range n.Populations {
			p := &n.Populations[i]
			if p.Cell == nil {
				continue
			}
			for _, s := range p.Cell.Sections {
				if s.Ends == nil {
					fail("population %q: section %q has no ends_um; electrodes need every section placed in 3-D", p.Name, s.Name)
					break
				}
			}
		}
	}
	for i := range n.Biases {
		b := &n.Biases[i]
		p, ok := n.Population(b.CellType)
		if !ok {
			fail("biases[%d] (%s): cell_type %q is not a population", i, b.Name, b.CellType)
			continue
		}
		if p.Cell != nil {
			if _, ok := p.Cell.Index(b.Section); !ok {
				fail("biases[%d] (%s): %q has no section %q", i, b.Name, b.CellType, b.Section)
			}
		}
		if !(b.X >= 0 && b.X <= 1) {
			fail("biases[%d] (%s): x = %g, must be in [0, 1]", i, b.Name, b.X)
		}
		if !finite(b.AmplitudeNA) {
			fail("biases[%d] (%s): amplitude_nA = %g, must be finite", i, b.Name, b.AmplitudeNA)
		}
		if !(b.T0Ms >= 0) || !finite(b.T0Ms) {
			fail("biases[%d] (%s): t0_ms = %g, must be finite and >= 0", i, b.Name, b.T0Ms)
		}
		if b.TStopMs != 0 && !(b.TStopMs >= b.T0Ms) {
			fail("biases[%d] (%s): tstop_ms = %g, must be >= t0_ms", i, b.Name, b.TStopMs)
		}
	}
	return errors.Join(errs...)
}

// checkMesh checks MeshShape against the populations it describes:
// [0, 0] (no grid) or two counts >= 1 whose product is the cell count of
// every population that adds to the L2 or L5 dipole (HNN-core's
// pyramidal grids), since the dipole's baseline renormalisation scales by
// it.
func (n *Network) checkMesh() error {
	nx, ny := n.MeshShape[0], n.MeshShape[1]
	if nx == 0 && ny == 0 {
		return nil
	}
	if nx < 1 || ny < 1 {
		return fmt.Errorf("network: mesh_shape = [%d, %d]: must be [0, 0] (no pyramidal grid) or two counts >= 1", nx, ny)
	}
	for i := range n.Populations {
		p := &n.Populations[i]
		if p.Dipole == nil || (p.Dipole.Layer != "L2" && p.Dipole.Layer != "L5") {
			continue
		}
		// nx*ny cannot overflow once ny <= cells/nx.
		if k := len(p.Positions); ny > k/nx || nx*ny != k {
			return fmt.Errorf("network: mesh_shape = [%d, %d] is a grid of %s cells, but population %q (dipole layer %s) has %d: they must agree (HNN-core's N_pyr_x × N_pyr_y pyramidal cells per layer)", nx, ny, meshCells(nx, ny), p.Name, p.Dipole.Layer, k)
		}
	}
	return nil
}

// meshCells returns nx*ny as text, exactly even where it overflows int.
func meshCells(nx, ny int) string {
	return new(big.Int).Mul(big.NewInt(int64(nx)), big.NewInt(int64(ny))).String()
}

// validateNetCons checks the explicit NetCons: gids in the network, a cell
// as target, a synapse of that cell, weight and delay.
func (n *Network) validateNetCons(cat *mech.Catalogue) []error {
	var errs []error
	ranges := n.Ranges()
	ngids := 0
	if len(ranges) > 0 {
		ngids = int(ranges[len(ranges)-1].First) + ranges[len(ranges)-1].N
	}
	locate := func(g GID) (Range, bool) {
		for _, r := range ranges {
			if r.Contains(g) {
				return r, true
			}
		}
		return Range{}, false
	}
	checked := map[[2]string]error{}
	for i := range n.NetCons {
		nc := &n.NetCons[i]
		fail := func(format string, a ...any) {
			if len(errs) < 20 {
				where := fmt.Sprintf("netcons[%d] (%d -> %d %s)", i, nc.Src, nc.Target, nc.Synapse)
				errs = append(errs, fmt.Errorf("%s: "+format, append([]any{where}, a...)...))
			}
		}
		if _, ok := locate(nc.Src); !ok {
			fail("src gid %d is not in the network (gids 0 to %d)", nc.Src, ngids-1)
		}
		r, ok := locate(nc.Target)
		switch {
		case !ok:
			fail("target gid %d is not in the network (gids 0 to %d)", nc.Target, ngids-1)
		case r.Kind == record.KindDrive:
			fail("target gid %d is a drive cell (%s), not a cell", nc.Target, r.Name)
		case r.Kind != record.KindCell:
			fail("target gid %d is a point neuron (%s): NetCons end on cable cells; connect onto point neurons in point.connections", nc.Target, r.Name)
		default:
			key := [2]string{r.Name, nc.Synapse}
			err, seen := checked[key]
			if !seen {
				if p, _ := n.Population(r.Name); p.Cell != nil {
					err = p.Cell.CheckSynapse(cat, nc.Synapse)
				}
				checked[key] = err
			}
			if err != nil {
				fail("%v", err)
			}
		}
		if !(nc.WeightUS >= 0) || math.IsInf(nc.WeightUS, 0) {
			fail("weight_uS = %g, must be finite and >= 0", nc.WeightUS)
		}
		if !(nc.DelayMs > 0) || math.IsInf(nc.DelayMs, 0) {
			fail("delay_ms = %g, must be finite and > 0", nc.DelayMs)
		}
	}
	return errs
}

// validatePoint checks the point part of a mixed network: its own
// validity, with the cable populations and drives as possible pre of its
// connections, and names that no cable population or drive uses.
func (n *Network) validatePoint(names map[string]string) error {
	var errs []error
	external := map[string]int{}
	for _, r := range n.Ranges() {
		if r.Kind == record.KindCell || r.Kind == record.KindDrive {
			external[r.Name] = r.N
		}
	}
	for _, r := range n.Point.Ranges() {
		if what, dup := names[r.Name]; dup {
			errs = append(errs, fmt.Errorf("point: %s %q: name already used by a %s", r.Kind, r.Name, what))
		}
		if _, dup := external[r.Name]; dup {
			if _, seen := names[r.Name]; !seen {
				errs = append(errs, fmt.Errorf("point: %s %q: name already used by a cable population or drive", r.Kind, r.Name))
			}
		}
	}
	if err := n.Point.ValidateIn(external); err != nil {
		errs = append(errs, fmt.Errorf("point: %w", err))
	}
	return errors.Join(errs...)
}

// pointReceptors lists the receptors of point population name.
func (n *Network) pointReceptors(name string) string {
	if n.Point == nil {
		return ""
	}
	p, ok := n.Point.Population(name)
	if !ok {
		return ""
	}
	m, err := p.Params()
	if err != nil {
		return ""
	}
	var out []string
	for _, r := range m.Receptors() {
		out = append(out, r.Name)
	}
	return strings.Join(out, ", ")
}

// Threshold returns the spike threshold of population p's cells (mV).
func (n *Network) Threshold(p *Population) float64 {
	if p.ThresholdMV != nil {
		return *p.ThresholdMV
	}
	return n.ThresholdMV
}

func (n *Network) names() []string {
	var out []string
	for _, r := range n.Ranges() {
		out = append(out, r.Name)
	}
	return out
}

// TargetSections returns the sections of population target that a
// connection at loc reaches: the sections of group loc, or loc itself.
func (n *Network) TargetSections(target, loc string) ([]string, error) {
	p, ok := n.Population(target)
	if !ok || p.Cell == nil {
		return nil, fmt.Errorf("no population %q", target)
	}
	if g, ok := p.Cell.Groups[loc]; ok {
		return g, nil
	}
	if _, ok := p.Cell.Index(loc); ok {
		return []string{loc}, nil
	}
	var groups []string
	for g := range p.Cell.Groups {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	return nil, fmt.Errorf("loc %q is neither a section group (%s) nor a section of %q", loc, strings.Join(groups, ", "), target)
}

// SynapseName is the name of the point process a connection with receptor
// r ends on in section sec.
func SynapseName(sec, receptor string) string { return sec + "_" + receptor }

func (n *Network) checkTarget(target, loc, receptor string) error {
	secs, err := n.TargetSections(target, loc)
	if err != nil {
		return err
	}
	p, _ := n.Population(target)
	for _, s := range secs {
		name := SynapseName(s, receptor)
		found := false
		for _, pp := range p.Cell.Points {
			if pp.Name == name {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("receptor %q: %q has no synapse %q on section %q", receptor, target, name, s)
		}
	}
	return nil
}
