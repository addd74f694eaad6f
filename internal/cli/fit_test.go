package cli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyFit fits the tiny batch's evoked drive time to a made-up dipole by
// Nelder–Mead in 3 evaluations.
const tinyFit = `model: {file: base.json}
tstop_ms: 30
trials: 1
params:
  - {name: mu, paths: [drives.evprox.evoked.mu_ms], low: 15, high: 25, initial: 20}
objective: {kind: dipole_rmse, target: target.txt, smooth_ms: 5}
solver: {kind: nelder-mead, max_evals: 3}
`

func TestFitCommand(t *testing.T) {
	dir, _ := writeTinyBatch(t)
	var tg strings.Builder
	for i := 0; i <= 60; i++ {
		fmt.Fprintf(&tg, "%g %g\n", float64(i)*0.5, 10*math.Sin(float64(i)/10))
	}
	if err := os.WriteFile(filepath.Join(dir, "target.txt"), []byte(tg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "fit.yaml")
	if err := os.WriteFile(file, []byte(tinyFit), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	msg, err := run(t, "fit", file, "--out", out, "--quiet", "--threads", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "3 evaluations (0 replayed)") || !strings.Contains(msg, "mu = ") {
		t.Errorf("output:\n%s", msg)
	}
	for _, f := range []string{"fit.json", "history.jsonl", "history.csv", "best.json", "convergence.png", "dipoles.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// a rerun replays the whole journal
	if msg, err := run(t, "fit", file, "--out", out, "--quiet"); err != nil || !strings.Contains(msg, "3 evaluations (3 replayed)") {
		t.Errorf("rerun: %v\n%s", err, msg)
	}
	// the best run spec simulates
	if _, err := run(t, "simulate", filepath.Join(out, "best.json"), "--out", filepath.Join(dir, "sim"), "--quiet"); err != nil {
		t.Errorf("simulate best.json: %v", err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "--example", "evoked", "--out", filepath.Join(dir, "e")}, "evoked example's target"},
		{[]string{"fit", "--example", "nope", "--out", filepath.Join(dir, "e")}, "unknown fit example (known: evoked, rhythmic)"},
		{[]string{"fit", "--out", filepath.Join(dir, "e")}, "nothing to fit"},
	} {
		if _, err := run(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
}
