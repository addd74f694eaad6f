package plot_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/laminasim/lamina/record"

	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/rng"
)

// TestRateSpectrogram checks the tutorial's spectrogram settings on a
// population firing at 40 Hz: 1 ms bins sampled at 1 kHz, nperseg 30 and
// noverlap 29 give a segment every ms (centres 15, 16, ... ms), nfft 300 a
// frequency every 10/3 Hz up to 250 Hz, and the power peaks near 40 Hz.
func TestRateSpectrogram(t *testing.T) {
	var ts []float64
	s := rng.New(1, 0, "test", 0)
	for c := 0; c < 200; c++ {
		for k := 0; k < 10; k++ {
			ts = append(ts, 25*float64(k)+s.Normal(0, 1.5)+10)
		}
	}
	seg, f, pw, err := plot.RateSpectrogram(ts, 250, plot.DefaultSpectrogramParams())
	if err != nil {
		t.Fatal(err)
	}
	if len(seg) != 221 || seg[0] != 15 || seg[1] != 16 {
		t.Errorf("%d segments from %v", len(seg), seg[:2])
	}
	if len(f) != 76 || f[75] != 250 {
		t.Errorf("%d frequencies up to %g Hz", len(f), f[len(f)-1])
	}
	best, bi := 0.0, 0
	for i := 1; i < len(f); i++ { // skip DC
		sum := 0.0
		for _, v := range pw[i] {
			sum += v
		}
		if sum > best {
			best, bi = sum, i
		}
	}
	if f[bi] < 35 || f[bi] > 45 {
		t.Errorf("power peaks at %g Hz, want about 40", f[bi])
	}
}

func TestFigures(t *testing.T) {
	var ts []float64
	var gids []int
	var types []string
	s := rng.New(2, 0, "test", 0)
	for g := 0; g < 60; g++ {
		typ := "exc"
		if g >= 40 {
			typ = "inh"
		}
		for k := 0; k < 8; k++ {
			ts, gids, types = append(ts, s.Float64()*100), append(gids, g), append(types, typ)
		}
	}
	figs, err := plot.TutorialFigures(ts, gids, types, []record.Range{{Name: "left", First: 0, N: 20, Kind: record.KindCell}, {Name: "right", First: 20, N: 20, Kind: record.KindCell}}, 100, "test")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"raster", "rates", "spectrogram"} {
		f, ok := figs[name]
		if !ok {
			t.Fatalf("no %s figure", name)
		}
		path := filepath.Join(dir, name+".png")
		if err := plot.SaveFigure(f, path, 600, 300); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path); err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v", path, err)
		}
	}
}

// TestDefaultSpectrogramParamsIsFresh checks that changing the returned
// settings does not change what the next call returns.
func TestDefaultSpectrogramParamsIsFresh(t *testing.T) {
	want := plot.SpectrogramParams{BinMs: 1, Window: "tukey(0.25)", NPerSeg: 30, NOverlap: 29, NFFT: 300, MaxHz: 250}
	for _, tc := range []struct {
		name   string
		mutate func(*plot.SpectrogramParams)
	}{
		{"BinMs", func(sp *plot.SpectrogramParams) { sp.BinMs = 2 }},
		{"Window", func(sp *plot.SpectrogramParams) { sp.Window = "hann" }},
		{"segments", func(sp *plot.SpectrogramParams) { sp.NPerSeg, sp.NOverlap, sp.NFFT = 64, 32, 128 }},
		{"MaxHz", func(sp *plot.SpectrogramParams) { sp.MaxHz = 100 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp := plot.DefaultSpectrogramParams()
			tc.mutate(&sp)
			if sp == want {
				t.Fatalf("mutation left %+v unchanged", sp)
			}
			if got := plot.DefaultSpectrogramParams(); got != want {
				t.Errorf("after mutating a result: %+v, want %+v", got, want)
			}
		})
	}
}
