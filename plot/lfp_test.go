package plot

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/laminasim/lamina/lfp"
)

// readCSVGz reads a gzipped CSV of a header and rows into columns of
// strings.
func readCSVGz(t *testing.T, name string) (header []string, cols [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ",")
		if header == nil {
			header, cols = fields, make([][]string, len(fields))
			continue
		}
		for k, s := range fields {
			cols[k] = append(cols[k], s)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return header, cols
}

func floats(t *testing.T, ss []string) []float64 {
	t.Helper()
	x := make([]float64, len(ss))
	for i, s := range ss {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		x[i] = v
	}
	return x
}

// exampleLFP returns the data of HNN-core's extracellular-recording
// example as its figure shows it, from every 20th sample of the reference
// run (testdata/README.md): times at 2 kHz (the rate the example decimates
// to), the aggregate dipole and the potentials smoothed with the
// example's 10 ms Hamming window, their CSD, and the spikes.
func exampleLFP(t *testing.T) LFPData {
	t.Helper()
	_, lc := readCSVGz(t, "lfp_seed_psa_every20.csv.gz")
	times := floats(t, lc[0])
	var pot [][]float64
	for _, c := range lc[1:] {
		pot = append(pot, floats(t, c))
	}
	var positions [][3]float64
	for z := -325.0; z < 2150; z += 100 {
		positions = append(positions, [3]float64{135, 135, z})
	}
	depths, delta, err := lfp.LaminarZ(positions)
	if err != nil {
		t.Fatal(err)
	}
	pot, err = lfp.Smooth(pot, pot, times, 10)
	if err != nil {
		t.Fatal(err)
	}
	csd, err := lfp.CSD2D(nil, pot, delta)
	if err != nil {
		t.Fatal(err)
	}
	_, dc := readCSVGz(t, "dipole_seed_agg_every20.csv.gz")
	dpl, err := lfp.Smooth(nil, [][]float64{floats(t, dc[1])}, floats(t, dc[0]), 10)
	if err != nil {
		t.Fatal(err)
	}
	_, sc := readCSVGz(t, "spikes_seed.csv.gz")
	gids := make([]int, len(sc[1]))
	for i, s := range sc[1] {
		if gids[i], err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	return LFPData{
		TimesMs: times, Dipole: dpl[0], DipoleUnit: "nAm",
		DepthsUm: depths, PotentialsUV: pot, CSD: csd,
		SpikeTimesMs: floats(t, sc[0]), SpikeGIDs: gids, SpikeTypes: sc[2],
	}
}

// cellTypes are the types HNN-core's raster draws by default.
var cellTypes = []string{"L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"}

func TestLFPFigures(t *testing.T) {
	d := exampleLFP(t)
	o := DefaultLFPOptions()
	o.RasterTypes = cellTypes
	decim := o
	decim.Decim = []int{2}
	cases := []struct {
		name        string
		make        func() (*Figure, error)
		size        [2]vg.Length // points
		want, lacks []string
	}{
		{"laminar lfp", func() (*Figure, error) {
			return LaminarLFP(d.TimesMs, d.PotentialsUV, d.DepthsUm, o, "LFP (smoothed 10 ms)")
		}, [2]vg.Length{500, 400}, []string{"LFP (smoothed 10 ms)", "200 µV", depthLabel, "time (ms)", ">-325<", ">-25<", ">2075<"}, []string{">-225<"}},
		{"csd", func() (*Figure, error) {
			return CSD(d.TimesMs, d.CSD, d.DepthsUm, o, "CSD")
		}, [2]vg.Length{500, 300}, []string{"CSD (µV/µm²)", depthLabel, ">1775<", "<image"}, nil},
		{"lfp figure", func() (*Figure, error) {
			return LFPFigure(d, decim, "ERP") // traces decimated 2 kHz -> 1 kHz
		}, [2]vg.Length{500, 700}, []string{"ERP: aggregate dipole", "dipole (nAm)", "200 µV", "L5_pyramidal", "L2_basket",
			"current source density", "CSD (µV/µm²)", "time (ms)"}, []string{"evprox1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := c.make()
			if err != nil {
				t.Fatal(err)
			}
			svg := renderSize(t, f, c.name, c.size[0], c.size[1])
			for _, w := range c.want {
				if !strings.Contains(svg, w) {
					t.Errorf("figure lacks %q", w)
				}
			}
			for _, w := range c.lacks {
				if strings.Contains(svg, w) {
					t.Errorf("figure has %q", w)
				}
			}
		})
	}
}

// TestLFPContactOrder checks that traces and the CSD are placed by depth,
// not by row: the example's contacts given superficial first draw the
// same figures.
func TestLFPContactOrder(t *testing.T) {
	d := exampleLFP(t)
	n := len(d.DepthsUm)
	rev := func(x [][]float64) [][]float64 {
		r := make([][]float64, n)
		for i := range r {
			r[i] = x[n-1-i]
		}
		return r
	}
	depths := make([]float64, n)
	for i := range depths {
		depths[i] = d.DepthsUm[n-1-i]
	}
	o := DefaultLFPOptions()
	draw := func(f *Figure, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "f.png")
		if err := SaveFigure(f, path, 300, 300); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if !bytes.Equal(draw(LaminarLFP(d.TimesMs, d.PotentialsUV, d.DepthsUm, o, "")),
		draw(LaminarLFP(d.TimesMs, rev(d.PotentialsUV), depths, o, ""))) {
		t.Error("LaminarLFP depends on the order of the contacts")
	}
	if !bytes.Equal(draw(CSD(d.TimesMs, d.CSD, d.DepthsUm, o, "")),
		draw(CSD(d.TimesMs, rev(d.CSD), depths, o, ""))) {
		t.Error("CSD depends on the order of the contacts")
	}
}

func TestLFPInputErrors(t *testing.T) {
	times := []float64{0, 1, 2}
	rows := [][]float64{{0, 1, 2}, {1, 2, 3}, {2, 3, 4}}
	depths := []float64{0, 100, 200}
	o := DefaultLFPOptions()
	with := func(f func(*LFPOptions)) LFPOptions { c := o; f(&c); return c }
	good := LFPData{TimesMs: times, Dipole: []float64{0, 1, 0}, DipoleUnit: "nAm", DepthsUm: depths, PotentialsUV: rows, CSD: rows}
	data := func(f func(*LFPData)) LFPData { c := good; f(&c); return c }
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"offset 0", second(LaminarLFP(times, rows, depths, with(func(o *LFPOptions) { o.OffsetUV = 0 }), "")), "offset"},
		{"scale bar negative", second(LaminarLFP(times, rows, depths, with(func(o *LFPOptions) { o.ScaleBarUV = -1 }), "")), "scale bar"},
		{"label every 0", second(LaminarLFP(times, rows, depths, with(func(o *LFPOptions) { o.LabelEvery = 0 }), "")), "LabelEvery"},
		{"CSD scale negative", second(CSD(times, rows, depths, with(func(o *LFPOptions) { o.CSDMaxAbs = -1 }), "")), "colour scale"},
		{"decimation factor 0", second(LaminarLFP(times, rows, depths, with(func(o *LFPOptions) { o.Decim = []int{0} }), "")), "decimation factor"},
		{"depths count", second(LaminarLFP(times, rows, depths[:2], o, "")), "3 contacts for 2 depths"},
		{"no contacts", second(LaminarLFP(times, nil, nil, o, "")), "0 contacts"},
		{"row length", second(LaminarLFP(times, [][]float64{{0, 1, 2}, {1, 2}, {2, 3, 4}}, depths, o, "")), "contact 1 has 2 samples"},
		{"one sample", second(CSD(times[:1], [][]float64{{0}, {1}, {2}}, depths, o, "")), "need at least 2"},
		{"times not increasing", second(CSD([]float64{0, 2, 1}, rows, depths, o, "")), "times must increase"},
		{"same depth", second(CSD(times, rows, []float64{0, 100, 0}, o, "")), "both at depth 0"},
		{"NaN depth", second(LaminarLFP(times, rows, []float64{0, math.NaN(), 200}, o, "")), "depth NaN"},
		{"one contact CSD", second(CSD(times, rows[:1], depths[:1], o, "")), "need at least 2"},
		{"NaN CSD", second(CSD(times, [][]float64{{0, 1, 2}, {1, math.NaN(), 3}, {2, 3, 4}}, depths, o, "")), "a value of NaN"},
		{"dipole length", second(LFPFigure(data(func(d *LFPData) { d.Dipole = d.Dipole[:2] }), o, "")), "2 dipole samples"},
		{"dipole unit", second(LFPFigure(data(func(d *LFPData) { d.DipoleUnit = "" }), o, "")), "no unit"},
		{"spikes", second(LFPFigure(data(func(d *LFPData) { d.SpikeTimesMs = []float64{1} }), o, "")), "1 spike times, 0 gids"},
		{"CSD rows", second(LFPFigure(data(func(d *LFPData) { d.CSD = rows[:2] }), o, "")), "2 contacts for 3 depths"},
	}
	for _, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, c.err, c.want)
		}
	}
	if _, err := LFPFigure(good, o, ""); err != nil {
		t.Errorf("a valid figure: %v", err)
	}
}

// TestWeightedLayout checks the rows of RowHeights: data areas in the
// ratio of the weights, aligned at left and right with and without side
// plots, and errors for mismatched lengths.
func TestWeightedLayout(t *testing.T) {
	mk := func(yLabel string) *gplot.Plot {
		p := gplot.New()
		p.Y.Label.Text = yLabel
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		return p
	}
	panels := [][]*gplot.Plot{{mk("a")}, {mk("a much longer label")}, {mk("b")}}
	f := &Figure{Panels: panels, RowHeights: []float64{1, 2, 3}, Side: []*gplot.Plot{nil, scaleBar(0, 1, 0.5, "µV"), nil}}
	dir := t.TempDir()
	if err := SaveFigure(f, filepath.Join(dir, "f.png"), 300, 400); err != nil {
		t.Fatal(err)
	}
	// The recorded data canvases: draw again into a canvas we can read.
	c := vgimg.New(300, 400)
	dc := draw.New(c)
	var areas []draw.Canvas
	rec := &Figure{Panels: panels, RowHeights: f.RowHeights, Side: f.Side}
	for _, row := range rec.Panels {
		row[0].Add(areaRecorder{&areas})
	}
	if err := rec.drawWeighted(dc); err != nil {
		t.Fatal(err)
	}
	if len(areas) != 3 {
		t.Fatalf("%d data areas recorded", len(areas))
	}
	h := func(c draw.Canvas) float64 { return float64(c.Max.Y - c.Min.Y) }
	// Rounding: lengths are float64 points, exact to ~1e-12.
	if r1, r2 := h(areas[1])/h(areas[0]), h(areas[2])/h(areas[0]); math.Abs(r1-2) > 1e-9 || math.Abs(r2-3) > 1e-9 {
		t.Errorf("data heights in ratio 1:%.6g:%.6g, want 1:2:3", r1, r2)
	}
	for i, a := range areas[1:] {
		if a.Min.X != areas[0].Min.X || a.Max.X != areas[0].Max.X {
			t.Errorf("row %d data area x [%v, %v], row 0 [%v, %v]", i+1, a.Min.X, a.Max.X, areas[0].Min.X, areas[0].Max.X)
		}
	}
	for _, bad := range []*Figure{
		{Panels: panels, RowHeights: []float64{1, 2}},
		{Panels: panels, RowHeights: []float64{1, 0, 1}},
		{Panels: panels, Side: []*gplot.Plot{nil}},
	} {
		if err := SaveFigure(bad, filepath.Join(dir, "bad.png"), 300, 400); err == nil {
			t.Errorf("figure with %d heights, %d side plots for %d rows accepted", len(bad.RowHeights), len(bad.Side), len(bad.Panels))
		}
	}
}

// areaRecorder records the data canvas it is drawn on.
type areaRecorder struct{ areas *[]draw.Canvas }

func (r areaRecorder) Plot(c draw.Canvas, _ *gplot.Plot) { *r.areas = append(*r.areas, c) }

func TestTimeTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   []string
	}{
		{0, 170, []string{"0", "20", "40", "60", "80", "100", "120", "140", "160"}},
		{0, 1, []string{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"}},
		{-3, 37, []string{"0", "5", "10", "15", "20", "25", "30", "35"}},
		{100, 1100, []string{"100", "200", "300", "400", "500", "600", "700", "800", "900", "1000", "1100"}},
	} {
		var got []string
		for _, tk := range (timeTicks{}).Ticks(c.lo, c.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("[%g, %g]: %v, want %v", c.lo, c.hi, got, c.want)
		}
	}
}
