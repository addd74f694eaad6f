package sweep_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/laminasim/lamina/batch"
	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/spec"
	"github.com/laminasim/lamina/sweep"
)

// TestBatchWithElectrodes sweeps a network that records an electrode
// array: every run's potentials are computed and, with save_runs, written
// with the run's other outputs, and they change with the parameter.
func TestBatchWithElectrodes(t *testing.T) {
	net := hnn.Jones2009(3, 3)
	net.Drives = hnn.ERPDrives(4, true, 0)
	if err := hnn.SetCellPositions(net, 30, hnn.LayerSeparationUm); err != nil {
		t.Fatal(err)
	}
	net.Electrodes = []electrode.Array{electrode.New("shank", hnn.LaminarShank(45, 45, -325, 100, 25))}
	model, err := json.Marshal(&spec.Run{Network: net, TStopMs: 40})
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := json.Marshal(map[string]any{"model": json.RawMessage(model), "summary": []string{"dipole_max"}, "save_runs": true})
	g := &batch.Grid{Axes: []batch.Axis{{Name: "drives.evprox1.evoked.mu_ms", Values: batch.Floats(20, 30)}}, Combinations: true, Meta: meta}
	s, err := sweep.Load(g, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := batch.Sweep(context.Background(), g, batch.Options{Jobs: 1, OutDir: dir}, func(ctx context.Context, r batch.Run) (batch.Summary, error) {
		return s.RunOne(ctx, r, 1)
	}); err != nil {
		t.Fatal(err)
	}
	var pots [2][]float64
	for k := range 2 {
		saved, err := output.Load(filepath.Join(batch.RunDir(dir, 2, k), "run"))
		if err != nil {
			t.Fatal(err)
		}
		if len(saved.Potentials) != 1 || len(saved.Potentials[0]) != 1 || len(saved.Potentials[0][0].DataUV) != 25 {
			t.Fatalf("run %d: potentials %v", k, len(saved.Potentials))
		}
		pots[k] = saved.Potentials[0][0].DataUV[3]
	}
	same := true
	for i := range pots[0] {
		same = same && pots[0][i] == pots[1][i]
	}
	if same {
		t.Error("the potentials do not change with the drive's time")
	}
	if _, err := os.Stat(filepath.Join(batch.RunDir(dir, 2, 0), "run", "lfp_shank_trial0.npy")); err != nil {
		t.Error(err)
	}
}
