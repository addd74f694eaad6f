package simulate_test

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"reflect"
	"strconv"
	"testing"

	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

// lfpRef is HNN-core's LFP of its extracellular example on NEURON 8.2.2
// (../shared/reference/hnn-lfp, see its README).
const lfpRef = "../../shared/reference/hnn-lfp/"

func readLFP(t *testing.T, file string) [][]float64 {
	t.Helper()
	f, err := os.Open(lfpRef + file)
	if err != nil {
		t.Skipf("reference not available: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float64, len(rows[0])-1) // [contact][sample]
	for _, r := range rows[1:] {
		for c := range out {
			v, err := strconv.ParseFloat(r[1+c], 64)
			if err != nil {
				t.Fatal(err)
			}
			out[c] = append(out[c], v)
		}
	}
	return out
}

// TestLFPAsHNNCore runs HNN-core's extracellular example (hnn.LFP: the
// ERP column at 30 µm with the gallery's seeds) once, with shank1
// recorded both as point sources and as line sources, and compares every
// contact with HNN-core's potentials on NEURON (lfp_seed_psa.csv,
// lfp_seed_lsa.csv). Bound: NRMSE < 1e-3 of each contact's range (the
// issue). Measured: ≤ 1e-8; what remains is the dipole's and spikes'
// agreement with NEURON (spike times 1e-10 ms apart, NEURON's accumulated
// t) carried through the currents.
func TestLFPAsHNNCore(t *testing.T) {
	if testing.Short() {
		t.Skip("the 10×10 column for 170 ms")
	}
	net := hnn.LFP()
	lsa := net.Electrodes[0]
	lsa.Name, lsa.Method = "shank1_lsa", electrode.MethodLSA
	net.Electrodes = append(net.Electrodes, lsa)
	res, err := simulate.Run(context.Background(), &spec.Run{Network: net, TStopMs: 170}, simulate.Env{})
	if err != nil {
		t.Fatal(err)
	}
	counts := res.SpikeTable().Count()
	for name, n := range map[string]int{"L2_basket": 55, "L2_pyramidal": 114, "L5_basket": 90, "L5_pyramidal": 394} {
		if counts[name] != n {
			t.Errorf("%s: %d spikes, HNN-core %d", name, counts[name], n)
		}
	}
	for i, file := range []string{"lfp_seed_psa.csv", "lfp_seed_lsa.csv"} {
		ref := readLFP(t, file)
		got := res.Trials[0].Potentials[i]
		worst := 0.0
		for c := range ref {
			lo, hi, se := math.Inf(1), math.Inf(-1), 0.0
			for k, v := range ref[c] {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
				d := got.DataUV[c][k] - v
				se += d * d
			}
			nrmse := math.Sqrt(se/float64(len(ref[c]))) / (hi - lo)
			worst = math.Max(worst, nrmse)
			if nrmse > 1e-3 {
				t.Errorf("%s contact %d: NRMSE %.3g of the range %.4g µV", file, c, nrmse, hi-lo)
			}
		}
		t.Logf("%s: worst NRMSE %.3g", file, worst)
	}
}

// TestLFPThreadsRanks records a laminar array in a 3×3 column on 1 and 2
// threads and on 2 in-process ranks with 1 and 2 threads: the potentials
// must be bit-identical (each cell's contribution is summed over its own
// segments, and the cells' in gid order, whoever computes them).
func TestLFPThreadsRanks(t *testing.T) {
	net := hnn.Jones2009(3, 3)
	net.Drives = hnn.ERPDrives(4, true, 0)
	if err := hnn.SetCellPositions(net, 30, hnn.LayerSeparationUm); err != nil {
		t.Fatal(err)
	}
	net.Electrodes = []electrode.Array{electrode.New("shank", hnn.LaminarShank(45, 45, -325, 100, 25))}
	run := func(threads, ranks int) []record.Potentials {
		return runRanks(t, &spec.Run{Network: net, TStopMs: 50}, threads, ranks).Trials[0].Potentials
	}
	ref := run(1, 1)
	nonzero := false
	for _, v := range ref[0].DataUV[3] {
		nonzero = nonzero || v != 0
	}
	if !nonzero {
		t.Fatal("the potentials are all 0")
	}
	for _, c := range []struct{ threads, ranks int }{{2, 1}, {1, 2}, {2, 2}} {
		if got := run(c.threads, c.ranks); !reflect.DeepEqual(got, ref) {
			t.Errorf("%d threads, %d ranks: potentials differ", c.threads, c.ranks)
		}
	}
}
