package mech

import (
	"fmt"
	"math"
)

// RateMode selects how a kernel evaluates its voltage-dependent rates; it is
// the value of the mechanism's "usetable" global.
type RateMode int

const (
	// RatesExact evaluates the rate functions at every call (NEURON with
	// usetable = 0).
	RatesExact RateMode = 0
	// RatesTable interpolates steady states and time constants in the
	// mechanism's TABLE and takes exp(-dt/tau) at every step: NEURON's
	// default, and Lamina's.
	RatesTable RateMode = 1
	// RatesFast tabulates, for the run's dt, the cnexp factor
	// 1 - exp(-dt/tau) instead of tau and interpolates it: no exp and no
	// division per step. It differs from NEURON's table by the difference
	// between interpolating tau and interpolating the factor, which is of
	// the same order as the table's own interpolation error.
	RatesFast RateMode = 2
)

// ModeOf returns the mode a usetable value selects.
func ModeOf(usetable float64) RateMode {
	switch {
	case usetable < 0.5:
		return RatesExact
	case usetable < 1.5:
		return RatesTable
	}
	return RatesFast
}

// UseTable is the "usetable" global every tabulated mechanism has.
func UseTable() Field {
	return Field{Name: "usetable", Unit: "1", Default: float64(RatesTable), Min: 0, Max: 2,
		Doc: "rates: 0 exact, 1 NEURON's TABLE (interpolate tau, exp each step), 2 fast (interpolate 1-exp(-dt/tau))"}
}

// Rates evaluates a mechanism's rate functions, the TABLE's outputs, in
// the selected mode. Its outputs are steady states and, in the columns
// listed as time constants, either tau (ms) or, in RatesFast, the factor
// 1 - exp(-dt/tau); Step uses whichever it holds.
type Rates struct {
	Mode  RateMode
	tbl   *Table
	exact func(v float64, out []float64)
	taus  []int
	dt    float64
	fast  bool
}

// NewRates builds the rates of a TABLE ... FROM lo TO hi WITH n of w
// outputs computed by exact, whose columns taus hold time constants.
func NewRates(mode RateMode, lo, hi float64, n, w int, taus []int, dt float64, exact func(v float64, out []float64)) *Rates {
	r := &Rates{Mode: mode, exact: exact, taus: taus, dt: dt, fast: mode == RatesFast}
	switch mode {
	case RatesExact:
		// Only the scratch rows are used: a NaN scale makes every
		// lookup fail over to exact evaluation.
		r.tbl = &Table{lo: lo, mfac: math.NaN(), n: n, w: w, data: make([]float64, (n+4)*w)}
	case RatesTable, RatesFast:
		r.tbl = NewTable(lo, hi, n, w, func(v float64, out []float64) {
			exact(v, out)
			if mode == RatesFast {
				r.toFactors(out)
			}
		})
	default:
		panic(fmt.Sprintf("mech: rate mode %d", mode))
	}
	return r
}

func (r *Rates) toFactors(out []float64) {
	for _, j := range r.taus {
		out[j] = 1 - Exp(-r.dt/out[j])
	}
}

// Locate finds v in the table and returns the row offset and weight to
// pass to At. In exact mode, or for a NaN voltage, it evaluates the rate
// functions into a scratch row instead. Hot loops inline it by hand:
//
//	row, th, ok := tbl.Locate(v) // tbl := r.Table()
//	if !ok {
//		row, th = r.Exact(v)
//	}
func (r *Rates) Locate(v float64) (row int, theta float64) {
	row, theta, ok := r.tbl.Locate(v)
	if !ok {
		row, theta = r.Exact(v)
	}
	return row, theta
}

// Table returns the table that Locate searches first.
func (r *Rates) Table() *Table { return r.tbl }

// Exact evaluates the rates at v into a scratch row and returns its
// location.
//
//go:noinline
func (r *Rates) Exact(v float64) (row int, theta float64) {
	row = (r.tbl.n + 2) * r.tbl.w
	out := r.tbl.data[row : row+r.tbl.w]
	r.exact(v, out)
	if r.Mode == RatesFast {
		r.toFactors(out)
	}
	copy(r.tbl.data[row+r.tbl.w:], out)
	return row, 0
}

// At returns output j at a location from Locate.
func (r *Rates) At(row int, theta float64, j int) float64 { return r.tbl.At(row, theta, j) }

// Step advances a gate x one step towards inf; c is the time-constant
// column's output at the same location.
func (r *Rates) Step(x, inf, c float64) float64 {
	if r.fast {
		return x + c*(inf-x)
	}
	return r.relax(x, inf, c)
}

//go:noinline
func (r *Rates) relax(x, inf, tau float64) float64 { return Relax(x, inf, tau, r.dt) }

// Names of the rate modes, as run specs and the command line give them.
const (
	RateNameTable = "table"
	RateNameExact = "exact"
	RateNameFast  = "fast"
)

// ParseRateMode returns the mode named s: table, exact or fast.
func ParseRateMode(s string) (RateMode, error) {
	switch s {
	case RateNameTable:
		return RatesTable, nil
	case RateNameExact:
		return RatesExact, nil
	case RateNameFast:
		return RatesFast, nil
	}
	return 0, fmt.Errorf("rates = %q: want %s, %s or %s", s, RateNameTable, RateNameExact, RateNameFast)
}
