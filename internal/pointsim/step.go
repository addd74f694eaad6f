package pointsim

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/record"
)

// checkEvery is how often (in steps) the potentials are checked for NaN
// and infinities.
const checkEvery = 8192

// steps advances the simulation by count steps.
//
// The Poisson sources' draws of step k+1 are made by the threads at the
// end of step k (each thread its share of every layer's sources, into the
// lists of parity (k+1)&1, while the others still read those of step k),
// and those of the first step of a call by the calling goroutine; each
// source draws once per step, in step order, whoever draws it. The
// neurons' spike lists are double-buffered likewise, so that on one rank
// the spikes of step k are recorded during step k+1, by the calling
// goroutine once it has set the other threads going (unless a kernel
// times its spikes within the step: the offsets are read from its state).
func (s *Sim) steps(count int64) error {
	end := s.k + count
	if count > 0 && !s.drawn {
		for t := range s.th {
			s.drawPoisson(t, s.k)
		}
		s.recordPoisson(s.k)
		s.drawn = true
	}
	var w *workers
	if len(s.parts) > 1 {
		w = s.startWorkers()
		defer w.stop()
	}
	// pending: the spikes of step s.k-1 are still to be recorded.
	pending, pendingNext := false, false
	flush := func() {
		if pending {
			s.record(s.k-1, pendingNext)
			pending = false
		}
	}
	defer flush()
	var probe probe
	for i := range count {
		k := s.k
		next := i < count-1
		if w == nil || !probe.parallel(i) {
			flush()
			for t := range s.parts {
				s.part(t, k, next)
			}
		} else {
			w.run(k, next, flush)
		}
		if s.deferRecord {
			pending, pendingNext = true, next
		} else if err := s.merge(k, next); err != nil {
			return err
		}
		s.drawn = next
		s.k++
		if len(s.mons) > 0 {
			flush()
			for _, m := range s.mons {
				m.sample(s.k)
			}
		}
		if s.k%checkEvery == 0 {
			if err := s.checkFinite(); err != nil {
				return err
			}
		}
		if s.k%1024 == 0 {
			if s.cfg.Progress != nil {
				s.cfg.Progress(s.TimeMs(), float64(end)*s.dt)
			}
			if ctx := s.cfg.Context; ctx != nil && s.comm.Size() == 1 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		if cap(s.spikes)-len(s.spikes) < 1024 {
			s.growSpikes(count - i - 1)
		}
	}
	flush()
	if s.cfg.Progress != nil {
		s.cfg.Progress(s.TimeMs(), float64(end)*s.dt)
	}
	return s.checkFinite()
}

// probe chooses, for a multi-threaded run, whether the goroutines advance
// the parts of each step in parallel or the caller advances them one
// after the other (the results are the same either way): every
// probeEvery steps of a call it times probeSteps steps each way and keeps
// the faster for the rest of the period. Where threads synchronise slowly
// next to the work of a step (on a machine busy with other work, or with
// slow communication between its cores), parallel steps lose.
type probe struct {
	t0             time.Time
	par, ser       time.Duration
	chosenParallel bool
}

const (
	probeEvery = 32768
	probeSteps = 256
)

// parallel reports whether step i of the call runs in parallel.
func (p *probe) parallel(i int64) bool {
	switch ph := i % probeEvery; {
	case ph == 0:
		p.t0 = time.Now()
		return true
	case ph < probeSteps:
		return true
	case ph == probeSteps:
		p.par, p.t0 = time.Since(p.t0), time.Now()
		return false
	case ph < 2*probeSteps:
		return false
	case ph == 2*probeSteps:
		p.ser = time.Since(p.t0)
		p.chosenParallel = p.par < p.ser
	}
	return p.chosenParallel
}

// growSpikes makes room in the spike list for the rest of a call of steps
// (left steps to go), projected from the spikes so far, but at most 3
// times the list's length (a run may be long and cancelled): fewer
// reallocations than append's doublings, each copying the whole list into
// fresh memory in the serial part of a step.
func (s *Sim) growSpikes(left int64) {
	per := float64(len(s.spikes)) / float64(max(1, s.k))
	need := min(per*float64(left)*1.25, 3*float64(len(s.spikes)))
	s.spikes = slices.Grow(s.spikes, int(need)+4096)
}

// drawPoisson draws thread t's share of every Poisson layer's sources for
// step k: each fires with probability rate·dt (a uniform draw from its
// own stream, made whether or not the layer is on at step k).
func (s *Sim) drawPoisson(t int, k int64) {
	nt := int64(len(s.th))
	out := s.th[t].pois[k&1]
	for li, l := range s.layers {
		f := out[li][:0]
		on := k >= l.start && (l.stop == 0 || k < l.stop)
		a, b := int64(t)*int64(l.n)/nt, (int64(t)+1)*int64(l.n)/nt
		streams := l.streams[a:b]
		for j := range streams {
			if streams[j].Float64() < l.prob && on {
				f = append(f, int32(a)+int32(j))
			}
		}
		out[li] = f
	}
}

// recordPoisson appends the Poisson sources' spikes of step k (drawn),
// stamped t_k, unless they are left out.
func (s *Sim) recordPoisson(k int64) {
	if s.cfg.NoPoissonSpikes {
		return
	}
	t := float64(k) * s.dt
	for li, l := range s.layers {
		for u := range s.th {
			for _, j := range s.th[u].pois[k&1][li] {
				s.spikes = append(s.spikes, record.Spike{TimeMs: t, GID: record.GID(l.first + int(j))})
			}
		}
	}
}

// part advances thread t's neurons over step k: it delivers the spikes of
// step k-1 and the Poisson events of step k to them, evaluates their
// currents and runs the kernels; then, if next, it draws its share of the
// Poisson sources for step k+1.
func (s *Sim) part(t int, k int64, next bool) {
	tMs := float64(k) * s.dt
	th := &s.th[t]
	for _, sp := range s.parts[t] {
		p, lo, hi := sp.p, sp.lo, sp.hi
		for i, pr := range p.in {
			cut := &sp.in[i]
			if s.comm.Size() > 1 {
				th.touch += deliver(pr.syn, pr.pre.prev, pr.w, p.ring[pr.rec], p.n, p.d, k, pr.dsteps, cut)
				continue
			}
			for u := range s.th {
				th.touch += deliver(pr.syn, s.th[u].fired[(k-1)&1][pr.pre.index], pr.w, p.ring[pr.rec], p.n, p.d, k, pr.dsteps, cut)
			}
		}
		for i, l := range p.layers {
			for u := range s.th {
				th.touch += deliver(l.syn, s.th[u].pois[k&1][l.index], l.w, p.ring[l.rec], p.n, p.d, k, l.dsteps, &sp.layers[i])
			}
		}
		for c, cs := range p.currents {
			if len(cs) == 0 || p.constant[c] {
				continue
			}
			dst := p.iext[c]
			clear(dst[lo:hi])
			for _, ci := range cs {
				ci.add(dst, lo, hi, tMs)
			}
		}
		slot := int(k % int64(p.d))
		f := th.fired[k&1]
		f[p.index] = p.k.step(lo, hi, p.slots[slot], p.iext, f[p.index][:0])
	}
	if next {
		s.drawPoisson(t, k+1)
	}
}

// deliver adds the weights of the synapses of every presynaptic index in
// spikes that end on the targets r.lo to r.hi to the ring buffer ring (d
// slots of n), in the slot of step k + delay.
// It returns a sum of the targets it read ahead, for the caller to keep
// (so that the reads are not optimised away).
func deliver(c *csr, spikes []int32, w float64, ring []float64, n, d int, k int64, dsteps int, r *targets) uint64 {
	if len(spikes) == 0 {
		return 0
	}
	if c.tgt16 != nil {
		return deliverTo(c, c.tgt16, spikes, w, ring, n, d, k, dsteps, r)
	}
	return deliverTo(c, c.tgt, spikes, w, ring, n, d, k, dsteps, r)
}

// targets is a range [lo, hi) of a projection's post neurons (a thread's
// part), with, when known, where each pre's target list crosses lo and hi
// (the first index of its targets >= lo, and >= hi; nil: search for it).
type targets struct {
	lo, hi       int
	cutLo, cutHi []int
}

// span returns the indices [a, b) of pre j's targets in r.
func (r *targets) span(c *csr, tgt []uint16, tgt32 []int32, j int32, n int) (a, b int) {
	a, b = c.off[j], c.off[j+1]
	if r.lo > 0 {
		if r.cutLo != nil {
			a = r.cutLo[j]
		} else if tgt != nil {
			a = lowerBound(tgt, a, b, r.lo)
		} else {
			a = lowerBound(tgt32, a, b, r.lo)
		}
	}
	if r.hi < n {
		if r.cutHi != nil {
			b = r.cutHi[j]
		} else if tgt != nil {
			b = lowerBound(tgt, a, b, r.hi)
		} else {
			b = lowerBound(tgt32, a, b, r.hi)
		}
	}
	return a, b
}

// target is the type of a target index in a csr.
type target interface{ uint16 | int32 }

// deliverTo is deliver over the targets tgt of c.
func deliverTo[T target](c *csr, tgt []T, spikes []int32, w float64, ring []float64, n, d int, k int64, dsteps int, r *targets) (touch uint64) {
	if len(spikes) > 1 {
		// The target lists are far apart in memory: touch every cache line
		// of them first, independent loads the processor overlaps, rather
		// than meet each list's misses one after the other below.
		var sum T
		step := 64 / int(unsafe.Sizeof(sum))
		for _, j := range spikes {
			a, b := r.span(c, c.tgt16, c.tgt, j, n)
			for m := a; m < b; m += step {
				sum += tgt[m]
			}
		}
		touch = uint64(sum)
	}
	if c.d == nil {
		sl := int((k + int64(dsteps)) % int64(d))
		buf := ring[sl*n : (sl+1)*n]
		for _, j := range spikes {
			a, b := r.span(c, c.tgt16, c.tgt, j, n)
			tg := tgt[a:b]
			if c.w == nil {
				for _, x := range tg {
					buf[x] += w
				}
			} else {
				ws := c.w[a:b]
				ws = ws[:len(tg)]
				for m, x := range tg {
					buf[x] += ws[m]
				}
			}
		}
		return
	}
	for _, j := range spikes {
		a, b := r.span(c, c.tgt16, c.tgt, j, n)
		for m := a; m < b; m++ {
			sl := int((k + int64(c.d[m])) % int64(d))
			x := w
			if c.w != nil {
				x = c.w[m]
			}
			ring[sl*n+int(tgt[m])] += x
		}
	}
	return touch
}

// cuts returns, for every pre of c, the first index of its targets >= x
// (nil when x is 0 or n: the list's start or end).
func (c *csr) cuts(x, n int) []int {
	if x <= 0 || x >= n {
		return nil
	}
	out := make([]int, len(c.off)-1)
	for j := range out {
		if c.tgt16 != nil {
			out[j] = lowerBound(c.tgt16, c.off[j], c.off[j+1], x)
		} else {
			out[j] = lowerBound(c.tgt, c.off[j], c.off[j+1], x)
		}
	}
	return out
}

// lowerBound returns the first index in [a, b) with tgt[i] >= x (b if
// none).
func lowerBound[T target](tgt []T, a, b int, x int) int {
	for a < b {
		m := int(uint(a+b) >> 1)
		if int(tgt[m]) < x {
			a = m + 1
		} else {
			b = m
		}
	}
	return a
}

// record appends the spikes of step k on one rank: each population's
// fired neurons (the parts in order, hence sorted), stamped t_{k+1} (or
// within the step, for kernels that time their spikes), then, if drawn,
// the Poisson sources' spikes of step k+1.
func (s *Sim) record(k int64, poissonNext bool) {
	t0, t := float64(k)*s.dt, float64(k+1)*s.dt
	from := len(s.spikes)
	precise := false
	for _, p := range s.pops {
		for u := range s.th {
			for _, j := range s.th[u].fired[k&1][p.index] {
				ts := t
				if p.precise {
					off, _ := p.k.spikeOffset(int(j))
					ts, precise = t0+off, true
				}
				s.spikes = append(s.spikes, record.Spike{TimeMs: ts, GID: record.GID(p.first + int(j))})
			}
		}
	}
	if precise {
		sortStep(s.spikes[from:])
	}
	if poissonNext {
		s.recordPoisson(k + 1)
	}
}

// sortStep orders the spikes of one step by time, then gid (for spikes
// timed within the step).
func sortStep(sp []record.Spike) {
	slices.SortStableFunc(sp, func(a, b record.Spike) int {
		return cmp.Or(cmp.Compare(a.TimeMs, b.TimeMs), cmp.Compare(a.GID, b.GID))
	})
}

// merge collects step k's spikes when they are not recorded in the next
// step: on one rank it records them at once; with several ranks the
// spikes of every rank are gathered first (ranks own contiguous gid
// ranges in rank order, so the gathered list is in gid order as one
// rank's is) and become each population's prev list for delivery.
func (s *Sim) merge(k int64, poissonNext bool) error {
	if s.comm.Size() == 1 {
		s.record(k, poissonNext)
		return nil
	}
	t0, t := float64(k)*s.dt, float64(k+1)*s.dt
	from := len(s.spikes)
	precise := false
	buf := s.xbuf[:0]
	for _, p := range s.pops {
		for u := range s.th {
			for _, j := range s.th[u].fired[k&1][p.index] {
				off := math.NaN()
				if o, ok := p.k.spikeOffset(int(j)); ok {
					off = o
				}
				buf = append(buf, float64(p.first+int(j)), off)
			}
		}
	}
	s.xbuf = buf
	all, err := s.comm.Allgather(buf)
	if err != nil {
		return fmt.Errorf("pointsim: spike exchange at t = %g ms: %w", t, err)
	}
	for _, p := range s.pops {
		p.prev = p.prev[:0]
	}
	pi := 0
	for _, b := range all {
		for i := 0; i+1 < len(b); i += 2 {
			g := int(b[i])
			for g >= s.pops[pi].first+s.pops[pi].n {
				pi++
			}
			p := s.pops[pi]
			p.prev = append(p.prev, int32(g-p.first))
			ts := t
			if !math.IsNaN(b[i+1]) {
				ts, precise = t0+b[i+1], true
			}
			s.spikes = append(s.spikes, record.Spike{TimeMs: ts, GID: record.GID(g)})
		}
	}
	if precise {
		sortStep(s.spikes[from:])
	}
	if poissonNext {
		s.recordPoisson(k + 1)
	}
	return nil
}

// MaxAbsVMV bounds a point neuron's membrane potential, mV, as the cable
// engine's (internal/cable.MaxAbsVMV): no membrane holds ±10 V, so a
// potential beyond it is an input driving the model past physical bounds.
const MaxAbsVMV = 1e4

// checkFinite reports the first neuron of this rank whose potential is
// NaN, infinite or beyond ±MaxAbsVMV; with several ranks, every rank learns of a failure
// (the others report that another rank failed).
func (s *Sim) checkFinite() error {
	err := s.checkLocal()
	if s.comm.Size() == 1 {
		return err
	}
	flag := []float64{0}
	if err != nil {
		flag[0] = 1
	}
	if e := s.comm.AllreduceSum(flag); e != nil {
		return fmt.Errorf("pointsim: at t = %g ms: %w", s.TimeMs(), e)
	}
	if err == nil && flag[0] > 0 {
		return fmt.Errorf("pointsim: at t = %g ms: %w", s.TimeMs(), dist.ErrRankFailed)
	}
	return err
}

func (s *Sim) checkLocal() error {
	for _, p := range s.pops {
		name := "v"
		if _, ok := p.k.variable(name); !ok {
			name = "v_s"
		}
		v, _ := p.k.variable(name)
		lo, hi := s.ownSpan(p)
		for j := lo; j < hi; j++ {
			if x := v[j]; !(math.Abs(x) <= MaxAbsVMV) {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return fmt.Errorf("pointsim: population %s, neuron %d (gid %d): %s = %g at t = %g ms", p.name, j, p.first+j, name, x, s.TimeMs())
				}
				return fmt.Errorf("pointsim: population %s, neuron %d (gid %d): %s = %.6g mV at t = %g ms: beyond ±%g mV, past physical bounds (a current or weight too strong?)", p.name, j, p.first+j, name, x, s.TimeMs(), MaxAbsVMV)
			}
		}
	}
	return nil
}

// owner returns the rank advancing neuron gid g.
func (s *Sim) owner(g int) int {
	for r := range s.comm.Size() {
		if _, hi := s.rankRange(r); g < hi {
			return r
		}
	}
	return s.comm.Size() - 1
}

// gatherTraces gives every rank the monitors' samples of the neurons the
// other ranks advance (each rank samples its own; the rest of its copy is
// stale).
func (s *Sim) gatherTraces() error {
	if s.comm.Size() == 1 {
		return nil
	}
	me := s.comm.Rank()
	for _, m := range s.mons {
		n := len(m.times)
		for v := range m.data {
			var buf []float64
			for i, j := range m.neurons {
				if s.owner(m.pop.first+j) == me {
					buf = append(buf, m.data[v][i][:n]...)
				}
			}
			all, err := s.comm.Allgather(buf)
			if err != nil {
				return fmt.Errorf("pointsim: gathering the monitor of %s: %w", m.pop.name, err)
			}
			off := make([]int, len(all))
			for i, j := range m.neurons {
				r := s.owner(m.pop.first + j)
				if r == me {
					continue
				}
				if off[r]+n > len(all[r]) {
					return fmt.Errorf("pointsim: gathering the monitor of %s: rank %d sent %d values", m.pop.name, r, len(all[r]))
				}
				copy(m.data[v][i][:n], all[r][off[r]:off[r]+n])
				off[r] += n
			}
		}
	}
	return nil
}

// workers are the goroutines advancing parts 1.. of a multi-threaded run.
// A step is far too short (microseconds for 10,000 neurons) to hand over
// through channels alone, which park and wake OS threads: the workers
// spin on an atomic step number and the caller on the count of finished
// parts, with a PAUSE instruction in every turn (cpuRelax; on a virtual
// machine a spin without it took the working thread's core: 2 threads ran
// ei-balanced 6 times slower than 1). They do not yield to the Go
// scheduler while spinning (runtime.Gosched moves goroutines between
// threads, and their data between caches). A waiter that has spun for
// spinFor parks until woken, so that on a machine busy with other work a
// thread waiting for a descheduled one gives its core away instead of
// spinning through its time slice.
type workers struct {
	s     *Sim
	next  atomic.Int64 // k+1 of the step to advance; -1: stop
	done  atomic.Int64 // parts finished, over all steps
	want  int64        // done once the current step is finished
	draw  bool         // whether the parts draw the next step's Poisson sources
	main  parker       // the caller, waiting for done
	park  []parker     // per worker (part t at t-1), waiting for next
	group sync.WaitGroup
}

// spinFor is how long a waiting thread spins before it parks: several
// steps of a large network, so that parking is rare unless the machine is
// oversubscribed.
const spinFor = 50 * time.Microsecond

// parker lets a thread sleep until another wakes it.
type parker struct {
	sleeping atomic.Int32
	wake     chan struct{}
	_        [64]byte
}

// wait returns once ready() is true: it spins, then parks.
func (p *parker) wait(ready func() bool) {
	var t0 time.Time
	for i := 0; ; i++ {
		if ready() {
			return
		}
		cpuRelax()
		if i%64 == 63 {
			if t0.IsZero() {
				t0 = time.Now()
			} else if time.Since(t0) > spinFor {
				break
			}
		}
	}
	for !ready() {
		p.sleeping.Store(1)
		if ready() {
			if p.sleeping.CompareAndSwap(1, 0) {
				return
			}
			<-p.wake // a waker saw us asleep: take its token
			return
		}
		<-p.wake
	}
}

// unpark wakes the thread if it sleeps (after the condition it waits for
// became true).
func (p *parker) unpark() {
	if p.sleeping.Swap(0) == 1 {
		p.wake <- struct{}{}
	}
}

func (s *Sim) startWorkers() *workers {
	w := &workers{s: s, park: make([]parker, len(s.parts)-1)}
	w.main.wake = make(chan struct{}, 1)
	for t := 1; t < len(s.parts); t++ {
		me := &w.park[t-1]
		me.wake = make(chan struct{}, 1)
		w.group.Add(1)
		go func() {
			defer w.group.Done()
			seen := int64(0)
			for {
				me.wait(func() bool { return w.next.Load() != seen })
				k := w.next.Load()
				if k < 0 {
					return
				}
				seen = k
				// want and draw were written before next: read them now,
				// before done tells the caller it may change them.
				want, draw := w.want, w.draw
				s.part(t, k-1, draw)
				if w.done.Add(1) == want {
					w.main.unpark()
				}
			}
		}()
	}
	return w
}

// run advances every part over step k: part 0 on the calling goroutine,
// which first calls meanwhile once the others are going; if draw, each
// part also draws its Poisson sources for step k+1.
func (w *workers) run(k int64, draw bool, meanwhile func()) {
	w.want += int64(len(w.s.parts) - 1)
	w.draw = draw
	w.next.Store(k + 1)
	for i := range w.park {
		w.park[i].unpark()
	}
	meanwhile()
	w.s.part(0, k, draw)
	w.main.wait(func() bool { return w.done.Load() >= w.want })
}

func (w *workers) stop() {
	w.next.Store(-1)
	for i := range w.park {
		w.park[i].unpark()
	}
	w.group.Wait()
}
