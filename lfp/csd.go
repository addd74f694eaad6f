package lfp

import (
	"fmt"
	"math"
)

// MinCSDContacts is the fewest contacts [CSD2D] accepts: the second
// difference leaves n-2 interior rows and each border is extrapolated
// from two of them.
const MinCSDContacts = 4

// CSD2D returns the current source density (µV/µm²) of the potentials
// (µV, [contact][sample]) of contacts deltaUm apart, as HNN-core's
// calculate_csd2d: minus the three-point second difference along the
// contacts divided by deltaUm², with the first and last contacts
// extrapolated linearly from their two neighbours (see the package
// documentation). The arithmetic is NumPy's, step by step, so the result
// is HNN-core's to the last bit.
//
// dst, if not nil, receives the result and is returned; it must have a
// row of len(samples) for every contact (else CSD2D panics). It may be
// potentialsUV itself (in place); otherwise its rows must not overlap
// potentialsUV's. A nil dst is allocated.
//
// It returns an error for fewer than [MinCSDContacts] contacts (HNN-core
// fails with an IndexError for 3), rows of different lengths, or a
// spacing that is not positive and finite.
func CSD2D(dst, potentialsUV [][]float64, deltaUm float64) ([][]float64, error) {
	n := len(potentialsUV)
	if n < MinCSDContacts {
		return nil, fmt.Errorf("lfp: CSD needs at least %d contacts, got %d", MinCSDContacts, n)
	}
	if !(deltaUm > 0) || math.IsInf(deltaUm, 0) {
		return nil, fmt.Errorf("lfp: CSD contact spacing must be positive and finite, got %v µm", deltaUm)
	}
	m := len(potentialsUV[0])
	for i, row := range potentialsUV {
		if len(row) != m {
			return nil, fmt.Errorf("lfp: CSD: contact %d has %d samples, contact 0 has %d", i, len(row), m)
		}
	}
	if dst == nil {
		dst = make([][]float64, n)
		for i := range dst {
			dst[i] = make([]float64, m)
		}
	} else if len(dst) != n {
		panic("lfp: CSD2D dst has the wrong number of rows")
	}
	for _, row := range dst {
		if len(row) != m {
			panic("lfp: CSD2D dst row has the wrong length")
		}
	}

	// NumPy: -np.diff(lfp, n=2, axis=0) / delta**2, i.e. for interior row
	// i, -((p[i+1] - p[i]) - (p[i] - p[i-1])) / (delta*delta). prev and
	// cur keep copies of the rows dst may overwrite (dst may be
	// potentialsUV).
	den := deltaUm * deltaUm
	prev := append(make([]float64, 0, m), potentialsUV[0]...)
	cur := make([]float64, m)
	for i := 1; i < n-1; i++ {
		copy(cur, potentialsUV[i])
		next, out := potentialsUV[i+1], dst[i]
		for k := range out {
			out[k] = -((next[k] - cur[k]) - (cur[k] - prev[k])) / den
		}
		prev, cur = cur, prev
	}
	// Borders: csd2d[0]*2 - csd2d[1] and csd2d[-1]*2 - csd2d[-2] of the
	// interior rows.
	first, last := dst[0], dst[n-1]
	for k := range first {
		first[k] = dst[1][k]*2 - dst[2][k]
		last[k] = dst[n-2][k]*2 - dst[n-3][k]
	}
	return dst, nil
}
