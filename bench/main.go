package main

import (
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/internal/cli"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/morph"
)

//go:embed scripts/*.py
var scripts embed.FS

type row struct {
	name        string
	nseg        int
	steps       int // 0: 40,000 (1 s)
	table, fast time.Duration
	neuron      time.Duration
	note        string
}

func main() {
	reps := flag.Int("reps", 5, "repetitions; the best time counts")
	python := flag.String("python", "python3", "Python with NEURON")
	doBatch := flag.Bool("batch", true, "also time HNN-core's BatchSimulate example against lamina batch (1 and 2 jobs)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "lamina-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"hh_cable.py", "hnn_cell.py", "hnn_erp.py", "hnn_batch.py"} {
		b, _ := scripts.ReadFile("scripts/" + name)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			fail(err)
		}
	}
	neuronOK := exec.Command(*python, "-c", "import neuron").Run() == nil
	var rows []row

	r := row{name: "HH cable, 101 segments, 1 s", nseg: 101}
	r.table = best(*reps, func() *engine.Sim { return newSim(hhCable(), 6.3) }, 1000)
	r.fast = best(*reps, func() *engine.Sim { c := hhCable(); setRates(c, mech.RatesFast); return newSim(c, 6.3) }, 1000)
	if neuronOK {
		r.neuron, r.note = runNEURON(*python, filepath.Join(dir, "hh_cable.py"), fmt.Sprint(*reps))
	} else {
		r.note = "NEURON not importable from " + *python
	}
	rows = append(rows, r)

	mechLib := os.Getenv("HNN_CORE_MECH")
	for _, typ := range []string{hnn.L5Pyramidal, hnn.L2Pyramidal, hnn.L2Basket} {
		c, _ := hnn.NewCell(typ)
		r := row{name: typ + ", IClamp 1 nA, 1 s"}
		for _, s := range c.Sections {
			r.nseg += s.NSeg
		}
		mk := func(mode mech.RateMode) func() *engine.Sim {
			return func() *engine.Sim {
				c, _ := hnn.NewCell(typ)
				c.Points = append(c.Points, cell.Place{Mech: "IClamp", Section: "soma", X: 0.5,
					Params: map[string]float64{"del": 20, "dur": 100, "amp": 1}})
				setRates(c, mode)
				return newSim(c, 37)
			}
		}
		r.table = best(*reps, mk(mech.RatesTable), 1000)
		r.fast = best(*reps, mk(mech.RatesFast), 1000)
		switch {
		case !neuronOK:
			r.note = "NEURON not importable from " + *python
		case mechLib == "":
			r.note = "HNN_CORE_MECH not set"
		default:
			r.neuron, r.note = runNEURON(*python, filepath.Join(dir, "hnn_cell.py"), typ, "1000", fmt.Sprint(*reps), mechLib)
		}
		rows = append(rows, r)
	}

	// The ERP example: one trial of 170 ms, network building included on
	// both sides (HNN-core's simulate_dipole builds the NEURON model).
	r = row{name: "ERP network (270 cells, 3 drives), one trial of 170 ms"}
	for _, p := range hnn.ERP().Populations {
		for _, sec := range p.Cell.Sections {
			r.nseg += sec.NSeg * len(p.Positions)
		}
	}
	erp := func(mode mech.RateMode) time.Duration {
		var b time.Duration
		for i := 0; i < max(1, *reps/2); i++ {
			t0 := time.Now()
			net := hnn.ERP()
			for _, p := range net.Populations {
				setRates(p.Cell, mode)
			}
			s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue()})
			if err != nil {
				fail(err)
			}
			if err := s.Run(170); err != nil {
				fail(err)
			}
			if d := time.Since(t0); i == 0 || d < b {
				b = d
			}
		}
		return b
	}
	r.table, r.fast, r.steps = erp(mech.RatesTable), erp(mech.RatesFast), 6800
	switch {
	case !neuronOK:
		r.note = "NEURON not importable from " + *python
	case exec.Command(*python, "-c", "import hnn_core").Run() != nil:
		r.note = "hnn_core not importable (PYTHONPATH)"
	default:
		r.neuron, r.note = runNEURON(*python, filepath.Join(dir, "hnn_erp.py"), fmt.Sprint(max(1, *reps/2)))
	}
	rows = append(rows, r)

	fmt.Printf("Lamina (NEURON tables / fast rates) vs NEURON, best of %d runs (ERP: %d), dt 0.025 ms, one thread\n\n", *reps, max(1, *reps/2))
	fmt.Println("| model | segments | NEURON (s) | Lamina, NEURON tables (s) | ratio | Lamina, fast rates (s) | ratio | ns/seg-step (tables) |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		nrn, rt, rf := "-", "-", "-"
		if r.neuron > 0 {
			nrn = fmt.Sprintf("%.3f", r.neuron.Seconds())
			rt = fmt.Sprintf("%.1fx", r.neuron.Seconds()/r.table.Seconds())
			rf = fmt.Sprintf("%.1fx", r.neuron.Seconds()/r.fast.Seconds())
		}
		steps := r.steps
		if steps == 0 {
			steps = 40000
		}
		nsPer := float64(r.table.Nanoseconds()) / float64(steps*r.nseg)
		fmt.Printf("| %s | %d | %s | %.3f | %s | %.3f | %s | %.1f |", r.name, r.nseg, nrn, r.table.Seconds(), rt, r.fast.Seconds(), rf, nsPer)
		if r.note != "" {
			fmt.Printf(" %s", r.note)
		}
		fmt.Println()
	}
	if *doBatch {
		hnnOK := neuronOK && exec.Command(*python, "-c", "import hnn_core, joblib").Run() == nil
		batchTable(*python, filepath.Join(dir, "hnn_batch.py"), dir, hnnOK)
	}
}

// batchTable times HNN-core's BatchSimulate example (20 runs of the 3×3
// column) against `lamina batch --example evoked-weights` with 1 and 2
// jobs (one thread per job), once each, and compares the 20 minima and
// maxima of the smoothed dipole.
func batchTable(python, script, dir string, hnnOK bool) {
	fmt.Printf("\nBatch: HNN-core's plot_batch_simulate.py (20 runs of the 3x3 column, 170 ms) vs lamina batch --example evoked-weights, one run each\n\n")
	fmt.Println("| jobs | HNN-core BatchSimulate.run (s) | lamina batch (s) | ratio | max relative difference of the 20 min/max |")
	fmt.Println("|---|---|---|---|---|")
	for _, jobs := range []int{1, 2} {
		out := filepath.Join(dir, fmt.Sprintf("batch%d", jobs))
		t0 := time.Now()
		root := cli.NewRoot(io.Discard, os.Stderr)
		root.SetArgs([]string{"batch", "--example", "evoked-weights", "--jobs", fmt.Sprint(jobs), "--threads", fmt.Sprint(jobs), "--quiet", "--out", out})
		if err := root.Execute(); err != nil {
			fail(err)
		}
		lam := time.Since(t0)
		hnnS, ratio, diff := "-", "-", "-"
		if !hnnOK {
			diff = "NEURON, hnn_core or joblib not importable from " + python
		} else if res, err := runHNNBatch(python, script, jobs); err != nil {
			diff = "HNN-core failed: " + err.Error()
		} else {
			hnnS = fmt.Sprintf("%.2f", res.Wall)
			ratio = fmt.Sprintf("%.2fx", res.Wall/lam.Seconds())
			diff = compareBatch(filepath.Join(out, "summary.csv"), res.Min, res.Max)
		}
		fmt.Printf("| %d | %s | %.2f | %s | %s |\n", jobs, hnnS, lam.Seconds(), ratio, diff)
	}
}

// hnnBatch is what hnn_batch.py prints.
type hnnBatch struct {
	Wall float64   `json:"wall_s"`
	Min  []float64 `json:"min"`
	Max  []float64 `json:"max"`
}

func runHNNBatch(python, script string, jobs int) (*hnnBatch, error) {
	cmd := exec.Command(python, script, fmt.Sprint(jobs))
	cmd.Dir = filepath.Dir(script) // BatchSimulate may write ./sim_results
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			lines := strings.Split(strings.TrimSpace(string(ee.Stderr)), "\n")
			return nil, errors.New(lines[len(lines)-1])
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var res hnnBatch
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		return nil, fmt.Errorf("unreadable output: %w", err)
	}
	return &res, nil
}

// compareBatch returns the largest relative difference between Lamina's
// dipole_min/dipole_max columns and HNN-core's values, run by run.
func compareBatch(path string, mins, maxs []float64) string {
	cols, err := csvfile.ReadTable(path, map[string]byte{"dipole_min": 'f', "dipole_max": 'f'})
	if err != nil {
		return err.Error()
	}
	lmin, lmax := cols["dipole_min"].F, cols["dipole_max"].F
	if len(lmin) != len(mins) || len(lmax) != len(maxs) {
		return fmt.Sprintf("%d Lamina runs, %d HNN-core runs", len(lmin), len(mins))
	}
	worst := 0.0
	for i := range mins {
		for _, p := range [][2]float64{{lmin[i], mins[i]}, {lmax[i], maxs[i]}} {
			if d := math.Abs(p[0]-p[1]) / math.Max(math.Abs(p[1]), 1e-300); d > worst {
				worst = d
			}
		}
	}
	return fmt.Sprintf("%.1e", worst)
}

func hhCable() *cell.Cell {
	return &cell.Cell{
		Type:       "hh_cable",
		Morphology: morph.Morphology{Sections: []morph.Section{{Name: "cable", L: 1000, Diam: 1, NSeg: 101, Ra: 100, Cm: 1, VInit: -65}}},
		Mechanisms: []cell.Paint{{Mech: "hh"}},
		Points:     []cell.Place{{Mech: "IClamp", Section: "cable", X: 0, Params: map[string]float64{"del": 1, "dur": 1000, "amp": 0.1}}},
		Detector:   &cell.Detector{Section: "cable", X: 0.5, ThresholdMV: 0},
	}
}

func setRates(c *cell.Cell, mode mech.RateMode) {
	c.SetGlobal(builtin.Catalogue(), "usetable", float64(mode))
}

func newSim(c *cell.Cell, celsius float64) *engine.Sim {
	s, err := engine.New([]*cell.Cell{c}, engine.Config{DtMs: 0.025, Celsius: celsius, Catalogue: builtin.Catalogue()})
	if err != nil {
		fail(err)
	}
	return s
}

// best returns the shortest of reps timed runs to tstop (ms), each on a
// freshly built simulation as NEURON's script rebuilds its model.
func best(reps int, mk func() *engine.Sim, tstop float64) time.Duration {
	var b time.Duration
	for i := 0; i < reps; i++ {
		s := mk()
		t0 := time.Now()
		if err := s.Run(tstop); err != nil {
			fail(err)
		}
		if d := time.Since(t0); i == 0 || d < b {
			b = d
		}
	}
	return b
}

func runNEURON(python, script string, args ...string) (time.Duration, string) {
	out, err := exec.Command(python, append([]string{script}, args...)...).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			lines := strings.Split(strings.TrimSpace(string(ee.Stderr)), "\n")
			msg = lines[len(lines)-1]
		}
		return 0, "NEURON failed: " + msg
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var res struct {
		Wall float64 `json:"wall_s"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		return 0, "unreadable NEURON output"
	}
	return time.Duration(res.Wall * 1e9), ""
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
