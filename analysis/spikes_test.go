package analysis

import (
	"fmt"
	"github.com/laminasim/lamina/record"
	"math"
	"slices"
	"strings"
	"testing"
)

// spikesGolden is spikes.json.
type spikesGolden struct {
	CellTypes  []string          `json:"cell_types"`
	GIDRanges  map[string][2]int `json:"gid_ranges"`
	SpikeTimes [][]float64       `json:"spike_times"`
	SpikeGIDs  [][]int           `json:"spike_gids"`
	MeanRates  []struct {
		TstartMs float64                    `json:"tstart_ms"`
		TstopMs  float64                    `json:"tstop_ms"`
		Mode     string                     `json:"mode"`
		Rates    map[string]json2DOrScalars `json:"rates"`
	} `json:"mean_rates"`
	Histogram struct {
		Values []float64 `json:"values"`
		Cases  []struct {
			Name   string    `json:"name"`
			Edges  []float64 `json:"edges"`
			Counts []int     `json:"counts"`
		} `json:"cases"`
	} `json:"histogram"`
	Linspace0To170 []float64 `json:"linspace_0_170_50"`
}

// json2DOrScalars holds a mean_rates value: a number ("all"), a list
// ("trial") or a list of lists ("cell").
type json2DOrScalars = any

// floats converts a decoded JSON list to []float64.
func floats(t *testing.T, v any) []float64 {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("want a list, got %T", v)
	}
	out := make([]float64, len(l))
	for i, e := range l {
		out[i] = e.(float64)
	}
	return out
}

// TestMeanRatesGolden compares MeanRates with HNN-core's
// CellResponse.mean_rates for all three modes and two windows (the window
// changes only the duration: spikes outside it still count). The rates
// are count/duration·1000 averaged with NumPy's summation order, so they
// agree to rounding: 1e-14 relative.
func TestMeanRatesGolden(t *testing.T) {
	var g spikesGolden
	readGolden(t, "spikes.json", &g)
	var ranges []record.Range
	for _, name := range g.CellTypes {
		r := g.GIDRanges[name]
		ranges = append(ranges, record.Range{Name: name, First: record.GID(r[0]), N: r[1]})
	}
	if len(g.SpikeGIDs) != 3 || len(g.SpikeGIDs[2]) != 0 {
		t.Fatalf("golden spike set: want 3 trials, the last empty")
	}
	for _, c := range g.MeanRates {
		got, err := MeanRates(g.SpikeGIDs, ranges, c.TstartMs, c.TstopMs, c.Mode)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ranges) {
			t.Fatalf("%d populations, want %d", len(got), len(ranges))
		}
		for i, r := range got {
			what := fmt.Sprintf("MeanRates(%g, %g, %q) %s", c.TstartMs, c.TstopMs, c.Mode, r.Name)
			if r.Name != ranges[i].Name {
				t.Errorf("%s: name %q", what, r.Name)
			}
			want := c.Rates[r.Name]
			switch c.Mode {
			case RatesAll:
				compare(t, what, []float64{r.All}, []float64{want.(float64)}, 1e-14, 0)
				if r.Trial != nil || r.Cell != nil {
					t.Errorf("%s: fields of other modes set", what)
				}
			case RatesTrial:
				compare(t, what, r.Trial, floats(t, want), 1e-14, 0)
			case RatesCell:
				rows := want.([]any)
				if len(r.Cell) != len(rows) {
					t.Fatalf("%s: %d trials, want %d", what, len(r.Cell), len(rows))
				}
				for tr, row := range rows {
					compare(t, fmt.Sprintf("%s trial %d", what, tr), r.Cell[tr], floats(t, row), 1e-14, 0)
				}
			}
		}
	}
}

func TestMeanRatesTable(t *testing.T) {
	ranges := []record.Range{{Name: "A", First: 0, N: 2}, {Name: "B", First: 2, N: 1}, {Name: "empty", First: 3, N: 0}}
	trials := [][]int{{0, 0, 1, 2, 9}, {}}
	tests := []struct {
		mode string
		want []Rates
	}{
		{RatesAll, []Rates{{Name: "A", All: 7.5}, {Name: "B", All: 5}, {Name: "empty", All: math.NaN()}}},
		{RatesTrial, []Rates{{Name: "A", Trial: []float64{15, 0}}, {Name: "B", Trial: []float64{10, 0}}, {Name: "empty", Trial: []float64{math.NaN(), math.NaN()}}}},
		{RatesCell, []Rates{{Name: "A", Cell: [][]float64{{20, 10}, {0, 0}}}, {Name: "B", Cell: [][]float64{{10}, {0}}}, {Name: "empty", Cell: [][]float64{{}, {}}}}},
	}
	for _, tc := range tests {
		// 100 ms window: one spike is 10 Hz.
		got, err := MeanRates(trials, ranges, 50, 150, tc.mode)
		if err != nil {
			t.Fatal(err)
		}
		if !ratesEqual(got, tc.want) {
			t.Errorf("mode %q: got %+v, want %+v", tc.mode, got, tc.want)
		}
	}
	// No trials: NaN means, as numpy.mean of an empty array.
	got, err := MeanRates(nil, ranges[:1], 0, 1, RatesAll)
	if err != nil || !math.IsNaN(got[0].All) {
		t.Errorf("no trials: %+v, %v; want NaN", got, err)
	}
}

// ratesEqual compares Rates treating NaN as equal to NaN.
func ratesEqual(a, b []Rates) bool {
	eq := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	return slices.EqualFunc(a, b, func(x, y Rates) bool {
		return x.Name == y.Name && eq(x.All, y.All) &&
			slices.EqualFunc(x.Trial, y.Trial, eq) &&
			slices.EqualFunc(x.Cell, y.Cell, func(p, q []float64) bool { return slices.EqualFunc(p, q, eq) })
	})
}

func TestMeanRatesErrors(t *testing.T) {
	r := []record.Range{{Name: "A", First: 0, N: 2}}
	tests := []struct {
		name       string
		ranges     []record.Range
		start, end float64
		mode       string
		want       string
	}{
		{"bad mode", r, 0, 10, "avg", "unknown mean rate mode"},
		{"empty mode", r, 0, 10, "", "unknown mean rate mode"},
		{"stop == start", r, 10, 10, RatesAll, "greater than tstart"},
		{"stop < start", r, 10, 5, RatesAll, "greater than tstart"},
		{"NaN", r, math.NaN(), 5, RatesAll, "finite"},
		{"negative range", []record.Range{{Name: "A", First: 0, N: -1}}, 0, 5, RatesAll, "negative size"},
	}
	for _, tc := range tests {
		_, err := MeanRates([][]int{{0}}, tc.ranges, tc.start, tc.end, tc.mode)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// TestSpikeHistogramGolden compares SpikeHistogram with numpy.histogram
// on values at edges, outside the range and on the last (closed) edge,
// and Linspace with numpy.linspace(0, 170, 50) (bit for bit).
func TestSpikeHistogramGolden(t *testing.T) {
	var g spikesGolden
	readGolden(t, "spikes.json", &g)
	for _, c := range g.Histogram.Cases {
		if got := SpikeHistogram(g.Histogram.Values, c.Edges); !slices.Equal(got, c.Counts) {
			t.Errorf("%s: counts %v, want %v", c.Name, got, c.Counts)
		}
	}
	compare(t, "Linspace(0, 170, 50)", Linspace(0, 170, 50), g.Linspace0To170, 0, 0)
}

func TestSpikeHistogramTable(t *testing.T) {
	tests := []struct {
		name  string
		times []float64
		edges []float64
		want  []int
	}{
		{"on edges", []float64{0, 1, 2, 3}, []float64{0, 1, 2, 3}, []int{1, 1, 2}},
		{"outside", []float64{-1, 3.5, math.NaN(), math.Inf(1)}, []float64{0, 1, 2, 3}, []int{0, 0, 0}},
		{"just inside", []float64{math.Nextafter(3, 0), math.Nextafter(1, 0)}, []float64{0, 1, 2, 3}, []int{1, 0, 1}},
		{"repeated last edge", []float64{2}, []float64{0, 2, 2}, []int{0, 1}},
		{"one edge", []float64{1}, []float64{1}, []int{}},
		{"no edges", []float64{1}, nil, []int{}},
		{"no times", nil, []float64{0, 1}, []int{0}},
	}
	for _, tc := range tests {
		if got := SpikeHistogram(tc.times, tc.edges); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestBins(t *testing.T) {
	tests := []struct {
		start, stop, width float64
		want               []float64
	}{
		{0, 10, 2.5, []float64{0, 2.5, 5, 7.5, 10}},
		{0, 10, 3, []float64{0, 3, 6, 9, 12}}, // last bin extends past stop
		{0, 0.3, 0.1, []float64{0, 0.1, 0.2, 0.30000000000000004}},
		{5, 5, 1, []float64{5}},
		{-2, 1, 1, []float64{-2, -1, 0, 1}},
	}
	for _, tc := range tests {
		if got := Bins(tc.start, tc.stop, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("Bins(%g, %g, %g) = %v, want %v", tc.start, tc.stop, tc.width, got, tc.want)
		}
	}
}

func TestPopulationRate(t *testing.T) {
	// 4 cells, 10 ms bins over [0, 30]: 2, 0 and 3 spikes (30 is in the
	// closed last bin; 31 is outside).
	times := []float64{1, 9.99, 20, 25, 30, 31}
	c, r := PopulationRate(times, 4, 0, 30, 10)
	wantC := []float64{5, 15, 25}
	wantR := []float64{2 / 0.04, 0, 3 / 0.04}
	if !slices.Equal(c, wantC) || !slices.Equal(r, wantR) {
		t.Errorf("PopulationRate = %v, %v; want %v, %v", c, r, wantC, wantR)
	}
}

func TestISICV(t *testing.T) {
	tests := []struct {
		name  string
		times []float64
		want  float64
	}{
		{"regular", []float64{0, 10, 20, 30}, 0},
		{"two intervals", []float64{0, 10, 30}, 5.0 / 15},             // std 5, mean 15
		{"unsorted", []float64{30, 0, 10}, 5.0 / 15},                  // sorted first
		{"three intervals", []float64{0, 1, 3, 6}, 0.408248290463863}, // std √(2/3), mean 2
		{"two spikes", []float64{0, 5}, math.NaN()},
		{"none", nil, math.NaN()},
	}
	for _, tc := range tests {
		got := ISICV(tc.times)
		if math.IsNaN(tc.want) != math.IsNaN(got) || (!math.IsNaN(tc.want) && math.Abs(got-tc.want) > 1e-14) {
			t.Errorf("%s: ISICV = %v, want %v", tc.name, got, tc.want)
		}
	}
	in := []float64{30, 0, 10}
	ISICV(in)
	if !slices.Equal(in, []float64{30, 0, 10}) {
		t.Errorf("ISICV modified its input: %v", in)
	}
}

func TestSpikeTrainMatrix(t *testing.T) {
	times := []float64{0, 5, 5, 12, 20, 20.5}
	ids := []int{0, 1, 1, 0, 2, 2}
	got := SpikeTrainMatrix(times, ids, 4, 0, 20, 10)
	want := [][]int{{1, 1}, {2, 0}, {0, 1}, {0, 0}}
	if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("SpikeTrainMatrix = %v, want %v", got, want)
	}
}

func TestGIDsInWindow(t *testing.T) {
	got := GIDsInWindow([]float64{0, 5, 10, 15}, []int{1, 2, 3, 4}, 5, 15)
	if want := []int{2, 3}; !slices.Equal(got, want) {
		t.Errorf("GIDsInWindow = %v, want %v", got, want)
	}
}

func TestSpikePanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"decreasing edges", func() { SpikeHistogram([]float64{1}, []float64{0, 2, 1}) }},
		{"NaN edge", func() { SpikeHistogram([]float64{1}, []float64{0, math.NaN()}) }},
		{"zero width", func() { Bins(0, 10, 0) }},
		{"stop < start", func() { Bins(10, 0, 1) }},
		{"population 0", func() { PopulationRate(nil, 0, 0, 10, 1) }},
		{"matrix lengths", func() { SpikeTrainMatrix([]float64{1}, nil, 1, 0, 10, 1) }},
		{"matrix id", func() { SpikeTrainMatrix([]float64{1}, []int{1}, 1, 0, 10, 1) }},
		{"window lengths", func() { GIDsInWindow([]float64{1}, nil, 0, 1) }},
		{"band lengths", func() { BandPower([]float64{1}, nil, 0, 1) }},
		{"peak lengths", func() { PeakFrequency([]float64{1}, nil, 0, 1) }},
	}
	for _, tc := range tests {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "analysis: ") {
					t.Errorf("%s: panic %v, want an \"analysis: ...\" message", tc.name, r)
				}
			}()
			tc.f()
		}()
	}
}

func TestLinspaceEdgeCases(t *testing.T) {
	tests := []struct {
		start, stop float64
		num         int
		want        []float64
	}{
		{0, 1, 0, []float64{}},
		{2, 7, 1, []float64{2}},
		{5, 5, 3, []float64{5, 5, 5}}, // zero step
		{0, 1, 5, []float64{0, 0.25, 0.5, 0.75, 1}},
		{1, 0, 3, []float64{1, 0.5, 0}},
	}
	for _, tc := range tests {
		if got := Linspace(tc.start, tc.stop, tc.num); !slices.Equal(got, tc.want) {
			t.Errorf("Linspace(%g, %g, %d) = %v, want %v", tc.start, tc.stop, tc.num, got, tc.want)
		}
	}
}
