package engine

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/internal/cable"
	"github.com/laminasim/lamina/internal/discretize"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/record"
)

// part is a set of cells integrated together by one goroutine: one Hines
// matrix over their nodes, one kernel per mechanism type, and, in a
// network, the NetCons that end on its synapses and its event queue.
type part struct {
	cells     []int // indices into Sim.insts, ascending
	disc      []*discretize.Cell
	offset    []int // first node of each cell
	group     *cable.Group
	kernels   []kernel
	detectors []detector
	probes    []probe
	// spikes holds the part's cell spikes of the current epoch.
	spikes []record.Spike
	err    error
	// sendLocal: the part holds every cell, so spikes go straight to its
	// synapses when detected.
	sendLocal bool

	// Network: NetCons onto this part's synapses, by source gid: targets
	// of gid g are out[outStart[g]:outStart[g+1]].
	outStart []int32
	out      []target
	ring     [][]event
	// drive events with targets here, by emission step then time then gid
	drives    []driveEvent
	nextDrive int
	// dipole cells of this part
	dipoles []*cellDipole
	// extracellular recording: the part's cells' contributions, the
	// transmembrane currents (nA) and capacitances (µF/cm²) per node, the
	// electrode currents to add back, the epoch's length
	lfps       []*cellLFP
	cm         []float64
	recordsLFP bool
	// probeEvery: the probes sample every probeEvery-th step.
	probeEvery int
	// hist holds the segments' currents of up to lfpBlock steps, row b
	// the currents of epoch sample k0+b, each cell's at its offset.
	hist       []float64
	histN, k0  int
	nsegs      int
	electrodes []electrodeCurrent
	epochLen   int
	contacts   int
	// rank is the rank that builds and runs the part.
	rank int
}

type detector struct {
	node int
	thr  float64
	high bool
	gid  int
}

// probe samples src[idx], or fn, after every step.
type probe struct {
	src  []float64
	idx  int
	fn   func() float64
	data []float64
}

// kernel is one mechanism kernel and the node of each of its instances.
type kernel struct {
	m     *mech.Mechanism
	k     mech.Kernel
	nodes []int
	recv  mech.Receiver // nil unless the mechanism takes events
}

// target is one NetCon: the synapse it reaches, its weight (µS) and delay
// (ms), and its index among all NetCons (to order simultaneous events).
type target struct {
	kernel, inst int32
	seq          int32
	weight       float64
	delay        float64
}

// event is a NetCon event in flight.
type event struct {
	td           float64 // delivery time, ms
	src          int32   // source gid
	seq          int32
	kernel, inst int32
	weight       float64
}

// driveEvent is a drive cell's event, emitted at the start of step step.
type driveEvent struct {
	step int
	t    float64
	gid  int32
}

// cellDipole is one cell's contribution to a layer's dipole: the sum over
// its nodes of (v_parent - v)·rinv·ztan, sampled every step of an epoch.
type cellDipole struct {
	gid    int
	layer  int
	node   []int32
	parent []int32
	factor []float64 // rinv (µS) · ztan (µm): fAm per mV
	q      []float64 // samples of the current epoch, fAm
}

// build assembles the part's matrix, lowers its mechanisms and places its
// detectors.
func (p *part) build(s *Sim, discs map[*cell.Cell]*discretize.Cell) error {
	var parent []int
	var area, rinv, cm, vinit []float64
	for _, gi := range p.cells {
		d := discs[s.insts[gi].tmpl]
		off := len(parent)
		p.disc = append(p.disc, d)
		p.offset = append(p.offset, off)
		for _, q := range d.Parent {
			parent = append(parent, q+off)
		}
		area = append(area, d.Area...)
		rinv = append(rinv, d.RInv...)
		cm = append(cm, d.Cm...)
		vinit = append(vinit, d.VInit...)
	}
	p.group = cable.NewGroup(cable.NewMatrix(parent, area, rinv, cm), vinit, area, s.cfg.DtMs, s.cfg.Celsius)
	p.cm = cm
	if err := p.lower(s); err != nil {
		return err
	}
	for ci, gi := range p.cells {
		in := &s.insts[gi]
		if d := in.tmpl.Detector; d != nil {
			sec, _ := in.tmpl.Index(d.Section)
			thr := d.ThresholdMV
			if in.threshold != nil {
				thr = *in.threshold
			}
			p.detectors = append(p.detectors, detector{node: p.offset[ci] + p.disc[ci].Node(sec, d.X), thr: thr, gid: in.gid})
		}
	}
	return nil
}

// start prepares a run of n steps in epochs of the given length: t = 0
// initialisation and the first samples.
func (p *part) start(s *Sim, n, epoch int) {
	p.probeEvery = max(1, s.cfg.ProbeEvery)
	p.sendLocal = len(s.parts) == 1
	p.err = nil
	for i := range p.probes {
		p.probes[i].data = make([]float64, 0, n/p.probeEvery+1)
	}
	for i := range p.detectors {
		p.detectors[i].high = false
	}
	for _, d := range p.dipoles {
		if cap(d.q) < epoch {
			d.q = make([]float64, epoch)
		}
		d.q = d.q[:epoch]
	}
	p.startLFP(s, epoch)
	p.group.Init()
	p.record(-1, 0)
}

// startRemote prepares another rank's part: only its dipole and
// electrode cells' buffers, which that rank's samples fill.
func (p *part) startRemote(s *Sim, epoch int) {
	for _, d := range p.dipoles {
		if cap(d.q) < epoch {
			d.q = make([]float64, epoch)
		}
		d.q = d.q[:epoch]
	}
	p.startLFP(s, epoch)
}

// startLFP sizes the electrode cells' epoch buffers.
func (p *part) startLFP(s *Sim, epoch int) {
	p.epochLen = epoch
	if s.net == nil {
		return
	}
	p.contacts = s.net.contacts
	n := s.net.contacts * epoch
	for _, cl := range p.lfps {
		if cap(cl.q) < n {
			cl.q = make([]float64, n)
		}
		cl.q = cl.q[:n]
	}
}

// run advances the part over steps [from, to).
func (p *part) run(s *Sim, from, to int) {
	p.spikes = p.spikes[:0]
	g := p.group
	for step := from; step < to; step++ {
		first := len(p.spikes)
		p.detect(s, step)
		if s.net != nil {
			if p.sendLocal {
				for _, sp := range p.spikes[first:] {
					p.send(s, int32(sp.GID), sp.TimeMs, step)
				}
			}
			p.deliver(s, step)
		}
		g.Step(step)
		if bad := g.Unphysical(); bad >= 0 {
			p.err = p.unphysical(s, bad, s.clock.At(float64(step+1)))
			return
		}
		p.record(step-from, step+1)
	}
	if p.recordsLFP {
		p.flushLFP()
	}
}

// detect compares each detector's voltage with its threshold at the start
// of step: a spike is the first sample above it.
func (p *part) detect(s *Sim, step int) {
	v := p.group.V
	t := s.clock.At(float64(step))
	for i := range p.detectors {
		d := &p.detectors[i]
		if v[d.node] > d.thr {
			if !d.high {
				d.high = true
				p.spikes = append(p.spikes, record.Spike{TimeMs: t, GID: record.GID(d.gid)})
			}
		} else {
			d.high = false
		}
	}
}

// deliver emits the drive events due at step to this part's synapses and
// delivers the events due at step in (time, source gid, NetCon) order.
func (p *part) deliver(s *Sim, step int) {
	for p.nextDrive < len(p.drives) && p.drives[p.nextDrive].step <= step {
		e := p.drives[p.nextDrive]
		p.send(s, e.gid, e.t, step)
		p.nextDrive++
	}
	b := step % len(p.ring)
	bin := p.ring[b]
	if len(bin) > 1 {
		slices.SortFunc(bin, func(x, y event) int {
			if c := cmp.Compare(x.td, y.td); c != 0 {
				return c
			}
			if c := cmp.Compare(x.src, y.src); c != 0 {
				return c
			}
			return cmp.Compare(x.seq, y.seq)
		})
	}
	for _, e := range bin {
		p.kernels[e.kernel].recv.Receive(int(e.inst), e.weight)
	}
	p.ring[b] = bin[:0]
}

// send queues the events of a spike of gid at time t (ms) for this part's
// synapses; step is the first step not yet run.
func (p *part) send(s *Sim, gid int32, t float64, step int) {
	nw := s.net
	for _, tg := range p.out[p.outStart[gid]:p.outStart[gid+1]] {
		td := t + tg.delay
		k := nw.deliveryStep(td)
		if k >= s.nsteps {
			continue // due after the end of the run
		}
		if k < step {
			k = step
		}
		b := k % len(p.ring)
		p.ring[b] = append(p.ring[b], event{td: td, src: gid, seq: tg.seq, kernel: tg.kernel, inst: tg.inst, weight: tg.weight})
	}
}

// record samples the probes and the cells' dipoles; k is the sample's
// index within the epoch (-1 at t = 0, where the dipole is 0 as NEURON
// records it before its first AFTER SOLVE).
func (p *part) record(k, sample int) {
	if sample%p.probeEvery == 0 {
		for i := range p.probes {
			pr := &p.probes[i]
			if pr.fn != nil {
				pr.data = append(pr.data, pr.fn())
			} else {
				pr.data = append(pr.data, pr.src[pr.idx])
			}
		}
	}
	if k < 0 {
		return
	}
	v := p.group.V
	for _, d := range p.dipoles {
		q := 0.0
		for i, nd := range d.node {
			q += (v[d.parent[i]] - v[nd]) * d.factor[i]
		}
		d.q[k] = q
	}
	if p.recordsLFP {
		p.recordLFP(k)
	}
}

// unphysical reports the voltage at node (NaN, infinite or beyond
// ±cable.MaxAbsVMV), naming the cell, section and time.
func (p *part) unphysical(s *Sim, node int, t float64) error {
	ci := 0
	for ci+1 < len(p.offset) && p.offset[ci+1] <= node {
		ci++
	}
	d := p.disc[ci]
	off := p.offset[ci]
	local := node - off
	// Prefer a segment centre to a zero-area end node in the report.
	for i := range d.Parent {
		if x := p.group.V[off+i]; !(math.Abs(x) <= cable.MaxAbsVMV) && d.X[i] > 0 && d.X[i] < 1 {
			local, node = i, off+i
			break
		}
	}
	in := &s.insts[p.cells[ci]]
	sec := in.tmpl.Sections[d.Section[local]]
	v := p.group.V[node]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("engine: membrane potential became %v at t = %g ms in cell %d (%s), section %s(%.4g)",
			v, t, in.gid, in.tmpl.Type, sec.Name, d.X[local])
	}
	return fmt.Errorf("engine: membrane potential reached %.6g mV at t = %g ms in cell %d (%s), section %s(%.4g): beyond ±%g mV, past physical bounds (a clamp, bias or conductance too strong?)",
		v, t, in.gid, in.tmpl.Type, sec.Name, d.X[local], cable.MaxAbsVMV)
}
