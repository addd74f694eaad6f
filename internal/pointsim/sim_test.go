package pointsim

import (
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/record"
)

// mixed returns a small network that exercises every model, rule, weight
// and delay path, and every kind of current.
func mixed() *pointnet.Network {
	ad := point.DefaultAdEx()
	ad.BPA = 20
	n := &pointnet.Network{Name: "mixed", Seed: 7, Populations: []pointnet.Population{
		pointnet.NewIFCond("E", 300, point.DefaultIFCond()),
		pointnet.NewAdEx("A", 50, ad),
		pointnet.NewLIF("L", 60, point.DefaultLIF()),
		pointnet.NewBallStick("B", 3, point.DefaultBallStick()),
	}}
	n.Populations[0].V0 = pointnet.Init{Kind: pointnet.InitUniform, LomV: -70, HimV: -50}
	n.Populations[2].V0 = pointnet.Init{Kind: pointnet.InitValue, ValuemV: -65}
	n.Connections = []pointnet.Connection{
		{Pre: "E", Post: "E", Receptor: "ge", P: 0.1, Weight: pointnet.NS(2), DelayMs: 0.5, DelayMaxMs: 3},
		{Pre: "E", Post: "A", Receptor: "ge", P: 0.1, Rule: pointnet.RuleBernoulli, Weight: pointnet.Weight{NS: 1, Sigma: 0.5}},
		{Pre: "A", Post: "E", Receptor: "gi", P: 0.2, Weight: pointnet.NS(5), DelayMs: 1},
		{Pre: "E", Post: "L", Receptor: "exc", P: 0.05, Weight: pointnet.PA(20), DelayMs: 2, DelayMaxMs: 4},
		{Pre: "L", Post: "L", Receptor: "inh", P: 0.1, Rule: pointnet.RuleBernoulli, Autapses: true, Weight: pointnet.PA(10)},
		{Pre: "E", Post: "B", Receptor: "dend.glu", P: 0.2, Weight: pointnet.Scale(3)},
		{Pre: "A", Post: "B", Receptor: "soma.gaba", P: 0.5, Weight: pointnet.Scale(1), DelayMs: 1},
	}
	n.Poisson = []pointnet.PoissonLayer{
		{Name: "inE", N: 80, RateHz: 20, Target: "E", Receptor: "ge", P: 0.2, Weight: pointnet.NS(3)},
		{Name: "inA", N: 40, RateHz: 10, Target: "A", Receptor: "ge", P: 0.3, Rule: pointnet.RuleBernoulli, Weight: pointnet.NS(2), DelayMs: 1},
		{Name: "inB", N: 200, RateHz: 5, Target: "B", Receptor: "dend.glu", P: 1, Weight: pointnet.Scale(1)},
	}
	n.Currents = []pointnet.Current{
		{Name: "bias", Target: "E", Kind: pointnet.CurrentConstant, IpA: 50},
		{Name: "noise", Target: "E", Neurons: []int{3, 1, 200}, Kind: pointnet.CurrentNoise, Noise: &pointnet.Noise{BasepA: 100, SigmapA: 200, Alpha: 0.5}},
		{Name: "sine", Target: "A", Kind: pointnet.CurrentSine, Sine: &pointnet.Sine{AmplitudepA: 300, FreqHz: 20, PhasePerNeuronRad: 0.3, OffsetpA: 100}},
		{Name: "ramp", Target: "L", Kind: pointnet.CurrentRamp, Ramp: &pointnet.Ramp{StartMs: 10, PeakMs: 60, EndMs: 150, PeakpA: 80}},
		{Name: "steps", Target: "B", Port: "dend", Kind: pointnet.CurrentSteps, Steps: []pointnet.Step{{TMs: 5, IpA: 50}, {TMs: 100, IpA: 0}}},
	}
	n.Monitors = []pointnet.Monitor{
		{Population: "E", Variables: []string{"v", "ge", pointnet.VariableI}, Neurons: []int{1, 150, 299}, EveryMs: 0.5},
		{Population: "A", Variables: []string{"v", "w"}, Neurons: []int{0}},
		{Population: "B", Variables: []string{"v_s", "v_d", "g_dend_NMDA"}, EveryMs: 1},
	}
	return n
}

// TestThreadsBitIdentical runs the mixed network (every model, rule,
// weight and delay path, every current kind, a Go current function) and
// 300 ms of the balanced network with 1, 2 and 4 threads in every scheme
// that applies, and requires identical spikes and traces (DESIGN.md rule
// 7): inputs are summed in an order independent of the split, and every
// random number comes from a keyed stream. The same holds for 2 and 3
// in-process ranks (dist.NewGroup) of 1 or 2 threads: every rank ends
// with every spike and trace.
func TestThreadsBitIdentical(t *testing.T) {
	type out struct {
		spikes []record.Spike
		traces []record.Series
		syn    map[string]int
	}
	runComm := func(net *pointnet.Network, s point.Scheme, threads int, tstop float64, comm dist.Comm) (out, error) {
		sim, err := New(net, Config{DtMs: 0.125, Scheme: s, Threads: threads, Comm: comm})
		if err != nil {
			return out{}, err
		}
		if net.Name == "mixed" {
			if err := sim.SetCurrentFunc("go", "L", "", []int{0, 5, 59}, func(tm float64, i int) float64 { return 30 + tm/10 + float64(i) }); err != nil {
				return out{}, err
			}
		}
		// Two Runs: traces are gathered at the end of each.
		if err := sim.Run(tstop / 2); err != nil {
			return out{}, err
		}
		if err := sim.Run(tstop); err != nil {
			return out{}, err
		}
		syn, _ := sim.Synapses()
		return out{sim.Spikes(), sim.Traces(), syn}, nil
	}
	run := func(net *pointnet.Network, s point.Scheme, threads int, tstop float64) out {
		o, err := runComm(net, s, threads, tstop, nil)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	// runRanks runs ranks in-process ranks of threads threads each and
	// returns every rank's result.
	runRanks := func(net func() *pointnet.Network, s point.Scheme, ranks, threads int, tstop float64) []out {
		comms, err := dist.NewGroup(ranks)
		if err != nil {
			t.Fatal(err)
		}
		outs, errs := make([]out, ranks), make([]error, ranks)
		var wg sync.WaitGroup
		for r, c := range comms {
			wg.Go(func() { outs[r], errs[r] = runComm(net(), s, threads, tstop, c) })
		}
		wg.Wait()
		for r, err := range errs {
			if err != nil {
				t.Fatalf("rank %d: %v", r, err)
			}
		}
		return outs
	}
	cases := []struct {
		net    func() *pointnet.Network
		scheme point.Scheme
		tstop  float64
	}{
		{mixed, point.SchemeLamina, 200},
		{func() *pointnet.Network { return snnjl.EIBalanced(10) }, point.SchemeLamina, 300},
		{func() *pointnet.Network { return snnjl.EIBalanced(10) }, point.SchemeSNNjl, 300},
	}
	for _, c := range cases {
		ref := run(c.net(), c.scheme, 1, c.tstop)
		if len(ref.spikes) < 100 {
			t.Fatalf("%s: only %d spikes", c.net().Name, len(ref.spikes))
		}
		for _, th := range []int{2, 4} {
			got := run(c.net(), c.scheme, th, c.tstop)
			if !reflect.DeepEqual(got.spikes, ref.spikes) {
				t.Errorf("%s %s: %d threads: %d spikes differ from 1 thread's %d", c.net().Name, c.scheme, th, len(got.spikes), len(ref.spikes))
			}
			if !reflect.DeepEqual(got.traces, ref.traces) {
				t.Errorf("%s %s: %d threads: traces differ", c.net().Name, c.scheme, th)
			}
		}
		for _, rt := range [][2]int{{2, 1}, {2, 2}, {3, 1}} {
			for r, got := range runRanks(c.net, c.scheme, rt[0], rt[1], c.tstop) {
				if !reflect.DeepEqual(got.spikes, ref.spikes) {
					t.Errorf("%s %s: %d ranks × %d threads, rank %d: %d spikes differ from one rank's %d", c.net().Name, c.scheme, rt[0], rt[1], r, len(got.spikes), len(ref.spikes))
				}
				if !reflect.DeepEqual(got.traces, ref.traces) {
					t.Errorf("%s %s: %d ranks × %d threads, rank %d: traces differ", c.net().Name, c.scheme, rt[0], rt[1], r)
				}
				if !reflect.DeepEqual(got.syn, ref.syn) {
					t.Errorf("%s %s: %d ranks × %d threads, rank %d: synapses %v, one rank %v", c.net().Name, c.scheme, rt[0], rt[1], r, got.syn, ref.syn)
				}
			}
		}
	}
}

// TestRunContinues checks that running to 100 ms and then to 250 ms gives
// the run to 250 ms at once, that spikes are in time order (ties by gid)
// and that the population statistics match analysis.ISICV.
func TestRunContinues(t *testing.T) {
	a, err := New(mixed(), Config{DtMs: 0.125})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Run(100); err != nil {
		t.Fatal(err)
	}
	if err := a.Run(250); err != nil {
		t.Fatal(err)
	}
	b, _ := New(mixed(), Config{DtMs: 0.125})
	if err := b.Run(250); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Spikes(), b.Spikes()) || !reflect.DeepEqual(a.Traces(), b.Traces()) {
		t.Error("continued run differs")
	}
	if err := a.Run(200); err == nil {
		t.Error("running backwards accepted")
	}
	var calls int
	var last [2]float64
	c, _ := New(mixed(), Config{DtMs: 0.125, Progress: func(done, total float64) { calls, last = calls+1, [2]float64{done, total} }})
	if err := c.Run(250); err != nil {
		t.Fatal(err)
	}
	if calls != 2000/1024+1 || last != [2]float64{250, 250} {
		t.Errorf("progress: %d calls, last %v", calls, last)
	}
	sp := a.Spikes()
	for i := 1; i < len(sp); i++ {
		if sp[i].TimeMs < sp[i-1].TimeMs || (sp[i].TimeMs == sp[i-1].TimeMs && sp[i].GID <= sp[i-1].GID) {
			t.Fatalf("spikes %d, %d out of order: %v %v", i-1, i, sp[i-1], sp[i])
		}
	}
	res := a.Result()
	for _, st := range analysis.PopulationsStats(res.Spikes, res.Ranges, 0, 250, 3) {
		var r record.Range
		for _, x := range res.Ranges {
			if x.Name == st.Name {
				r = x
			}
		}
		trains := make([][]float64, r.N)
		for _, s := range sp {
			if r.Contains(s.GID) && s.TimeMs < 250 {
				trains[s.GID-r.First] = append(trains[s.GID-r.First], s.TimeMs)
			}
		}
		sum, n := 0.0, 0
		for _, tr := range trains {
			if len(tr) >= 3 {
				sum += analysis.ISICV(tr)
				n++
			}
		}
		if n != st.NCV || (n > 0 && math.Abs(sum/float64(n)-st.CVMean) > 1e-12) {
			t.Errorf("%s: CV %g over %d neurons, analysis.ISICV gives %g over %d", st.Name, st.CVMean, st.NCV, sum/float64(n), n)
		}
	}
	types := res.Types()
	for i, s := range sp {
		if types[i] == "" {
			t.Fatalf("spike %v has no type", s)
		}
	}
}

// TestDelay checks synaptic timing: one LIF neuron driven to fire once
// excites another through a 2 ms delay; the arrival shows as the jump of
// the target's excitatory current in the sample after the step it arrives
// in: at t_spike + delay + dt. With delay 0 the spike acts in the next
// step.
func TestDelay(t *testing.T) {
	for _, d := range []float64{0, 2} {
		p := point.DefaultLIF()
		net := &pointnet.Network{Populations: []pointnet.Population{pointnet.NewLIF("pre", 1, p), pointnet.NewLIF("post", 1, p)},
			Connections: []pointnet.Connection{{Pre: "pre", Post: "post", Receptor: "exc", P: 1, Weight: pointnet.PA(100), DelayMs: d}},
			Currents:    []pointnet.Current{{Name: "kick", Target: "pre", Kind: pointnet.CurrentSteps, Steps: []pointnet.Step{{TMs: 1, IpA: 5000}, {TMs: 1.5, IpA: 0}}}},
			Monitors:    []pointnet.Monitor{{Population: "post", Variables: []string{"i_exc"}}}}
		sim, err := New(net, Config{DtMs: 0.1})
		if err != nil {
			t.Fatal(err)
		}
		if err := sim.Run(10); err != nil {
			t.Fatal(err)
		}
		if len(sim.Spikes()) != 1 {
			t.Fatalf("delay %g: spikes %v", d, sim.Spikes())
		}
		ts := sim.Spikes()[0].TimeMs
		tr, _ := sim.Monitor("post", "i_exc")
		first := -1.0
		for k, v := range tr.Data[0] {
			if v > 0 {
				first = tr.TimeMs[k]
				break
			}
		}
		if math.Abs(first-(ts+d+0.1)) > 1e-9 {
			t.Errorf("delay %g: spike at %g ms, current from %g ms, want %g", d, ts, first, ts+d+0.1)
		}
	}
}

// TestPoissonRate checks a Poisson layer's sources: 1000 sources at 20 Hz
// for 2 s fire 40,000 spikes on average (Bernoulli per step with p =
// rate·dt); the count is within 4 standard deviations, and every source
// connects to every target with p = 1.
func TestPoissonRate(t *testing.T) {
	net := snnjl.LIFBalancedInput()
	net.Poisson[0].RateHz, net.Poisson[1].RateHz = 20, 20
	sim, err := New(net, Config{DtMs: 0.125})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Run(2000); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range sim.Spikes() {
		if sim.Ranges()[1].Contains(s.GID) {
			n++
		}
	}
	if math.Abs(float64(n)-40000) > 4*math.Sqrt(40000) {
		t.Errorf("%d spikes from noiseE, want 40000 ± %g", n, 4*math.Sqrt(40000))
	}
	syn, _ := sim.Synapses()
	if syn["noiseE"] != 1000 || syn["noiseI"] != 1000 {
		t.Errorf("synapses %v", syn)
	}
}

// TestCurrentsAndMonitor checks current waveforms through the monitor of
// I (the soma's external current, sampled at t = k·dt: the current of step
// k) and Go functions.
func TestCurrentsAndMonitor(t *testing.T) {
	p := point.DefaultLIF()
	p.VThmV = 1000
	net := &pointnet.Network{Populations: []pointnet.Population{pointnet.NewLIF("E", 3, p)},
		Currents: []pointnet.Current{
			{Name: "steps", Target: "E", Neurons: []int{0}, Kind: pointnet.CurrentSteps, Steps: []pointnet.Step{{TMs: 1, IpA: 10}, {TMs: 2, IpA: -5}}},
			{Name: "ramp", Target: "E", Neurons: []int{1}, Kind: pointnet.CurrentRamp, Ramp: &pointnet.Ramp{StartMs: 1, PeakMs: 3, EndMs: 4, PeakpA: 20}},
			{Name: "sine", Target: "E", Neurons: []int{2}, Kind: pointnet.CurrentSine, Sine: &pointnet.Sine{AmplitudepA: 10, FreqHz: 250, PhasePerNeuronRad: math.Pi / 2}},
		},
		Monitors: []pointnet.Monitor{{Population: "E", Variables: []string{pointnet.VariableI}}}}
	sim, err := New(net, Config{DtMs: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.SetCurrentFunc("go", "E", "", []int{2}, func(tm float64, i int) float64 { return 100 * float64(i) }); err != nil {
		t.Fatal(err)
	}
	if err := sim.Run(5); err != nil {
		t.Fatal(err)
	}
	tr, _ := sim.Monitor("E", pointnet.VariableI)
	// Sample k (t = k·0.5) holds the current of step k-1 (t = (k-1)·0.5):
	// the buffer is rewritten at the start of each step.
	want := [][]float64{
		{0, 0, 0, 10, 10, -5, -5, -5, -5, -5, -5},
		{0, 0, 0, 0, 5, 10, 15, 20, 20, 20, 0},
	}
	for n, w := range want {
		for k := range w {
			if math.Abs(tr.Data[n][k]-w[k]) > 1e-12 {
				t.Errorf("neuron %d sample %d (%.1f ms): %g pA, want %g", n, k, tr.TimeMs[k], tr.Data[n][k], w[k])
			}
		}
	}
	for k := 1; k < len(tr.TimeMs); k++ {
		tm := tr.TimeMs[k-1]
		w := 10*math.Sin(2*math.Pi*250*tm/1000+2*math.Pi/2) + 200
		if math.Abs(tr.Data[2][k]-w) > 1e-9 {
			t.Errorf("sine+go at %g ms: %g, want %g", tm, tr.Data[2][k], w)
		}
	}
	if err := sim.SetCurrentFunc("bad", "X", "", nil, func(float64, int) float64 { return 0 }); err == nil {
		t.Error("current on unknown population accepted")
	}
	if err := sim.SetCurrentFunc("bad", "E", "dend", nil, func(float64, int) float64 { return 0 }); err == nil {
		t.Error("current on unknown port accepted")
	}
}

// TestNoiseCurrent checks SNN.jl's CurrentNoise: with α = 0 the current is
// I_base + Normal(μ, σ) redrawn every step: over 20,000 steps of 10
// neurons its mean is within 4 standard errors of I_base + μ and its
// standard deviation within 2% of σ.
func TestNoiseCurrent(t *testing.T) {
	net := snnjl.LIFNoise()
	net.Populations[0].N = 10
	net.Populations[0].LIF.VThmV = 1000
	net.Monitors[0].EveryMs = 0
	sim, err := New(net, Config{DtMs: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Run(2000); err != nil {
		t.Fatal(err)
	}
	tr, _ := sim.Monitor("E", pointnet.VariableI)
	var s, ss float64
	n := 0
	for _, d := range tr.Data {
		for _, x := range d[1:] {
			s, ss, n = s+x, ss+x*x, n+1
		}
	}
	m := s / float64(n)
	sd := math.Sqrt(ss/float64(n) - m*m)
	if math.Abs(m-30) > 4*100/math.Sqrt(float64(n)) || math.Abs(sd/100-1) > 0.02 {
		t.Errorf("noise mean %g pA, sd %g pA; want 30, 100", m, sd)
	}
}

// TestConfigErrors checks that bad settings are rejected with clear
// messages.
func TestConfigErrors(t *testing.T) {
	good := snnjl.LIFNoise()
	for _, c := range []struct {
		cfg  Config
		net  func() *pointnet.Network
		tmax float64
		want string
	}{
		{Config{DtMs: 0}, snnjl.LIFNoise, 0, "dt_ms = 0"},
		{Config{DtMs: 0.1, Threads: -1}, snnjl.LIFNoise, 0, "threads = -1"},
		{Config{DtMs: 0.1, Scheme: "rk45"}, snnjl.LIFNoise, 0, `unknown scheme "rk45"`},
		{Config{DtMs: 0.1, Scheme: point.SchemeSNNjl}, snnjl.BallAndStick, 0, `ball_and_stick has no scheme "snnjl"`},
		{Config{DtMs: 0.3}, snnjl.LIFNoise, 0, "every_ms = 0.5 is not a whole number of steps"},
		{Config{DtMs: 0.125}, snnjl.LIFNoise, 1000.1, "not a whole number of steps"},
		{Config{DtMs: 0.125}, func() *pointnet.Network {
			n := snnjl.LIFNoise()
			n.Populations[0].LIF.TauMMs = -1
			return n
		}, 0, "tau_m_ms = -1"},
	} {
		sim, err := New(c.net(), c.cfg)
		if err == nil && c.tmax > 0 {
			err = sim.Run(c.tmax)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.cfg, err, c.want)
		}
	}
	_ = good
}

// TestZooRuns runs every example briefly and checks that it spikes, and
// that ball-and-stick (whose dendritic conductances reach hundreds of nS)
// stays finite and fires at a plausible rate with NMDA plateaus
// depolarising the dendrite.
func TestZooRuns(t *testing.T) {
	for _, e := range snnjl.Examples() {
		net := e.Network(snnjl.Options{})
		tstop := min(e.TStopMs, 500)
		if e.Name == "ei-balanced" {
			tstop = 100
		}
		sim, err := New(net, Config{DtMs: e.DtMs})
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		if err := sim.Run(tstop); err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		st := analysis.PopulationsStats(sim.Result().Spikes, sim.Result().Ranges, 0, tstop, 3)
		n := 0
		for _, s := range st {
			n += s.Spikes
		}
		if n == 0 {
			t.Errorf("%s: no spikes in %g ms", e.Name, tstop)
		}
		if e.Name == "ball-and-stick" {
			rate := st[0].RateHz
			vd, _ := sim.Monitor("E", "v_d")
			top := -100.0
			for _, v := range vd.Data[0] {
				top = max(top, v)
			}
			if rate < 1 || rate > 100 || top < -45 {
				t.Errorf("ball-and-stick: %.1f Hz, dendrite peaks at %.1f mV", rate, top)
			}
			t.Logf("ball-and-stick: %.1f Hz, dendrite peak %.1f mV", rate, top)
		}
	}
	if _, ok := snnjl.ExampleNamed("nope"); ok {
		t.Error("unknown example found")
	}
}

// TestNoAllocationPerStep checks that a running network allocates nothing
// per step: 1000 IF-cond neurons under Poisson input (weights too weak to
// make them fire, Poisson spikes not recorded, so the spike list does not
// grow) with a recurrent connection, a noise current and a sine current,
// advanced by 800 steps at a time on 1 and 2 threads. What remains is per
// Run call (the workers of a threaded run): below 0.05 allocations per
// step.
func TestNoAllocationPerStep(t *testing.T) {
	p := point.DefaultIFCond()
	net := &pointnet.Network{Populations: []pointnet.Population{pointnet.NewIFCond("E", 1000, p)},
		Connections: []pointnet.Connection{{Pre: "E", Post: "E", Receptor: "ge", P: 0.1, Weight: pointnet.NS(1), DelayMs: 1, DelayMaxMs: 2}},
		Poisson:     []pointnet.PoissonLayer{{Name: "in", N: 100, RateHz: 50, Target: "E", Receptor: "ge", P: 0.1, Weight: pointnet.NS(0.01)}},
		Currents: []pointnet.Current{
			{Name: "noise", Target: "E", Kind: pointnet.CurrentNoise, Noise: &pointnet.Noise{SigmapA: 1}},
			{Name: "sine", Target: "E", Kind: pointnet.CurrentSine, Sine: &pointnet.Sine{AmplitudepA: 1, FreqHz: 5}},
		}}
	for _, threads := range []int{1, 2} {
		sim, err := New(net, Config{DtMs: 0.125, Threads: threads, NoPoissonSpikes: true})
		if err != nil {
			t.Fatal(err)
		}
		tm := 0.0
		step := func() {
			tm += 100
			if err := sim.Run(tm); err != nil {
				t.Fatal(err)
			}
		}
		step()
		allocs := testing.AllocsPerRun(5, step)
		if len(sim.Spikes()) != 0 {
			t.Fatalf("%d spikes", len(sim.Spikes()))
		}
		if perStep := allocs / 800; perStep > 0.05 {
			t.Errorf("%d threads: %.0f allocations per 800 steps", threads, allocs)
		}
	}
}

// TestPoissonWindow checks a Poisson volley (start_ms, stop_ms): its
// sources fire exactly as without the window inside [start, stop) (every
// step draws alike) and never outside.
func TestPoissonWindow(t *testing.T) {
	run := func(start, stop float64) []record.Spike {
		net := snnjl.LIFBalancedInput()
		net.Poisson[0].StartMs, net.Poisson[0].StopMs = start, stop
		s, err := New(net, Config{DtMs: 0.125})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Run(100); err != nil {
			t.Fatal(err)
		}
		r, _ := s.Ranges().Named(net.Poisson[0].Name)
		var out []record.Spike
		for _, sp := range s.Spikes() {
			if r.Contains(sp.GID) {
				out = append(out, sp)
			}
		}
		return out
	}
	all, win := run(0, 0), run(20, 40)
	var want []record.Spike
	for _, sp := range all {
		if sp.TimeMs >= 20 && sp.TimeMs < 40 {
			want = append(want, sp)
		}
	}
	if len(want) < 10 || !reflect.DeepEqual(win, want) {
		t.Errorf("the volley's events (%d) are not the unwindowed layer's events in [20, 40) ms (%d)", len(win), len(want))
	}
}

// TestUnphysicalStopsTheRun checks that a potential past physical bounds
// stops the run naming the population, neuron and time (issue 16), as a
// NaN does.
func TestUnphysicalStopsTheRun(t *testing.T) {
	for _, tc := range []struct {
		name string
		ipA  float64
		want string // "" for no error
	}{
		{"+1e7 pA", 1e7, "pointsim: population E, neuron 0 (gid 0): v = "},
		{"-1e7 pA", -1e7, "pointsim: population E, neuron 0 (gid 0): v = -"},
		{"100 pA is fine", 100, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := point.DefaultLIF()
			p.VThmV = 1e9 // never spikes: v follows the current
			net := &pointnet.Network{Populations: []pointnet.Population{pointnet.NewLIF("E", 1, p)},
				Currents: []pointnet.Current{{Name: "c", Target: "E", Kind: pointnet.CurrentSteps, Steps: []pointnet.Step{{TMs: 1, IpA: tc.ipA}}}}}
			sim, err := New(net, Config{DtMs: 0.1})
			if err != nil {
				t.Fatal(err)
			}
			err = sim.Run(20)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range []string{tc.want, "mV at t = 20 ms: beyond ±10000 mV, past physical bounds (a current or weight too strong?)"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
