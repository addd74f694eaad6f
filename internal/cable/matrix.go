package cable

import "sort"

// Matrix is the Hines matrix of a forest of trees over n nodes, each node's
// parent having a smaller index (a root is its own parent).
//
// Internally the nodes are renumbered level by level across all trees (all
// roots, then all their children, ...). The elimination is a chain of
// dependent divisions along every path from a leaf to its root; with the
// trees interleaved, consecutive nodes belong to different trees, the
// chains are independent and the processor overlaps them. (CoreNEURON's
// "interleaved" node order does the same for SIMD and GPUs.)
type Matrix struct {
	n int
	// perm[k] is the node at internal position k; parent, a, b and cmFac
	// are indexed by internal position.
	perm   []int32
	parent []int32
	// a and b are the constant off-diagonal coefficients, S/cm²: a[k] is
	// node k's coefficient in its parent's row, b[k] the parent's
	// coefficient in node k's row.
	a, b []float64
	// cmFac is 1e-3·cm (S·ms/cm²); the capacitive term is cmFac/dt.
	cmFac []float64
	// d, rhs and v are per-step work arrays.
	d, rhs, v []float64
}

// NewMatrix builds the matrix of nodes with the given parents, areas (µm²),
// axial conductances to the parent (µS) and capacitances (µF/cm²), with
// NEURON's coefficients: b_i = -100·rinv_i/area_i, a_i =
// -100·rinv_i/area_parent.
func NewMatrix(parent []int, area, rinv, cm []float64) *Matrix {
	n := len(parent)
	level := make([]int, n)
	for i, p := range parent {
		if p > i || p < 0 {
			panic("cable: parent must precede child")
		}
		if p != i {
			level[i] = level[p] + 1
		}
	}
	m := &Matrix{n: n, perm: make([]int32, n), parent: make([]int32, n),
		a: make([]float64, n), b: make([]float64, n), cmFac: make([]float64, n),
		d: make([]float64, n), rhs: make([]float64, n), v: make([]float64, n)}
	for k := range m.perm {
		m.perm[k] = int32(k)
	}
	sort.SliceStable(m.perm, func(x, y int) bool { return level[m.perm[x]] < level[m.perm[y]] })
	pos := make([]int32, n)
	for k, i := range m.perm {
		pos[i] = int32(k)
	}
	for k, i := range m.perm {
		p := parent[i]
		m.parent[k] = pos[p]
		m.cmFac[k] = 1e-3 * cm[i]
		if p == int(i) {
			continue
		}
		m.b[k] = -1e2 * rinv[i] / area[i]
		m.a[k] = -1e2 * rinv[i] / area[p]
	}
	return m
}

// Solve performs one backward-Euler voltage update: it assembles the system
// from the membrane current densities cur (mA/cm²) and conductances g
// (S/cm²) at v, solves it, and adds Δv to v.
func (m *Matrix) Solve(v, cur, g []float64, dt float64) {
	n := m.n
	perm, par, a, b := m.perm[:n], m.parent[:n], m.a[:n], m.b[:n]
	d, rhs, cmf, vv := m.d[:n], m.rhs[:n], m.cmFac[:n], m.v[:n]
	cj := 1 / dt
	// Assemble in one pass: a node's parent precedes it, so vv[p] is
	// set when node k is reached, and every contribution to rows k and p
	// is added in the same order as by a gather pass followed by a pass
	// over the branches (bit for bit the same sums).
	for k, i := range perm {
		vk := v[i]
		vv[k] = vk
		p := par[k]
		dv := vv[p] - vk
		rhs[k] = -cur[i] - b[k]*dv
		d[k] = g[i] + cmf[k]*cj - b[k]
		rhs[p] += a[k] * dv
		d[p] -= a[k]
	}
	// Triangularise from the leaves up, then back-substitute from the
	// roots. d[k] is final when position k is reached; it is replaced by
	// its reciprocal so that the back substitution multiplies.
	for k := n - 1; k >= 0; k-- {
		p := par[k]
		inv := 1 / d[k]
		d[k] = inv
		f := a[k] * inv
		d[p] -= f * b[k]
		rhs[p] -= f * rhs[k]
	}
	for k := range par {
		dv := (rhs[k] - b[k]*rhs[par[k]]) * d[k]
		rhs[k] = dv
		v[perm[k]] += dv
	}
}
