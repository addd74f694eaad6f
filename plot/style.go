package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// plainTicks are gonum's default ticks with their labels written without
// spurious trailing zeros ("25", not "25.00"; gonum pads every label to
// the precision of the finest one).
type plainTicks struct{}

func (plainTicks) Ticks(lo, hi float64) []gplot.Tick {
	ts := (gplot.DefaultTicks{}).Ticks(lo, hi)
	for i := range ts {
		ts[i].Label = plainLabel(ts[i].Label)
	}
	return ts
}

// plainLabel rewrites a numeric tick label in the shortest form.
func plainLabel(s string) string {
	if s == "" {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(v+0, 'g', -1, 64)
}

// integerTicks are plainTicks at whole numbers only, for counts.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []gplot.Tick {
	var out []gplot.Tick
	for _, t := range (plainTicks{}).Ticks(lo, hi) {
		if t.Value == math.Trunc(t.Value) {
			out = append(out, t)
		} else if t.Label == "" {
			continue
		}
	}
	if len(out) < 2 && hi-lo >= 1 {
		out = nil
		for v := math.Ceil(lo); v <= hi; v++ {
			out = append(out, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
		}
	}
	return out
}

// pairs zips xs and ys into points.
func pairs(xs, ys []float64) plotter.XYs {
	xy := make(plotter.XYs, len(xs))
	for i := range xy {
		xy[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	return xy
}

// legendInside places p's legend inside its data area, in the corner
// whose box (estimated for a figure panel some 450 × 250 pt) is crossed by
// the fewest of the lines through pts (consecutive points of one series,
// series separated by NaN points); if every corner holds data, the y
// range is raised so that the data stay below the legend at the top
// right. names are the legend's entries. Call it after the data are added and the x range is set.
func legendInside(p *gplot.Plot, names []string, series ...plotter.XYs) {
	n := len(names)
	if n == 0 {
		return
	}
	xlo, xhi, ylo, yhi := p.X.Min, p.X.Max, p.Y.Min, p.Y.Max
	if !(xhi > xlo) || !(yhi > ylo) {
		return
	}
	nx := func(v float64) float64 { return p.X.Scale.Normalize(xlo, xhi, v) }
	ny := func(v float64) float64 { return p.Y.Scale.Normalize(ylo, yhi, v) }
	// legend box in normalised units
	chars := 0
	for _, e := range names {
		chars = max(chars, len([]rune(e)))
	}
	w := (float64(chars)*6 + 30) / 450
	h := (float64(n)*13 + 8) / 250
	type corner struct {
		top, left bool
	}
	corners := []corner{{true, false}, {true, true}, {false, false}, {false, true}}
	in := func(c corner, x, y float64) bool {
		okX := x >= 1-w
		if c.left {
			okX = x <= w
		}
		okY := y >= 1-h
		if !c.top {
			okY = y <= h
		}
		return okX && okY
	}
	count := make([]int, len(corners))
	for _, s := range series {
		for i := range s {
			if math.IsNaN(s[i].X) || math.IsNaN(s[i].Y) {
				continue
			}
			x0, y0 := nx(s[i].X), ny(s[i].Y)
			x1, y1 := x0, y0
			if i+1 < len(s) && !math.IsNaN(s[i+1].X) && !math.IsNaN(s[i+1].Y) {
				x1, y1 = nx(s[i+1].X), ny(s[i+1].Y)
			}
			for k := 0; k <= 16; k++ {
				f := float64(k) / 16
				x, y := x0+f*(x1-x0), y0+f*(y1-y0)
				for j, c := range corners {
					if in(c, x, y) {
						count[j]++
					}
				}
			}
		}
	}
	best := 0
	for j := range corners {
		if count[j] < count[best] {
			best = j
		}
	}
	c := corners[best]
	if count[best] > 0 {
		// raise the top: the data keep below 1 - h of the new range
		c = corners[0]
		switch p.Y.Scale.(type) {
		case gplot.LogScale:
			l0, l1 := math.Log(ylo), math.Log(yhi)
			p.Y.Max = math.Exp(l0 + (l1-l0)/(1-h))
		default:
			p.Y.Max = ylo + (yhi-ylo)/(1-h)
		}
	}
	p.Legend.Top, p.Legend.Left = c.top, c.left
	inset := vg.Points(4)
	p.Legend.XOffs, p.Legend.YOffs = -inset, -inset
	if c.left {
		p.Legend.XOffs = inset
	}
	if !c.top {
		p.Legend.YOffs = inset
	}
}

// log10Ticks ticks an axis of log10 values as a log axis: labelled at
// every power of ten (as its value, "1e-05"), unlabelled at 2-9 times
// it. With fewer than two powers of ten in range, every tick is labelled.
type log10Ticks struct{}

func (log10Ticks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return (gplot.DefaultTicks{}).Ticks(lo, hi)
	}
	var ts []gplot.Tick
	majors := 0
	for k := math.Floor(lo); k <= math.Ceil(hi); k++ {
		for m := 1; m < 10; m++ {
			v := k + math.Log10(float64(m))
			if v < lo-1e-9 || v > hi+1e-9 {
				continue
			}
			t := gplot.Tick{Value: v}
			if m == 1 {
				t.Label = strconv.FormatFloat(math.Pow(10, k), 'g', -1, 64)
				majors++
			}
			ts = append(ts, t)
		}
	}
	if majors < 2 {
		for i := range ts {
			ts[i].Label = strconv.FormatFloat(math.Pow(10, ts[i].Value), 'g', 2, 64)
		}
	}
	return ts
}

// valueTicks mark a value axis (potentials, currents) every 1, 2 or 5 ×
// 10^k, about five labels: -70, -65, ..., not gonum's -68, -60, -52.
type valueTicks struct{}

func (valueTicks) Ticks(lo, hi float64) []gplot.Tick { return stepTicks(lo, hi, 5) }
