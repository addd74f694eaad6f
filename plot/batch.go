package plot

import (
	"fmt"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Overlay draws one line per run (ys[k] against xs[k]), coloured by the
// run's parameter value (log10 of it when logScale), with a colour bar
// naming the parameter: HNN-core's batch example's overlay of dipole
// waveforms coloured by log weight.
func Overlay(xs, ys [][]float64, values []float64, logScale bool, param, xLabel, yLabel, title string) (*Figure, error) {
	if len(xs) != len(ys) || len(ys) != len(values) || len(ys) == 0 {
		return nil, fmt.Errorf("plot: overlay: %d x series, %d y series, %d values", len(xs), len(ys), len(values))
	}
	c := make([]float64, len(values))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range values {
		if logScale {
			if !(v > 0) {
				return nil, fmt.Errorf("plot: overlay: %s = %g cannot be shown on a log scale", param, v)
			}
			v = math.Log10(v)
		}
		c[i] = v
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi <= lo {
		hi = lo + 1
	}
	// Kindlmann's map runs from black to white: stop at 80% of it so that
	// the largest value stays visible on a white page
	cm := moreland.Kindlmann()
	cm.SetMin(lo)
	cm.SetMax(hi + (hi-lo)/4)
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Add(plotter.NewGrid())
	for k := range ys {
		if len(xs[k]) != len(ys[k]) {
			return nil, fmt.Errorf("plot: overlay: run %d has %d x and %d y values", k, len(xs[k]), len(ys[k]))
		}
		col, err := cm.At(c[k])
		if err != nil {
			return nil, err
		}
		l, err := line(xs[k], ys[k], col, 1.2)
		if err != nil {
			return nil, err
		}
		p.Add(l)
	}
	p.X.Tick.Marker = timeTicks{}
	p.Y.Tick.Marker = plainTicks{}
	label := param
	if logScale {
		label = "log10 " + param
	}
	bar := colourBar(cm, label, plainTicks{})
	return &Figure{Panels: [][]*gplot.Plot{{p}}, Side: []*gplot.Plot{bar}}, nil
}

// Curves draws named series against x, one line with markers each, on a
// log x axis when logX: HNN-core's batch example's min and max dipole
// peaks against the synaptic weight.
func Curves(x []float64, series map[string][]float64, names []string, logX bool, xLabel, yLabel, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Y.Tick.Marker = plainTicks{}
	var lines []plotter.XYs
	if logX {
		for _, v := range x {
			if !(v > 0) {
				return nil, fmt.Errorf("plot: curves: x = %g on a log axis", v)
			}
		}
		p.X.Scale = gplot.LogScale{}
		p.X.Tick.Marker = gplot.LogTicks{Prec: 2}
	}
	p.Add(plotter.NewGrid())
	for i, name := range names {
		y := series[name]
		if len(y) != len(x) {
			return nil, fmt.Errorf("plot: curves: %s has %d values for %d x", name, len(y), len(x))
		}
		xy := make(plotter.XYs, len(x))
		for k := range x {
			xy[k] = plotter.XY{X: x[k], Y: y[k]}
		}
		l, s, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, err
		}
		l.Color = palette[(i+1)%len(palette)]
		l.Width = vg.Points(1.5)
		s.Color = l.Color
		p.Add(l, s)
		p.Legend.Add(name, l, s)
		lines = append(lines, xy)
	}
	legendInside(p, names, lines...)
	return p, nil
}
