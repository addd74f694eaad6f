package electrode_test

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/models/hnn"
)

// refDir holds HNN-core's LFP references (../shared/reference/hnn-lfp,
// made with HNN-core on NEURON 8.2.2; see its README).
const refDir = "../../shared/reference/hnn-lfp/"

func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("reference not available: %v", err)
	}
	defer f.Close()
	var r *csv.Reader
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = csv.NewReader(zr)
	} else {
		r = csv.NewReader(f)
	}
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[0], rows[1:]
}

// TestTransferResistancesAsHNNCore computes the transfer resistances of
// the LFP example (the 10×10 column at 30 µm, shank1's 25 contacts) from
// Lamina's description of the network, every segment of every cell, and
// compares them with the matrix HNN-core built in NEURON
// (rtransfer_seed_psa.csv, rtransfer_seed_lsa.csv: 8770 segments × 25
// contacts). Tolerance 1e-6 relative to the matrix's largest entry: both
// sides compute from the same float32-rounded 3-D points (NEURON keeps
// pt3d in single precision; electrode.NEURONPoints rounds alike), so what
// remains is the rounding of the stretch to L and of the sums, far below.
func TestTransferResistancesAsHNNCore(t *testing.T) {
	net := hnn.LFP()
	arr := net.Electrodes[0]
	// every segment of every cell, keyed as HNN-core's matrix columns
	// (segments_seed.csv: gid, section, segment x; NEURON's h.allsec()
	// orders a cell's sections its own way)
	var secs []electrode.Section
	var keys []string
	gid := 0
	for _, p := range net.Populations {
		for _, pos := range p.Positions {
			for _, s := range p.Cell.Sections {
				a := [3]float64{s.Ends[0].X, s.Ends[0].Y, s.Ends[0].Z}
				b := [3]float64{s.Ends[1].X, s.Ends[1].Y, s.Ends[1].Z}
				st, en := electrode.NEURONPoints([3]float64(pos), a, b, s.L)
				var xs []float64
				for k := range s.NSeg {
					xs = append(xs, s.SegmentX(k))
					keys = append(keys, fmt.Sprintf("%d/%s/%.12g", gid, s.Name, s.SegmentX(k)))
				}
				secs = append(secs, electrode.Section{Start: st, End: en, LUm: s.L, SegmentX: xs})
			}
			gid++
		}
	}
	_, segRows := readCSV(t, refDir+"segments_seed.csv")
	col := map[string]int{} // key -> HNN-core's column
	for _, r := range segRows {
		x, _ := strconv.ParseFloat(r[6], 64)
		c, _ := strconv.Atoi(r[0])
		col[fmt.Sprintf("%s/%s/%.12g", r[2], r[4], x)] = c
	}
	for _, method := range []string{electrode.MethodPSA, electrode.MethodLSA} {
		arr.Method = method
		_, rows := readCSV(t, refDir+"rtransfer_seed_"+method+".csv")
		got := make([][]float64, len(arr.PositionsUm))
		for e, pos := range arr.PositionsUm {
			for i := range secs {
				got[e] = arr.Row(got[e], &secs[i], pos)
			}
		}
		if len(got[0]) != len(rows) {
			t.Fatalf("%s: %d segments, HNN-core %d", method, len(got[0]), len(rows))
		}
		maxRef, maxErr := 0.0, 0.0
		for j, key := range keys {
			c, ok := col[key]
			if !ok {
				t.Fatalf("segment %s is not in HNN-core's network", key)
			}
			for e := range got {
				want, _ := strconv.ParseFloat(rows[c][1+e], 64)
				maxRef = math.Max(maxRef, math.Abs(want))
				maxErr = math.Max(maxErr, math.Abs(got[e][j]-want))
			}
		}
		t.Logf("%s: max |error| %.3g µV/nA of max %.4g", method, maxErr, maxRef)
		if maxErr > 1e-6*maxRef {
			t.Errorf("%s: transfer resistances differ from HNN-core's by %g (max entry %g)", method, maxErr, maxRef)
		}
	}
}

// TestPointSourceAnalytic checks the point source against its closed
// form: 1 nA at distance r in a medium of conductivity σ makes
// 1/(4πσr) V... in µV: 1000/(4π·σ·r) with r in µm (nA/(S/m·µm) = mV);
// below min_distance the distance is clamped.
func TestPointSourceAnalytic(t *testing.T) {
	a := electrode.New("a", nil)
	sec := electrode.Section{Start: [3]float64{0, 0, 0}, End: [3]float64{0, 0, 100}, LUm: 100, SegmentX: []float64{0.5}}
	for _, tc := range []struct {
		e    [3]float64
		want float64
	}{
		{[3]float64{30, 40, 50}, 1000 / (4 * math.Pi * 0.3 * 50)},
		{[3]float64{0, 0, 150}, 1000 / (4 * math.Pi * 0.3 * 100)},
		{[3]float64{0, 0, 50.1}, 1000 / (4 * math.Pi * 0.3 * 0.5)}, // clamped to 0.5 µm
	} {
		got := a.Row(nil, &sec, tc.e)[0]
		if math.Abs(got-tc.want) > 1e-12*tc.want {
			t.Errorf("contact %v: %g µV/nA, want %g", tc.e, got, tc.want)
		}
	}
}

// TestLineSourceAnalytic checks the line source against the potential of
// a uniform line current (Holt 1998): for a line of length 2h along z
// centred at the origin, at radial distance r in its middle plane,
// phi = ln((sqrt(h²+r²)+h)/(sqrt(h²+r²)-h))/(2h); far away it tends to
// the point source at the centre.
func TestLineSourceAnalytic(t *testing.T) {
	a := electrode.New("a", nil)
	a.Method = electrode.MethodLSA
	// one segment of length 100: its line runs from centre-50 to centre+50
	sec := electrode.Section{Start: [3]float64{0, 0, -50}, End: [3]float64{0, 0, 50}, LUm: 100, SegmentX: []float64{0.5}}
	k := 1000 / (4 * math.Pi * 0.3)
	for _, r := range []float64{1, 10, 50, 200} {
		h := 50.0
		want := k * math.Log((math.Hypot(h, r)+h)/(math.Hypot(h, r)-h)) / (2 * h)
		got := a.Row(nil, &sec, [3]float64{r, 0, 0})[0]
		if math.Abs(got-want) > 1e-12*want {
			t.Errorf("r = %g: %g µV/nA, want %g", r, got, want)
		}
	}
	far := a.Row(nil, &sec, [3]float64{1e5, 0, 0})[0]
	if pt := k / 1e5; math.Abs(far-pt) > 1e-6*pt {
		t.Errorf("far field %g, point source %g", far, pt)
	}
}

// TestValidate names the field for each kind of bad array.
func TestValidate(t *testing.T) {
	good := electrode.New("shank", [][3]float64{{0, 0, 0}, {0, 0, 100}})
	for _, tc := range []struct {
		name string
		edit func(a *electrode.Array)
		want string
	}{
		{"empty", func(a *electrode.Array) { a.PositionsUm = nil }, "positions_um is empty"},
		{"nan", func(a *electrode.Array) { a.PositionsUm[1][2] = math.NaN() }, "positions_um[1] = [0 0 NaN]: must be finite"},
		{"conductivity", func(a *electrode.Array) { a.ConductivitySPerM = -0.3 }, "conductivity_S_per_m = -0.3"},
		{"method", func(a *electrode.Array) { a.Method = "csd" }, `method = "csd": want "psa" or "lsa"`},
		{"min distance", func(a *electrode.Array) { a.MinDistanceUm = 0 }, "min_distance_um = 0"},
		{"name", func(a *electrode.Array) { a.Name = "" }, "name is empty"},
	} {
		a := good
		a.PositionsUm = append([][3]float64(nil), good.PositionsUm...)
		tc.edit(&a)
		if err := a.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	if err := good.Validate(); err != nil {
		t.Error(err)
	}
}
