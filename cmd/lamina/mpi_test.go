//go:build mpi

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMPIMatchesSerial builds lamina with MPI and checks that mpirun -np 2
// gives byte-identical outputs to a one-process run: spikes and dipoles of
// the ERP (its first 60 ms: both proximal and distal volleys), spikes of
// the Connor-Stevens network and spikes and rates of the point-neuron E/I
// network. .ci/run installs
// Open MPI and runs it (go test -tags mpi ./cmd/lamina).
func TestMPIMatchesSerial(t *testing.T) {
	mpirun, err := exec.LookPath("mpirun")
	if err != nil {
		if os.Getenv("LAMINA_REQUIRE_MPI") != "" {
			t.Fatal("mpirun not found (apt-get install openmpi-bin libopenmpi-dev)")
		}
		t.Skip("mpirun not found")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "lamina")
	build := exec.Command("go", "build", "-tags", "mpi", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags mpi: %v\n%s", err, out)
	}
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
		// --oversubscribe: CI machines may have fewer cores than ranks;
		// --allow-run-as-root: CI containers run as root.
		par := exec.Command(mpirun, append([]string{"--oversubscribe", "--allow-run-as-root", "-np", "2", bin},
			append(c.args, "--out", mpiDir)...)...)
		if out, err := par.CombinedOutput(); err != nil {
			t.Fatalf("%s mpirun -np 2: %v\n%s", c.name, err, out)
		}
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
