package engine_test

import (
	"math"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/morph"
)

// passiveSoma is one passive compartment, 20 µm long along z, at rest at
// its leak reversal, with a 0.5 nA clamp from 2 to 8 ms.
func passiveSomaNet(arrays ...electrode.Array) *model.Network {
	c := &cell.Cell{
		Type: "ball",
		Morphology: morph.Morphology{Sections: []morph.Section{{Name: "soma", L: 20, Diam: 20, NSeg: 1, Ra: 100, Cm: 1, VInit: -65,
			Ends: &[2]morph.Point3D{{X: 0, Y: 0, Z: 0}, {X: 0, Y: 0, Z: 20}}}}},
		Mechanisms: []cell.Paint{{Mech: "pas", Params: map[string]cell.Profile{"g": cell.Value(1e-3), "e": cell.Value(-65)}}},
		Detector:   &cell.Detector{Section: "soma", X: 0.5, ThresholdMV: 0},
	}
	return &model.Network{Name: "ball", Celsius: 37, InplaneDistanceUm: 1, Seeding: model.SeedingKeyed,
		Populations: []model.Population{{Name: "ball", Cell: c, Positions: []model.Position{{0, 0, 0}}}},
		Biases:      []model.Bias{{Name: "clamp", CellType: "ball", Section: "soma", X: 0.5, AmplitudeNA: 0.5, T0Ms: 2, TStopMs: 8}},
		Electrodes:  arrays,
	}
}

// TestPotentialClosedForm checks the transmembrane current and the two
// approximations on a cell whose current is known: a single compartment
// carries out exactly the current injected into it (charge conservation:
// its membrane current, electrode current excluded, is the clamp's 0.5 nA
// while it is on, 0 at rest), so a contact at distance r from its centre
// sees 1000·i/(4πσr) µV (point source), and one at radial distance r in its
// middle plane sees 1000·i·ln((√(h²+r²)+h)/(√(h²+r²)−h))/(4πσ·2h) µV (line
// source of length 2h = 20 µm). Tolerance 1e-9 relative: the current is a
// sum of a few terms, each rounded once.
func TestPotentialClosedForm(t *testing.T) {
	psa := electrode.New("psa", [][3]float64{{100, 0, 10}, {0, 30, 50}})
	lsa := electrode.New("lsa", [][3]float64{{100, 0, 10}, {5, 0, 10}})
	lsa.Method = electrode.MethodLSA
	net := passiveSomaNet(psa, lsa)
	s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(10); err != nil {
		t.Fatal(err)
	}
	k := 1000 / (4 * math.Pi * 0.3)
	line := func(r float64) float64 {
		h := 10.0
		return k * math.Log((math.Hypot(h, r)+h)/(math.Hypot(h, r)-h)) / (2 * h)
	}
	want := [][]float64{{k / 100, k / math.Hypot(30, 40)}, {line(100), line(5)}}
	times := s.Times()
	pots := s.Potentials()
	for a, p := range pots {
		for c, data := range p.DataUV {
			for n, v := range data {
				// the clamp is on for the steps whose midpoints lie in
				// [2, 8) ms; sample n follows step n-1
				on := n > 0 && times[n-1]+0.0125 >= 2 && times[n-1]+0.0125 < 8
				w := 0.0
				if on {
					w = 0.5 * want[a][c]
				}
				if math.Abs(v-w) > 1e-9*math.Abs(want[a][c]) {
					t.Fatalf("%s contact %d, sample %d (%g ms): %.12g µV, want %.12g", p.Array, c, n, times[n], v, w)
				}
			}
		}
	}
}

// TestChargeConservation records, in a network of HNN-core cells driven
// to spike and clamped, an electrode so far from every segment that the
// minimum distance makes all transfer resistances equal (K): the potential
// is then K times the sum of all transmembrane currents, which must equal
// the clamps' injected current at every step (the axial currents cancel),
// to rounding: 1e-9 nA against currents of up to tens of nA.
func TestChargeConservation(t *testing.T) {
	net := hnn.Jones2009(2, 2)
	net.Drives = hnn.ERPDrives(4, true, 0)
	net.Biases = []model.Bias{{Name: "tonic", CellType: hnn.L5Pyramidal, Section: "soma", X: 0.5, AmplitudeNA: 2, T0Ms: 5, TStopMs: 25}}
	far := electrode.New("far", [][3]float64{{0, 0, 0}})
	far.MinDistanceUm = 1e6
	net.Electrodes = []electrode.Array{far}
	s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(40); err != nil {
		t.Fatal(err)
	}
	kOhm := 1000 / (4 * math.Pi * 0.3 * 1e6)
	times := s.Times()
	nL5 := len(net.Populations[3].Positions)
	spikes := len(s.Spikes())
	for n, v := range s.Potentials()[0].DataUV[0] {
		got := v / kOhm // nA
		want := 0.0
		if n > 0 {
			if tm := times[n-1] + 0.0125; tm >= 5 && tm < 25 {
				want = 2 * float64(nL5)
			}
		}
		if math.Abs(got-want) > 1e-9 {
			t.Fatalf("sample %d (%g ms): the transmembrane currents sum to %.12g nA, the clamps inject %g", n, times[n], got, want)
		}
	}
	if spikes == 0 {
		t.Error("no spikes: the test exercises no active currents")
	}
}
