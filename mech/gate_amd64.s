//go:build !purego

#include "textflag.h"

// The AVX2 and AVX-512 gate kernels of gate_amd64.go. Each lane performs exactly the
// operations of the pure-Go loops in gate.go, in the same order and with
// no fused multiply-add, so the results are bit-identical; Exp's two
// branches (|z| < 2^-10 and the table path) are both computed and
// blended. Go operand order: sources first, destination last.

// LANES loads, for the four instances at i = AX with rows at (SI), the
// table entries a and b of the steady-state column (Y3, Y4) and of the
// time-constant column (Y5, Y6), from the column bases R9 (inf), R10
// (w+inf), R11 (tau), R12 (w+tau), lane by lane (on the machines measured,
// scalar loads and inserts beat VGATHERDPD). Uses R13, X7-X10.
#define LANES \
	MOVL 0(SI)(AX*4), R13 \
	VMOVSD (R9)(R13*8), X3 \
	VMOVSD (R10)(R13*8), X4 \
	VMOVSD (R11)(R13*8), X5 \
	VMOVSD (R12)(R13*8), X6 \
	MOVL 4(SI)(AX*4), R13 \
	VMOVHPD (R9)(R13*8), X3, X3 \
	VMOVHPD (R10)(R13*8), X4, X4 \
	VMOVHPD (R11)(R13*8), X5, X5 \
	VMOVHPD (R12)(R13*8), X6, X6 \
	MOVL 8(SI)(AX*4), R13 \
	VMOVSD (R9)(R13*8), X7 \
	VMOVSD (R10)(R13*8), X8 \
	VMOVSD (R11)(R13*8), X9 \
	VMOVSD (R12)(R13*8), X10 \
	MOVL 12(SI)(AX*4), R13 \
	VMOVHPD (R9)(R13*8), X7, X7 \
	VMOVHPD (R10)(R13*8), X8, X8 \
	VMOVHPD (R11)(R13*8), X9, X9 \
	VMOVHPD (R12)(R13*8), X10, X10 \
	VINSERTF128 $1, X7, Y3, Y3 \
	VINSERTF128 $1, X8, Y4, Y4 \
	VINSERTF128 $1, X9, Y5, Y5 \
	VINSERTF128 $1, X10, Y6, Y6

// INTERP2 interpolates with the weights in Y1: tau (or the cnexp factor)
// = a + theta*(b - a) into Y6, inf into Y5.
#define INTERP2 \
	VSUBPD Y5, Y6, Y6 \
	VMULPD Y6, Y1, Y6 \
	VADDPD Y6, Y5, Y6 \
	VSUBPD Y3, Y4, Y4 \
	VMULPD Y4, Y1, Y4 \
	VADDPD Y4, Y3, Y5

// SETCOLS sets the column bases R9 = data + 8·inf, R10 = data + 8·(w+inf),
// R11 = data + 8·tau, R12 = data + 8·(w+tau); data in DX.
#define SETCOLS(wOff, infOff, tauOff) \
	MOVQ wOff(FP), R13 \
	MOVQ infOff(FP), R9 \
	LEAQ (DX)(R9*8), R9 \
	LEAQ (R9)(R13*8), R10 \
	MOVQ tauOff(FP), R11 \
	LEAQ (DX)(R11*8), R11 \
	LEAQ (R11)(R13*8), R12

// Offsets in expK (32 bytes per constant; see gate_amd64.go).
#define K_SMALLLO 0
#define K_SMALLHI 32
#define K_RANGELO 64
#define K_RANGEHI 96
#define K_ONE 128
#define K_HALF 160
#define K_SIXTH 192
#define K_24TH 224
#define K_120TH 256
#define K_720TH 288
#define K_INVLN2N 320
#define K_SHIFTER 352
#define K_LN2HIN 384
#define K_LN2LON 416
#define K_IDXMSK 448
#define K_TAB 480
#define K_TAIL 1504

// EXP4(bail) sets Y2 = Exp(z) for the four lanes of z in Y7, with
// Exp's operations in Exp's order, or jumps to bail (before any store)
// if a lane is outside Exp's ordinary range (-708, 709) or NaN. K in R8.
// Uses Y0-Y4, Y6-Y10, DX, R13; keeps Y5 and Y11-Y15.
#define EXP4(bail) \
	VCMPPD $0x1e, K_RANGELO(R8), Y7, Y8 \
	VCMPPD $0x11, K_RANGEHI(R8), Y7, Y9 \
	VANDPD Y9, Y8, Y8 \
	VMOVMSKPD Y8, DX \
	CMPQ DX, $15 \
	JNE  bail \
	VCMPPD $0x1e, K_SMALLLO(R8), Y7, Y8 \
	VCMPPD $0x11, K_SMALLHI(R8), Y7, Y9 \
	VANDPD Y9, Y8, Y8 \
	VMULPD K_720TH(R8), Y7, Y9 \
	VADDPD K_120TH(R8), Y9, Y9 \
	VMULPD Y9, Y7, Y9 \
	VADDPD K_24TH(R8), Y9, Y9 \
	VMULPD Y9, Y7, Y9 \
	VADDPD K_SIXTH(R8), Y9, Y9 \
	VMULPD Y9, Y7, Y9 \
	VADDPD K_HALF(R8), Y9, Y9 \
	VMULPD Y9, Y7, Y9 \
	VADDPD K_ONE(R8), Y9, Y9 \
	VMULPD Y9, Y7, Y9 \
	VADDPD K_ONE(R8), Y9, Y9 \
	VMULPD K_INVLN2N(R8), Y7, Y10 \
	VADDPD K_SHIFTER(R8), Y10, Y10 \
	VSUBPD K_SHIFTER(R8), Y10, Y2 \
	VMULPD K_LN2HIN(R8), Y2, Y3 \
	VSUBPD Y3, Y7, Y3 \
	VMULPD K_LN2LON(R8), Y2, Y4 \
	VSUBPD Y4, Y3, Y3 \
	VPAND K_IDXMSK(R8), Y10, Y4 \
	VPSLLQ $45, Y10, Y2 \
	VMOVQ X4, R13 \
	VPEXTRQ $1, X4, DX \
	VMOVSD K_TAB(R8)(R13*8), X1 \
	VMOVHPD K_TAB(R8)(DX*8), X1, X1 \
	VMOVSD K_TAIL(R8)(R13*8), X6 \
	VMOVHPD K_TAIL(R8)(DX*8), X6, X6 \
	VEXTRACTI128 $1, Y4, X4 \
	VMOVQ X4, R13 \
	VPEXTRQ $1, X4, DX \
	VMOVSD K_TAB(R8)(R13*8), X0 \
	VMOVHPD K_TAB(R8)(DX*8), X0, X0 \
	VINSERTF128 $1, X0, Y1, Y1 \
	VMOVSD K_TAIL(R8)(R13*8), X0 \
	VMOVHPD K_TAIL(R8)(DX*8), X0, X0 \
	VINSERTF128 $1, X0, Y6, Y6 \
	VPADDQ Y2, Y1, Y1 \
	VMULPD K_120TH(R8), Y3, Y7 \
	VADDPD K_24TH(R8), Y7, Y7 \
	VMULPD Y7, Y3, Y7 \
	VADDPD K_SIXTH(R8), Y7, Y7 \
	VMULPD Y7, Y3, Y7 \
	VADDPD K_HALF(R8), Y7, Y7 \
	VMULPD Y3, Y3, Y2 \
	VMULPD Y7, Y2, Y7 \
	VADDPD Y7, Y3, Y7 \
	VADDPD K_ONE(R8), Y7, Y2 \
	VMULPD Y2, Y6, Y2 \
	VADDPD Y2, Y7, Y2 \
	VMULPD Y2, Y1, Y2 \
	VADDPD Y2, Y1, Y2 \
	VBLENDVPD Y8, Y9, Y2, Y2

// COL8(base, dst) loads data[row[i+l] + col] for the eight lanes l at
// i = AX (rows at SI) from the column base into Z(dst). Uses X0-X3, R13.
#define COL8(base, dst) \
	MOVL 0(SI)(AX*4), R13 \
	VMOVSD (base)(R13*8), X0 \
	MOVL 4(SI)(AX*4), R13 \
	VMOVHPD (base)(R13*8), X0, X0 \
	MOVL 8(SI)(AX*4), R13 \
	VMOVSD (base)(R13*8), X1 \
	MOVL 12(SI)(AX*4), R13 \
	VMOVHPD (base)(R13*8), X1, X1 \
	MOVL 16(SI)(AX*4), R13 \
	VMOVSD (base)(R13*8), X2 \
	MOVL 20(SI)(AX*4), R13 \
	VMOVHPD (base)(R13*8), X2, X2 \
	MOVL 24(SI)(AX*4), R13 \
	VMOVSD (base)(R13*8), X3 \
	MOVL 28(SI)(AX*4), R13 \
	VMOVHPD (base)(R13*8), X3, X3 \
	VINSERTF128 $1, X1, Y0, Y0 \
	VINSERTF128 $1, X3, Y2, Y2 \
	VINSERTF64X4 $1, Y2, Z0, dst

// TAB8(off, dst) loads K[off/8 + j_l] for the eight indices j_l stored at
// 0(SP) into Z(dst). Uses X0-X3, R13.
#define TAB8(off, dst) \
	MOVQ 0(SP), R13 \
	VMOVSD off(R8)(R13*8), X0 \
	MOVQ 8(SP), R13 \
	VMOVHPD off(R8)(R13*8), X0, X0 \
	MOVQ 16(SP), R13 \
	VMOVSD off(R8)(R13*8), X1 \
	MOVQ 24(SP), R13 \
	VMOVHPD off(R8)(R13*8), X1, X1 \
	MOVQ 32(SP), R13 \
	VMOVSD off(R8)(R13*8), X2 \
	MOVQ 40(SP), R13 \
	VMOVHPD off(R8)(R13*8), X2, X2 \
	MOVQ 48(SP), R13 \
	VMOVSD off(R8)(R13*8), X3 \
	MOVQ 56(SP), R13 \
	VMOVHPD off(R8)(R13*8), X3, X3 \
	VINSERTF128 $1, X1, Y0, Y0 \
	VINSERTF128 $1, X3, Y2, Y2 \
	VINSERTF64X4 $1, Y2, Z0, dst

// EXP8(bail) sets Z23 = Exp(z) for the eight lanes of z in Z22, or jumps
// to bail if a lane is outside (-708, 709) or NaN. K in R8; needs 64
// bytes at 0(SP). Uses Z0-Z3, Z24-Z30, K1-K3, DX, R13.
#define EXP8(bail) \
	VCMPPD.BCST $0x1e, K_RANGELO(R8), Z22, K1 \
	VCMPPD.BCST $0x11, K_RANGEHI(R8), Z22, K2 \
	KANDW K2, K1, K1 \
	KMOVW K1, DX \
	CMPQ DX, $0xff \
	JNE bail \
	VCMPPD.BCST $0x1e, K_SMALLLO(R8), Z22, K1 \
	VCMPPD.BCST $0x11, K_SMALLHI(R8), Z22, K2 \
	KANDW K2, K1, K3 \
	VMULPD.BCST K_720TH(R8), Z22, Z24 \
	VADDPD.BCST K_120TH(R8), Z24, Z24 \
	VMULPD Z24, Z22, Z24 \
	VADDPD.BCST K_24TH(R8), Z24, Z24 \
	VMULPD Z24, Z22, Z24 \
	VADDPD.BCST K_SIXTH(R8), Z24, Z24 \
	VMULPD Z24, Z22, Z24 \
	VADDPD.BCST K_HALF(R8), Z24, Z24 \
	VMULPD Z24, Z22, Z24 \
	VADDPD.BCST K_ONE(R8), Z24, Z24 \
	VMULPD Z24, Z22, Z24 \
	VADDPD.BCST K_ONE(R8), Z24, Z24 \
	VMULPD.BCST K_INVLN2N(R8), Z22, Z25 \
	VADDPD.BCST K_SHIFTER(R8), Z25, Z25 \
	VSUBPD.BCST K_SHIFTER(R8), Z25, Z26 \
	VMULPD.BCST K_LN2HIN(R8), Z26, Z27 \
	VSUBPD Z27, Z22, Z27 \
	VMULPD.BCST K_LN2LON(R8), Z26, Z28 \
	VSUBPD Z28, Z27, Z27 \
	VPANDQ.BCST K_IDXMSK(R8), Z25, Z28 \
	VPSLLQ $45, Z25, Z25 \
	VMOVDQU64 Z28, 0(SP) \
	TAB8(K_TAB, Z29) \
	TAB8(K_TAIL, Z30) \
	VPADDQ Z25, Z29, Z29 \
	VMULPD.BCST K_120TH(R8), Z27, Z26 \
	VADDPD.BCST K_24TH(R8), Z26, Z26 \
	VMULPD Z26, Z27, Z26 \
	VADDPD.BCST K_SIXTH(R8), Z26, Z26 \
	VMULPD Z26, Z27, Z26 \
	VADDPD.BCST K_HALF(R8), Z26, Z26 \
	VMULPD Z27, Z27, Z28 \
	VMULPD Z26, Z28, Z26 \
	VADDPD Z26, Z27, Z26 \
	VADDPD.BCST K_ONE(R8), Z26, Z28 \
	VMULPD Z28, Z30, Z28 \
	VADDPD Z28, Z26, Z28 \
	VMULPD Z28, Z29, Z28 \
	VADDPD Z28, Z29, Z23 \
	VBLENDMPD Z24, Z23, K3, Z23

// UPDATE8 stores x + (1 - e)*(inf - x) for e in Z23, inf in Z21, x at
// (DI)(AX*8).
#define UPDATE8 \
	VMOVUPD (DI)(AX*8), Z24 \
	VSUBPD Z24, Z21, Z21 \
	VBROADCASTSD K_ONE(R8), Z25 \
	VSUBPD Z23, Z25, Z25 \
	VMULPD Z21, Z25, Z25 \
	VADDPD Z25, Z24, Z24 \
	VMOVUPD Z24, (DI)(AX*8)

// func locateAVX2(row []int32, theta []float64, v []float64, node []int, shift, lo, mfac, hi float64, w int) int
TEXT ·locateAVX2(SB), NOSPLIT, $0-144
	MOVQ row_base+0(FP), DI
	MOVQ theta_base+24(FP), SI
	MOVQ v_base+48(FP), DX
	MOVQ node_base+72(FP), BX
	MOVQ node_len+80(FP), CX
	VBROADCASTSD shift+96(FP), Y15
	VBROADCASTSD lo+104(FP), Y14
	VBROADCASTSD mfac+112(FP), Y13
	VBROADCASTSD hi+120(FP), Y12
	MOVQ w+128(FP), R8
	MOVQ R8, X11
	VPBROADCASTD X11, X11
	VXORPD Y10, Y10, Y10
	XORQ AX, AX

locloop:
	MOVQ CX, R9
	SUBQ AX, R9
	CMPQ R9, $4
	JLT  locdone
	MOVQ 0(BX)(AX*8), R10         // v[node[i]], lane by lane: on the
	VMOVSD (DX)(R10*8), X2        // machines measured, four loads and
	MOVQ 8(BX)(AX*8), R10         // inserts beat VGATHERQPD
	VMOVHPD (DX)(R10*8), X2, X2
	MOVQ 16(BX)(AX*8), R10
	VMOVSD (DX)(R10*8), X1
	MOVQ 24(BX)(AX*8), R10
	VMOVHPD (DX)(R10*8), X1, X1
	VINSERTF128 $1, X1, Y2, Y2
	VADDPD Y15, Y2, Y2            // v + shift
	VSUBPD Y14, Y2, Y2            // (v + shift) - lo
	VMULPD Y2, Y13, Y2            // xi = mfac*(...)
	VCMPPD $3, Y2, Y2, Y3         // unordered: NaN
	VMOVMSKPD Y3, R9
	TESTQ R9, R9
	JNZ  locdone
	VMAXPD Y10, Y2, Y2            // xi > 0 ? xi : +0
	VMINPD Y12, Y2, Y2            // xi < hi ? xi : hi
	VCVTTPD2DQY Y2, X3            // k = int(xi)
	VCVTDQ2PD X3, Y4
	VSUBPD Y4, Y2, Y4             // theta = xi - float64(k)
	VPMULLD X11, X3, X3           // row = k*w
	VMOVDQU X3, (DI)(AX*4)
	VMOVUPD Y4, (SI)(AX*8)
	ADDQ $4, AX
	JMP  locloop

locdone:
	MOVQ AX, ret+136(FP)
	VZEROUPPER
	RET

// func stepFastAVX2(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int) int
TEXT ·stepFastAVX2(SB), NOSPLIT, $0-128
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	MOVQ row_base+24(FP), SI
	MOVQ theta_base+48(FP), BX
	MOVQ data_base+72(FP), DX
	SETCOLS(w+96, inf+104, tau+112)
	XORQ AX, AX

fastloop:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  fastdone
	VMOVUPD (BX)(AX*8), Y1
	LANES
	INTERP2                       // inf in Y5, c = 1 - exp(-dt/tau) in Y6
	VMOVUPD (DI)(AX*8), Y7
	VSUBPD Y7, Y5, Y5             // inf - x
	VMULPD Y5, Y6, Y5             // c*(inf - x)
	VADDPD Y5, Y7, Y7             // x + ...
	VMOVUPD Y7, (DI)(AX*8)
	ADDQ $4, AX
	JMP  fastloop

fastdone:
	MOVQ AX, ret+120(FP)
	VZEROUPPER
	RET

// func stepRelaxAVX2(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64, k *[316]uint64) int
TEXT ·stepRelaxAVX2(SB), NOSPLIT, $0-144
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	MOVQ row_base+24(FP), SI
	MOVQ theta_base+48(FP), BX
	MOVQ data_base+72(FP), DX
	SETCOLS(w+96, inf+104, tau+112)
	VBROADCASTSD dt+120(FP), Y15
	VXORPD Y0, Y0, Y0
	VSUBPD Y15, Y0, Y15           // -dt
	MOVQ k+128(FP), R8
	XORQ AX, AX

relaxloop:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  relaxdone
	VMOVUPD (BX)(AX*8), Y1
	LANES
	INTERP2                       // inf in Y5, tau in Y6
	VDIVPD Y6, Y15, Y7            // z = -dt/tau

	EXP4(relaxdone)

	// x + (1 - e)*(inf - x)
	VMOVUPD (DI)(AX*8), Y3
	VSUBPD Y3, Y5, Y5
	VMOVUPD K_ONE(R8), Y4
	VSUBPD Y2, Y4, Y4
	VMULPD Y5, Y4, Y4
	VADDPD Y4, Y3, Y3
	VMOVUPD Y3, (DI)(AX*8)
	ADDQ $4, AX
	JMP  relaxloop

relaxdone:
	MOVQ AX, ret+136(FP)
	VZEROUPPER
	RET

// func relaxSliceAVX2(x, inf, tau []float64, dt float64, k *[316]uint64) int
TEXT ·relaxSliceAVX2(SB), NOSPLIT, $0-96
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	MOVQ inf_base+24(FP), SI
	MOVQ tau_base+48(FP), BX
	VBROADCASTSD dt+72(FP), Y15
	VXORPD Y0, Y0, Y0
	VSUBPD Y15, Y0, Y15           // -dt
	MOVQ k+80(FP), R8
	XORQ AX, AX

rsloop:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $4
	JLT  rsdone
	VMOVUPD (SI)(AX*8), Y5
	VMOVUPD (BX)(AX*8), Y6
	VDIVPD Y6, Y15, Y7            // z = -dt/tau
	EXP4(rsdone)
	VMOVUPD (DI)(AX*8), Y3        // x + (1 - e)*(inf - x)
	VSUBPD Y3, Y5, Y5
	VMOVUPD K_ONE(R8), Y4
	VSUBPD Y2, Y4, Y4
	VMULPD Y5, Y4, Y4
	VADDPD Y4, Y3, Y3
	VMOVUPD Y3, (DI)(AX*8)
	ADDQ $4, AX
	JMP  rsloop

rsdone:
	MOVQ AX, ret+88(FP)
	VZEROUPPER
	RET

// The AVX-512 kernels: eight lanes, the same operations in the same order.

// func stepRelaxAVX512(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64, k *[316]uint64) int
TEXT ·stepRelaxAVX512(SB), NOSPLIT, $64-144
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	MOVQ row_base+24(FP), SI
	MOVQ theta_base+48(FP), BX
	MOVQ data_base+72(FP), DX
	SETCOLS(w+96, inf+104, tau+112)
	VBROADCASTSD dt+120(FP), Z31
	VXORPD Z0, Z0, Z0
	VSUBPD Z31, Z0, Z31           // -dt
	MOVQ k+128(FP), R8
	XORQ AX, AX

r512loop:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $8
	JLT  r512done
	COL8(R9, Z16)                 // inf: a
	COL8(R10, Z17)                //      b
	COL8(R11, Z18)                // tau: a
	COL8(R12, Z19)                //      b
	VMOVUPD (BX)(AX*8), Z20       // theta
	VSUBPD Z18, Z19, Z19
	VMULPD Z19, Z20, Z19
	VADDPD Z19, Z18, Z19          // tau = a + theta*(b - a)
	VSUBPD Z16, Z17, Z17
	VMULPD Z17, Z20, Z17
	VADDPD Z17, Z16, Z21          // inf
	VDIVPD Z19, Z31, Z22          // z = -dt/tau
	EXP8(r512done)
	UPDATE8
	ADDQ $8, AX
	JMP  r512loop

r512done:
	MOVQ AX, ret+136(FP)
	VZEROUPPER
	RET

// func relaxSliceAVX512(x, inf, tau []float64, dt float64, k *[316]uint64) int
TEXT ·relaxSliceAVX512(SB), NOSPLIT, $64-96
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	MOVQ inf_base+24(FP), SI
	MOVQ tau_base+48(FP), BX
	VBROADCASTSD dt+72(FP), Z31
	VXORPD Z0, Z0, Z0
	VSUBPD Z31, Z0, Z31           // -dt
	MOVQ k+80(FP), R8
	XORQ AX, AX

rs512loop:
	MOVQ CX, DX
	SUBQ AX, DX
	CMPQ DX, $8
	JLT  rs512done
	VMOVUPD (SI)(AX*8), Z21
	VMOVUPD (BX)(AX*8), Z19
	VDIVPD Z19, Z31, Z22          // z = -dt/tau
	EXP8(rs512done)
	UPDATE8
	ADDQ $8, AX
	JMP  rs512loop

rs512done:
	MOVQ AX, ret+88(FP)
	VZEROUPPER
	RET
