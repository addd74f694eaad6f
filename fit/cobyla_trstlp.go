package fit

import "math"

// trstlp is COBYLA's trust-region subproblem (Powell's subroutine TRSTLP)
// with its workspace. Constraints are numbered from 0; constraint m is the
// objective, whose gradient a[·][m] is minus the objective's.
type trstlp struct {
	n, m   int
	iact   []int       // constraint indices, the active ones first
	z      [][]float64 // z[i][k]: orthogonal basis, the first nact columns spanning the active gradients
	zdota  []float64   // zdota[k]: column k of z times the gradient of active constraint k
	vmultc []float64   // multipliers of the active constraints, then residuals of the others
	vmultd []float64
	sdirn  []float64
	dxnew  []float64
}

func newTrstlp(n, m int) *trstlp {
	z := make([][]float64, n)
	for i := range z {
		z[i] = make([]float64, n)
	}
	return &trstlp{
		n: n, m: m, iact: make([]int, m+1), z: z, zdota: make([]float64, n),
		vmultc: make([]float64, m+1), vmultd: make([]float64, m+1),
		sdirn: make([]float64, n), dxnew: make([]float64, n),
	}
}

// solve sets dx to the step of length at most rho that first minimises the
// greatest violation of the linearised constraints a[·][k]·dx >= b[k],
// k < m, and then, with any freedom left, minimises the linearised
// objective −a[·][m]·dx without increasing that violation. It reports
// whether the step reached the trust-region boundary (Powell's IFULL),
// which a degeneracy can prevent.
//
// The arithmetic is Powell's, in his order, including the tests that zero
// a value when it is within rounding error of 0 (the acca/accb device) and
// his few single-precision constants. One quirk of the Fortran that SciPy
// 1.10.1 runs is kept: when a new constraint's gradient depends on the
// active ones, the list is reordered by ICON rather than by the index IOUT
// of the constraint chosen to leave, a test that is never true there, so
// the last active constraint is the one replaced.
func (t *trstlp) solve(a [][]float64, b []float64, rho float64, dx []float64) (full bool) {
	n, m := t.n, t.m
	z, zdota, iact, vmultc, vmultd, sdirn, dxnew := t.z, t.zdota, t.iact, t.vmultc, t.vmultd, t.sdirn, t.dxnew
	// Positions in iact are counted from 0; icon = -1 is Powell's ICON = 0.
	// mcon is the number of constraints of the stage (m, then m+1 when the
	// objective joins in stage two).
	icon, nactx := -1, 0
	resold := 0.0
	full = true
	mcon, nact := m, 0
	resmax := 0.0
	for i := range n {
		for j := range n {
			z[i][j] = 0
		}
		z[i][i] = 1
		dx[i] = 0
	}
	for k := range m {
		if b[k] > resmax {
			resmax, icon = b[k], k
		}
	}
	for k := range m {
		iact[k] = k
		vmultc[k] = resmax - b[k]
	}
	var optold float64
	var icount int
	// stage2 switches to the second stage (Powell's label 480).
	stage2 := func() {
		mcon = m + 1
		icon = m
		iact[m] = m
		vmultc[m] = 0
		optold, icount = 0, 0
	}
	if resmax == 0 {
		stage2()
	} else {
		for i := range n {
			sdirn[i] = 0
		}
	}
	// rotate applies the Givens rotation that moves active constraint kp's
	// gradient into column k of z, updating zdota (Powell's loops 170,
	// 220 and 270).
	rotate := func(k, kp, kk int) {
		sp := 0.0
		for i := range n {
			sp += z[i][k] * a[i][kk]
		}
		temp := math.Sqrt(sp*sp + zdota[kp]*zdota[kp])
		alpha := zdota[kp] / temp
		beta := sp / temp
		zdota[kp] = alpha * zdota[k]
		zdota[k] = temp
		for i := range n {
			temp := alpha*z[i][kp] + beta*z[i][k]
			z[i][kp] = alpha*z[i][k] - beta*z[i][kp]
			z[i][k] = temp
		}
	}
	// End reports the end of a stage that cannot progress (Powell's label
	// 490): from stage one to stage two, or the end of the calculation.
	for {
		// Label 70: stop a stage after 3 iterations that neither improve
		// its objective nor add an active constraint.
		var optnew float64
		if mcon == m {
			optnew = resmax
		} else {
			for i := range n {
				optnew -= dx[i] * a[i][m]
			}
		}
		switch {
		case icount == 0 || optnew < optold:
			optold, nactx, icount = optnew, nact, 3
		case nact > nactx:
			nactx, icount = nact, 3
		default:
			icount--
			if icount == 0 {
				if mcon == m {
					stage2()
					continue
				}
				return false
			}
		}

		if icon >= nact {
			// Add constraint iact[icon] to the active set: rotate the last
			// n−nact−1 columns of z orthogonal to its gradient.
			kk := iact[icon]
			for i := range n {
				dxnew[i] = a[i][kk]
			}
			tot := 0.0
			for k := n - 1; k >= nact; k-- {
				sp, spabs := 0.0, 0.0
				for i := range n {
					temp := z[i][k] * dxnew[i]
					sp += temp
					spabs += math.Abs(temp)
				}
				acca := spabs + 0.1*math.Abs(sp)
				accb := spabs + 0.2*math.Abs(sp)
				if spabs >= acca || acca >= accb {
					sp = 0
				}
				if tot == 0 {
					tot = sp
				} else {
					kp := k + 1
					temp := math.Sqrt(sp*sp + tot*tot)
					alpha := sp / temp
					beta := tot / temp
					tot = temp
					for i := range n {
						temp := alpha*z[i][k] + beta*z[i][kp]
						z[i][kp] = alpha*z[i][kp] - beta*z[i][k]
						z[i][k] = temp
					}
				}
			}
			if tot != 0 {
				nact++
				zdota[nact-1] = tot
				vmultc[icon] = vmultc[nact-1]
				vmultc[nact-1] = 0
			} else {
				// The new gradient is a combination of the active ones:
				// one of those must leave. vmultd gets the combination's
				// multipliers.
				ratio := -1.0
				for k := nact - 1; k >= 0; k-- {
					zdotv, zdvabs := 0.0, 0.0
					for i := range n {
						temp := z[i][k] * dxnew[i]
						zdotv += temp
						zdvabs += math.Abs(temp)
					}
					acca := zdvabs + 0.1*math.Abs(zdotv)
					accb := zdvabs + 0.2*math.Abs(zdotv)
					if zdvabs < acca && acca < accb {
						temp := zdotv / zdota[k]
						if temp > 0 && iact[k] < m {
							tempa := vmultc[k] / temp
							if ratio < 0 || tempa < ratio {
								ratio = tempa
							}
						}
						if k >= 1 {
							kw := iact[k]
							for i := range n {
								dxnew[i] -= temp * a[i][kw]
							}
						}
						vmultd[k] = temp
					} else {
						vmultd[k] = 0
					}
				}
				if ratio < 0 {
					if mcon == m {
						stage2()
						continue
					}
					return false
				}
				for k := range nact {
					vmultc[k] = dmax(0, vmultc[k]-ratio*vmultd[k])
				}
				// (Powell's reordering by ICON < NACT is never done: icon >= nact.)
				temp := 0.0
				for i := range n {
					temp += z[i][nact-1] * a[i][kk]
				}
				if temp == 0 {
					if mcon == m {
						stage2()
						continue
					}
					return false
				}
				zdota[nact-1] = temp
				vmultc[icon] = 0
				vmultc[nact-1] = ratio
			}
			// Label 210: keep the objective last among the active
			// constraints in stage two.
			iact[icon] = iact[nact-1]
			iact[nact-1] = kk
			if mcon > m && kk != m {
				k := nact - 2
				rotate(k, nact-1, kk)
				iact[nact-1] = iact[k]
				iact[k] = kk
				vmultc[k], vmultc[nact-1] = vmultc[nact-1], vmultc[k]
			}
			if mcon == m {
				kk := iact[nact-1]
				temp := 0.0
				for i := range n {
					temp += sdirn[i] * a[i][kk]
				}
				temp--
				temp /= zdota[nact-1]
				for i := range n {
					sdirn[i] -= temp * z[i][nact-1]
				}
			}
		} else {
			// Label 260: delete constraint iact[icon] from the active set.
			if icon < nact-1 {
				isave, vsave := iact[icon], vmultc[icon]
				k := icon
				for {
					kp := k + 1
					kk := iact[kp]
					rotate(k, kp, kk)
					iact[k] = kk
					vmultc[k] = vmultc[kp]
					k = kp
					if k >= nact-1 {
						break
					}
				}
				iact[k], vmultc[k] = isave, vsave
			}
			nact--
			if mcon == m {
				temp := 0.0
				for i := range n {
					temp += sdirn[i] * z[i][nact]
				}
				for i := range n {
					sdirn[i] -= temp * z[i][nact]
				}
			}
		}
		if mcon > m {
			// Label 320: the search direction of stage two.
			temp := 1 / zdota[nact-1]
			for i := range n {
				sdirn[i] = temp * z[i][nact-1]
			}
		}

		// Label 340: the step to the trust-region boundary, or the step
		// that makes resmax zero in stage one.
		dd := rho * rho
		sd, ss := 0.0, 0.0
		for i := range n {
			if math.Abs(dx[i]) >= f32e6*rho {
				dd -= dx[i] * dx[i]
			}
			sd += dx[i] * sdirn[i]
			ss += sdirn[i] * sdirn[i]
		}
		if dd <= 0 {
			if mcon == m {
				stage2()
				continue
			}
			return false
		}
		temp := math.Sqrt(ss * dd)
		if math.Abs(sd) >= f32e6*temp {
			temp = math.Sqrt(ss*dd + sd*sd)
		}
		stpful := dd / (temp + sd)
		step := stpful
		if mcon == m {
			acca := step + 0.1*resmax
			accb := step + 0.2*resmax
			if step >= acca || acca >= accb {
				stage2()
				continue
			}
			step = dmin(step, resmax)
		}
		for i := range n {
			dxnew[i] = dx[i] + step*sdirn[i]
		}
		if mcon == m {
			resold = resmax
			resmax = 0
			for k := range nact {
				kk := iact[k]
				temp := b[kk]
				for i := range n {
					temp -= a[i][kk] * dxnew[i]
				}
				resmax = dmax(resmax, temp)
			}
		}
		// The multipliers if dx became dxnew, zeroed when within rounding
		// error of 0.
		for k := nact - 1; k >= 0; k-- {
			zdotw, zdwabs := 0.0, 0.0
			for i := range n {
				temp := z[i][k] * dxnew[i]
				zdotw += temp
				zdwabs += math.Abs(temp)
			}
			acca := zdwabs + 0.1*math.Abs(zdotw)
			accb := zdwabs + 0.2*math.Abs(zdotw)
			if zdwabs >= acca || acca >= accb {
				zdotw = 0
			}
			vmultd[k] = zdotw / zdota[k]
			if k >= 1 {
				kk := iact[k]
				for i := range n {
					dxnew[i] -= vmultd[k] * a[i][kk]
				}
			}
		}
		if mcon > m {
			vmultd[nact-1] = dmax(0, vmultd[nact-1])
		}
		// The residuals of the inactive constraints at dxnew.
		for i := range n {
			dxnew[i] = dx[i] + step*sdirn[i]
		}
		for k := nact; k < mcon; k++ {
			kk := iact[k]
			sum := resmax - b[kk]
			sumabs := resmax + math.Abs(b[kk])
			for i := range n {
				temp := a[i][kk] * dxnew[i]
				sum += temp
				sumabs += math.Abs(temp)
			}
			acca := sumabs + f32p1*math.Abs(sum)
			accb := sumabs + f32p2*math.Abs(sum)
			if sumabs >= acca || acca >= accb {
				sum = 0
			}
			vmultd[k] = sum
		}
		// The fraction of the step to dxnew that keeps every multiplier and
		// residual nonnegative.
		ratio := 1.0
		icon = -1
		for k := range mcon {
			if vmultd[k] > -f32eps && vmultd[k] < f32eps {
				vmultd[k] = 0
			}
			if vmultd[k] < 0 {
				temp := vmultc[k] / (vmultc[k] - vmultd[k])
				if temp < ratio {
					ratio, icon = temp, k
				}
			}
		}
		temp = 1 - ratio
		for i := range n {
			dx[i] = temp*dx[i] + ratio*dxnew[i]
		}
		for k := range mcon {
			vmultc[k] = dmax(0, temp*vmultc[k]+ratio*vmultd[k])
		}
		if mcon == m {
			resmax = resold + ratio*(resmax-resold)
		}
		switch {
		case icon >= 0:
			// A constraint blocks the step: iterate.
		case step == stpful:
			return full
		case math.IsNaN(step):
			for i := range n {
				dx[i] = step
			}
			return full
		default:
			stage2()
		}
	}
}
