package netman_test

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/tutorial"
	"github.com/laminasim/lamina/netman"
	"github.com/laminasim/lamina/rng"
	"github.com/laminasim/lamina/simulate"
)

// smallCS returns a 200-cell Connor-Stevens network's parameters, its
// drawn connectivity and kick-start events drawn once from NetStimFD.
func smallCS() (tutorial.CSParams, []tutorial.CSConn, []tutorial.CSInput) {
	p := tutorial.DefaultCSParams()
	p.NCells, p.NExc = 200, 160
	conns := tutorial.DrawCSConnectivity(p)
	var inputs []tutorial.CSInput
	for c := 0; c < p.NCells; c++ {
		for _, t := range p.Kick.Times(100, rng.New(5, int64(c), "test", 0)) {
			inputs = append(inputs, tutorial.CSInput{Cell: c, TMs: t})
		}
	}
	return p, conns, inputs
}

// TestManagerMatchesModel builds the same network twice, as the tutorial
// does it with the network manager (register by gid, VecStim inputs,
// nc_append by synapse index) and as the description models/tutorial
// gives, and checks that both runs give the same spikes to the bit. The
// manager's gids are deliberately not the model's: the generators get
// gids 0-199 and the cells 1000-1199.
func TestManagerMatchesModel(t *testing.T) {
	p, conns, inputs := smallCS()
	net, err := tutorial.CSNetworkFrom(p, conns, inputs)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := simulate.RunNetwork(net, simulate.Options{TStopMs: 100, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}

	m := netman.New(nil)
	tmpl := tutorial.CSCell()
	const cell0 = 1000
	for i := 0; i < p.NCells; i++ {
		typ := "exc"
		if i >= p.NExc {
			typ = "inh"
		}
		if err := m.Register(cell0+i, tmpl, typ); err != nil {
			t.Fatal(err)
		}
	}
	trains := make([][]float64, p.NCells)
	for _, in := range inputs {
		trains[in.Cell] = append(trains[in.Cell], in.TMs)
	}
	for i, tr := range trains {
		if err := m.RegisterVecStim(i, tr, "ext"); err != nil {
			t.Fatal(err)
		}
		if err := m.Connect(i, cell0+i, 0, p.KickWeightUS, p.KickDelayMs, math.NaN()); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range conns {
		w := p.GExcUS
		if c.Syn == 1 {
			w = p.GInhUS
		}
		if err := m.Connect(cell0+c.Pre, cell0+c.Post, c.Syn, w, p.DelayMs, p.ThresholdMV); err != nil {
			t.Fatal(err)
		}
	}
	m.WantAllSpikes()
	res, err := m.Run(100, simulate.Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := ref.Trials[0].Spikes
	got := res.Trials[0]
	if len(got) != len(want) {
		t.Fatalf("%d spikes, the model %d", len(got), len(want))
	}
	nCells := 0
	for i, s := range want {
		g := got[i]
		var wantGID int
		if int(s.GID) < p.NCells {
			wantGID = cell0 + int(s.GID)
			nCells++
		} else {
			wantGID = int(s.GID) - p.NCells
		}
		if g.TimeMs != s.TimeMs || int(g.GID) != wantGID {
			t.Fatalf("spike %d: %g ms gid %d (%s), the model %g ms gid %d", i, g.TimeMs, g.GID, res.Type(g.GID), s.TimeMs, wantGID)
		}
	}
	if nCells < 200 {
		t.Errorf("only %d cell spikes", nCells)
	}
	var buf bytes.Buffer
	if err := res.WriteSpikes(&buf, 0); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "time_ms,gid" || len(lines) != len(got)+1 {
		t.Errorf("spike file: header %q, %d lines for %d spikes", lines[0], len(lines), len(got))
	}
}

func ringCell() *cell.Cell {
	c := tutorial.WBCellPaper()
	c.Points = append(c.Points, cell.Place{Name: "fast", Mech: "ExpSyn", Section: "soma", X: 0.5, Params: map[string]float64{"tau": 1}})
	return c
}

// TestManagerNetworkJSON checks that the manager's network is plain data:
// it round-trips through JSON and the copy runs to the same spikes.
func TestManagerNetworkJSON(t *testing.T) {
	m := netman.New(nil)
	c := ringCell()
	for g := 0; g < 4; g++ {
		if err := m.Register(10+g, c, "wb"); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.RegisterNetStim(3, drive.NetStimParams{IntervalMs: 5, Noise: 0.5, StartMs: 2, Number: 20}, 11, "stim"); err != nil {
		t.Fatal(err)
	}
	for g := 0; g < 4; g++ {
		if err := m.Connect(3, 10+g, 2, 2e-3, 1, math.NaN()); err != nil {
			t.Fatal(err)
		}
		if err := m.Connect(10+g, 10+(g+1)%4, 0, 1e-3, 2, -20); err != nil {
			t.Fatal(err)
		}
	}
	pl, err := m.Network()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(pl.Net)
	if err != nil {
		t.Fatal(err)
	}
	var back model.Network
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pl.Net, &back) {
		t.Fatalf("round trip changed the network:\n%s", b)
	}
	a, err := simulate.RunNetwork(pl.Net, simulate.Options{TStopMs: 60, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	bb, err := simulate.RunNetwork(&back, simulate.Options{TStopMs: 60, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Trials[0].Spikes, bb.Trials[0].Spikes) || len(a.Trials[0].Spikes) < 20 {
		t.Errorf("runs differ or are empty: %d and %d spikes", len(a.Trials[0].Spikes), len(bb.Trials[0].Spikes))
	}
	if thr := pl.Net.Populations[0].ThresholdMV; thr == nil || *thr != -20 {
		t.Errorf("population threshold %v, want -20 (set by Connect)", thr)
	}
}

// TestManagerThreshold checks NEURON's per-source threshold: the last
// Connect from a gid sets its detector's threshold; a threshold above the
// spike peak silences the cell's output, not the cell.
func TestManagerThreshold(t *testing.T) {
	run := func(thr float64) (src, dst int) {
		m := netman.New(nil)
		c := ringCell()
		for g := 0; g < 2; g++ {
			if err := m.Register(g, c, "wb"); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.RegisterNetStim(2, drive.NetStimParams{IntervalMs: 10, StartMs: 5, Number: 3}, 1, "stim"); err != nil {
			t.Fatal(err)
		}
		if err := m.Connect(2, 0, 0, 0.01, 1, 0); err != nil {
			t.Fatal(err)
		}
		if err := m.Connect(0, 1, 0, 0.01, 1, 0); err != nil {
			t.Fatal(err)
		}
		if err := m.Connect(0, 1, 0, 0.01, 1, thr); err != nil { // replaces the NetCon, sets the threshold
			t.Fatal(err)
		}
		if m.NetCons() != 2 {
			t.Fatalf("%d NetCons, want 2 (a repeated pre, post, synapse replaces)", m.NetCons())
		}
		res, err := m.Run(50, simulate.Options{Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Trials[0] {
			switch s.GID {
			case 0:
				src++
			case 1:
				dst++
			}
		}
		return src, dst
	}
	s0, d0 := run(0)
	s1, d1 := run(100)
	if s0 < 3 || d0 < 1 {
		t.Errorf("threshold 0: %d and %d spikes, want >= 3 and >= 1", s0, d0)
	}
	if s1 != 0 || d1 != 0 {
		t.Errorf("threshold 100 mV: %d and %d spikes, want 0 and 0 (cell 0 fires but no spike crosses 100 mV)", s1, d1)
	}
}

// TestManagerErrors checks the manager's errors, each naming the gids
// and what is wrong.
func TestManagerErrors(t *testing.T) {
	setup := func() *netman.Manager {
		m := netman.New(nil)
		if err := m.Register(0, tutorial.CSCell(), "exc"); err != nil {
			t.Fatal(err)
		}
		return m
	}
	badSection := tutorial.CSCell()
	badSection.Points[0].Section = "dend"
	badDetector := tutorial.CSCell()
	badDetector.Detector.Section = "axon"
	for _, tc := range []struct {
		name string
		do   func(m *netman.Manager) error
		want string
	}{
		{"gid twice", func(m *netman.Manager) error { return m.Register(0, tutorial.CSCell(), "exc") }, "gid 0 is already a cell"},
		{"synapse on a missing section", func(m *netman.Manager) error { return m.Register(1, badSection, "exc") },
			`gid 1: cell "ConnorStevens": point_processes[0] (Exp2Syn): section "dend" does not exist`},
		{"detector on a missing section", func(m *netman.Manager) error { return m.Register(1, badDetector, "exc") },
			`detector: section "axon" does not exist`},
		{"NetCon to a missing gid", func(m *netman.Manager) error { return m.Connect(0, 7, 0, 1e-3, 1, 0) },
			"connect 0 -> 7: target gid 7 is not registered"},
		{"synapse index", func(m *netman.Manager) error { return m.Connect(0, 0, 2, 1e-3, 1, 0) },
			`synapse index 2, cell "ConnorStevens" has 2 synapses [exc inh]`},
		{"NetCon from a missing gid", func(m *netman.Manager) error {
			if err := m.Connect(5, 0, 0, 1e-3, 1, 0); err != nil {
				return err
			}
			_, err := m.Network()
			return err
		}, "NetCon 5 -> 0 (synapse 0): source gid 5 is not registered"},
		{"zero delay", func(m *netman.Manager) error { return m.Connect(0, 0, 0, 1e-3, 0, 0) }, "delay 0 ms"},
		{"netstim", func(m *netman.Manager) error {
			return m.RegisterNetStim(3, drive.NetStimParams{IntervalMs: 1, Noise: 2, Number: 1}, 0, "s")
		}, "netstim.noise = 2"},
		{"target is a generator", func(m *netman.Manager) error {
			if err := m.RegisterVecStim(3, []float64{1}, "v"); err != nil {
				return err
			}
			return m.Connect(0, 3, 0, 1e-3, 1, 0)
		}, "target gid 3 is a generator"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do(setup())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	m := setup()
	if err := m.Connect(0, 0, 1, 1e-3, 1, 0); err != nil {
		t.Fatal(err)
	}
	m.Reset()
	if m.NetCons() != 0 {
		t.Errorf("%d NetCons after Reset", m.NetCons())
	}
}
