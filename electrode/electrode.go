package electrode

import (
	"errors"
	"fmt"
	"math"
)

// Methods of Array.
const (
	// MethodPSA is the point-source approximation.
	MethodPSA = "psa"
	// MethodLSA is the line-source approximation.
	MethodLSA = "lsa"
)

// HNN-core's defaults.
const (
	DefaultConductivitySPerM = 0.3
	DefaultMinDistanceUm     = 0.5
)

// Array is a named set of contacts recording the extracellular potential.
type Array struct {
	Name string `json:"name"`
	// PositionsUm are the contacts' (x, y, z) positions, µm, in the
	// network's coordinates.
	PositionsUm [][3]float64 `json:"positions_um"`
	// ConductivitySPerM is the extracellular conductivity, S/m (HNN-core's
	// default 0.3).
	ConductivitySPerM float64 `json:"conductivity_S_per_m"`
	// Method is MethodPSA or MethodLSA.
	Method string `json:"method"`
	// MinDistanceUm bounds a contact's distance from a segment's centre
	// (psa) or axis (lsa) from below, µm (HNN-core's default 0.5).
	MinDistanceUm float64 `json:"min_distance_um"`
}

// New returns an array with HNN-core's defaults: psa, 0.3 S/m, 0.5 µm.
func New(name string, positionsUm [][3]float64) Array {
	return Array{Name: name, PositionsUm: positionsUm, ConductivitySPerM: DefaultConductivitySPerM,
		Method: MethodPSA, MinDistanceUm: DefaultMinDistanceUm}
}

// Validate checks the array: a name, at least one contact, finite
// positions, a positive conductivity and minimum distance, a known
// method. Errors name the array, the field, the value and the range.
func (a *Array) Validate() error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("electrode array %q: "+format, append([]any{a.Name}, args...)...))
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if a.Name == "" {
		errs = append(errs, errors.New("electrode array: name is empty"))
	}
	if len(a.PositionsUm) == 0 {
		fail("positions_um is empty: give at least one contact")
	}
	for i, p := range a.PositionsUm {
		if !finite(p[0]) || !finite(p[1]) || !finite(p[2]) {
			fail("positions_um[%d] = %v: must be finite", i, p)
			break
		}
	}
	if !(a.ConductivitySPerM > 0) || !finite(a.ConductivitySPerM) {
		fail("conductivity_S_per_m = %g: must be finite and > 0 (HNN-core's default is 0.3)", a.ConductivitySPerM)
	}
	if !(a.MinDistanceUm > 0) || !finite(a.MinDistanceUm) {
		fail("min_distance_um = %g: must be finite and > 0 (HNN-core's default is 0.5)", a.MinDistanceUm)
	}
	if a.Method != MethodPSA && a.Method != MethodLSA {
		fail("method = %q: want %q or %q", a.Method, MethodPSA, MethodLSA)
	}
	return errors.Join(errs...)
}

// Section is a section's geometry as NEURON holds it for the transfer
// resistances: its 3-D end points (absolute, µm), its length and the
// positions (0..1) of its segment centres.
type Section struct {
	Start, End [3]float64
	LUm        float64
	SegmentX   []float64
}

// NEURONPoints returns a section's 3-D end points as NEURON stores them
// when a cell at position pos has a section with end points a, b
// (relative to the cell) and length l: translated, stretched along the
// section so that its length is l (NEURON rescales the 3-D points when L
// is set, pt3dconst(0)), and rounded to single precision, as NEURON keeps
// 3-D points.
func NEURONPoints(pos, a, b [3]float64, l float64) (start, end [3]float64) {
	var d [3]float64
	n := 0.0
	for k := range 3 {
		start[k] = pos[k] + a[k]
		end[k] = pos[k] + b[k]
		d[k] = end[k] - start[k]
		n += d[k] * d[k]
	}
	n = math.Sqrt(n)
	for k := range 3 {
		s := float64(float32(start[k]))
		e := end[k]
		if n > 0 && l > 0 {
			e = start[k] + d[k]*l/n
		}
		start[k], end[k] = s, float64(float32(e))
	}
	return start, end
}

// Row appends to dst the transfer resistances (µV/nA) from each segment of
// sec to contact e, as HNN-core's _transfer_resistance.
func (a *Array) Row(dst []float64, sec *Section, e [3]float64) []float64 {
	var v [3]float64
	vn := 0.0
	for k := range 3 {
		v[k] = sec.End[k] - sec.Start[k]
		vn += v[k] * v[k]
	}
	vn = math.Sqrt(vn)
	scale := 1000 / (4 * math.Pi * a.ConductivitySPerM)
	n := len(sec.SegmentX)
	for i, x := range sec.SegmentX {
		var ctr [3]float64
		for k := range 3 {
			ctr[k] = sec.Start[k] + x*v[k]
		}
		var phi float64
		switch a.Method {
		case MethodPSA:
			phi = 1 / math.Max(dist(ctr, e), a.MinDistanceUm)
		default:
			// The line from the previous to the next centre, half on each
			// side; the first and last segments reach the section's ends:
			// HNN-core takes the first segment's length for the first and
			// the following half-lengths for the others.
			half := halfLength(sec, i, n)
			var start, end, aa, b [3]float64
			for k := range 3 {
				u := v[k] / vn
				start[k] = ctr[k] - half*u
				end[k] = ctr[k] + half*u
				aa[k] = end[k] - start[k]
				b[k] = e[k] - end[k]
			}
			na := norm(aa)
			h := dot(b, aa) / na
			l := h + na
			r2 := math.Max(dot(b, b)-h*h, a.MinDistanceUm*a.MinDistanceUm)
			var num, den float64
			switch {
			case l < 0 && h < 0: // behind the line
				num = math.Sqrt(h*h+r2) - h
				den = math.Sqrt(l*l+r2) - l
			case l > 0 && h < 0: // beside it
				num = (math.Sqrt(h*h+r2) - h) * (l + math.Sqrt(l*l+r2))
				den = r2
			default: // ahead of it
				num = math.Sqrt(l*l+r2) + l
				den = math.Sqrt(h*h+r2) + h
			}
			phi = math.Log(num/den) / na
		}
		dst = append(dst, scale*phi)
	}
	return dst
}

// halfLength is HNN-core's line length of segment i of n for the lsa:
// line_lens = diff([0, x_0·L, ..., x_{n-1}·L, L]), then the first entry
// followed by the entries from the third on, each used as the half-length
// on both sides of the centre.
func halfLength(sec *Section, i, n int) float64 {
	pos := func(k int) float64 { // the k-th entry of [0, x_0 L, ..., x_{n-1} L, L]
		switch {
		case k == 0:
			return 0
		case k == n+1:
			return sec.LUm
		}
		return sec.SegmentX[k-1] * sec.LUm
	}
	if i == 0 {
		return pos(1) - pos(0)
	}
	return pos(i+2) - pos(i+1)
}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

func norm(a [3]float64) float64 { return math.Sqrt(dot(a, a)) }

func dist(a, b [3]float64) float64 {
	return norm([3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]})
}
