//go:build mpi

package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMPIMatchesSerial builds lamina with MPI and checks that mpirun -np 2
// gives byte-identical outputs to a one-process run: spikes and dipoles of
// the ERP (its first 60 ms: both proximal and distal volleys), spikes of
// the Connor-Stevens network and spikes and rates of the point-neuron E/I
// network. .ci/run installs
// Open MPI and runs it (go test -tags mpi ./cmd/lamina).
func TestMPIMatchesSerial(t *testing.T) {
	mpirun, bin := mpiBinary(t)
	dir := t.TempDir()
	cases := []struct {
		name  string
		args  []string
		files []string
	}{
		{"erp", []string{"simulate", "--example", "erp", "--tstop-ms", "60", "--trials", "2", "--threads", "1", "--quiet",
			"--record-vsec", "soma", "--record-gids", "0,100,269"},
			[]string{"spikes.csv", "dipole.csv", "dipole_raw.csv", "vsec_trial0.csv", "vsec_trial1.csv"}},
		// The NEURON tutorial's Connor-Stevens network (1000 cells, NetCons
		// and NetStims), 2 threads per rank.
		{"tutorial-cs-network", []string{"simulate", "--example", "tutorial-cs-network", "--tstop-ms", "50", "--threads", "2", "--quiet"},
			[]string{"spikes.csv"}},
		// The point-neuron E/I network (pointsim), 2 threads per rank.
		{"ei-balanced", []string{"simulate", "--example", "ei-balanced", "--tstop-ms", "300", "--threads", "2", "--quiet"},
			[]string{"spikes.csv", "rates.csv"}},
		// The mixed network: the ERP column fed by AdEx thalamocortical
		// cells (the point group runs on every rank; the cable cells are
		// split).
		{"erp-thalamic", []string{"simulate", "--example", "erp-thalamic", "--tstop-ms", "60", "--threads", "1", "--quiet"},
			[]string{"spikes.csv", "dipole.csv", "dipole_raw.csv"}},
		// Extracellular potentials: each rank sums its own cells'
		// contributions; the potentials are gathered in gid order.
		{"lfp", []string{"simulate", "--example", "lfp", "--tstop-ms", "40", "--threads", "1", "--quiet"},
			[]string{"spikes.csv", "dipole.csv", "lfp_shank1.csv", "lfp_shank1_trial0.npy"}},
	}
	for _, c := range cases {
		serialDir, mpiDir := filepath.Join(dir, c.name+"-serial"), filepath.Join(dir, c.name+"-mpi")
		serial := exec.Command(bin, append(c.args, "--out", serialDir)...)
		if out, err := serial.CombinedOutput(); err != nil {
			t.Fatalf("%s serial: %v\n%s", c.name, err, out)
		}
		mpiRun(t, mpirun, bin, append(c.args, "--out", mpiDir)...)
		for _, f := range c.files {
			a, err1 := os.ReadFile(filepath.Join(serialDir, f))
			b, err2 := os.ReadFile(filepath.Join(mpiDir, f))
			if err1 != nil || err2 != nil {
				t.Fatalf("%s %s: %v %v", c.name, f, err1, err2)
			}
			if !bytes.Equal(a, b) || len(a) < 500 {
				t.Errorf("%s: %s differs between mpirun -np 2 and one process", c.name, f)
			}
		}
	}
}

// mpiBinary returns mpirun and lamina built with MPI, or skips the test
// when mpirun is missing (fails if LAMINA_REQUIRE_MPI is set, as in CI).
func mpiBinary(t *testing.T) (mpirun, bin string) {
	t.Helper()
	mpirun, err := exec.LookPath("mpirun")
	if err != nil {
		if os.Getenv("LAMINA_REQUIRE_MPI") != "" {
			t.Fatal("mpirun not found (apt-get install openmpi-bin libopenmpi-dev)")
		}
		t.Skip("mpirun not found")
	}
	bin = filepath.Join(t.TempDir(), "lamina")
	build := exec.Command("go", "build", "-tags", "mpi", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags mpi: %v\n%s", err, out)
	}
	return mpirun, bin
}

// mpiRun runs lamina args under mpirun -np 2.
func mpiRun(t *testing.T, mpirun, bin string, args ...string) {
	t.Helper()
	// --oversubscribe: CI machines may have fewer cores than ranks;
	// --allow-run-as-root: CI containers run as root.
	par := exec.Command(mpirun, append([]string{"--oversubscribe", "--allow-run-as-root", "-np", "2", bin}, args...)...)
	if out, err := par.CombinedOutput(); err != nil {
		t.Fatalf("mpirun -np 2 lamina %v: %v\n%s", args, err, out)
	}
}

// TestMPIBatchAndFit checks that mpirun -np 2 lamina batch writes the
// summary of one process (its runs dealt out over the ranks) and that
// mpirun -np 2 lamina fit makes the history and best run of one process,
// for CMA-ES (generations dealt out) and Nelder–Mead (candidates split
// over both ranks).
func TestMPIBatchAndFit(t *testing.T) {
	mpirun, bin := mpiBinary(t)
	dir := t.TempDir()
	grid := filepath.Join(dir, "grid.yaml")
	write(t, grid, `parameters:
  mu: [24, 26, 28, 30, 32]
combinations: true
meta:
  model: erp-sync
  set: {mu: [drives.evprox1.evoked.mu_ms]}
  tstop_ms: 35
  trials: 1
  summary: [dipole_min, dipole_max, "rate:L2_basket"]
`)
	var tg strings.Builder
	for i := 0; i <= 70; i++ {
		fmt.Fprintf(&tg, "%g %g\n", float64(i)*0.5, 40*math.Sin(float64(i)*0.5/35*2*math.Pi))
	}
	write(t, filepath.Join(dir, "target.txt"), tg.String())
	fitFile := func(solver string) string {
		p := filepath.Join(dir, "fit-"+solver[:3]+".json")
		write(t, p, `{"model": "erp-sync", "tstop_ms": 35, "trials": 1,
  "params": [{"name": "mu", "paths": ["drives.evprox1.evoked.mu_ms"], "low": 20, "high": 30, "initial": 25}],
  "objective": {"kind": "dipole_rmse", "target": "target.txt", "smooth_ms": 5, "scale": 100},
  "solver": `+solver+`}`)
		return p
	}
	cases := []struct {
		name  string
		args  []string
		files []string
	}{
		{"batch", []string{"batch", grid, "--jobs", "2", "--threads", "2", "--quiet"}, []string{"summary.csv"}},
		{"fit-cma", []string{"fit", fitFile(`{"kind": "cma", "max_evals": 6, "popsize": 3, "seed": 2}`), "--threads", "1", "--quiet"},
			[]string{"history.csv", "best.json"}},
		{"fit-nm", []string{"fit", fitFile(`{"kind": "nelder-mead", "max_evals": 4}`), "--threads", "1", "--quiet"},
			[]string{"history.csv", "best.json"}},
	}
	for _, c := range cases {
		serialDir, mpiDir := filepath.Join(dir, c.name+"-serial"), filepath.Join(dir, c.name+"-mpi")
		if out, err := exec.Command(bin, append(c.args, "--out", serialDir)...).CombinedOutput(); err != nil {
			t.Fatalf("%s serial: %v\n%s", c.name, err, out)
		}
		mpiRun(t, mpirun, bin, append(c.args, "--out", mpiDir)...)
		for _, f := range c.files {
			a, err1 := os.ReadFile(filepath.Join(serialDir, f))
			b, err2 := os.ReadFile(filepath.Join(mpiDir, f))
			if err1 != nil || err2 != nil {
				t.Fatalf("%s %s: %v %v", c.name, f, err1, err2)
			}
			if f == "history.csv" { // the last column is the wall time
				a, b = dropLastColumn(a), dropLastColumn(b)
			}
			if !bytes.Equal(a, b) || len(a) < 50 {
				t.Errorf("%s: %s differs between mpirun -np 2 and one process:\n%s\n%s", c.name, f, a, b)
			}
		}
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dropLastColumn removes each CSV line's last field.
func dropLastColumn(b []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		if i := bytes.LastIndexByte(line, ','); i >= 0 {
			line = line[:i]
		}
		out = append(out, line...)
		out = append(out, '\n')
	}
	return out
}
