package cli

import (
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnimateCommand simulates 10 ms of the animation example (which
// records every section) and animates it: numpy.arange(0, 400, 40), 10
// frames of 0.1 s at 10 fps.
func TestAnimateCommand(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "simulate", "--example", "animation", "--tstop-ms", "10", "--quiet", "--out", dir); err != nil {
		t.Fatal(err)
	}
	movie := filepath.Join(dir, "movie.gif")
	out, err := run(t, "animate", dir, "--out", movie, "--decim", "40", "--width-px", "320", "--height-px", "240", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "10 frames of 320 × 240 pixels, t = 0 to 9 ms, 1.0 s (10 fps)") {
		t.Errorf("output: %s", out)
	}
	f, err := os.Open(movie)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 10 || g.Delay[0] != 10 || g.Config.Width != 320 || g.Config.Height != 240 {
		t.Errorf("%d frames, delay %d, %d × %d", len(g.Image), g.Delay[0], g.Config.Width, g.Config.Height)
	}
	// a window, another view, the limits of HNN-core's example
	if out, err := run(t, "animate", dir, "--out", movie, "--frame-start", "100", "--frame-stop", "301", "--decim", "50",
		"--fps", "25", "--azim", "45", "--elev", "40", "--vmin-mv", "-80", "--vmax-mv", "40",
		"--xlim-um", "400,1600", "--ylim-um", "400,1600", "--zlim-um", "-500,1600", "--quiet"); err != nil || !strings.Contains(out, "5 frames of 640 × 480 pixels, t = 2.5 to 7.5 ms, 0.2 s (25 fps)") {
		t.Errorf("%v: %s", err, out)
	}
}

func TestAnimateErrors(t *testing.T) {
	soma, none := t.TempDir(), t.TempDir()
	if _, err := run(t, "simulate", "--example", "animation", "--tstop-ms", "2", "--record-vsec", "soma", "--quiet", "--out", soma); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "simulate", "--example", "animation", "--tstop-ms", "2", "--quiet", "--out", none); err != nil {
		t.Fatal(err)
	}
	// the animation example's spec records every section: as if it
	// recorded nothing
	b, err := os.ReadFile(filepath.Join(none, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	spec := strings.Replace(string(b), `"vsec": "all"`, "", 1)
	if spec == string(b) {
		t.Fatal(`run.json holds no "vsec": "all"`)
	}
	if err := os.WriteFile(filepath.Join(none, "run.json"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(none, "vsec_trial0.csv")); err != nil {
		t.Fatal(err)
	}
	gif := filepath.Join(t.TempDir(), "m.gif")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"animate", soma, "--out", gif}, "the run recorded the membrane potential of the soma only; an animation needs every section's: run lamina simulate with --record-vsec all"},
		{[]string{"animate", soma, "--out", gif, "--trial", "1"}, "--trial 1: the outputs hold trials 0 to 0"},
		{[]string{"animate", soma}, `required flag(s) "out" not set`},
		{[]string{"animate", t.TempDir(), "--out", gif}, "does not hold the outputs of lamina simulate"},
	} {
		if _, err := run(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
	if _, err := run(t, "animate", none, "--out", gif); err == nil || !strings.Contains(err.Error(), "the run recorded no membrane potentials") {
		t.Errorf("no recording: %v", err)
	}
	all := t.TempDir()
	if _, err := run(t, "simulate", "--example", "animation", "--tstop-ms", "2", "--quiet", "--out", all); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fps", "0"}, "fps 0"},
		{[]string{"--fps", "60"}, "at most 50 frames per second"},
		{[]string{"--decim", "0"}, "decim 0"},
		{[]string{"--frame-start", "90"}, "no frames"},
		{[]string{"--frame-stop", "500"}, "samples 0 to 80"},
		{[]string{"--xlim-um", "400"}, `--xlim-um "400": want lo,hi`},
		{[]string{"--zlim-um", "5,-5"}, "zlim (5, -5)"},
		{[]string{"--vmin-mv", "60"}, "vmin 60 mV, vmax 50 mV"},
		{[]string{"--width-px", "10"}, "10 × 480 pixels"},
	} {
		args := append([]string{"animate", all, "--out", gif, "--quiet"}, tc.args...)
		if _, err := run(t, args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
	// a recording without every section (as an older run's): the reader
	// names the missing column
	if err := os.WriteFile(filepath.Join(all, "vsec_trial0.csv"), []byte("time_ms,v_0_soma_mV\n0,-65\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "animate", all, "--out", gif); err == nil || !strings.Contains(err.Error(), "no column v_1_soma_mV") || !strings.Contains(err.Error(), "--record-vsec all") {
		t.Errorf("a partial recording: %v", err)
	}
	if _, err := os.Stat(gif); err == nil {
		t.Error("a failed animation left a file")
	}
}
