package hnnnet

import (
	"bytes"
	"compress/gzip"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// example returns the tree of testdata/neymotin2020_3x3_drives.json.gz.
func example(t *testing.T) *node {
	t.Helper()
	f, err := os.Open("testdata/neymotin2020_3x3_drives.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parse(z)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

var pathToken = regexp.MustCompile(`[^.\[\]]+|\[\d+\]`)

// edit sets the value at path (a key may be new) to the JSON text v, or
// deletes it when v is "".
func edit(t *testing.T, root *node, path, v string) {
	t.Helper()
	toks := pathToken.FindAllString(path, -1)
	n := root
	for i, tok := range toks {
		last := i == len(toks)-1
		k := -1
		if strings.HasPrefix(tok, "[") {
			k, _ = strconv.Atoi(tok[1 : len(tok)-1])
		} else {
			for j, key := range n.keys {
				if key == tok {
					k = j
				}
			}
		}
		if !last {
			if k < 0 || k >= len(n.vals) {
				t.Fatalf("edit %s: no %s", path, tok)
			}
			n = n.vals[k]
			continue
		}
		if v == "" {
			n.vals = append(n.vals[:k], n.vals[k+1:]...)
			if n.kind == kObject {
				n.keys = append(n.keys[:k], n.keys[k+1:]...)
			}
			return
		}
		nv, err := parse(strings.NewReader(v))
		if err != nil {
			t.Fatal(err)
		}
		if k < 0 {
			n.set(tok, nv)
		} else {
			n.vals[k] = nv
		}
	}
}

func encoded(n *node) []byte {
	var buf bytes.Buffer
	n.encode(&buf)
	return buf.Bytes()
}

// TestReadErrors edits the 3 x 3 example and checks that the error names
// the JSON path and the bad value.
func TestReadErrors(t *testing.T) {
	const (
		soma5  = "cell_types.L5_pyramidal.cell_object.sections.soma"
		l2pyr  = "cell_types.L2_pyramidal.cell_object"
		l2l2   = "connectivity[22]" // L2_pyramidal -> L2_pyramidal proximal/nmda
		evprox = "external_drives.evprox1"
	)
	tests := []struct {
		name, path, value string
		wants             []string
	}{
		{"object type", "object_type", `"Dipole"`, []string{"object_type", `"Dipole"`}},
		{"missing key", "celsius", "", []string{"celsius: missing"}},
		{"wrong type", soma5 + ".L", `"long"`, []string{soma5 + ".L", `"long"`, "want a number"}},
		{"negative length", soma5 + ".L", "-39", []string{soma5 + ".L", "-39", "> 0"}},
		{"missing end points", "cell_types.L2_basket.cell_object.sections.soma.end_pts", "", []string{"cell_types.L2_basket.cell_object.sections.soma.end_pts: missing"}},
		{"three end points", soma5 + ".end_pts", "[[0,0,0],[0,0,1],[0,0,2]]", []string{soma5 + ".end_pts", "3 points"}},
		{"bad point", soma5 + ".end_pts", "[[0,0],[0,0,1]]", []string{soma5 + ".end_pts[0]", "[x, y, z]"}},
		{"nseg", "cell_types.L5_pyramidal.cell_object.sections.apical_1.nseg", "5", []string{"apical_1.nseg", "5", "derives 13"}},
		{"synapse mechanism", "cell_types.L5_pyramidal.cell_object.synapses.nmda.mechname", `"NMDA_gao"`, []string{"synapses.nmda.mechname", "NMDA_gao"}},
		{"synapse parameter", "cell_types.L5_pyramidal.cell_object.synapses.nmda.mg", "1", []string{"synapses.nmda.mg", `"mg"`}},
		{"missing receptor", "cell_types.L5_pyramidal.cell_object.synapses.gabab", "", []string{soma5 + ".syns[1]", `"gabab"`}},
		{"mechanism key", soma5 + ".mechs.km", `{"gbar": 200}`, []string{soma5 + ".mechs.km.gbar", `"_km"`}},
		{"segment values", "cell_types.L5_pyramidal.cell_object.sections.apical_trunk.mechs.ar.gbar_ar", "[[0.5],[1e-6]]", []string{"apical_trunk.mechs.ar.gbar_ar", "nseg = 3"}},
		{"string parameter", soma5 + ".mechs.km.gbar_km", `"high"`, []string{soma5 + ".mechs.km.gbar_km", `"high"`}},
		{"tree 1 end", l2pyr + ".cell_tree.soma,1", `["apical_trunk,1"]`, []string{"cell_tree.soma,1[0]", "by its 1 end"}},
		{"tree unknown section", l2pyr + ".cell_tree.soma,1", `["axon,0"]`, []string{"cell_tree.soma,1[0]", `"axon"`}},
		{"tree detached", l2pyr + ".cell_tree.soma,1", `[]`, []string{l2pyr + ".cell_tree", `"apical_trunk" is not connected`}},
		{"tree null", l2pyr + ".cell_tree", `null`, []string{l2pyr + ".cell_tree", "8 sections"}},
		{"group section", l2pyr + ".sect_loc.distal", `["tuft"]`, []string{"sect_loc.distal[0]", `"tuft"`}},
		{"metadata", "cell_types.L2_basket.cell_metadata.electro_type", `"modulatory"`, []string{"cell_metadata.electro_type", "modulatory"}},
		{"unknown target type", l2l2 + ".target_type", `"L6_pyramidal"`, []string{l2l2 + ".target_type", `"L6_pyramidal"`}},
		{"unknown source type", l2l2 + ".src_type", `"thalamus"`, []string{l2l2 + ".src_type", `"thalamus"`}},
		{"target out of range", l2l2 + ".gid_pairs.3", "[4, 999]", []string{l2l2 + ".gid_pairs.3[1]", "999", "[3, 12)"}},
		{"source out of range", l2l2 + ".gid_pairs.999", "[4]", []string{l2l2 + ".gid_pairs.999", "source gid 999"}},
		{"gid not a number", l2l2 + ".gid_pairs.x", "[4]", []string{l2l2 + ".gid_pairs.x", `"x"`}},
		{"negative weight", l2l2 + ".nc_dict.A_weight", "-0.1", []string{l2l2 + ".nc_dict.A_weight", "-0.1", ">= 0"}},
		{"zero delay", l2l2 + ".nc_dict.A_delay", "0", []string{l2l2 + ".nc_dict.A_delay", "> 0"}},
		{"threshold", l2l2 + ".nc_dict.threshold", "-10", []string{l2l2 + ".nc_dict.threshold", "-10"}},
		{"negative gain", l2l2 + ".nc_dict.gain", "-1", []string{l2l2 + ".nc_dict.gain", "-1"}},
		{"loc", l2l2 + ".loc", `"axon"`, []string{l2l2 + ".loc", `"axon"`}},
		{"receptor", "connectivity[33].receptor", `"gabab"`, []string{"connectivity[33].receptor", `"gabab"`}},
		{"autapses", l2l2 + ".allow_autapses", "2", []string{l2l2 + ".allow_autapses", "2"}},
		{"connection probability", l2l2 + ".probability", "0", []string{l2l2 + ".probability", "(0, 1]"}},
		{"negative drive weight", evprox + ".weights_ampa.L2_basket", "-1", []string{evprox + ".weights_ampa.L2_basket", "-1"}},
		{"drive weight type", evprox + ".weights_ampa.L6", "0.1", []string{evprox + ".weights_ampa.L6", `"L6"`}},
		{"drive probability", evprox + ".probability", "1.5", []string{evprox + ".probability", "1.5"}},
		{"drive delays", evprox + ".synaptic_delays.L2_basket", "", []string{evprox + ".synaptic_delays", `"L2_basket"`}},
		{"drive type", evprox + ".type", `"ramp"`, []string{evprox + ".type", `"ramp"`}},
		{"drive name", evprox + ".name", `"evprox9"`, []string{evprox + ".name", `"evprox9"`}},
		{"drive cells", "external_drives.alpha_prox.n_drive_cells", "0", []string{"external_drives.alpha_prox.n_drive_cells", ">= 1"}},
		{"cell-specific count", evprox + ".n_drive_cells", "5", []string{evprox + ".n_drive_cells", "24"}},
		{"poisson rate", "external_drives.poisson.dynamics.rate_constant.L2_pyramidal", "-1", []string{"rate_constant.L2_pyramidal", "-1"}},
		{"stop at 0", "external_drives.alpha_prox.dynamics.tstop", "0", []string{"external_drives.alpha_prox.dynamics.tstop", "null"}},
		{"seed", evprox + ".event_seed", "-1", []string{evprox + ".event_seed", "-1"}},
		{"drive connection missing", "connectivity[0]", "", []string{`drive "evdist1" has 5 entries`, "imply 6"}},
		{"drive pairs", "connectivity[0].gid_pairs.24", "[1]", []string{"connectivity[0].gid_pairs", "pair 0 is 24 -> 1", "pair 0 24 -> 0"}},
		{"drive loc", "connectivity[0].loc", `"soma"`, []string{"connectivity[0]", `loc "soma"`}},
		{"drive delays differ", "connectivity[1].nc_dict.A_delay", "0.5", []string{"connectivity[1]", "A_delay 0.5"}},
		{"drive gain", "connectivity[1].nc_dict.gain", "2", []string{"connectivity[1]", "gain 2"}},
		{"gid ranges", "gid_ranges.L5_pyramidal.stop", "25", []string{"gid_ranges.L5_pyramidal", "[15, 25)", "[15, 24)"}},
		{"gid range unknown", "gid_ranges.thalamus", `{"start": 200, "stop": 201}`, []string{"gid_ranges.thalamus", "neither"}},
		{"drive without range", "gid_ranges.evprox1", "", []string{evprox, "gid_ranges"}},
		{"positions missing", "pos_dict.L5_basket", "", []string{"pos_dict.L5_basket: missing"}},
		{"position", "pos_dict.L5_basket[1]", `[1, "a", 3]`, []string{"pos_dict.L5_basket[1][1]", `"a"`}},
		{"drive position", "pos_dict.evdist1[0]", "[0, 0, 0]", []string{"pos_dict.evdist1[0]", "origin"}},
		{"bias cell type", "external_biases.tonic.L6", `{"amplitude": 1, "t0": 0, "tstop": null, "section": "soma"}`, []string{"external_biases.tonic.L6", `"L6"`}},
		{"bias section", "external_biases.tonic.L2_pyramidal.section", `"axon"`, []string{"external_biases.tonic.L2_pyramidal.section", `"axon"`}},
		{"mesh", "N_pyr_x", "0", []string{"N_pyr_x", ">= 1"}},
		{"mesh type", "N_pyr_y", "2.5", []string{"N_pyr_y", "integer"}},
		// Issue 16: the grid must agree with the pyramidal populations.
		{"mesh against positions", "N_pyr_x", "4", []string{"hnnnet: N_pyr_x: N_pyr_x = 4 and N_pyr_y = 3 make a grid of 4 × 3 pyramidal cells, but pos_dict.L2_pyramidal has 9 positions"}},
		{"mesh huge", "N_pyr_y", "100000", []string{"N_pyr_y = 100000", "has 9 positions"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := example(t)
			edit(t, root, tc.path, tc.value)
			_, err := Read(bytes.NewReader(encoded(root)))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestReadSyntaxErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "EOF"},
		{`{"a": 1,}`, "invalid character"},
		{`{"a": 1, "a": 2}`, `key "a" appears twice`},
		{`[1, 2]`, "got [1,2], want an object"},
		{`{"object_type": "Network"} {}`, "after the top-level value"},
		{`{"x": NaN}`, "invalid character"},
	} {
		_, err := Read(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Read(%q): error %v, want one mentioning %q", tc.in, err, tc.want)
		}
	}
}

// TestDriveWeightsFromConnectivity checks that a drive's weights come from
// its connectivity entries, which is what HNN-core simulates.
func TestDriveWeightsFromConnectivity(t *testing.T) {
	root := example(t)
	edit(t, root, "connectivity[0].nc_dict.A_weight", "0.5") // evdist1 -> L2_basket ampa
	net, err := Read(bytes.NewReader(encoded(root)))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := net.DriveNamed("evdist1")
	if w := d.WeightsAMPA["L2_basket"]; w != 0.5 {
		t.Errorf("weight %g, want 0.5", w)
	}
}

// TestOlderFormat reads a cell type without cell_object and cell_metadata
// (as HNN-core wrote before commit 6388f9f) and checks that HNN-core's
// default metadata apply, and that other names need metadata.
func TestOlderFormat(t *testing.T) {
	root := example(t)
	ct := root.vals[slicesIndex(root.keys, "cell_types")]
	for i := range ct.vals {
		ct.vals[i] = ct.vals[i].vals[0] // the cell_object
	}
	net, err := Read(bytes.NewReader(encoded(root)))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := net.Population("L5_pyramidal")
	if p.Dipole == nil || p.Dipole.Layer != "L5" || p.ElectroType != "excitatory" {
		t.Errorf("L5_pyramidal: dipole %v, electro type %q", p.Dipole, p.ElectroType)
	}
	ct.keys[0] = "chandelier"
	_, err = Read(bytes.NewReader(encoded(root)))
	if err == nil || !strings.Contains(err.Error(), "cell_types.chandelier") {
		t.Errorf("error %v, want one naming cell_types.chandelier", err)
	}
}

func slicesIndex(keys []string, k string) int {
	for i, x := range keys {
		if x == k {
			return i
		}
	}
	return -1
}

// TestPyFloat checks the number format against Python's repr.
func TestPyFloat(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {-65, "-65.0"}, {0.1, "0.1"},
		{1307.4, "1307.4"}, {1e-05, "1e-05"}, {0.0001, "0.0001"}, {4.26e-05, "4.26e-05"},
		{1e16, "1e+16"}, {1e15, "1000000000000000.0"}, {123456789.0, "123456789.0"},
		{0.30000000000000004, "0.30000000000000004"}, {1.2345678901234568e+17, "1.2345678901234568e+17"},
		{2.842170943040401e-14, "2.842170943040401e-14"}, {5e-324, "5e-324"},
	} {
		if got := pyFloat(tc.f); got != tc.want {
			t.Errorf("pyFloat(%g) = %s, want %s", tc.f, got, tc.want)
		}
	}
}

// TestWriteFormat checks the written text against HNN-core's conventions:
// 4-space indentation, floats with a decimal point, the key order of
// write_network_configuration.
func TestWriteFormat(t *testing.T) {
	net, err := Read(bytes.NewReader(encoded(example(t))))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, net); err != nil {
		t.Fatal(err)
	}
	root, err := parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"object_type", "legacy_mode", "N_pyr_x", "N_pyr_y", "celsius", "cell_types", "gid_ranges", "pos_dict",
		"cell_response", "external_drives", "external_biases", "connectivity", "rec_arrays", "threshold", "delay"}
	if strings.Join(root.keys, ",") != strings.Join(want, ",") {
		t.Errorf("keys %v, want %v", root.keys, want)
	}
	text := buf.String()
	for _, w := range []string{"{\n    \"object_type\": \"Network\",\n    \"legacy_mode\": false,", `"probability": 1.0`, `"celsius": 37.0`} {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q", w)
		}
	}
	orig := example(t)
	d := orig.vals[slicesIndex(orig.keys, "external_drives")].vals[0]
	got := root.vals[slicesIndex(root.keys, "external_drives")].vals[0]
	if strings.Join(d.keys, ",") != strings.Join(got.keys, ",") {
		t.Errorf("drive keys %v, HNN-core %v", got.keys, d.keys)
	}
}

// TestLayOut reads a cell whose end points are not laid out (halved, so
// that they disagree with the lengths): it is laid out as HNN-core's Cell
// lays it out, giving the geometry of the laid-out file up to float32
// rounding.
func TestLayOut(t *testing.T) {
	want, err := Read(bytes.NewReader(encoded(example(t))))
	if err != nil {
		t.Fatal(err)
	}
	root := example(t)
	secs := root.vals[slicesIndex(root.keys, "cell_types")].vals[3].vals[0] // L5_pyramidal cell_object
	secs = secs.vals[slicesIndex(secs.keys, "sections")]
	for _, s := range secs.vals {
		for _, p := range s.vals[slicesIndex(s.keys, "end_pts")].vals {
			for k, x := range p.vals {
				f, _ := strconv.ParseFloat(x.num, 64)
				p.vals[k] = number(f / 2)
			}
		}
	}
	got, err := Read(bytes.NewReader(encoded(root)))
	if err != nil {
		t.Fatal(err)
	}
	g, w := got.Populations[3].Cell, want.Populations[3].Cell
	for i, s := range g.Sections {
		ws := w.Sections[i]
		for k := range 2 {
			if d := s.Ends[k].Sub(ws.Ends[k]).Norm(); d > 1e-3 {
				t.Errorf("%s end %d: %v, laid out in the file %v", s.Name, k, s.Ends[k], ws.Ends[k])
			}
		}
		if math.Abs(s.L-ws.L) > 1e-9*ws.L {
			t.Errorf("%s: L %g, want %g", s.Name, s.L, ws.L)
		}
	}
}
