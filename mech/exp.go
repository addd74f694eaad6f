package mech

import "math"

//go:generate go run ./internal/gentables

// Exp returns e^x. It is the exponential every Lamina kernel uses: within 1
// ulp of the correctly rounded result (the same accuracy as math.Exp and
// glibc's exp, which NEURON uses), and about twice as fast as math.Exp on
// amd64, because it has no division and no branch for ordinary arguments.
//
// Method (Tang's table-driven algorithm): x = (k/128)·ln 2 + r with k an
// integer and |r| ≤ ln2/256; e^x = 2^(k/128)·e^r, with 2^(j/128) from a
// 128-entry table corrected by its rounding error, and e^r from a degree-5
// Taylor polynomial (truncation error < 6e-19). Arguments with |x| < 2^-10,
// common in kernels (exp(-dt/tau) for slow gates), skip the reduction: a
// degree-6 Taylor polynomial is exact there to 3e-24. Arguments outside
// (-708, 709), NaN and infinities go to math.Exp.
func Exp(x float64) float64 {
	if x > -0x1p-10 && x < 0x1p-10 {
		return 1 + x*(1+x*(0.5+x*(1.0/6+x*(1.0/24+x*(1.0/120+x*(1.0/720))))))
	}
	if !(x > -708 && x < 709) {
		return math.Exp(x)
	}
	kf := x*expInvLn2N + expShifter
	ki := math.Float64bits(kf)
	kf -= expShifter
	r := x - kf*expLn2HiN - kf*expLn2LoN
	j := ki & 127
	p := r + r*r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120))))
	s := math.Float64frombits(expTab[j] + ki<<45)
	return s + s*(p+expTail[j]*(1+p))
}

// Constants of Exp's argument reduction, shared with the loops that write
// it out (gate.go) and the assembly.
const (
	expInvLn2N = 128 / math.Ln2
	expShifter = 0x1.8p52 // adding it rounds to an integer held in the low bits
	// ln 2/128 split so that k·expLn2HiN is exact for |k| < 2^20.
	expLn2HiN = 6.93147180369123816490e-01 / 128
	expLn2LoN = 1.90821492927058770002e-10 / 128
)
