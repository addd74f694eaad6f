// Command snn times Lamina's point-neuron engine against Brian2 on the
// balanced E/I network (ei-balanced: 8000 E + 2000 I conductance LIF
// neurons, 5.1 million synapses, 100 Poisson afferents per population) and
// prints a Markdown table:
//
//	go run ./bench/snn [-pairs 5] [-threads 1,2] [-schemes lamina] [-brian cpp_standalone] [-tstop-ms 10000]
//
// The runs alternate: every round runs each Lamina configuration (scheme
// and thread count) and then each Brian2 device once, for -pairs rounds,
// so that a change of the machine's load during the benchmark falls on
// both sides alike. Every run prints its wall time, its CPU time (user +
// system, all threads) and /proc/loadavg as it ends; the table gives the
// median and the range of each, and the ratios of medians. A run on n
// threads that gets n cores has CPU time ≈ n × wall time; a CPU time far
// below that says the machine was busy with other work and the wall time
// is not to be trusted.
//
// Lamina runs in this process on -threads cores (GOMAXPROCS and threads);
// network building and simulation are timed apart (Sim.WallTimes), the
// CPU time around Sim.Run. Brian2 runs scripts/ei_brian2.py (the SNN.jl
// step order of the reference set) from -python (Debian: apt-get install
// python3-brian; /usr/bin/python3): cpp_standalone's wall time is Brian2's
// own simulation timer and its CPU time that of the compiled binary's
// process (which also loads the network); runtime's (Cython) are those of
// Network.run in the Python process. Brian2's first Cython run compiles
// for about a minute and its first cpp_standalone build for about as
// long: the script caches both in -workdir, and the compilation is
// reported apart.
//
// -cpuprofile FILE writes a pprof CPU profile of Lamina's simulation runs.
package main

import (
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/internal/pointsim"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
)

//go:embed scripts/*.py
var scripts embed.FS

// run is one timed simulation.
type run struct {
	build, wall, cpu, compile float64 // s
	// cpuWall is the wall time over which CPU/wall is computed: wall, but
	// for Brian2's cpp_standalone, whose timer gives no wall time of its
	// loop, procCPU over the binary's whole process.
	cpuWall, procCPU float64
	noWall           bool
	rateE, rateI     float64
	synapses         int
	bytesPerSyn      float64
	load             string
	version          string
	err              error
}

// config is one side of the comparison.
type config struct {
	name    string
	lamina  bool
	scheme  point.Scheme
	threads int
	device  string
	runs    []run
}

func main() {
	pairs := flag.Int("pairs", 3, "rounds of alternated runs (Lamina configurations, then Brian2 devices)")
	rate := flag.Float64("rate", 10, "afferent rate, Hz")
	tstop := flag.Float64("tstop-ms", 10000, "simulated time, ms")
	python := flag.String("python", "/usr/bin/python3", "Python with Brian2")
	brian := flag.String("brian", "cpp_standalone", "Brian2 devices to run, comma-separated: cpp_standalone, runtime (empty: none)")
	brianThreads := flag.Int("brian-threads", 1, "cpp_standalone's OpenMP threads (1: Brian2's single-threaded code)")
	workdir := flag.String("workdir", filepath.Join(os.TempDir(), "lamina-bench-snn"), "Brian2's build and cache directory")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of Lamina's runs to this file")
	threadList := flag.String("threads", "1,2", "Lamina thread counts (GOMAXPROCS too), comma-separated")
	schemeList := flag.String("schemes", "lamina", "Lamina schemes, comma-separated: lamina, snnjl, euler")
	flag.Parse()

	var cfgs []*config
	for _, s := range splitList(*schemeList) {
		if _, err := point.ParseScheme(s); err != nil {
			fail(err)
		}
		for _, t := range splitList(*threadList) {
			n, err := strconv.Atoi(t)
			if err != nil || n < 1 {
				fail(fmt.Errorf("-threads: %q: want positive integers", t))
			}
			cfgs = append(cfgs, &config{name: "Lamina " + s, lamina: true, scheme: point.Scheme(s), threads: n})
		}
	}
	var script string
	if devs := splitList(*brian); len(devs) > 0 {
		if err := os.MkdirAll(*workdir, 0o755); err != nil {
			fail(err)
		}
		b, _ := scripts.ReadFile("scripts/ei_brian2.py")
		script = filepath.Join(*workdir, "ei_brian2.py")
		if err := os.WriteFile(script, b, 0o644); err != nil {
			fail(err)
		}
		for _, d := range devs {
			if d != "cpp_standalone" && d != "runtime" {
				fail(fmt.Errorf("-brian: %q: want cpp_standalone or runtime", d))
			}
			c := &config{name: "Brian2 " + d, device: d, threads: 1}
			if d == "cpp_standalone" {
				c.threads = max(1, *brianThreads)
			}
			cfgs = append(cfgs, c)
		}
	}
	if *pairs < 1 || len(cfgs) == 0 {
		fail(fmt.Errorf("nothing to run (-pairs %d, %d configurations)", *pairs, len(cfgs)))
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}

	loadStart := loadavg()
	fmt.Fprintf(os.Stderr, "load average at start: %s\n", loadStart)
	for round := range *pairs {
		for _, c := range cfgs {
			var r run
			if c.lamina {
				r = lamina(c.scheme, *rate, *tstop, c.threads)
			} else {
				r = brian2(*python, script, c.device, *rate, *tstop, *workdir, c.threads)
			}
			r.load = loadavg()
			c.runs = append(c.runs, r)
			if r.err != nil {
				fmt.Fprintf(os.Stderr, "round %d, %s, %d thread(s): %v\n", round+1, c.name, c.threads, r.err)
				continue
			}
			if r.noWall {
				fmt.Fprintf(os.Stderr, "round %d, %s, %d thread(s): run %.3f s CPU (its own timer); process %.3f s CPU over %.3f s wall; build %.2f s; load %s\n",
					round+1, c.name, c.threads, r.cpu, r.procCPU, r.cpuWall, r.build, r.load)
			} else {
				fmt.Fprintf(os.Stderr, "round %d, %s, %d thread(s): run %.3f s wall, %.3f s CPU; build %.2f s; load %s\n",
					round+1, c.name, c.threads, r.wall, r.cpu, r.build, r.load)
			}
		}
	}
	loadEnd := loadavg()
	rtt := roundTrip()

	fmt.Printf("ei-balanced, %g Hz afferents, %g s simulated at dt 0.125 ms; %s/%s, %d CPUs; %d alternated rounds; load average (1, 5, 15 min) %s at start, %s at the end\n\n",
		*rate, *tstop/1000, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), *pairs, loadStart, loadEnd)
	if rtt > 0 {
		fmt.Printf("Two threads handing an atomic counter back and forth: %.2f µs per round trip (median of 5 x 20,000; a step of\n"+
			"ei-balanced synchronises its threads once, so on n > 1 threads it costs at least this much per step).\n\n", rtt)
	}
	fmt.Println("| simulator | threads | runs | run wall (s), median [range] | run CPU (s), median [range] | CPU/wall | build (s) | compile (s) | synapses | bytes/synapse | E rate (Hz) | I rate (Hz) |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, c := range cfgs {
		ok := c.ok()
		if len(ok) == 0 {
			fmt.Printf("| %s | %d | 0 | not run: %v | | | | | | | | |\n", c.name, c.threads, c.runs[0].err)
			continue
		}
		wall, cpu := stat(ok, func(r run) float64 { return r.wall }), stat(ok, func(r run) float64 { return r.cpu })
		comp, bps := "", ""
		if x := stat(ok, func(r run) float64 { return r.compile }); x.med > 0 {
			comp = fmt.Sprintf("%.1f", x.med)
		}
		if ok[0].bytesPerSyn > 0 {
			bps = fmt.Sprintf("%.2f", ok[0].bytesPerSyn)
		}
		last := ok[len(ok)-1]
		wallS, cw := wall.String(), cpu.med/stat(ok, func(r run) float64 { return r.cpuWall }).med
		if last.noWall {
			wallS = "not measured"
			cw = stat(ok, func(r run) float64 { return r.procCPU }).med / stat(ok, func(r run) float64 { return r.cpuWall }).med
		}
		fmt.Printf("| %s | %d | %d | %s | %s | %.2f | %.2f | %s | %d | %s | %.3f | %.3f |\n", c.name, c.threads, len(ok),
			wallS, cpu, cw, stat(ok, func(r run) float64 { return r.build }).med, comp,
			last.synapses, bps, last.rateE, last.rateI)
	}
	fmt.Println()
	fmt.Println("Run wall: the simulation alone (Lamina: Sim.Run; Brian2 runtime: Network.run). Run CPU: user + system time of all threads")
	fmt.Println("over the same span; for Brian2 cpp_standalone, its own timer of the simulation loop, which is std::clock, the CPU time")
	fmt.Println("of its process (no wall time of the loop is reported); its CPU/wall is that of the binary's whole process (loading the")
	fmt.Println("network included). CPU/wall well below the thread count means other work shared the cores: those wall times are not to")
	fmt.Println("be trusted, and the CPU times are the better comparison (one thread: CPU time = wall time on an idle core).")
	fmt.Println()
	// Ratios: of medians, and the median and range of the per-round
	// ratios (runs of one round are neighbours in time).
	var base *config
	for _, c := range cfgs {
		if !c.lamina && c.device == "cpp_standalone" && len(c.ok()) > 0 {
			base = c
		}
	}
	for _, c := range cfgs {
		if !c.lamina || len(c.ok()) == 0 {
			continue
		}
		if base != nil {
			fmt.Printf("* %s, %d thread(s): %s's simulation CPU time over Lamina's run wall time: %.2fx (ratio of medians; per round %s);"+
				" over Lamina's run CPU time: %.2fx (per round %s)\n",
				c.name, c.threads, base.name, median(base.ok(), run.cpuOf)/median(c.ok(), run.wallOf),
				perRound(base, c, run.cpuOf, run.wallOf), median(base.ok(), run.cpuOf)/median(c.ok(), run.cpuOf),
				perRound(base, c, run.cpuOf, run.cpuOf))
		}
		for _, d := range cfgs {
			if d.lamina && d.scheme == c.scheme && d.threads == 1 && c.threads > 1 && len(d.ok()) > 0 {
				fmt.Printf("* %s: %d threads against 1: speed-up %.2fx (wall, ratio of medians; per round %s); CPU time %.2fx of one thread's\n",
					c.name, c.threads, median(d.ok(), run.wallOf)/median(c.ok(), run.wallOf), perRound(d, c, run.wallOf, run.wallOf),
					median(c.ok(), run.cpuOf)/median(d.ok(), run.cpuOf))
			}
		}
	}
}

func (r run) wallOf() float64 { return r.wall }
func (r run) cpuOf() float64  { return r.cpu }

// ok returns the runs that succeeded.
func (c *config) ok() []run {
	var out []run
	for _, r := range c.runs {
		if r.err == nil {
			out = append(out, r)
		}
	}
	return out
}

// summary is a median and a range.
type summary struct{ med, lo, hi float64 }

func (s summary) String() string { return fmt.Sprintf("%.3f [%.3f-%.3f]", s.med, s.lo, s.hi) }

func stat(rs []run, f func(run) float64) summary {
	x := make([]float64, len(rs))
	for i, r := range rs {
		x[i] = f(r)
	}
	slices.Sort(x)
	return summary{med: medianSorted(x), lo: x[0], hi: x[len(x)-1]}
}

func median(rs []run, f func(run) float64) float64 { return stat(rs, f).med }

func medianSorted(x []float64) float64 {
	n := len(x)
	if n%2 == 1 {
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}

// perRound returns the median and range of fa of a's run over fb of b's,
// round by round (rounds where both succeeded).
func perRound(a, b *config, fa, fb func(run) float64) string {
	var x []float64
	for i := range min(len(a.runs), len(b.runs)) {
		if a.runs[i].err == nil && b.runs[i].err == nil && fb(b.runs[i]) > 0 {
			x = append(x, fa(a.runs[i])/fb(b.runs[i]))
		}
	}
	if len(x) == 0 {
		return "none"
	}
	slices.Sort(x)
	return fmt.Sprintf("%.2fx [%.2f-%.2f]", medianSorted(x), x[0], x[len(x)-1])
}

// lamina builds and runs ei-balanced once on threads threads.
func lamina(s point.Scheme, rate, tstop float64, threads int) run {
	runtime.GOMAXPROCS(threads)
	runtime.GC()
	sim, err := pointsim.New(snnjl.EIBalanced(rate), pointsim.Config{DtMs: 0.125, Scheme: s, Threads: threads, NoPoissonSpikes: true})
	if err != nil {
		return run{err: err}
	}
	c0, ok := cpuTime()
	if err := sim.Run(tstop); err != nil {
		return run{err: err}
	}
	c1, _ := cpuTime()
	b, w := sim.WallTimes()
	r := run{build: b.Seconds(), wall: w.Seconds(), cpuWall: w.Seconds()}
	if ok {
		r.cpu = (c1 - c0).Seconds()
	}
	res := sim.Result()
	from := min(3000, tstop/2)
	st := analysis.PopulationsStats(res.Spikes, res.Ranges, from, tstop, 5)
	r.rateE, r.rateI = st[0].RateHz, st[1].RateHz
	syn, bytes := sim.Synapses()
	for _, n := range syn {
		r.synapses += n
	}
	r.bytesPerSyn = float64(bytes) / float64(r.synapses)
	return r
}

// brian2 runs the Brian2 script once on device dev (cpp_standalone with
// threads OpenMP threads when threads > 1).
func brian2(python, script, dev string, rate, tstop float64, workdir string, threads int) run {
	cmd := exec.Command(python, script, dev, fmt.Sprint(rate), fmt.Sprint(tstop/1000), "1", workdir, fmt.Sprint(threads))
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			err = fmt.Errorf("%w: %s", err, lastLines(string(ee.Stderr), 5))
		}
		return run{err: fmt.Errorf("not run: %w", err)}
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var res struct {
		Build   float64 `json:"build_s"`
		Run     float64 `json:"run_s"`
		CPU     float64 `json:"run_cpu_s"`
		Process float64 `json:"process_wall_s"`
		Compile float64 `json:"compile_s"`
		NSyn    int     `json:"n_syn"`
		RateE   float64 `json:"rate_E_Hz"`
		RateI   float64 `json:"rate_I_Hz"`
		Version string  `json:"brian2"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		return run{err: fmt.Errorf("unreadable output: %w", err)}
	}
	r := run{build: res.Build, wall: res.Run, cpu: res.CPU, cpuWall: res.Run, procCPU: res.CPU, compile: res.Compile, synapses: res.NSyn,
		rateE: res.RateE, rateI: res.RateI, version: res.Version}
	if dev == "cpp_standalone" {
		// Brian2 times its simulation loop with std::clock: CPU time of
		// its process over the loop, not wall time.
		r.cpu, r.wall, r.noWall, r.cpuWall = res.Run, 0, true, res.Process
	}
	return r
}

// roundTrip measures the latency of synchronising two threads: two
// goroutines (on 2 Ps) pass an atomic counter back and forth; it returns
// the median time of a round trip, µs (0 on one CPU).
func roundTrip() float64 {
	if runtime.NumCPU() < 2 {
		return 0
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	const n = 20000
	var x []float64
	for range 5 {
		var a, b atomic.Int64
		done := make(chan struct{})
		go func() {
			defer close(done)
			for i := int64(1); i <= n; i++ {
				for a.Load() != i {
				}
				b.Store(i)
			}
		}()
		t0 := time.Now()
		for i := int64(1); i <= n; i++ {
			a.Store(i)
			for b.Load() != i {
			}
		}
		x = append(x, float64(time.Since(t0).Nanoseconds())/n/1000)
		<-done
	}
	slices.Sort(x)
	return x[len(x)/2]
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], " / ")
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench/snn:", err)
	os.Exit(1)
}
