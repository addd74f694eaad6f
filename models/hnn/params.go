package hnn

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
)

// ParamSet is an HNN-core parameter set as FromParams reads it. The
// Params of package format/hnnparams (hnnparams.ReadFile) implement it;
// the interface keeps this description package free of the file-format
// layer (DESIGN.md: a package imports only from its own tier or below).
// Errors of the getters name the key.
type ParamSet interface {
	// Keys returns the parameter names in order.
	Keys() []string
	// Has reports whether a parameter is set.
	Has(key string) bool
	// Float returns a number (int, float or bool, as Python computes).
	Float(key string) (float64, error)
	// Int returns an int (or bool); floats are errors.
	Int(key string) (int, error)
	// Trunc returns a number converted as Python's int(x).
	Trunc(key string) (int, error)
	// Truth returns Python's truth value.
	Truth(key string) (bool, error)
}

// ParamsOptions choose how [FromParamsOptions] builds a network from an
// HNN-core parameter set.
type ParamsOptions struct {
	// AddDrives adds the drives and tonic biases the parameters define
	// (HNN-core's add_drives_from_params).
	AddDrives bool
	// Legacy reproduces HNN-core's legacy_mode=True, which its golden
	// dipole test uses to match the HNN GUI: drives with empty intervals
	// are kept (bursty1/2, extgauss, extpois always exist, so the gids
	// and seeds of the other drives shift), evoked drives' seeds are
	// lowered by 18, every drive targets all four cell types (the missing
	// ones with an AMPA weight 0 and delay 0.1 ms), and bursty
	// events_per_cycle below 1 act as 1.
	Legacy bool
}

// FromParams returns the network HNN-core's neymotin_2020_model(params,
// add_drives_from_params=addDrives) builds from a parameter set, e.g. the
// hnnparams.Params that format/hnnparams reads from default.json
// (legacy_mode=False); see [FromParamsOptions].
func FromParams(p ParamSet, addDrives bool) (*model.Network, error) {
	return FromParamsOptions(p, ParamsOptions{AddDrives: addDrives})
}

// MaxGridCells bounds N_pyr_x × N_pyr_y in parameter files: a million
// pyramidal cells per layer (four million cells, memory in the tens of
// GB), ten thousand times HNN-core's default grid, so that a typo such as
// N_pyr_x = 100000 is an error rather than an exhausted machine.
const MaxGridCells = 1_000_000

// FromParamsOptions returns the network HNN-core builds with
// neymotin_2020_model(params, add_drives_from_params=o.AddDrives,
// legacy_mode=o.Legacy, mesh_shape=(N_pyr_x, N_pyr_y)):
//
//   - the Jones 2009 column of [Jones2009] on an N_pyr_x × N_pyr_y grid
//     (this HNN-core takes the grid from its mesh_shape argument, default
//     10 × 10, and no longer from these keys, which older versions read);
//   - the weights of its 16 connections from the gbar_* keys, each
//     connection reading the key HNN-core's network_models.py names (e.g.
//     gbar_L2Pyr_L5Pyr for both L2 pyramidal -> L5 pyramidal connections);
//   - the spike threshold from threshold and the temperature from celsius;
//   - with AddDrives, the drives of HNN-core's _add_drives_from_params in
//     the order of their sorted names (which fixes their gids): the
//     rhythmic bursty1 (proximal) and bursty2 (distal) from the *_prox and
//     *_dist keys, the evoked evprox<i> and evdist<i> from t_ev*,
//     sigma_t_ev*, numspikes_ev*, gbar_ev* and sync_evinput, the Gaussian
//     extgauss from the *_Gauss_* keys and the Poisson extpois from the
//     *_Pois_* keys and t0_pois/T_pois; outside legacy mode a bursty drive
//     whose stop precedes its start, an extgauss whose mean is beyond
//     tstop and an extpois whose T_pois precedes t0_pois are left out.
//     Each drive's event seed is its prng_seedcore_* key (truncated as
//     Python's int()) plus the first gid of the drive, as HNN-core adds
//     gid_ranges[drive][0]; the connection seed is 3;
//   - with AddDrives, the tonic biases of the Itonic_A_<cell>_soma,
//     Itonic_t0_<cell>_soma and Itonic_T_<cell>_soma keys, all three
//     required once one is present, all biases taking the t0 and T of the
//     last cell type that has them (HNN-core's quirk). hnnparams.ReadFile,
//     like read_params, drops these keys; set them with Params.Set.
//
// HNN-core's legacy rules are reproduced: drive weights missing from a
// legacy file (gbar_evprox_1_L2Pyr_nmda, ...) fall back to the
// receptor-less key (gbar_evprox_1_L2Pyr), missing Poisson weights to 0;
// extgauss uses the L2 basket mean and standard deviation for every cell,
// 50 spikes, and, as HNN-core's code reads them, each cell type's
// *_Gauss_mu as its synaptic delay; Poisson rates that are not positive
// become 1 Hz and negative Poisson times 0; the bursty stop is clipped to
// tstop and the intra-burst interval is 10 ms. The rule of _validate_feed
// that multiplies weights by 5 when f_stdev_* is 0 never fires in HNN-core
// (it tests keys that do not exist) and is not applied.
//
// Keys that describe the cells (L2Pyr_soma_L, ..., synaptic time
// constants and channel densities) are ignored, as HNN-core's
// neymotin_2020_model ignores them, and so are the run settings (tstop,
// dt, N_trials) apart from the tstop that clips bursty drives, and the
// GUI's analysis settings.
//
// Errors name the key. Some HNN-core parameter sets cannot be represented
// by a model.Network and give an error rather than a different network:
// negative weights or delays; an input_*_A_delay_L5 of -1, for which
// HNN-core itself fails (KeyError); a bursty drive that starts before
// 0 ms, or whose start is jittered (t0_input_stdev_* > 0) while it stops
// before it starts or at 0 ms (possible in legacy mode); a tonic bias
// that starts before 0 ms or stops before it starts (HNN-core fails at
// the simulation). Drives that HNN-core keeps with nothing to emit are
// represented exactly: a bursty drive that stops before it starts gets
// the empty interval [start, start], and an interval [0, 0] (e.g. extpois
// in legacy mode with T_pois -1, or a tonic bias from 0 to 0 ms) becomes
// [tstop, tstop], because a model.Network reads a stop time of 0 as the
// end of the run. In legacy mode HNN-core skips the checks of evoked
// drives, so that a negative sigma_t_* fails only in the simulation and a
// numspikes_* of 0 gives a drive without events; here both are errors.
//
// HNN-core attaches the drives, and so lists their connections, before
// the cell-to-cell connections; [model.Network.AllConnections] lists the
// cell connections first. The order changes nothing in a simulation,
// which orders simultaneous events by time, source gid and NetCon.
func FromParamsOptions(p ParamSet, o ParamsOptions) (*model.Network, error) {
	nx, err := p.Int("N_pyr_x")
	if err != nil {
		return nil, paramsErr(err)
	}
	ny, err := p.Int("N_pyr_y")
	if err != nil {
		return nil, paramsErr(err)
	}
	if nx < 1 || ny < 1 {
		return nil, fmt.Errorf("hnn: N_pyr_x = %d, N_pyr_y = %d: the grid needs at least one cell each way", nx, ny)
	}
	if nx > MaxGridCells/ny {
		return nil, fmt.Errorf("hnn: N_pyr_x = %d, N_pyr_y = %d: a grid of more than %d pyramidal cells per layer (HNN-core's default is 10 × 10)", nx, ny, MaxGridCells)
	}
	net := Jones2009(nx, ny)
	net.Name = "neymotin_2020"
	if net.ThresholdMV, err = p.Float("threshold"); err != nil {
		return nil, paramsErr(err)
	}
	if net.Celsius, err = p.Float("celsius"); err != nil {
		return nil, paramsErr(err)
	}
	for i := range net.Connections {
		c := &net.Connections[i]
		key, err := paramsGbarKey(c)
		if err != nil {
			return nil, err
		}
		w, err := paramsNonNegative(p, key)
		if err != nil {
			return nil, err
		}
		c.WeightUS = w
	}
	if !o.AddDrives {
		return net, nil
	}
	b := &paramsBuilder{p: p, legacy: o.Legacy, net: net}
	if err := b.drives(); err != nil {
		return nil, err
	}
	if err := b.biases(); err != nil {
		return nil, err
	}
	return net, nil
}

// paramsErr prefixes a parameter error with the package name.
func paramsErr(err error) error { return fmt.Errorf("hnn: %w", err) }

// hnnShortName returns HNN-core's short name of a cell type (_short_name).
func hnnShortName(cellType string) string {
	switch cellType {
	case L2Basket:
		return "L2Basket"
	case L2Pyramidal:
		return "L2Pyr"
	case L5Basket:
		return "L5Basket"
	case L5Pyramidal:
		return "L5Pyr"
	}
	return cellType
}

// paramsGbarKey returns the parameter that holds the weight of a connection of
// the Jones 2009 column: gbar_<src>_<target>_<receptor> when HNN-core
// names the receptor (the pairs with two receptors), else
// gbar_<src>_<target>.
func paramsGbarKey(c *model.Connection) (string, error) {
	base := hnnShortName(c.Src) + "_" + hnnShortName(c.Target)
	if _, ok := defaultWeights[base+"_"+c.Receptor]; ok {
		return "gbar_" + base + "_" + c.Receptor, nil
	}
	if _, ok := defaultWeights[base]; ok {
		return "gbar_" + base, nil
	}
	return "", fmt.Errorf("hnn: connection %s -> %s (%s, %s) has no gbar_* parameter", c.Src, c.Target, c.Loc, c.Receptor)
}

// paramsNonNegative reads a weight or delay that must be a number >= 0.
func paramsNonNegative(p ParamSet, key string) (float64, error) {
	v, err := p.Float(key)
	if err != nil {
		return 0, paramsErr(err)
	}
	if !(v >= 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("hnn: parameter %q = %v: must be finite and >= 0 (a model.Network has no negative weights or delays)", key, v)
	}
	return v, nil
}

// paramsBuilder adds the drives and biases of a parameter set to a network.
type paramsBuilder struct {
	p      ParamSet
	legacy bool
	net    *model.Network
	tstop  float64
}

// paramsTarget is one target cell type of a drive, as HNN-core's parameter
// tuples give it: the weights of the receptors it has and the delay.
type paramsTarget struct {
	cellType         string
	ampa, nmda       float64
	hasAMPA, hasNMDA bool
	delay            float64
	// keys name the parameters, for errors.
	ampaKey, nmdaKey, delayKey string
}

// paramsSpec is one drive before it is attached.
type paramsSpec struct {
	d       drive.Drive
	targets []paramsTarget
	seed    int // event seed before the gid offset
}

func (b *paramsBuilder) float(key string) (float64, error) {
	v, err := b.p.Float(key)
	if err != nil {
		return 0, paramsErr(err)
	}
	return v, nil
}

// floatOr reads key, or returns def when it is missing (HNN-core's
// check_pois_synkeys and check_evoked_synkeys fill such keys in).
func (b *paramsBuilder) floatOr(key string, def func() (float64, string, error)) (float64, string, error) {
	if !b.p.Has(key) {
		return def()
	}
	v, err := b.float(key)
	return v, key, err
}

// drives adds the drives of _add_drives_from_params.
func (b *paramsBuilder) drives() error {
	var err error
	if b.tstop, err = b.float("tstop"); err != nil {
		return err
	}
	var specs []*paramsSpec
	for _, f := range []struct{ name, sfx, loc string }{{"bursty1", "prox", "proximal"}, {"bursty2", "dist", "distal"}} {
		s, err := b.bursty(f.name, f.sfx, f.loc)
		if err != nil {
			return err
		}
		if s != nil {
			specs = append(specs, s)
		}
	}
	nprox, ndist := countEvoked(b.p)
	for _, ev := range []struct {
		prefix, loc string
		n           int
		types       []string
		delays      []float64
	}{
		{"evprox", "proximal", nprox, []string{L2Pyramidal, L2Basket, L5Pyramidal, L5Basket}, []float64{0.1, 0.1, 1, 1}},
		{"evdist", "distal", ndist, []string{L2Pyramidal, L5Pyramidal, L2Basket}, []float64{0.1, 0.1, 0.1}},
	} {
		for i := 1; i <= ev.n; i++ {
			s, err := b.evoked(ev.prefix, i, ev.loc, ev.types, ev.delays)
			if err != nil {
				return err
			}
			specs = append(specs, s)
		}
	}
	gauss, err := b.gauss()
	if err != nil {
		return err
	}
	if gauss != nil {
		specs = append(specs, gauss)
	}
	pois, err := b.poisson()
	if err != nil {
		return err
	}
	if pois != nil {
		specs = append(specs, pois)
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].d.Name < specs[j].d.Name })
	types := b.net.CellTypes()
	for _, s := range specs {
		if err := b.attach(s, types); err != nil {
			return err
		}
		b.net.Drives = append(b.net.Drives, s.d)
	}
	// HNN-core seeds each drive with event_seed + its first gid.
	for i := range b.net.Drives {
		d := &b.net.Drives[i]
		r, _ := b.net.RangeOf(d.Name)
		d.EventSeed += int(r.First)
		if d.EventSeed < 0 {
			return fmt.Errorf("hnn: drive %q: event seed %d (prng_seedcore + first gid %d) is negative; NumPy seeds must be >= 0", d.Name, d.EventSeed, r.First)
		}
	}
	for i := range b.net.Drives {
		if err := b.net.Drives[i].Validate(types); err != nil {
			return fmt.Errorf("hnn: %w", err)
		}
	}
	return nil
}

// attach fills in a drive's targets as HNN-core's _attach_drive does,
// legacy fill-in included.
func (b *paramsBuilder) attach(s *paramsSpec, types []string) error {
	d := &s.d
	d.WeightsAMPA = map[string]float64{}
	d.WeightsNMDA = map[string]float64{}
	d.SynapticDelays = map[string]float64{}
	d.ConnSeed = 3
	for _, t := range s.targets {
		if t.hasAMPA {
			w, err := paramsCheckWeight(t.ampaKey, t.ampa)
			if err != nil {
				return err
			}
			d.WeightsAMPA[t.cellType] = w
		}
		if t.hasNMDA {
			w, err := paramsCheckWeight(t.nmdaKey, t.nmda)
			if err != nil {
				return err
			}
			d.WeightsNMDA[t.cellType] = w
		}
		dl, err := paramsCheckWeight(t.delayKey, t.delay)
		if err != nil {
			return err
		}
		d.SynapticDelays[t.cellType] = dl
	}
	if len(d.WeightsAMPA)+len(d.WeightsNMDA) == 0 {
		return fmt.Errorf("hnn: drive %q: no target cell types have been given a synaptic weight", d.Name)
	}
	if d.Location == "distal" {
		_, a := d.WeightsAMPA[L5Basket]
		_, n := d.WeightsNMDA[L5Basket]
		if a || n {
			return fmt.Errorf("hnn: drive %q: a distal drive cannot target L5_basket cells", d.Name)
		}
	}
	if b.legacy {
		for _, t := range types {
			_, a := d.WeightsAMPA[t]
			_, n := d.WeightsNMDA[t]
			if !a && !n {
				d.WeightsAMPA[t] = 0
			}
			if _, ok := d.SynapticDelays[t]; !ok {
				d.SynapticDelays[t] = 0.1
			}
		}
	}
	if len(d.WeightsNMDA) == 0 {
		d.WeightsNMDA = nil
	}
	if !d.CellSpecific && d.NDriveCells < 1 {
		return fmt.Errorf("hnn: drive %q: number of drive cells must be greater than 0, got %d", d.Name, d.NDriveCells)
	}
	d.EventSeed = s.seed
	return nil
}

// paramsCheckWeight checks a weight or delay read from key.
func paramsCheckWeight(key string, v float64) (float64, error) {
	if !(v >= 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("hnn: parameter %q = %v: must be finite and >= 0 (a model.Network has no negative weights or delays)", key, v)
	}
	return v, nil
}

// bursty returns the rhythmic drive of the *_prox or *_dist keys
// (create_pext's feed_prox/feed_dist, _validate_feed), or nil when HNN-core
// leaves it out.
func (b *paramsBuilder) bursty(name, sfx, loc string) (*paramsSpec, error) {
	k := func(s string) string { return strings.ReplaceAll(s, "@", sfx) }
	rate, err := b.float(k("f_input_@"))
	if err != nil {
		return nil, err
	}
	t0, err := b.float(k("t0_input_@"))
	if err != nil {
		return nil, err
	}
	tstop, err := b.float(k("tstop_input_@"))
	if err != nil {
		return nil, err
	}
	std, err := b.float(k("f_stdev_@"))
	if err != nil {
		return nil, err
	}
	types := []string{L2Pyramidal, L5Pyramidal, L2Basket, L5Basket}
	if sfx == "dist" {
		types = types[:3]
	}
	var targets []paramsTarget
	for _, t := range types {
		layer := t[:2]
		tg := paramsTarget{cellType: t, hasAMPA: true, hasNMDA: true,
			ampaKey:  k("input_@_A_weight_") + hnnShortName(t) + "_ampa",
			nmdaKey:  k("input_@_A_weight_") + hnnShortName(t) + "_nmda",
			delayKey: k("input_@_A_delay_") + layer}
		if tg.ampa, err = b.float(tg.ampaKey); err != nil {
			return nil, err
		}
		if tg.nmda, err = b.float(tg.nmdaKey); err != nil {
			return nil, err
		}
		if tg.delay, err = b.float(tg.delayKey); err != nil {
			return nil, err
		}
		targets = append(targets, tg)
	}
	numspikes, err := paramsCount(b.p, k("events_per_cycle_@"))
	if err != nil {
		return nil, err
	}
	seed, err := b.p.Trunc(k("prng_seedcore_input_@"))
	if err != nil {
		return nil, paramsErr(err)
	}
	repeats, err := b.p.Int(k("repeats_@"))
	if err != nil {
		return nil, paramsErr(err)
	}
	t0std, err := b.float(k("t0_input_stdev_@"))
	if err != nil {
		return nil, err
	}
	if !b.p.Has("threshold") {
		return nil, fmt.Errorf("hnn: parameter %q is missing", "threshold")
	}
	// _validate_feed: clip the stop to tstop; an L5 delay of -1 makes
	// HNN-core look up a key that does not exist.
	if tstop > b.tstop {
		tstop = b.tstop
	}
	for _, tg := range targets {
		if tg.cellType == L5Pyramidal && tg.delay == -1 {
			return nil, fmt.Errorf("hnn: parameter %q = -1: HNN-core's _validate_feed fails on it (KeyError 'L2Pyr')", tg.delayKey)
		}
	}
	if !b.legacy && tstop < t0 {
		return nil, nil
	}
	if !b.legacy {
		for _, c := range []struct {
			key string
			v   float64
		}{{k("tstop_input_@"), tstop}, {k("t0_input_@"), t0}, {k("t0_input_stdev_@"), t0std}, {k("f_stdev_@"), std}} {
			if c.v < 0 {
				return nil, fmt.Errorf("hnn: drive %q: parameter %q = %v cannot be negative", name, c.key, c.v)
			}
		}
		if numspikes < 1 {
			return nil, fmt.Errorf("hnn: drive %q: parameter %q = %d: the number of spikes must be greater than zero", name, k("events_per_cycle_@"), numspikes)
		}
	}
	if b.legacy && numspikes < 1 {
		numspikes = 1 // HNN-core then emits the single burst centres
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("hnn: drive %q: parameter %q = %v: the burst rate must be finite and > 0", name, k("f_input_@"), rate)
	}
	if dur, period := float64(numspikes-1)*10, 1000/rate; dur > period {
		return nil, fmt.Errorf("hnn: drive %q: burst duration %g ms ((%s - 1) · 10 ms) cannot be greater than the burst period %g ms (1000/%s)",
			name, dur, k("events_per_cycle_@"), period, k("f_input_@"))
	}
	if t0 < 0 {
		return nil, fmt.Errorf("hnn: drive %q: parameter %q = %v: a bursty drive cannot start before 0 ms", name, k("t0_input_@"), t0)
	}
	start, stop := t0, tstop
	switch {
	case (stop < start || stop == 0) && t0std > 0:
		return nil, fmt.Errorf("hnn: drive %q: %s = %v with %s = %v and a jittered start (%s = %v) cannot be represented",
			name, k("tstop_input_@"), tstop, k("t0_input_@"), t0, k("t0_input_stdev_@"), t0std)
	case stop < start:
		stop = start // no bursts, as numpy.arange(t0, tstop) is empty
	}
	if stop == 0 {
		// [0, 0]: no bursts; 0 would mean the end of the run.
		if start, stop, err = b.emptyAt(name); err != nil {
			return nil, err
		}
	}
	return &paramsSpec{
		d: drive.Drive{Name: name, Type: drive.Bursty, Location: loc, SpaceConstant: 100, NDriveCells: repeats,
			Bursty: &drive.BurstyParams{TStartMs: start, TStartStdMs: t0std, TStopMs: stop, BurstRateHz: rate,
				BurstStdMs: std, NumSpikes: numspikes, SpikeISIMs: 10}},
		targets: targets,
		seed:    seed,
	}, nil
}

// emptyAt returns the empty interval [tstop, tstop] used for drives that
// HNN-core keeps with no events.
func (b *paramsBuilder) emptyAt(name string) (float64, float64, error) {
	if !(b.tstop > 0) {
		return 0, 0, fmt.Errorf("hnn: drive %q has an empty interval at 0 ms, which needs tstop > 0 to be represented (tstop = %v)", name, b.tstop)
	}
	return b.tstop, b.tstop, nil
}

// paramsCount reads a count that HNN-core uses through numpy, which also
// accepts integral floats.
func paramsCount(p ParamSet, key string) (int, error) {
	if i, err := p.Int(key); err == nil {
		return i, nil
	}
	f, err := p.Float(key)
	if err != nil {
		return 0, paramsErr(err)
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, fmt.Errorf("hnn: parameter %q = %v: want a whole number", key, f)
	}
	return int(f), nil
}

// countEvoked returns the number of proximal and distal evoked inputs as
// HNN-core's _count_evoked_inputs counts them: keys that start with "t_"
// and contain "evprox" (or else "evdist").
func countEvoked(p ParamSet) (nprox, ndist int) {
	for _, k := range p.Keys() {
		if !strings.HasPrefix(k, "t_") {
			continue
		}
		switch {
		case strings.Contains(k, "evprox"):
			nprox++
		case strings.Contains(k, "evdist"):
			ndist++
		}
	}
	return nprox, ndist
}

// evoked returns evprox<i> or evdist<i> (create_pext's p_unique entries).
func (b *paramsBuilder) evoked(prefix string, i int, loc string, types []string, delays []float64) (*paramsSpec, error) {
	key := prefix + "_" + strconv.Itoa(i)
	name := prefix + strconv.Itoa(i)
	mu, err := b.float("t_" + key)
	if err != nil {
		return nil, err
	}
	sigma, err := b.float("sigma_t_" + key)
	if err != nil {
		return nil, err
	}
	var targets []paramsTarget
	for n, t := range types {
		tg := paramsTarget{cellType: t, hasAMPA: true, hasNMDA: true, delay: delays[n],
			delayKey: fmt.Sprintf("(the fixed %s delay of %s)", hnnShortName(t), name)}
		for _, r := range []string{"ampa", "nmda"} {
			rk := "gbar_" + key + "_" + hnnShortName(t) + "_" + r
			w, used, err := b.floatOr(rk, func() (float64, string, error) {
				fallback := "gbar_" + key + "_" + hnnShortName(t)
				v, err := b.float(fallback)
				return v, fallback, err
			})
			if err != nil {
				return nil, err
			}
			if r == "ampa" {
				tg.ampa, tg.ampaKey = w, used
			} else {
				tg.nmda, tg.nmdaKey = w, used
			}
		}
		targets = append(targets, tg)
	}
	seed, err := b.p.Trunc("prng_seedcore_" + key)
	if err != nil {
		return nil, paramsErr(err)
	}
	syncv, err := b.p.Truth("sync_evinput")
	if err != nil {
		return nil, paramsErr(err)
	}
	if !b.p.Has("threshold") {
		return nil, fmt.Errorf("hnn: parameter %q is missing", "threshold")
	}
	numspikes, err := b.p.Int("numspikes_" + key)
	if err != nil {
		return nil, paramsErr(err)
	}
	if math.IsNaN(mu) || math.IsInf(mu, 0) {
		return nil, fmt.Errorf("hnn: drive %q: parameter %q = %v: must be finite", name, "t_"+key, mu)
	}
	if sigma < 0 || math.IsNaN(sigma) || math.IsInf(sigma, 0) {
		return nil, fmt.Errorf("hnn: drive %q: parameter %q = %v: standard deviation must be finite and >= 0", name, "sigma_t_"+key, sigma)
	}
	if numspikes < 1 {
		return nil, fmt.Errorf("hnn: drive %q: parameter %q = %d: number of spikes must be greater than zero", name, "numspikes_"+key, numspikes)
	}
	if b.legacy {
		seed -= 18 // HNN-core: match the HNN GUI's seeds
	}
	d := drive.Drive{Name: name, Type: drive.Evoked, Location: loc, SpaceConstant: 3, CellSpecific: true,
		Evoked: &drive.EvokedParams{MuMs: mu, SigmaMs: sigma, NumSpikes: numspikes}}
	if syncv {
		d.CellSpecific, d.NDriveCells = false, 1
	}
	return &paramsSpec{d: d, targets: targets, seed: seed}, nil
}

// gauss returns extgauss, or nil when HNN-core leaves it out.
func (b *paramsBuilder) gauss() (*paramsSpec, error) {
	type g struct {
		weight, mu, sigma float64
		keys              [3]string
	}
	vals := map[string]g{}
	for _, t := range []string{L2Basket, L2Pyramidal, L5Basket, L5Pyramidal} {
		s := hnnShortName(t)
		var v g
		v.keys = [3]string{s + "_Gauss_A_weight", s + "_Gauss_mu", s + "_Gauss_sigma"}
		var err error
		if v.weight, err = b.float(v.keys[0]); err != nil {
			return nil, err
		}
		if v.mu, err = b.float(v.keys[1]); err != nil {
			return nil, err
		}
		if v.sigma, err = b.float(v.keys[2]); err != nil {
			return nil, err
		}
		vals[t] = v
	}
	seed, err := b.p.Trunc("prng_seedcore_extgauss")
	if err != nil {
		return nil, paramsErr(err)
	}
	lb := vals[L2Basket]
	if !b.legacy && lb.mu > b.tstop {
		return nil, nil
	}
	if lb.sigma < 0 || math.IsNaN(lb.sigma) {
		return nil, fmt.Errorf("hnn: drive \"extgauss\": parameter %q = %v: standard deviation cannot be negative", lb.keys[2], lb.sigma)
	}
	var targets []paramsTarget
	for _, t := range []string{L2Basket, L2Pyramidal, L5Basket, L5Pyramidal} {
		v := vals[t]
		// HNN-core's code takes element 3 of (weight, weight, delay, mu,
		// sigma) as the delay: the cell type's mean time.
		targets = append(targets, paramsTarget{cellType: t, hasAMPA: true, ampa: v.weight, ampaKey: v.keys[0],
			delay: v.mu, delayKey: v.keys[1] + " (HNN-core uses it as the extgauss delay)"})
	}
	return &paramsSpec{
		d: drive.Drive{Name: "extgauss", Type: drive.Evoked, Location: "proximal", SpaceConstant: 100, CellSpecific: true,
			Evoked: &drive.EvokedParams{MuMs: lb.mu, SigmaMs: lb.sigma, NumSpikes: 50}},
		targets: targets, seed: seed,
	}, nil
}

// poisson returns extpois, or nil when HNN-core leaves it out.
func (b *paramsBuilder) poisson() (*paramsSpec, error) {
	delays := map[string]float64{L2Basket: 1, L2Pyramidal: 0.1, L5Basket: 1, L5Pyramidal: 1}
	var targets []paramsTarget
	rates := map[string]float64{}
	for _, t := range []string{L2Basket, L2Pyramidal, L5Basket, L5Pyramidal} {
		s := hnnShortName(t)
		tg := paramsTarget{cellType: t, hasAMPA: true, hasNMDA: true, delay: delays[t],
			delayKey: fmt.Sprintf("(the fixed %s delay of extpois)", s)}
		for _, r := range []string{"ampa", "nmda"} {
			w, used, err := b.floatOr(s+"_Pois_A_weight_"+r, func() (float64, string, error) {
				return 0, s + "_Pois_A_weight_" + r + " (missing: 0)", nil
			})
			if err != nil {
				return nil, err
			}
			if r == "ampa" {
				tg.ampa, tg.ampaKey = w, used
			} else {
				tg.nmda, tg.nmdaKey = w, used
			}
		}
		rate, err := b.float(s + "_Pois_lamtha")
		if err != nil {
			return nil, err
		}
		if !(rate > 0) {
			rate = 1 // HNN-core's correction of null Poisson drives
		}
		if math.IsInf(rate, 0) {
			return nil, fmt.Errorf("hnn: parameter %q = %v: the Poisson rate must be finite", s+"_Pois_lamtha", rate)
		}
		rates[t] = rate
		targets = append(targets, tg)
	}
	seed, err := b.p.Trunc("prng_seedcore_extpois")
	if err != nil {
		return nil, paramsErr(err)
	}
	t0, err := b.float("t0_pois")
	if err != nil {
		return nil, err
	}
	tEnd, err := b.float("T_pois")
	if err != nil {
		return nil, err
	}
	if !b.legacy && tEnd < t0 {
		return nil, nil
	}
	start, stop := math.Max(0, t0), math.Max(0, tEnd)
	if stop < start {
		return nil, fmt.Errorf("hnn: drive \"extpois\": duration of Poisson drive cannot be negative (t0_pois = %v, T_pois = %v)", t0, tEnd)
	}
	if math.IsInf(stop, 0) || math.IsNaN(start) || math.IsNaN(stop) {
		return nil, fmt.Errorf("hnn: drive \"extpois\": t0_pois = %v, T_pois = %v must be finite", t0, tEnd)
	}
	if stop == 0 {
		// [0, 0]: no events; 0 would mean the end of the run.
		if start, stop, err = b.emptyAt("extpois"); err != nil {
			return nil, err
		}
	}
	return &paramsSpec{
		d: drive.Drive{Name: "extpois", Type: drive.Poisson, Location: "proximal", SpaceConstant: 100, CellSpecific: true,
			Poisson: &drive.PoissonParams{TStartMs: start, TStopMs: stop, RateByType: rates}},
		targets: targets, seed: seed,
	}, nil
}

// biases adds the tonic biases of the Itonic_* keys
// (_extract_bias_specs_from_hnn_params, add_tonic_bias).
func (b *paramsBuilder) biases() error {
	type bias struct {
		cellType      string
		amp, t0, tEnd float64
		keys          [3]string
	}
	var found []bias
	for _, t := range b.net.CellTypes() {
		s := hnnShortName(t)
		keys := [3]string{"Itonic_A_" + s + "_soma", "Itonic_t0_" + s + "_soma", "Itonic_T_" + s + "_soma"}
		n := 0
		for _, k := range keys {
			if b.p.Has(k) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		if n < 3 {
			return fmt.Errorf("hnn: tonic input for cell type %s needs %s, %s and %s; one or more is missing", t, keys[0], keys[1], keys[2])
		}
		v := bias{cellType: t, keys: keys}
		var err error
		if v.amp, err = b.float(keys[0]); err != nil {
			return err
		}
		if v.t0, err = b.float(keys[1]); err != nil {
			return err
		}
		if v.tEnd, err = b.float(keys[2]); err != nil {
			return err
		}
		found = append(found, v)
	}
	if len(found) == 0 {
		return nil
	}
	// HNN-core applies the t0 and tstop of the last cell type to all.
	last := found[len(found)-1]
	t0, tEnd := last.t0, last.tEnd
	switch {
	case math.IsNaN(t0) || math.IsInf(t0, 0) || math.IsNaN(tEnd) || math.IsInf(tEnd, 0):
		return fmt.Errorf("hnn: tonic bias: %s = %v, %s = %v must be finite", last.keys[1], t0, last.keys[2], tEnd)
	case tEnd < 0:
		return fmt.Errorf("hnn: tonic bias: %s = %v: end time of tonic input cannot be negative", last.keys[2], tEnd)
	case tEnd < t0:
		return fmt.Errorf("hnn: tonic bias: %s = %v before %s = %v: duration of tonic input cannot be negative", last.keys[2], tEnd, last.keys[1], t0)
	case t0 < 0:
		return fmt.Errorf("hnn: tonic bias: %s = %v: a bias cannot start before 0 ms", last.keys[1], t0)
	}
	if tEnd == 0 {
		// A zero-length clamp at 0 ms; 0 would mean the end of the run.
		var err error
		if t0, tEnd, err = b.emptyAt("tonic"); err != nil {
			return err
		}
	}
	for _, v := range found {
		if math.IsNaN(v.amp) || math.IsInf(v.amp, 0) {
			return fmt.Errorf("hnn: parameter %q = %v: must be finite", v.keys[0], v.amp)
		}
		b.net.Biases = append(b.net.Biases, model.Bias{Name: "tonic", CellType: v.cellType, Section: "soma", X: 0.5,
			AmplitudeNA: v.amp, T0Ms: t0, TStopMs: tEnd})
	}
	return nil
}
