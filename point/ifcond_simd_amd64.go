//go:build amd64 && !purego

package point

import (
	"slices"

	"golang.org/x/sys/cpu"
)

//go:generate sh -c "cd internal/asmgen && go run . -out ../../ifcond_amd64.s -stubs ../../ifcond_stub_amd64.go -pkg point"

// haveSIMD reports whether the CPU runs the AVX2 kernels (read once at
// start-up, never written).
var haveSIMD = cpu.X86.HasAVX2

// ifCondLaminaSIMD advances the first 4⌊len(vs)/4⌋ neurons by the AVX2
// kernel, appending those that fire to *fired, and returns how many it
// advanced; the caller runs the pure-Go loop over the rest. Results are
// bit-identical to the pure-Go loop's (TestIFCondSIMDBitIdentical).
func ifCondLaminaSIMD(c *ifCondLaminaConsts, frozen int32, vs, ge, gi, inE, inI []float64, refr []int32, ix []float64, fired *[]int32, lo int) int {
	m := len(vs) &^ 3
	if m == 0 {
		return 0
	}
	k := c.vectors()
	out := slices.Grow(*fired, m)
	room := out[len(out):cap(out)]
	var nf int
	if ix == nil {
		nf = ifCondLaminaAVX2(vs[:m], ge[:m], gi[:m], inE[:m], inI[:m], refr[:m], &k, c.vr, frozen, room, lo)
	} else {
		nf = ifCondLaminaIxAVX2(vs[:m], ge[:m], gi[:m], inE[:m], inI[:m], refr[:m], &k, c.vr, frozen, room, lo, ix[:m])
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
