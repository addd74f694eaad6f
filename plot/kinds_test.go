package plot

import (
	"bytes"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/models/hnn"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden")

// render saves f as SVG and PNG and returns the SVG text; it fails the
// test unless the PNG has the requested size and is not blank.
//
// The PNG is also compared with testdata/golden/NAME.png (regenerate with
// go test ./plot -update, then look at every image). The comparison is
// gonum's cmpimg.EqualApprox with delta 0.05: rasterisation is pure Go and
// reproducible on one architecture, but fused multiply-adds on others move
// anti-aliased edge pixels slightly; a changed line, label or colour moves
// far more than 5% of the YIQ range.
func render(t *testing.T, f *Figure, name string) string {
	t.Helper()
	return renderSize(t, f, name, 500, 300)
}

// renderSize is render at a size of width × height points.
func renderSize(t *testing.T, f *Figure, name string, width, height vg.Length) string {
	t.Helper()
	dir := t.TempDir()
	if err := SaveFigure(f, filepath.Join(dir, "f.svg"), width, height); err != nil {
		t.Fatal(err)
	}
	if err := SaveFigure(f, filepath.Join(dir, "f.png"), width, height); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "f.png"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, " ", "_")+".png")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./plot -update)", err)
	}
	if ok, err := cmpimg.EqualApprox("png", b, want, 0.05); err != nil || !ok {
		t.Errorf("%s differs from %s (%v); the new image is %s", name, golden, err, filepath.Join(dir, "f.png"))
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// points at 96 dpi
	if w, want := img.Bounds().Dx(), int(math.Round(width.Dots(96))); w != want {
		t.Errorf("PNG width %d px, want %d", w, want)
	}
	colours := map[uint32]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 3 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 3 {
		t.Errorf("PNG has %d colours: blank figure", len(colours))
	}
	s, err := os.ReadFile(filepath.Join(dir, "f.svg"))
	if err != nil {
		t.Fatal(err)
	}
	return string(s)
}

func testDipoles(t *testing.T, n int) []*dipole.Dipole {
	t.Helper()
	var ds []*dipole.Dipole
	for k := range n {
		ts := make([]float64, 200)
		data := map[string][]float64{"agg": make([]float64, 200), "L2": make([]float64, 200), "L5": make([]float64, 200)}
		for i := range ts {
			ts[i] = float64(i) * 0.5
			data["L2"][i] = math.Sin(ts[i]/10 + float64(k))
			data["L5"][i] = math.Cos(ts[i] / 7)
			data["agg"][i] = data["L2"][i] + data["L5"][i]
		}
		d, err := dipole.New(ts, []string{"L2", "L5", "agg"}, data, dipole.UnitNAm)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	return ds
}

func TestFigureKinds(t *testing.T) {
	net := hnn.Jones2009(3, 3)
	net.Drives = hnn.ERPDrives(4, true, 0)
	l5, err := hnn.NewCell("L5_pyramidal")
	if err != nil {
		t.Fatal(err)
	}
	tfrTimes := []float64{0, 10, 20, 30}
	tfrFreqs := []float64{10, 20, 30}
	tfrPower := [][]float64{{1, 2, 3, 4}, {2, 3, 4, 5}, {0, 1, 0, 1}}
	cases := []struct {
		name string
		make func() (*Figure, error)
		want []string // text the figure must contain
	}{
		{"dipole trials", func() (*Figure, error) { return DipoleTrials(testDipoles(t, 3), "ERP") }, []string{"ERP: agg", "L5", "mean of 3", "dipole (nAm)"}},
		{"one dipole", func() (*Figure, error) { return DipoleTrials(testDipoles(t, 1), "") }, []string{"agg", "time (ms)"}},
		{"histogram", func() (*Figure, error) {
			p, err := SpikeHistogram([]float64{1, 2, 30, 31, 32}, []string{"evprox1", "evprox1", "evdist1", "evdist1", "x"}, 2,
				[]string{"evprox1", "evdist1"}, 0, 50, 5, "drives")
			return wrap(p, err)
		}, []string{"evprox1", "evdist1", "spikes per bin per trial"}},
		{"psd", func() (*Figure, error) {
			p, err := PSD([]float64{0, 1, 2, 3}, map[string][]float64{"agg": {0, 1, 0.5, 0.1}, "L2": {1, 1, 1, 1}}, []string{"agg", "L2"}, "nAm", "PSD")
			return wrap(p, err)
		}, []string{"PSD", "nAm²/Hz", "agg", "L2"}},
		{"tfr", func() (*Figure, error) { return TFR(tfrTimes, tfrFreqs, tfrPower, "nAm", "TFR") }, []string{"TFR", "frequency (Hz)", "power (nAm²)"}},
		{"morphology", func() (*Figure, error) { p, err := Morphology(l5, "L5"); return wrap(p, err) }, []string{"apical_tuft", "basal_3", "soma"}},
		{"positions", func() (*Figure, error) { p, err := Positions(net, "grid"); return wrap(p, err) }, []string{"L5_pyramidal", "L2_basket", "drives (origin)"}},
		{"connectivity", func() (*Figure, error) { return Connectivity(net, "NetCons") }, []string{"evprox1", "L2_pyramidal", "NetCons"}},
		{"overlay", func() (*Figure, error) {
			ds := testDipoles(t, 3)
			var xs, ys [][]float64
			for _, d := range ds {
				xs, ys = append(xs, d.TimesMs), append(ys, d.Data["agg"])
			}
			return Overlay(xs, ys, []float64{1e-4, 1e-3, 1e-2}, true, "weight", "time (ms)", "dipole (nAm)", "runs")
		}, []string{"log10 weight", "runs"}},
		{"curves", func() (*Figure, error) {
			p, err := Curves([]float64{1e-4, 1e-3, 1e-2}, map[string][]float64{"min": {-1, -2, -1}, "max": {1, 3, 2}}, []string{"min", "max"}, true, "weight", "peak", "peaks")
			return wrap(p, err)
		}, []string{"min", "max", "weight"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := c.make()
			if err != nil {
				t.Fatal(err)
			}
			svg := render(t, f, c.name)
			for _, w := range c.want {
				if !strings.Contains(svg, w) {
					t.Errorf("figure lacks %q", w)
				}
			}
		})
	}
}

func wrap(p *gplot.Plot, err error) (*Figure, error) {
	if err != nil {
		return nil, err
	}
	return Single(p), nil
}

func TestFigureInputErrors(t *testing.T) {
	cases := []struct {
		name string
		err  error
	}{
		{"no dipoles", second(DipoleTrials(nil, ""))},
		{"histogram bin 0", second(SpikeHistogram(nil, nil, 1, nil, 0, 10, 0, ""))},
		{"histogram lengths", second(SpikeHistogram([]float64{1}, nil, 1, nil, 0, 10, 1, ""))},
		{"psd lengths", second(PSD([]float64{1, 2}, map[string][]float64{"agg": {1}}, []string{"agg"}, "nAm", ""))},
		{"psd nothing positive", second(PSD([]float64{1, 2}, map[string][]float64{"agg": {0, 0}}, []string{"agg"}, "nAm", ""))},
		{"tfr rows", second(TFR([]float64{0, 1}, []float64{1, 2}, [][]float64{{1, 2}}, "nAm", ""))},
		{"tfr ragged", second(TFR([]float64{0, 1}, []float64{1, 2}, [][]float64{{1, 2}, {1}}, "nAm", ""))},
		{"raster lengths", second(Raster([]float64{1}, nil, nil, nil, 0, ""))},
		{"overlay log of 0", second(Overlay([][]float64{{0, 1}}, [][]float64{{0, 1}}, []float64{0}, true, "w", "", "", ""))},
		{"curves lengths", second(Curves([]float64{1, 2}, map[string][]float64{"a": {1}}, []string{"a"}, false, "", "", ""))},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func second[T any](_ T, err error) error { return err }
