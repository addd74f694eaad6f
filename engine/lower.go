package engine

import (
	"fmt"
	"sort"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/internal/cable"
	"github.com/laminasim/lamina/mech"
)

// instances collects the instances of one kernel: nodes and parameter
// values, before the kernel exists.
type instances struct {
	m       *mech.Mechanism
	globals []float64
	nodes   []int
	params  map[string][]float64
	rank    int
	first   int
	kernel  int // index in part.kernels once built
}

func (in *instances) add(node int) int {
	in.nodes = append(in.nodes, node)
	for i := range in.m.Params {
		f := &in.m.Params[i]
		in.params[f.Name] = append(in.params[f.Name], f.Default)
	}
	return len(in.nodes) - 1
}

// lower builds the part's kernels and ions from its cells' mechanisms.
func (p *part) lower(s *Sim) error {
	cat := s.cfg.Catalogue
	kinds := map[string]*instances{}
	uses := map[int][]mech.IonUse{} // ion uses per node
	get := func(c *cell.Cell, m *mech.Mechanism) *instances {
		g := c.GlobalValues(m)
		if s.cfg.Rates != "" {
			// the run's rate mode replaces the cells' usetable
			mode, _ := mech.ParseRateMode(s.cfg.Rates)
			for i, f := range m.Globals {
				if f.Name == "usetable" {
					g[i] = float64(mode)
				}
			}
		}
		key := fmt.Sprint(m.Name, g)
		in, ok := kinds[key]
		if !ok {
			in = &instances{m: m, globals: g, params: map[string][]float64{}, rank: cat.Rank(m.Name), first: len(kinds)}
			kinds[key] = in
		}
		return in
	}
	type synAt struct {
		inst int
		name string
		in   *instances
		j    int
	}
	var syns []synAt
	for ci, gi := range p.cells {
		inst := &s.insts[gi]
		c := inst.tmpl
		d, off := p.disc[ci], p.offset[ci]
		for id, dens := range c.Densities(cat) {
			for _, dm := range dens {
				in := get(c, dm.Mech)
				for seg, nd := range d.Centres[id] {
					node := nd + off
					j := in.add(node)
					uses[node] = append(uses[node], dm.Mech.Ions...)
					for name, vals := range dm.Params {
						in.params[name][j] = vals[seg]
					}
				}
			}
		}
		for pi, pp := range append(c.Points[:len(c.Points):len(c.Points)], inst.extra...) {
			m, _ := cat.Lookup(pp.Mech)
			if pi >= len(c.Points) {
				// extra point processes are validated here: the template was
				// validated without them
				if err := validatePlace(c, &pp, m); err != nil {
					return fmt.Errorf("cell %d: %w", inst.gid, err)
				}
			}
			if m.NetReceive {
				if _, wanted := inst.synapses[pp.Name]; !wanted {
					continue // synapses are instantiated only when connected
				}
			}
			in := get(c, m)
			sec, _ := c.Index(pp.Section)
			node := d.Node(sec, pp.X) + off
			j := in.add(node)
			uses[node] = append(uses[node], m.Ions...)
			for name, v := range pp.Params {
				in.params[name][j] = v
			}
			if m.NetReceive {
				syns = append(syns, synAt{inst: gi, name: pp.Name, in: in, j: j})
			}
		}
	}
	list := make([]*instances, 0, len(kinds))
	for _, in := range kinds {
		list = append(list, in)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].rank != list[j].rank {
			return list[i].rank < list[j].rank
		}
		return list[i].first < list[j].first
	})
	g := p.group
	for _, sp := range cat.Ions() {
		used := false
		for _, in := range list {
			for _, u := range in.m.Ions {
				used = used || u.Ion == sp.Name
			}
		}
		if !used {
			continue
		}
		ion := g.AddIon(sp)
		nodes := make([]int, 0, len(uses))
		for nd := range uses {
			nodes = append(nodes, nd)
		}
		sort.Ints(nodes)
		for _, nd := range nodes {
			var mine []mech.IonUse
			for _, u := range uses[nd] {
				if u.Ion == sp.Name {
					mine = append(mine, u)
				}
			}
			st := cable.Promote(mine)
			if st.EInit {
				ion.Init = append(ion.Init, nd)
			}
			if st.EAdvance {
				ion.Advance = append(ion.Advance, nd)
			}
		}
	}
	for _, in := range list {
		k := in.m.New(in.nodes, in.globals)
		for name, vals := range in.params {
			slot := k.Slot(name)
			if slot == nil {
				panic("engine: mechanism " + in.m.Name + " has no slot for its parameter " + name)
			}
			copy(slot, vals)
		}
		g.Kernels = append(g.Kernels, k)
		recv, _ := k.(mech.Receiver)
		p.kernels = append(p.kernels, kernel{m: in.m, k: k, nodes: in.nodes, recv: recv})
		in.kernel = len(p.kernels) - 1
	}
	for _, sy := range syns {
		s.insts[sy.inst].synapses[sy.name] = synRef{kernel: int32(sy.in.kernel), inst: int32(sy.j)}
	}
	for _, gi := range p.cells {
		inst := &s.insts[gi]
		for name, ref := range inst.synapses {
			if ref.kernel < 0 {
				return fmt.Errorf("engine: cell %d (%s) has no synapse %q", inst.gid, inst.tmpl.Type, name)
			}
		}
	}
	return nil
}

// validatePlace checks a point process added to a validated template.
func validatePlace(c *cell.Cell, pp *cell.Place, m *mech.Mechanism) error {
	if m == nil {
		return fmt.Errorf("unknown mechanism %q", pp.Mech)
	}
	if _, ok := c.Index(pp.Section); !ok {
		return fmt.Errorf("%s: section %q does not exist", pp.Mech, pp.Section)
	}
	if !(pp.X >= 0 && pp.X <= 1) {
		return fmt.Errorf("%s: x = %g, must be in [0, 1]", pp.Mech, pp.X)
	}
	for name, v := range pp.Params {
		f, ok := m.Param(name)
		if !ok {
			return fmt.Errorf("%s has no parameter %q", pp.Mech, name)
		}
		if err := f.Check(v); err != nil {
			return fmt.Errorf("%s.%w", pp.Mech, err)
		}
	}
	return nil
}
