//go:build !purego

package mech

import "math"

// logK holds the constants of Log as logSliceAVX2 reads them: each
// broadcast to four lanes (32 bytes), in the order of the logK* indices,
// then logInvC and logC.
var logK = func() (k [logKWords]uint64) {
	vals := [logKLen]uint64{
		logKMinNormal: math.Float64bits(0x1p-1022),
		logKMax:       math.Float64bits(math.MaxFloat64),
		logKOne:       math.Float64bits(1),
		logKNearLo:    math.Float64bits(-0x1p-5),
		logKNearHi:    math.Float64bits(0x1p-5),
		logKSixth:     math.Float64bits(1.0 / 6),
		logKFifth:     math.Float64bits(0.2),
		logKQuarter:   math.Float64bits(0.25),
		logKThird:     math.Float64bits(1.0 / 3),
		logKHalf:      math.Float64bits(0.5),
		logKLn2Hi:     math.Float64bits(6.93147180369123816490e-01),
		logKLn2Lo:     math.Float64bits(1.90821492927058770002e-10),
		logKMantMask:  1<<52 - 1,
		logKExpOne:    0x3ff << 52,
		logKMagic:     0x4330000000000000,
		logKMagicBias: math.Float64bits(0x1p52 + 1023),
		logKIdxMask:   127,
	}
	for j := 2; j <= 12; j++ {
		vals[logKSeries+j-2] = math.Float64bits(1 / float64(j))
	}
	for i, v := range vals {
		copy(k[4*i:], []uint64{v, v, v, v})
	}
	for j := range 128 {
		k[4*logKLen+j] = math.Float64bits(logInvC[j])
		k[4*logKLen+128+j] = math.Float64bits(logC[j])
	}
	return k
}()

// Indices into logK (the assembly uses their offsets, 32 bytes each).
const (
	logKMinNormal = iota
	logKMax
	logKOne
	logKNearLo
	logKNearHi
	logKSixth
	logKFifth
	logKQuarter
	logKThird
	logKHalf
	logKLn2Hi
	logKLn2Lo
	logKMantMask
	logKExpOne
	logKMagic
	logKMagicBias
	logKIdxMask
	logKSeries // 1/2, 1/3, ..., 1/12: 11 entries
	logKLen    = logKSeries + 11
	logKWords  = 4*logKLen + 2*128
)

// logSliceAVX2 is logSliceGo over blocks of four; it returns how many it
// did, stopping before the first block with an argument outside the
// normal positive range (zero, negative, subnormal, infinite or NaN).
//
//go:noescape
func logSliceAVX2(dst, x []float64, k *[logKWords]uint64) int

func logSlice(dst, x []float64) {
	if simd < simdAVX2 {
		logSliceGo(dst, x)
		return
	}
	i := 0
	for {
		i += logSliceAVX2(dst[i:], x[i:], &logK)
		if len(x)-i < 4 {
			break
		}
		logSliceGo(dst[i:i+4], x[i:i+4])
		i += 4
	}
	logSliceGo(dst[i:], x[i:])
}
