//go:build amd64 && !purego

package point

import (
	"slices"

	"golang.org/x/sys/cpu"
)

//go:generate sh -c "cd internal/asmgen && go run . -out ../../ifcond_amd64.s -stubs ../../ifcond_stub_amd64.go -pkg point"

// haveSIMD and haveAVX512 report whether the CPU (and OS) run the AVX2
// and the AVX-512 kernels (read once at start-up, never written).
var (
	haveSIMD   = cpu.X86.HasAVX2
	haveAVX512 = cpu.X86.HasAVX2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
)

// ifCondLaminaSIMD advances the first neurons, a multiple of 8 (AVX-512)
// or of 4 (AVX2), by a SIMD kernel, appending those that fire to *fired,
// and returns how many it advanced; the caller runs the pure-Go loop over
// the rest. Results are bit-identical to the pure-Go loop's
// (TestIFCondSIMDBitIdentical).
func ifCondLaminaSIMD(c *ifCondLaminaConsts, frozen int32, vs, ge, gi, inE, inI []float64, refr []int32, ix []float64, fired *[]int32, lo int) int {
	return ifCondLaminaWidth(haveAVX512, c, frozen, vs, ge, gi, inE, inI, refr, ix, fired, lo)
}

// ifCondLaminaWidth is ifCondLaminaSIMD with the AVX-512 kernel (wide) or
// the AVX2 one.
func ifCondLaminaWidth(wide bool, c *ifCondLaminaConsts, frozen int32, vs, ge, gi, inE, inI []float64, refr []int32, ix []float64, fired *[]int32, lo int) int {
	m := len(vs) &^ 3
	if wide {
		m = len(vs) &^ 7
	}
	if m == 0 {
		return 0
	}
	k := c.vectors()
	out := slices.Grow(*fired, m)
	room := out[len(out):cap(out)]
	v, e, g, a, b, r := vs[:m], ge[:m], gi[:m], inE[:m], inI[:m], refr[:m]
	var nf int
	switch {
	case wide && ix == nil:
		nf = ifCondLaminaAVX512(v, e, g, a, b, r, &k, c.vr, frozen, room, lo)
	case wide:
		nf = ifCondLaminaIxAVX512(v, e, g, a, b, r, &k, c.vr, frozen, room, lo, ix[:m])
	case ix == nil:
		nf = ifCondLaminaAVX2(v, e, g, a, b, r, &k, c.vr, frozen, room, lo)
	default:
		nf = ifCondLaminaIxAVX2(v, e, g, a, b, r, &k, c.vr, frozen, room, lo, ix[:m])
	}
	*fired = out[:len(out)+nf]
	return m
}

// vectors returns the constants as the assembly reads them: each repeated
// in 4 lanes, in the order decE, decI, rhE, rhI, Ee, Ei, hel, hr2,
// tauMinus, tauPlus, vth.
func (c *ifCondLaminaConsts) vectors() [44]float64 {
	var k [44]float64
	for i, x := range [...]float64{c.decE, c.decI, c.rhE, c.rhI, c.ee, c.ei, c.hel, c.hr2, c.tauMinus, c.tauPlus, c.vth} {
		k[4*i], k[4*i+1], k[4*i+2], k[4*i+3] = x, x, x, x
	}
	return k
}
