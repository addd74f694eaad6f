package engine

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/internal/cable"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/record"
)

// network holds what connecting cells adds to a simulation: the drive
// events, the minimum delay, and the dipole layers.
type network struct {
	m     *model.Network
	clock cable.Clock
	ngids int
	// firstDrive is the first drive gid: gids from it on are drive cells,
	// up to firstPoint, from which on they are the point group's.
	firstDrive, firstPoint int
	// maxDelay and minSteps: the longest NetCon delay (ms) and the fewest
	// steps between a cell spike and the delivery of its events.
	maxDelay float64
	minSteps int
	// drive events of the current trial, by time then gid
	drives    []driveEvent
	nextDrive int
	layers    []*layer
	// point is the point group of a mixed network (nil: none).
	point *pointGroup
	// arrays are the electrode arrays, contacts their contacts in all,
	// lfpCells every cell's contributions in gid order.
	arrays   []*lfpArray
	contacts int
	lfpCells []*cellLFP
	// epoch is the current trial's epoch length, steps.
	epoch int
}

// layer sums the dipoles of its cells, in gid order.
type layer struct {
	name  string
	cells []*cellDipole
	data  []float64 // fAm per sample
}

// NewNetwork validates a network description and lowers it for simulation:
// one cell per gid of each population, the synapses that receive NetCons,
// the NetCons with their distance-scaled weights and delays, the drives
// and the tonic biases. The temperature is the network's (cfg.Celsius is
// replaced by net.Celsius) and every detector uses its population's
// threshold (net.ThresholdMV unless the population sets its own).
func NewNetwork(net *model.Network, cfg Config) (*Sim, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if err := net.Validate(cfg.Catalogue); err != nil {
		return nil, err
	}
	cfg.Celsius = net.Celsius
	edges, err := net.Edges()
	if err != nil {
		return nil, err
	}
	var insts []instance
	firstDrive := 0
	for _, r := range net.Ranges() {
		if r.Kind != record.KindCell {
			continue
		}
		p, _ := net.Population(r.Name)
		var extra []cell.Place
		for _, b := range net.Biases {
			if b.CellType != p.Name {
				continue
			}
			dur := 1e9
			if b.TStopMs != 0 {
				dur = b.TStopMs - b.T0Ms
			}
			extra = append(extra, cell.Place{Name: b.Name, Mech: "IClamp", Section: b.Section, X: b.X,
				Params: map[string]float64{"del": b.T0Ms, "dur": dur, "amp": b.AmplitudeNA}})
		}
		thr := net.Threshold(p)
		for k := 0; k < r.N; k++ {
			insts = append(insts, instance{tmpl: p.Cell, gid: int(r.First) + k, extra: extra,
				synapses: map[string]synRef{}, threshold: &thr})
		}
		firstDrive = int(r.First) + r.N
	}
	for _, e := range edges {
		insts[e.Target].synapses[e.Synapse] = synRef{kernel: -1, inst: -1}
	}
	s, err := build(insts, cfg)
	if err != nil {
		return nil, err
	}
	nw := &network{m: net, clock: s.clock, ngids: net.NGIDs(), firstDrive: firstDrive, firstPoint: net.CableGIDs(), minSteps: math.MaxInt}
	crossMs := math.Inf(1) // the shortest delay between the cable and point parts
	for _, p := range s.local {
		p.outStart = make([]int32, nw.ngids+1)
	}
	rank := s.comm.Rank()
	for _, e := range edges {
		if p := s.parts[s.at[e.Target].part]; p.rank == rank {
			p.outStart[e.Src+1]++
		}
		nw.maxDelay = math.Max(nw.maxDelay, e.DelayMs)
		if int(e.Src) < firstDrive {
			// fewest steps from a spike to its delivery, with a margin for
			// rounding in t·(1/dt)
			nw.minSteps = min(nw.minSteps, int(math.Ceil(s.clock.PerStep(e.DelayMs)-0.5-1e-6)))
		}
		if int(e.Src) >= nw.firstPoint {
			crossMs = math.Min(crossMs, e.DelayMs)
		}
	}
	fill := make([][]int32, len(s.parts))
	for i, p := range s.parts {
		if p.rank != rank {
			continue
		}
		for g := 0; g < nw.ngids; g++ {
			p.outStart[g+1] += p.outStart[g]
		}
		p.out = make([]target, p.outStart[nw.ngids])
		fill[i] = append([]int32(nil), p.outStart[:nw.ngids]...)
	}
	for i, e := range edges {
		pi := s.at[e.Target].part
		if s.parts[pi].rank != rank {
			continue
		}
		ref := s.insts[e.Target].synapses[e.Synapse]
		s.parts[pi].out[fill[pi][e.Src]] = target{kernel: ref.kernel, inst: ref.inst, seq: int32(i), weight: e.WeightUS, delay: e.DelayMs}
		fill[pi][e.Src]++
	}
	if nw.minSteps < 1 && len(s.parts) > 1 {
		return nil, fmt.Errorf("engine: a NetCon delay shorter than dt/2 needs a single thread and rank (threads = %d, ranks = %d)", cfg.Threads, s.comm.Size())
	}
	if net.Point != nil {
		if nw.point, err = newPointGroup(net, cfg, s, crossMs, nw.minSteps); err != nil {
			return nil, err
		}
	}
	if err := nw.buildDipoles(s); err != nil {
		return nil, err
	}
	nw.buildLFP(s)
	s.net = nw
	return s, nil
}

// buildDipoles lists, for each cell of the populations that measure a
// dipole, every non-root node with its parent and the factor rinv·ztan,
// where ztan is the node's distance along its section from the previous
// node, projected on the dipole axis (HNN-core's dipole.mod and
// Cell._insert_dipole).
func (nw *network) buildDipoles(s *Sim) error {
	byName := map[string]int{}
	for pi := range nw.m.Populations {
		pop := &nw.m.Populations[pi]
		if pop.Dipole == nil {
			continue
		}
		li, ok := byName[pop.Dipole.Layer]
		if !ok {
			li = len(nw.layers)
			byName[pop.Dipole.Layer] = li
			nw.layers = append(nw.layers, &layer{name: pop.Dipole.Layer})
		}
		c := pop.Cell
		ax, _ := c.Index(pop.Dipole.Axis)
		axis := c.Sections[ax].Ends[1].Sub(c.Sections[ax].Ends[0])
		cos := make([]float64, len(c.Sections))
		for i := range c.Sections {
			b := c.Sections[i].Ends[1].Sub(c.Sections[i].Ends[0])
			cos[i] = (axis.X*b.X + axis.Y*b.Y + axis.Z*b.Z) / (axis.Norm() * b.Norm())
		}
		r, _ := nw.m.RangeOf(pop.Name)
		for k := 0; k < r.N; k++ {
			gi := int(r.First) + k
			w := s.at[gi]
			p := s.parts[w.part]
			cd := &cellDipole{gid: gi, layer: li}
			if p.rank != s.comm.Rank() {
				// another rank's cell: its samples arrive every epoch
				p.dipoles = append(p.dipoles, cd)
				nw.layers[li].cells = append(nw.layers[li].cells, cd)
				continue
			}
			d, off := p.disc[w.local], p.offset[w.local]
			for i, par := range d.Parent {
				if par == i {
					continue
				}
				sec := d.Section[i]
				seg := d.X[i]
				if d.Section[par] == sec {
					seg -= d.X[par]
				}
				ztan := seg * c.Sections[sec].L * cos[sec]
				cd.node = append(cd.node, int32(off+i))
				cd.parent = append(cd.parent, int32(off+par))
				cd.factor = append(cd.factor, d.RInv[i]*ztan)
			}
			p.dipoles = append(p.dipoles, cd)
			nw.layers[li].cells = append(nw.layers[li].cells, cd)
		}
	}
	for _, l := range nw.layers {
		slices.SortFunc(l.cells, func(a, b *cellDipole) int { return cmp.Compare(a.gid, b.gid) })
	}
	return nil
}

// start prepares trial trial: its drive events, empty event queues and the
// dipole buffers.
func (nw *network) start(s *Sim, trial int, tstopMs float64, nsteps int) error {
	events, err := nw.m.DriveEvents(trial, tstopMs)
	if err != nil {
		return err
	}
	nw.drives = nw.drives[:0]
	for g, ts := range events {
		for _, t := range ts {
			nw.drives = append(nw.drives, driveEvent{step: nw.deliveryStep(t), t: t, gid: int32(g)})
		}
	}
	slices.SortFunc(nw.drives, func(a, b driveEvent) int {
		if c := cmp.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmp.Compare(a.gid, b.gid)
	})
	nw.nextDrive = 0
	h := nsteps + 2
	if k := nw.deliveryStep(nw.maxDelay) + 2; k < h {
		h = k
	}
	for _, p := range s.local {
		p.drives = p.drives[:0]
		for _, e := range nw.drives {
			if p.outStart[e.gid+1] > p.outStart[e.gid] {
				p.drives = append(p.drives, e)
			}
		}
		p.nextDrive = 0
		if cap(p.ring) >= h {
			p.ring = p.ring[:h]
		} else {
			p.ring = make([][]event, h)
		}
		for i := range p.ring {
			p.ring[i] = p.ring[i][:0]
		}
	}
	for _, l := range nw.layers {
		l.data = make([]float64, 0, nsteps+1)
	}
	for _, la := range nw.arrays {
		la.data = make([][]float64, len(la.arr.PositionsUm))
		for c := range la.data {
			la.data[c] = make([]float64, 0, nsteps+1)
		}
	}
	return nil
}

// deliveryStep returns the step at whose start NEURON delivers an event of
// time td (ms): the first step n with td <= t_n + dt/2. A drive cell's event
// is emitted at the same step.
func (nw *network) deliveryStep(td float64) int {
	return int(math.Ceil(nw.clock.PerStep(td) - 0.5))
}

// isDrive reports whether gid is a drive cell.
func (nw *network) isDrive(gid record.GID) bool {
	return int(gid) >= nw.firstDrive && int(gid) < nw.firstPoint
}

// isPoint reports whether gid is a point neuron or Poisson source.
func (nw *network) isPoint(gid record.GID) bool { return int(gid) >= nw.firstPoint }

// driveSpikes appends the drive events emitted during steps [from, to).
func (nw *network) driveSpikes(sp []record.Spike, from, to int) []record.Spike {
	for nw.nextDrive < len(nw.drives) && nw.drives[nw.nextDrive].step < to {
		e := nw.drives[nw.nextDrive]
		if e.step >= from {
			sp = append(sp, record.Spike{TimeMs: e.t, GID: record.GID(e.gid)})
		}
		nw.nextDrive++
	}
	return sp
}

// sumDipoles appends samples [a, b) to every layer: 0 for sample 0, then
// the sum over the layer's cells, in gid order, of the epoch's samples
// (sample i is the epoch's sample i - a).
func (nw *network) sumDipoles(s *Sim, a, b int) {
	for _, l := range nw.layers {
		for i := a; i < b; i++ {
			if i == 0 {
				l.data = append(l.data, 0)
				continue
			}
			q := 0.0
			for _, c := range l.cells {
				q += c.q[i-a]
			}
			l.data = append(l.data, q)
		}
	}
}

// DipoleLayers returns the names of the dipole layers, in population order.
func (s *Sim) DipoleLayers() []string {
	if s.net == nil {
		return nil
	}
	out := make([]string, len(s.net.layers))
	for i, l := range s.net.layers {
		out[i] = l.name
	}
	return out
}

// Dipole returns the raw current dipole of a layer, fAm, one sample per
// recording time (see Times), as NEURON sums it for HNN-core (no baseline
// renormalisation, no smoothing or scaling).
func (s *Sim) Dipole(layer string) ([]float64, bool) {
	if s.net == nil {
		return nil, false
	}
	for _, l := range s.net.layers {
		if l.name == layer {
			return l.data, true
		}
	}
	return nil, false
}
