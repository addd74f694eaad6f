package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
)

// TestRing runs the example: the kick goes round the ring (each cell fires
// once, in order, one hop of 5 ms delay plus the EPSP's rise after the
// previous one), and the written cell and model load back and validate.
func TestRing(t *testing.T) {
	out := t.TempDir()
	res, err := run(out, 5, 60)
	if err != nil {
		t.Fatal(err)
	}
	last := -1.0
	next := 0
	for _, s := range res.Trials[0] {
		if res.Type(s.GID) != "ring" {
			continue
		}
		if int(s.GID) != next {
			t.Fatalf("gid %d fired at %g ms, want gid %d next", s.GID, s.TimeMs, next)
		}
		if last >= 0 && (s.TimeMs-last < 5 || s.TimeMs-last > 7) {
			t.Errorf("gid %d fired %g ms after its predecessor", s.GID, s.TimeMs-last)
		}
		last = s.TimeMs
		next = (next + 1) % 5
	}
	if next == 0 && last < 0 {
		t.Fatal("no ring spikes")
	}
	cat := builtin.Catalogue()
	var c cell.Cell
	var net model.Network
	for name, v := range map[string]any{"cell.json": &c, "model.json": &net} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if err := c.Validate(cat); err != nil {
		t.Error(err)
	}
	if err := net.Validate(cat); err != nil {
		t.Error(err)
	}
	for _, f := range []string{"spikes.csv", "raster.png"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}
