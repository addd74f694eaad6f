package simulate_test

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/spec"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/simulate"
)

// small is a 3×3 column with the ERP drives, 40 ms: every cell type and
// drive spikes within a second of simulation.
func small() *model.Network {
	net := hnn.Jones2009(3, 3)
	net.Drives = hnn.ERPDrives(4, true, 0)
	return net
}

// TestTrialsIndependentOfWorkers checks that four trials give bit-identical
// dipoles, spikes and traces whether they run one at a time on one thread,
// or two at a time.
func TestTrialsIndependentOfWorkers(t *testing.T) {
	opt := simulate.Options{TStopMs: 40, Trials: 4, Threads: 1, Record: spec.Record{VSec: "soma", GIDs: []int{0, 20}}}
	a, err := simulate.RunNetwork(small(), opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Threads = 2
	b, err := simulate.RunNetwork(small(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if a.Workers != 1 || b.Workers != 2 {
		t.Errorf("workers %d, %d", a.Workers, b.Workers)
	}
	for i := range a.Trials {
		ta, tb := a.Trials[i], b.Trials[i]
		if !reflect.DeepEqual(ta.Spikes, tb.Spikes) || !reflect.DeepEqual(ta.Dipole, tb.Dipole) || !reflect.DeepEqual(ta.VSec, tb.VSec) {
			t.Errorf("trial %d differs between 1 and 2 workers", i)
		}
		if len(ta.Spikes) == 0 {
			t.Errorf("trial %d: no spikes", i)
		}
		if v := ta.V(20, "soma"); len(v) != len(ta.TimesMs) {
			t.Errorf("trial %d: v(20, soma) has %d samples", i, len(v))
		}
		if ta.V(1, "soma") != nil {
			t.Error("unrecorded gid has a trace")
		}
	}
	// trials differ from one another (their drive seeds do)
	if reflect.DeepEqual(a.Trials[0].Spikes, a.Trials[1].Spikes) {
		t.Error("trials 0 and 1 have the same spikes")
	}
	d := a.Trials[0].Dipole
	if d.Unit != "nAm" || strings.Join(d.Layers, ",") != "agg,L2,L5" || a.Trials[0].RawDipole.Unit != "fAm" {
		t.Errorf("dipole %s %v", d.Unit, d.Layers)
	}
	if n := len(a.Dipoles()); n != 4 {
		t.Errorf("%d dipoles", n)
	}
}

// TestRatesModeLeavesModelAlone checks that a fast-rates run neither
// changes the caller's network nor matches the table run bit for bit
// (it would if the mode were ignored).
func TestRatesModeLeavesModelAlone(t *testing.T) {
	net := small()
	before := small()
	fast, err := simulate.RunNetwork(net, simulate.Options{TStopMs: 20, Rates: simulate.RatesFast})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(net, before) {
		t.Error("Run changed the network")
	}
	table, err := simulate.RunNetwork(net, simulate.Options{TStopMs: 20})
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(fast.Trials[0].RawDipole, table.Trials[0].RawDipole) {
		t.Error("fast rates gave the table's dipole")
	}
}

func TestOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		opt  simulate.Options
		want string
	}{
		{simulate.Options{}, "tstop_ms = 0"},
		{simulate.Options{TStopMs: 10, Trials: -1}, "trials = -1"},
		{simulate.Options{TStopMs: 10, Threads: -2}, "threads = -2"},
		{simulate.Options{TStopMs: 10, Rates: "quick"}, `rates = "quick"`},
		{simulate.Options{TStopMs: 10, DtMs: 0.03}, "not a whole number of steps"},
		{simulate.Options{TStopMs: 10, Record: spec.Record{VSec: "dendrites"}}, `record.vsec = "dendrites"`},
		{simulate.Options{TStopMs: 10, Record: spec.Record{Ca: "soma", GIDs: []int{500}}}, "record.gids[0] = 500"},
	} {
		if _, err := simulate.RunNetwork(small(), tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.opt, err, tc.want)
		}
	}
	bad := small()
	bad.Drives[0].SynapticDelays = nil
	if _, err := simulate.RunNetwork(bad, simulate.Options{TStopMs: 10}); err == nil || !strings.Contains(err.Error(), "synaptic_delays_ms") {
		t.Errorf("invalid network: %v", err)
	}
}

func TestSpikeTableAndRates(t *testing.T) {
	net := small()
	res, err := simulate.RunNetwork(net, simulate.Options{TStopMs: 40, Trials: 2})
	if err != nil {
		t.Fatal(err)
	}
	st := res.SpikeTable()
	n := len(res.Trials[0].Spikes) + len(res.Trials[1].Spikes)
	if st.Len() != n || len(st.Types) != n || len(st.Trials) != n || st.Trials[n-1] != 1 {
		t.Fatalf("table of %d spikes for %d", st.Len(), n)
	}
	counts := st.Count()
	drives := st.Of("evprox1")
	if drives.Len() != counts["evprox1"] || drives.Len() == 0 {
		t.Errorf("evprox1: %d spikes, counted %d", drives.Len(), counts["evprox1"])
	}
	rates, err := res.MeanRates(0, 40, "all")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rates {
		nCells := 0
		for _, g := range res.Ranges.Neurons() {
			if g.Name == r.Name {
				nCells = g.N
			}
		}
		// mean over trials and cells of count / 40 ms
		want := float64(counts[r.Name]) / 2 / float64(nCells) / 0.040
		if d := r.All - want; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: %g Hz, want %g", r.Name, r.All, want)
		}
	}
	if len(rates) != 4 {
		t.Errorf("%d populations", len(rates))
	}
}

// TestRanksGatherRecordings runs two trials with every recording on 1, 2
// and 3 in-process ranks: every rank ends with the one-process result,
// traces included (each rank records its own cells; the columns are
// gathered in gid order). The gids are given out of order and twice.
func TestRanksGatherRecordings(t *testing.T) {
	rec := spec.Record{VSec: "all", ISec: "soma", Ca: "all", GIDs: []int{20, 0, 5, 20, 13}}
	opt := simulate.Options{TStopMs: 30, Trials: 2, Threads: 1, Record: rec}
	ref, err := simulate.RunNetwork(small(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if tr := ref.Trials[0]; tr.VSec == nil || tr.ISec == nil || tr.Ca == nil || tr.CaI(20, "apical_tuft") == nil {
		t.Fatal("recordings missing")
	}
	for _, ranks := range []int{2, 3} {
		comms, err := dist.NewGroup(ranks)
		if err != nil {
			t.Fatal(err)
		}
		results := make([]*results.Result, ranks)
		errs := make([]error, ranks)
		var wg sync.WaitGroup
		for r, c := range comms {
			wg.Go(func() {
				o := opt
				o.Comm = c
				results[r], errs[r] = simulate.RunNetwork(small(), o)
			})
		}
		wg.Wait()
		for r, res := range results {
			if errs[r] != nil {
				t.Fatalf("%d ranks, rank %d: %v", ranks, r, errs[r])
			}
			for i := range ref.Trials {
				a, b := ref.Trials[i], res.Trials[i]
				if !reflect.DeepEqual(a.Spikes, b.Spikes) || !reflect.DeepEqual(a.Dipole, b.Dipole) {
					t.Errorf("%d ranks, rank %d, trial %d: spikes or dipole differ", ranks, r, i)
				}
				for k, pair := range [][2]*record.Trace{{a.VSec, b.VSec}, {a.ISec, b.ISec}, {a.Ca, b.Ca}} {
					if !reflect.DeepEqual(pair[0], pair[1]) {
						t.Errorf("%d ranks, rank %d, trial %d: recording %d differs", ranks, r, i, k)
					}
				}
			}
		}
	}
}

// TestRecordEvery checks decimated recordings: sampling every 0.5 ms (20
// steps) keeps exactly the every-step trace's samples at 0, 0.5, 1, ...
// ms, and nothing else.
func TestRecordEvery(t *testing.T) {
	rec := spec.Record{VSec: "all", Ca: "soma", GIDs: []int{0, 20}}
	all, err := simulate.RunNetwork(small(), simulate.Options{TStopMs: 30, Threads: 1, Record: rec})
	if err != nil {
		t.Fatal(err)
	}
	rec.EveryMs = 0.5
	dec, err := simulate.RunNetwork(small(), simulate.Options{TStopMs: 30, Threads: 1, Record: rec})
	if err != nil {
		t.Fatal(err)
	}
	a, d := all.Trials[0].VSec, dec.Trials[0].VSec
	if len(d.TimeMs) != 61 || len(d.Columns) != len(a.Columns) || len(a.Columns) < 10 {
		t.Fatalf("%d samples, %d columns (every step: %d columns)", len(d.TimeMs), len(d.Columns), len(a.Columns))
	}
	for c := range d.Columns {
		for i, v := range d.Columns[c].Data {
			if v != a.Columns[c].Data[20*i] || d.TimeMs[i] != a.TimeMs[20*i] {
				t.Fatalf("%s sample %d: %v at %v ms, every step %v at %v", d.Columns[c].Name, i, v, d.TimeMs[i], a.Columns[c].Data[20*i], a.TimeMs[20*i])
			}
		}
	}
	if err := dec.Trials[0].Ca.Check(); err != nil {
		t.Error(err)
	}
	bad := &spec.Run{Network: small(), TStopMs: 30, Record: spec.Record{VSec: "soma", EveryMs: 0.03}}
	if d := bad.WithDefaults(); d.Validate(nil) == nil {
		t.Error("every_ms 0.03 accepted")
	} else if err := d.Validate(nil); err == nil || !strings.Contains(err.Error(), "record.every_ms = 0.03: must be a whole number of steps") {
		t.Errorf("every_ms 0.03: %v", err)
	}
}
