//go:build !purego

#include "textflag.h"

// logSliceAVX2: Log (log.go) over four lanes, with Log's operations in
// Log's order and no fused multiply-add, so the results are bit-identical;
// the near-1 series and the table path are both computed and blended.
// Go operand order: sources first, destination last.

// Offsets in logK (32 bytes per constant; see logslice_amd64.go).
#define L_MINNORMAL 0
#define L_MAX 32
#define L_ONE 64
#define L_NEARLO 96
#define L_NEARHI 128
#define L_SIXTH 160
#define L_FIFTH 192
#define L_QUARTER 224
#define L_THIRD 256
#define L_HALF 288
#define L_LN2HI 320
#define L_LN2LO 352
#define L_MANTMASK 384
#define L_EXPONE 416
#define L_MAGIC 448
#define L_MAGICBIAS 480
#define L_IDXMASK 512
#define L_S2 544
#define L_S3 576
#define L_S4 608
#define L_S5 640
#define L_S6 672
#define L_S7 704
#define L_S8 736
#define L_S9 768
#define L_S10 800
#define L_S11 832
#define L_S12 864
#define L_INVC 896
#define L_C 1920

// func logSliceAVX2(dst, x []float64, k *[logKWords]uint64) int
TEXT ·logSliceAVX2(SB), NOSPLIT, $0-64
	MOVQ dst_base+0(FP), DI
	MOVQ x_base+24(FP), SI
	MOVQ x_len+32(FP), CX
	MOVQ k+48(FP), R8
	XORQ AX, AX

logloop:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  logdone
	VMOVUPD (SI)(AX*8), Y0            // x

	// Normal positive range, 0x1p-1022 <= x <= MaxFloat64 (false for NaN).
	VCMPPD $0x1d, L_MINNORMAL(R8), Y0, Y4  // x >= min (GE_OQ)
	VCMPPD $0x12, L_MAX(R8), Y0, Y5        // x <= max (LE_OQ)
	VANDPD Y5, Y4, Y4
	VMOVMSKPD Y4, DX
	CMPQ DX, $15
	JNE  logdone

	// Near 1: d = x - 1, -1/32 < d < 1/32 (mask in Y15).
	VSUBPD L_ONE(R8), Y0, Y1          // d
	VCMPPD $0x1e, L_NEARLO(R8), Y1, Y4
	VCMPPD $0x11, L_NEARHI(R8), Y1, Y5
	VANDPD Y5, Y4, Y15
	VMULPD L_S12(R8), Y1, Y2          // d/12
	VMOVUPD L_S11(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/11 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S10(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/10 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S9(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/9 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S8(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/8 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S7(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/7 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S6(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/6 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S5(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/5 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S4(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/4 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S3(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/3 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_S2(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1/2 - ...
	VMULPD Y2, Y1, Y2              // d*(...)
	VMOVUPD L_ONE(R8), Y3
	VSUBPD Y2, Y3, Y2              // 1 - ...
	VMULPD Y2, Y1, Y2              // near-1 result in Y2

	// Table path. e = float64(exponent - 1023), exactly, via the 2^52
	// magic number; j = bits>>45 & 127; m = mantissa with exponent 0.
	VPSRLQ $52, Y0, Y4
	VPOR L_MAGIC(R8), Y4, Y4
	VSUBPD L_MAGICBIAS(R8), Y4, Y4    // e
	VPSRLQ $45, Y0, Y5
	VPAND L_IDXMASK(R8), Y5, Y5       // j
	VPAND L_MANTMASK(R8), Y0, Y6
	VPOR L_EXPONE(R8), Y6, Y6         // m
	VMOVQ X5, R13                     // logInvC[j] and logC[j], lane by lane
	VPEXTRQ $1, X5, DX
	VMOVSD L_INVC(R8)(R13*8), X7
	VMOVHPD L_INVC(R8)(DX*8), X7, X7
	VMOVSD L_C(R8)(R13*8), X8
	VMOVHPD L_C(R8)(DX*8), X8, X8
	VEXTRACTI128 $1, Y5, X5
	VMOVQ X5, R13
	VPEXTRQ $1, X5, DX
	VMOVSD L_INVC(R8)(R13*8), X9
	VMOVHPD L_INVC(R8)(DX*8), X9, X9
	VINSERTF128 $1, X9, Y7, Y7        // invC
	VMOVSD L_C(R8)(R13*8), X9
	VMOVHPD L_C(R8)(DX*8), X9, X9
	VINSERTF128 $1, X9, Y8, Y8        // C
	VMULPD Y7, Y6, Y6
	VSUBPD L_ONE(R8), Y6, Y6          // r = m*invC - 1

	// p = r - r*r*(1/2 - r*(1/3 - r*(1/4 - r*(1/5 - r/6)))) in Y9.
	VMULPD L_SIXTH(R8), Y6, Y9
	VMOVUPD L_FIFTH(R8), Y3
	VSUBPD Y9, Y3, Y9
	VMULPD Y9, Y6, Y9
	VMOVUPD L_QUARTER(R8), Y3
	VSUBPD Y9, Y3, Y9
	VMULPD Y9, Y6, Y9
	VMOVUPD L_THIRD(R8), Y3
	VSUBPD Y9, Y3, Y9
	VMULPD Y9, Y6, Y9
	VMOVUPD L_HALF(R8), Y3
	VSUBPD Y9, Y3, Y9
	VMULPD Y6, Y6, Y3                 // r*r
	VMULPD Y9, Y3, Y9
	VSUBPD Y9, Y6, Y9                 // p

	// (e*ln2Hi + C) + (p + e*ln2Lo)
	VMULPD L_LN2HI(R8), Y4, Y10
	VADDPD Y8, Y10, Y10
	VMULPD L_LN2LO(R8), Y4, Y11
	VADDPD Y11, Y9, Y11
	VADDPD Y11, Y10, Y10

	VBLENDVPD Y15, Y2, Y10, Y10       // the series near 1
	VMOVUPD Y10, (DI)(AX*8)
	ADDQ $4, AX
	JMP  logloop

logdone:
	MOVQ AX, ret+56(FP)
	VZEROUPPER
	RET
