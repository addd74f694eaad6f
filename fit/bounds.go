package fit

import "math"

// linQuad is the bound handling of the Python cma package's default
// BoundTransform (cma.transformations.BoxConstraintsLinQuadTransformation)
// for one coordinate with finite bounds lb < ub: a map of the real line
// onto [lb, ub] that is the identity on [lb+al, ub−au], quadratic on
// [lb−3al, lb+al] and [ub−au, ub+3au], and periodic beyond with period
// 2(ub−lb+al+au), where al = min((ub−lb)/2, (1+|lb|)/20) and
// au = min((ub−lb)/2, (1+|ub|)/20).
type linQuad struct{ lb, ub, al, au float64 }

func newLinQuad(lb, ub float64) linQuad {
	return linQuad{
		lb: lb, ub: ub,
		al: math.Min((ub-lb)/2, (1+math.Abs(lb))/20),
		au: math.Min((ub-lb)/2, (1+math.Abs(ub))/20),
	}
}

// transform maps y into [lb, ub], in cma's order of operations. The final
// clamp only guards against rounding.
func (t linQuad) transform(y float64) float64 {
	lb, ub, al, au := t.lb, t.ub, t.al, t.au
	if y < lb-2*al-(ub-lb)/2 || y > ub+2*au+(ub-lb)/2 {
		r := 2 * (ub - lb + al + au)
		s := lb - 2*al - (ub-lb)/2
		y -= r * math.Floor((y-s)/r)
	}
	if y > ub+au {
		y -= 2 * (y - ub - au)
	}
	if y < lb-al {
		y += 2 * (lb - al - y)
	}
	if y < lb+al {
		d := y - (lb - al)
		y = lb + d*d/4/al
	}
	if y > ub-au {
		d := y - (ub + au)
		y = ub - d*d/4/au
	}
	return math.Min(math.Max(y, lb), ub)
}

// inverse maps x in [lb, ub] to the y in [lb−al, ub+au] with
// transform(y) = x.
func (t linQuad) inverse(x float64) float64 {
	switch {
	case x < t.lb+t.al:
		return t.lb - t.al + 2*math.Sqrt(t.al*math.Max(x-t.lb, 0))
	case x > t.ub-t.au:
		return t.ub + t.au - 2*math.Sqrt(t.au*math.Max(t.ub-x, 0))
	}
	return x
}
