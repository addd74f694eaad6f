package hnn_test

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/internal/discretize"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/models/hnn"
)

// neuronCell is the part of testdata/cell_geometry_<type>.json that records
// the state NEURON held after HNN-core built the cell and finitialize()
// (see ../../../shared/reference/hnn/README.md).
type neuronCell struct {
	Sections map[string]struct {
		L        float64
		NSeg     int `json:"nseg"`
		Ra       float64
		Cm       []float64
		Parent   []any
		Pt3D     [][4]float64 `json:"pt3d"`
		Segments []struct {
			X      float64
			AreaUm float64 `json:"area_um2"`
			RiMohm float64 `json:"ri_Mohm"`
			Diam   float64
			VInit  float64 `json:"v_init"`
		}
		Density map[string]map[string][]float64 `json:"density_mechs"`
		Ions    map[string]map[string][]float64
	} `json:"neuron_sections"`
}

func loadNeuronCell(t *testing.T, cellType string) *neuronCell {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cell_geometry_"+cellType+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var nc neuronCell
	if err := json.Unmarshal(b, &nc); err != nil {
		t.Fatal(err)
	}
	return &nc
}

// closeRel reports whether got is within rel of want (relative), or within
// 1e-300 absolutely for values that are zero.
func closeRel(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want) || math.Abs(got-want) < 1e-300
}

// TestGeometryMatchesNEURON checks every section of every cell type against
// what NEURON held after HNN-core built the cell: topology, L, diam, nseg,
// cm, Ra, 3-D points, and per segment the area and the axial resistance to
// the parent node, and every mechanism parameter (including the
// distance-dependent ar density of the L5 pyramidal cell). Tolerance 1e-12
// relative: Lamina reproduces NEURON's single-precision 3-D points and its
// cylinder formulas, so only the last bits of a few products may differ.
func TestGeometryMatchesNEURON(t *testing.T) {
	cat := builtin.Catalogue()
	for _, typ := range hnn.CellTypes() {
		t.Run(typ, func(t *testing.T) {
			c, err := hnn.NewCell(typ)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Validate(cat); err != nil {
				t.Fatal(err)
			}
			ref := loadNeuronCell(t, typ)
			if len(ref.Sections) != len(c.Sections) {
				t.Fatalf("%d sections, NEURON has %d", len(c.Sections), len(ref.Sections))
			}
			d := discretize.Build(&c.Morphology)
			dens := c.Densities(cat)
			for id, s := range c.Sections {
				r, ok := ref.Sections[s.Name]
				if !ok {
					t.Errorf("section %q not in NEURON's cell", s.Name)
					continue
				}
				check := func(what string, got, want float64) {
					t.Helper()
					if !closeRel(got, want, 1e-12) {
						t.Errorf("%s.%s = %.17g, NEURON %.17g", s.Name, what, got, want)
					}
				}
				check("L", s.L, r.L)
				check("diam", s.Diam, r.Pt3D[0][3])
				check("Ra", s.Ra, r.Ra)
				check("cm", s.Cm, r.Cm[0])
				if s.NSeg != r.NSeg {
					t.Errorf("%s.nseg = %d, NEURON %d", s.Name, s.NSeg, r.NSeg)
				}
				if r.Parent == nil {
					if s.Parent != "" {
						t.Errorf("%s: parent %q, NEURON: root", s.Name, s.Parent)
					}
				} else if s.Parent != r.Parent[0].(string) || s.ParentX != r.Parent[1].(float64) {
					t.Errorf("%s: parent %s(%g), NEURON %v", s.Name, s.Parent, s.ParentX, r.Parent)
				}
				for e, p := range s.Ends {
					check(fmt.Sprintf("ends[%d].x", e), p.X, r.Pt3D[e][0])
					check(fmt.Sprintf("ends[%d].y", e), p.Y, r.Pt3D[e][1])
					check(fmt.Sprintf("ends[%d].z", e), p.Z, r.Pt3D[e][2])
				}
				for k, seg := range r.Segments {
					nd := d.Centres[id][k]
					check(fmt.Sprintf("seg[%d].x", k), d.X[nd], seg.X)
					check(fmt.Sprintf("seg[%d].area", k), d.Area[nd], seg.AreaUm)
					check(fmt.Sprintf("seg[%d].ri", k), 1/d.RInv[nd], seg.RiMohm)
					check(fmt.Sprintf("seg[%d].v_init", k), d.VInit[nd], seg.VInit)
				}
				if len(dens[id]) != len(r.Density) {
					t.Errorf("%s: %d mechanisms, NEURON has %d (%v)", s.Name, len(dens[id]), len(r.Density), keys(r.Density))
				}
				for _, dm := range dens[id] {
					rm, ok := r.Density[dm.Mech.Name]
					if !ok {
						t.Errorf("%s: mechanism %s not in NEURON's section", s.Name, dm.Mech.Name)
						continue
					}
					for name, vals := range dm.Params {
						for k, v := range vals {
							check(fmt.Sprintf("%s_%s[%d]", name, dm.Mech.Name, k), v, rm[name][k])
						}
					}
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestInitialStateMatchesNEURON checks the state after initialisation: every
// mechanism state on every segment (from the INITIAL blocks, with rates
// from the TABLEs) and the ion reversal potentials and calcium. Tolerance
// 1e-9 relative: table interpolation is the same arithmetic as NEURON's,
// and only the last bits of the exp calls may differ.
func TestInitialStateMatchesNEURON(t *testing.T) {
	cat := builtin.Catalogue()
	states := map[string][]string{"hh2": {"m", "h", "n"}, "km": {"n"}, "kca": {"n"}, "ca": {"m", "h"},
		"cad": {"ca"}, "cat": {"m", "h"}, "ar": {"m"}}
	ions := map[string][]string{"ena": {"na", "e"}, "ek": {"k", "e"}, "eca": {"ca", "e"}, "cai": {"ca", "ci"}}
	for _, typ := range hnn.CellTypes() {
		t.Run(typ, func(t *testing.T) {
			c, _ := hnn.NewCell(typ)
			s, err := engine.New([]*cell.Cell{c}, engine.Config{DtMs: 0.025, Celsius: 37, Catalogue: cat})
			if err != nil {
				t.Fatal(err)
			}
			ref := loadNeuronCell(t, typ)
			type want struct {
				what  string
				probe int
				value float64
			}
			var wants []want
			for name, r := range ref.Sections {
				for k, seg := range r.Segments {
					for m, vars := range states {
						for _, v := range vars {
							rv, ok := r.Density[m][v]
							if !ok {
								continue
							}
							p, err := s.ProbeState(0, name, seg.X, m, v)
							if err != nil {
								t.Fatal(err)
							}
							wants = append(wants, want{fmt.Sprintf("%s(%.3g).%s_%s", name, seg.X, v, m), p, rv[k]})
						}
					}
					for key, iv := range ions {
						rv, ok := r.Ions[iv[0]][key]
						if !ok {
							continue
						}
						p, err := s.ProbeIon(0, name, seg.X, iv[0], iv[1])
						if err != nil {
							t.Fatal(err)
						}
						wants = append(wants, want{fmt.Sprintf("%s(%.3g).%s", name, seg.X, key), p, rv[k]})
					}
				}
			}
			if err := s.Run(0); err != nil {
				t.Fatal(err)
			}
			for _, w := range wants {
				if got := s.Trace(w.probe)[0]; !closeRel(got, w.value, 1e-9) {
					t.Errorf("%s = %.17g, NEURON %.17g", w.what, got, w.value)
				}
			}
			if len(wants) < 4 {
				t.Fatalf("only %d values compared", len(wants))
			}
		})
	}
}

// readTrace reads a gzipped reference CSV: a header and rows of numbers.
func readTrace(t *testing.T, path string) ([]string, [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := make([][]float64, len(recs[0]))
	for _, rec := range recs[1:] {
		for j, x := range rec {
			v, err := strconv.ParseFloat(x, 64)
			if err != nil {
				t.Fatal(err)
			}
			cols[j] = append(cols[j], v)
		}
	}
	return recs[0], cols
}

// readTraceGz reads a gzipped CSV of testdata by name.
func readTraceGz(t *testing.T, name string) ([]string, [][]float64) {
	t.Helper()
	return readTrace(t, filepath.Join("testdata", name))
}

type iclampSummary struct {
	Runs map[string]struct {
		NSpikes int       `json:"n_spikes"`
		Spikes  []float64 `json:"spike_times_ms"`
	}
}

// TestIClampMatchesNEURON runs the reference protocol (IClamp at soma(0.5),
// 20 ms delay, 100 ms, 0/0.1/0.5/1 nA; 150 ms at dt 0.025 ms, 37 °C) on
// every cell type and compares with NEURON 8.2.2 running HNN-core.
//
// The acceptance bounds are: the same spike count, every spike
// within 0.1 ms, and voltage RMS differences under 0.5 mV. Lamina uses the
// same scheme, dt, tables and constants as NEURON, so the only legitimate
// differences are the order of floating-point operations and the libm exp
// (≈1e-16 relative per operation); through 150 ms of spiking these grow to
// well under 1e-6 mV. The test therefore also holds Lamina to a regression
// bound a thousand times looser than what it achieves but far tighter than
// the acceptance bound: spike times on the same step (|Δt| < 1e-9 ms), RMS
// under 1e-4 mV and maximal difference under 1e-3 mV. The reference CSVs
// print 10 significant digits, so ≈5e-9 mV is the floor.
func TestIClampMatchesNEURON(t *testing.T) { compareIClamp(t, mech.RatesTable) }

// TestIClampFastRates holds the opt-in fast rate mode (usetable = 2, which
// interpolates the cnexp factor 1-exp(-dt/tau) instead of tau) to the
// issue's acceptance bounds against NEURON: same spike count, spikes within
// 0.1 ms, voltage RMS under 0.5 mV. Its deviation is of the order of the
// table's own interpolation error, not of rounding, so the regression
// bound of the default mode does not apply. Measured: same spike times,
// RMS at most 0.26 mV (max 5.9 mV, on the flank of a spike). For scale,
// exact evaluation of the rates (usetable = 0) differs from NEURON's tables
// by up to 1.7 mV RMS and shifts one spike by 0.1 ms: the tables are part of
// the model, which is why the default reproduces them.
func TestIClampFastRates(t *testing.T) { compareIClamp(t, mech.RatesFast) }

func compareIClamp(t *testing.T, mode mech.RateMode) {
	strict := mode == mech.RatesTable
	var sum iclampSummary
	b, err := os.ReadFile(filepath.Join("testdata", "cell_iclamp_summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	cat := builtin.Catalogue()
	probes := map[string][2]any{
		"v_soma_mV":            {"soma", 0.5},
		"v_apical_trunk_mV":    {"apical_trunk", 0.5},
		"v_apical_tuft_mV":     {"apical_tuft", 0.5},
		"v_apical_tuft_end_mV": {"apical_tuft", 1.0},
	}
	for _, typ := range hnn.CellTypes() {
		for _, amp := range []string{"0.0", "0.1", "0.5", "1.0"} {
			t.Run(typ+"/"+amp+"nA", func(t *testing.T) {
				c, _ := hnn.NewCell(typ)
				a, _ := strconv.ParseFloat(amp, 64)
				c.Points = append(c.Points, cell.Place{Mech: "IClamp", Section: "soma", X: 0.5,
					Params: map[string]float64{"del": 20, "dur": 100, "amp": a}})
				c.SetGlobal(cat, "usetable", float64(mode))
				s, err := engine.New([]*cell.Cell{c}, engine.Config{DtMs: 0.025, Celsius: 37, Catalogue: cat})
				if err != nil {
					t.Fatal(err)
				}
				header, ref := readTrace(t, filepath.Join("testdata", fmt.Sprintf("cell_%s_iclamp_%snA.csv.gz", typ, amp)))
				ids := map[int]int{}
				for j, h := range header[1:] {
					p, ok := probes[h]
					if !ok {
						t.Fatalf("unknown reference column %q", h)
					}
					id, err := s.ProbeV(0, p[0].(string), p[1].(float64))
					if err != nil {
						t.Fatal(err)
					}
					ids[j+1] = id
				}
				if err := s.Run(150); err != nil {
					t.Fatal(err)
				}
				for j, id := range ids {
					got, want := s.Trace(id), ref[j]
					if len(got) != len(want) {
						t.Fatalf("%s: %d samples, NEURON %d", header[j], len(got), len(want))
					}
					var se, mx float64
					for i := range want {
						d := got[i] - want[i]
						se += d * d
						mx = math.Max(mx, math.Abs(d))
					}
					rms := math.Sqrt(se / float64(len(want)))
					if rms > 0.5 || strict && (rms > 1e-4 || mx > 1e-3) {
						t.Errorf("%s: RMS difference %.3g mV, max %.3g mV", header[j], rms, mx)
					}
					if testing.Verbose() {
						t.Logf("%s: RMS %.3g mV, max %.3g mV", header[j], rms, mx)
					}
				}
				r := sum.Runs[typ+"_"+amp+"nA"]
				spikes := s.Spikes()
				if len(spikes) != r.NSpikes || len(spikes) != len(r.Spikes) {
					t.Fatalf("%d spikes, NEURON %d (%v)", len(spikes), r.NSpikes, r.Spikes)
				}
				for i, sp := range spikes {
					if d := math.Abs(sp.TimeMs - r.Spikes[i]); d > 0.1 || strict && d > 1e-9 {
						t.Errorf("spike %d at %.6f ms, NEURON %.6f ms", i, sp.TimeMs, r.Spikes[i])
					}
				}
			})
		}
	}
}

func TestNewCellUnknownType(t *testing.T) {
	if _, err := hnn.NewCell("L4_stellate"); err == nil {
		t.Fatal("no error for an unknown cell type")
	}
}
