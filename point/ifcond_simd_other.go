//go:build !amd64 || purego

package point

// haveSIMD and haveAVX512 are false: no SIMD kernels on this
// architecture, or the purego build tag asks for the pure-Go loops.
const (
	haveSIMD   = false
	haveAVX512 = false
)

// ifCondLaminaSIMD advances no neuron: the pure-Go loop does all.
func ifCondLaminaSIMD(*ifCondLaminaConsts, int32, []float64, []float64, []float64, []float64, []float64, []int32, []float64, *[]int32, int) int {
	return 0
}

// ifCondLaminaWidth advances no neuron: the pure-Go loop does all.
func ifCondLaminaWidth(bool, *ifCondLaminaConsts, int32, []float64, []float64, []float64, []float64, []float64, []int32, []float64, *[]int32, int) int {
	return 0
}
