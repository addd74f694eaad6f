package mech

// LogSlice sets dst[i] = Log(x[i]) for every i, bit for bit (SIMD where the
// machine has it). dst may be x.
func LogSlice(dst, x []float64) {
	if len(dst) < len(x) {
		panic("mech: LogSlice: dst shorter than x")
	}
	logSlice(dst[:len(x)], x)
}

// logSliceGo is the pure-Go LogSlice.
func logSliceGo(dst, x []float64) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = Log(v)
	}
}
