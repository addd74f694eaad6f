package spec_test

import (
	"strings"
	"testing"

	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/spec"
)

func TestEstimate(t *testing.T) {
	tests := []struct {
		name    string
		run     spec.Run
		workers int
		check   func(e spec.Estimate) string
	}{
		{"erp", spec.Run{Network: hnn.ERP(), TStopMs: 170, DtMs: 0.025, Trials: 1}, 1, func(e spec.Estimate) string {
			if e.Cells != 270 || e.Steps != 6800 || e.NetCons < 1e5 || e.Bytes > 100e6 || e.Parts[0].What != "NetCons" {
				return "want 270 cells, 6,800 steps, NetCons the largest part, under 100 MB"
			}
			return ""
		}},
		{"100x100 grid", spec.Run{Network: hnn.Jones2009(100, 100), TStopMs: 170, DtMs: 0.025, Trials: 1}, 1, func(e spec.Estimate) string {
			if e.Cells != 26_700 || e.NetCons < 1e9 || e.Bytes < 16e9 || e.Parts[0].What != "NetCons" {
				return "want 26,700 cells, over a billion NetCons, over 16 GB"
			}
			return ""
		}},
		{"trials kept", spec.Run{Network: hnn.ERP(), TStopMs: 170, DtMs: 0.025, Trials: 100, Record: spec.Record{VSec: "all"}}, 2, func(e spec.Estimate) string {
			// every section of 270 cells at 6,801 samples, 100 trials kept
			if e.TraceSamples != 1770*6801 || e.Workers != 2 || !strings.Contains(e.Parts[0].What, "recorded traces") {
				return "want 1770×6801 samples a trial, the traces the largest part"
			}
			return ""
		}},
		{"point", spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 100, DtMs: 0.1, Trials: 1}, 1, func(e spec.Estimate) string {
			if e.PointNeurons == 0 || e.Synapses == 0 || e.Cells != 0 {
				return "want point neurons and synapses, no cable cells"
			}
			return ""
		}},
	}
	monitored := spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 1000, DtMs: 0.1, Trials: 3}
	monitored.Point.Monitors = []pointnet.Monitor{{Population: "E", Variables: []string{"v"}, Neurons: []int{0, 1}, EveryMs: 1}}
	tests = append(tests, struct {
		name    string
		run     spec.Run
		workers int
		check   func(e spec.Estimate) string
	}{"monitors", monitored, 1, func(e spec.Estimate) string {
		if e.MonitorSamples != 2*1001 {
			return "want 2 neurons × 1001 samples"
		}
		return ""
	}})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := tc.run.Estimate(tc.workers)
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(e); msg != "" {
				t.Errorf("%s; got %+v", msg, e)
			}
		})
	}
}

func TestParseBytes(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"8GB", 8e9, false}, {"500MB", 500e6, false}, {"1.5GiB", 3 << 29, false}, {"1024", 1024, false},
		{"2 kB", 2000, false}, {"0", 0, true}, {"-1GB", 0, true}, {"10XB", 0, true}, {"GB", 0, true}, {"1e30GB", 0, true},
	}
	for _, tc := range tests {
		got, err := spec.ParseBytes(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d (error %v)", tc.in, got, err, tc.want, tc.err)
		}
	}
	for _, c := range []struct {
		b    float64
		want string
	}{{999, "999 B"}, {16.8e9, "16.8 GB"}, {500e6, "500.0 MB"}, {2.4e13, "24.0 TB"}} {
		if got := spec.FormatBytes(c.b); got != c.want {
			t.Errorf("FormatBytes(%g) = %q, want %q", c.b, got, c.want)
		}
	}
}
