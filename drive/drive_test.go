package drive_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/rng/numpy"
)

// TestEventTimesMatchHNN compares evoked, Poisson and bursty event times
// with HNN-core's own generator (testdata/hnn_events.json, made by
// testdata/gen_hnn_events.py), seeded as HNN-core seeds them:
// RandomState(event_seed + trial·offset + cell) for the events,
// RandomState(event_seed + trial·offset) for a bursty drive's start.
// Tolerance 1e-12 relative: the draws are NumPy's bit for bit, except
// that NumPy's log (glibc) may differ by an ulp (see rng/numpy).
func TestEventTimesMatchHNN(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "hnn_events.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		TStop float64 `json:"tstop_ms"`
		Cases []struct {
			Type     string
			Dynamics map[string]any
			Target   string
			Seed     int
			Cell     int
			Trial    int
			Times    []string `json:"times_ms"`
		}
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	num := func(m map[string]any, k string) float64 { v, _ := m[k].(float64); return v }
	for i, c := range ref.Cases {
		d := drive.Drive{Name: "d", Type: c.Type}
		switch c.Type {
		case drive.Evoked:
			d.Evoked = &drive.EvokedParams{MuMs: num(c.Dynamics, "mu"), SigmaMs: num(c.Dynamics, "sigma"), NumSpikes: int(num(c.Dynamics, "numspikes"))}
		case drive.Poisson:
			p := &drive.PoissonParams{TStartMs: num(c.Dynamics, "tstart"), TStopMs: num(c.Dynamics, "tstop")}
			if m, ok := c.Dynamics["rate_constant"].(map[string]any); ok {
				p.RateByType = map[string]float64{}
				for k, v := range m {
					p.RateByType[k] = v.(float64)
				}
			} else {
				p.RateHz = num(c.Dynamics, "rate_constant")
			}
			d.Poisson = p
		case drive.Bursty:
			d.Bursty = &drive.BurstyParams{TStartMs: num(c.Dynamics, "tstart"), TStartStdMs: num(c.Dynamics, "tstart_std"),
				TStopMs: num(c.Dynamics, "tstop"), BurstRateHz: num(c.Dynamics, "burst_rate"), BurstStdMs: num(c.Dynamics, "burst_std"),
				NumSpikes: int(num(c.Dynamics, "numspikes")), SpikeISIMs: num(c.Dynamics, "spike_isi")}
		}
		base := int64(c.Seed + c.Trial*1000)
		prng, _ := numpy.NewRandomState(base + int64(c.Cell))
		prng2, _ := numpy.NewRandomState(base)
		got := d.EventTimes(c.Cell, c.Target, ref.TStop, prng, prng2)
		if len(got) != len(c.Times) {
			t.Errorf("case %d (%s seed %d cell %d trial %d): %d events, HNN-core %d", i, c.Type, c.Seed, c.Cell, c.Trial, len(got), len(c.Times))
			continue
		}
		for k, s := range c.Times {
			want, _ := strconv.ParseFloat(s, 64)
			if math.Abs(got[k]-want) > 1e-12*math.Abs(want) {
				t.Errorf("case %d (%s) event %d: %.17g, HNN-core %s", i, c.Type, k, got[k], s)
			}
		}
	}
}

func validDrive() drive.Drive {
	return drive.Drive{Name: "bursts", Type: drive.Bursty, Location: "distal",
		Bursty:         &drive.BurstyParams{TStartMs: 50, BurstRateHz: 10, BurstStdMs: 20, NumSpikes: 2, SpikeISIMs: 10},
		WeightsAMPA:    map[string]float64{"L2_pyramidal": 5e-4},
		SynapticDelays: map[string]float64{"L2_pyramidal": 0.1},
		SpaceConstant:  100, NDriveCells: 10, EventSeed: 2, ConnSeed: 3}
}

func TestValidate(t *testing.T) {
	types := []string{"L2_pyramidal", "L5_pyramidal"}
	tests := []struct {
		name string
		edit func(d *drive.Drive)
		want string
	}{
		{"burst longer than period", func(d *drive.Drive) { d.Bursty.NumSpikes = 20 }, "burst duration 190 ms"},
		{"negative burst std", func(d *drive.Drive) { d.Bursty.BurstStdMs = -1 }, "bursty.burst_std_ms = -1"},
		{"zero rate", func(d *drive.Drive) { d.Bursty.BurstRateHz = 0 }, "bursty.burst_rate_hz = 0"},
		{"no weights", func(d *drive.Drive) { d.WeightsAMPA = nil }, "no target cell type has a weight"},
		{"two dynamics", func(d *drive.Drive) { d.Evoked = &drive.EvokedParams{NumSpikes: 1} }, "exactly one of"},
		{"space constant", func(d *drive.Drive) { d.SpaceConstant = 0 }, "space_constant = 0"},
		{"poisson by type needs cell_specific", func(d *drive.Drive) {
			d.Type, d.Bursty = drive.Poisson, nil
			d.Poisson = &drive.PoissonParams{RateByType: map[string]float64{"L2_pyramidal": 10}}
		}, "rate_hz_by_type needs cell_specific"},
		{"poisson tstop before tstart", func(d *drive.Drive) {
			d.Type, d.Bursty = drive.Poisson, nil
			d.Poisson = &drive.PoissonParams{TStartMs: 50, TStopMs: 10, RateHz: 10}
		}, "poisson.tstop_ms = 10"},
		// Issue 16: counts checked for meaning.
		{"n_drive_cells 0", func(d *drive.Drive) { d.CellSpecific, d.NDriveCells = false, 0 }, "n_drive_cells = 0, must be >= 1 when cell_specific is false"},
		{"n_drive_cells negative", func(d *drive.Drive) { d.CellSpecific, d.NDriveCells = false, -3 }, "n_drive_cells = -3, must be >= 1 when cell_specific is false"},
		{"n_drive_cells negative, cell-specific", func(d *drive.Drive) { d.CellSpecific, d.NDriveCells = true, -1 }, "n_drive_cells = -1, must be >= 1 (or omitted: cell_specific gives one drive cell per target cell)"},
		{"absurd poisson rate", func(d *drive.Drive) {
			d.Type, d.Bursty = drive.Poisson, nil
			d.Poisson = &drive.PoissonParams{RateHz: 1e308}
		}, "poisson.rate_hz = 1e+308, must be <= 100000"},
		{"absurd poisson rate by type", func(d *drive.Drive) {
			d.Type, d.Bursty, d.CellSpecific = drive.Poisson, nil, true
			d.Poisson = &drive.PoissonParams{RateByType: map[string]float64{"L2_pyramidal": 10, "L5_pyramidal": 1e6}}
		}, "poisson.rate_hz_by_type[L5_pyramidal] = 1e+06, must be > 0 and <= 100000"},
		{"absurd burst rate", func(d *drive.Drive) { d.Bursty.BurstRateHz = 1e9 }, "bursty.burst_rate_hz = 1e+09"},
		{"spike train cells", func(d *drive.Drive) {
			d.Type, d.Bursty = drive.SpikeTrain, nil
			d.SpikeTrain = &drive.SpikeTrainParams{TimesMs: []float64{1, 2}, Cells: []int{0, 5}, NCells: 2}
		}, "spike_train.cells[1] = 5"},
	}
	for _, tc := range tests {
		d := validDrive()
		tc.edit(&d)
		err := d.Validate(types)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	d := validDrive()
	if err := d.Validate(types); err != nil {
		t.Errorf("valid drive rejected: %v", err)
	}
}

func TestSpikeTrainReplay(t *testing.T) {
	d := drive.Drive{Type: drive.SpikeTrain, SpikeTrain: &drive.SpikeTrainParams{
		TimesMs: []float64{5, 1, 3, 7}, Cells: []int{0, 1, 0, 1}, NCells: 2}}
	if got := d.EventTimes(1, "any", 100, nil, nil); len(got) != 2 || got[0] != 1 || got[1] != 7 {
		t.Errorf("cell 1 events %v", got)
	}
}
