package engine_test

import (
	"math"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/neuron"
	"github.com/laminasim/lamina/morph"
)

func passiveCatalogue(t testing.TB) *mech.Catalogue {
	cat := mech.NewCatalogue(mech.NeuronIons())
	if err := cat.Add(neuron.Mechanisms()...); err != nil {
		t.Fatal(err)
	}
	return cat
}

// cable is a uniform passive cable with sealed ends: Ra 100 Ω·cm, cm
// 1 µF/cm², g_pas 1e-4 S/cm² (τ = 10 ms), diam 2 µm (λ = 707.1 µm), L 1000 µm,
// resting at -65 mV, with a current step of amp nA into its 0 end.
func cable(nseg int, amp float64) *cell.Cell {
	return &cell.Cell{
		Type: "cable",
		Morphology: morph.Morphology{Sections: []morph.Section{
			{Name: "dend", L: 1000, Diam: 2, NSeg: nseg, Ra: 100, Cm: 1, VInit: -65},
		}},
		Mechanisms: []cell.Paint{{Mech: "pas", Params: map[string]cell.Profile{"g": cell.Value(1e-4), "e": cell.Value(-65)}}},
		Points: []cell.Place{{Mech: "IClamp", Section: "dend", X: 0,
			Params: map[string]float64{"del": 0, "dur": 1e9, "amp": amp}}},
	}
}

// cableTheory returns λ (µm), the input scale r_a·λ·I0 (mV) and ℓ = L/λ.
func cableTheory(amp float64) (lambda, scale, ell float64) {
	const (
		d  = 2e-4 // cm
		rm = 1e4  // Ω·cm²
		ra = 100  // Ω·cm
		L  = 1000 // µm
	)
	lam := math.Sqrt(d * rm / (4 * ra))  // cm
	rAxial := 4 * ra / (math.Pi * d * d) // Ω/cm
	return lam * 1e4, rAxial * lam * amp * 1e-9 * 1e3, L / (lam * 1e4)
}

// steadyCable is the sealed-end steady state: ΔV(x) = r_a·λ·I0·cosh(ℓ - X)/sinh(ℓ).
func steadyCable(xUm, amp float64) float64 {
	lambda, scale, ell := cableTheory(amp)
	return scale * math.Cosh(ell-xUm/lambda) / math.Sinh(ell)
}

// transientCable is Rall's series for the response to a current step at
// the sealed end X = 0 of a finite sealed cable:
// ΔV(X,T) = (r_a·λ·I0/ℓ)·[(1 - e^-T) + 2 Σ cos(nπX/ℓ)·(1 - e^-(1+(nπ/ℓ)²)T)/(1 + (nπ/ℓ)²)].
func transientCable(xUm, tMs, amp float64) float64 {
	lambda, scale, ell := cableTheory(amp)
	X, T := xUm/lambda, tMs/10
	sum := 1 - math.Exp(-T)
	for n := 1; n <= 200000; n++ {
		a := float64(n) * math.Pi / ell
		k := 1 + a*a
		sum += 2 * math.Cos(a*X) * (1 - math.Exp(-k*T)) / k
	}
	return scale / ell * sum
}

func runCable(t *testing.T, nseg int, dt, tstop float64, xs []float64) [][]float64 {
	t.Helper()
	s, err := engine.New([]*cell.Cell{cable(nseg, 0.1)}, engine.Config{DtMs: dt, Celsius: 6.3, Catalogue: passiveCatalogue(t)})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int, len(xs))
	for i, x := range xs {
		if ids[i], err = s.ProbeV(0, "dend", x); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Run(tstop); err != nil {
		t.Fatal(err)
	}
	out := make([][]float64, len(xs))
	for i, id := range ids {
		out[i] = s.Trace(id)
	}
	return out
}

// TestPassiveCableSteadyState checks the sealed-end cable against its
// analytic steady state at the injection site and along the cable. NEURON's
// discretisation is second order in space, so the error must fall about
// ninefold each time nseg triples, and with 243 segments be under 1e-4 of
// the response (measured: 4.7e-6).
func TestPassiveCableSteadyState(t *testing.T) {
	prev := math.Inf(1)
	for _, nseg := range []int{3, 9, 27, 81, 243} {
		// probes at the injection end and at segment centres shared by all nseg
		xs := []float64{0, 0.5 / 3, 0.5, 2.5 / 3, 1}
		tr := runCable(t, nseg, 0.1, 300, xs) // 30 τ: the slowest mode has decayed to 1e-13
		worst := 0.0
		for i, x := range xs {
			got := tr[i][len(tr[i])-1] + 65
			want := steadyCable(x*1000, 0.1)
			worst = math.Max(worst, math.Abs(got-want)/steadyCable(0, 0.1))
		}
		t.Logf("nseg %3d: max relative error %.3g", nseg, worst)
		if nseg > 3 && worst > prev/6 {
			t.Errorf("nseg %d: error %.3g did not fall at second order from %.3g", nseg, worst, prev)
		}
		prev = worst
	}
	if prev > 1e-4 {
		t.Errorf("error with 243 segments %.3g, want < 1e-4", prev)
	}
}

// TestPassiveCableTransient checks the charging of the cable against Rall's
// series solution at several times and places. The error combines the
// spatial error (second order) and backward Euler's first-order time error;
// refining both must reduce it, to under 1e-3 of the steady response (measured: 2.8e-4).
func TestPassiveCableTransient(t *testing.T) {
	xs := []float64{0, 0.5, 2.5 / 3}
	times := []float64{0.5, 2, 5, 20}
	prev := math.Inf(1)
	for _, c := range []struct {
		nseg int
		dt   float64
	}{{9, 0.1}, {27, 0.025}, {81, 0.00625}} {
		tr := runCable(t, c.nseg, c.dt, 20, xs)
		worst := 0.0
		for i, x := range xs {
			for _, tm := range times {
				got := tr[i][engine.Steps(tm, c.dt)] + 65
				want := transientCable(x*1000, tm, 0.1)
				worst = math.Max(worst, math.Abs(got-want)/steadyCable(0, 0.1))
			}
		}
		t.Logf("nseg %d dt %g: max relative error %.3g", c.nseg, c.dt, worst)
		if worst > prev/2 {
			t.Errorf("error %.3g did not fall from %.3g", worst, prev)
		}
		prev = worst
	}
	if prev > 1e-3 {
		t.Errorf("finest error %.3g, want < 1e-3", prev)
	}
}

// TestSingleCompartmentDecay checks a passive isopotential compartment
// (τ = cm/g = 1 ms) relaxing from -60 to -70 mV. Backward Euler gives
// exactly v_n = E + (v_0 - E)/(1 + dt/τ)^n, to rounding; its deviation from
// the exponential is first order in dt, so halving dt halves it.
func TestSingleCompartmentDecay(t *testing.T) {
	prevErr := math.Inf(1)
	for _, dt := range []float64{0.1, 0.05, 0.025} {
		c := &cell.Cell{
			Type:       "ball",
			Morphology: morph.Morphology{Sections: []morph.Section{{Name: "soma", L: 10, Diam: 10, NSeg: 1, Ra: 100, Cm: 1, VInit: -60}}},
			Mechanisms: []cell.Paint{{Mech: "pas", Params: map[string]cell.Profile{"g": cell.Value(1e-3), "e": cell.Value(-70)}}},
		}
		s, err := engine.New([]*cell.Cell{c}, engine.Config{DtMs: dt, Celsius: 6.3, Catalogue: passiveCatalogue(t)})
		if err != nil {
			t.Fatal(err)
		}
		p, _ := s.ProbeV(0, "soma", 0.5)
		if err := s.Run(5); err != nil {
			t.Fatal(err)
		}
		maxErr := 0.0
		for n, v := range s.Trace(p) {
			be := -70 + 10/math.Pow(1+dt, float64(n))
			if math.Abs(v-be) > 1e-11 {
				t.Fatalf("dt %g step %d: v = %.15g, backward Euler %.15g", dt, n, v, be)
			}
			maxErr = math.Max(maxErr, math.Abs(v-(-70+10*math.Exp(-float64(n)*dt))))
		}
		if r := prevErr / maxErr; !math.IsInf(prevErr, 1) && (r < 1.8 || r > 2.2) {
			t.Errorf("dt %g: error %.3g vs %.3g at 2·dt, ratio %.3g, want ≈ 2", dt, maxErr, prevErr, r)
		}
		prevErr = maxErr
	}
}
