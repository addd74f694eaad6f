package dipole

import (
	"math"
	"strings"
	"testing"
)

// Tolerance of Smooth against numpy.hamming + numpy.convolve: 1e-14 of the
// signal's peak. Both sum at most 400 products of weights summing to 1; the
// window values differ from NumPy's by at most 1 ulp (Go's math.Cos versus
// the C library's cos) and the summation orders differ (NumPy's dot may
// use BLAS), so each output differs by a few ulp of max|x|. Observed:
// <= 5.5e-16.
const smoothTol = 1e-14

func TestSmoothGolden(t *testing.T) {
	sig := goldenSignals(t)
	var g struct {
		Cases []struct {
			Signal   string    `json:"signal"`
			WindowMs float64   `json:"window_ms"`
			Winsz    int       `json:"winsz"`
			Y        []float64 `json:"y"`
		} `json:"cases"`
	}
	readGolden(t, "smooth.json", &g)
	if len(g.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range g.Cases {
		s := sig[c.Signal]
		d := aggDipole(t, s)
		winsz, err := hammingSize(c.WindowMs, d.SampleRateHz(), len(s.X))
		if err != nil || winsz != c.Winsz {
			t.Errorf("%s %v ms: window size %d (%v), want %d", c.Signal, c.WindowMs, winsz, err, c.Winsz)
		}
		if err := d.Smooth(c.WindowMs); err != nil {
			t.Fatalf("%s %v ms: %v", c.Signal, c.WindowMs, err)
		}
		e, at := maxAbsDiff(t, d.Data[LayerAgg], c.Y)
		if rel := e / maxAbs(s.X); rel > smoothTol {
			t.Errorf("%s %v ms (winsz %d): max error %.3g of peak at sample %d, want <= %g", c.Signal, c.WindowMs, c.Winsz, rel, at, smoothTol)
		}
	}
}

func TestSmoothErrors(t *testing.T) {
	sig := goldenSignals(t)
	slow := goldenSignal{TimesMs: []float64{0, 5, 10, 15}, X: []float64{1, 2, 3, 4}} // 200 Hz
	cases := []struct {
		name     string
		s        goldenSignal
		windowMs float64
		want     string
	}{
		{"negative", sig["coarse"], -1, "non-negative"},
		{"NaN", sig["coarse"], math.NaN(), "non-negative"},
		{"infinite", sig["coarse"], math.Inf(1), "non-negative"},
		{"below 1 ms", sig["coarse"], 0.5, "less than 1 ms"},
		{"zero gives 0 samples", sig["coarse"], 0, "too small"},
		{"rounds to 0 samples", slow, 1, "too small"},
		{"longer than data", sig["coarse"], 200.5, "too long"}, // 401 > 400
		{"longer than data fine", sig["fine"], 10.025, "too long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := aggDipole(t, c.s)
			before := d.Copy()
			err := d.Smooth(c.windowMs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Smooth(%v) error %v, want one containing %q", c.windowMs, err, c.want)
			}
			if !equalDipoles(d, before) {
				t.Errorf("Smooth(%v) changed the dipole despite the error", c.windowMs)
			}
		})
	}
}

func TestSmoothLayers(t *testing.T) {
	// Every layer is smoothed on its own, and a one-sample window (1 ms at
	// 1 kHz) leaves the data unchanged.
	sig := goldenSignals(t)
	f, f2 := sig["fine"], sig["fine2"]
	d, err := New(f.TimesMs, []string{LayerL2, LayerL5, LayerAgg},
		map[string][]float64{LayerL2: f.X, LayerL5: f2.X, LayerAgg: f.X}, UnitFAm)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Smooth(2.5); err != nil {
		t.Fatal(err)
	}
	for layer, s := range map[string]goldenSignal{LayerL2: f, LayerL5: f2, LayerAgg: f} {
		one := aggDipole(t, s)
		if err := one.Smooth(2.5); err != nil {
			t.Fatal(err)
		}
		if e, _ := maxAbsDiff(t, d.Data[layer], one.Data[LayerAgg]); e != 0 {
			t.Errorf("layer %s differs from smoothing it alone by %g", layer, e)
		}
	}

	times := []float64{0, 1, 2, 3, 4}
	x := []float64{3, -1, 4, 1, -5}
	id, err := New(times, []string{LayerAgg}, map[string][]float64{LayerAgg: x}, UnitNAm)
	if err != nil {
		t.Fatal(err)
	}
	if err := id.Smooth(1); err != nil {
		t.Fatal(err)
	}
	if e, _ := maxAbsDiff(t, id.Data[LayerAgg], x); e != 0 {
		t.Errorf("one-sample window changed the data: %v", id.Data[LayerAgg])
	}
}

func TestConvolveSame(t *testing.T) {
	// numpy.convolve(arange(10), [1, 2, 3, 4], "same") and with [1, 2, 3].
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	cases := []struct {
		w    []float64
		want []float64
	}{
		{[]float64{1, 2, 3, 4}, []float64{1, 4, 10, 20, 30, 40, 50, 60, 70, 70}},
		{[]float64{1, 2, 3}, []float64{1, 4, 10, 16, 22, 28, 34, 40, 46, 42}},
		{[]float64{2}, []float64{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}},
		{[]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []float64{10, 15, 21, 28, 36, 45, 45, 44, 42, 39}},
	}
	for _, c := range cases {
		got := make([]float64, len(x))
		convolveSame(got, x, c.w)
		if e, _ := maxAbsDiff(t, got, c.want); e != 0 {
			t.Errorf("convolveSame(w=%v) = %v, want %v", c.w, got, c.want)
		}
	}
}

func TestPairwiseSum(t *testing.T) {
	// NumPy's pairwise summation differs from a left-to-right sum in its
	// rounding; with values whose partial sums are all exact both give the
	// true sum, and the order of operations shows on cancelling values.
	cases := []struct {
		name string
		x    []float64
		want float64
	}{
		{"empty", nil, 0},
		{"short", []float64{1, 2, 3}, 6},
		{"integers 1..300", rangeFloat(1, 300), 45150},
		// Left to right, 1e16 absorbs every 1 and the sum is 0; NumPy's
		// 8-way blocking sums the ones in separate accumulators first
		// (values from numpy.sum).
		{"blocked 9", append(append([]float64{1e16}, ones(7)...), -1e16), 6},
		{"blocked 18", append(append([]float64{1e16}, ones(16)...), -1e16), 16},
	}
	for _, c := range cases {
		if got := pairwiseSum(c.x); got != c.want {
			t.Errorf("%s: pairwiseSum = %v, want %v", c.name, got, c.want)
		}
	}
}

// rangeFloat returns lo, lo+1, ..., hi.
func rangeFloat(lo, hi int) []float64 {
	x := make([]float64, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		x = append(x, float64(i))
	}
	return x
}

// ones returns n ones.
func ones(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 1
	}
	return x
}

// TestSmoothWaveform checks that SmoothWaveform is Dipole.Smooth on one
// series (bit for bit: the same window and loop), in place or into a
// separate slice, and that it rejects what smooth_waveform rejects,
// leaving dst unchanged.
func TestSmoothWaveform(t *testing.T) {
	sig := goldenSignals(t)
	for _, name := range []string{"coarse", "fine"} {
		s := sig[name]
		d := aggDipole(t, s)
		if err := d.Smooth(2.5); err != nil {
			t.Fatal(err)
		}
		want := d.Data[LayerAgg]
		sep := make([]float64, len(s.X))
		if err := SmoothWaveform(sep, s.X, 2.5, d.SampleRateHz()); err != nil {
			t.Fatal(err)
		}
		in := append([]float64(nil), s.X...)
		if err := SmoothWaveform(in, in, 2.5, d.SampleRateHz()); err != nil {
			t.Fatal(err)
		}
		for label, got := range map[string][]float64{"separate": sep, "in place": in} {
			if e, at := maxAbsDiff(t, got, want); e != 0 {
				t.Errorf("%s, %s: differs from Dipole.Smooth by %g at sample %d", name, label, e, at)
			}
		}
	}

	x := []float64{1, 2, 3, 4}
	cases := []struct {
		name     string
		x        []float64
		windowMs float64
		sfreqHz  float64
		want     string
	}{
		{"zero rate", x, 1, 0, "sampling frequency"},
		{"negative rate", x, 1, -1000, "sampling frequency"},
		{"NaN rate", x, 1, math.NaN(), "sampling frequency"},
		{"infinite rate", x, 1, math.Inf(1), "sampling frequency"},
		{"empty", nil, 1, 1000, "no samples"},
		{"below 1 ms", x, 0.5, 1000, "less than 1 ms"},
		{"too long", x, 5, 1000, "too long"},
		{"too small", x, 1, 100, "too small"},
	}
	for _, c := range cases {
		dst := make([]float64, len(c.x))
		for i := range dst {
			dst[i] = 7
		}
		err := SmoothWaveform(dst, c.x, c.windowMs, c.sfreqHz)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
		for _, v := range dst {
			if v != 7 {
				t.Errorf("%s: dst changed despite the error: %v", c.name, dst)
				break
			}
		}
	}
}
