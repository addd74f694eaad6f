package mech

import "math"

// Lookup holds where one Advance call found each instance's voltage in a
// rate table: the offset of the row below it and the interpolation weight.
// A kernel locates all its instances once (Rates.LocateNodes) and then
// steps each of its gates over all instances (Rates.StepGate), so that
// every loop is a plain pass over slices with no call per instance.
type Lookup struct {
	// row[i] is the offset in data of instance i's row; the rows are
	// unexported so that every offset is one LocateNodes wrote, within
	// data (the assembly kernels rely on it).
	row []int32
	// theta[i] is instance i's interpolation weight in [0, 1).
	theta []float64
	// rt located the first n instances; data is what row indexes: rt's
	// table, or in RatesExact buf.
	rt   *Rates
	n    int
	data []float64
	w    int
	// buf holds, in RatesExact, each instance's exact rates twice (the
	// row and its copy), so that Theta = 0 interpolates to them exactly.
	buf []float64
}

// NewLookup returns a Lookup for n instances.
func NewLookup(n int) *Lookup {
	return &Lookup{row: make([]int32, n), theta: make([]float64, n)}
}

// LocateNodes fills l with the location of v[node[i]] + shiftMV for every
// instance i: the same numbers Locate gives one at a time. In RatesExact
// it evaluates the rate functions of every instance instead.
func (r *Rates) LocateNodes(l *Lookup, v []float64, node []int, shiftMV float64) {
	t := r.tbl
	n := len(node)
	if len(l.row) < n {
		panic("mech: Lookup shorter than the node list")
	}
	l.rt, l.n, l.w = r, n, t.w
	if r.Mode == RatesExact {
		w2 := 2 * t.w
		if len(l.buf) < n*w2 {
			l.buf = make([]float64, n*w2)
		}
		l.data = l.buf
		for i, nd := range node {
			out := l.buf[i*w2 : i*w2+t.w]
			r.exact(v[nd]+shiftMV, out)
			copy(l.buf[i*w2+t.w:], out)
			l.row[i], l.theta[i] = int32(i*w2), 0
		}
		return
	}
	l.data = t.data
	locateNodes(l.row[:n], l.theta[:n], v, node, shiftMV, t.lo, t.mfac, float64(t.n), t.w, r)
}

// locateGo is the pure-Go location pass. Lanes whose voltage is NaN
// evaluate the rates exactly into the table's scratch rows (Rates.Exact);
// every NaN gives the same (NaN) rates, so they can share them.
func locateGo(row []int32, theta []float64, v []float64, node []int, shift, lo, mfac, hi float64, w int, r *Rates) {
	for i, nd := range node {
		vi := v[nd] + shift
		xi := mfac * (vi - lo)
		if xi != xi {
			rw, th := r.Exact(vi)
			row[i], theta[i] = int32(rw), th
			continue
		}
		// Compare clamps: the same values as min(max(xi, 0), hi) for
		// every non-NaN xi (xi <= 0 also maps -0 to +0, as max does).
		if xi <= 0 {
			xi = 0
		}
		if xi > hi {
			xi = hi
		}
		k := int(xi)
		row[i], theta[i] = int32(k*w), xi-float64(k)
	}
}

// StepGate advances gate x of every instance one step, with steady state
// in column inf and time constant (or, in RatesFast, cnexp factor) in
// column tau of the rows l located: exactly Step(x[i], At(row, th, inf),
// At(row, th, tau)) for each i.
func (r *Rates) StepGate(x []float64, l *Lookup, inf, tau int) {
	n := len(x)
	l.check(r, n, inf)
	l.check(r, n, tau)
	if r.fast {
		stepFast(x, l.row[:n], l.theta[:n], l.data, l.w, inf, tau)
		return
	}
	stepRelax(x, l.row[:n], l.theta[:n], l.data, l.w, inf, tau, r.dt)
}

// stepFastGo is the pure-Go gate update of RatesFast.
func stepFastGo(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int) {
	for i := range x {
		th := theta[i]
		k := int(row[i])
		a := data[k+inf]
		in := a + th*(data[k+w+inf]-a)
		a = data[k+tau]
		c := a + th*(data[k+w+tau]-a)
		x[i] += c * (in - x[i])
	}
}

// stepRelaxGo is the pure-Go gate update of NEURON's table (and of exact
// rates): cnexp, x + (1 - exp(-dt/tau))·(inf - x), with Exp written out
// in the loop (it is over the inlining budget) for arguments in its
// ordinary range.
func stepRelaxGo(x []float64, row []int32, theta []float64, data []float64, w, inf, tau int, dt float64) {
	for i := range x {
		th := theta[i]
		k := int(row[i])
		a := data[k+inf]
		in := a + th*(data[k+w+inf]-a)
		a = data[k+tau]
		tu := a + th*(data[k+w+tau]-a)
		// e = Exp(-dt/tu), written out.
		z := -dt / tu
		var e float64
		if z > -0x1p-10 && z < 0x1p-10 {
			e = 1 + z*(1+z*(0.5+z*(1.0/6+z*(1.0/24+z*(1.0/120+z*(1.0/720))))))
		} else if !(z > -708 && z < 709) {
			e = math.Exp(z)
		} else {
			kf := z*expInvLn2N + expShifter
			ki := math.Float64bits(kf)
			kf -= expShifter
			r := z - kf*expLn2HiN - kf*expLn2LoN
			j := ki & 127
			p := r + r*r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120))))
			s := math.Float64frombits(expTab[j] + ki<<45)
			e = s + s*(p+expTail[j]*(1+p))
		}
		xi := x[i]
		x[i] = xi + (1-e)*(in-xi)
	}
}

// Interp writes column col of the rows l located, interpolated, to dst:
// At(row, th, col) for each instance (an instantaneous gate, x = inf).
func (r *Rates) Interp(dst []float64, l *Lookup, col int) {
	l.check(r, len(dst), col)
	data, w := l.data, l.w
	for i := range dst {
		k := int(l.row[i])
		a := data[k+col]
		dst[i] = a + l.theta[i]*(data[k+w+col]-a)
	}
}

// check panics unless r located at least n instances into l and col is
// one of its table's columns.
func (l *Lookup) check(r *Rates, n, col int) {
	if l.rt != r || n > l.n {
		panic("mech: Lookup not located by these rates for this many instances")
	}
	if col < 0 || col >= l.w {
		panic("mech: rate table column out of range")
	}
}

// RelaxSlice advances x[i] one step dt towards inf[i] with time constant
// tau[i] for every i: exactly Relax(x[i], inf[i], tau[i], dt), over
// slices (SIMD where the machine has it).
func RelaxSlice(x, inf, tau []float64, dt float64) {
	if len(inf) < len(x) || len(tau) < len(x) {
		panic("mech: RelaxSlice: inf or tau shorter than x")
	}
	n := len(x)
	relaxSlice(x, inf[:n], tau[:n], dt)
}

// relaxSliceGo is the pure-Go RelaxSlice, with Exp written out.
func relaxSliceGo(x, inf, tau []float64, dt float64) {
	inf, tau = inf[:len(x)], tau[:len(x)]
	for i := range x {
		in, tu := inf[i], tau[i]
		// e = Exp(-dt/tu), written out.
		z := -dt / tu
		var e float64
		if z > -0x1p-10 && z < 0x1p-10 {
			e = 1 + z*(1+z*(0.5+z*(1.0/6+z*(1.0/24+z*(1.0/120+z*(1.0/720))))))
		} else if !(z > -708 && z < 709) {
			e = math.Exp(z)
		} else {
			kf := z*expInvLn2N + expShifter
			ki := math.Float64bits(kf)
			kf -= expShifter
			r := z - kf*expLn2HiN - kf*expLn2LoN
			j := ki & 127
			p := r + r*r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120))))
			s := math.Float64frombits(expTab[j] + ki<<45)
			e = s + s*(p+expTail[j]*(1+p))
		}
		xi := x[i]
		x[i] = xi + (1-e)*(in-xi)
	}
}
