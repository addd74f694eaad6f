package engine

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/internal/cable"
	"github.com/laminasim/lamina/internal/discretize"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
)

// Config holds the settings of a simulation.
type Config struct {
	// DtMs is the time step, ms.
	DtMs float64
	// Celsius is the temperature, °C.
	Celsius float64
	// Catalogue resolves mechanism names.
	Catalogue *mech.Catalogue
	// Threads is the number of parts the cells are split into, each
	// integrated by its own goroutine (0 means 1). Results are
	// bit-identical for any number of threads.
	Threads int
	// Comm connects the ranks a network is split over (nil: this process
	// alone). Every rank builds only its own cells, the parts numbered
	// rank·Threads to (rank+1)·Threads-1; cell spikes and dipole samples
	// are exchanged every epoch. Results are bit-identical for any number
	// of ranks and threads.
	Comm dist.Comm
	// Rates, if set, is the rate mode of every mechanism with a usetable
	// global (mech.RateNameTable, RateNameExact or RateNameFast),
	// replacing the cells' own; empty: the cells' own (NEURON's table by
	// default).
	Rates string
	// ProbeEvery makes the probes (ProbeV, ProbeState, ProbeIon,
	// ProbeCurrents) sample every ProbeEvery-th step (0 or 1: every step),
	// from t = 0: a recording's memory shrinks by that factor.
	ProbeEvery int
	// PointDtMs is the step of a mixed network's point group, a whole
	// multiple of DtMs (0: DtMs); PointScheme its integrator
	// (point.SchemeLamina if empty).
	PointDtMs   float64
	PointScheme point.Scheme
	// Progress, if set, is called from the goroutine running the trial
	// after every epoch (at most every 10 ms of simulated time) with the
	// simulated time done and the total, ms.
	Progress func(doneMs, totalMs float64)
}

// Check validates the configuration.
func (c *Config) Check() error {
	if !(c.DtMs > 0) || math.IsInf(c.DtMs, 0) {
		return fmt.Errorf("engine: dt_ms = %g, must be finite and > 0", c.DtMs)
	}
	if !(c.Celsius >= -273.15) || math.IsInf(c.Celsius, 0) {
		return fmt.Errorf("engine: celsius = %g, must be finite and >= -273.15", c.Celsius)
	}
	if c.Catalogue == nil {
		return errors.New("engine: no mechanism catalogue")
	}
	if c.Threads < 0 {
		return fmt.Errorf("engine: threads = %d, must be >= 0", c.Threads)
	}
	if c.Rates != "" {
		if _, err := mech.ParseRateMode(c.Rates); err != nil {
			return fmt.Errorf("engine: %w", err)
		}
	}
	return nil
}

// instance is one cell to simulate: a template (shared by all cells of a
// population), its gid, extra point processes and the synapses that
// receive connections.
type instance struct {
	tmpl  *cell.Cell
	gid   int
	extra []cell.Place
	// synapses maps the names of the template's synapses that receive
	// connections to their (kernel, instance) in the cell's part once
	// lowered.
	synapses map[string]synRef
	// threshold overrides the detector's, when set.
	threshold *float64
}

// synRef locates a synapse instance: kernel and instance indices.
type synRef struct{ kernel, inst int32 }

// where locates a cell: its part and its index within the part.
type where struct{ part, local int }

// probeRef locates a probe: its part and its index there.
type probeRef struct{ part, idx int }

// Sim is a simulation of a set of cells, connected or not. The cells are
// split into parts (Config.Threads) integrated concurrently; connected
// parts exchange spikes every minimum network delay.
type Sim struct {
	cfg     Config
	comm    dist.Comm
	clock   cable.Clock
	insts   []instance
	at      []where
	parts   []*part // every part; only the local ones are built
	local   []*part // the parts of this rank
	probes  []probeRef
	spikes  []record.Spike
	net     *network // nil for unconnected cells
	nsteps  int
	started bool
	sendBuf []float64
}

// New validates unconnected cells and lowers them for simulation. Their
// synapses receive no events and are not instantiated.
func New(cells []*cell.Cell, cfg Config) (*Sim, error) {
	insts := make([]instance, len(cells))
	for i, c := range cells {
		insts[i] = instance{tmpl: c, gid: i}
	}
	return build(insts, cfg)
}

// build validates the templates, splits the cells into parts of about
// equal cost and lowers each part.
func build(insts []instance, cfg Config) (*Sim, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	comm := cfg.Comm
	if comm == nil {
		comm = dist.Single()
	}
	s := &Sim{cfg: cfg, comm: comm, insts: insts, clock: cable.NewClock(cfg.DtMs)}
	var errs []error
	discs := map[*cell.Cell]*discretize.Cell{}
	costs := map[*cell.Cell]float64{}
	for i, in := range insts {
		if _, done := discs[in.tmpl]; done {
			continue
		}
		if err := in.tmpl.Validate(cfg.Catalogue); err != nil {
			errs = append(errs, fmt.Errorf("cell %d: %w", i, err))
			continue
		}
		discs[in.tmpl] = discretize.Build(&in.tmpl.Morphology)
		costs[in.tmpl] = cost(in.tmpl, cfg.Catalogue)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// Contiguous blocks of cells of about equal cost: Threads per rank,
	// the first Threads on rank 0 and so on.
	threads := max(1, cfg.Threads)
	nparts := max(1, min(threads*comm.Size(), len(insts)))
	total := 0.0
	for _, in := range insts {
		total += costs[in.tmpl]
	}
	s.at = make([]where, len(insts))
	acc := 0.0
	for i, in := range insts {
		k := min(int(acc/total*float64(nparts)), nparts-1)
		for len(s.parts) <= k {
			s.parts = append(s.parts, &part{})
		}
		p := s.parts[k]
		s.at[i] = where{part: k, local: len(p.cells)}
		p.cells = append(p.cells, i)
		acc += costs[in.tmpl]
	}
	for k, p := range s.parts {
		p.rank = min(k/threads, comm.Size()-1)
		if nparts < threads*comm.Size() {
			// fewer cells than parts: spread the parts over the ranks
			p.rank = k * comm.Size() / nparts
		}
		if p.rank == comm.Rank() {
			s.local = append(s.local, p)
		}
	}
	// The parts are independent: build them at once, one goroutine each.
	errs = make([]error, len(s.local))
	var wg sync.WaitGroup
	for i, p := range s.local {
		wg.Go(func() { errs[i] = p.build(s, discs) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// cost estimates a cell's work per step: its nodes plus its mechanism
// instances.
func cost(c *cell.Cell, cat *mech.Catalogue) float64 {
	n := 1.0
	for id, dens := range c.Densities(cat) {
		n += float64(c.Sections[id].NSeg * (1 + len(dens)))
	}
	return n
}

// ProbeV records the membrane potential at position x of the named section
// of cell ci, from t = 0 at every step. It must be called before the run.
func (s *Sim) ProbeV(ci int, section string, x float64) (int, error) {
	p, node, err := s.locate(ci, section, x)
	if err != nil {
		return 0, err
	}
	return s.addProbe(p, p.group.V, node), nil
}

// ProbeState records a parameter or state variable of mechanism mechName
// (e.g. "cad", "ca") at position x of the named section of cell ci.
func (s *Sim) ProbeState(ci int, section string, x float64, mechName, field string) (int, error) {
	p, node, err := s.locate(ci, section, x)
	if err != nil {
		return 0, err
	}
	for _, k := range p.kernels {
		if k.m.Name != mechName {
			continue
		}
		for j, nd := range k.nodes {
			if nd != node {
				continue
			}
			slot := k.k.Slot(field)
			if slot == nil {
				return 0, fmt.Errorf("engine: probe: mechanism %s has no variable %q", mechName, field)
			}
			return s.addProbe(p, slot, j), nil
		}
	}
	return 0, fmt.Errorf("engine: probe: no %s in cell %d at %s(%g)", mechName, ci, section, x)
}

// ProbeIon records a variable of an ion at position x of the named section
// of cell ci: field "e" (reversal potential, mV), "ci" or "co"
// (concentrations, mM) or "i" (current density, mA/cm²).
func (s *Sim) ProbeIon(ci int, section string, x float64, ion, field string) (int, error) {
	p, node, err := s.locate(ci, section, x)
	if err != nil {
		return 0, err
	}
	st := p.group.Ctx.Ion(ion)
	uses := false
	for _, k := range p.kernels {
		for _, u := range k.m.Ions {
			if u.Ion == ion && slices.Contains(k.nodes, node) {
				uses = true
			}
		}
	}
	if st == nil || !uses {
		return 0, fmt.Errorf("engine: probe: no mechanism at %s(%g) of cell %d uses ion %q", section, x, ci, ion)
	}
	var src []float64
	switch field {
	case "e":
		src = st.E
	case "ci":
		src = st.Ci
	case "co":
		src = st.Co
	case "i":
		src = st.I
	default:
		return 0, fmt.Errorf("engine: probe: ion field %q unknown (want e, ci, co or i)", field)
	}
	return s.addProbe(p, src, node), nil
}

// ProbeCurrents records the currents at position x of a section of cell ci:
// those of every density mechanism there that reports them (mA/cm², named
// "<mech>.<current>", e.g. "hh2.ina") and of the synapses and other point
// processes at that node (nA, named "<point process>.i", e.g.
// "apical_tuft_ampa.i", HNN-core's isec). Uninstantiated synapses (no
// connection) carry no current and are not listed.
func (s *Sim) ProbeCurrents(ci int, section string, x float64) ([]CurrentProbe, error) {
	p, node, err := s.locate(ci, section, x)
	if err != nil {
		return nil, err
	}
	var out []CurrentProbe
	syn := map[synRef]string{}
	for name, ref := range s.insts[ci].synapses {
		syn[ref] = name
	}
	c := &p.group.Ctx
	for ki, k := range p.kernels {
		cur, ok := k.k.(mech.Currenter)
		if !ok {
			continue
		}
		for j, nd := range k.nodes {
			if nd != node {
				continue
			}
			label, unit := k.m.Name, "mA/cm2"
			if k.m.Kind == mech.PointProcess {
				unit = "nA"
				if n, ok := syn[synRef{kernel: int32(ki), inst: int32(j)}]; ok {
					label = n
				}
			}
			for _, cn := range cur.Currents() {
				p.probes = append(p.probes, probe{fn: func() float64 { return cur.CurrentAt(cn, j, c) }})
				s.probes = append(s.probes, probeRef{part: s.partIndex(p), idx: len(p.probes) - 1})
				out = append(out, CurrentProbe{ID: len(s.probes) - 1, Name: label + "." + cn, Unit: unit})
			}
		}
	}
	return out, nil
}

// CurrentProbe is a probe of ProbeCurrents.
type CurrentProbe struct {
	ID int
	// Name is "<mechanism or point process>.<current>".
	Name string
	// Unit is "mA/cm2" (density mechanisms) or "nA" (point processes).
	Unit string
}

func (s *Sim) addProbe(p *part, src []float64, idx int) int {
	p.probes = append(p.probes, probe{src: src, idx: idx})
	s.probes = append(s.probes, probeRef{part: s.partIndex(p), idx: len(p.probes) - 1})
	return len(s.probes) - 1
}

func (s *Sim) partIndex(p *part) int {
	for i, q := range s.parts {
		if q == p {
			return i
		}
	}
	panic("engine: part not found")
}

// locate returns the part and node of position x of a section of cell ci.
func (s *Sim) locate(ci int, section string, x float64) (*part, int, error) {
	if ci < 0 || ci >= len(s.insts) {
		return nil, 0, fmt.Errorf("engine: probe: cell %d out of range [0, %d)", ci, len(s.insts))
	}
	if s.started {
		return nil, 0, errors.New("engine: probe added after the run started")
	}
	c := s.insts[ci].tmpl
	sec, ok := c.Index(section)
	if !ok {
		return nil, 0, fmt.Errorf("engine: probe: cell %d (%s) has no section %q (sections: %s)", ci, c.Type, section, sectionNames(c))
	}
	if !(x >= 0 && x <= 1) {
		return nil, 0, fmt.Errorf("engine: probe: %s(%g): x must be in [0, 1]", section, x)
	}
	w := s.at[ci]
	p := s.parts[w.part]
	if p.rank != s.comm.Rank() {
		return nil, 0, fmt.Errorf("engine: probe: cell %d is simulated by rank %d, not this rank (%d)", ci, p.rank, s.comm.Rank())
	}
	return p, p.offset[w.local] + p.disc[w.local].Node(sec, x), nil
}

func sectionNames(c *cell.Cell) string {
	names := make([]string, len(c.Sections))
	for i := range c.Sections {
		names[i] = c.Sections[i].Name
	}
	return strings.Join(names, ", ")
}

// Steps returns the number of steps NEURON takes to run to tstop.
func Steps(tstopMs, dtMs float64) int {
	return int(math.Ceil(tstopMs/dtMs - 0.5 - 1e-9))
}

// Run initialises the simulation (t = 0) and integrates to tstopMs.
func (s *Sim) Run(tstopMs float64) error { return s.RunTrial(0, tstopMs) }

// RunTrial initialises the simulation (t = 0) and integrates trial trial to
// tstopMs. Trials differ only in their drives' event times.
//
// The parts advance concurrently in epochs of the network's minimum delay
// (the whole run for unconnected cells); at the end of an epoch the cell
// spikes of all parts are merged in (time, gid) order and sent to their
// targets, which receive them in a later epoch. Events are delivered in
// (time, source gid, NetCon) order, and a layer's dipole is summed cell by
// cell in gid order, so results do not depend on the number of parts.
func (s *Sim) RunTrial(trial int, tstopMs float64) error {
	return s.RunTrialContext(context.Background(), trial, tstopMs)
}

// RunTrialContext is RunTrial stopped by ctx: a cancelled context ends
// the trial at the next epoch boundary (at most 10 ms of simulated time
// on one part) with ctx's error, leaving the trial unfinished. A trial
// split over several ranks runs to its end (the ranks would have to agree
// to stop); the caller checks ctx between trials.
func (s *Sim) RunTrialContext(ctx context.Context, trial int, tstopMs float64) error {
	if !(tstopMs >= 0) || math.IsInf(tstopMs, 0) {
		return fmt.Errorf("engine: tstop_ms = %g, must be finite and >= 0", tstopMs)
	}
	if trial < 0 {
		return fmt.Errorf("engine: trial = %d, must be >= 0", trial)
	}
	n := Steps(tstopMs, s.cfg.DtMs)
	s.started = true
	s.nsteps = n
	s.spikes = s.spikes[:0]
	// With one part any epoch length gives the same results; epochs of
	// 10 ms let progress be reported. Parts must meet every minimum delay.
	epoch := min(n, max(1, int(s.clock.PerStep(10))))
	if s.net != nil {
		if err := s.net.start(s, trial, tstopMs, n); err != nil {
			return err
		}
		if len(s.parts) > 1 {
			epoch = s.net.minSteps
		}
		if pg := s.net.point; pg != nil {
			if err := pg.start(trial, n); err != nil {
				return err
			}
			epoch = max(pg.per, min(epoch, pg.epoch)/pg.per*pg.per)
		}
	}
	for _, p := range s.parts {
		if p.rank == s.comm.Rank() {
			p.start(s, n, epoch)
		} else {
			p.startRemote(s, epoch)
		}
	}
	if s.net != nil {
		s.net.epoch = epoch
	}
	s.recordDipoles(0, 1)
	for from := 0; from < n; from += epoch {
		if s.comm.Size() == 1 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		to := min(from+epoch, n)
		s.runParts(from, to)
		var failed error
		for _, p := range s.local {
			if p.err != nil {
				failed = p.err
				break
			}
		}
		if pg := s.pointGroup(); pg != nil && failed == nil {
			failed = pg.err
		}
		if failed != nil && s.comm.Size() == 1 {
			return failed
		}
		if err := s.exchange(from, to, failed); err != nil {
			return err
		}
		s.recordDipoles(from+1, to+1)
		if s.cfg.Progress != nil {
			s.cfg.Progress(s.clock.At(float64(to)), s.clock.At(float64(n)))
		}
	}
	return nil
}

// runParts advances every part over steps [from, to), concurrently when
// there are several.
func (s *Sim) runParts(from, to int) {
	if pg := s.pointGroup(); pg != nil {
		// the point group advances beside the parts
		var wg sync.WaitGroup
		wg.Go(func() { pg.advance(s.clock.At(float64(to))) })
		s.each(func(p *part) { p.run(s, from, to) })
		wg.Wait()
		return
	}
	if len(s.local) == 1 {
		s.local[0].run(s, from, to)
		return
	}
	s.each(func(p *part) { p.run(s, from, to) })
}

// pointGroup returns the point group of a mixed network, or nil.
func (s *Sim) pointGroup() *pointGroup {
	if s.net == nil {
		return nil
	}
	return s.net.point
}

// each runs f on every local part, concurrently when there are several.
func (s *Sim) each(f func(p *part)) {
	if len(s.local) == 1 {
		f(s.local[0])
		return
	}
	var wg sync.WaitGroup
	for _, p := range s.local {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(p)
		}()
	}
	wg.Wait()
}

// exchange merges the spikes of steps [from, to): the cells' threshold
// crossings of every part and the drive cells' events, in (time, gid)
// order, and sends the cell spikes to the other parts' synapses. With
// several ranks it first gathers every rank's spikes and dipole samples;
// failed is this rank's error, if any, which stops every rank.
func (s *Sim) exchange(from, to int, failed error) error {
	first := len(s.spikes)
	if s.comm.Size() > 1 {
		if err := s.gather(to-from, failed); err != nil {
			return err
		}
	} else {
		for _, p := range s.parts {
			s.spikes = append(s.spikes, p.spikes...)
		}
	}
	cells := len(s.spikes)
	if s.net != nil {
		s.spikes = s.net.driveSpikes(s.spikes, from, to)
	}
	pg := s.pointGroup()
	npoint := 0
	if pg != nil {
		k := len(s.spikes)
		s.spikes = pg.spikes(s.spikes)
		npoint = len(s.spikes) - k
	}
	epoch := s.spikes[first:]
	slices.SortFunc(epoch, func(a, b record.Spike) int {
		if c := cmp.Compare(a.TimeMs, b.TimeMs); c != 0 {
			return c
		}
		return cmp.Compare(a.GID, b.GID)
	})
	// Cell spikes reach other parts' synapses here (a single part has
	// sent its own already); point spikes reach every part's.
	sendCells := len(s.parts) > 1 && cells > first
	if s.net != nil && (sendCells || npoint > 0) {
		s.each(func(p *part) {
			for _, sp := range epoch {
				if s.net.isPoint(sp.GID) || (sendCells && !s.net.isDrive(sp.GID)) {
					p.send(s, int32(sp.GID), sp.TimeMs, to)
				}
			}
		})
	}
	if pg != nil && len(pg.cfg.External) > 0 {
		// the cable part's spikes (cells and drives) reach the point group
		if err := pg.sim.Inject(epoch); err != nil {
			return err
		}
	}
	return nil
}

// recordDipoles sums the layers' dipoles over their cells, in gid order,
// for samples [from, to).
func (s *Sim) recordDipoles(from, to int) {
	if s.net != nil {
		s.net.sumDipoles(s, from, to)
		s.net.sumLFP(from, to, s.net.epoch)
	}
}

// ProbeTimes returns the probes' sample times, ms: every ProbeEvery-th
// step from 0.
func (s *Sim) ProbeTimes() []float64 {
	all := s.Times()
	k := max(1, s.cfg.ProbeEvery)
	if k == 1 {
		return all
	}
	out := make([]float64, 0, len(all)/k+1)
	for i := 0; i < len(all); i += k {
		out = append(out, all[i])
	}
	return out
}

// Times returns the recording times, ms: 0, dt, ..., one per sample.
func (s *Sim) Times() []float64 {
	if !s.started {
		return nil
	}
	t := make([]float64, s.nsteps+1)
	for i := range t {
		t[i] = s.clock.At(float64(i))
	}
	return t
}

// gather exchanges, between ranks, each rank's status, its parts' cell
// spikes of the epoch and its dipole cells' samples (n of them), and
// appends every rank's spikes to s.spikes and fills the remote cells'
// dipole samples. Every rank's message is
//
//	status (0 ok, 1 failed), number of spikes, (time, gid) per spike,
//	n samples per dipole cell of its parts, in part then gid order,
//	n samples per contact per electrode cell of its parts, likewise.
func (s *Sim) gather(n int, failed error) error {
	buf := s.sendBuf[:0]
	status := 0.0
	if failed != nil {
		status = 1
	}
	ns := 0
	for _, p := range s.local {
		ns += len(p.spikes)
	}
	buf = append(buf, status, float64(ns))
	for _, p := range s.local {
		for _, sp := range p.spikes {
			buf = append(buf, sp.TimeMs, float64(sp.GID))
		}
	}
	for _, p := range s.local {
		for _, d := range p.dipoles {
			buf = append(buf, d.q[:n]...)
		}
	}
	for _, p := range s.local {
		for _, cl := range p.lfps {
			for c := range p.contacts {
				buf = append(buf, cl.q[c*p.epochLen:c*p.epochLen+n]...)
			}
		}
	}
	s.sendBuf = buf
	all, err := s.comm.Allgather(buf)
	if err != nil {
		return fmt.Errorf("engine: rank %d: spike exchange: %w", s.comm.Rank(), err)
	}
	if failed != nil {
		return failed
	}
	for r, m := range all {
		if m[0] != 0 {
			return fmt.Errorf("engine: rank %d stopped: %w", r, dist.ErrRankFailed)
		}
	}
	for r, m := range all {
		k := int(m[1])
		for i := 0; i < k; i++ {
			s.spikes = append(s.spikes, record.Spike{TimeMs: m[2+2*i], GID: record.GID(m[3+2*i])})
		}
		if r == s.comm.Rank() {
			continue
		}
		off := 2 + 2*k
		for _, p := range s.parts {
			if p.rank != r {
				continue
			}
			for _, d := range p.dipoles {
				copy(d.q[:n], m[off:off+n])
				off += n
			}
		}
		for _, p := range s.parts {
			if p.rank != r {
				continue
			}
			for _, cl := range p.lfps {
				for c := range p.contacts {
					copy(cl.q[c*p.epochLen:c*p.epochLen+n], m[off:off+n])
					off += n
				}
			}
		}
	}
	return nil
}

// Trace returns the samples of probe p.
func (s *Sim) Trace(p int) []float64 {
	r := s.probes[p]
	return s.parts[r.part].probes[r.idx].data
}

// Spikes returns the spikes of cells and drive cells in order of time, then
// gid.
func (s *Sim) Spikes() []record.Spike { return s.spikes }

// Nodes returns the number of compartments (nodes) of this rank's cells.
func (s *Sim) Nodes() int {
	n := 0
	for _, p := range s.local {
		n += len(p.group.V)
	}
	return n
}

// SetProgress replaces the progress callback (see Config.Progress).
func (s *Sim) SetProgress(f func(doneMs, totalMs float64)) { s.cfg.Progress = f }

// Local reports whether cell ci is simulated by this rank (only its cells
// can be probed).
func (s *Sim) Local(ci int) bool {
	return ci >= 0 && ci < len(s.at) && s.parts[s.at[ci].part].rank == s.comm.Rank()
}

// Parts returns the number of parts the cells are split into, over all
// ranks.
func (s *Sim) Parts() int { return len(s.parts) }
