package engine

import (
	"cmp"
	"slices"

	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/record"
)

// The extracellular potentials of a network's electrode arrays. Every
// step each cell computes its segments' transmembrane currents, NEURON's
// i_membrane_ (nA): the membrane current linearised at the new voltage
// plus the capacitive current, electrode (clamp) currents excluded,
//
//	i = (i_mem(v) + (g_mem + 1e-3·cm/dt)·Δv)·area·0.01,
//
// as NEURON's fast_imem computes it after the solve, and from them its
// contribution to every contact, sum_j R[e][j]·i_j (µV); the network sums
// the cells' contributions in gid order, so that the potentials do not
// depend on how the cells are split over threads and ranks.

// cellLFP is one cell's contribution to every contact of every array.
type cellLFP struct {
	gid int
	// nodes are the cell's segment-centre nodes in its part; r holds, for
	// each contact c (all arrays' contacts in order), the transfer
	// resistances of the segments: r[c·len(nodes)+j], µV/nA.
	nodes []int32
	r     []float64
	// q holds the epoch's samples, q[c·epoch+k], µV.
	q []float64
}

// lfpArray is a network's electrode array and its potentials.
type lfpArray struct {
	arr   electrode.Array
	first int // index of its first contact among all contacts
	data  [][]float64
}

// electrodeCurrent is an electrode (clamp) instance whose injected
// current is added back into its node's transmembrane current.
type electrodeCurrent struct {
	k    mech.Currenter
	name string
	inst int
	node int
}

// buildLFP lists, for each of this rank's cells, its segments' transfer
// resistances to every contact, and prepares each part to compute
// transmembrane currents.
func (nw *network) buildLFP(s *Sim) {
	if len(nw.m.Electrodes) == 0 {
		return
	}
	contacts := 0
	for _, a := range nw.m.Electrodes {
		nw.arrays = append(nw.arrays, &lfpArray{arr: a, first: contacts})
		contacts += len(a.PositionsUm)
	}
	nw.contacts = contacts
	for _, r := range nw.m.Ranges() {
		if r.Kind != record.KindCell {
			continue
		}
		pop, _ := nw.m.Population(r.Name)
		c := pop.Cell
		// the cell template's sections, placed at each cell's position
		for k := 0; k < r.N; k++ {
			gi := int(r.First) + k
			w := s.at[gi]
			p := s.parts[w.part]
			cl := &cellLFP{gid: gi}
			nw.lfpCells = append(nw.lfpCells, cl)
			if p.rank != s.comm.Rank() {
				p.lfps = append(p.lfps, cl) // its samples arrive every epoch
				continue
			}
			d, off := p.disc[w.local], p.offset[w.local]
			pos := [3]float64(pop.Positions[k])
			var secs []electrode.Section
			for si := range c.Sections {
				sec := &c.Sections[si]
				a := [3]float64{sec.Ends[0].X, sec.Ends[0].Y, sec.Ends[0].Z}
				b := [3]float64{sec.Ends[1].X, sec.Ends[1].Y, sec.Ends[1].Z}
				st, en := electrode.NEURONPoints(pos, a, b, sec.L)
				es := electrode.Section{Start: st, End: en, LUm: sec.L}
				for j, nd := range d.Centres[si] {
					es.SegmentX = append(es.SegmentX, d.X[nd])
					_ = j
					cl.nodes = append(cl.nodes, int32(off+nd))
				}
				secs = append(secs, es)
			}
			for _, la := range nw.arrays {
				for _, e := range la.arr.PositionsUm {
					for i := range secs {
						cl.r = la.arr.Row(cl.r, &secs[i], e)
					}
				}
			}
			p.lfps = append(p.lfps, cl)
		}
	}
	slices.SortFunc(nw.lfpCells, func(a, b *cellLFP) int { return cmp.Compare(a.gid, b.gid) })
	for _, p := range s.local {
		if len(p.lfps) == 0 {
			continue
		}
		n := len(p.group.V)
		p.group.VPrev = make([]float64, n)
		p.imem = make([]float64, n)
		for ki, k := range p.kernels {
			if !k.m.Electrode {
				continue
			}
			cur, ok := k.k.(mech.Currenter)
			if !ok {
				continue
			}
			for j, nd := range k.nodes {
				for _, name := range cur.Currents() {
					p.electrodes = append(p.electrodes, electrodeCurrent{k: cur, name: name, inst: j, node: nd})
				}
			}
			_ = ki
		}
	}
}

// recordLFP computes the transmembrane currents of the step just taken
// and each of the part's cells' contribution to every contact, sample k
// of the epoch.
func (p *part) recordLFP(k int) {
	epoch, contacts := p.epochLen, p.contacts
	c := &p.group.Ctx
	v, vp, im := c.V, p.group.VPrev, p.imem
	cf := 1e-3 / c.Dt // cm (µF/cm²) -> S/cm² over one step
	for i := range im {
		im[i] = (c.I[i] + (c.G[i]+p.cm[i]*cf)*(v[i]-vp[i])) * c.Area[i] * 0.01
	}
	for _, e := range p.electrodes {
		// an electrode's injected current lowered c.I at its node; the
		// membrane current excludes it
		im[e.node] += e.k.CurrentAt(e.name, e.inst, c)
	}
	for _, cl := range p.lfps {
		ns := len(cl.nodes)
		for ci := range contacts {
			r := cl.r[ci*ns : (ci+1)*ns]
			sum := 0.0
			for j, nd := range cl.nodes {
				sum += r[j] * im[nd]
			}
			cl.q[ci*epoch+k] = sum
		}
	}
}

// sumLFP appends samples [a, b) to every array: 0 for sample 0 (HNN-core
// records from the first step on), then the sum over the cells, in gid
// order, of the epoch's samples.
func (nw *network) sumLFP(a, b, epoch int) {
	for _, la := range nw.arrays {
		for ci := range la.data {
			c := la.first + ci
			for i := a; i < b; i++ {
				if i == 0 {
					la.data[ci] = append(la.data[ci], 0)
					continue
				}
				q := 0.0
				for _, cl := range nw.lfpCells {
					q += cl.q[c*epoch+i-a]
				}
				la.data[ci] = append(la.data[ci], q)
			}
		}
	}
}

// Potentials returns the extracellular potentials of the last trial, one
// per electrode array in the network's order: per contact one sample per
// recording time (see Times), µV.
func (s *Sim) Potentials() []record.Potentials {
	if s.net == nil {
		return nil
	}
	var out []record.Potentials
	for _, la := range s.net.arrays {
		out = append(out, record.Potentials{Array: la.arr.Name, PositionsUm: la.arr.PositionsUm, DataUV: la.data})
	}
	return out
}
