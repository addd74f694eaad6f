package pointsim

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/rng"
	"github.com/laminasim/lamina/spec"
)

// Config holds the settings of a simulation.
type Config struct {
	// DtMs is the time step, ms (SNN.jl's standard step is 0.125 ms).
	DtMs float64
	// Threads is the number of parts the neurons are split into, each
	// advanced by its own goroutine (0 means 1), or all by the caller in
	// turn where that is faster (Run measures it, see probe). Results are
	// bit-identical for any number.
	Threads int
	// Scheme selects the kernels (point.SchemeLamina if empty).
	Scheme point.Scheme
	// Seed, if not 0, replaces the network's seed.
	Seed uint64
	// Trial numbers the trial: it keys the streams of initial potentials,
	// Poisson sources and noise, not the connectivity.
	Trial int64
	// NoPoissonSpikes leaves the Poisson sources' spikes out of Spikes.
	NoPoissonSpikes bool
	// Comm, if set, splits the neurons over its ranks (MPI processes, or
	// the in-process ranks of dist.NewGroup): each rank advances a
	// contiguous gid range with Threads goroutines, and the ranks exchange
	// the spikes of every step. Every rank must build the same network
	// with the same Config and call Run alike; each ends with every spike
	// and every trace. Results are bit-identical for any number of ranks.
	// nil means dist.Single().
	Comm dist.Comm
	// External names the sources outside this network that its
	// connections may take as pre (a mixed network's cable populations
	// and drives), with their gids in the larger network; Inject delivers
	// their spikes.
	External record.Ranges
	// InputLeadMs is how far ahead of the simulation's time Inject may be
	// handed spikes (a mixed network's epoch): the receptors' ring
	// buffers grow by that many steps.
	InputLeadMs float64
	// Progress, if set, is called from the goroutine running Run every
	// 1024 steps and at the end of each Run, with the simulated time done
	// and the time Run was asked to reach, ms.
	Progress func(doneMs, totalMs float64)
	// Context, if set, stops Run within 1024 steps of its cancellation,
	// with its error, on one rank (split over several, the ranks would
	// have to agree: Run goes on to its end).
	Context context.Context
}

// Check validates the configuration.
func (c *Config) Check() error {
	if !(c.DtMs > 0) || math.IsInf(c.DtMs, 0) {
		return fmt.Errorf("pointsim: dt_ms = %g: must be finite and > 0", c.DtMs)
	}
	if c.Threads < 0 {
		return fmt.Errorf("pointsim: threads = %d: must be >= 0", c.Threads)
	}
	if _, err := point.ParseScheme(string(c.Scheme)); err != nil {
		return fmt.Errorf("pointsim: %w", err)
	}
	return nil
}

// pop is a lowered population.
type pop struct {
	name     string
	first, n int
	model    pointnet.Model
	k        kernel
	// ring[r] holds receptor r's input, d slots of n values; slots[s][r]
	// is slot s of ring[r].
	ring  [][]float64
	slots [][][]float64
	d     int
	// iext[c] is the external current into current port c (nil: none).
	iext     [][]float64
	currents [][]*currentIn
	// constant is set for ports whose currents never change (computed
	// once).
	constant []bool
	// in and out are the projections and layers ending here, in
	// declaration order.
	in     []*proj
	layers []*layer
	// index is the population's position in Sim.pops; with several ranks,
	// prev holds the neurons fired in the previous step (local indices,
	// sorted).
	index int
	prev  []int32
	// precise is set when the kernel times spikes within the step.
	precise bool
}

// proj is a lowered connection.
type proj struct {
	name      string
	pre, post *pop
	rec       int
	w         float64
	dsteps    int
	syn       *csr
}

// extProj is a lowered connection from an external source range.
type extProj struct {
	proj
	src record.Range
	// dmin and dmax bound the delays in steps.
	dmin, dmax int
}

// layer is a lowered Poisson layer.
type layer struct {
	name     string
	first, n int
	post     *pop
	rec      int
	prob     float64 // firing probability per step
	// start and stop bound the steps it fires in (stop 0: no end).
	start, stop int64
	w           float64
	dsteps      int
	syn         *csr
	streams     []rng.Stream
	// index is the layer's position in Sim.layers.
	index int
}

// currentIn is an external current on one port of a population.
type currentIn struct {
	c       *pointnet.Current
	fn      func(tMs float64, i int) float64
	neurons []int32 // sorted; nil: all
	// noise: per neuron (of neurons, or all) its stream and current.
	streams []rng.Stream
	level   []float64
}

// Sim is a point-network simulation.
type Sim struct {
	net    pointnet.Network
	cfg    Config
	dt     float64
	scheme point.Scheme
	seed   uint64
	k      int64 // steps done
	pops   []*pop
	projs  []*proj
	ext    []*extProj
	layers []*layer
	ranges record.Ranges
	mons   []*monitor
	// spikes is appended to while the other threads advance a step: it
	// sits in cache lines of its own, away from the fields they read.
	_      [64]byte
	spikes []record.Spike
	_      [64]byte
	parts  [][]span // per thread, its neuron spans
	th     []thread // per thread, its spike lists
	// drawn is set when the Poisson draws of step k are made and recorded.
	drawn bool
	// deferRecord is set when the spikes of a step are recorded during the
	// next (one rank, no kernel timing its spikes within the step).
	deferRecord bool
	comm        dist.Comm
	// own is this rank's gid range [own[0], own[1]) of the populations'
	// neurons; xbuf is the spike exchange buffer (gid, offset pairs).
	own  [2]int
	xbuf []float64
	// nNeurons counts the populations' neurons (gids 0 to nNeurons-1).
	nNeurons int
	// synCount holds the synapses of every connection then layer over
	// all ranks; synBytes their memory.
	synCount []int
	synBytes int
	build    time.Duration
	run      time.Duration
}

// thread holds what one thread writes during a step, padded so that two
// threads' lists never share a cache line.
type thread struct {
	// fired[k&1][p] collects the neurons of population p the thread fired
	// at step k (local indices, increasing): those of step k-1 are read
	// while those of step k are written.
	fired [2][][]int32
	// pois[k&1][l] lists the sources of layer l in the thread's share
	// that fire at step k (indices in the layer, increasing): the lists of
	// step k are read by every thread while those of step k+1 are drawn.
	pois [2][][]int32
	// touch keeps the sum of the targets delivery read ahead.
	touch uint64
	_     [64]byte
}

// span is part of a population advanced by one thread, with the targets
// of each projection (in p.in order) and Poisson layer onto it there.
type span struct {
	p      *pop
	lo, hi int
	in     []targets
	layers []targets
}

// New validates the network, builds its connectivity and initial state,
// and returns a simulation at t = 0.
func New(net *pointnet.Network, cfg Config) (*Sim, error) {
	t0 := time.Now()
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	external := map[string]int{}
	for _, r := range cfg.External {
		external[r.Name] = r.N
	}
	if err := net.ValidateIn(external); err != nil {
		return nil, err
	}
	scheme, _ := point.ParseScheme(string(cfg.Scheme))
	s := &Sim{cfg: cfg, dt: cfg.DtMs, scheme: scheme, seed: net.Seed}
	// A deep copy: later edits of the caller's network change nothing here.
	if b, err := json.Marshal(net); err != nil {
		return nil, fmt.Errorf("pointsim: %w", err)
	} else if err := json.Unmarshal(b, &s.net); err != nil {
		return nil, fmt.Errorf("pointsim: %w", err)
	}
	net = &s.net
	if cfg.Seed != 0 {
		s.seed = cfg.Seed
	}
	if s.cfg.Threads == 0 {
		s.cfg.Threads = 1
	}
	s.comm = cfg.Comm
	if s.comm == nil {
		s.comm = dist.Single()
	}
	s.ranges = net.Ranges()
	byName := map[string]*pop{}
	g := 0
	for i := range net.Populations {
		np := &net.Populations[i]
		k, m, err := newKernel(np, s.dt, scheme)
		if err != nil {
			return nil, fmt.Errorf("pointsim: population %s: %w", np.Name, err)
		}
		p := &pop{name: np.Name, first: g, n: np.N, model: m, k: k, index: i}
		g += np.N
		s.pops = append(s.pops, p)
		byName[p.name] = p
	}
	s.nNeurons = g
	s.own[0], s.own[1] = s.rankRange(s.comm.Rank())
	recIndex := func(p *pop, name string) int {
		for i, r := range p.model.Receptors() {
			if r.Name == name {
				return i
			}
		}
		return -1 // unreachable after Validate
	}
	steps := func(ms float64) (int, error) {
		d := int(math.Round(ms / s.dt))
		if d > math.MaxUint16 {
			return 0, fmt.Errorf("delay %g ms is %d steps of %g ms, more than %d", ms, d, s.dt, math.MaxUint16)
		}
		return d, nil
	}
	lead := int(math.Ceil(cfg.InputLeadMs/s.dt - 1e-9))
	if !(cfg.InputLeadMs >= 0) || lead > math.MaxUint16 {
		return nil, fmt.Errorf("pointsim: input_lead_ms = %g: must be >= 0 and at most %d steps", cfg.InputLeadMs, math.MaxUint16)
	}
	for i, c := range net.Connections {
		pre, post := byName[c.Pre], byName[c.Post]
		dhi := c.DelayMaxMs
		if dhi < c.DelayMs {
			dhi = c.DelayMs
		}
		dmax, err := steps(dhi)
		if err != nil {
			return nil, fmt.Errorf("pointsim: connections[%d] (%s): %w", i, c.EffectiveName(), err)
		}
		if pre == nil {
			src, ok := cfg.External.Named(c.Pre)
			if !ok {
				return nil, fmt.Errorf("pointsim: connections[%d] (%s): pre = %q: no such population or external source", i, c.EffectiveName(), c.Pre)
			}
			spec := newSpec(rng.Purpose("snn.connect."+c.EffectiveName()), s.seed, src.N, post.n, post.first,
				false, c.P, c.Rule, c.Weight, c.DelayMs, dhi, s.dt, s.cfg.Threads)
			spec.lo, spec.hi = s.ownSpan(post)
			w, _ := c.Weight.Value()
			e := &extProj{proj: proj{name: c.EffectiveName(), post: post, rec: recIndex(post, c.Receptor), w: w,
				dsteps: spec.fixedSteps, syn: spec.build()}, src: src, dmin: spec.fixedSteps, dmax: dmax}
			s.ext = append(s.ext, e)
			post.d = max(post.d, dmax+lead+2)
			continue
		}
		spec := newSpec(rng.Purpose("snn.connect."+c.EffectiveName()), s.seed, pre.n, post.n, post.first,
			pre == post && !c.Autapses, c.P, c.Rule, c.Weight, c.DelayMs, dhi, s.dt, s.cfg.Threads)
		spec.lo, spec.hi = s.ownSpan(post)
		w, _ := c.Weight.Value()
		pr := &proj{name: c.EffectiveName(), pre: pre, post: post, rec: recIndex(post, c.Receptor), w: w,
			dsteps: spec.fixedSteps, syn: spec.build()}
		post.in = append(post.in, pr)
		post.d = max(post.d, dmax+1)
		s.projs = append(s.projs, pr)
	}
	for i, l := range net.Poisson {
		post := byName[l.Target]
		d, err := steps(l.DelayMs)
		if err != nil {
			return nil, fmt.Errorf("pointsim: poisson[%d] (%s): %w", i, l.Name, err)
		}
		spec := newSpec(rng.Purpose("snn.poisson.connect."+l.Name), s.seed, l.N, post.n, post.first,
			false, l.P, l.Rule, l.Weight, l.DelayMs, l.DelayMs, s.dt, s.cfg.Threads)
		spec.lo, spec.hi = s.ownSpan(post)
		w, _ := l.Weight.Value()
		ly := &layer{name: l.Name, first: g, n: l.N, post: post, rec: recIndex(post, l.Receptor), w: w,
			prob: l.RateHz * s.dt / 1000, dsteps: d, syn: spec.build(), index: len(s.layers),
			start: int64(math.Ceil(l.StartMs/s.dt - 1e-9)), stop: int64(math.Ceil(l.StopMs/s.dt - 1e-9))}
		g += l.N
		ly.streams = make([]rng.Stream, l.N)
		for j := range ly.streams {
			ly.streams[j] = *rng.New(s.seed, int64(ly.first+j), "snn.poisson", cfg.Trial)
		}
		post.layers = append(post.layers, ly)
		post.d = max(post.d, d+1)
		s.layers = append(s.layers, ly)
	}
	for _, p := range s.pops {
		p.d = max(p.d, 1)
		nr := len(p.model.Receptors())
		p.ring = make([][]float64, nr)
		for r := range p.ring {
			p.ring[r] = make([]float64, p.d*p.n)
		}
		p.slots = make([][][]float64, p.d)
		for sl := range p.slots {
			p.slots[sl] = make([][]float64, nr)
			for r := range nr {
				p.slots[sl][r] = p.ring[r][sl*p.n : (sl+1)*p.n]
			}
		}
		nc := len(p.model.Currents())
		p.iext = make([][]float64, nc)
		p.currents = make([][]*currentIn, nc)
		p.constant = make([]bool, nc)
	}
	for i := range net.Currents {
		c := &net.Currents[i]
		if err := s.addCurrent(c, nil); err != nil {
			return nil, err
		}
	}
	for _, m := range net.Monitors {
		mon, err := s.newMonitor(byName[m.Population], m)
		if err != nil {
			return nil, err
		}
		s.mons = append(s.mons, mon)
	}
	if err := s.countSynapses(); err != nil {
		return nil, err
	}
	s.initState()
	s.split()
	for _, m := range s.mons {
		m.sample(0)
	}
	s.build = time.Since(t0)
	return s, nil
}

// initState draws the initial potentials and sets the kernels' counters.
func (s *Sim) initState() {
	for i, p := range s.pops {
		p.k.init()
		v0 := s.net.Populations[i].V0
		for j := range p.n {
			switch v0.Kind {
			case pointnet.InitValue:
				p.k.setV0(j, v0.ValuemV)
			case pointnet.InitUniform:
				u := rng.New(s.seed, int64(p.first+j), "snn.v0", s.cfg.Trial).Float64()
				p.k.setV0(j, v0.LomV+u*(v0.HimV-v0.LomV))
			default:
				p.k.setV0(j, p.k.rest())
			}
		}
	}
}

// split divides this rank's gid range into contiguous parts of about
// equal size, one per thread.
func (s *Sim) split() {
	lo, hi := s.own[0], s.own[1]
	t := max(1, min(s.cfg.Threads, hi-lo))
	s.parts = make([][]span, t)
	for i := range t {
		a, b := lo+i*(hi-lo)/t, lo+(i+1)*(hi-lo)/t
		for _, p := range s.pops {
			lo, hi := max(a, p.first)-p.first, min(b, p.first+p.n)-p.first
			if lo < hi {
				sp := span{p: p, lo: lo, hi: hi}
				for _, pr := range p.in {
					sp.in = append(sp.in, targets{lo: lo, hi: hi, cutLo: pr.syn.cuts(lo, p.n), cutHi: pr.syn.cuts(hi, p.n)})
				}
				for _, l := range p.layers {
					sp.layers = append(sp.layers, targets{lo: lo, hi: hi, cutLo: l.syn.cuts(lo, p.n), cutHi: l.syn.cuts(hi, p.n)})
				}
				s.parts[i] = append(s.parts[i], sp)
			}
		}
	}
	s.deferRecord = s.comm.Size() == 1
	for _, p := range s.pops {
		if p.n > 0 {
			_, p.precise = p.k.spikeOffset(0)
		}
		if p.precise {
			s.deferRecord = false
		}
	}
	// Every list a thread writes during a step is allocated with room for
	// its most (a spike per neuron or source) and a margin, never to move,
	// and never in a cache line written by another thread.
	const pad = 16
	s.th = make([]thread, t)
	for i := range s.th {
		for par := range s.th[i].pois {
			fired := make([][]int32, len(s.pops), len(s.pops)+pad)
			for _, sp := range s.parts[i] {
				fired[sp.p.index] = make([]int32, 0, sp.hi-sp.lo+pad)
			}
			pois := make([][]int32, len(s.layers), len(s.layers)+pad)
			for li, l := range s.layers {
				pois[li] = make([]int32, 0, (i+1)*l.n/t-i*l.n/t+pad)
			}
			s.th[i].fired[par], s.th[i].pois[par] = fired, pois
		}
	}
}

// rankRange returns the gids [lo, hi) of the populations' neurons that
// rank r advances: contiguous shares of about equal size, in rank order.
func (s *Sim) rankRange(r int) (lo, hi int) {
	size := s.comm.Size()
	return r * s.nNeurons / size, (r + 1) * s.nNeurons / size
}

// ownSpan returns the local indices [lo, hi) of population p's neurons
// that this rank advances (lo = hi = 0 if none).
func (s *Sim) ownSpan(p *pop) (lo, hi int) {
	lo, hi = max(s.own[0], p.first)-p.first, min(s.own[1], p.first+p.n)-p.first
	if lo >= hi {
		return 0, 0
	}
	return lo, hi
}

// SetCurrentFunc injects the current f(tMs, i) (pA) into neurons of
// population target (all when neurons is empty) through port ("soma" if
// empty), evaluated at the start of every step for local neuron i. With
// several threads f is called concurrently for different neurons. The
// name identifies the current in errors.
func (s *Sim) SetCurrentFunc(name, target, port string, neurons []int, f func(tMs float64, i int) float64) error {
	if f == nil {
		return fmt.Errorf("pointsim: current %s: nil function", name)
	}
	c := &pointnet.Current{Name: name, Target: target, Port: port, Neurons: neurons, Kind: "func"}
	return s.addCurrent(c, f)
}

func (s *Sim) addCurrent(c *pointnet.Current, f func(float64, int) float64) error {
	var p *pop
	for _, q := range s.pops {
		if q.name == c.Target {
			p = q
		}
	}
	if p == nil {
		return fmt.Errorf("pointsim: current %s: target = %q: no such population", c.Name, c.Target)
	}
	port := c.Port
	if port == "" {
		port = "soma"
	}
	pi := -1
	for i, cp := range p.model.Currents() {
		if cp.Name == port {
			pi = i
		}
	}
	if pi < 0 {
		return fmt.Errorf("pointsim: current %s: population %s has no port %q", c.Name, p.name, port)
	}
	ci := &currentIn{c: c, fn: f}
	if len(c.Neurons) > 0 {
		for _, j := range c.Neurons {
			if j < 0 || j >= p.n {
				return fmt.Errorf("pointsim: current %s: neuron %d out of range [0, %d)", c.Name, j, p.n)
			}
			ci.neurons = append(ci.neurons, int32(j))
		}
		sort.Slice(ci.neurons, func(a, b int) bool { return ci.neurons[a] < ci.neurons[b] })
	}
	if c.Kind == pointnet.CurrentNoise {
		n := p.n
		if ci.neurons != nil {
			n = len(ci.neurons)
		}
		ci.streams = make([]rng.Stream, n)
		ci.level = make([]float64, n)
		for m := range n {
			j := m
			if ci.neurons != nil {
				j = int(ci.neurons[m])
			}
			ci.streams[m] = *rng.New(s.seed, int64(p.first+j), rng.Purpose("snn.noise."+c.Name), s.cfg.Trial)
		}
	}
	if p.iext[pi] == nil {
		p.iext[pi] = make([]float64, p.n)
		p.constant[pi] = true
	}
	p.currents[pi] = append(p.currents[pi], ci)
	if f != nil || !c.Constant() {
		p.constant[pi] = false
	}
	// Constant ports are summed once here.
	if p.constant[pi] {
		clear(p.iext[pi])
		for _, x := range p.currents[pi] {
			x.add(p.iext[pi], 0, p.n, 0)
		}
	}
	return nil
}

// add adds the current at tMs to dst for neurons [lo, hi).
func (ci *currentIn) add(dst []float64, lo, hi int, tMs float64) {
	a, b := lo, hi
	if ci.neurons != nil {
		a = sort.Search(len(ci.neurons), func(m int) bool { return int(ci.neurons[m]) >= lo })
		b = sort.Search(len(ci.neurons), func(m int) bool { return int(ci.neurons[m]) >= hi })
	}
	for m := a; m < b; m++ {
		j := m
		if ci.neurons != nil {
			j = int(ci.neurons[m])
		}
		switch {
		case ci.fn != nil:
			dst[j] += ci.fn(tMs, j)
		case ci.streams != nil:
			z := ci.c.Noise
			x := ci.streams[m].Normal(z.MeanpA, z.SigmapA)
			ci.level[m] = (z.BasepA+x)*(1-z.Alpha) + ci.level[m]*z.Alpha
			dst[j] += ci.level[m]
		default:
			dst[j] += ci.c.Value(tMs, j)
		}
	}
}

// Run advances the simulation to tstopMs (from where the previous Run
// stopped, or 0). tstopMs must be a whole number of steps and not before
// the current time.
func (s *Sim) Run(tstopMs float64) error {
	if err := spec.CheckTiming(tstopMs, s.dt); err != nil {
		return fmt.Errorf("pointsim: %w", err)
	}
	n := int64(math.Round(tstopMs / s.dt))
	if n < s.k {
		return fmt.Errorf("pointsim: tstop_ms = %g is before the current time %g ms", tstopMs, s.TimeMs())
	}
	t0 := time.Now()
	for _, m := range s.mons {
		m.reserve(int((n - s.k) / int64(m.every)))
	}
	err := s.steps(n - s.k)
	if err == nil {
		err = s.gatherTraces()
	}
	s.run += time.Since(t0)
	return err
}

// Inject delivers spikes of the external sources (Config.External; gids
// of the larger network, in time then gid order) to the connections from
// them: a spike at t acts from step ceil(t/dt) plus the connection's
// delay, as a spike of this network found at t does. Every such step
// must lie between the current step and InputLeadMs ahead of it plus
// the delay.
func (s *Sim) Inject(spikes []record.Spike) error {
	var one [1]int32
	for _, sp := range spikes {
		for _, e := range s.ext {
			if !e.src.Contains(sp.GID) {
				continue
			}
			k := int64(math.Ceil(sp.TimeMs/s.dt - 1e-6))
			if k+int64(e.dmin) < s.k || k+int64(e.dmax) >= s.k+int64(e.post.d) {
				return fmt.Errorf("pointsim: connection %s: a spike of gid %d at %g ms reaches step %d, outside the buffered steps [%d, %d)",
					e.name, sp.GID, sp.TimeMs, k+int64(e.dsteps), s.k, s.k+int64(e.post.d))
			}
			one[0] = int32(sp.GID - e.src.First)
			lo, hi := s.ownSpan(e.post)
			deliver(e.syn, one[:], e.w, e.post.ring[e.rec], e.post.n, e.post.d, k, e.dsteps, &targets{lo: lo, hi: hi})
		}
	}
	return nil
}

// TimeMs returns the current time, ms.
func (s *Sim) TimeMs() float64 { return float64(s.k) * s.dt }

// Spikes returns the spikes so far, in time order (ties by gid). The
// slice is the simulation's: do not modify it.
func (s *Sim) Spikes() []record.Spike { return s.spikes }

// Ranges returns the gid ranges of the populations and Poisson layers.
func (s *Sim) Ranges() record.Ranges { return s.ranges }

// Network returns the network simulated (a copy of the one given to New).
func (s *Sim) Network() *pointnet.Network { return &s.net }

// Scheme returns the scheme in use.
func (s *Sim) Scheme() point.Scheme { return s.scheme }

// DtMs returns the time step.
func (s *Sim) DtMs() float64 { return s.dt }

// Seed returns the seed in use.
func (s *Sim) Seed() uint64 { return s.seed }

// Synapses returns the number of synapses of every connection and Poisson
// layer, by name, and the memory they take, bytes, summed over the ranks.
func (s *Sim) Synapses() (counts map[string]int, bytes int) {
	counts = map[string]int{}
	for i, p := range s.projs {
		counts[p.name] = s.synCount[i]
	}
	for i, l := range s.layers {
		counts[l.name] = s.synCount[len(s.projs)+i]
	}
	for i, e := range s.ext {
		counts[e.name] = s.synCount[len(s.projs)+len(s.layers)+i]
	}
	return counts, s.synBytes
}

// countSynapses totals the synapses of every connection and layer, and
// their memory, over the ranks (each holds those onto its own neurons).
func (s *Sim) countSynapses() error {
	x := make([]float64, 0, len(s.projs)+len(s.layers)+1)
	bytes := 0
	for _, p := range s.projs {
		x = append(x, float64(p.syn.size()))
		bytes += p.syn.bytes()
	}
	for _, l := range s.layers {
		x = append(x, float64(l.syn.size()))
		bytes += l.syn.bytes()
	}
	for _, e := range s.ext {
		x = append(x, float64(e.syn.size()))
		bytes += e.syn.bytes()
	}
	x = append(x, float64(bytes))
	if err := s.comm.AllreduceSum(x); err != nil {
		return fmt.Errorf("pointsim: counting synapses: %w", err)
	}
	s.synCount = make([]int, len(x)-1)
	for i := range s.synCount {
		s.synCount[i] = int(x[i])
	}
	s.synBytes = int(x[len(x)-1])
	return nil
}

// WallTimes returns the time New took and the time spent in Run.
func (s *Sim) WallTimes() (build, run time.Duration) { return s.build, s.run }
