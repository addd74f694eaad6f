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

// lfpBlock is the number of steps whose currents are kept before they are
// multiplied by the transfer resistances: a cell's resistances (25
// contacts × 55 segments for an L5 cell; 1.75 MB for the ERP column) are
// then read once per block rather than every step, which made the sum
// memory-bound.
const lfpBlock = 32

// cellLFP is one cell's contribution to every contact of every array.
type cellLFP struct {
	gid int
	// off is the offset of its segments in its part's rows of currents.
	off int
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
// current is added back into its segment's transmembrane current: the
// segment seg of the part's electrode cell cell.
type electrodeCurrent struct {
	k         mech.Currenter
	name      string
	inst      int
	cell, seg int
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
				for _, nd := range d.Centres[si] {
					es.SegmentX = append(es.SegmentX, d.X[nd])
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
		p.group.VPrev = make([]float64, len(p.group.V))
		at := map[int][2]int{} // node -> (cell, segment)
		p.nsegs = 0
		for li, cl := range p.lfps {
			cl.off = p.nsegs
			p.nsegs += len(cl.nodes)
			for j, nd := range cl.nodes {
				at[int(nd)] = [2]int{li, j}
			}
		}
		p.hist = make([]float64, lfpBlock*p.nsegs)
		for _, k := range p.kernels {
			if !k.m.Electrode {
				continue
			}
			cur, ok := k.k.(mech.Currenter)
			if !ok {
				continue
			}
			for j, nd := range k.nodes {
				w, ok := at[nd]
				if !ok {
					continue // at an end node: no membrane there
				}
				for _, name := range cur.Currents() {
					p.electrodes = append(p.electrodes, electrodeCurrent{k: cur, name: name, inst: j, cell: w[0], seg: w[1]})
				}
			}
		}
		slices.SortStableFunc(p.electrodes, func(a, b electrodeCurrent) int { return cmp.Compare(a.cell, b.cell) })
		p.recordsLFP = true
	}
}

// recordLFP computes the transmembrane currents of the step just taken
// and each of the part's cells' contribution to every contact, sample k
// of the epoch.
func (p *part) recordLFP(k int) {
	if p.histN == 0 {
		p.k0 = k
	}
	row := p.hist[p.histN*p.nsegs : (p.histN+1)*p.nsegs]
	c := &p.group.Ctx
	v, vp, cm, area, ci, g := c.V, p.group.VPrev, p.cm, c.Area, c.I, c.G
	cf := 1e-3 / c.Dt // cm (µF/cm²) -> S/cm² over one step
	e := 0
	for li, cl := range p.lfps {
		cur := row[cl.off : cl.off+len(cl.nodes)]
		for j, nd := range cl.nodes {
			cur[j] = (ci[nd] + (g[nd]+cm[nd]*cf)*(v[nd]-vp[nd])) * area[nd] * 0.01
		}
		// an electrode's injected current lowered c.I at its node; the
		// membrane current excludes it (p.electrodes is in cell order)
		for ; e < len(p.electrodes) && p.electrodes[e].cell == li; e++ {
			el := &p.electrodes[e]
			cur[el.seg] += el.k.CurrentAt(el.name, el.inst, c)
		}
	}
	p.histN++
	if p.histN == lfpBlock {
		p.flushLFP()
	}
}

// flushLFP turns the block of currents into every cell's contributions to
// every contact, samples k0 to k0+histN-1 of the epoch.
func (p *part) flushLFP() {
	epoch := p.epochLen
	for _, cl := range p.lfps {
		ns := len(cl.nodes)
		for cc := range p.contacts {
			r := cl.r[cc*ns : (cc+1)*ns]
			q := cl.q[cc*epoch+p.k0 : cc*epoch+p.k0+p.histN]
			h := func(b int) []float64 { return p.hist[b*p.nsegs+cl.off : b*p.nsegs+cl.off+ns] }
			b := 0
			for ; b+4 <= len(q); b += 4 {
				q[b], q[b+1], q[b+2], q[b+3] = dot4(r, h(b), h(b+1), h(b+2), h(b+3))
			}
			for ; b < len(q); b++ {
				q[b] = dot(r, h(b))
			}
		}
	}
	p.histN = 0
}

// dot returns sum_j r[j]·h[j], summed in order of j.
func dot(r, h []float64) float64 {
	h = h[:len(r)]
	s := 0.0
	for j, x := range r {
		s += x * h[j]
	}
	return s
}

// dot4 is dot of r with four rows at once, each summed in order of j as
// dot sums it (so a sample's potential does not depend on which samples
// share its block): four independent chains of additions, and each r[j]
// loaded once for the four.
func dot4(r, h0, h1, h2, h3 []float64) (s0, s1, s2, s3 float64) {
	n := len(r)
	h0, h1, h2, h3 = h0[:n], h1[:n], h2[:n], h3[:n]
	for j, x := range r {
		s0 += x * h0[j]
		s1 += x * h1[j]
		s2 += x * h2[j]
		s3 += x * h3[j]
	}
	return s0, s1, s2, s3
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
