package plot

import (
	"fmt"
	"image/color"
	"slices"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/record"
)

// palette is the colour cycle of line plots (Okabe-Ito, safe for colour
// blindness); Palette returns a copy.
var palette = []color.Color{
	color.RGBA{0, 0, 0, 255},
	color.RGBA{230, 159, 0, 255},
	color.RGBA{86, 180, 233, 255},
	color.RGBA{0, 158, 115, 255},
	color.RGBA{213, 94, 0, 255},
	color.RGBA{0, 114, 178, 255},
	color.RGBA{204, 121, 167, 255},
}

// Palette returns the colour cycle of line plots (Okabe-Ito, safe for
// colour blindness) in a new slice: black, orange, sky blue, bluish green,
// vermillion, blue, reddish purple.
func Palette() []color.Color { return slices.Clone(palette) }

// Traces draws every column of a trace against time, one line each, with a
// legend of the column names.
func Traces(tr *record.Trace, title, yLabel string) (*gplot.Plot, error) {
	if err := tr.Check(); err != nil {
		return nil, err
	}
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = yLabel
	var names []string
	var series []plotter.XYs
	for i, c := range tr.Columns {
		xy := make(plotter.XYs, len(tr.TimeMs))
		for j := range xy {
			xy[j].X, xy[j].Y = tr.TimeMs[j], c.Data[j]
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("plot: column %s: %w", c.Name, err)
		}
		l.Color = palette[i%len(palette)]
		l.Width = vg.Points(1)
		p.Add(l)
		p.Legend.Add(c.Name, l)
		names, series = append(names, c.Name), append(series, xy)
	}
	p.X.Tick.Marker = timeTicks{}
	p.Y.Tick.Marker = valueTicks{}
	legendInside(p, names, series...)
	return p, nil
}

// Save writes one plot to path (.png or .svg) at the given size.
func Save(p *gplot.Plot, path string, width, height vg.Length) error {
	return SaveFigure(Single(p), path, width, height)
}
