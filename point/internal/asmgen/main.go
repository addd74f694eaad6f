// Command asmgen generates package point's amd64 assembly with avo
// (github.com/mmcloughlin/avo): the AVX2 and AVX-512 steps of the IF-cond
// neuron in the Lamina scheme, four or eight neurons per instruction, the
// same operations in
// the same order as the pure-Go loop (no fused multiply-add), so results
// are bit-identical to it. It is a module of its own so that avo is not a
// dependency of Lamina; run it through go generate in package point.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/gotypes"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The constants' vectors, in the order of point.ifCondLaminaConsts.
const (
	cDecE = iota
	cDecI
	cRhE
	cRhI
	cEe
	cEi
	cHel
	cHr2
	cTauMinus
	cTauPlus
	cVth
)

func main() {
	ConstraintExpr("amd64,!purego")
	for _, withIx := range []bool{false, true} {
		ifCondLamina(withIx)
	}
	for _, withIx := range []bool{false, true} {
		ifCondLamina512(withIx)
	}
	Generate()
}

// ifCondLamina emits ifCondLaminaAVX2 (or ifCondLaminaIxAVX2, with an
// external current).
func ifCondLamina(withIx bool) {
	name, sig := "ifCondLaminaAVX2", "func(v, ge, gi, inE, inI []float64, refr []int32, c *[44]float64, vr float64, frozen int32, out []int32, lo int) int"
	if withIx {
		name, sig = "ifCondLaminaIxAVX2", "func(v, ge, gi, inE, inI []float64, refr []int32, c *[44]float64, vr float64, frozen int32, out []int32, lo int, ix []float64) int"
	}
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(fmt.Sprintf("%s advances IF-cond neurons [0, len(v)) by one step of the Lamina scheme", name),
		"(len(v) a multiple of 4; the other slices at least as long, out with room for",
		"len(v)): see ifCondLaminaGo. It writes lo plus the index of every neuron that",
		"fires to out, in increasing order, and returns their number.")
	pv := Load(Param("v").Base(), GP64())
	pge := Load(Param("ge").Base(), GP64())
	pgi := Load(Param("gi").Base(), GP64())
	pinE := Load(Param("inE").Base(), GP64())
	pinI := Load(Param("inI").Base(), GP64())
	pr := Load(Param("refr").Base(), GP64())
	pc := Load(Param("c"), GP64())
	pout := Load(Param("out").Base(), GP64())
	var pix Register
	if withIx {
		pix = Load(Param("ix").Base(), GP64())
	}
	n := Load(Param("v").Len(), GP64())
	i := GP64()
	XORQ(i, i)
	c := func(k int) Mem { return Mem{Base: pc, Disp: 32 * k} }
	at := func(p Register) Mem { return Mem{Base: p, Index: i, Scale: 8} }

	zero := YMM()
	VXORPD(zero, zero, zero)
	zeroX := zero.AsX()

	Label(name + "_loop")
	CMPQ(i, n)
	JAE(LabelRef(name + "_done"))

	Comment("e, g := ge+inE, gi+inI; ge, gi = e·decE, g·decI; the inputs are consumed")
	e, g, t := YMM(), YMM(), YMM()
	VMOVUPD(at(pge), e)
	VADDPD(at(pinE), e, e)
	VMOVUPD(at(pgi), g)
	VADDPD(at(pinI), g, g)
	VMULPD(c(cDecE), e, t)
	VMOVUPD(t, at(pge))
	VMULPD(c(cDecI), g, t)
	VMOVUPD(t, at(pgi))
	VMOVUPD(zero, at(pinE))
	VMOVUPD(zero, at(pinI))

	Comment("refractory lanes (refr > 0) count down and keep v")
	r, rm := XMM(), XMM()
	VMOVDQU(Mem{Base: pr, Index: i, Scale: 4}, r)
	VPCMPGTD(zeroX, r, rm)
	VPADDD(rm, r, r)
	VMOVDQU(r, Mem{Base: pr, Index: i, Scale: 4})
	rm64 := YMM()
	VPMOVSXDQ(rm, rm64)

	Comment("em, gm := e·rhE, g·rhI; b := em+gm; a := hel + 2(em·Ee + gm·Ei) [+ hr2·I]")
	em, gm, b, a := YMM(), YMM(), YMM(), YMM()
	VMULPD(c(cRhE), e, em)
	VMULPD(c(cRhI), g, gm)
	VADDPD(gm, em, b)
	VMULPD(c(cEe), em, a)
	VMULPD(c(cEi), gm, t)
	VADDPD(t, a, a)
	VADDPD(a, a, a)
	VADDPD(c(cHel), a, a)
	if withIx {
		VMOVUPD(c(cHr2), t)
		VMULPD(at(pix), t, t)
		VADDPD(t, a, a)
	}

	Comment("u := (v·(tauMinus-b) + a) / (tauPlus+b)")
	v, u, d := YMM(), YMM(), YMM()
	VMOVUPD(at(pv), v)
	VMOVUPD(c(cTauMinus), u)
	VSUBPD(b, u, u)
	VMULPD(u, v, u)
	VADDPD(a, u, u)
	VADDPD(c(cTauPlus), b, d)
	VDIVPD(d, u, u)

	Comment("v = refractory ? v : u; fire where u > vth and not refractory")
	f := YMM()
	VCMPPD(Imm(0x1e), c(cVth), u, f) // GT_OQ: u > vth, false for NaN
	VBLENDVPD(rm64, v, u, u)
	VMOVUPD(u, at(pv))
	VANDNPD(f, rm64, f)
	m := GP32()
	VMOVMSKPD(f, m)
	TESTL(m, m)
	JNZ(LabelRef(name + "_fire"))
	Label(name + "_next")
	ADDQ(Imm(4), i)
	JMP(LabelRef(name + "_loop"))

	Comment("the lanes that fire: v = vr, refr = frozen, out += lo+i+lane")
	Label(name + "_fire")
	bit, j := GP64(), GP64()
	Label(name + "_fireloop")
	BSFL(m, bit.As32())
	MOVQ(i, j)
	ADDQ(bit, j)
	vr := XMM()
	MOVSD(addr(Param("vr")), vr)
	MOVSD(vr, Mem{Base: pv, Index: j, Scale: 8})
	fz := GP32()
	MOVL(addr(Param("frozen")), fz)
	MOVL(fz, Mem{Base: pr, Index: j, Scale: 4})
	ADDQ(addr(Param("lo")), j)
	MOVL(j.As32(), Mem{Base: pout})
	ADDQ(Imm(4), pout)
	MOVL(m, bit.As32())
	SUBL(Imm(1), bit.As32())
	ANDL(bit.As32(), m)
	JNZ(LabelRef(name + "_fireloop"))
	JMP(LabelRef(name + "_next"))

	Label(name + "_done")
	VZEROUPPER()
	base := Load(Param("out").Base(), GP64())
	SUBQ(base, pout)
	SHRQ(Imm(2), pout)
	Store(pout, ReturnIndex(0))
	RET()
}

// addr returns the memory operand of a scalar parameter.
func addr(c gotypes.Component) Mem {
	b, err := c.Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}

// ifCondLamina512 emits ifCondLaminaAVX512 (or ifCondLaminaIxAVX512): the
// AVX-512 form of ifCondLamina, eight neurons per instruction, with the
// refractory lanes in a mask register (the potential is stored under the
// mask of the free lanes) and the constants broadcast from the first lane
// of each vector of c.
func ifCondLamina512(withIx bool) {
	name, sig := "ifCondLaminaAVX512", "func(v, ge, gi, inE, inI []float64, refr []int32, c *[44]float64, vr float64, frozen int32, out []int32, lo int) int"
	if withIx {
		name, sig = "ifCondLaminaIxAVX512", "func(v, ge, gi, inE, inI []float64, refr []int32, c *[44]float64, vr float64, frozen int32, out []int32, lo int, ix []float64) int"
	}
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(fmt.Sprintf("%s is ifCondLamina%sAVX2 on eight neurons per instruction (len(v) a multiple of 8).", name, map[bool]string{true: "Ix"}[withIx]))
	pv := Load(Param("v").Base(), GP64())
	pge := Load(Param("ge").Base(), GP64())
	pgi := Load(Param("gi").Base(), GP64())
	pinE := Load(Param("inE").Base(), GP64())
	pinI := Load(Param("inI").Base(), GP64())
	pr := Load(Param("refr").Base(), GP64())
	pc := Load(Param("c"), GP64())
	pout := Load(Param("out").Base(), GP64())
	var pix Register
	if withIx {
		pix = Load(Param("ix").Base(), GP64())
	}
	n := Load(Param("v").Len(), GP64())
	i := GP64()
	XORQ(i, i)
	c := func(k int) Mem { return Mem{Base: pc, Disp: 32 * k} }
	at := func(p Register) Mem { return Mem{Base: p, Index: i, Scale: 8} }

	zero := ZMM()
	VPXORQ(zero, zero, zero)
	zeroY := zero.AsY()
	ones := YMM()
	VPCMPEQD(ones, ones, ones)

	Label(name + "_loop")
	CMPQ(i, n)
	JAE(LabelRef(name + "_done"))

	Comment("e, g := ge+inE, gi+inI; ge, gi = e·decE, g·decI; the inputs are consumed")
	e, g, t := ZMM(), ZMM(), ZMM()
	VMOVUPD(at(pge), e)
	VADDPD(at(pinE), e, e)
	VMOVUPD(at(pgi), g)
	VADDPD(at(pinI), g, g)
	VMULPD_BCST(c(cDecE), e, t)
	VMOVUPD(t, at(pge))
	VMULPD_BCST(c(cDecI), g, t)
	VMOVUPD(t, at(pgi))
	VMOVUPD(zero, at(pinE))
	VMOVUPD(zero, at(pinI))

	Comment("refractory lanes (refr > 0) count down and keep v")
	r := YMM()
	kr, kfree := K(), K()
	VMOVDQU(Mem{Base: pr, Index: i, Scale: 4}, r)
	VPCMPGTD(zeroY, r, kr)
	VPADDD(ones, r, kr, r)
	VMOVDQU(r, Mem{Base: pr, Index: i, Scale: 4})
	KNOTW(kr, kfree)

	Comment("em, gm := e·rhE, g·rhI; b := em+gm; a := hel + 2(em·Ee + gm·Ei) [+ hr2·I]")
	em, gm, b, a := ZMM(), ZMM(), ZMM(), ZMM()
	VMULPD_BCST(c(cRhE), e, em)
	VMULPD_BCST(c(cRhI), g, gm)
	VADDPD(gm, em, b)
	VMULPD_BCST(c(cEe), em, a)
	VMULPD_BCST(c(cEi), gm, t)
	VADDPD(t, a, a)
	VADDPD(a, a, a)
	VADDPD_BCST(c(cHel), a, a)
	if withIx {
		VMOVUPD(at(pix), t)
		VMULPD_BCST(c(cHr2), t, t)
		VADDPD(t, a, a)
	}

	Comment("u := (v·(tauMinus-b) + a) / (tauPlus+b)")
	u, d := ZMM(), ZMM()
	VBROADCASTSD(c(cTauMinus), u)
	VSUBPD(b, u, u)
	VMULPD(at(pv), u, u)
	VADDPD(a, u, u)
	VADDPD_BCST(c(cTauPlus), b, d)
	VDIVPD(d, u, u)

	Comment("v = u in the free lanes; fire where u > vth in them")
	kf := K()
	VCMPPD_BCST(Imm(0x1e), c(cVth), u, kfree, kf) // GT_OQ: u > vth, false for NaN
	VMOVUPD(u, kfree, at(pv))
	m := GP32()
	KMOVW(kf, m)
	TESTL(m, m)
	JNZ(LabelRef(name + "_fire"))
	Label(name + "_next")
	ADDQ(Imm(8), i)
	JMP(LabelRef(name + "_loop"))

	Comment("the lanes that fire: v = vr, refr = frozen, out += lo+i+lane")
	Label(name + "_fire")
	bit, j := GP64(), GP64()
	Label(name + "_fireloop")
	BSFL(m, bit.As32())
	MOVQ(i, j)
	ADDQ(bit, j)
	vr := XMM()
	MOVSD(addr(Param("vr")), vr)
	MOVSD(vr, Mem{Base: pv, Index: j, Scale: 8})
	fz := GP32()
	MOVL(addr(Param("frozen")), fz)
	MOVL(fz, Mem{Base: pr, Index: j, Scale: 4})
	ADDQ(addr(Param("lo")), j)
	MOVL(j.As32(), Mem{Base: pout})
	ADDQ(Imm(4), pout)
	MOVL(m, bit.As32())
	SUBL(Imm(1), bit.As32())
	ANDL(bit.As32(), m)
	JNZ(LabelRef(name + "_fireloop"))
	JMP(LabelRef(name + "_next"))

	Label(name + "_done")
	VZEROUPPER()
	base := Load(Param("out").Base(), GP64())
	SUBQ(base, pout)
	SHRQ(Imm(2), pout)
	Store(pout, ReturnIndex(0))
	RET()
}
