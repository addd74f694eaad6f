package hnn_test

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/laminasim/lamina/models/hnn"
)

// zooReference is testdata/zoo_<name>.json.gz: trial 0 of the HNN-core
// (NEURON) simulation that a zoo example mirrors, made by
// testdata/gen_zoo_reference.py (which documents the format; the Python
// that built each network is in the file's "python").
type zooReference struct {
	Example string `json:"example"`
	HNNCore struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
		NEURON  string `json:"neuron"`
	} `json:"hnn_core"`
	TStopMs     float64        `json:"tstop_ms"`
	DtMs        float64        `json:"dt_ms"`
	WallTimeS   float64        `json:"wall_time_s"`
	SpikeCounts map[string]int `json:"spike_counts"`
	// SpikeGIDs and SpikeTimesMs are every spike of trial 0 (drive cells
	// included), sorted by (gid, time), times rounded to 1e-9 ms.
	SpikeGIDs    []int     `json:"spike_gids"`
	SpikeTimesMs []float64 `json:"spike_times_ms"`
	Dipole       struct {
		Units    string  `json:"units"`
		Decimate int     `json:"decimate"`
		N        int     `json:"n_samples"`
		Quantum  float64 `json:"quantum_nAm"`
		// SecondDiffs are each layer's samples in units of Quantum,
		// differenced twice.
		SecondDiffs map[string][]int64 `json:"second_differences"`
	} `json:"dipole"`
}

func readZooReference(t *testing.T, name string) *zooReference {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "zoo_"+name+".json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var ref zooReference
	if err := json.NewDecoder(z).Decode(&ref); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if ref.Example != name || ref.Dipole.Units != "nAm" || ref.Dipole.Decimate < 1 || len(ref.SpikeGIDs) != len(ref.SpikeTimesMs) {
		t.Fatalf("%s: reference is for %q, dipole in %q every %d samples, %d spike gids for %d times",
			name, ref.Example, ref.Dipole.Units, ref.Dipole.Decimate, len(ref.SpikeGIDs), len(ref.SpikeTimesMs))
	}
	return &ref
}

// layer decodes one layer of the reference dipole (nAm), one value per
// Decimate-th sample.
func (r *zooReference) layer(t *testing.T, name string) []float64 {
	t.Helper()
	d := r.Dipole.SecondDiffs[name]
	if len(d) != r.Dipole.N {
		t.Fatalf("reference %s: %d samples, want %d", name, len(d), r.Dipole.N)
	}
	out := make([]float64, len(d))
	var slope, c int64
	for i, v := range d {
		slope += v
		c += slope
		out[i] = float64(c) * r.Dipole.Quantum
	}
	return out
}

// TestZooMatchesHNNCore compares trial 0 of every zoo example with HNN-core
// 0.6.2.dev0 (commit 5ca983a3) on NEURON 8.2.2 running the same network,
// built by HNN-core's own model functions with the drives of the HNN-core
// example it mirrors (testdata/gen_zoo_reference.py): the same spike counts
// per type, the same spikes (every gid, every time, drive cells included)
// and the same dipole (agg, L2, L5, every 4th sample).
//
// Lamina integrates with NEURON's method (fixed-step backward Euler with
// the staggered channel update), its rate tables, constants, seeds and
// event-delivery order, so the two runs do the same arithmetic up to
// floating-point rounding and libm: no example diverges, none needs a
// statistical criterion. Measured against the full-precision HNN-core
// output: every spike identical in all nine (same gids, times within
// 1.2e-10 ms: NEURON reports the step's accumulated t, e.g.
// 128.97500000011962, where Lamina reports 128.975; Poisson and bursty
// drive times equal to the bit or within one ulp), and dipole NRMSE 1e-14
// to 1.5e-13 in every layer except calcium's L5 and agg, 4e-11 (a
// last-bit difference grows to 3.8e-11 nAm during the L5 dendritic
// calcium response around 107 ms and decays back to 1e-14).
//
// Tolerances, the same for every example:
//   - spike times within 1e-6 ms: the measured 1.2e-10 ms and the
//     references' rounding to 1e-9 ms are far below it, while a spike that
//     really moves does so by at least one step (0.025 ms), 25000 times the
//     tolerance;
//   - dipole NRMSE (RMS of the difference over max |reference agg|) under
//     1e-8 for agg, L2 and L5: the references resolve 2^-34 of max |agg|,
//     so the NRMSE seen here is that quantisation, 1.7e-11 (4.3e-11 for
//     calcium); 1e-8 leaves a factor 200 above the largest real difference
//     measured yet fails on anything that is not rounding. It matters for
//     alpha and beta, whose weak bursty drives make no cell fire: there
//     the dipole is the whole comparison (their max |agg| is the
//     renormalised dipole at t = 0, 0.0049 nAm; the driven dipole stays
//     under 0.002 nAm, so the bound is 2.5e-8 of it).
func TestZooMatchesHNNCore(t *testing.T) {
	const (
		spikeTolMs = 1e-6
		maxNRMSE   = 1e-8
	)
	// Each example and the HNN-core code it mirrors (the Python that built
	// each reference is in its file's "python").
	cases := []struct{ name, mirrors string }{
		{"alpha", "plot_simulate_alpha.py, first simulation"},
		{"beta", "plot_simulate_alpha.py, second simulation (alpha_dist added)"},
		{"gamma-weak", "plot_simulate_gamma.py, first simulation"},
		{"gamma-strong", "plot_simulate_gamma.py, second simulation (add_tonic_bias)"},
		{"gamma-strong-tau2", "plot_simulate_gamma.py, third simulation (L5 GABAA tau2 = 2)"},
		{"law2021-beta-erp", "plot_simulate_beta.py, net_beta_erp"},
		{"law2021-erp", "plot_simulate_beta.py, net_erp"},
		{"calcium", "calcium_model() with Lamina's ERP drives (event_seed 4; no HNN-core example)"},
		{"somato", "plot_simulate_somato.py (trial 0)"},
		{"optimize-evoked", "optimize_evoked.py, the network before fitting (drives in its order)"},
		{"optimize-rhythmic", "optimize_rhythmic.py, set_params at the midpoints of its bounds"},
	}
	if len(cases) != len(zooNames) {
		t.Errorf("%d cases for %d zoo examples", len(cases), len(zooNames))
	}
	for i, c := range cases {
		if i < len(zooNames) && zooNames[i] != c.name {
			t.Errorf("case %d is %s, zoo example %s", i, c.name, zooNames[i])
		}
		name := c.name
		t.Run(name, func(t *testing.T) {
			ex, _ := hnn.ExampleNamed(name)
			run := zooGet(t, name)
			ref := readZooReference(t, name)
			t.Logf("%s: HNN-core %s (%.8s), NEURON %s: %d spikes, simulate_dipole %.0f s",
				c.mirrors, ref.HNNCore.Version, ref.HNNCore.Commit, ref.HNNCore.NEURON, len(ref.SpikeGIDs), ref.WallTimeS)
			if ex.TStopMs != ref.TStopMs || ref.DtMs != 0.025 {
				t.Fatalf("Lamina runs %g ms at dt 0.025 ms, the reference %g ms at %g", ex.TStopMs, ref.TStopMs, ref.DtMs)
			}

			for typ, want := range ref.SpikeCounts {
				if got := run.counts[typ]; got != want {
					t.Errorf("%s: %d spikes, HNN-core %d", typ, got, want)
				}
			}
			for typ, got := range run.counts {
				if _, ok := ref.SpikeCounts[typ]; !ok {
					t.Errorf("%s: %d spikes, none in HNN-core", typ, got)
				}
			}

			type spike struct {
				gid int
				t   float64
			}
			got := make([]spike, len(run.spikes))
			for i, sp := range run.spikes {
				got[i] = spike{int(sp.GID), sp.TimeMs}
			}
			sort.Slice(got, func(i, j int) bool {
				if got[i].gid != got[j].gid {
					return got[i].gid < got[j].gid
				}
				return got[i].t < got[j].t
			})
			if len(got) != len(ref.SpikeGIDs) {
				t.Errorf("%d spikes, HNN-core %d", len(got), len(ref.SpikeGIDs))
			}
			maxDt, bad := 0.0, 0
			for i := 0; i < min(len(got), len(ref.SpikeGIDs)); i++ {
				wt, wg := ref.SpikeTimesMs[i], ref.SpikeGIDs[i]
				d := math.Abs(got[i].t - wt)
				if got[i].gid == wg {
					maxDt = math.Max(maxDt, d)
				}
				if got[i].gid != wg || d > spikeTolMs {
					if bad++; bad <= 10 {
						t.Errorf("spike %d: gid %d at %.9f ms, HNN-core gid %d at %.9f ms", i, got[i].gid, got[i].t, wg, wt)
					}
				}
			}
			if bad > 10 {
				t.Errorf("... %d spikes differ in all", bad)
			}

			dec := ref.Dipole.Decimate
			if n := len(run.dpl.TimesMs); (n+dec-1)/dec != ref.Dipole.N {
				t.Fatalf("%d dipole samples, HNN-core %d every %d", n, ref.Dipole.N, dec)
			}
			refAgg := ref.layer(t, "agg")
			peak := 0.0
			for _, v := range refAgg {
				peak = math.Max(peak, math.Abs(v))
			}
			nrmse := map[string]float64{}
			for _, layer := range []string{"agg", "L2", "L5"} {
				want, g := ref.layer(t, layer), run.dpl.Data[layer]
				var se float64
				for i, w := range want {
					d := g[i*dec] - w
					se += d * d
				}
				nrmse[layer] = math.Sqrt(se/float64(len(want))) / peak
				if !(nrmse[layer] < maxNRMSE) {
					t.Errorf("dipole %s: NRMSE %.3g against HNN-core, want < %g", layer, nrmse[layer], maxNRMSE)
				}
			}
			t.Logf("%d spikes, %d differ, max |Δt| %.2g ms; dipole NRMSE agg %.2g, L2 %.2g, L5 %.2g (max |agg| %.4g nAm)",
				len(got), bad, maxDt, nrmse["agg"], nrmse["L2"], nrmse["L5"], peak)
		})
	}
}
