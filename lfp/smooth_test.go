package lfp

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
)

func TestSampleRateHz(t *testing.T) {
	cases := []struct {
		name  string
		times []float64
		want  float64
		err   string
	}{
		{"uniform", []float64{0, 0.025, 0.05, 0.075}, 1000 / 0.025, ""},
		// intervals 1, 1, 1.0004, 1.0006: an even count, the median is the
		// mean of 1 and 1.0004
		{"even count", []float64{0, 1, 2, 3.0004, 4.001}, 1000 / 1.0002, ""},
		{"odd count", []float64{0, 1, 2.0005, 3.0005}, 1000 / 1.0, ""},
		{"jitter too large", []float64{0, 1, 2, 3.002}, 0, "vary by more than"},
		{"one sample", []float64{0}, 0, "at least 2"},
		{"none", nil, 0, "at least 2"},
		{"NaN", []float64{0, 1, math.NaN()}, 0, "vary by more than"},
		{"decreasing", []float64{3, 2, 1}, 0, "must increase"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := SampleRateHz(c.times)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// 1e-12 relative: the median interval is one subtraction (and
			// possibly one mean) away from the exact value.
			if math.Abs(got-c.want) > 1e-12*c.want {
				t.Errorf("%v Hz, want %v", got, c.want)
			}
		})
	}
}

// TestSmoothHNNCoreExample smooths the example's potentials (every 20th
// sample of NEURON's accumulated t: 2 kHz, median interval within 1e-13
// ms of 0.5) with HNN-core's 10 ms window and checks that each contact is
// dipole.SmoothWaveform's result with a 20-sample window, bit for bit,
// in place or not.
func TestSmoothHNNCoreExample(t *testing.T) {
	_, times, lfp := readColumns(t, filepath.Join("testdata", "lfp_seed_psa_every20.csv.gz"))
	fs, err := SampleRateHz(times)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(fs-2000) > 1e-9 {
		t.Fatalf("sampling rate %v Hz, want 2000", fs)
	}
	got, err := Smooth(nil, lfp, times, 10)
	if err != nil {
		t.Fatal(err)
	}
	for c, row := range lfp {
		want := make([]float64, len(row))
		if err := dipole.SmoothWaveform(want, row, 10, fs); err != nil {
			t.Fatal(err)
		}
		for s := range want {
			if got[c][s] != want[s] {
				t.Fatalf("contact %d sample %d: %v, want %v", c, s, got[c][s], want[s])
			}
		}
	}
	if _, err := Smooth(lfp, lfp, times, 10); err != nil {
		t.Fatal(err)
	}
	for c := range lfp {
		for s := range lfp[c] {
			if lfp[c][s] != got[c][s] {
				t.Fatalf("in place: contact %d sample %d: %v, want %v", c, s, lfp[c][s], got[c][s])
			}
		}
	}
}

func TestSmoothErrors(t *testing.T) {
	times := []float64{0, 1, 2, 3, 4}
	p := [][]float64{{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}}
	cases := []struct {
		name     string
		p        [][]float64
		times    []float64
		windowMs float64
		want     string
	}{
		{"no contacts", nil, times, 1, "no contacts"},
		{"length", [][]float64{{1, 2, 3, 4, 5}, {1, 2}}, times, 1, "contact 1 has 2 samples for 5 times"},
		{"irregular times", p, []float64{0, 1, 2, 3, 5}, 1, "vary by more than"},
		{"window too long", p, times, 6, "too long"},
		{"window below 1 ms", p, times, 0.5, "less than 1 ms"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dst := [][]float64{{7, 7, 7, 7, 7}, {7, 7, 7, 7, 7}}
			_, err := Smooth(dst, c.p, c.times, c.windowMs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			for _, row := range dst {
				for _, v := range row {
					if v != 7 {
						t.Fatalf("dst written despite the error: %v", dst)
					}
				}
			}
		})
	}
}

func TestDecimate(t *testing.T) {
	n := 400
	times := make([]float64, n)
	rows := [][]float64{make([]float64, n), make([]float64, n)}
	for i := range times {
		times[i] = 0.025 * float64(i)
		rows[0][i] = math.Sin(2 * math.Pi * times[i] / 5)
		rows[1][i] = math.Cos(2*math.Pi*times[i]/3) + 0.1*math.Sin(7*float64(i))
	}
	orig := [][]float64{append([]float64(nil), rows[0]...), append([]float64(nil), rows[1]...)}
	tt, got, err := Decimate(times, rows, []int{5, 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(tt) != 20 || tt[1] != times[20] || tt[19] != times[380] {
		t.Errorf("times: %d kept, %v ...", len(tt), tt[:2])
	}
	for r := range rows {
		a, err := analysis.Decimate(orig[r], 5)
		if err != nil {
			t.Fatal(err)
		}
		want, err := analysis.Decimate(a, 4)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[r][i] != want[i] {
				t.Fatalf("row %d sample %d: %v, want %v", r, i, got[r][i], want[i])
			}
		}
		for i := range orig[r] {
			if rows[r][i] != orig[r][i] {
				t.Fatal("Decimate changed its input")
			}
		}
	}
	// No factors: copies.
	tt, got, err = Decimate(times, rows, nil)
	if err != nil || len(tt) != n || &got[0][0] == &rows[0][0] || got[1][7] != rows[1][7] {
		t.Errorf("no factors: %d times, %v", len(tt), err)
	}

	for _, c := range []struct {
		name    string
		rows    [][]float64
		factors []int
		want    string
	}{
		{"zero factor", rows, []int{5, 0}, "positive integer, got 0"},
		{"negative factor", rows, []int{-2}, "positive integer, got -2"},
		{"length", [][]float64{rows[0][:10]}, []int{2}, "row 0 has 10 samples for 400 times"},
	} {
		if _, _, err := Decimate(times, c.rows, c.factors); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, _, err := Decimate(times[:20], [][]float64{rows[0][:20]}, []int{2}); err == nil {
		t.Error("20 samples decimated, shorter than the filter's padding")
	}
}
