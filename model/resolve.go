package model

import (
	"github.com/laminasim/lamina/record"

	"fmt"
	"math"
	"slices"
)

// Edge is one NetCon: from a source gid to a synapse of a target cell.
type Edge struct {
	Src, Target GID
	// Synapse names the target's point process, e.g. "apical_tuft_ampa".
	Synapse  string
	WeightUS float64
	DelayMs  float64
	// Conn indexes the connection (in AllConnections) the edge comes from.
	Conn int
}

// AllConnections returns the network's connections followed by those its
// drives imply, in HNN-core's order: for each drive, its target types in
// population order, AMPA before NMDA; then one per cell stim (cell.Stim),
// each generator to its own cell. A cell-specific drive connects its
// cells one to one to the target cells, the first target type's cells
// first; its connection seeds are conn_seed + the target type's position.
func (n *Network) AllConnections() []Connection {
	out := append([]Connection(nil), n.Connections...)
	types := n.CellTypes()
	drives := n.AllDrives()
	for i := range drives {
		d := &drives[i]
		src := 0
		for inc, t := range d.TargetTypes(types) {
			p, ok := n.Population(t)
			if !ok {
				continue
			}
			nt := len(p.Positions)
			for _, r := range d.Receptors(t) {
				c := Connection{Src: d.Name, Target: t, Loc: d.Location, Receptor: r,
					WeightUS: d.Weight(t, r), DelayMs: d.SynapticDelays[t], Lamtha: d.SpaceConstant,
					Gain: 1, Probability: d.ProbabilityOf(t), ConnSeed: d.ConnSeed + inc, AllowAutapses: true}
				if d.CellSpecific {
					c.Pairs = make([][2]int, nt)
					for k := range c.Pairs {
						c.Pairs[k] = [2]int{src + k, k}
					}
				}
				out = append(out, c)
			}
			if d.CellSpecific {
				src += nt
			}
		}
	}
	for i := range n.Populations {
		p := &n.Populations[i]
		if p.Cell == nil || len(p.Positions) == 0 {
			continue
		}
		for _, st := range p.Cell.Stims {
			c := Connection{Src: StimDriveName(p.Name, st.Name), Target: p.Name, Synapse: st.Synapse,
				WeightUS: st.WeightUS, DelayMs: st.DelayMs, Gain: 1, Probability: 1, AllowAutapses: true,
				Pairs: make([][2]int, len(p.Positions))}
			for k := range c.Pairs {
				c.Pairs[k] = [2]int{k, k}
			}
			out = append(out, c)
		}
	}
	return out
}

// Pairs returns the (source gid, target gid) pairs of connection c, after
// autapse removal and probabilistic pruning, in HNN-core's order (sources
// ascending, then targets).
func (n *Network) Pairs(c *Connection) ([][2]GID, error) {
	src, ok := n.RangeOf(c.Src)
	if !ok {
		return nil, fmt.Errorf("model: no population or drive %q", c.Src)
	}
	tgt, ok := n.RangeOf(c.Target)
	if !ok || tgt.Kind != record.KindCell {
		return nil, fmt.Errorf("model: no population %q", c.Target)
	}
	var pairs [][2]GID
	if c.Pairs != nil {
		for _, p := range c.Pairs {
			s, t := src.First+GID(p[0]), tgt.First+GID(p[1])
			if s == t && !c.AllowAutapses {
				continue
			}
			pairs = append(pairs, [2]GID{s, t})
		}
	} else {
		pairs = make([][2]GID, 0, src.N*tgt.N)
		for i := 0; i < src.N; i++ {
			s := src.First + GID(i)
			for j := 0; j < tgt.N; j++ {
				t := tgt.First + GID(j)
				if s == t && !c.AllowAutapses {
					continue
				}
				pairs = append(pairs, [2]GID{s, t})
			}
		}
	}
	if c.Probability < 1 {
		// HNN-core keeps round(N·p) pairs (numpy rounds half to even).
		k := int(math.RoundToEven(float64(len(pairs)) * c.Probability))
		keep, err := n.choose(c.ConnSeed, len(pairs), k)
		if err != nil {
			return nil, err
		}
		mark := make([]bool, len(pairs))
		for _, i := range keep {
			mark[i] = true
		}
		kept := pairs[:0]
		for i, p := range pairs {
			if mark[i] {
				kept = append(kept, p)
			}
		}
		pairs = kept
	}
	return pairs, nil
}

// Position returns the position of gid g: its cell's, or the origin for
// drive cells.
func (n *Network) Position(g GID) (Position, bool) { return positionIn(n, n.Ranges(), g) }

// Scale returns the weight and delay of connection c between positions src
// and tgt, HNN-core's Gaussian fall-off in the x-y plane.
func (n *Network) Scale(c *Connection, src, tgt Position) (weightUS, delayMs float64) {
	dx, dy := tgt[0]-src[0], tgt[1]-src[1]
	d := math.Sqrt(dx*dx + dy*dy)
	if c.Lamtha == 0 {
		return c.WeightUS * c.Gain, c.DelayMs // no distance dependence
	}
	lam := c.Lamtha * n.InplaneDistanceUm
	f := math.Exp(-(d * d) / (lam * lam))
	return c.WeightUS * c.Gain * f, c.DelayMs / f
}

// Edges returns every NetCon of the network, connection by connection in
// AllConnections order, pairs in order, and for a section group the
// group's sections in order; then the explicit NetCons, whose Conn is
// len(AllConnections()) + their index.
func (n *Network) Edges() ([]Edge, error) {
	var out []Edge
	all := n.AllConnections()
	ranges := n.Ranges()
	for ci, c := range all {
		pairs, err := n.Pairs(&c)
		if err != nil {
			return nil, err
		}
		if c.Synapse != "" {
			for _, p := range pairs {
				w, d := c.WeightUS*c.Gain, c.DelayMs
				if c.Lamtha != 0 {
					sp, _ := positionIn(n, ranges, p[0])
					tp, _ := positionIn(n, ranges, p[1])
					w, d = n.Scale(&c, sp, tp)
				}
				out = append(out, Edge{Src: p[0], Target: p[1], Synapse: c.Synapse, WeightUS: w, DelayMs: d, Conn: ci})
			}
			continue
		}
		secs, err := n.TargetSections(c.Target, c.Loc)
		if err != nil {
			return nil, err
		}
		names := make([]string, len(secs))
		for i, s := range secs {
			names[i] = SynapseName(s, c.Receptor)
		}
		out = slices.Grow(out, len(pairs)*len(names))
		for _, p := range pairs {
			sp, _ := positionIn(n, ranges, p[0])
			tp, _ := positionIn(n, ranges, p[1])
			w, d := n.Scale(&c, sp, tp)
			for _, name := range names {
				out = append(out, Edge{Src: p[0], Target: p[1], Synapse: name, WeightUS: w, DelayMs: d, Conn: ci})
			}
		}
	}
	for i, nc := range n.NetCons {
		out = append(out, Edge{Src: nc.Src, Target: nc.Target, Synapse: nc.Synapse, WeightUS: nc.WeightUS, DelayMs: nc.DelayMs, Conn: len(all) + i})
	}
	return out, nil
}

// positionIn is Position with the ranges computed once (by callers that
// look up many gids).
func positionIn(n *Network, ranges []Range, g GID) (Position, bool) {
	for _, r := range ranges {
		if r.Contains(g) {
			if r.Kind != record.KindCell {
				return n.Origin, true
			}
			p, _ := n.Population(r.Name)
			return p.Positions[g-r.First], true
		}
	}
	return Position{}, false
}

// DriveEvents returns the event times (ms) of every cell of every drive for
// one trial of a simulation of tstopMs, keyed by gid, drawn as the
// network's Seeding says. In HNN-core's seeding, cell k of a drive with
// event_seed s draws from RandomState(s + trial·NGIDs + k), as HNN-core
// does.
func (n *Network) DriveEvents(trial int, tstopMs float64) (map[GID][]float64, error) {
	out := map[GID][]float64{}
	types := n.CellTypes()
	ngids := n.CableGIDs()
	drives := n.AllDrives()
	for i := range drives {
		d := &drives[i]
		r, _ := n.RangeOf(d.Name)
		// target type of each cell of a cell-specific drive
		var cellType []string
		if d.CellSpecific {
			for _, t := range d.TargetTypes(types) {
				p, _ := n.Population(t)
				for range p.Positions {
					cellType = append(cellType, t)
				}
			}
		}
		for k := 0; k < r.N; k++ {
			target := "any"
			if d.CellSpecific && k < len(cellType) {
				target = cellType[k]
			}
			prng, prng2, err := n.draws(d, r.First+GID(k), k, trial, ngids)
			if err != nil {
				return nil, err
			}
			out[r.First+GID(k)] = d.EventTimes(k, target, tstopMs, prng, prng2)
		}
	}
	return out, nil
}
