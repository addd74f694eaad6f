package netman

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"

	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/results"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/simulate"
)

// Manager collects cells, generators and NetCons by gid; see the package
// doc. Its zero value is not usable: call New.
type Manager struct {
	cat       *mech.Catalogue
	cells     map[int]*cellEntry
	stims     map[int]*stimEntry
	ncIndex   map[ncKey]int
	ncs       []netcon
	threshold map[int]float64
	// synapses of each template validated so far
	valid map[*cell.Cell][]string
}

type cellEntry struct {
	tmpl *cell.Cell
	typ  string
	syns []string
}

type stimEntry struct {
	typ     string
	netstim *drive.NetStimParams // nil for a VecStim
	seed    int
	times   []float64
}

type ncKey struct{ pre, post, syn int }

type netcon struct {
	ncKey
	synapse  string
	weightUS float64
	delayMs  float64
}

// New returns an empty manager whose cells use the mechanisms of cat (nil:
// builtin.Catalogue()).
func New(cat *mech.Catalogue) *Manager {
	if cat == nil {
		cat = builtin.Catalogue()
	}
	return &Manager{cat: cat, cells: map[int]*cellEntry{}, stims: map[int]*stimEntry{},
		ncIndex: map[ncKey]int{}, threshold: map[int]float64{}, valid: map[*cell.Cell][]string{}}
}

func (m *Manager) free(gid int) error {
	if gid < 0 {
		return fmt.Errorf("netman: gid %d, must be >= 0", gid)
	}
	if _, ok := m.cells[gid]; ok {
		return fmt.Errorf("netman: gid %d is already a cell", gid)
	}
	if _, ok := m.stims[gid]; ok {
		return fmt.Errorf("netman: gid %d is already a generator", gid)
	}
	return nil
}

// Register makes gid an instance of the cell template c (validated against
// the manager's catalogue) of type typ ("exc", "inh", ...; the spike type
// reported). The template is shared, not copied: do not change it after
// registering.
func (m *Manager) Register(gid int, c *cell.Cell, typ string) error {
	if err := m.free(gid); err != nil {
		return err
	}
	if c == nil {
		return fmt.Errorf("netman: gid %d: no cell", gid)
	}
	if typ == "" {
		return fmt.Errorf("netman: gid %d: empty type", gid)
	}
	syns, ok := m.valid[c]
	if !ok {
		if err := c.Validate(m.cat); err != nil {
			return fmt.Errorf("netman: gid %d: %w", gid, err)
		}
		if c.Detector == nil {
			return fmt.Errorf("netman: gid %d: cell %q has no spike detector", gid, c.Type)
		}
		syns = c.Synapses(m.cat)
		m.valid[c] = syns
	}
	m.cells[gid] = &cellEntry{tmpl: c, typ: typ, syns: syns}
	return nil
}

// RegisterNetStim makes gid a NetStim (or NetStimFD) generator with the
// given dynamics and its own seed (NEURON's per-instance random stream).
func (m *Manager) RegisterNetStim(gid int, p drive.NetStimParams, seed int, typ string) error {
	if err := m.free(gid); err != nil {
		return err
	}
	p.Seeds = nil
	if err := p.Validate(); err != nil {
		return fmt.Errorf("netman: gid %d: %w", gid, err)
	}
	if seed < 0 {
		return fmt.Errorf("netman: gid %d: seed %d, must be >= 0", gid, seed)
	}
	if typ == "" {
		return fmt.Errorf("netman: gid %d: empty type", gid)
	}
	m.stims[gid] = &stimEntry{typ: typ, netstim: &p, seed: seed}
	return nil
}

// RegisterVecStim makes gid a generator that emits the given times (ms),
// NEURON's VecStim.
func (m *Manager) RegisterVecStim(gid int, timesMs []float64, typ string) error {
	if err := m.free(gid); err != nil {
		return err
	}
	for i, t := range timesMs {
		if !(t >= 0) || math.IsInf(t, 0) {
			return fmt.Errorf("netman: gid %d: times_ms[%d] = %g, must be finite and >= 0", gid, i, t)
		}
	}
	if typ == "" {
		return fmt.Errorf("netman: gid %d: empty type", gid)
	}
	m.stims[gid] = &stimEntry{typ: typ, times: slices.Clone(timesMs)}
	return nil
}

// Connect adds a NetCon from gid pre to synapse index synapse of cell post
// (the template's synapse list), with weight (µS) and delay (ms), and sets
// pre's threshold to thresholdMV (NaN leaves it; generators ignore it):
// the tutorial's nc_append. post must be registered already; pre may be
// registered later (Network checks it). A NetCon between the same pre,
// post and synapse replaces the earlier one.
func (m *Manager) Connect(pre, post, synapse int, weightUS, delayMs, thresholdMV float64) error {
	ce, ok := m.cells[post]
	if !ok {
		if _, isStim := m.stims[post]; isStim {
			return fmt.Errorf("netman: connect %d -> %d: target gid %d is a generator, not a cell", pre, post, post)
		}
		return fmt.Errorf("netman: connect %d -> %d: target gid %d is not registered", pre, post, post)
	}
	if synapse < 0 || synapse >= len(ce.syns) {
		return fmt.Errorf("netman: connect %d -> %d: synapse index %d, cell %q has %d synapses %v",
			pre, post, synapse, ce.tmpl.Type, len(ce.syns), ce.syns)
	}
	if ce.syns[synapse] == "" {
		return fmt.Errorf("netman: connect %d -> %d: synapse %d of cell %q has no name", pre, post, synapse, ce.tmpl.Type)
	}
	if pre < 0 {
		return fmt.Errorf("netman: connect %d -> %d: source gid %d, must be >= 0", pre, post, pre)
	}
	if !(weightUS >= 0) || math.IsInf(weightUS, 0) {
		return fmt.Errorf("netman: connect %d -> %d: weight %g µS, must be finite and >= 0", pre, post, weightUS)
	}
	if !(delayMs > 0) || math.IsInf(delayMs, 0) {
		return fmt.Errorf("netman: connect %d -> %d: delay %g ms, must be finite and > 0", pre, post, delayMs)
	}
	if !math.IsNaN(thresholdMV) {
		if err := m.SetThreshold(pre, thresholdMV); err != nil {
			return err
		}
	}
	k := ncKey{pre, post, synapse}
	nc := netcon{ncKey: k, synapse: ce.syns[synapse], weightUS: weightUS, delayMs: delayMs}
	if i, dup := m.ncIndex[k]; dup {
		m.ncs[i] = nc
		return nil
	}
	m.ncIndex[k] = len(m.ncs)
	m.ncs = append(m.ncs, nc)
	return nil
}

// SetThreshold sets the spike threshold (mV) of source gid's detector.
// As in NEURON, a generator has none and ignores it.
func (m *Manager) SetThreshold(gid int, thresholdMV float64) error {
	if math.IsInf(thresholdMV, 0) || math.IsNaN(thresholdMV) {
		return fmt.Errorf("netman: gid %d: threshold %g mV, must be finite", gid, thresholdMV)
	}
	m.threshold[gid] = thresholdMV
	return nil
}

// Reset removes every NetCon (the tutorial's nc_reset). Thresholds stay.
func (m *Manager) Reset() {
	m.ncs = nil
	m.ncIndex = map[ncKey]int{}
}

// WantAllSpikes asks for every source's spikes. It is Lamina's default
// (every cell's and generator's spikes are always recorded) and is kept
// for the tutorial's API.
func (m *Manager) WantAllSpikes() {}

// NetCons returns the number of NetCons.
func (m *Manager) NetCons() int { return len(m.ncs) }

// Plan is a manager's network with the gid mapping between the registered
// gids and the model's.
type Plan struct {
	Net *model.Network
	// GID maps a model gid to the registered gid, Types to its type.
	GID   []int
	Types []string
	// ModelGID maps a registered gid to the model gid.
	ModelGID map[int]model.GID
}

// Network assembles the registrations into a validated model.Network.
func (m *Manager) Network() (*Plan, error) {
	if len(m.cells) == 0 {
		return nil, errors.New("netman: no cells registered")
	}
	net := &model.Network{Name: "netman", Celsius: 6.3, InplaneDistanceUm: 1, Seeding: model.SeedingKeyed}
	pl := &Plan{Net: net, ModelGID: map[int]model.GID{}}
	names := map[string]int{}
	unique := func(typ string) string {
		names[typ]++
		if names[typ] == 1 {
			return typ
		}
		return typ + "#" + strconv.Itoa(names[typ])
	}
	// cells: runs of consecutive gids with one template, type, threshold
	gids := sortedKeys(m.cells)
	for i, g := range gids {
		e := m.cells[g]
		thr := e.tmpl.Detector.ThresholdMV
		if t, ok := m.threshold[g]; ok {
			thr = t
		}
		var last *model.Population
		if n := len(net.Populations); n > 0 {
			last = &net.Populations[n-1]
		}
		prev := -1
		if i > 0 {
			prev = gids[i-1]
		}
		if last == nil || prev != g-1 || last.Cell != e.tmpl || pl.Types[len(pl.Types)-1] != e.typ || *last.ThresholdMV != thr {
			t := thr
			net.Populations = append(net.Populations, model.Population{Name: unique(e.typ), Cell: e.tmpl, ThresholdMV: &t})
			last = &net.Populations[len(net.Populations)-1]
		}
		last.Positions = append(last.Positions, model.Position{})
		pl.ModelGID[g] = model.GID(len(pl.GID))
		pl.GID = append(pl.GID, g)
		pl.Types = append(pl.Types, e.typ)
	}
	// generators: runs of consecutive gids of one kind, type and dynamics
	sg := sortedKeys(m.stims)
	for i, g := range sg {
		e := m.stims[g]
		var last *drive.Drive
		if n := len(net.Drives); n > 0 {
			last = &net.Drives[n-1]
		}
		same := last != nil && i > 0 && sg[i-1] == g-1 && m.stims[sg[i-1]].typ == e.typ
		if same {
			p := m.stims[sg[i-1]]
			switch {
			case e.netstim != nil && p.netstim != nil:
				a, b := *e.netstim, *p.netstim
				a.Seeds, b.Seeds = nil, nil
				same = reflect.DeepEqual(a, b)
			default:
				same = e.netstim == nil && p.netstim == nil
			}
		}
		if !same {
			var d drive.Drive
			if e.netstim != nil {
				d = drive.NewNetStim(unique(e.typ), *e.netstim, 0)
				d.NetStim.Seeds = []int{}
			} else {
				d = drive.NewSpikeTrains(unique(e.typ), nil)
			}
			net.Drives = append(net.Drives, d)
			last = &net.Drives[len(net.Drives)-1]
		}
		if e.netstim != nil {
			last.NDriveCells++
			last.NetStim.Seeds = append(last.NetStim.Seeds, e.seed)
		} else {
			sp := last.SpikeTrain
			for _, t := range e.times {
				sp.TimesMs = append(sp.TimesMs, t)
				sp.Cells = append(sp.Cells, sp.NCells)
			}
			sp.NCells++
			last.NDriveCells = sp.NCells
		}
		pl.ModelGID[g] = model.GID(len(pl.GID))
		pl.GID = append(pl.GID, g)
		pl.Types = append(pl.Types, e.typ)
	}
	var errs []error
	for _, nc := range m.ncs {
		src, ok := pl.ModelGID[nc.pre]
		if !ok {
			if len(errs) < 10 {
				errs = append(errs, fmt.Errorf("netman: NetCon %d -> %d (synapse %d): source gid %d is not registered", nc.pre, nc.post, nc.ncKey.syn, nc.pre))
			}
			continue
		}
		net.NetCons = append(net.NetCons, model.NetCon{Src: src, Target: pl.ModelGID[nc.post], Synapse: nc.synapse,
			WeightUS: nc.weightUS, DelayMs: nc.delayMs})
	}
	for _, g := range sortedKeys(m.threshold) {
		_, cell := m.cells[g]
		_, stim := m.stims[g]
		if !cell && !stim && len(errs) < 10 {
			errs = append(errs, fmt.Errorf("netman: a threshold was set for gid %d, which is not registered", g))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := net.Validate(m.cat); err != nil {
		return nil, err
	}
	return pl, nil
}

// Result is the outcome of Run: every trial's spikes, in (time, gid)
// order, in registered gids (Type tells each one's type).
type Result struct {
	Plan   *Plan
	Trials [][]record.Spike
	Sim    *results.Result
}

// Type returns the type of registered gid g ("" if g is not registered).
func (r *Result) Type(g record.GID) string {
	if mg, ok := r.Plan.ModelGID[int(g)]; ok {
		return r.Plan.Types[mg]
	}
	return ""
}

// Run builds the network and simulates it to tstopMs with opt (its
// TStopMs is set; Threads and Comm split it as any Lamina network: the
// same code runs serially, on threads or on MPI ranks).
func (m *Manager) Run(tstopMs float64, opt simulate.Options) (*Result, error) {
	pl, err := m.Network()
	if err != nil {
		return nil, err
	}
	opt.TStopMs = tstopMs
	if opt.Catalogue == nil {
		opt.Catalogue = m.cat
	}
	res, err := simulate.RunNetwork(pl.Net, opt)
	if err != nil {
		return nil, err
	}
	out := &Result{Plan: pl, Sim: res, Trials: make([][]record.Spike, len(res.Trials))}
	for i, tr := range res.Trials {
		sp := make([]record.Spike, len(tr.Spikes))
		for k, s := range tr.Spikes {
			sp[k] = record.Spike{TimeMs: s.TimeMs, GID: record.GID(pl.GID[s.GID])}
		}
		slices.SortStableFunc(sp, func(a, b record.Spike) int {
			if c := cmp.Compare(a.TimeMs, b.TimeMs); c != 0 {
				return c
			}
			return cmp.Compare(a.GID, b.GID)
		})
		out.Trials[i] = sp
	}
	return out, nil
}

// WriteSpikes writes a trial's spikes as CSV "time_ms,gid" (the tutorial's
// write_spikes, with a header), times in the shortest decimal that reads
// back exactly.
func (r *Result) WriteSpikes(w io.Writer, trial int) error {
	if trial < 0 || trial >= len(r.Trials) {
		return fmt.Errorf("netman: trial %d of %d", trial, len(r.Trials))
	}
	buf := []byte("time_ms,gid\n")
	for _, s := range r.Trials[trial] {
		buf = strconv.AppendFloat(buf, s.TimeMs, 'g', -1, 64)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(s.GID), 10)
		buf = append(buf, '\n')
	}
	_, err := w.Write(buf)
	return err
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
