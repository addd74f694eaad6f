package hnn_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/format/hnnparams"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
)

// The parameter files and HNN-core's summaries of the networks it builds
// from them live with package format/hnnparams: testdata/default.json,
// ... and testdata/reference/network_<case>.json, written by
// format/hnnparams/testdata/gen_reference.py (HNN-core 5ca983a).
const paramsTestdata = "../../format/hnnparams/testdata"

// paramsRefNetwork is HNN-core's summary of one network.
type paramsRefNetwork struct {
	File      string      `json:"file"`
	Legacy    bool        `json:"legacy"`
	AddDrives bool        `json:"add_drives"`
	Overrides [][3]string `json:"overrides"`
	Mesh      [2]int      `json:"mesh"`
	Threshold float64     `json:"threshold"`
	Celsius   float64     `json:"celsius"`
	GIDRanges [][3]any    `json:"gid_ranges"`
	Drives    []struct {
		Name         string         `json:"name"`
		Type         string         `json:"type"`
		Location     string         `json:"location"`
		CellSpecific bool           `json:"cell_specific"`
		NDriveCells  int            `json:"n_drive_cells"`
		EventSeed    int            `json:"event_seed"`
		ConnSeed     int            `json:"conn_seed"`
		Dynamics     map[string]any `json:"dynamics"`
		TargetTypes  []string       `json:"target_types"`
		NEvents      int            `json:"n_events"`
		EventsSum    string         `json:"events_sum"`
		FirstEvents  [][]string     `json:"first_events"`
	} `json:"drives"`
	Connectivity []paramsRefConn `json:"connectivity"`
	Biases       map[string]map[string]struct {
		Amplitude float64 `json:"amplitude"`
		T0        float64 `json:"t0"`
		TStop     float64 `json:"tstop"`
		Section   string  `json:"section"`
	} `json:"biases"`
}

// paramsRefConn is one connection of HNN-core's connectivity list.
type paramsRefConn struct {
	SrcType       string  `json:"src_type"`
	TargetType    string  `json:"target_type"`
	Loc           string  `json:"loc"`
	Receptor      string  `json:"receptor"`
	Weight        float64 `json:"weight"`
	Delay         float64 `json:"delay"`
	Lamtha        float64 `json:"lamtha"`
	Gain          float64 `json:"gain"`
	Probability   float64 `json:"probability"`
	AllowAutapses bool    `json:"allow_autapses"`
	NPairs        int     `json:"n_pairs"`
	PairChecksum  int64   `json:"pair_checksum"`
}

func paramsLoadRef(t *testing.T, name string) *paramsRefNetwork {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(paramsTestdata, "reference", "network_"+name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref paramsRefNetwork
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &ref
}

// paramsRead reads a parameter file of the reference and applies its
// overrides as HNN-core's params[key] = value does.
func paramsRead(t *testing.T, ref *paramsRefNetwork) hnnparams.Params {
	t.Helper()
	p, err := hnnparams.ReadFile(filepath.Join(paramsTestdata, ref.File))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ref.Overrides {
		var v hnnparams.Value
		switch o[1] {
		case "int":
			i, _ := strconv.ParseInt(o[2], 10, 64)
			v = hnnparams.IntValue(i)
		case "float":
			f, _ := strconv.ParseFloat(o[2], 64)
			v = hnnparams.FloatValue(f)
		default:
			v = hnnparams.StringValue(o[2])
		}
		p.Set(o[0], v)
	}
	return p
}

func paramsHex(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return f
}

func paramsNum(v any) float64 {
	f, _ := v.(float64)
	return f
}

// TestFromParamsMatchesHNNCore builds each reference network and compares
// it with what HNN-core's neymotin_2020_model builds from the same
// parameters: mesh, threshold, temperature, gid ranges, every drive (type,
// dynamics, cells, seeds, targets and its trial-0 event times in HNN
// seeding), every connection (weight, delay, space constant, and its gid
// pairs by count and checksum) and the tonic biases.
func TestFromParamsMatchesHNNCore(t *testing.T) {
	for _, name := range []string{
		"default", "default_legacy", "default_nodrives", "param", "param_legacy",
		"n20", "gamma", "all_drives", "all_drives_legacy",
	} {
		t.Run(name, func(t *testing.T) {
			ref := paramsLoadRef(t, name)
			p := paramsRead(t, ref)
			net, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: ref.AddDrives, Legacy: ref.Legacy})
			if err != nil {
				t.Fatal(err)
			}
			paramsCompare(t, p, net, ref)
		})
	}
}

func paramsCompare(t *testing.T, p hnnparams.Params, net *model.Network, ref *paramsRefNetwork) {
	if net.MeshShape != ref.Mesh {
		t.Errorf("mesh %v, HNN-core %v", net.MeshShape, ref.Mesh)
	}
	if net.ThresholdMV != ref.Threshold || net.Celsius != ref.Celsius {
		t.Errorf("threshold %v, celsius %v; HNN-core %v, %v", net.ThresholdMV, net.Celsius, ref.Threshold, ref.Celsius)
	}
	ranges := net.Ranges()
	if len(ranges) != len(ref.GIDRanges) {
		t.Fatalf("%d gid ranges, HNN-core %d", len(ranges), len(ref.GIDRanges))
	}
	for i, r := range ranges {
		w := ref.GIDRanges[i]
		if r.Name != w[0].(string) || int(r.First) != int(w[1].(float64)) || int(r.First)+r.N != int(w[2].(float64)) {
			t.Errorf("gid range %d: %s [%d, %d), HNN-core %v", i, r.Name, r.First, int(r.First)+r.N, w)
		}
	}
	tstop, _ := p.Float("tstop")
	if len(net.Drives) != len(ref.Drives) {
		t.Fatalf("%d drives, HNN-core %d", len(net.Drives), len(ref.Drives))
	}
	events, err := net.DriveEvents(0, tstop)
	if err != nil {
		t.Fatal(err)
	}
	for i := range net.Drives {
		d, w := &net.Drives[i], ref.Drives[i]
		where := "drive " + d.Name
		wantType := w.Type
		if wantType == "gaussian" {
			wantType = drive.Evoked // HNN-core's 'gaussian' is an evoked drive
		}
		if d.Name != w.Name || d.Type != wantType || d.Location != w.Location || d.CellSpecific != w.CellSpecific ||
			net.DriveCells(d) != w.NDriveCells || d.EventSeed != w.EventSeed || d.ConnSeed != w.ConnSeed {
			t.Errorf("%s: %s %s %s cell_specific %v, %d cells, seeds %d/%d; HNN-core %s %s %s %v, %d, %d/%d", where,
				d.Name, d.Type, d.Location, d.CellSpecific, net.DriveCells(d), d.EventSeed, d.ConnSeed,
				w.Name, w.Type, w.Location, w.CellSpecific, w.NDriveCells, w.EventSeed, w.ConnSeed)
		}
		if got := d.TargetTypes(net.CellTypes()); !slices.Equal(got, w.TargetTypes) {
			t.Errorf("%s: targets %v, HNN-core %v", where, got, w.TargetTypes)
		}
		dyn := w.Dynamics
		switch d.Type {
		case drive.Evoked:
			e := d.Evoked
			if e.MuMs != paramsNum(dyn["mu"]) || e.SigmaMs != paramsNum(dyn["sigma"]) || e.NumSpikes != int(paramsNum(dyn["numspikes"])) {
				t.Errorf("%s: %+v, HNN-core %v", where, *e, dyn)
			}
		case drive.Poisson:
			e := d.Poisson
			start, stop := paramsNum(dyn["tstart"]), paramsNum(dyn["tstop"])
			if stop == 0 {
				start, stop = tstop, tstop // the empty interval [0, 0] moved to tstop
			}
			rates := map[string]float64{}
			for k, v := range dyn["rate_constant"].(map[string]any) {
				rates[k] = paramsNum(v)
			}
			if e.TStartMs != start || e.TStopMs != stop || !paramsMapsEqual(e.RateByType, rates) {
				t.Errorf("%s: %+v, HNN-core %v", where, *e, dyn)
			}
		case drive.Bursty:
			e := d.Bursty
			start, stop := paramsNum(dyn["tstart"]), paramsNum(dyn["tstop"])
			if stop < start {
				stop = start // numpy.arange(t0, tstop) is empty either way
			}
			if e.TStartMs != start || e.TStopMs != stop || e.TStartStdMs != paramsNum(dyn["tstart_std"]) ||
				e.BurstRateHz != paramsNum(dyn["burst_rate"]) || e.BurstStdMs != paramsNum(dyn["burst_std"]) ||
				e.NumSpikes != int(paramsNum(dyn["numspikes"])) || e.SpikeISIMs != paramsNum(dyn["spike_isi"]) {
				t.Errorf("%s: %+v, HNN-core %v", where, *e, dyn)
			}
		}
		// Event times of trial 0, in HNN-core's seeding.
		r, _ := net.RangeOf(d.Name)
		n, sum := 0, 0.0
		for k := 0; k < r.N; k++ {
			ev := events[r.First+model.GID(k)]
			n += len(ev)
			for _, x := range ev {
				sum += x
			}
			if k < len(w.FirstEvents) {
				want := make([]float64, len(w.FirstEvents[k]))
				for j, s := range w.FirstEvents[k] {
					want[j] = paramsHex(t, s)
				}
				if !slices.Equal(ev, want) {
					t.Errorf("%s cell %d: events %v, HNN-core %v", where, k, ev, want)
				}
			}
		}
		if n != w.NEvents || sum != paramsHex(t, w.EventsSum) {
			t.Errorf("%s: %d events summing to %v, HNN-core %d summing to %v", where, n, sum, w.NEvents, paramsHex(t, w.EventsSum))
		}
	}
	// HNN-core attaches the drives (inside Network()) before
	// neymotin_2020_model adds the cell-to-cell connections, so its list
	// starts with the drives' connections; a model.Network lists the cell
	// connections first. The order does not change a simulation, which
	// orders simultaneous events by (time, source gid, NetCon).
	wantConns := slices.Clone(ref.Connectivity)
	isDrive := func(src string) bool { _, ok := net.DriveNamed(src); return ok }
	slices.SortStableFunc(wantConns, func(a, b paramsRefConn) int {
		switch da, db := isDrive(a.SrcType), isDrive(b.SrcType); {
		case da == db:
			return 0
		case db:
			return -1
		}
		return 1
	})
	conns := net.AllConnections()
	if len(conns) != len(wantConns) {
		t.Fatalf("%d connections, HNN-core %d", len(conns), len(wantConns))
	}
	for i := range conns {
		c, w := &conns[i], wantConns[i]
		if c.Src != w.SrcType || c.Target != w.TargetType || c.Loc != w.Loc || c.Receptor != w.Receptor ||
			c.WeightUS != w.Weight || c.DelayMs != w.Delay || c.Lamtha != w.Lamtha || c.Gain != w.Gain ||
			c.Probability != w.Probability || c.AllowAutapses != w.AllowAutapses {
			t.Errorf("connection %d: %s -> %s %s/%s w %v d %v λ %v g %v p %v autapses %v; HNN-core %+v", i,
				c.Src, c.Target, c.Loc, c.Receptor, c.WeightUS, c.DelayMs, c.Lamtha, c.Gain, c.Probability, c.AllowAutapses, w)
		}
		pairs, err := net.Pairs(c)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, pr := range pairs {
			sum += (int64(pr[0])*1000003 + int64(pr[1])) % 998244353
		}
		if len(pairs) != w.NPairs || sum != w.PairChecksum {
			t.Errorf("connection %d (%s -> %s %s): %d pairs (checksum %d), HNN-core %d (%d)", i, c.Src, c.Target, c.Receptor, len(pairs), sum, w.NPairs, w.PairChecksum)
		}
	}
	nb := 0
	for _, b := range ref.Biases {
		nb += len(b)
	}
	if len(net.Biases) != nb {
		t.Fatalf("%d biases, HNN-core %d", len(net.Biases), nb)
	}
	for _, b := range net.Biases {
		w, ok := ref.Biases[b.Name][b.CellType]
		if !ok || b.AmplitudeNA != w.Amplitude || b.T0Ms != w.T0 || b.TStopMs != w.TStop || b.Section != w.Section || b.X != 0.5 {
			t.Errorf("bias %s %s: %+v, HNN-core %+v", b.Name, b.CellType, b, w)
		}
	}
}

func paramsMapsEqual(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestFromParamsDefaultIsJones2009 checks that default.json's weights are
// the defaults of Jones2009, so that FromParams(default.json, false)
// builds the same network.
func TestFromParamsDefaultIsJones2009(t *testing.T) {
	p, err := hnnparams.ReadFile(filepath.Join(paramsTestdata, "default.json"))
	if err != nil {
		t.Fatal(err)
	}
	net, err := hnn.FromParams(p, false)
	if err != nil {
		t.Fatal(err)
	}
	want := hnn.Jones2009(10, 10)
	if len(net.Connections) != len(want.Connections) {
		t.Fatalf("%d connections, Jones2009 has %d", len(net.Connections), len(want.Connections))
	}
	for i := range net.Connections {
		if net.Connections[i].WeightUS != want.Connections[i].WeightUS {
			t.Errorf("connection %d: weight %v, Jones2009 %v", i, net.Connections[i].WeightUS, want.Connections[i].WeightUS)
		}
	}
	if len(net.Drives) != 0 || len(net.Biases) != 0 {
		t.Errorf("drives or biases without addDrives")
	}
}

// TestFromParamsSimulates checks that the networks of default.json and of
// the all-drives parameter set validate against the built-in catalogue and
// that the simulator accepts them, in both modes.
func TestFromParamsSimulates(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		for _, name := range []string{"default", "all_drives"} {
			p := paramsRead(t, paramsLoadRef(t, name))
			net, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: true, Legacy: legacy})
			if err != nil {
				t.Fatal(err)
			}
			if err := net.Validate(builtin.Catalogue()); err != nil {
				t.Fatalf("%s, legacy %v: %v", name, legacy, err)
			}
			s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue()})
			if err != nil {
				t.Fatalf("%s, legacy %v: engine.NewNetwork: %v", name, legacy, err)
			}
			if name == "all_drives" {
				// The small 3 × 4 network with every kind of drive runs.
				if err := s.Run(2); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestFromParamsJSONRoundTrip checks that the network survives JSON.
func TestFromParamsJSONRoundTrip(t *testing.T) {
	ref := paramsLoadRef(t, "all_drives_legacy")
	p := paramsRead(t, ref)
	net, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: true, Legacy: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(net)
	if err != nil {
		t.Fatal(err)
	}
	var back model.Network
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(&back)
	if string(b) != string(b2) {
		t.Error("JSON round trip changed the network")
	}
}

func TestFromParamsErrors(t *testing.T) {
	base, err := hnnparams.ReadFile(filepath.Join(paramsTestdata, "default.json"))
	if err != nil {
		t.Fatal(err)
	}
	f := hnnparams.FloatValue
	i := hnnparams.IntValue
	s := hnnparams.StringValue
	for _, c := range []struct {
		name   string
		set    map[string]hnnparams.Value
		del    []string
		legacy bool
		want   []string
	}{
		{"missing weight", nil, []string{"gbar_L2Pyr_L5Pyr"}, false, []string{`"gbar_L2Pyr_L5Pyr" is missing`}},
		{"string weight", map[string]hnnparams.Value{"gbar_L5Pyr_L5Pyr_nmda": s("0.5")}, nil, false, []string{`"gbar_L5Pyr_L5Pyr_nmda" = '0.5' is a str`}},
		{"negative weight", map[string]hnnparams.Value{"gbar_L2Basket_L2Pyr_gabab": f(-1)}, nil, false, []string{`"gbar_L2Basket_L2Pyr_gabab" = -1`, ">= 0"}},
		{"float mesh", map[string]hnnparams.Value{"N_pyr_x": f(10)}, nil, false, []string{`"N_pyr_x" = 10.0 is a float, want an int`}},
		{"zero mesh", map[string]hnnparams.Value{"N_pyr_y": i(0)}, nil, false, []string{"N_pyr_y = 0"}},
		{"negative mesh", map[string]hnnparams.Value{"N_pyr_x": i(-3)}, nil, false, []string{"hnn: N_pyr_x = -3, N_pyr_y = 10: the grid needs at least one cell each way"}},
		{"huge mesh", map[string]hnnparams.Value{"N_pyr_x": i(100000), "N_pyr_y": i(100000)}, nil, false, []string{"hnn: N_pyr_x = 100000, N_pyr_y = 100000: a grid of more than 1000000 pyramidal cells per layer (HNN-core's default is 10 × 10)"}},
		{"missing threshold", nil, []string{"threshold"}, false, []string{`"threshold" is missing`}},
		{"missing tstop", nil, []string{"tstop"}, false, []string{`"tstop" is missing`}},
		{"string celsius", map[string]hnnparams.Value{"celsius": s("warm")}, nil, false, []string{`"celsius"`}},
		{"missing evoked time", nil, []string{"sigma_t_evprox_2"}, false, []string{`"sigma_t_evprox_2" is missing`}},
		{"negative sigma", map[string]hnnparams.Value{"sigma_t_evdist_1": f(-1)}, nil, false, []string{`"evdist1"`, `"sigma_t_evdist_1" = -1`}},
		{"zero numspikes", map[string]hnnparams.Value{"numspikes_evprox_1": i(0)}, nil, false, []string{`"numspikes_evprox_1" = 0`}},
		{"float numspikes", map[string]hnnparams.Value{"numspikes_evprox_1": f(1)}, nil, false, []string{`"numspikes_evprox_1" = 1.0 is a float`}},
		{"negative evoked weight", map[string]hnnparams.Value{"gbar_evdist_1_L2Pyr_nmda": f(-0.5)}, nil, false, []string{`"gbar_evdist_1_L2Pyr_nmda" = -0.5`}},
		{"missing evoked weights", nil, []string{"gbar_evprox_1_L2Pyr_ampa"}, false, []string{`"gbar_evprox_1_L2Pyr" is missing`}},
		{"L5 delay -1", map[string]hnnparams.Value{"input_dist_A_delay_L5": f(-1)}, nil, false, []string{`"input_dist_A_delay_L5" = -1`, "KeyError"}},
		{"zero repeats", map[string]hnnparams.Value{"t0_input_prox": f(10), "repeats_prox": i(0)}, nil, false, []string{`"bursty1"`, "greater than 0"}},
		{"float repeats", map[string]hnnparams.Value{"repeats_dist": f(10)}, nil, false, []string{`"repeats_dist" = 10.0 is a float`}},
		{"zero burst rate", map[string]hnnparams.Value{"t0_input_prox": f(10), "f_input_prox": f(0)}, nil, false, []string{`"f_input_prox" = 0`, "burst rate"}},
		{"fractional events per cycle", map[string]hnnparams.Value{"t0_input_prox": f(10), "events_per_cycle_prox": f(2.5)}, nil, false, []string{`"events_per_cycle_prox" = 2.5: want a whole number`}},
		{"string events per cycle", map[string]hnnparams.Value{"events_per_cycle_dist": s("two")}, nil, false, []string{`"events_per_cycle_dist" = 'two' is a str`}},
		{"zero events per cycle", map[string]hnnparams.Value{"t0_input_prox": f(10), "events_per_cycle_prox": i(0)}, nil, false, []string{`"events_per_cycle_prox" = 0`}},
		{"long bursts", map[string]hnnparams.Value{"t0_input_dist": f(10), "events_per_cycle_dist": i(20)}, nil, false, []string{"burst duration 190 ms"}},
		{"jittered empty bursts", map[string]hnnparams.Value{"t0_input_stdev_prox": f(3)}, nil, true, []string{`"bursty1"`, "jittered start", "cannot be represented"}},
		{"negative bursty start", map[string]hnnparams.Value{"t0_input_dist": f(-5)}, nil, true, []string{`"t0_input_dist" = -5`, "before 0 ms"}},
		{"negative Poisson duration", map[string]hnnparams.Value{"t0_pois": f(50), "T_pois": f(20)}, nil, true, []string{"extpois", "cannot be negative"}},
		{"bad seed", map[string]hnnparams.Value{"prng_seedcore_extgauss": s("x")}, nil, false, []string{`"prng_seedcore_extgauss" = 'x'`}},
		{"partial tonic", map[string]hnnparams.Value{"Itonic_A_L5Pyr_soma": f(1), "Itonic_T_L5Pyr_soma": f(10)}, nil, false, []string{"L5_pyramidal", "Itonic_t0_L5Pyr_soma"}},
		{"negative tonic end", map[string]hnnparams.Value{"Itonic_A_L2Pyr_soma": f(1), "Itonic_t0_L2Pyr_soma": f(0), "Itonic_T_L2Pyr_soma": f(-1)}, nil, false, []string{`Itonic_T_L2Pyr_soma = -1`}},
		{"reversed tonic", map[string]hnnparams.Value{"Itonic_A_L2Pyr_soma": f(1), "Itonic_t0_L2Pyr_soma": f(50), "Itonic_T_L2Pyr_soma": f(10)}, nil, false, []string{"Itonic_T_L2Pyr_soma = 10 before Itonic_t0_L2Pyr_soma = 50"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base.Clone()
			for k, v := range c.set {
				p.Set(k, v)
			}
			for _, k := range c.del {
				p.Delete(k)
			}
			_, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: true, Legacy: c.legacy})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestFromParamsBurstCounts checks the counts HNN-core passes to numpy:
// an integral float is a count, and in legacy mode fewer than one spike
// per burst acts as one (HNN-core then emits the burst centres).
func TestFromParamsBurstCounts(t *testing.T) {
	p, err := hnnparams.ReadFile(filepath.Join(paramsTestdata, "default.json"))
	if err != nil {
		t.Fatal(err)
	}
	p.Set("t0_input_prox", hnnparams.FloatValue(10))
	p.Set("events_per_cycle_prox", hnnparams.FloatValue(3))
	p.Set("events_per_cycle_dist", hnnparams.IntValue(0))
	for _, legacy := range []bool{false, true} {
		net, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: true, Legacy: legacy})
		if err != nil {
			t.Fatal(err)
		}
		d, ok := net.DriveNamed("bursty1")
		if !ok || d.Bursty.NumSpikes != 3 {
			t.Errorf("legacy %v: bursty1 %+v", legacy, d)
		}
		d, ok = net.DriveNamed("bursty2")
		if legacy && (!ok || d.Bursty.NumSpikes != 1) {
			t.Errorf("legacy: bursty2 %+v", d)
		}
		if !legacy && ok {
			t.Errorf("bursty2 (t0 1000 > tstop) should be left out outside legacy mode")
		}
	}
}

// TestFromParamsEmptyIntervals checks the representation of drives and
// biases that HNN-core keeps with nothing to emit.
func TestFromParamsEmptyIntervals(t *testing.T) {
	p, err := hnnparams.ReadFile(filepath.Join(paramsTestdata, "default.json"))
	if err != nil {
		t.Fatal(err)
	}
	p.Set("T_pois", hnnparams.IntValue(0)) // [0, 0] outside legacy mode too
	p.Set("Itonic_A_L2Basket_soma", hnnparams.FloatValue(2))
	p.Set("Itonic_t0_L2Basket_soma", hnnparams.FloatValue(0))
	p.Set("Itonic_T_L2Basket_soma", hnnparams.FloatValue(0))
	net, err := hnn.FromParams(p, true)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := net.DriveNamed("extpois")
	if !ok || d.Poisson.TStartMs != 170 || d.Poisson.TStopMs != 170 {
		t.Fatalf("extpois %+v", d)
	}
	ev, err := net.DriveEvents(0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := net.RangeOf("extpois")
	for k := 0; k < r.N; k++ {
		if len(ev[r.First+model.GID(k)]) != 0 {
			t.Fatalf("extpois cell %d has events %v", k, ev[r.First+model.GID(k)])
		}
	}
	if len(net.Biases) != 1 || net.Biases[0].T0Ms != 170 || net.Biases[0].TStopMs != 170 {
		t.Errorf("biases %+v", net.Biases)
	}
	if math.IsNaN(net.Biases[0].AmplitudeNA) {
		t.Error("amplitude")
	}
}

// hnnparams.Params is a ParamSet.
var _ hnn.ParamSet = hnnparams.Params{}

// Build the network of HNN-core's default.json with its drives, as
// neymotin_2020_model(read_params("default.json"),
// add_drives_from_params=True) does.
func ExampleFromParams() {
	p, err := hnnparams.ReadFile("../../format/hnnparams/testdata/default.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	net, err := hnn.FromParams(p, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range net.Ranges() {
		fmt.Printf("%-12s gids %4d..%4d\n", r.Name, r.First, int(r.First)+r.N-1)
	}
	for _, d := range net.Drives {
		fmt.Printf("%s: %s at %.2f ms (sigma %.2f), event seed %d\n", d.Name, d.Location, d.Evoked.MuMs, d.Evoked.SigmaMs, d.EventSeed)
	}
	// Output:
	// L2_basket    gids    0..  34
	// L2_pyramidal gids   35.. 134
	// L5_basket    gids  135.. 169
	// L5_pyramidal gids  170.. 269
	// evdist1      gids  270.. 504
	// evprox1      gids  505.. 774
	// evprox2      gids  775..1044
	// evdist1: distal at 63.53 ms (sigma 3.85), event seed 272
	// evprox1: proximal at 26.61 ms (sigma 2.47), event seed 507
	// evprox2: proximal at 137.12 ms (sigma 8.33), event seed 777
}
