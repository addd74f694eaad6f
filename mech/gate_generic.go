//go:build purego || !amd64

package mech

func locateNodes(row []int32, theta []float64, v []float64, node []int, shift, lo, mfac, hi float64, w int, r *Rates) {
	locateGo(row, theta, v, node, shift, lo, mfac, hi, w, r)
}

func stepFast(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int) {
	stepFastGo(x, row, theta, data, w, inf, tau)
}

func stepRelax(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64) {
	stepRelaxGo(x, row, theta, data, w, inf, tau, dt)
}

func relaxSlice(x, inf, tau []float64, dt float64) { relaxSliceGo(x, inf, tau, dt) }

func logSlice(dst, x []float64) { logSliceGo(dst, x) }
