package plot

import (
	"fmt"
	"sort"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/laminasim/lamina/dipole"
)

// Dipole draws a dipole's layers against time, aggregate in black.
func Dipole(d *dipole.Dipole, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "dipole (" + d.Unit + ")"
	var series []plotter.XYs
	for i, l := range d.Layers {
		xy := make(plotter.XYs, len(d.TimesMs))
		for j := range xy {
			xy[j].X, xy[j].Y = d.TimesMs[j], d.Data[l][j]
		}
		line, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("plot: layer %s: %w", l, err)
		}
		line.Color = palette[i%len(palette)]
		line.Width = vg.Points(1)
		if l == "agg" {
			line.Width = vg.Points(1.5)
		}
		p.Add(line)
		p.Legend.Add(l, line)
		series = append(series, xy)
	}
	p.X.Tick.Marker = timeTicks{}
	p.Y.Tick.Marker = plainTicks{}
	legendInside(p, d.Layers, series...)
	return p, nil
}

// Raster draws the spikes of one trial, one row per gid, coloured by
// source type (a population or a drive), with the types labelled at the
// middle of their gid ranges. trials gives each spike's trial.
func Raster(timesMs []float64, gids []int, types []string, trials []int, trial int, title string) (*gplot.Plot, error) {
	if len(timesMs) != len(types) || len(types) != len(trials) || len(gids) != len(types) {
		return nil, fmt.Errorf("plot: raster: %d times, %d gids, %d types, %d trials", len(timesMs), len(gids), len(types), len(trials))
	}
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "gid"
	type span struct{ lo, hi int }
	spans := map[string]*span{}
	var order []string
	byType := map[string]plotter.XYs{}
	for i, ty := range types {
		if trials[i] != trial {
			continue
		}
		sp, ok := spans[ty]
		if !ok {
			sp = &span{gids[i], gids[i]}
			spans[ty] = sp
			order = append(order, ty)
		}
		sp.lo, sp.hi = min(sp.lo, gids[i]), max(sp.hi, gids[i])
		byType[ty] = append(byType[ty], plotter.XY{X: timesMs[i], Y: float64(gids[i])})
	}
	sort.Slice(order, func(a, b int) bool { return spans[order[a]].lo < spans[order[b]].lo })
	var ticks []gplot.Tick
	for i, ty := range order {
		s, err := plotter.NewScatter(byType[ty])
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		s.GlyphStyle.Radius = vg.Points(0.8)
		s.GlyphStyle.Color = palette[i%len(palette)]
		p.Add(s)
		ticks = append(ticks, gplot.Tick{Value: float64(spans[ty].lo+spans[ty].hi) / 2, Label: ty})
	}
	p.Y.Tick.Marker = gplot.ConstantTicks(ticks)
	p.X.Tick.Marker = timeTicks{}
	return p, nil
}

// Compare draws the aggregate dipole of a simulation over a target (for
// instance a recorded MEG dipole read from a file), both in their own
// units' axis, for the eye to judge the fit RMSE and correlation measure.
func Compare(sim, target *dipole.Dipole, simName, targetName, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "dipole (" + sim.Unit + ")"
	var series []plotter.XYs
	for i, d := range []*dipole.Dipole{target, sim} {
		agg, ok := d.Data[dipole.LayerAgg]
		if !ok {
			return nil, fmt.Errorf("plot: compare: a dipole without an %q layer", dipole.LayerAgg)
		}
		xy := make(plotter.XYs, len(d.TimesMs))
		for j := range xy {
			xy[j].X, xy[j].Y = d.TimesMs[j], agg[j]
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Width = vg.Points(1.5)
		if i == 0 {
			l.Color = palette[4]
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
			p.Legend.Add(targetName, l)
		} else {
			l.Color = palette[0]
			p.Legend.Add(simName, l)
		}
		p.Add(l)
		series = append(series, xy)
	}
	p.Add(plotter.NewGrid())
	p.X.Tick.Marker = timeTicks{}
	p.Y.Tick.Marker = plainTicks{}
	legendInside(p, []string{targetName, simName}, series...)
	return p, nil
}
