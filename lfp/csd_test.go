package lfp

import (
	"bufio"
	"compress/gzip"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readColumns reads a CSV file (gzipped if its name ends in .gz) of a
// header and float rows, as HNN-core's reference files, and returns the
// first column (times) and the others as [column][row].
func readColumns(t *testing.T, path string) (header []string, times []float64, cols [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		r = z
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 0; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), ",")
		if line == 0 {
			header = fields
			cols = make([][]float64, len(fields)-1)
			continue
		}
		if len(fields) != len(header) {
			t.Fatalf("%s line %d: %d fields, header has %d", path, line+1, len(fields), len(header))
		}
		for k, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s line %d: %v", path, line+1, err)
			}
			if k == 0 {
				times = append(times, v)
			} else {
				cols[k-1] = append(cols[k-1], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return header, times, cols
}

// sharedReference is HNN-core's LFP reference directory, present on the
// machines the references were made on; tests that need the full files
// skip without it (testdata holds every 20th sample).
var sharedReference = filepath.Join("..", "..", "shared", "reference", "hnn-lfp")

// exampleDeltaUm is the contact spacing of HNN-core's example array.
const exampleDeltaUm = 100

// compareCSD checks CSD2D of the potentials in lfpPath against HNN-core's
// CSD in csdPath, returning the largest error relative to the CSD's range.
//
// Tolerance: 1e-12 of the CSD's range. CSD2D repeats NumPy's operations
// in NumPy's order (two differences, negation, one division by the exact
// 100² = 10000, then 2a - b for the borders), each correctly rounded in
// both, so the results should be identical; the bound leaves room only
// for a compiler that fuses 2a - b into one rounding (FMA), which moves a
// border value by at most an ulp of 2|a|. Observed: 0 (every sample
// identical).
func compareCSD(t *testing.T, lfpPath, csdPath string) float64 {
	t.Helper()
	lh, lt, lfp := readColumns(t, lfpPath)
	ch, ct, want := readColumns(t, csdPath)
	if len(lfp) != 25 || len(want) != 25 || len(lt) != len(ct) {
		t.Fatalf("shapes: %d contacts × %d samples, CSD %d × %d", len(lfp), len(lt), len(want), len(ct))
	}
	if lh[1] != "e0_uV" || ch[1] != "c0" {
		t.Fatalf("headers %q, %q", lh[:2], ch[:2])
	}
	for i := range lt {
		if lt[i] != ct[i] {
			t.Fatalf("sample %d: LFP at %v ms, CSD at %v ms", i, lt[i], ct[i])
		}
	}
	got, err := CSD2D(nil, lfp, exampleDeltaUm)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range want {
		for _, v := range row {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var worst float64
	var wc, ws, identical int
	for c := range want {
		for s := range want[c] {
			e := math.Abs(got[c][s] - want[c][s])
			if e == 0 {
				identical++
			}
			if e > worst {
				worst, wc, ws = e, c, s
			}
		}
	}
	rel := worst / (hi - lo)
	t.Logf("%d contacts × %d samples: CSD range [%.4g, %.4g] µV/µm²; %d of %d values identical; "+
		"largest difference %.3g µV/µm² (contact %d, sample %d), %.3g of the range",
		len(want), len(ct), lo, hi, identical, len(want)*len(ct), worst, wc, ws, rel)
	if rel > 1e-12 {
		t.Errorf("CSD differs from HNN-core's by %.3g of its range (contact %d, sample %d: %v, want %v)",
			rel, wc, ws, got[wc][ws], want[wc][ws])
	}
	// In place gives the same, bit for bit.
	inPlace, err := CSD2D(lfp, lfp, exampleDeltaUm)
	if err != nil {
		t.Fatal(err)
	}
	for c := range got {
		for s := range got[c] {
			if inPlace[c][s] != got[c][s] {
				t.Fatalf("in place: contact %d sample %d: %v, want %v", c, s, inPlace[c][s], got[c][s])
			}
		}
	}
	return rel
}

// TestCSD2DHNNCore compares CSD2D with HNN-core's calculate_csd2d on every
// 20th sample of its extracellular-recording example (testdata).
func TestCSD2DHNNCore(t *testing.T) {
	compareCSD(t, filepath.Join("testdata", "lfp_seed_psa_every20.csv.gz"), filepath.Join("testdata", "csd_seed_psa_every20.csv.gz"))
}

// TestCSD2DHNNCoreFull compares all 6801 samples when the shared reference
// is present.
func TestCSD2DHNNCoreFull(t *testing.T) {
	lfpPath := filepath.Join(sharedReference, "lfp_seed_psa.csv")
	if _, err := os.Stat(lfpPath); err != nil {
		t.Skipf("no shared reference: %v", err)
	}
	if testing.Short() {
		t.Skip("reads 7 MB of CSV")
	}
	compareCSD(t, lfpPath, filepath.Join(sharedReference, "csd_seed_psa.csv"))
}

// TestCSD2DAnalytic checks CSD2D on potentials whose second differences
// are known exactly: the three-point second difference is exact for
// polynomials up to cubic, and the linear border extrapolation is exact
// when the CSD is linear in z. Values are small integers times powers of
// two, so every operation is exact and the comparison is equality.
func TestCSD2DAnalytic(t *testing.T) {
	const delta = 2.0 // µm
	z := []float64{0, 2, 4, 6, 8, 10}
	cases := []struct {
		name string
		phi  func(z float64) float64
		csd  func(z float64) float64
	}{
		{"constant", func(z float64) float64 { return 3 }, func(z float64) float64 { return 0 }},
		{"linear", func(z float64) float64 { return 5*z - 1 }, func(z float64) float64 { return 0 }},
		{"quadratic", func(z float64) float64 { return 0.5 * z * z }, func(z float64) float64 { return -1 }},
		{"cubic", func(z float64) float64 { return z * z * z }, func(z float64) float64 { return -6 * z }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := make([][]float64, len(z))
			for i, zi := range z {
				p[i] = []float64{c.phi(zi), -c.phi(zi)} // two samples, opposite signs
			}
			got, err := CSD2D(nil, p, delta)
			if err != nil {
				t.Fatal(err)
			}
			for i, zi := range z {
				if want := c.csd(zi); got[i][0] != want || got[i][1] != -want {
					t.Errorf("contact %d (z %g): %v, want [%g %g]", i, zi, got[i], want, -want)
				}
			}
		})
	}
}

func TestCSD2DErrors(t *testing.T) {
	four := [][]float64{{1, 2}, {3, 4}, {5, 6}, {7, 8}}
	cases := []struct {
		name  string
		p     [][]float64
		delta float64
		want  string
	}{
		{"no contacts", nil, 100, "at least 4 contacts, got 0"},
		{"3 contacts", four[:3], 100, "at least 4 contacts, got 3"},
		{"ragged", [][]float64{{1, 2}, {3, 4}, {5}, {7, 8}}, 100, "contact 2 has 1 samples"},
		{"zero spacing", four, 0, "spacing"},
		{"negative spacing", four, -100, "spacing"},
		{"NaN spacing", four, math.NaN(), "spacing"},
		{"infinite spacing", four, math.Inf(1), "spacing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := CSD2D(nil, c.p, c.delta)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	// No samples is not an error: NumPy returns an empty (n, 0) array.
	empty := [][]float64{{}, {}, {}, {}}
	if got, err := CSD2D(nil, empty, 1); err != nil || len(got) != 4 || len(got[0]) != 0 {
		t.Errorf("no samples: %v, %v", got, err)
	}
}

func TestCSD2DDstShape(t *testing.T) {
	p := [][]float64{{1, 2}, {3, 4}, {5, 6}, {7, 8}}
	for _, c := range []struct {
		name string
		dst  [][]float64
	}{
		{"rows", [][]float64{{0, 0}, {0, 0}, {0, 0}}},
		{"columns", [][]float64{{0, 0}, {0, 0}, {0}, {0, 0}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "lfp: ") {
					t.Errorf("recovered %v, want an lfp panic", r)
				}
			}()
			_, _ = CSD2D(c.dst, p, 1)
		})
	}
	dst := [][]float64{{9, 9}, {9, 9}, {9, 9}, {9, 9}}
	got, err := CSD2D(dst, p, 1)
	if err != nil || &got[0][0] != &dst[0][0] {
		t.Errorf("CSD2D did not write into dst (%v)", err)
	}
}
