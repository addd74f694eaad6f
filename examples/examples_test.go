// Package examples_test builds the example programs and runs each briefly,
// checking that it exits cleanly and writes its figures.
package examples_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// examples lists each program, a simulated time short enough for a test
// but long enough for the drives to reach the cells (and, for gamma and
// beta_erp, longer than the 50 ms burn-in and the 45 ms smoothing
// window), and the figures it
// writes.
var examples = []struct {
	name    string
	tstopMs string
	figures []string
	args    []string // more flags
}{
	{"erp", "40", []string{"dipole.png", "raster.png", "spike_hist.png", "dipole_sync.png", "spike_hist_sync.png"}, nil},
	{"alpha_beta", "40", []string{"alpha_dipole.png", "alpha_psd.png", "beta.png"}, nil},
	{"gamma", "60", []string{"weak_raster.png", "weak_dipole.png", "weak_tfr.png", "strong_dipole.png",
		"strong_raster.png", "strong_psd.png", "tau2_dipole.png", "tau2_raster.png", "tau2_tfr.png"}, nil},
	{"beta_erp", "50", []string{"beta.png", "beta_tfr.png", "beta_erp.png", "compare.png"}, nil},
	{"firing_pattern", "40", []string{"voltage_gid170.png", "raster.png", "firing_pattern.png"}, nil},
	{"lfp", "40", []string{"lfp_summary.png", "lfp_shank1.png", "csd_shank1.png"}, nil},
	// two evaluations of the fits
	{"optimize_evoked", "40", []string{"convergence.png", "dipoles.png"}, []string{"-max-iter", "1"}},
	{"optimize_rhythmic", "60", []string{"convergence.png", "psd.png"}, []string{"-max-iter", "1"}},
}

func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the example programs (about 30 s)")
	}
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))

	// Build every program once, then run the binaries.
	bin := t.TempDir()
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, ex := range examples {
		args = append(args, "./examples/"+ex.name)
	}
	build := exec.Command("go", args...)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}

	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			out := t.TempDir()
			cmd := exec.Command(filepath.Join(bin, ex.name), append([]string{"-out", out, "-tstop-ms", ex.tstopMs, "-trials", "1"}, ex.args...)...)
			cmd.Dir = root
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", ex.name, err, stdout.String(), stderr.String())
			}
			t.Logf("%s in %.1f s:\n%s", ex.name, time.Since(start).Seconds(), stdout.String())
			if stdout.Len() == 0 {
				t.Errorf("%s printed no summary", ex.name)
			}
			for _, f := range ex.figures {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Errorf("%s: %v", ex.name, err)
					continue
				}
				if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 1000 {
					t.Errorf("%s: %s is not a PNG figure (%d bytes)", ex.name, f, len(b))
				}
			}
		})
	}
}
