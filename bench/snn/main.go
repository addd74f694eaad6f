// Command snn times Lamina's point-neuron engine against Brian2 on the
// balanced E/I network (ei-balanced: 8000 E + 2000 I conductance LIF
// neurons, 5.1 million synapses, 100 Poisson afferents per population) and
// prints a Markdown table:
//
//	go run ./bench/snn [-reps 3] [-rate 10] [-tstop-ms 10000] [-brian runtime,cpp_standalone] [-threads 1]
//
// Lamina runs on -threads cores (GOMAXPROCS and threads; default one) in
// both schemes,
// SNN.jl's (float32, SNN.jl's step) and Lamina's default; network
// building (connectivity and state) and simulation are timed separately,
// best of -reps. Brian2 runs scripts/ei_brian2.py (the SNN.jl step order of
// the reference set; with -threads n > 1, cpp_standalone uses n OpenMP
// threads) with the runtime (Cython) device and the
// cpp_standalone device, whose simulation time is Brian2's own timer and
// whose compilation is reported apart; Brian2 is taken from -python
// (Debian: apt-get install python3-brian; /usr/bin/python3). Its first
// Cython run compiles for about a minute: the script keeps a cache in
// -workdir, so run the harness twice or read the second run.
//
// -cpuprofile FILE writes a pprof CPU profile of Lamina's simulation runs.
package main

import (
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/laminasim/lamina/analysis"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/laminasim/lamina/internal/pointsim"
	"github.com/laminasim/lamina/models/snnjl"
	"github.com/laminasim/lamina/point"
)

//go:embed scripts/*.py
var scripts embed.FS

type row struct {
	name         string
	build, run   time.Duration
	compile      time.Duration
	synapses     int
	bytesPerSyn  float64
	rateE, rateI float64
	note         string
}

func main() {
	reps := flag.Int("reps", 3, "repetitions of each Lamina run; the best time counts")
	rate := flag.Float64("rate", 10, "afferent rate, Hz")
	tstop := flag.Float64("tstop-ms", 10000, "simulated time, ms")
	python := flag.String("python", "/usr/bin/python3", "Python with Brian2")
	brian := flag.String("brian", "runtime,cpp_standalone", "Brian2 devices to run (empty: none)")
	workdir := flag.String("workdir", filepath.Join(os.TempDir(), "lamina-bench-snn"), "Brian2's build and cache directory")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of Lamina's runs to this file")
	threads := flag.Int("threads", 1, "Lamina threads (and GOMAXPROCS)")
	flag.Parse()
	runtime.GOMAXPROCS(*threads)
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
	var rows []row
	for _, s := range []point.Scheme{point.SchemeSNNjl, point.SchemeLamina} {
		rows = append(rows, lamina(s, *rate, *tstop, *reps, *threads))
	}
	if *brian != "" {
		if err := os.MkdirAll(*workdir, 0o755); err != nil {
			fail(err)
		}
		b, _ := scripts.ReadFile("scripts/ei_brian2.py")
		script := filepath.Join(*workdir, "ei_brian2.py")
		if err := os.WriteFile(script, b, 0o644); err != nil {
			fail(err)
		}
		for _, dev := range strings.Split(*brian, ",") {
			rows = append(rows, brian2(*python, script, dev, *rate, *tstop, *workdir, *threads))
		}
	}
	fmt.Printf("ei-balanced, %g Hz afferents, %g s simulated at dt 0.125 ms, %d thread(s); %s/%s, %d CPUs, load %s\n\n",
		*rate, *tstop/1000, *threads, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), loadavg())
	fmt.Println("| simulator | build (s) | run (s) | real-time factor | compile (s) | synapses | bytes/synapse | E rate (Hz) | I rate (Hz) | note |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		comp := ""
		if r.compile > 0 {
			comp = fmt.Sprintf("%.1f", r.compile.Seconds())
		}
		bps := ""
		if r.bytesPerSyn > 0 {
			bps = fmt.Sprintf("%.2f", r.bytesPerSyn)
		}
		fmt.Printf("| %s | %.2f | %.2f | %.3f | %s | %d | %s | %.3f | %.3f | %s |\n", r.name, r.build.Seconds(), r.run.Seconds(),
			r.run.Seconds()/(*tstop/1000), comp, r.synapses, bps, r.rateE, r.rateI, r.note)
	}
	if len(rows) > 2 {
		for _, r := range rows[2:] {
			if r.run > 0 {
				fmt.Printf("\n%s simulates %.1fx faster than %s (%s: %.1fx).", rows[1].name, r.run.Seconds()/rows[1].run.Seconds(), r.name,
					rows[0].name, r.run.Seconds()/rows[0].run.Seconds())
			}
		}
		fmt.Println()
	}
}

// lamina builds and runs ei-balanced reps times and keeps the best build
// and run times.
func lamina(s point.Scheme, rate, tstop float64, reps, threads int) row {
	r := row{name: "Lamina " + string(s)}
	for i := range reps {
		runtime.GC()
		sim, err := pointsim.New(snnjl.EIBalanced(rate), pointsim.Config{DtMs: 0.125, Scheme: s, Threads: threads, NoPoissonSpikes: true})
		if err != nil {
			fail(err)
		}
		if err := sim.Run(tstop); err != nil {
			fail(err)
		}
		b, run := sim.WallTimes()
		if i == 0 || b < r.build {
			r.build = b
		}
		if i == 0 || run < r.run {
			r.run = run
		}
		res := sim.Result()
		from := min(3000, tstop/2)
		st := analysis.PopulationsStats(res.Spikes, res.Ranges, from, tstop, 5)
		r.rateE, r.rateI = st[0].RateHz, st[1].RateHz
		syn, bytes := sim.Synapses()
		r.synapses = 0
		for _, n := range syn {
			r.synapses += n
		}
		r.bytesPerSyn = float64(bytes) / float64(r.synapses)
		r.note = fmt.Sprintf("best of %d; rates over %g-%g s", reps, from/1000, tstop/1000)
	}
	return r
}

// brian2 runs the Brian2 script on device dev (cpp_standalone with
// threads OpenMP threads when threads > 1).
func brian2(python, script, dev string, rate, tstop float64, workdir string, threads int) row {
	r := row{name: "Brian2 " + dev}
	if dev == "cpp_standalone" && threads > 1 {
		r.name += fmt.Sprintf(", %d OpenMP threads", threads)
	}
	cmd := exec.Command(python, script, dev, fmt.Sprint(rate), fmt.Sprint(tstop/1000), "1", workdir, fmt.Sprint(threads))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		r.note = fmt.Sprintf("not run: %v", err)
		return r
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var res struct {
		Build   float64 `json:"build_s"`
		Run     float64 `json:"run_s"`
		Compile float64 `json:"compile_s"`
		NSyn    int     `json:"n_syn"`
		RateE   float64 `json:"rate_E_Hz"`
		RateI   float64 `json:"rate_I_Hz"`
		Version string  `json:"brian2"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		r.note = fmt.Sprintf("unreadable output: %v", err)
		return r
	}
	r.build = time.Duration(res.Build * float64(time.Second))
	r.run = time.Duration(res.Run * float64(time.Second))
	r.compile = time.Duration(res.Compile * float64(time.Second))
	r.synapses, r.rateE, r.rateI = res.NSyn, res.RateE, res.RateI
	r.note = "Brian2 " + res.Version + "; one run"
	if dev == "cpp_standalone" {
		r.note += "; run = Brian2's own timer, compile apart"
	}
	return r
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
