package lfp

import (
	"fmt"
	"math"
)

// NumPy's default tolerances of np.allclose, with which HNN-core's
// _get_laminar_z_coords tests equal spacing and colinearity: a and b are
// close if |a - b| <= allcloseAtol + allcloseRtol × |b|.
const (
	allcloseRtol = 1e-5
	allcloseAtol = 1e-8 // µm for spacings, µm² for cross products
)

// LaminarZ returns the z coordinates (µm) of the contacts of a laminar
// array and their z spacing (µm), as HNN-core's _get_laminar_z_coords:
// there must be at least 2 contacts; successive displacements must have
// equal lengths (np.allclose: within 1e-8 µm + 1e-5 of the first), the
// first must change z, and successive displacements must be parallel
// (their cross products within 1e-8 µm² of 0). deltaUm is |Δz| of the
// first displacement. The line may be tilted (deltaUm is then its z
// spacing) and may run either way in z; the depths are returned in the
// contacts' order.
//
// Two checks go beyond HNN-core's: a position that is not finite is an
// error, and so is a line that turns back on itself (a displacement
// opposite to the previous one), which HNN-core's cross products cannot
// see; such contacts have no depth order for a CSD or a figure.
func LaminarZ(positions [][3]float64) (depthsUm []float64, deltaUm float64, err error) {
	n := len(positions)
	if n < 2 {
		return nil, 0, fmt.Errorf("lfp: a laminar array needs more than 1 contact, got %d", n)
	}
	for i, p := range positions {
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, 0, fmt.Errorf("lfp: contact %d is at %v µm, not a finite position", i, p)
			}
		}
	}
	d := make([][3]float64, n-1)
	for i := range d {
		for k := range 3 {
			d[i][k] = positions[i+1][k] - positions[i][k]
		}
	}
	deltaUm = math.Abs(d[0][2])
	norm0 := norm(d[0])
	incompatible := func(why string, i int) error {
		return fmt.Errorf("lfp: contacts %d-%d-%d are incompatible with laminar profiling (%s); "+
			"they must be equally spaced, colinear and change in z", i, i+1, i+2, why)
	}
	for i := range d {
		if math.Abs(norm(d[i])-norm0) > allcloseAtol+allcloseRtol*norm0 {
			return nil, 0, fmt.Errorf("lfp: contacts %d and %d are %.6g µm apart, contacts 0 and 1 %.6g µm: "+
				"a laminar array's contacts must be equally spaced", i, i+1, norm(d[i]), norm0)
		}
	}
	if !(deltaUm > 0) {
		return nil, 0, fmt.Errorf("lfp: contacts 0 and 1 are at the same z: a laminar array must change in z")
	}
	for i := 0; i+1 < len(d); i++ {
		a, b := d[i], d[i+1]
		c := [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
		for _, v := range c {
			if !(math.Abs(v) <= allcloseAtol) {
				return nil, 0, incompatible("not colinear", i)
			}
		}
		if a[0]*b[0]+a[1]*b[1]+a[2]*b[2] <= 0 {
			return nil, 0, incompatible("the line turns back", i)
		}
	}
	depthsUm = make([]float64, n)
	for i, p := range positions {
		depthsUm[i] = p[2]
	}
	return depthsUm, deltaUm, nil
}

// norm returns the Euclidean length of v, summing the squares in NumPy's
// order.
func norm(v [3]float64) float64 {
	return math.Sqrt(float64(v[0]*v[0]) + float64(v[1]*v[1]) + float64(v[2]*v[2]))
}
