package cell

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/morph"
)

// Paint inserts a density mechanism on sections and sets its parameters.
// When several paints set the same parameter on a section, the last wins,
// as repeated assignments do in NEURON.
type Paint struct {
	// Mech names a density mechanism of the catalogue, e.g. "hh2".
	Mech string `json:"mech"`
	// Sections lists section names or group names (see Cell.Groups); empty
	// means every section.
	Sections []string `json:"sections,omitempty"`
	// Params maps parameter names (without the NEURON suffix: "gbar", not
	// "gbar_km") to values or profiles. Unset parameters keep the
	// mechanism's defaults.
	Params map[string]Profile `json:"params,omitempty"`
}

// Place puts a point process at a position on a section.
type Place struct {
	// Name labels the instance, e.g. "soma_gabaa" for a synapse.
	Name string `json:"name,omitempty"`
	// Mech names a point mechanism of the catalogue, e.g. "IClamp".
	Mech    string  `json:"mech"`
	Section string  `json:"section"`
	X       float64 `json:"x"`
	// Params sets parameters; unset ones keep their defaults.
	Params map[string]float64 `json:"params,omitempty"`
}

// Detector is a spike detector: a spike is recorded when the membrane
// potential at Section(X) rises above ThresholdMV (NEURON's NetCon
// threshold detection at fixed step).
type Detector struct {
	Section     string  `json:"section"`
	X           float64 `json:"x"`
	ThresholdMV float64 `json:"threshold_mV"`
}

// Stim is a spike generator that belongs to the cell: a NetStim (or
// NetStimFD) created in a NEURON cell template and connected by a NetCon to
// one of the cell's own synapses, as the OIST A310 course's NetworkCell
// gives every cell its own "kick-start" stimulator. Every instance of the
// cell gets its own generator, with its own gid and random stream (keyed by
// Seed and that gid), after the network's drive cells.
type Stim struct {
	// Name labels the generator; a population p's generators named s form
	// the source range "p.s".
	Name string `json:"name"`
	// NetStim gives the generator's dynamics (per-instance seeds come from
	// the gids: NetStim.Seeds must be empty).
	NetStim drive.NetStimParams `json:"netstim"`
	// Synapse names the point process (one that receives events) the
	// generator's NetCon ends on.
	Synapse string `json:"synapse"`
	// WeightUS and DelayMs are the NetCon's weight (µS) and delay (ms);
	// NEURON's default delay is 1 ms.
	WeightUS float64 `json:"weight_uS"`
	DelayMs  float64 `json:"delay_ms"`
	// Seed seeds the generators' streams.
	Seed int `json:"seed,omitempty"`
}

// Cell is a cable cell.
type Cell struct {
	// Type names the kind of cell, e.g. "L5_pyramidal".
	Type string `json:"type"`
	morph.Morphology
	// Groups names lists of sections, e.g. "proximal", "distal" in HNN-core.
	Groups map[string][]string `json:"groups,omitempty"`
	// Mechanisms paints density mechanisms on sections, in order.
	Mechanisms []Paint `json:"mechanisms,omitempty"`
	// Points places point processes (clamps, synapses).
	Points []Place `json:"point_processes,omitempty"`
	// Detector, if set, detects this cell's spikes.
	Detector *Detector `json:"detector,omitempty"`
	// Stims are the cell's own spike generators (see Stim).
	Stims []Stim `json:"stims,omitempty"`
	// Globals overrides mechanism globals: mechanism -> name -> value.
	Globals map[string]map[string]float64 `json:"globals,omitempty"`
}

// SectionIDs expands names of sections or groups into section IDs, without
// repeats, in the order given. An empty list means every section.
func (c *Cell) SectionIDs(names []string) ([]morph.SectionID, error) {
	if len(names) == 0 {
		ids := make([]morph.SectionID, len(c.Sections))
		for i := range ids {
			ids[i] = morph.SectionID(i)
		}
		return ids, nil
	}
	seen := map[morph.SectionID]bool{}
	var ids []morph.SectionID
	add := func(id morph.SectionID) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, n := range names {
		if id, ok := c.Index(n); ok {
			add(id)
			continue
		}
		g, ok := c.Groups[n]
		if !ok {
			return nil, fmt.Errorf("%q is neither a section nor a group of cell %q", n, c.Type)
		}
		for _, s := range g {
			id, ok := c.Index(s)
			if !ok {
				return nil, fmt.Errorf("group %q: %q is not a section of cell %q", n, s, c.Type)
			}
			add(id)
		}
	}
	return ids, nil
}

// Validate checks the cell against a mechanism catalogue: a valid
// morphology, known mechanisms of the right kind, known parameters with
// values in range on every segment, positions within sections. The error
// names the cell, the section, the field and the value.
func (c *Cell) Validate(cat *mech.Catalogue) error {
	if err := c.Morphology.Validate(); err != nil {
		return fmt.Errorf("cell %q: %w", c.Type, err)
	}
	var errs []error
	fail := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("cell %q: "+format, append([]any{c.Type}, a...)...))
	}
	for _, g := range sortedKeys(c.Groups) {
		if _, clash := c.Index(g); clash {
			fail("group %q has the name of a section", g)
		}
		if _, err := c.SectionIDs([]string{g}); err != nil {
			fail("%v", err)
		}
	}
	dist := c.PathDistances()
	for pi := range c.Mechanisms {
		p := &c.Mechanisms[pi]
		m, ok := cat.Lookup(p.Mech)
		if !ok {
			fail("mechanisms[%d]: %v", pi, &mech.UnknownError{Name: p.Mech, Known: cat.Names()})
			continue
		}
		if m.Kind != mech.Density {
			fail("mechanisms[%d]: %q is a %s mechanism; place it with point_processes", pi, p.Mech, m.Kind)
			continue
		}
		ids, err := c.SectionIDs(p.Sections)
		if err != nil {
			fail("mechanisms[%d] (%s): %v", pi, p.Mech, err)
			continue
		}
		for _, name := range sortedKeys(p.Params) {
			prof := p.Params[name]
			f, ok := m.Param(name)
			if !ok {
				fail("mechanisms[%d]: %s has no parameter %q (parameters: %s)", pi, p.Mech, name, fieldNames(m.Params))
				continue
			}
			if err := prof.check(); err != nil {
				fail("mechanisms[%d]: %s.%s: %v", pi, p.Mech, name, err)
				continue
			}
			for _, id := range ids {
				s := &c.Sections[id]
				if prof.Kind == Segments && len(prof.Values) != s.NSeg {
					fail("section %q: %s.%s: segments profile has %d values for nseg = %d", s.Name, p.Mech, name, len(prof.Values), s.NSeg)
					continue
				}
				for seg := 0; seg < s.NSeg; seg++ {
					v := prof.At(dist[id]+s.SegmentX(seg)*s.L, seg)
					if err := f.Check(v); err != nil {
						fail("section %q segment %d: %s.%v", s.Name, seg, p.Mech, err)
						break
					}
				}
			}
		}
	}
	for i := range c.Points {
		pp := &c.Points[i]
		m, ok := cat.Lookup(pp.Mech)
		if !ok {
			fail("point_processes[%d]: %v", i, &mech.UnknownError{Name: pp.Mech, Known: cat.Names()})
			continue
		}
		if m.Kind != mech.PointProcess {
			fail("point_processes[%d]: %q is a %s mechanism; paint it with mechanisms", i, pp.Mech, m.Kind)
			continue
		}
		if _, ok := c.Index(pp.Section); !ok {
			fail("point_processes[%d] (%s): section %q does not exist", i, pp.Mech, pp.Section)
		}
		if !(pp.X >= 0 && pp.X <= 1) {
			fail("point_processes[%d] (%s): x = %g, must be in [0, 1]", i, pp.Mech, pp.X)
		}
		for _, name := range sortedKeys(pp.Params) {
			f, ok := m.Param(name)
			if !ok {
				fail("point_processes[%d]: %s has no parameter %q (parameters: %s)", i, pp.Mech, name, fieldNames(m.Params))
				continue
			}
			if err := f.Check(pp.Params[name]); err != nil {
				fail("point_processes[%d]: %s.%v", i, pp.Mech, err)
			}
		}
	}
	if d := c.Detector; d != nil {
		if _, ok := c.Index(d.Section); !ok {
			fail("detector: section %q does not exist", d.Section)
		}
		if !(d.X >= 0 && d.X <= 1) {
			fail("detector: x = %g, must be in [0, 1]", d.X)
		}
		if math.IsNaN(d.ThresholdMV) || math.IsInf(d.ThresholdMV, 0) {
			fail("detector: threshold_mV = %g, must be finite", d.ThresholdMV)
		}
	}
	stimNames := map[string]bool{}
	for i := range c.Stims {
		st := &c.Stims[i]
		where := fmt.Sprintf("stims[%d] (%s)", i, st.Name)
		if st.Name == "" {
			fail("stims[%d]: name is empty", i)
		} else if stimNames[st.Name] {
			fail("%s: name used twice", where)
		}
		stimNames[st.Name] = true
		if err := st.NetStim.Validate(); err != nil {
			fail("%s: %v", where, err)
		}
		if len(st.NetStim.Seeds) > 0 {
			fail("%s: netstim.seeds must be empty in a cell (each instance's stream is keyed by seed and gid)", where)
		}
		if err := c.checkSynapse(cat, st.Synapse); err != nil {
			fail("%s: %v", where, err)
		}
		if !(st.WeightUS >= 0) || math.IsInf(st.WeightUS, 0) {
			fail("%s: weight_uS = %g, must be finite and >= 0", where, st.WeightUS)
		}
		if !(st.DelayMs > 0) || math.IsInf(st.DelayMs, 0) {
			fail("%s: delay_ms = %g, must be finite and > 0", where, st.DelayMs)
		}
		if st.Seed < 0 {
			fail("%s: seed = %d, must be >= 0", where, st.Seed)
		}
	}
	for _, mname := range sortedKeys(c.Globals) {
		m, ok := cat.Lookup(mname)
		if !ok {
			fail("globals: %v", &mech.UnknownError{Name: mname, Known: cat.Names()})
			continue
		}
		for _, g := range sortedKeys(c.Globals[mname]) {
			f, ok := m.Global(g)
			if !ok {
				fail("globals: %s has no global %q (globals: %s)", mname, g, fieldNames(m.Globals))
				continue
			}
			if err := f.Check(c.Globals[mname][g]); err != nil {
				fail("globals: %s.%v", mname, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Synapses returns the names of the cell's point processes that receive
// events, in order: NEURON's synlist, which a network manager's synapse
// index counts in. Unnamed ones are "" (they cannot be connected).
func (c *Cell) Synapses(cat *mech.Catalogue) []string {
	var out []string
	for _, pp := range c.Points {
		if m, ok := cat.Lookup(pp.Mech); ok && m.NetReceive {
			out = append(out, pp.Name)
		}
	}
	return out
}

// CheckSynapse reports whether name is a point process of the cell that
// receives events; the error names the synapses the cell has.
func (c *Cell) CheckSynapse(cat *mech.Catalogue, name string) error { return c.checkSynapse(cat, name) }

func (c *Cell) checkSynapse(cat *mech.Catalogue, name string) error {
	for _, pp := range c.Points {
		if pp.Name != name || name == "" {
			continue
		}
		m, ok := cat.Lookup(pp.Mech)
		if !ok {
			return fmt.Errorf("synapse %q: %v", name, &mech.UnknownError{Name: pp.Mech, Known: cat.Names()})
		}
		if !m.NetReceive {
			return fmt.Errorf("synapse %q is a %s, which takes no events", name, pp.Mech)
		}
		return nil
	}
	return fmt.Errorf("cell %q has no synapse %q (synapses: %v)", c.Type, name, c.Synapses(cat))
}

func fieldNames(fs []mech.Field) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += ", "
		}
		s += f.Name
	}
	if s == "" {
		return "none"
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
