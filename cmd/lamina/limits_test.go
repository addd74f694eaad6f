package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/spec"
)

// buildLamina builds the command into a temporary directory.
func buildLamina(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "lamina")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeJSON writes v as JSON into dir/name.
func writeJSON(t *testing.T, dir, name string, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRefusedQuickly runs the absurd runs of Lamina issue 16 through the
// built command: each must fail naming the culprit within a second and
// under 100 MB resident.
func TestRefusedQuickly(t *testing.T) {
	bin := buildLamina(t)
	dir := t.TempDir()
	grid := writeJSON(t, dir, "grid100.json", &spec.Run{Network: hnn.Jones2009(100, 100), TStopMs: 170})
	erp := hnn.ERP()
	erp.Drives = append(erp.Drives, drive.Drive{Name: "noise", Type: drive.Poisson, Location: "proximal",
		Poisson: &drive.PoissonParams{RateHz: 1e308}, WeightsAMPA: map[string]float64{"L2_pyramidal": 1e-3},
		SynapticDelays: map[string]float64{"L2_pyramidal": 0.1}, SpaceConstant: 100, CellSpecific: true})
	poisson := writeJSON(t, dir, "poisson.json", &spec.Run{Network: erp, TStopMs: 170})
	var bomb strings.Builder
	bomb.WriteString("a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d [*a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d]\n", i, i, i-1)
	}
	bomb.WriteString("parameters:\n  w: *a11\nmeta: {model: erp, tstop_ms: 10, summary: [dipole_min]}\n")
	bombFile := filepath.Join(dir, "bomb.yaml")
	if err := os.WriteFile(bombFile, []byte(bomb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"100x100 grid", []string{"simulate", grid, "--max-memory", "12GB"}, "NetCons"},
		{"100x100 grid, available memory", []string{"simulate", grid}, "NetCons"},
		{"1e9 trials", []string{"simulate", "--example", "erp", "--trials", "1000000000"}, "trials = 1000000000"},
		{"tstop 1e12", []string{"simulate", "--example", "erp", "--tstop-ms", "1e12"}, "tstop_ms = 1e+12"},
		{"tstop 1e308", []string{"simulate", "--example", "erp", "--tstop-ms", "1e308"}, "tstop_ms = 1e+308"},
		{"poisson 1e308", []string{"simulate", poisson}, "poisson.rate_hz = 1e+308"},
		{"dev zero", []string{"simulate", "/dev/zero"}, "binary data"},
		{"alias bomb", []string{"batch", bombFile}, "aliases expanded"},
		{"max memory", []string{"simulate", "--example", "erp", "--max-memory", "1MB"}, "times the 1.0 MB allowed (--max-memory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, append(tc.args, "--out", out, "--quiet")...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if err == nil {
				t.Fatalf("accepted: %s", stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tc.want)
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
			t.Logf("refused in %v, max RSS %.1f MB", took.Round(time.Millisecond), float64(rss)/1024)
			if took > time.Second || rss > 100<<10 {
				t.Errorf("refused in %v at %d KiB resident, want < 1 s and < 100 MB", took, rss)
			}
		})
	}
}

// TestKilledRunLeavesCompleteSet starts lamina simulate into a directory
// holding a previous run and interrupts it (SIGINT, SIGTERM or SIGKILL)
// at random points: the directory must then hold the previous complete
// set or the new complete set, never a mix.
func TestKilledRunLeavesCompleteSet(t *testing.T) {
	bin := buildLamina(t)
	dir := t.TempDir()
	args := func(tstop, out string) []string {
		return []string{"simulate", "--example", "erp", "--tstop-ms", tstop, "--record-vsec", "soma", "--threads", "1", "--quiet", "--out", out}
	}
	type set struct {
		files []string
		run   []byte
	}
	snapshot := func(d string) set {
		var s set
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			s.files = append(s.files, e.Name())
		}
		s.run, _ = os.ReadFile(filepath.Join(d, "run.json"))
		return s
	}
	complete := func(tstop, out string) set {
		start := time.Now()
		if b, err := exec.Command(bin, args(tstop, out)...).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		t.Logf("a complete run of %s ms took %v", tstop, time.Since(start).Round(time.Millisecond))
		return snapshot(out)
	}
	newSet := complete("30", filepath.Join(dir, "new"))
	out := filepath.Join(dir, "out")
	oldSet := complete("20", out)
	start := time.Now()
	complete("30", filepath.Join(dir, "timing"))
	full := time.Since(start).Seconds()
	rng := rand.New(rand.NewPCG(1, 2))
	sigs := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL}
	counts := map[string]int{}
	which := "previous"
	for i := range 9 {
		if which != "previous" {
			// the previous set back in place
			os.RemoveAll(out)
			if got := complete("20", out); !slices.Equal(got.files, oldSet.files) {
				t.Fatalf("previous set %v, want %v", got.files, oldSet.files)
			}
		}
		sig := sigs[i%len(sigs)]
		cmd := exec.Command(bin, args("30", out)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		after := time.Duration(rng.Float64() * 1.2 * full * float64(time.Second))
		time.Sleep(after)
		cmd.Process.Signal(sig)
		start := time.Now()
		err := cmd.Wait()
		stopped := time.Since(start)
		got := snapshot(out)
		which = ""
		switch {
		case slices.Equal(got.files, oldSet.files) && bytes.Equal(got.run, oldSet.run):
			which = "previous"
		case slices.Equal(got.files, newSet.files) && bytes.Equal(got.run, newSet.run):
			which = "new"
		default:
			t.Errorf("%v after %v: %s holds %v (run.json %d bytes), neither the previous set %v nor the new %v",
				sig, after, out, got.files, len(got.run), oldSet.files, newSet.files)
		}
		counts[which]++
		t.Logf("%v after %v: exited in %v (%v), %s holds the %s set", sig, after.Round(time.Millisecond), stopped.Round(time.Millisecond), err, out, which)
		if sig != syscall.SIGKILL && stopped > 2*time.Second {
			t.Errorf("%v: took %v to stop, want < 2 s", sig, stopped)
		}
	}
	t.Logf("outcomes: %v", counts)
}
