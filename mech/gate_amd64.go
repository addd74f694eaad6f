//go:build !purego

package mech

import (
	"math"

	"golang.org/x/sys/cpu"
)

// SIMD levels of the kernels in gate_amd64.s.
const (
	simdNone   = iota // the Go loops
	simdAVX2          // four lanes
	simdAVX512        // eight lanes (AVX-512F) where a kernel has them, else four
)

// simd is the level this machine runs; it is set once, at start-up, and
// never written.
var simd = func() int {
	switch {
	case cpu.X86.HasAVX512F && cpu.X86.HasAVX2:
		return simdAVX512
	case cpu.X86.HasAVX2:
		return simdAVX2
	}
	return simdNone
}()

// expK holds the constants of Exp as the assembly reads them: each
// broadcast to four lanes (32 bytes), in the order of the expK* indices,
// then expTab and expTail.
var expK = func() (k [expKWords]uint64) {
	vals := [expKLen]uint64{
		expKSmallLo:  math.Float64bits(-0x1p-10),
		expKSmallHi:  math.Float64bits(0x1p-10),
		expKRangeLo:  math.Float64bits(-708),
		expKRangeHi:  math.Float64bits(709),
		expKOne:      math.Float64bits(1),
		expKHalf:     math.Float64bits(0.5),
		expKSixth:    math.Float64bits(1.0 / 6),
		expK24th:     math.Float64bits(1.0 / 24),
		expK120th:    math.Float64bits(1.0 / 120),
		expK720th:    math.Float64bits(1.0 / 720),
		expKInvLn2N:  math.Float64bits(expInvLn2N),
		expKShifter:  math.Float64bits(expShifter),
		expKLn2HiN:   math.Float64bits(expLn2HiN),
		expKLn2LoN:   math.Float64bits(expLn2LoN),
		expKIndexMsk: 127,
	}
	for i, v := range vals {
		copy(k[4*i:], []uint64{v, v, v, v})
	}
	copy(k[4*expKLen:], expTab[:])
	for j, t := range expTail {
		k[4*expKLen+128+j] = math.Float64bits(t)
	}
	return k
}()

// Indices into expK (the assembly uses their offsets, 32 bytes each).
const (
	expKSmallLo = iota
	expKSmallHi
	expKRangeLo
	expKRangeHi
	expKOne
	expKHalf
	expKSixth
	expK24th
	expK120th
	expK720th
	expKInvLn2N
	expKShifter
	expKLn2HiN
	expKLn2LoN
	expKIndexMsk
	expKLen
	expKWords = 4*expKLen + 2*128
)

// locateAVX2 locates blocks of four instances from the start of node and
// returns how many it did: a multiple of 4, stopping before the first
// block with a NaN location or fewer than four instances left.
//
//go:noescape
func locateAVX2(row []int32, theta []float64, v []float64, node []int, shift, lo, mfac, hi float64, w int) int

// stepRelaxAVX2 is stepRelaxGo over blocks of four gates; it returns how
// many it did, stopping before the first block whose exp argument
// -dt/tau is outside Exp's ordinary range (-708, 709) or NaN.
//
//go:noescape
func stepRelaxAVX2(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64, k *[expKWords]uint64) int

// stepFastAVX2 is stepFastGo over blocks of four gates; it returns how
// many it did (len(x) rounded down to a multiple of 4).
//
//go:noescape
func stepFastAVX2(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int) int

func locateNodes(row []int32, theta []float64, v []float64, node []int, shift, lo, mfac, hi float64, w int, r *Rates) {
	if simd < simdAVX2 {
		locateGo(row, theta, v, node, shift, lo, mfac, hi, w, r)
		return
	}
	// The gathers do not check bounds: do it here, once per call.
	for _, nd := range node {
		if uint(nd) >= uint(len(v)) {
			panic("mech: node index out of range of the voltages")
		}
	}
	i := 0
	for {
		i += locateAVX2(row[i:], theta[i:], v, node[i:], shift, lo, mfac, hi, w)
		if len(node)-i < 4 {
			break
		}
		// A block with a NaN voltage: the Go path evaluates it exactly.
		locateGo(row[i:i+4], theta[i:i+4], v, node[i:i+4], shift, lo, mfac, hi, w, r)
		i += 4
	}
	locateGo(row[i:], theta[i:], v, node[i:], shift, lo, mfac, hi, w, r)
}

func stepFast(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int) {
	i := 0
	if simd >= simdAVX2 {
		i = stepFastAVX2(x, row, theta, data, w, inf, tau)
	}
	stepFastGo(x[i:], row[i:], theta[i:], data, w, inf, tau)
}

func stepRelax(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64) {
	stepRelaxLevel(simd, x, row, theta, data, w, inf, tau, dt)
}

// stepRelaxLevel runs stepRelax with the kernels of the given SIMD level
// (at most the machine's): eight lanes, then four, then the Go loop for
// the rest. Blocks with an exp argument outside (-708, 709) go to the Go
// loop, which sends them to math.Exp.
func stepRelaxLevel(level int, x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64) {
	i := 0
	if level >= simdAVX512 {
		for {
			i += stepRelaxAVX512(x[i:], row[i:], theta[i:], data, w, inf, tau, dt, &expK)
			if len(x)-i < 8 {
				break
			}
			stepRelaxGo(x[i:i+8], row[i:i+8], theta[i:i+8], data, w, inf, tau, dt)
			i += 8
		}
	}
	if level >= simdAVX2 {
		for {
			i += stepRelaxAVX2(x[i:], row[i:], theta[i:], data, w, inf, tau, dt, &expK)
			if len(x)-i < 4 {
				break
			}
			stepRelaxGo(x[i:i+4], row[i:i+4], theta[i:i+4], data, w, inf, tau, dt)
			i += 4
		}
	}
	stepRelaxGo(x[i:], row[i:], theta[i:], data, w, inf, tau, dt)
}

// stepRelaxAVX512 is stepRelaxAVX2 over blocks of eight gates.
//
//go:noescape
func stepRelaxAVX512(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64, k *[expKWords]uint64) int

// relaxSliceAVX512 is relaxSliceAVX2 over blocks of eight.
//
//go:noescape
func relaxSliceAVX512(x, inf, tau []float64, dt float64, k *[expKWords]uint64) int

// relaxSliceAVX2 is relaxSliceGo over blocks of four; it returns how many
// it did, stopping before the first block whose exp argument -dt/tau is
// outside Exp's ordinary range (-708, 709) or NaN.
//
//go:noescape
func relaxSliceAVX2(x, inf, tau []float64, dt float64, k *[expKWords]uint64) int

func relaxSlice(x, inf, tau []float64, dt float64) { relaxSliceLevel(simd, x, inf, tau, dt) }

// relaxSliceLevel is relaxSlice with the kernels of the given SIMD level,
// as stepRelaxLevel.
func relaxSliceLevel(level int, x, inf, tau []float64, dt float64) {
	i := 0
	if level >= simdAVX512 {
		for {
			i += relaxSliceAVX512(x[i:], inf[i:], tau[i:], dt, &expK)
			if len(x)-i < 8 {
				break
			}
			relaxSliceGo(x[i:i+8], inf[i:i+8], tau[i:i+8], dt)
			i += 8
		}
	}
	if level >= simdAVX2 {
		for {
			i += relaxSliceAVX2(x[i:], inf[i:], tau[i:], dt, &expK)
			if len(x)-i < 4 {
				break
			}
			relaxSliceGo(x[i:i+4], inf[i:i+4], tau[i:i+4], dt)
			i += 4
		}
	}
	relaxSliceGo(x[i:], inf[i:], tau[i:], dt)
}
