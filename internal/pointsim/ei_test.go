package pointsim

import (
	"encoding/json"
	"github.com/laminasim/lamina/analysis"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
)

// The balanced E/I network references (testdata, from the reference set's
// ei_network/, README section 2): Brian2 ports of SNN.jl's step order
// (ei_snnjl_*) and idiomatic Brian2 (ei_brian2_*: Euler, 15 frozen steps,
// increments applied in full), seed 1, 10 s at dt 0.125 ms. Our random
// streams differ from theirs, so the comparison is statistical.
type eiSummary struct {
	RateE   float64 `json:"rate_E_3to10s_Hz"`
	RateI   float64 `json:"rate_I_3to10s_Hz"`
	CVE     float64 `json:"CV_ISI_E_mean"`
	CVI     float64 `json:"CV_ISI_I_mean"`
	RateE03 float64 `json:"rate_E_0to3s_Hz"`
	RateI03 float64 `json:"rate_I_0to3s_Hz"`
	NSyn    map[string]int
}

func loadEI(t *testing.T, name string) eiSummary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		eiSummary
		NSyn map[string]int `json:"n_syn"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	s.eiSummary.NSyn = s.NSyn
	return s.eiSummary
}

// within reports |got/want - 1| <= tol.
func within(got, want, tol float64) bool { return math.Abs(got/want-1) <= tol }

// TestEIConnectivity checks the lowered network against the reference's
// synapse counts: fixed in-degree gives exactly 400 E and 100 I inputs per
// neuron, E→I and I→E exactly 800,000 synapses, and E→E and I→I lose the
// autapses drawn before their removal (SNN.jl zeroes the diagonal after
// sampling): about 400·8000/8000 = 400 and 100·2000/2000 = 100 expected
// (reference: 407 and 97 removed), within 5 standard deviations.
func TestEIConnectivity(t *testing.T) {
	ref := loadEI(t, "ei_snnjl_10Hz_summary.json")
	sim, err := New(snnjl.EIBalanced(10), Config{DtMs: 0.125})
	if err != nil {
		t.Fatal(err)
	}
	n, bytes := sim.Synapses()
	if n["E_to_I"] != ref.NSyn["EI"] || n["I_to_E"] != ref.NSyn["IE"] || n["noiseE"] != ref.NSyn["PE"] || n["noiseI"] != ref.NSyn["PI"] {
		t.Errorf("synapses %v, reference %v", n, ref.NSyn)
	}
	for _, c := range []struct {
		name string
		full int
	}{{"E_to_E", 3200000}, {"I_to_I", 200000}} {
		removed := c.full - n[c.name]
		if math.Abs(float64(removed)-float64(c.full)/float64(map[string]int{"E_to_E": 8000, "I_to_I": 2000}[c.name])) > 5*math.Sqrt(float64(c.full)/8000) {
			t.Errorf("%s: %d autapses removed", c.name, removed)
		}
	}
	total := 0
	for _, v := range n {
		total += v
	}
	if per := float64(bytes) / float64(total); per > 4.1 {
		t.Errorf("%.2f bytes per synapse", per)
	}
	t.Logf("synapses %v; %.3f bytes per synapse; build %v", n, float64(bytes)/float64(total), sim.build)
}

// runEI runs ei-balanced at rateHz for tstopMs and returns its 3-10 s (or
// [fromMs, tstopMs)) statistics.
func runEI(t *testing.T, rateHz float64, s point.Scheme, seed uint64, fromMs, tstopMs float64) []analysis.PopStats {
	t.Helper()
	sim, err := New(snnjl.EIBalanced(rateHz), Config{DtMs: 0.125, Scheme: s, Seed: seed, NoPoissonSpikes: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Run(tstopMs); err != nil {
		t.Fatal(err)
	}
	st := analysis.PopulationsStats(sim.Result().Spikes, sim.Result().Ranges, fromMs, tstopMs, 5)
	build, run := sim.WallTimes()
	t.Logf("%s %g Hz seed %d: [%g, %g) ms: E %.3f Hz (CV %.3f), I %.3f Hz (CV %.3f); build %v, run %v",
		s, rateHz, sim.Seed(), fromMs, tstopMs, st[0].RateHz, st[0].CVMean, st[1].RateHz, st[1].CVMean, build, run)
	return st
}

// TestEI10Hz checks the asynchronous irregular state at 10 Hz afferents
// over 3-10 s, the reference's window, for both schemes:
//   - SNN.jl scheme against the SNN.jl-literal reference (E 2.50 Hz, I 6.76
//     Hz, mean ISI CV 1.00 and 1.10): rates within 10%, CVs within 0.1.
//     The tolerance covers the realisation: the reference's population rate
//     wanders between 1.6 and 3.5 Hz over 500 ms windows, and 3-10 s means
//     of different seeds differ by a few per cent (measured here: +1.8%,
//     +1.6%).
//   - Lamina scheme against the same reference, within the same
//     tolerances, and against idiomatic Brian2 (E 2.68, I 7.29 Hz, CV 1.01,
//     1.11), the reference of its step semantics, within 5% and 0.1. The
//     Lamina scheme fires about 7% more than SNN.jl's: SNN.jl freezes a
//     spiking neuron for 16 steps where τref = 2 ms is 15 steps after the
//     spike step, and it decays each synaptic increment once before its
//     first use ((ge + in)(1 - dt/τ)); idiomatic Brian2 shares Lamina's
//     conventions and its rates.
//
// Every neuron is active in both. Under -short only the first second of
// each is run, against loose bounds (E 1-5 Hz, I 3-12 Hz).
func TestEI10Hz(t *testing.T) {
	snnjl, brian := loadEI(t, "ei_snnjl_10Hz_summary.json"), loadEI(t, "ei_brian2_10Hz_summary.json")
	if testing.Short() {
		for _, s := range []point.Scheme{point.SchemeSNNjl, point.SchemeLamina} {
			st := runEI(t, 10, s, 0, 200, 1000)
			if st[0].RateHz < 1 || st[0].RateHz > 5 || st[1].RateHz < 3 || st[1].RateHz > 12 {
				t.Errorf("%s: E %.2f Hz, I %.2f Hz in 0.2-1 s", s, st[0].RateHz, st[1].RateHz)
			}
		}
		return
	}
	check := func(s point.Scheme, st []analysis.PopStats, ref eiSummary, rateTol float64, label string) {
		e, i := st[0], st[1]
		if !within(e.RateHz, ref.RateE, rateTol) || !within(i.RateHz, ref.RateI, rateTol) {
			t.Errorf("%s vs %s: rates E %.3f I %.3f Hz, reference %.3f %.3f (tolerance %g%%)", s, label, e.RateHz, i.RateHz, ref.RateE, ref.RateI, 100*rateTol)
		}
		if math.Abs(e.CVMean-ref.CVE) > 0.1 || math.Abs(i.CVMean-ref.CVI) > 0.1 {
			t.Errorf("%s vs %s: CV E %.3f I %.3f, reference %.3f %.3f", s, label, e.CVMean, i.CVMean, ref.CVE, ref.CVI)
		}
		if e.FracActive < 0.99 || i.FracActive < 0.99 {
			t.Errorf("%s: active fractions %.3f %.3f", s, e.FracActive, i.FracActive)
		}
	}
	st := runEI(t, 10, point.SchemeSNNjl, 0, 3000, 10000)
	check(point.SchemeSNNjl, st, snnjl, 0.10, "SNN.jl")
	st = runEI(t, 10, point.SchemeLamina, 0, 3000, 10000)
	check(point.SchemeLamina, st, snnjl, 0.10, "SNN.jl")
	check(point.SchemeLamina, st, brian, 0.05, "idiomatic Brian2")
}

// chunkRun runs ei-balanced at 4 Hz in 250 ms chunks up to maxMs, or one
// chunk past the first chunk whose E rate exceeds 50 Hz (the reference's
// runaway detector), and returns the E and I rates of each
// chunk and the index of the runaway chunk (-1: none).
func chunkRun(t *testing.T, s point.Scheme, seed uint64, maxMs float64) (e, i []float64, runaway int) {
	t.Helper()
	sim, err := New(snnjl.EIBalanced(4), Config{DtMs: 0.125, Scheme: s, Seed: seed, NoPoissonSpikes: true})
	if err != nil {
		t.Fatal(err)
	}
	runaway = -1
	for c := 0; float64(c+1)*250 <= maxMs || runaway >= 0; c++ {
		n0 := len(sim.Spikes())
		if err := sim.Run(float64(c+1) * 250); err != nil {
			t.Fatal(err)
		}
		ne, ni := 0, 0
		for _, sp := range sim.Spikes()[n0:] {
			if sp.GID < snnjl.EICount {
				ne++
			} else {
				ni++
			}
		}
		e, i = append(e, float64(ne)/snnjl.EICount/0.25), append(i, float64(ni)/snnjl.ICount/0.25)
		if runaway >= 0 {
			break // the chunk after detection: saturated throughout
		}
		if e[c] > 50 {
			runaway = c
		}
	}
	return e, i, runaway
}

// TestEI4Hz checks the bistable regime at 4 Hz afferents with the SNN.jl
// scheme, over seeds 1-6 (each run 3 s, or until one chunk past its
// runaway):
//   - the low state: over the chunks before the first above 10 Hz (the
//     onset of a runaway), the mean E rate is
//     between 0.2 and 1.2 Hz and the I/E rate ratio between 1.5 and 3
//     (reference seeds 1 and 5: E 0.61 and 0.63 Hz, I/E 2.05 and 2.24 over
//     0-3 s; seed 5 over 3-10 s: 0.37 Hz, 2.27; our seeds' low states range
//     from 0.2 to 0.9 Hz, the windows being dominated by a few population
//     bursts); it is bursty: at least a quarter of the 250 ms chunks have E
//     below 0.05 Hz and some chunk exceeds 0.5 Hz (reference: 40% below
//     0.05 Hz, bursts of 0.5-3.4 Hz);
//   - the runaway: at least half the seeds reach the saturated state within
//     3 s (reference: 4 of 5 seeds within 10 s, at 1.0, 3.0, 5.7, 9.25 s),
//     where every neuron fires once every 17 steps (16 frozen steps plus
//     the spike step): E and I at 1000/(17·0.125) = 470.6 Hz within 1%
//     (reference: 470.7 Hz).
//
// The Lamina scheme is bistable too: its low state is checked over 0-3 s
// for seed 1 (E between 0.2 and 1.5 Hz, I/E between 1.5 and 3; idiomatic
// Brian2's reference runs at 0.9 Hz over its first 3 s), and seed 5 runs
// away within 3 s (of seeds 1-10, 6 run away within 9 s) into the
// saturated state of its refractory convention, one spike every 16 steps:
// 500 Hz within 0.5% (idiomatic Brian2's reference: 500.0 Hz). Skipped
// under -short.
func TestEI4Hz(t *testing.T) {
	if testing.Short() {
		t.Skip("4 Hz runs take about 20 s")
	}
	var lowE, lowI []float64
	quiet, bursts, runaways := 0, 0, 0
	for seed := uint64(1); seed <= 6; seed++ {
		e, i, r := chunkRun(t, point.SchemeSNNjl, seed, 3000)
		// The low state ends at the first chunk above 10 Hz (the onset of
		// the runaway, or the detected chunk itself).
		low := len(e)
		for c := range e {
			if e[c] > 10 {
				low = c
				break
			}
		}
		if r >= 0 {
			runaways++
			sat := 1000 / (17 * 0.125)
			if last := len(e) - 1; last == r || !within(e[last], sat, 0.01) || !within(i[last], sat, 0.01) {
				t.Errorf("seed %d: saturated chunk rates E %v I %v, want %.1f Hz", seed, e[last], i[last], sat)
			}
		}
		for c := range low {
			lowE, lowI = append(lowE, e[c]), append(lowI, i[c])
			if e[c] < 0.05 {
				quiet++
			}
			if e[c] > 0.5 {
				bursts++
			}
		}
		t.Logf("seed %d: runaway chunk %d; E by chunk %.2f", seed, r, e)
	}
	me, mi := mean(lowE), mean(lowI)
	t.Logf("low state: %d chunks, E %.3f Hz, I %.3f Hz, %d quiet, %d bursting; %d of 6 seeds ran away", len(lowE), me, mi, quiet, bursts, runaways)
	if me < 0.2 || me > 1.2 || mi/me < 1.5 || mi/me > 3 {
		t.Errorf("low state E %.3f Hz, I/E %.2f", me, mi/me)
	}
	if 4*quiet < len(lowE) || bursts == 0 {
		t.Errorf("low state not bursty: %d of %d chunks quiet, %d bursts", quiet, len(lowE), bursts)
	}
	if runaways < 3 {
		t.Errorf("%d of 6 seeds ran away within 3 s", runaways)
	}
	st := runEI(t, 4, point.SchemeLamina, 1, 0, 3000)
	if e, i := st[0].RateHz, st[1].RateHz; e < 0.2 || e > 1.5 || i/e < 1.5 || i/e > 3 {
		t.Errorf("lamina 4 Hz low state over 0-3 s: E %.3f Hz, I %.3f Hz", e, i)
	}
	e, i, r := chunkRun(t, point.SchemeLamina, 5, 3000)
	if last := len(e) - 1; r < 0 || last == r || !within(e[last], 500, 0.005) || !within(i[last], 500, 0.005) {
		t.Errorf("lamina seed 5: runaway chunk %d, E by chunk %.2f, I %.2f; want a runaway to 500 Hz", r, e, i)
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
