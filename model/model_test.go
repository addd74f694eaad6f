package model_test

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
)

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(n *model.Network)
		wants []string
	}{
		{"unknown source type", func(n *model.Network) { n.Connections[0].Src = "L4_stellate" }, []string{`src "L4_stellate" is not a population or drive`}},
		{"unknown target type", func(n *model.Network) { n.Connections[0].Target = "L6_pyramidal" }, []string{`target "L6_pyramidal" is not a population`}},
		{"drive as target", func(n *model.Network) { n.Connections[0].Target = "evprox1" }, []string{`target "evprox1" is not a population`}},
		{"unknown receptor", func(n *model.Network) { n.Connections[0].Receptor = "kainate" }, []string{`receptor "kainate"`, `no synapse "apical_oblique_kainate"`}},
		{"receptor missing at loc", func(n *model.Network) { n.Connections[4].Receptor = "nmda"; n.Connections[4].Loc = "soma" }, []string{`no synapse "soma_nmda"`}},
		{"unknown loc", func(n *model.Network) { n.Connections[0].Loc = "axon" }, []string{`loc "axon" is neither a section group`}},
		{"negative weight", func(n *model.Network) { n.Connections[2].WeightUS = -1 }, []string{"weight_uS = -1", ">= 0"}},
		{"negative delay", func(n *model.Network) { n.Connections[2].DelayMs = -0.5 }, []string{"delay_ms = -0.5"}},
		{"zero lamtha", func(n *model.Network) { n.Connections[2].Lamtha = 0 }, []string{"lamtha = 0"}},
		{"probability", func(n *model.Network) { n.Connections[2].Probability = 1.5 }, []string{"probability = 1.5", "(0, 1]"}},
		{"negative gain", func(n *model.Network) { n.Connections[2].Gain = -2 }, []string{"gain = -2"}},
		{"pairs out of range", func(n *model.Network) { n.Connections[2].Pairs = [][2]int{{0, 500}} }, []string{"pairs[0] = [0 500] out of range"}},
		{"sigma < 0", func(n *model.Network) { n.Drives[0].Evoked.SigmaMs = -1 }, []string{`drive "evdist1"`, "evoked.sigma_ms = -1"}},
		{"numspikes 0", func(n *model.Network) { n.Drives[0].Evoked.NumSpikes = 0 }, []string{"evoked.numspikes = 0"}},
		{"drive weight unknown type", func(n *model.Network) { n.Drives[1].WeightsAMPA["L6_pyramidal"] = 1 }, []string{`weights_ampa_uS: unknown cell type "L6_pyramidal"`}},
		{"drive negative weight", func(n *model.Network) { n.Drives[1].WeightsAMPA["L2_basket"] = -1 }, []string{"weights_ampa_uS[L2_basket] = -1"}},
		{"drive missing delay", func(n *model.Network) { delete(n.Drives[1].SynapticDelays, "L5_basket") }, []string{`synaptic_delays_ms has no delay for target "L5_basket"`}},
		{"drive negative delay", func(n *model.Network) { n.Drives[1].SynapticDelays["L5_basket"] = -1 }, []string{"synaptic_delays_ms[L5_basket] = -1"}},
		{"drive location", func(n *model.Network) { n.Drives[0].Location = "apical_tuft" }, []string{`drive "evdist1"`, `loc "apical_tuft" is neither`}},
		{"drive type", func(n *model.Network) { n.Drives[0].Type = "gaussian" }, []string{`type "gaussian" unknown`}},
		{"drive seed", func(n *model.Network) { n.Drives[0].EventSeed = -3 }, []string{"event_seed = -3"}},
		{"drive cells", func(n *model.Network) { n.Drives[0].CellSpecific = false }, []string{"n_drive_cells = 0"}},
		{"duplicate names", func(n *model.Network) { n.Drives[0].Name = "L2_basket" }, []string{`drive "L2_basket": name already used by a population`}},
		{"seeding", func(n *model.Network) { n.Seeding = "random" }, []string{`seeding = "random"`}},
		{"bias section", func(n *model.Network) {
			n.Biases = []model.Bias{{Name: "tonic", CellType: "L5_pyramidal", Section: "axon", X: 0.5, AmplitudeNA: 1}}
		}, []string{`has no section "axon"`}},
		{"bias times", func(n *model.Network) {
			n.Biases = []model.Bias{{Name: "tonic", CellType: "L5_pyramidal", Section: "soma", X: 0.5, AmplitudeNA: 1, T0Ms: 50, TStopMs: 20}}
		}, []string{"tstop_ms = 20, must be >= t0_ms"}},
		{"threshold", func(n *model.Network) { n.ThresholdMV = math.NaN() }, []string{"threshold_mV = NaN"}},
		// Issue 16: redundant fields checked against each other.
		{"mesh too large", func(n *model.Network) { n.MeshShape = [2]int{100000, 100000} }, []string{`network: mesh_shape = [100000, 100000] is a grid of 10000000000 cells, but population "L2_pyramidal" (dipole layer L2) has 100: they must agree (HNN-core's N_pyr_x × N_pyr_y pyramidal cells per layer)`}},
		{"mesh overflow", func(n *model.Network) { n.MeshShape = [2]int{math.MaxInt, 3} }, []string{"is a grid of 27670116110564327421 cells"}},
		{"mesh wrong shape", func(n *model.Network) { n.MeshShape = [2]int{5, 5} }, []string{"a grid of 25 cells", "has 100"}},
		{"mesh negative", func(n *model.Network) { n.MeshShape = [2]int{-10, -10} }, []string{"network: mesh_shape = [-10, -10]: must be [0, 0] (no pyramidal grid) or two counts >= 1"}},
		{"mesh half zero", func(n *model.Network) { n.MeshShape = [2]int{10, 0} }, []string{"mesh_shape = [10, 0]: must be"}},
	}
	cat := builtin.Catalogue()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := hnn.ERP()
			tc.edit(n)
			err := n.Validate(cat)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	if err := hnn.ERP().Validate(cat); err != nil {
		t.Fatalf("ERP rejected: %v", err)
	}
}

func TestNetworkJSONRoundTrip(t *testing.T) {
	net := hnn.ERP()
	net.Biases = []model.Bias{{Name: "tonic", CellType: "L5_pyramidal", Section: "soma", X: 0.5, AmplitudeNA: 0.1, T0Ms: 10}}
	b, err := json.Marshal(net)
	if err != nil {
		t.Fatal(err)
	}
	var back model.Network
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(net, &back) {
		t.Error("round trip changed the network")
	}
	// gain and probability default to 1 when a file omits them
	var c model.Connection
	if err := json.Unmarshal([]byte(`{"src":"a","target":"b"}`), &c); err != nil || c.Gain != 1 || c.Probability != 1 {
		t.Errorf("defaults: %+v %v", c, err)
	}
}

// TestProbabilityKeepsRoundedShare checks probabilistic pruning: round(N·p)
// pairs are kept (half to even, as numpy), the same ones for the same seed,
// in both seeding modes.
func TestProbabilityKeepsRoundedShare(t *testing.T) {
	for _, seeding := range []string{model.SeedingHNN, model.SeedingKeyed} {
		net := hnn.Jones2009(3, 3)
		net.Seeding = seeding
		c := net.Connections[0] // L2 pyr -> L2 pyr, 9·8 = 72 pairs without autapses
		c.Probability = 0.25
		c.ConnSeed = 7
		a, err := net.Pairs(&c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := net.Pairs(&c)
		if len(a) != 18 || !reflect.DeepEqual(a, b) {
			t.Errorf("%s: kept %d of 72 (want 18), repeatable %v", seeding, len(a), reflect.DeepEqual(a, b))
		}
		for i := 1; i < len(a); i++ {
			if a[i][0] < a[i-1][0] || (a[i][0] == a[i-1][0] && a[i][1] <= a[i-1][1]) {
				t.Fatalf("%s: pairs out of order: %v", seeding, a)
			}
		}
	}
}

func TestDriveEventsKeyedDiffersFromHNN(t *testing.T) {
	hn := hnn.ERP()
	kd := hnn.ERP()
	kd.Seeding = model.SeedingKeyed
	a, _ := hn.DriveEvents(0, 170)
	b, _ := kd.DriveEvents(0, 170)
	r, _ := hn.RangeOf("evprox1")
	if a[r.First][0] == b[r.First][0] {
		t.Error("keyed seeding reproduced HNN-core's numbers")
	}
	// keyed: two drives with neighbouring seeds do not share streams
	d := kd.Drives[1]
	d.EventSeed = 5
	kd.Drives[1] = d
	c, _ := kd.DriveEvents(0, 170)
	r2, _ := kd.RangeOf("evprox1")
	if c[r2.First][0] == c[r2.First+1][0] {
		t.Error("adjacent cells share an event time")
	}
	_ = drive.Evoked
}

func TestEditing(t *testing.T) {
	net := hnn.Jones2009(3, 3)
	n0 := len(net.Connections)
	idx := net.PickConnections(model.Pick{Src: []string{"L5_basket"}, Receptor: []string{"gabaa", "gabab"}})
	if len(idx) != 3 { // -> L5 pyr gabaa, gabab, -> L5 basket gabaa
		t.Errorf("picked %v", idx)
	}
	if got := net.PickConnections(model.Pick{Loc: []string{"distal"}, Target: []string{"L5_pyramidal"}}); len(got) != 2 {
		t.Errorf("distal onto L5 pyramidal: %v", got)
	}
	r, _ := net.RangeOf("L2_pyramidal")
	b, _ := net.RangeOf("L2_basket")
	if err := net.Connect([]model.GID{r.First, r.First + 1}, []model.GID{b.First}, "soma", "ampa", 1e-3, 1, 3, model.Connection{}); err != nil {
		t.Fatal(err)
	}
	c := net.Connections[n0]
	if len(c.Pairs) != 2 || c.Gain != 1 || c.Probability != 1 {
		t.Errorf("connection %+v", c)
	}
	if err := net.Connect([]model.GID{r.First, b.First}, []model.GID{b.First}, "soma", "ampa", 1e-3, 1, 3, model.Connection{}); err == nil {
		t.Error("mixed source populations accepted")
	}
	if err := net.ConnectTypes("L5_basket", "L5_pyramidal", "distal", "gabaa", 0.025, 1, 70, model.Connection{}); err != nil {
		t.Fatal(err)
	}
	if err := net.Validate(builtin.Catalogue()); err != nil {
		t.Fatal(err)
	}
	e := 2.0
	if err := net.SetGlobalGains(model.Gains{EE: &e}); err != nil {
		t.Fatal(err)
	}
	for _, c := range net.Connections {
		ee := (c.Src == "L2_pyramidal" || c.Src == "L5_pyramidal") && (c.Target == "L2_pyramidal" || c.Target == "L5_pyramidal")
		if (c.Gain == 2) != ee {
			t.Errorf("%s -> %s gain %g", c.Src, c.Target, c.Gain)
		}
	}
	neg := -1.0
	if err := net.SetGlobalGains(model.Gains{II: &neg}); err == nil {
		t.Error("negative gain accepted")
	}
	net.ClearConnectivity()
	net.ClearDrives()
	if len(net.Connections) != 0 || len(net.Drives) != 0 {
		t.Error("not cleared")
	}
}

// TestAddDriveDefaults checks that a drive built with HNN-core's defaults
// (drive.NewEvoked, nil delays) and AddDrive equals the ERP example's
// evdist1, which spells every value out.
func TestAddDriveDefaults(t *testing.T) {
	net := hnn.Jones2009(3, 3)
	d := drive.NewEvoked("evdist1", "distal", 63.53, 3.85, 1)
	d.WeightsAMPA = map[string]float64{"L2_basket": 0.006562, "L2_pyramidal": 0.000007, "L5_pyramidal": 0.142300}
	d.WeightsNMDA = map[string]float64{"L2_basket": 0.019482, "L2_pyramidal": 0.004317, "L5_pyramidal": 0.080074}
	d.EventSeed = 4
	if err := net.AddDrive(d); err != nil {
		t.Fatal(err)
	}
	if want := hnn.ERPDrives(4, true, 0)[0]; !reflect.DeepEqual(net.Drives[0], want) {
		t.Errorf("added %+v\nwant %+v", net.Drives[0], want)
	}
	for _, tc := range []struct {
		name string
		d    drive.Drive
		want string
	}{
		{"taken", d, `the name "evdist1" is taken`},
		{"population name", func() drive.Drive { e := d; e.Name = "L5_basket"; return e }(), `"L5_basket" is taken`},
		{"unknown type", func() drive.Drive {
			e := drive.NewPoisson("p", "proximal", 10, 0, 0)
			e.WeightsAMPA = map[string]float64{"L4_stellate": 1}
			return e
		}(), `unknown cell type "L4_stellate"`},
		{"no weights", drive.NewBursty("b", "distal", drive.BurstyParams{BurstRateHz: 10, NumSpikes: 2, SpikeISIMs: 10}, 1), "no target cell type has a weight"},
	} {
		if err := net.AddDrive(tc.d); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	if len(net.Drives) != 1 {
		t.Errorf("%d drives after failed additions", len(net.Drives))
	}
}

func TestSetPath(t *testing.T) {
	net := hnn.ERP()
	for _, c := range []struct {
		path  string
		value any
		check func(n *model.Network) bool
	}{
		{"drives.evprox1.weights_ampa_uS.L2_basket", 0.5, func(n *model.Network) bool { return n.Drives[1].WeightsAMPA["L2_basket"] == 0.5 }},
		{"drives.evdist1.evoked.mu_ms", 70.0, func(n *model.Network) bool { return n.Drives[0].Evoked.MuMs == 70 }},
		{"drives.evprox2.weights_nmda_uS.L5_pyramidal", 1e-3, func(n *model.Network) bool { return n.Drives[2].WeightsNMDA["L5_pyramidal"] == 1e-3 }},
		{"connections.0.weight_uS", 2e-3, func(n *model.Network) bool { return n.Connections[0].WeightUS == 2e-3 }},
		{"celsius", 36.0, func(n *model.Network) bool { return n.Celsius == 36 }},
	} {
		if err := net.Set(c.path, c.value); err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if !c.check(net) {
			t.Errorf("%s: not set", c.path)
		}
	}
	if err := net.Validate(builtin.Catalogue()); err != nil {
		t.Errorf("after setting: %v", err)
	}
	for _, c := range []struct {
		path  string
		value any
		want  string
	}{
		{"drives.evprox9.weights_ampa_uS.L2_basket", 1.0, `no element named "evprox9"`},
		{"drives.evprox1.nonsense", 1.0, `no field "nonsense"`},
		{"connections.999.weight_uS", 1.0, "index 999 out of range"},
		{"celsius.x", 1.0, "celsius is a value"},
		{"drives.evprox1.weights_gaba_uS.L2_basket", 1.0, `unknown field "weights_gaba_uS"`},
		{"drives.evprox1.evoked.mu_ms", "soon", "mu_ms"},
		{"", 1.0, "empty path"},
	} {
		if err := net.Set(c.path, c.value); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.path, err, c.want)
		}
	}
}
