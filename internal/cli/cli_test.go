package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"github.com/laminasim/lamina/output"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/hnntxt"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	root := NewRoot(&out, &out)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

func TestCellCommand(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "cell", "L2_basket", "--iclamp-na", "0.5", "--tstop-ms", "60",
		"--record", "soma(0),soma(1)", "--out", dir, "--plot")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "4 spikes at 21.150, 33.000, 44.375, 55.725 ms") {
		t.Errorf("output:\n%s", out)
	}
	header, cols, err := csvfile.ReadColumns(filepath.Join(dir, "trace.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(header, ",") != "time_ms,v_soma_mV,v_soma(0)_mV,v_soma(1)_mV" || len(cols[0]) != 2401 {
		t.Errorf("header %v, %d rows", header, len(cols[0]))
	}
	_, spikes, err := csvfile.ReadColumns(filepath.Join(dir, "spikes.csv"))
	if err != nil || len(spikes[0]) != 4 || spikes[0][0] != 21.15 {
		t.Errorf("spikes %v (%v)", spikes, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "trace.png")); err != nil {
		t.Error(err)
	}
}

func TestCellCommandErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"cell", "L4_stellate", "--out", dir}, `unknown HNN cell type "L4_stellate"`},
		{[]string{"cell", "L5_pyramidal"}, `required flag(s) "out" not set`},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--record", "axon"}, `no section "axon"`},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--record", "soma(2)"}, `x = "2", want a number in [0, 1]`},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--record", "soma(("}, "want SECTION or SECTION(x)"},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--dt-ms", "0"}, "dt_ms = 0"},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--tstop-ms", "-5"}, "--tstop-ms = -5"},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--tstop-ms", "100.01"}, "not a whole number of steps"},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--iclamp-na", "abc"}, "invalid argument"},
		{[]string{"mechanisms", "nap"}, `unknown mechanism "nap"`},
		{[]string{"cell", "L5_pyramidal", "--out", dir, "--rates", "quick"}, `--rates "quick"`},
	} {
		if _, err := run(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

// TestCellCommandRates checks that the rate modes run and that exact and
// fast rates stay close to NEURON's tables (same spike count, spikes within
// 0.1 ms).
func TestCellCommandRates(t *testing.T) {
	spikes := map[string][]float64{}
	for _, mode := range []string{"table", "exact", "fast"} {
		dir := t.TempDir()
		if _, err := run(t, "cell", "L5_pyramidal", "--iclamp-na", "1", "--out", dir, "--rates", mode); err != nil {
			t.Fatal(err)
		}
		_, cols, err := csvfile.ReadColumns(filepath.Join(dir, "spikes.csv"))
		if err != nil {
			t.Fatal(err)
		}
		spikes[mode] = cols[0]
	}
	for _, mode := range []string{"exact", "fast"} {
		if len(spikes[mode]) != len(spikes["table"]) {
			t.Fatalf("%s: %v, table %v", mode, spikes[mode], spikes["table"])
		}
		for i, ts := range spikes[mode] {
			if d := ts - spikes["table"][i]; d > 0.1 || d < -0.1 {
				t.Errorf("%s spike %d at %g ms, table %g ms", mode, i, ts, spikes["table"][i])
			}
		}
	}
}

func TestMechanismsCommand(t *testing.T) {
	out, err := run(t, "mechanisms")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"hh2", "km", "kca", "ca", "cad", "cat", "ar", "pas", "hh", "IClamp", "Exp2Syn"} {
		if !strings.Contains(out, m+" ") {
			t.Errorf("mechanism %s not listed", m)
		}
	}
}

func TestSimulateCommand(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "simulate", "--example", "erp-sync", "--tstop-ms", "30", "--trials", "2", "--quiet", "--smooth-ms", "5", "--scale", "3000", "--out", dir, "--plot")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "erp-sync: 2 trial(s) of 30 ms") {
		t.Errorf("output:\n%s", out)
	}
	header, cols, err := csvfile.ReadColumns(filepath.Join(dir, "dipole.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(header, ",") != "trial,time_ms,agg_nAm,L2_nAm,L5_nAm" || len(cols[0]) != 2*1201 {
		t.Errorf("dipole.csv: header %v, %d rows", header, len(cols[0]))
	}
	if cols[0][1200] != 0 || cols[0][1201] != 1 {
		t.Error("trial column wrong")
	}
	header, _, err = csvfile.ReadColumns(filepath.Join(dir, "dipole_raw.csv"))
	if err != nil || strings.Join(header, ",") != "trial,time_ms,agg_fAm,L2_fAm,L5_fAm" {
		t.Errorf("dipole_raw.csv: %v %v", header, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "spikes.csv"))
	if err != nil || !strings.HasPrefix(string(b), "trial,time_ms,gid,type\n") || !strings.Contains(string(b), ",evprox1\n") {
		t.Errorf("spikes.csv: %v\n%.200s", err, b)
	}
	var sum map[string]any
	b, _ = os.ReadFile(filepath.Join(dir, "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil || sum["trials"] != 2.0 || sum["spike_counts"] == nil {
		t.Errorf("summary.json: %v %v", err, sum)
	}
	for _, f := range []string{"dipole", "raster", "spike_hist", "psd", "tfr", "positions", "connectivity", "morphology"} {
		if _, err := os.Stat(filepath.Join(dir, f+".png")); err != nil {
			t.Error(err)
		}
	}
	// mean rates: summary.json and lamina rates agree
	rates := sum["mean_rates_hz"].(map[string]any)
	if len(rates) != 4 {
		t.Errorf("mean_rates_hz: %v", rates)
	}
	out, err = run(t, "rates", dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range rates {
		if !strings.Contains(out, fmt.Sprintf("%-14s %8.3f Hz", name, r)) {
			t.Errorf("lamina rates disagrees with summary.json on %s (%v):\n%s", name, r, out)
		}
	}
	// re-render from the saved outputs, as SVG
	out, err = run(t, "plot", "raster,tfr", dir, "--trial", "1", "--format", "svg")
	if err != nil || !strings.Contains(out, "wrote raster.svg, tfr.svg") {
		t.Errorf("lamina plot: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "raster.svg")); err != nil || !strings.Contains(string(b), "spikes, trial 1") {
		t.Errorf("raster.svg: %v", err)
	}
	// the model.json written is the model alone: with the run's settings
	// given again it reproduces the run's spikes
	again := t.TempDir()
	if _, err := run(t, "simulate", filepath.Join(dir, "model.json"), "--tstop-ms", "30", "--trials", "2", "--quiet", "--out", again); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "spikes.csv"))
	b, _ = os.ReadFile(filepath.Join(again, "spikes.csv"))
	if !bytes.Equal(a, b) || len(a) < 100 {
		t.Error("simulating the written model.json changed the spikes")
	}
}

func TestPlotAndRatesErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "simulate", "--example", "erp-sync", "--tstop-ms", "5", "--quiet", "--out", dir); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot", "heatmap", dir}, `unknown figure "heatmap"`},
		{[]string{"plot", "all", filepath.Join(dir, "nowhere")}, "does not hold the outputs of lamina simulate"},
		{[]string{"plot", "raster", dir, "--trial", "3"}, "--trial 3: the outputs hold trials 0 to 0"},
		{[]string{"plot", "psd", dir, "--format", "jpg"}, `--format "jpg"`},
		{[]string{"rates", dir, "--mode", "gid"}, `unknown mean rate mode "gid"`},
		{[]string{"rates", dir, "--tstart-ms", "10", "--tstop-ms", "5"}, "need 0 <= start < stop"},
	} {
		if _, err := run(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestSimulateCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"name": "x", "populations": [], "seeding": "keyed", "celsius": 37, "inplane_distance_um": 0}`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"simulate", "--example", "gamma9", "--out", dir}, `--example "gamma9": unknown example`},
		{[]string{"simulate", "--out", dir}, "nothing to simulate"},
		{[]string{"simulate", "x.json", "--example", "erp", "--out", dir}, "either a model file or --example"},
		{[]string{"simulate", filepath.Join(dir, "missing.json"), "--out", dir}, "no such file"},
		{[]string{"simulate", bad, "--tstop-ms", "10", "--out", dir}, "inplane_distance_um = 0"},
		{[]string{"simulate", "--example", "erp", "--tstop-ms", "-1", "--out", dir}, "--tstop-ms = -1"},
		{[]string{"simulate", "--example", "erp", "--dt-ms", "0.03", "--out", dir}, "not a whole number of steps of dt_ms = 0.03"},
		{[]string{"simulate", "--example", "erp", "--trials", "0", "--out", dir}, "--trials = 0"},
		{[]string{"simulate", "--example", "erp", "--rates", "turbo", "--out", dir}, `--rates "turbo"`},
		{[]string{"simulate", "--example", "erp", "--smooth-ms", "0.5", "--out", dir}, "--smooth-ms = 0.5"},
	} {
		if _, err := run(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

// TestHelpAndUsage checks that commands describe themselves and that a
// bare simulate says what to give first (issue 16).
func TestHelpAndUsage(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	if _, err := run(t, "convert", "--example", "erp", model); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		want  string // in the output, or in the error if isErr
		isErr bool
	}{
		{[]string{"examples", "--help"}, "one line each with its name, its\nkind (cable, point or mixed) and what it shows", false},
		{[]string{"mechanisms", "--help"}, "the NEURON .mod file it ports", false},
		{[]string{"mechanisms", "--help"}, "lamina mechanisms hh2 Exp2Syn", false},
		{[]string{"simulate"}, "nothing to simulate: give a model file (e.g. DIR/run.json of an earlier run) or --example NAME (lamina examples lists them)", true},
		{[]string{"simulate", model}, "the model file has no run length: give it with --tstop-ms", true},
		{[]string{"simulate", model, "--tstop-ms", "10"}, "no output directory: give --out DIR", true},
	} {
		out, err := run(t, tc.args...)
		got := out
		if tc.isErr {
			if err == nil {
				t.Errorf("%v: no error", tc.args)
				continue
			}
			got = err.Error()
		} else if err != nil {
			t.Errorf("%v: %v", tc.args, err)
			continue
		}
		if want := tc.want; !strings.Contains(got, want) {
			t.Errorf("%v: %q does not say %q", tc.args, got, want)
		}
	}
}

func TestExamplesCommand(t *testing.T) {
	out, err := run(t, "examples")
	if err != nil || !strings.Contains(out, "erp ") || !strings.Contains(out, "erp-sync") {
		t.Errorf("%v\n%s", err, out)
	}
}

// TestSimulateCompare compares a run with a file holding its own dipole
// (as HNN-core's Dipole.write would): RMSE 0 to the 4 printed decimals,
// correlation 1.
func TestSimulateCompare(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "simulate", "--example", "erp-sync", "--tstop-ms", "30", "--scale", "3000", "--quiet", "--out", dir); err != nil {
		t.Fatal(err)
	}
	s, err := output.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.txt")
	if err := hnntxt.WriteDipoleFile(target, s.Dipoles[0]); err != nil {
		t.Fatal(err)
	}
	again := t.TempDir()
	out, err := run(t, "simulate", "--example", "erp-sync", "--tstop-ms", "30", "--scale", "3000", "--quiet", "--out", again, "--compare", target)
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Compare struct {
			RMSE float64 `json:"rmse_nAm"`
			R    float64 `json:"correlation"`
		} `json:"compare"`
	}
	b, _ := os.ReadFile(filepath.Join(again, "summary.json"))
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	// the file rounds to 4 decimals: RMSE at most 5e-5 nAm
	if sum.Compare.RMSE > 5e-5 || sum.Compare.R < 0.999999 || !strings.Contains(out, "correlation 1.000") {
		t.Errorf("compare: %+v\n%s", sum.Compare, out)
	}
	if _, err := os.Stat(filepath.Join(again, "compare.png")); err != nil {
		t.Error(err)
	}
	if _, err := run(t, "simulate", "--example", "erp-sync", "--out", again, "--compare", filepath.Join(dir, "none.txt")); err == nil || !strings.Contains(err.Error(), "--compare") {
		t.Errorf("missing compare file: %v", err)
	}
}

// TestModelFormats simulates the same network from the three file formats
// lamina reads: an HNN-core network configuration written by lamina
// convert, the Lamina model file written by simulate, and the example
// itself; the spikes must be identical.
func TestModelFormats(t *testing.T) {
	dir := t.TempDir()
	hnnFile := filepath.Join(dir, "erp_network.json")
	if out, err := run(t, "convert", "--example", "erp-sync", "--to", "hnn-network", hnnFile); err != nil || !strings.Contains(out, "hnn-network") {
		t.Fatalf("convert: %v %s", err, out)
	}
	b, err := os.ReadFile(hnnFile)
	if err != nil || !strings.Contains(string(b), `"object_type": "Network"`) {
		t.Fatalf("not an HNN-core network file: %v", err)
	}
	spikes := map[string][]byte{}
	for name, args := range map[string][]string{
		"example": {"--example", "erp-sync"},
		"hnn":     {hnnFile},
	} {
		out := filepath.Join(dir, name)
		if _, err := run(t, append([]string{"simulate", "--tstop-ms", "40", "--quiet", "--out", out}, args...)...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		spikes[name], _ = os.ReadFile(filepath.Join(out, "spikes.csv"))
	}
	if !bytes.Equal(spikes["example"], spikes["hnn"]) || len(spikes["hnn"]) < 100 {
		t.Error("the HNN-core network file simulates differently from the example")
	}
	// an HNN-core parameter file: default.json gives the ERP drives
	out, err := run(t, "simulate", "../../format/hnnparams/testdata/default.json", "--tstop-ms", "35", "--quiet", "--out", filepath.Join(dir, "params"))
	if err != nil || !strings.Contains(out, "evprox1") {
		t.Errorf("parameter file: %v\n%s", err, out)
	}
}

// TestSimulateWarnings checks that simulate prints the run's warnings
// (spec.Run.Warnings) to stderr, even with --quiet, and still runs.
func TestSimulateWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // "" for no warning
	}{
		{"cable dt 10 ms", []string{"--example", "erp", "--tstop-ms", "20", "--dt-ms", "10", "--threads", "1", "--quiet"}, "warning: spec: dt_ms = 10 is longer than 0.1 ms"},
		{"cable dt default", []string{"--example", "erp", "--tstop-ms", "1", "--quiet"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := run(t, append([]string{"simulate", "--out", t.TempDir()}, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" && strings.Contains(out, "warning:") || !strings.Contains(out, tc.want) {
				t.Errorf("output %q, want %q", out, tc.want)
			}
		})
	}
}

func TestModelFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		file, want string
	}{
		{write("broken.json", `{"populations": [`), "broken.json"},
		{write("typo.json", `{"name": "x", "populations": [], "sedding": "hnn"}`), `unknown key "sedding" (did you mean "seeding"?)`},
		{write("bad.param", "tstop: 170\ngbar_L2Pyr_L2Pyr_ampa abc\n"), "bad.param:2"},
		{write("badvalue.json", `{"tstop": 170, "gbar_L2Pyr_L2Pyr_ampa": "x"}`), "gbar_L2Pyr_L2Pyr_ampa"},
		{write("net.json", `{"object_type": "Network", "N_pyr_x": 3}`), "hnnnet"},
		{write("list.json", `[1, 2]`), "not a model file"},
		// Issue 16: a JSON object of unknown keys is not taken for
		// HNN-core parameters (it ran the default column).
		{write("foo.json", `{"foo": 1}`), "foo.json: not a model file: want a Lamina run spec (tstop_ms with network or point), a Lamina or point network (populations), an HNN-core network configuration (object_type \"Network\") or an HNN-core parameter file (keys of HNN-core's read_params such as tstop, dt, N_pyr_x); found keys: foo"},
	} {
		_, err := run(t, "simulate", tc.file, "--tstop-ms", "5", "--out", dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", filepath.Base(tc.file), err, tc.want)
		}
	}
	if _, err := run(t, "convert", "--example", "erp", "--to", "neuron", filepath.Join(dir, "x")); err == nil || !strings.Contains(err.Error(), `--to "neuron"`) {
		t.Errorf("convert --to neuron: %v", err)
	}
}

// TestHNNCoreFilesSimulate loads every HNN-core parameter and network file
// of ../shared/reference/hnn-core-data (copies in the format packages'
// testdata) and simulates 2 ms of each.
func TestHNNCoreFilesSimulate(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"../../format/hnnparams/testdata/default.json",
		"../../format/hnnparams/testdata/N20.json",
		"../../format/hnnparams/testdata/gamma_L5weak_L2weak.json",
		"../../format/hnnparams/testdata/hnn_core_test_data_default.param",
		"../../format/hnnparams/testdata/hnn_core_test_data_base.json",
	}
	for _, gz := range []string{"neymotin2020_base.json.gz", "neymotin2020_3x3_drives.json.gz", "gamma_L5weak_L2weak_hierarchical.json.gz"} {
		f, err := os.Open(filepath.Join("../../format/hnnnet/testdata", gz))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, strings.TrimSuffix(gz, ".gz"))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, file := range files {
		out := filepath.Join(dir, "out_"+filepath.Base(file))
		if _, err := run(t, "simulate", file, "--tstop-ms", "2", "--quiet", "--out", out); err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
		}
	}
}

// TestHNNFiles checks that --hnn-files writes what HNN-core's read_spikes
// and read_dipole load, with the spikes of spikes.csv.
func TestHNNFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "simulate", "--example", "erp-sync", "--tstop-ms", "35", "--trials", "2", "--hnn-files", "--quiet", "--out", dir); err != nil {
		t.Fatal(err)
	}
	trials, _, err := hnntxt.ReadSpikeTrials(filepath.Join(dir, "spk_%d.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := output.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for k, tr := range trials {
		for _, sp := range tr {
			if s.Spikes.Trials[n] != k || s.Spikes.GIDs[n] != sp.GID || s.Spikes.Types[n] != sp.Type || math.Abs(s.Spikes.TimesMs[n]-sp.TimeMs) > 5e-4 {
				t.Fatalf("spike %d: file %+v, spikes.csv trial %d %g %d %s", n, sp, s.Spikes.Trials[n], s.Spikes.TimesMs[n], s.Spikes.GIDs[n], s.Spikes.Types[n])
			}
			n++
		}
	}
	if n != len(s.Spikes.TimesMs) || n == 0 {
		t.Errorf("%d spikes in the text files, %d in spikes.csv", n, len(s.Spikes.TimesMs))
	}
	for k := range 2 {
		d, err := hnntxt.ReadDipoleFile(filepath.Join(dir, fmt.Sprintf("dpl_%d.txt", k)))
		if err != nil || len(d.TimesMs) != len(s.Dipoles[k].TimesMs) {
			t.Errorf("dpl_%d.txt: %v", k, err)
		}
	}
}

// TestTutorialExamples runs the NEURON tutorial's networks briefly through
// the CLI, the CS network from the shared connectivity and input files.
func TestTutorialExamples(t *testing.T) {
	dir := t.TempDir()
	ref := "../../models/tutorial/testdata/"
	conn, inputs := filepath.Join(dir, "conn.csv"), filepath.Join(dir, "inputs.csv")
	for src, dst := range map[string]string{ref + "cs_connectivity.csv.gz": conn, ref + "cs_input_spikes.csv.gz": inputs} {
		f, err := os.Open(src)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		f.Close()
		os.WriteFile(dst, b, 0o644)
	}
	out, err := run(t, "simulate", "--example", "tutorial-cs-network", "--connectivity", conn, "--inputs", inputs, "--tstop-ms", "30", "--quiet", "--out", filepath.Join(dir, "cs"))
	if err != nil || !strings.Contains(out, "exc ") || !strings.Contains(out, "inh ") {
		t.Errorf("cs network: %v\n%s", err, out)
	}
	out, err = run(t, "simulate", "--example", "tutorial-two-groups", "--tstop-ms", "20", "--quiet", "--out", filepath.Join(dir, "two"))
	if err != nil || !strings.Contains(out, "exc ") {
		t.Errorf("two groups: %v\n%s", err, out)
	}
	if _, err := run(t, "simulate", "--example", "erp", "--connectivity", conn, "--out", dir); err == nil || !strings.Contains(err.Error(), "connectivity applies to tutorial-cs-network, not to erp") {
		t.Errorf("--connectivity with erp: %v", err)
	}
}

// TestPointExamples runs the point-neuron examples through simulate: the
// AdEx patterns name their spikes by pattern (the counts are those of the
// SNN.jl tutorial's run, checked against the references in pointsim),
// ei-balanced writes rates, and --plot draws each example's figures.
func TestPointExamples(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "simulate", "--example", "adex-patterns", "--quiet", "--plot", "--scheme", "snnjl", "--out", filepath.Join(dir, "adex")); err != nil {
		t.Fatal(err)
	}
	cols, err := csvfile.ReadTable(filepath.Join(dir, "adex", "spikes.csv"), map[string]byte{"type": 's'})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, ty := range cols["type"].S {
		got[ty]++
	}
	want := map[string]int{"Tonic": 5, "Adapting": 11, "Init. burst": 11, "Bursting": 24, "Irregular": 21, "Transient": 6, "Delayed": 2}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("AdEx pattern spikes %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "adex", "patterns.png")); err != nil {
		t.Error(err)
	}
	out, err := run(t, "simulate", "--example", "ei-balanced", "--rate-hz", "10", "--tstop-ms", "200", "--quiet", "--plot", "--out", filepath.Join(dir, "ei"))
	if err != nil || !strings.Contains(out, "ei-balanced") {
		t.Fatalf("ei-balanced: %v\n%s", err, out)
	}
	for _, f := range []string{"spikes.csv", "rates.csv", "summary.json", "model.json", "raster.png"} {
		if _, err := os.Stat(filepath.Join(dir, "ei", f)); err != nil {
			t.Error(err)
		}
	}
	// Each example's own figure, drawn from its monitors (set
	// LAMINA_FIGURES=DIR to keep them and look).
	figDir := dir
	if d := os.Getenv("LAMINA_FIGURES"); d != "" {
		figDir = d
	}
	for _, c := range []struct{ example, file string }{
		{"lif-balanced-input", "conductances.png"}, {"lif-noise", "traces.png"}, {"ball-and-stick", "traces.png"},
	} {
		out := filepath.Join(figDir, c.example)
		if _, err := run(t, "simulate", "--example", c.example, "--tstop-ms", "1000", "--quiet", "--plot", "--out", out); err != nil {
			t.Fatalf("%s: %v", c.example, err)
		}
		for _, f := range []string{"raster.png", c.file} {
			if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() < 5000 {
				t.Errorf("%s: %s: %v", c.example, f, err)
			}
		}
	}
	if _, err := run(t, "simulate", "--example", "ei-balanced", "--scheme", "rk4", "--out", dir); err == nil || !strings.Contains(err.Error(), "--scheme") {
		t.Errorf("bad scheme: %v", err)
	}
}

// TestRerunFromSpec runs one model of every kind (a cable example, an
// HNN-core network file, point examples, the mixed example), then
// simulates the run.json it wrote, with no flags: spikes.csv, dipole.csv
// (where there is one), rates.csv, the monitors and run.json itself must
// be byte-identical.
func TestRerunFromSpec(t *testing.T) {
	dir := t.TempDir()
	hnnFile := filepath.Join(dir, "net.json")
	if _, err := run(t, "convert", "--example", "erp-sync", "--to", "hnn-network", hnnFile); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		files []string
	}{
		{"cable", []string{"--example", "erp-sync", "--tstop-ms", "30", "--trials", "2", "--smooth-ms", "5", "--scale", "3000", "--rates", "fast"},
			[]string{"spikes.csv", "dipole.csv", "dipole_raw.csv"}},
		{"hnn-network", []string{hnnFile, "--tstop-ms", "30"}, []string{"spikes.csv", "dipole.csv"}},
		{"point", []string{"--example", "ei-balanced", "--tstop-ms", "200", "--seed", "3", "--scheme", "euler", "--rate-hz", "12"},
			[]string{"spikes.csv", "rates.csv"}},
		{"point-monitors", []string{"--example", "lif-noise", "--tstop-ms", "1000", "--trials", "2"},
			[]string{"spikes.csv", "monitor_E_v_trial0.csv", "monitor_E_I_trial1.csv"}},
		{"mixed", []string{"--example", "erp-thalamic", "--tstop-ms", "40"}, []string{"spikes.csv", "dipole.csv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, second := filepath.Join(dir, tc.name+"-1"), filepath.Join(dir, tc.name+"-2")
			if _, err := run(t, append([]string{"simulate", "--quiet", "--out", first}, tc.args...)...); err != nil {
				t.Fatal(err)
			}
			if _, err := run(t, "simulate", filepath.Join(first, "run.json"), "--quiet", "--out", second); err != nil {
				t.Fatal(err)
			}
			for _, f := range append(tc.files, "run.json") {
				a, errA := os.ReadFile(filepath.Join(first, f))
				b, errB := os.ReadFile(filepath.Join(second, f))
				if errA != nil || errB != nil {
					t.Fatalf("%s: %v %v", f, errA, errB)
				}
				if !bytes.Equal(a, b) || len(a) < 50 {
					t.Errorf("%s differs between the run and its rerun (%d and %d bytes)", f, len(a), len(b))
				}
			}
		})
	}
}

// TestPointAndMixedOutputs checks rates, plot and the summary on a point
// network and a mixed one: every population's rate (not NaN), figures
// chosen by what the run holds, and clear errors for those it cannot
// have.
func TestPointAndMixedOutputs(t *testing.T) {
	dir := t.TempDir()
	pt, mixed := filepath.Join(dir, "pt"), filepath.Join(dir, "mixed")
	if _, err := run(t, "simulate", "--example", "ei-balanced", "--tstop-ms", "200", "--quiet", "--out", pt); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "simulate", "--example", "erp-thalamic", "--tstop-ms", "40", "--quiet", "--out", mixed); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir  string
		pops []string
	}{{pt, []string{"E", "I"}}, {mixed, []string{"L2_basket", "L5_pyramidal", "thalamus"}}} {
		out, err := run(t, "rates", c.dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.pops {
			if !strings.Contains(out, p+" ") || strings.Contains(out, "NaN") {
				t.Errorf("lamina rates %s: no rate for %s:\n%s", c.dir, p, out)
			}
		}
		if strings.Contains(out, "noiseE") || strings.Contains(out, "volley") || strings.Contains(out, "evdist1") {
			t.Errorf("lamina rates lists sources:\n%s", out)
		}
	}
	out, err := run(t, "plot", "all", pt)
	if err != nil || !strings.Contains(out, "raster.png") || strings.Contains(out, "dipole") {
		t.Errorf("plot all on a point network: %v\n%s", err, out)
	}
	if _, err := run(t, "plot", "dipole", pt); err == nil || !strings.Contains(err.Error(), "no dipole") {
		t.Errorf("plot dipole on a point network: %v", err)
	}
	out, err = run(t, "plot", "all", mixed)
	if err != nil || !strings.Contains(out, "raster.png") || !strings.Contains(out, "dipole.png") {
		t.Errorf("plot all on a mixed network: %v\n%s", err, out)
	}
	// the mixed raster shows both kinds: its SVG names the thalamus and
	// the cortical types
	if _, err := run(t, "plot", "raster", mixed, "--format", "svg"); err != nil {
		t.Fatal(err)
	}
	svg, _ := os.ReadFile(filepath.Join(mixed, "raster.svg"))
	for _, name := range []string{"thalamus", "L2_pyramidal", "volley"} {
		if !strings.Contains(string(svg), name) {
			t.Errorf("the mixed raster has no %s", name)
		}
	}
	if _, err := run(t, "plot", "group-rates", mixed); err == nil || !strings.Contains(err.Error(), "has a dipole") {
		t.Errorf("plot group-rates on an HNN run: %v", err)
	}
}

// TestPointBatch sweeps a point network's parameter (the E afferents'
// rate) and checks that the E rate rises with it.
func TestPointBatch(t *testing.T) {
	dir := t.TempDir()
	grid := filepath.Join(dir, "grid.json")
	os.WriteFile(grid, []byte(`{"parameters": {"poisson.noiseE.rate_hz": [5, 20]},
		"meta": {"model": "ei-balanced", "tstop_ms": 200, "summary": ["rate:E", "rate:I", "spikes:noiseE"]}}`), 0o644)
	out := filepath.Join(dir, "out")
	if _, err := run(t, "batch", grid, "--out", out, "--quiet", "--jobs", "2"); err != nil {
		t.Fatal(err)
	}
	cols, err := csvfile.ReadTable(filepath.Join(out, "summary.csv"), map[string]byte{"rate:E": 'f', "spikes:noiseE": 'f', "error": 's'})
	if err != nil {
		t.Fatal(err)
	}
	if e := cols["error"].S; e[0] != "" || e[1] != "" {
		t.Fatalf("errors %v", e)
	}
	if r, n := cols["rate:E"].F, cols["spikes:noiseE"].F; !(r[1] > r[0]) || !(n[1] > 3*n[0]) {
		t.Errorf("rate:E %v, spikes:noiseE %v: both should rise with the afferent rate", r, n)
	}
	os.WriteFile(grid, []byte(`{"parameters": {"poisson.noiseE.rate_hz": [5]},
		"meta": {"model": "ei-balanced", "tstop_ms": 200, "summary": ["dipole_max"]}}`), 0o644)
	if _, err := run(t, "batch", grid, "--out", filepath.Join(dir, "x"), "--quiet"); err == nil || !strings.Contains(err.Error(), "a point network has no dipole") {
		t.Errorf("dipole summary on a point network: %v", err)
	}
}

// TestLFPOutputs runs the extracellular example briefly: the potentials
// are written as CSV (trial,time_ms,e0_uV,...) and as NumPy arrays per
// trial, read back identical, and the run reproduces from its run.json.
func TestLFPOutputs(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, err := run(t, "simulate", "--example", "lfp", "--tstop-ms", "20", "--trials", "2", "--quiet", "--out", first); err != nil {
		t.Fatal(err)
	}
	header, cols, err := csvfile.ReadColumns(filepath.Join(first, "lfp_shank1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(header) != 27 || header[0] != "trial" || header[1] != "time_ms" || header[2] != "e0_uV" || header[26] != "e24_uV" || len(cols[0]) != 2*801 {
		t.Fatalf("lfp_shank1.csv: header %v, %d rows", header, len(cols[0]))
	}
	s, err := output.Load(first)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		p := s.Potentials[k][0]
		if p.Array != "shank1" || len(p.DataUV) != 25 || len(p.DataUV[3]) != 801 || len(p.TimeMs) != 801 {
			t.Fatalf("trial %d: %s, %d contacts", k, p.Array, len(p.DataUV))
		}
		for i, v := range p.DataUV[3] {
			if v != cols[5][k*801+i] {
				t.Fatalf("trial %d sample %d: npy %v, csv %v", k, i, v, cols[5][k*801+i])
			}
		}
	}
	out, err := run(t, "plot", "lfp,csd,lfp-summary", first, "--trial", "1")
	if err != nil || !strings.Contains(out, "lfp_shank1.png, csd_shank1.png, lfp_summary.png") {
		t.Errorf("lamina plot lfp,csd,lfp-summary: %v\n%s", err, out)
	}
	if _, err := run(t, "simulate", filepath.Join(first, "run.json"), "--quiet", "--out", second); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"lfp_shank1.csv", "lfp_shank1_trial1.npy", "dipole.csv"} {
		a, _ := os.ReadFile(filepath.Join(first, f))
		b, _ := os.ReadFile(filepath.Join(second, f))
		if !bytes.Equal(a, b) || len(a) < 1000 {
			t.Errorf("%s differs between the run and its rerun", f)
		}
	}
}

// TestLargeRecording records every section of the ERP column (1770
// columns) for 60 ms: 4.25 million values, above output.LargeTraceValues,
// so the trace is written as NumPy with its column names beside; with
// --record-every-ms 0.5 it is 20 times smaller and written as CSV.
func TestLargeRecording(t *testing.T) {
	dir := t.TempDir()
	big, small := filepath.Join(dir, "big"), filepath.Join(dir, "small")
	if _, err := run(t, "simulate", "--example", "erp", "--tstop-ms", "60", "--record-vsec", "all", "--quiet", "--out", big); err != nil {
		t.Fatal(err)
	}
	names, err := os.ReadFile(filepath.Join(big, "vsec_trial0_columns.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cols := strings.Split(strings.TrimSpace(string(names)), "\n")
	if len(cols) != 1770 || cols[0] != "v_0_soma_mV" {
		t.Errorf("%d columns, first %q", len(cols), cols[0])
	}
	if st, err := os.Stat(filepath.Join(big, "vsec_trial0.npy")); err != nil || st.Size() < 1770*2401*8 {
		t.Errorf("vsec_trial0.npy: %v", err)
	}
	if _, err := run(t, "simulate", "--example", "erp", "--tstop-ms", "60", "--record-vsec", "all", "--record-every-ms", "0.5", "--quiet", "--out", small); err != nil {
		t.Fatal(err)
	}
	header, data, err := csvfile.ReadColumns(filepath.Join(small, "vsec_trial0.csv"))
	if err != nil || len(header) != 1771 || len(data[0]) != 121 || data[0][1] != 0.5 {
		t.Errorf("vsec_trial0.csv: %v, %d columns, %d rows", err, len(header), len(data[0]))
	}
}
