package simulate_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// TestRefuseHuge runs the absurd runs of Lamina issue 16: each must be
// refused, naming what is too large, within a second and without
// allocating much (the refusal comes before anything is built).
func TestRefuseHuge(t *testing.T) {
	erp := func(edit func(r *spec.Run)) *spec.Run {
		r := &spec.Run{Network: hnn.ERP(), TStopMs: 170, Trials: 1}
		edit(r)
		return r
	}
	tests := []struct {
		name  string
		run   *spec.Run
		limit int64
		want  []string
	}{
		{"100x100 grid", &spec.Run{Network: hnn.Jones2009(100, 100), TStopMs: 170}, 12e9,
			[]string{"NetCons", "cells", "12.0 GB"}},
		{"1e9 trials", erp(func(r *spec.Run) { r.Trials = 1_000_000_000 }), 0, []string{"trials = 1000000000", "spec.MaxTrials"}},
		{"tstop 1e12", erp(func(r *spec.Run) { r.TStopMs = 1e12 }), 0, []string{"tstop_ms = 1e+12", "spec.MaxSteps"}},
		{"tstop 1e308", erp(func(r *spec.Run) { r.TStopMs = 1e308 }), 0, []string{"tstop_ms = 1e+308", "spec.MaxSteps"}},
		{"tstop 1e9 steps", erp(func(r *spec.Run) { r.TStopMs = 2.5e7 }), 8e9, []string{"dipole", "1,000,000,000 steps"}},
		{"poisson 1e308", erp(func(r *spec.Run) {
			r.Network.Drives = append(r.Network.Drives, drive.Drive{Name: "noise", Type: drive.Poisson, Location: "proximal",
				Poisson: &drive.PoissonParams{RateHz: 1e308}, WeightsAMPA: map[string]float64{"L2_pyramidal": 1e-3},
				SynapticDelays: map[string]float64{"L2_pyramidal": 0.1}, SpaceConstant: 100, CellSpecific: true})
		}), 0, []string{"poisson.rate_hz = 1e+308", "100000"}},
		{"poisson 1e5 for long", erp(func(r *spec.Run) {
			r.TStopMs = 1e6
			r.Network.Drives = append(r.Network.Drives, drive.Drive{Name: "noise", Type: drive.Poisson, Location: "proximal",
				Poisson: &drive.PoissonParams{RateHz: 1e5}, WeightsAMPA: map[string]float64{"L2_pyramidal": 1e-3},
				SynapticDelays: map[string]float64{"L2_pyramidal": 0.1}, SpaceConstant: 100, CellSpecific: true})
		}), 8e9, []string{"drive events"}},
		{"record all for long", erp(func(r *spec.Run) { r.TStopMs = 1e5; r.Record.VSec = "all" }), 8e9,
			[]string{"recorded traces", "record.vsec/isec/ca"}},
		{"point network", &spec.Run{Point: func() *pointnet.Network {
			n := snnjl.EIBalanced(10)
			n.Populations[0].N, n.Connections[0].P = 1_000_000, 1
			return n
		}(),
			TStopMs: 100, DtMs: 0.1}, 8e9, []string{"point synapses"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := simulate.Run(context.Background(), tc.run, simulate.Env{Threads: 1, MaxMemoryBytes: tc.limit})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("run accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %v\nwant it to contain %q", err, w)
				}
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("refused in %v, %.1f MB allocated: %v", took, float64(alloc)/1e6, err)
			if took > time.Second || alloc > 100e6 {
				t.Errorf("refusal took %v and %.0f MB, want < 1 s and < 100 MB", took, float64(alloc)/1e6)
			}
		})
	}
}

// TestCancelMidTrial checks that cancelling the context stops a trial
// within it, not at its end, for each kind of engine.
func TestCancelMidTrial(t *testing.T) {
	tests := []struct {
		name string
		run  *spec.Run
	}{
		{"cable", &spec.Run{Network: hnn.ERP(), TStopMs: 100_000}},                 // minutes of work
		{"point", &spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 1e7, DtMs: 0.1}}, // 1e8 steps
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			start := time.Now()
			_, err := simulate.Run(ctx, tc.run, simulate.Env{Threads: 1})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("error %v, want context.Canceled", err)
			}
			took := time.Since(start)
			t.Logf("stopped after %v", took)
			if took > 3*time.Second {
				t.Errorf("stopped after %v, want soon after the cancel at 300 ms", took)
			}
		})
	}
}
