package hnnnet_test

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/laminasim/lamina/record"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/format/hnnnet"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
)

// files are the network files in testdata (gzipped), with what the tests
// expect of them.
var files = []struct {
	name string
	// populations, cell connections, drives and biases Lamina reads
	pops, conns, drives, biases int
}{
	{"neymotin2020_3x3_drives.json", 4, 16, 5, 4},
	{"neymotin2020_base.json", 4, 16, 3, 0},
	{"gamma_L5weak_L2weak_hierarchical.json", 4, 16, 1, 0},
	{"features_3x3.json", 4, 17, 3, 3},
}

var cache sync.Map // name -> []byte

// data returns the uncompressed bytes of testdata/<name>.gz.
func data(t testing.TB, name string) []byte {
	t.Helper()
	if b, ok := cache.Load(name); ok {
		return b.([]byte)
	}
	f, err := os.Open(filepath.Join("testdata", name+".gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	cache.Store(name, b)
	return b
}

func read(t testing.TB, name string) *model.Network {
	t.Helper()
	net, err := hnnnet.Read(bytes.NewReader(data(t, name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return net
}

// reference is testdata/reference.json (make_reference.py): what HNN-core
// builds from each file.
type reference struct {
	Files map[string]struct {
		GIDRanges map[string][2]int     `json:"gid_ranges"`
		Positions map[string][4]float64 `json:"positions"`
		Origin    [3]float64            `json:"origin"`
		// cell type -> section -> L, nseg, diam, first and last 3-D point
		Cells       map[string]map[string][9]float64 `json:"cells"`
		Connections []refConn                        `json:"connections"`
	} `json:"files"`
}

type refConn struct {
	Src, Target, Loc, Receptor string
	N                          int            `json:"n"`
	Synapses                   map[string]int `json:"synapses"`
	PairsSHA256                string         `json:"pairs_sha256"`
	WeightSum                  float64        `json:"weight_sum"`
	DelaySum                   float64        `json:"delay_sum"`
	WeightCheck                float64        `json:"weight_check"`
	DelayCheck                 float64        `json:"delay_check"`
}

func (c refConn) key() string { return c.Src + " -> " + c.Target + " " + c.Loc + "/" + c.Receptor }

// pairHash mirrors make_reference.py's pair_hash.
func pairHash(src, tgt model.GID) float64 {
	return 1 + float64((int64(src)*2654435761+int64(tgt)*40503)%1009)/1009
}

// digest computes, for every connection of net (AllConnections order), the
// same digest make_reference.py computes from HNN-core's NetCons.
func digest(t *testing.T, net *model.Network) []refConn {
	t.Helper()
	all := net.AllConnections()
	out := make([]refConn, len(all))
	for i, c := range all {
		out[i] = refConn{Src: c.Src, Target: c.Target, Loc: c.Loc, Receptor: c.Receptor, Synapses: map[string]int{}}
		pairs, err := net.Pairs(&c)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		for _, p := range pairs {
			fmt.Fprintf(h, "%d,%d\n", p[0], p[1])
		}
		out[i].PairsSHA256 = hex.EncodeToString(h.Sum(nil))
	}
	edges, err := net.Edges()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edges {
		d := &out[e.Conn]
		d.N++
		d.Synapses[e.Synapse]++
		d.WeightSum += e.WeightUS
		d.DelaySum += e.DelayMs
		d.WeightCheck += e.WeightUS * pairHash(e.Src, e.Target)
		d.DelayCheck += e.DelayMs * pairHash(e.Src, e.Target)
	}
	return out
}

// TestReadMatchesHNNCore reads each file, validates it, and compares its gid
// ranges, positions and every NetCon (count, synapses, gid pairs, weights
// and delays after distance scaling) with what HNN-core builds from it.
func TestReadMatchesHNNCore(t *testing.T) {
	var ref reference
	b, err := os.ReadFile(filepath.Join("testdata", "reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	cat := builtin.Catalogue()
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			net := read(t, f.name)
			if err := net.Validate(cat); err != nil {
				t.Fatal(err)
			}
			if len(net.Populations) != f.pops || len(net.Connections) != f.conns || len(net.Drives) != f.drives || len(net.Biases) != f.biases {
				t.Errorf("%d populations, %d connections, %d drives, %d biases; want %d, %d, %d, %d",
					len(net.Populations), len(net.Connections), len(net.Drives), len(net.Biases), f.pops, f.conns, f.drives, f.biases)
			}
			want := ref.Files[f.name]
			ranges := net.Ranges()
			if len(ranges) != len(want.GIDRanges) {
				t.Errorf("%d gid ranges, HNN-core has %d", len(ranges), len(want.GIDRanges))
			}
			for _, r := range ranges {
				if w := want.GIDRanges[r.Name]; w != [2]int{int(r.First), int(r.First) + r.N} {
					t.Errorf("gid range %s = [%d, %d), HNN-core [%d, %d)", r.Name, r.First, int(r.First)+r.N, w[0], w[1])
				}
				var got [4]float64
				got[0] = float64(r.N)
				for k := 0; k < r.N; k++ {
					p, _ := net.Position(r.First + model.GID(k))
					for i := range 3 {
						got[i+1] += p[i]
					}
				}
				// sums in the same order as Python's sum(): exact
				if w := want.Positions[r.Name]; got != w {
					t.Errorf("positions of %s: count and sums %v, HNN-core %v", r.Name, got, w)
				}
			}
			for _, p := range net.Populations {
				if len(p.Cell.Sections) != len(want.Cells[p.Name]) {
					t.Errorf("%s: %d sections, NEURON %d", p.Name, len(p.Cell.Sections), len(want.Cells[p.Name]))
				}
				for _, s := range p.Cell.Sections {
					w, ok := want.Cells[p.Name][s.Name]
					if !ok {
						t.Errorf("%s.%s: not in NEURON's cell", p.Name, s.Name)
						continue
					}
					e := s.Ends
					got := [9]float64{s.L, float64(s.NSeg), w[2], e[0].X, e[0].Y, e[0].Z, e[1].X, e[1].Y, e[1].Z}
					// L, nseg and the 3-D points exactly; NEURON's diam is
					// the float32 diameter up to its own rounding (models/hnn).
					if got != w || math.Abs(s.Diam-w[2]) > 1e-7*w[2] {
						t.Errorf("%s.%s: L, nseg, ends %v diam %.17g; NEURON %v", p.Name, s.Name, got, s.Diam, w)
					}
				}
			}
			if model.Position(want.Origin) != net.Origin {
				t.Errorf("origin %v, HNN-core %v", net.Origin, want.Origin)
			}
			got := digest(t, net)
			if len(got) != len(want.Connections) {
				t.Fatalf("%d connections with drives, HNN-core %d", len(got), len(want.Connections))
			}
			// HNN-core's connectivity lists drives' connections where they
			// were added; Lamina's AllConnections lists them after the
			// cells'. Match by source, target, loc and receptor, in order.
			byKey := map[string][]refConn{}
			for _, c := range want.Connections {
				byKey[c.key()] = append(byKey[c.key()], c)
			}
			for _, g := range got {
				ws := byKey[g.key()]
				if len(ws) == 0 {
					t.Errorf("%s: not in HNN-core's network", g.key())
					continue
				}
				w := ws[0]
				byKey[g.key()] = ws[1:]
				if g.N != w.N || !reflect.DeepEqual(g.Synapses, w.Synapses) || g.PairsSHA256 != w.PairsSHA256 {
					t.Errorf("%s: %d NetCons on %v, HNN-core %d on %v (pairs equal: %v)", g.key(), g.N, g.Synapses, w.N, w.Synapses, g.PairsSHA256 == w.PairsSHA256)
				}
				// Go's math.Exp and NumPy's exp may differ by an ulp per
				// NetCon; the sums run in the same order.
				for _, v := range [][3]any{
					{"weight sum", g.WeightSum, w.WeightSum}, {"delay sum", g.DelaySum, w.DelaySum},
					{"weight check", g.WeightCheck, w.WeightCheck}, {"delay check", g.DelayCheck, w.DelayCheck},
				} {
					a, b := v[1].(float64), v[2].(float64)
					if math.Abs(a-b) > 1e-12*math.Abs(b) {
						t.Errorf("%s: %s %.17g, HNN-core %.17g", g.key(), v[0], a, b)
					}
				}
			}
		})
	}
}

// TestRoundTrip checks that Read -> Write -> Read gives the same network and
// that writing it again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			first := read(t, f.name)
			var b1, b2 bytes.Buffer
			if err := hnnnet.Write(&b1, first); err != nil {
				t.Fatal(err)
			}
			second, err := hnnnet.Read(bytes.NewReader(b1.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first, second) {
				t.Error("read -> write -> read changed the network")
				diff(t, first, second)
			}
			if err := hnnnet.Write(&b2, second); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Error("writing the network read back gives other bytes")
			}
		})
	}
}

// diff reports where two networks differ, through their Lamina JSON.
func diff(t *testing.T, a, b *model.Network) {
	t.Helper()
	ja, _ := json.MarshalIndent(a, "", " ")
	jb, _ := json.MarshalIndent(b, "", " ")
	la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			t.Errorf("first difference at line %d:\n  %s\n  %s", i, la[i], lb[i])
			return
		}
	}
	if len(la) != len(lb) {
		t.Errorf("%d and %d lines of JSON", len(la), len(lb))
	}
}

// TestJones2009RoundTrip writes HNN-core's model as models/hnn builds it and
// reads it back. What differs is representation only:
//   - the network's name (the format has none);
//   - the root section's ParentX (models/hnn sets 1 on the soma, which has
//     no parent; the file has no such field, and it reads back 0);
//   - paints: models/hnn paints mechanisms on all sections or on groups of
//     them, with an exponential profile for the L5 anomalous rectifier; the
//     file holds values per section, so they read back as one paint per set
//     of sections with equal values, and the profile as per-segment values
//     (the same numbers: compared here through cell.Densities).
//
// Geometry, synapses, groups, positions, connections (all-to-all rules stay
// rules), drives and seeding read back equal, and so does every NetCon.
func TestJones2009RoundTrip(t *testing.T) {
	cat := builtin.Catalogue()
	for _, net := range []*model.Network{hnn.Jones2009(10, 10), hnn.ERP()} {
		t.Run(net.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := hnnnet.Write(&buf, net); err != nil {
				t.Fatal(err)
			}
			back, err := hnnnet.Read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if err := back.Validate(cat); err != nil {
				t.Fatal(err)
			}
			want, err := net.Edges()
			if err != nil {
				t.Fatal(err)
			}
			got, err := back.Edges()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("edges differ (%d read back, %d written)", len(got), len(want))
			}
			a, b := *net, *back
			a.Name = ""
			a.Populations = clonePops(net.Populations)
			b.Populations = clonePops(back.Populations)
			for i := range a.Populations {
				ca, cb := a.Populations[i].Cell, b.Populations[i].Cell
				if !reflect.DeepEqual(ca.Densities(cat), cb.Densities(cat)) {
					t.Errorf("%s: mechanisms differ", a.Populations[i].Name)
				}
				ca.Mechanisms, cb.Mechanisms = nil, nil
				rootParentX(ca)
			}
			if !reflect.DeepEqual(&a, &b) {
				t.Error("the network read back differs beyond its paints")
				diff(t, &a, &b)
			}
		})
	}
}

// rootParentX sets the root section's meaningless ParentX to 0, as it
// reads back, in a copy of the sections.
func rootParentX(c *cell.Cell) {
	c.Sections = append(c.Sections[:0:0], c.Sections...)
	c.Sections[c.Root()].ParentX = 0
}

func clonePops(ps []model.Population) []model.Population {
	out := append([]model.Population(nil), ps...)
	for i := range out {
		c := *out[i].Cell
		out[i].Cell = &c
	}
	return out
}

// TestCellsMatchModels checks that the cells of HNN-core's files are the
// cells models/hnn builds from HNN-core's defaults, apart from HNN-core's
// cell names, the root's ParentX and the paints' representation.
func TestCellsMatchModels(t *testing.T) {
	cat := builtin.Catalogue()
	net := read(t, "neymotin2020_3x3_drives.json")
	for _, p := range net.Populations {
		want, err := hnn.NewCell(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		rootParentX(want)
		got := *p.Cell
		byName := map[string]int{}
		for i, s := range got.Sections {
			byName[s.Name] = i
		}
		for _, ws := range want.Sections {
			gs := got.Sections[byName[ws.Name]]
			if !reflect.DeepEqual(gs, ws) {
				t.Errorf("%s.%s: read %+v %v, models/hnn %+v %v", p.Name, ws.Name, gs, *gs.Ends, ws, *ws.Ends)
			}
		}
		if !reflect.DeepEqual(got.Groups, want.Groups) || !reflect.DeepEqual(got.Detector, want.Detector) {
			t.Errorf("%s: groups or detector differ", p.Name)
		}
		gd, wd := got.Densities(cat), want.Densities(cat)
		for _, ws := range want.Sections {
			wi, _ := want.Index(ws.Name)
			gi := byName[ws.Name]
			if len(gd[gi]) != len(wd[wi]) {
				t.Errorf("%s.%s: %d mechanisms, models/hnn %d", p.Name, ws.Name, len(gd[gi]), len(wd[wi]))
				continue
			}
			for k := range wd[wi] {
				for name, wv := range wd[wi][k].Params {
					for seg, v := range gd[gi][k].Params[name] {
						// HNN-core's file holds 1e-6·exp(0.003·d) evaluated in
						// NumPy; models/hnn evaluates it in Go.
						if math.Abs(v-wv[seg]) > 1e-14*math.Abs(wv[seg]) {
							t.Errorf("%s.%s %s.%s[%d] = %g, models/hnn %g", p.Name, ws.Name, wd[wi][k].Mech.Name, name, seg, v, wv[seg])
						}
					}
				}
			}
		}
	}
}

// TestSimulate3x3 runs 20 ms of the 3 x 3 network with drives and compares
// its spikes with HNN-core's (testdata/spikes_3x3_20ms.csv, make_spikes.py).
func TestSimulate3x3(t *testing.T) {
	net := read(t, "neymotin2020_3x3_drives.json")
	s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(20); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Times()); n != 801 {
		t.Errorf("%d samples, want 801", n)
	}
	got := append([]record.Spike(nil), s.Spikes()...)
	sort.Slice(got, func(i, j int) bool {
		if got[i].GID != got[j].GID {
			return got[i].GID < got[j].GID
		}
		return got[i].TimeMs < got[j].TimeMs
	})
	b, err := os.ReadFile(filepath.Join("testdata", "spikes_3x3_20ms.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	if len(got) != len(lines) {
		t.Errorf("%d spikes, HNN-core %d", len(got), len(lines))
	}
	for i := 0; i < len(got) && i < len(lines); i++ {
		var g int
		var tm float64
		if _, err := fmt.Sscanf(lines[i], "%d,%g", &g, &tm); err != nil {
			t.Fatal(err)
		}
		// NEURON's spike times carry an offset of about 1e-10 ms.
		if int(got[i].GID) != g || math.Abs(got[i].TimeMs-tm) > 1e-6 {
			t.Errorf("spike %d: gid %d at %g ms, HNN-core gid %d at %g ms", i, got[i].GID, got[i].TimeMs, g, tm)
		}
	}
}

// TestWriteFile writes a file atomically and reads it back.
func TestWriteFile(t *testing.T) {
	net := read(t, "neymotin2020_3x3_drives.json")
	path := filepath.Join(t.TempDir(), "net.json")
	if err := hnnnet.WriteFile(path, net); err != nil {
		t.Fatal(err)
	}
	back, err := hnnnet.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(net, back) {
		t.Error("file round trip changed the network")
	}
	if _, err := hnnnet.ReadFile(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("no error for a missing file")
	}
}

// TestWriteErrors lists what HNN-core's format cannot hold.
func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(n *model.Network)
		wants []string
	}{
		{"no mesh", func(n *model.Network) { n.MeshShape = [2]int{} }, []string{"N_pyr_x"}},
		{"dipole axis", func(n *model.Network) { n.Populations[1].Dipole.Axis = "soma" }, []string{`"L2_pyramidal"`, "apical_trunk"}},
		{"dipole layer", func(n *model.Network) { n.Populations[1].Dipole.Layer = "upper" }, []string{`"upper"`}},
		{"parent_x", func(n *model.Network) { n.Populations[1].Cell.Sections[3].ParentX = 0.5 }, []string{`section "apical_tuft"`, "0 or 1 end"}},
		{"clamp", func(n *model.Network) {
			c := n.Populations[0].Cell
			c.Points = append(c.Points, cell.Place{Name: "stim", Mech: "IClamp", Section: "soma", X: 0.5})
		}, []string{`"stim"`, "IClamp"}},
		{"detector", func(n *model.Network) { n.Populations[0].Cell.Detector.X = 0.2 }, []string{"soma(0.5)"}},
		{"globals", func(n *model.Network) {
			n.Populations[0].Cell.Globals = map[string]map[string]float64{"hh2": {"usetable": 0}}
		}, []string{"globals"}},
		{"nseg", func(n *model.Network) { n.Populations[0].Cell.Sections[0].NSeg = 3 }, []string{"nseg = 3", "derives 1"}},
		{"drive source", func(n *model.Network) {
			n.Connections = append(n.Connections, model.Connection{Src: "evprox1", Target: hnn.L2Basket, Loc: "soma", Receptor: "ampa",
				WeightUS: 1, DelayMs: 1, Lamtha: 1, Gain: 1, Probability: 1})
		}, []string{"connections[16]", "is a drive"}},
		{"netcons", func(n *model.Network) {
			n.NetCons = append(n.NetCons, model.NetCon{Src: 0, Target: 1, Synapse: "x", WeightUS: 1, DelayMs: 1})
		}, []string{"NEURON-style", "1 explicit gid-to-gid NetCons", "Lamina model file"}},
		{"cell stims", func(n *model.Network) {
			n.Populations[0].Cell.Stims = []cell.Stim{{Name: "s"}}
		}, []string{"NEURON-style", "populations[L2_basket].cell.stims"}},
		{"named synapse", func(n *model.Network) { n.Connections[0].Synapse = "ampa_soma" }, []string{"NEURON-style", `connections[0].synapse = "ampa_soma"`}},
		{"bias twice", func(n *model.Network) {
			b := model.Bias{Name: "tonic", CellType: hnn.L2Basket, Section: "soma", X: 0.5, AmplitudeNA: 1}
			n.Biases = append(n.Biases, b, b)
		}, []string{"second bias"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net := hnn.ERP()
			// cells are shared templates: copy the ones the test edits
			net.Populations = clonePops(net.Populations)
			for i := range net.Populations {
				c := net.Populations[i].Cell
				c.Sections = append(c.Sections[:0:0], c.Sections...)
				d := *c.Detector
				c.Detector = &d
				if dp := net.Populations[i].Dipole; dp != nil {
					cp := *dp
					net.Populations[i].Dipole = &cp
				}
			}
			tc.edit(net)
			err := hnnnet.Write(io.Discard, net)
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
}

// TestDriveKinds writes and reads back every kind of drive and the
// connection features the example files leave out.
func TestDriveKinds(t *testing.T) {
	net := hnn.Jones2009(3, 3)
	prox := map[string]float64{hnn.L2Pyramidal: 0.1, hnn.L5Pyramidal: 1}
	net.Drives = []drive.Drive{
		{Name: "train", Type: drive.SpikeTrain, Location: "distal", NDriveCells: 2,
			SpikeTrain:  &drive.SpikeTrainParams{TimesMs: []float64{5, 7.5, 12}, Cells: []int{0, 1, 0}, NCells: 2},
			WeightsAMPA: map[string]float64{hnn.L2Pyramidal: 0.01}, SynapticDelays: map[string]float64{hnn.L2Pyramidal: 0.1},
			SpaceConstant: 3, ConnSeed: 2},
		{Name: "pois", Type: drive.Poisson, Location: "proximal", NDriveCells: 2,
			Poisson:     &drive.PoissonParams{TStartMs: 5, TStopMs: 80, RateHz: 15},
			WeightsAMPA: map[string]float64{hnn.L2Pyramidal: 0.002, hnn.L5Pyramidal: 0.003},
			WeightsNMDA: map[string]float64{hnn.L5Pyramidal: 0.001}, SynapticDelays: prox,
			Probability: map[string]float64{hnn.L5Pyramidal: 0.5}, SpaceConstant: 20, EventSeed: 8, ConnSeed: 6},
		{Name: "rhythm", Type: drive.Bursty, Location: "distal", NDriveCells: 1,
			Bursty:      &drive.BurstyParams{TStartMs: 10, TStartStdMs: 1, TStopMs: 90, BurstRateHz: 10, BurstStdMs: 2, NumSpikes: 2, SpikeISIMs: 10},
			WeightsAMPA: map[string]float64{hnn.L2Basket: 0.004}, SynapticDelays: map[string]float64{hnn.L2Basket: 0.3},
			SpaceConstant: 100, EventSeed: 1, ConnSeed: 3},
		{Name: "ev", Type: drive.Evoked, Location: "proximal", CellSpecific: true,
			Evoked:         &drive.EvokedParams{MuMs: 20, SigmaMs: 3, NumSpikes: 2},
			WeightsAMPA:    map[string]float64{hnn.L5Basket: 0.01, hnn.L5Pyramidal: 0.02},
			SynapticDelays: map[string]float64{hnn.L5Basket: 1, hnn.L5Pyramidal: 1},
			Probability:    map[string]float64{hnn.L5Basket: 0.7, hnn.L5Pyramidal: 0.7}, SpaceConstant: 3, EventSeed: 5, ConnSeed: 4},
	}
	net.Biases = []model.Bias{
		{Name: "tonic", CellType: hnn.L2Basket, Section: "soma", X: 0.5, AmplitudeNA: 0.1},
		{Name: "step", CellType: hnn.L5Pyramidal, Section: "apical_trunk", X: 0.3, AmplitudeNA: -0.2, T0Ms: 5, TStopMs: 30},
	}
	// explicit pairs with probability < 1 and a gain
	net.Connections = append(net.Connections, model.Connection{Src: hnn.L5Basket, Target: hnn.L5Pyramidal, Loc: "apical_tuft",
		Receptor: "gabaa", WeightUS: 0.01, DelayMs: 2, Lamtha: 10, Gain: 1.5, Probability: 0.6, ConnSeed: 12,
		Pairs: [][2]int{{0, 0}, {0, 1}, {1, 5}, {2, 8}, {0, 4}}})
	cat := builtin.Catalogue()
	if err := net.Validate(cat); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := hnnnet.Write(&buf, net); err != nil {
		t.Fatal(err)
	}
	back, err := hnnnet.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Drives, net.Drives) {
		t.Errorf("drives read back:\n%+v\nwritten:\n%+v", back.Drives, net.Drives)
	}
	if !reflect.DeepEqual(back.Biases, net.Biases) {
		t.Errorf("biases read back %+v, written %+v", back.Biases, net.Biases)
	}
	// The pruned connection reads back as its explicit surviving pairs,
	// probability 1; all NetCons stay the same.
	last := back.Connections[len(back.Connections)-1]
	pairs, _ := net.Pairs(&net.Connections[len(net.Connections)-1])
	if last.Probability != 1 || len(last.Pairs) != len(pairs) || last.Gain != 1.5 {
		t.Errorf("pruned connection read back as %+v (%d pairs written)", last, len(pairs))
	}
	// gid_pairs group the pairs by source: (0,4) moves before (1,5).
	want, _ := net.Edges()
	got, err := back.Edges()
	if err != nil || !reflect.DeepEqual(sortEdges(got), sortEdges(want)) {
		t.Errorf("edges differ (%v)", err)
	}
	we, _ := net.DriveEvents(0, 100)
	ge, _ := back.DriveEvents(0, 100)
	if !reflect.DeepEqual(ge, we) {
		t.Error("drive events differ")
	}
	var again bytes.Buffer
	if err := hnnnet.Write(&again, back); err != nil {
		t.Fatal(err)
	}
	if third, err := hnnnet.Read(&again); err != nil || !reflect.DeepEqual(third, back) {
		t.Errorf("second round trip changed the network (%v)", err)
	}
	// With keyed seeding the file holds the drive pairs HNN-core's seeding
	// gives, and reads back with that seeding.
	net.Seeding = model.SeedingKeyed
	buf.Reset()
	if err := hnnnet.Write(&buf, net); err != nil {
		t.Fatal(err)
	}
	if back, err = hnnnet.Read(&buf); err != nil || back.Seeding != model.SeedingHNN {
		t.Errorf("keyed network read back: %v, seeding %q", err, back.Seeding)
	}
}

func sortEdges(es []model.Edge) []model.Edge {
	es = slices.Clone(es)
	slices.SortStableFunc(es, func(a, b model.Edge) int {
		return cmp.Or(cmp.Compare(a.Conn, b.Conn), cmp.Compare(a.Src, b.Src), cmp.Compare(a.Target, b.Target))
	})
	return es
}

// TestInplaneDistance checks that a network with another in-plane distance
// is written with its space constants scaled, so every NetCon keeps its
// weight and delay.
func TestInplaneDistance(t *testing.T) {
	net := hnn.ERP()
	net.InplaneDistanceUm = 2.5
	var buf bytes.Buffer
	if err := hnnnet.Write(&buf, net); err != nil {
		t.Fatal(err)
	}
	back, err := hnnnet.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := net.Edges()
	got, _ := back.Edges()
	if !reflect.DeepEqual(got, want) {
		t.Error("edges differ")
	}
	if back.InplaneDistanceUm != 1 || back.Connections[0].Lamtha != 2.5*net.Connections[0].Lamtha {
		t.Errorf("in-plane distance %g, lamtha %g", back.InplaneDistanceUm, back.Connections[0].Lamtha)
	}
}

func ExampleRead() {
	f, err := os.Open("testdata/neymotin2020_3x3_drives.json.gz")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	net, err := hnnnet.Read(z)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range net.Ranges() {
		fmt.Printf("%-12s gids %3d-%3d\n", r.Name, r.First, int(r.First)+r.N-1)
	}
	fmt.Println(len(net.Connections), "connections between cells; seeding", net.Seeding)
	// Output:
	// L2_basket    gids   0-  2
	// L2_pyramidal gids   3- 11
	// L5_basket    gids  12- 14
	// L5_pyramidal gids  15- 23
	// evdist1      gids  24- 44
	// evprox1      gids  45- 68
	// evprox2      gids  69- 92
	// alpha_prox   gids  93-102
	// poisson      gids 103-126
	// 16 connections between cells; seeding hnn
}

func ExampleWrite() {
	net := hnn.Jones2009(3, 3)
	net.Drives = hnn.ERPDrives(4, true, 0)
	var buf bytes.Buffer
	if err := hnnnet.Write(&buf, net); err != nil {
		fmt.Println(err)
		return
	}
	back, err := hnnnet.Read(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.NGIDs(), "gids,", len(back.Drives), "drives")
	// Output:
	// 93 gids, 3 drives
}
