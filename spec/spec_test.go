package spec_test

import (
	"bytes"
	"math"

	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/electrode"

	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/spec"
)

// TestRoundTrip writes and reads a run spec of every kind: the read spec
// equals the written one, and writing it again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  spec.Run
		kind spec.Kind
	}{
		{"cable", spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 0.025, Trials: 2, Rates: "fast",
			Record: spec.Record{VSec: "soma", GIDs: []int{0, 5}}, Output: spec.Output{SmoothMs: 30, Scale: 3000, HNNFiles: true}}, spec.KindCable},
		{"point", spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 1000, DtMs: 0.125, Trials: 3, Seed: 7, Scheme: "snnjl"}, spec.KindPoint},
		{"mixed", spec.Run{Network: hnn.ERPThalamic(), TStopMs: 170, DtMs: 0.025, PointDtMs: 0.05, Trials: 1, Scheme: "lamina"}, spec.KindMixed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if k := tc.run.Kind(); k != tc.kind {
				t.Errorf("kind %s, want %s", k, tc.kind)
			}
			if err := tc.run.Validate(nil); err != nil {
				t.Fatal(err)
			}
			var a bytes.Buffer
			if err := tc.run.Write(&a); err != nil {
				t.Fatal(err)
			}
			back, err := spec.Read(bytes.NewReader(a.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := back.Write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("writing the read spec gives other bytes")
			}
			if !reflect.DeepEqual(back.Ranges(), tc.run.Ranges()) {
				t.Errorf("ranges %v, want %v", back.Ranges(), tc.run.Ranges())
			}
		})
	}
}

// TestValidate checks that bad specs fail with the field named.
func TestValidate(t *testing.T) {
	erp := func(edit func(r *spec.Run)) spec.Run {
		r := spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 0.025, Trials: 1}
		edit(&r)
		return r
	}
	pt := func(edit func(r *spec.Run)) spec.Run {
		r := spec.Run{Point: snnjl.LIFNoise(), TStopMs: 100, DtMs: 0.125, Trials: 1}
		edit(&r)
		return r
	}
	mixed := func(edit func(r *spec.Run)) spec.Run {
		r := spec.Run{Network: hnn.ERPThalamic(), TStopMs: 170, DtMs: 0.025, Trials: 1}
		edit(&r)
		return r
	}
	for _, tc := range []struct {
		name string
		run  spec.Run
		want string
	}{
		{"no model", spec.Run{TStopMs: 10, DtMs: 0.025, Trials: 1}, "no model"},
		{"two models", erp(func(r *spec.Run) { r.Point = snnjl.LIFNoise() }), "network and point are both set"},
		{"dt", erp(func(r *spec.Run) { r.DtMs = -1 }), "dt_ms = -1"},
		{"tstop", erp(func(r *spec.Run) { r.TStopMs = 0 }), "tstop_ms = 0"},
		{"steps", erp(func(r *spec.Run) { r.TStopMs = 170.01 }), "not a whole number of steps of dt_ms"},
		{"trials", erp(func(r *spec.Run) { r.Trials = 0 }), "trials = 0"},
		{"absurd trials", erp(func(r *spec.Run) { r.Trials = 1_000_000_000 }), "trials = 1000000000: must be in [1, 1000000] (spec.MaxTrials)"},
		{"absurd tstop", erp(func(r *spec.Run) { r.TStopMs = 1e12 }), "tstop_ms = 1e+12: 4e+13 steps of dt_ms = 0.025, more than 1000000000"},
		{"huge tstop", erp(func(r *spec.Run) { r.TStopMs = 1e308 }), "tstop_ms = 1e+308"},
		{"rates", erp(func(r *spec.Run) { r.Rates = "turbo" }), `rates = "turbo"`},
		{"rates on point", pt(func(r *spec.Run) { r.Rates = "fast" }), "applies to cable cells"},
		{"scheme", pt(func(r *spec.Run) { r.Scheme = "rk4" }), "scheme"},
		{"scheme on cable", erp(func(r *spec.Run) { r.Scheme = "euler" }), "applies to point neurons"},
		{"seed on cable", erp(func(r *spec.Run) { r.Seed = 3 }), "takes its seeds from its drives"},
		{"record", erp(func(r *spec.Run) { r.Record.VSec = "dend" }), `record.vsec = "dend"`},
		{"record gid", erp(func(r *spec.Run) { r.Record.GIDs = []int{100000} }), "record.gids[0] = 100000"},
		{"record point", pt(func(r *spec.Run) { r.Record.VSec = "soma" }), "monitors"},
		{"smooth", erp(func(r *spec.Run) { r.Output.SmoothMs = 0.5 }), "output.smooth_ms = 0.5"},
		{"point dt", mixed(func(r *spec.Run) { r.PointDtMs = 0.03 }), "point_dt_ms = 0.03: must be a whole multiple"},
		{"point dt on cable", erp(func(r *spec.Run) { r.PointDtMs = 0.05 }), "applies to mixed networks"},
		{"dipole on point", pt(func(r *spec.Run) { r.Output.SmoothMs = 10 }), "a point network has none"},
		// mixed networks: kinds joined wrongly
		{"point target with a cable receptor", mixed(func(r *spec.Run) {
			c := r.Network.Connections[len(r.Network.Connections)-1]
			c.Src, c.Target = "L5_pyramidal", hnn.ThalamusName
			r.Network.Connections = append(r.Network.Connections, c)
		}), `target "thalamus" is a point population: connect onto point neurons in point.connections, with a point receptor (ge, gi)`},
		{"missing point population", mixed(func(r *spec.Run) {
			r.Network.Connections[len(r.Network.Connections)-1].Src = "thalamus2"
		}), `src "thalamus2" is not a population or drive`},
		{"missing pre of a point connection", mixed(func(r *spec.Run) {
			r.Network.Point.Connections = append(r.Network.Point.Connections, pointnet.Connection{Pre: "L6_pyramidal", Post: hnn.ThalamusName, Receptor: "ge", P: 0.1, Weight: pointnet.NS(1)})
		}), `pre = "L6_pyramidal": no such population`},
		{"point name taken", mixed(func(r *spec.Run) { r.Network.Point.Populations[0].Name = "L2_basket" }), `name already used by a population`},
		// electrode arrays
		{"electrode nan", lfpRun(func(a *electrode.Array) { a.PositionsUm[2][0] = math.NaN() }), `electrodes[0]: electrode array "shank1": positions_um[2] = [NaN 135 -125]: must be finite`},
		{"electrode conductivity", lfpRun(func(a *electrode.Array) { a.ConductivitySPerM = -0.3 }), `electrodes[0]: electrode array "shank1": conductivity_S_per_m = -0.3: must be finite and > 0`},
		{"electrode method", lfpRun(func(a *electrode.Array) { a.Method = "kcsd" }), `electrodes[0]: electrode array "shank1": method = "kcsd": want "psa" or "lsa"`},
		{"electrode empty", lfpRun(func(a *electrode.Array) { a.PositionsUm = nil }), `electrodes[0]: electrode array "shank1": positions_um is empty`},
		{"electrode min distance", lfpRun(func(a *electrode.Array) { a.MinDistanceUm = -1 }), `min_distance_um = -1: must be finite and > 0`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run.Validate(nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// lfpRun is the extracellular example with its array edited.
func lfpRun(edit func(a *electrode.Array)) spec.Run {
	r := spec.Run{Network: hnn.LFP(), TStopMs: 170, DtMs: 0.025, Trials: 1}
	edit(&r.Network.Electrodes[0])
	return r
}

// TestSet changes values by path in every kind of model and in the run.
func TestSet(t *testing.T) {
	r := spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 100, DtMs: 0.125, Trials: 1}
	if err := r.Set("poisson.noiseE.rate_hz", 20.0); err != nil {
		t.Fatal(err)
	}
	if r.Point.Poisson[0].RateHz != 20 {
		t.Errorf("rate %g", r.Point.Poisson[0].RateHz)
	}
	if err := r.Set("run.tstop_ms", 50.0); err != nil || r.TStopMs != 50 {
		t.Errorf("run.tstop_ms: %v %g", err, r.TStopMs)
	}
	if err := r.Set("poisson.noiseX.rate_hz", 1.0); err == nil || !strings.Contains(err.Error(), `no element named "noiseX"`) {
		t.Errorf("bad path: %v", err)
	}
	c := spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 0.025}
	if err := c.Set("drives.evprox1.evoked.mu_ms", 30.0); err != nil || c.Network.Drives[1].Evoked.MuMs != 30 {
		t.Errorf("cable set: %v", err)
	}
}

// TestWarnings checks that a valid run with a step too long for its
// model's dynamics is warned about (issue 16: dt 10 ms with HNN cells
// gave 0 spikes and no word).
func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  spec.Run
		want []string
	}{
		{"cable dt 10 ms", spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 10, Trials: 1}, []string{
			"spec: dt_ms = 10 is longer than 0.1 ms, the longest step that resolves a cable cell's spike; the run may show too few spikes or none (HNN-core's step is 0.025 ms)"}},
		{"cable dt 0.2 ms", spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 0.2, Trials: 1}, []string{"dt_ms = 0.2 is longer than 0.1 ms"}},
		{"cable dt 0.1 ms", spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 0.1, Trials: 1}, nil},
		{"cable default", spec.Run{Network: hnn.ERPSync(), TStopMs: 170, DtMs: 0.025, Trials: 1}, nil},
		{"point dt 2 ms", spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 1000, DtMs: 2, Trials: 1}, []string{
			"spec: dt_ms = 2 is longer than 1 ms, the longest step that resolves point neurons' synaptic currents and refractory periods"}},
		{"point dt 0.125 ms", spec.Run{Point: snnjl.EIBalanced(10), TStopMs: 1000, DtMs: 0.125, Trials: 1}, nil},
		{"mixed point step", spec.Run{Network: hnn.ERPThalamic(), TStopMs: 170, DtMs: 0.025, PointDtMs: 2, Trials: 1}, []string{"point_dt_ms = 2 is longer than 1 ms"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run.Validate(nil); err != nil {
				t.Fatalf("a warning is for valid runs: %v", err)
			}
			got := tc.run.Warnings()
			if len(got) != len(tc.want) {
				t.Fatalf("warnings %q, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q does not say %q", got[i], w)
				}
			}
		})
	}
}
