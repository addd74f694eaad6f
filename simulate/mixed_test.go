package simulate_test

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// smallThalamic is erp-thalamic on a 3×3 column: the thalamus, its
// volley and its projections, the distal drive.
func smallThalamic() *model.Network {
	big := hnn.ERPThalamic()
	net := hnn.Jones2009(3, 3)
	net.Name = "thalamic-3x3"
	net.Drives = big.Drives[:1] // evdist1
	net.Point = big.Point
	for _, c := range big.Connections {
		if c.Src == hnn.ThalamusName {
			net.Connections = append(net.Connections, c)
		}
	}
	return net
}

func runSpec(t *testing.T, r *spec.Run, env simulate.Env) *results.Result {
	t.Helper()
	res, err := simulate.Run(context.Background(), r, env)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestPointToCableIsADrive checks the point-to-cable path against the
// drive path it must equal: the mixed network's cable cells receive the
// thalamic spikes exactly as they receive a spike-train drive replaying
// the same times from the same gids through the same connections. Every
// cable spike and the dipole must be bit-identical.
func TestPointToCableIsADrive(t *testing.T) {
	mixed := smallThalamic()
	const tstop = 60
	m := runSpec(t, &spec.Run{Network: mixed, TStopMs: tstop, DtMs: 0.025}, simulate.Env{Threads: 1})
	th, _ := m.Ranges.Named(hnn.ThalamusName)
	trains := make([][]float64, th.N)
	var want []record.Spike
	for _, sp := range m.Trials[0].Spikes {
		switch r, _, _ := m.Ranges.Locate(sp.GID); r.Kind {
		case record.KindPoint:
			trains[sp.GID-th.First] = append(trains[sp.GID-th.First], sp.TimeMs)
			want = append(want, sp)
		case record.KindCell, record.KindDrive:
			want = append(want, sp)
		}
	}
	if n := len(want) - len(m.Trials[0].Spikes); n == 0 {
		t.Log("no Poisson spikes?")
	}
	if len(trains[0])+len(trains[1]) == 0 {
		t.Fatal("the thalamus did not fire")
	}
	cable := smallThalamic()
	cable.Point = nil
	cable.Drives = append(cable.Drives, drive.NewSpikeTrains(hnn.ThalamusName, trains))
	c := runSpec(t, &spec.Run{Network: cable, TStopMs: tstop, DtMs: 0.025}, simulate.Env{Threads: 1})
	if !reflect.DeepEqual(c.Trials[0].Spikes, want) {
		t.Errorf("the cable cells' spikes differ from the drive's network (%d vs %d spikes)", len(want), len(c.Trials[0].Spikes))
	}
	if !reflect.DeepEqual(c.Trials[0].RawDipole, m.Trials[0].RawDipole) {
		t.Error("the dipole differs from the drive's network")
	}
	cells := 0
	for _, sp := range want {
		if r, _, _ := m.Ranges.Locate(sp.GID); r.Kind == record.KindCell {
			cells++
		}
	}
	if cells == 0 {
		t.Error("no cable cell fired: the test shows nothing")
	}
}

// TestCableToPoint checks the cable-to-point path: one L5 pyramidal cell
// driven to spike projects onto a point neuron's excitatory conductance
// with delay 2 ms and weight 1 nS. Every cable spike at t must add 1 nS
// to ge at step ceil(t/dt) + 2/dt exactly, as a point spike does: ge,
// sampled after each step, jumps by the weight there and decays by
// exp(-dt/τe) everywhere else.
func TestCableToPoint(t *testing.T) {
	net := hnn.Jones2009(1, 1)
	net.Name = "cable-to-point"
	net.Biases = []model.Bias{{Name: "kick", CellType: hnn.L5Pyramidal, Section: "soma", X: 0.5, AmplitudeNA: 1.5, T0Ms: 5}}
	p := point.DefaultAdEx()
	p.VThmV, p.VPeakmV = 1e3, 1e3 // never fires
	net.Point = &pointnet.Network{Name: "reader", Seed: 1,
		Populations: []pointnet.Population{pointnet.NewAdEx("reader", 1, p)},
		Connections: []pointnet.Connection{{Pre: hnn.L5Pyramidal, Post: "reader", Receptor: "ge", P: 1, Weight: pointnet.NS(1), DelayMs: 2}},
		Monitors:    []pointnet.Monitor{{Population: "reader", Variables: []string{"ge"}}},
	}
	const dt, tstop = 0.025, 60.0
	res := runSpec(t, &spec.Run{Network: net, TStopMs: tstop, DtMs: dt}, simulate.Env{Threads: 1})
	l5, _ := res.Ranges.Named(hnn.L5Pyramidal)
	jumps := map[int]int{}
	for _, sp := range res.Trials[0].Spikes {
		if l5.Contains(sp.GID) {
			k := int(sp.TimeMs/dt+0.5) + 80 // the spike's step, plus the delay (2 ms)
			jumps[k]++
		}
	}
	if len(jumps) < 2 {
		t.Fatalf("the L5 cell fired %d times; the test needs a train", len(jumps))
	}
	ge, ok := record.FindSeries(res.Trials[0].Series, "reader", "ge")
	if !ok {
		t.Fatal("no ge trace")
	}
	// the lamina scheme's exact propagator over one step, τe 6 ms
	decay := math.Exp(-dt / p.TauEMs)
	arrived := 0
	for i := 1; i < len(ge.TimeMs); i++ {
		prev, cur := ge.Data[0][i-1], ge.Data[0][i]
		// sample i is the state after step i-1; input arriving at step k
		// is added at its start and decays through it
		in := float64(jumps[i-1])
		want := (prev + in) * decay
		if d := cur - want; d > 1e-12*max(1, want) || d < -1e-12*max(1, want) {
			t.Fatalf("step %d: ge %.15g, want %.15g (%g spikes arriving)", i-1, cur, want, in)
		}
		arrived += int(in)
	}
	if arrived != len(jumps) {
		t.Errorf("%d of %d inputs arrived within the run", arrived, len(jumps))
	}
}

// TestMixedThreadsRanks runs erp-thalamic (60 ms, past the thalamic
// volley and the first cortical response) on 1 and 2 threads and on 2
// in-process ranks with 1 and 2 threads: spikes, dipole and the point
// monitors' series must be bit-identical.
func TestMixedThreadsRanks(t *testing.T) {
	if testing.Short() {
		t.Skip("four runs of the 10×10 column")
	}
	net := hnn.ERPThalamic()
	run := func(threads, ranks int) *results.Result {
		return runRanks(t, &spec.Run{Network: net, TStopMs: 60, DtMs: 0.025}, threads, ranks)
	}
	ref := run(1, 1)
	kinds := map[record.Kind]int{}
	for _, sp := range ref.Trials[0].Spikes {
		r, _, _ := ref.Ranges.Locate(sp.GID)
		kinds[r.Kind]++
	}
	if kinds[record.KindCell] == 0 || kinds[record.KindPoint] == 0 {
		t.Fatalf("spikes by kind %v: both kinds must fire", kinds)
	}
	for _, c := range []struct{ threads, ranks int }{{2, 1}, {1, 2}, {2, 2}} {
		got := run(c.threads, c.ranks)
		if !reflect.DeepEqual(got.Trials[0].Spikes, ref.Trials[0].Spikes) {
			t.Errorf("%d threads, %d ranks: spikes differ", c.threads, c.ranks)
		}
		if !reflect.DeepEqual(got.Trials[0].RawDipole, ref.Trials[0].RawDipole) {
			t.Errorf("%d threads, %d ranks: dipole differs", c.threads, c.ranks)
		}
	}
}

// TestMixedPointStep runs the small thalamic network with the point
// neurons on a step twice the cable cells' (point_dt_ms 0.05): the run is
// valid, the epoch holds whole point steps (1 and 2 threads give the same
// spikes), and every point spike lies on the point grid (AdEx spikes are
// timed within their step, so between grid points of 0.05 ms; Poisson
// events on them).
func TestMixedPointStep(t *testing.T) {
	net := smallThalamic()
	r := &spec.Run{Network: net, TStopMs: 40, DtMs: 0.025, PointDtMs: 0.05}
	a := runSpec(t, r, simulate.Env{Threads: 1})
	b := runSpec(t, r, simulate.Env{Threads: 2})
	if !reflect.DeepEqual(a.Trials[0].Spikes, b.Trials[0].Spikes) {
		t.Error("1 and 2 threads differ with point_dt_ms 0.05")
	}
	poisson := 0
	for _, sp := range a.Trials[0].Spikes {
		if rg, _, _ := a.Ranges.Locate(sp.GID); rg.Kind == record.KindPoisson {
			poisson++
			if k := sp.TimeMs / 0.05; math.Abs(k-math.Round(k)) > 1e-9 {
				t.Fatalf("a Poisson event at %g ms, off the 0.05 ms grid", sp.TimeMs)
			}
			if sp.TimeMs < 15 || sp.TimeMs >= 25 {
				t.Fatalf("a Poisson event at %g ms, outside the volley's [15, 25) ms", sp.TimeMs)
			}
		}
	}
	if poisson == 0 {
		t.Fatal("no Poisson events")
	}
	bad := &spec.Run{Network: smallThalamic(), TStopMs: 40, DtMs: 0.025, PointDtMs: 0.04}
	if _, err := simulate.Run(context.Background(), bad, simulate.Env{Threads: 1}); err == nil || !strings.Contains(err.Error(), "point_dt_ms = 0.04: must be a whole multiple of dt_ms = 0.025") {
		t.Errorf("point_dt_ms 0.04: %v", err)
	}
}
