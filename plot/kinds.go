package plot

import (
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/model"
)

func line(xs, ys []float64, c color.Color, width float64) (*plotter.Line, error) {
	xy := make(plotter.XYs, len(xs))
	for i := range xy {
		xy[i].X, xy[i].Y = xs[i], ys[i]
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, err
	}
	l.Color = c
	l.Width = vg.Points(width)
	return l, nil
}

func lighter(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8((v>>8)/3 + 170) }
	return color.RGBA{mix(r), mix(g), mix(b), 255}
}

// DipoleTrials draws each layer of the dipoles in its own panel: every
// trial as a thin light line and their mean as a bold one. All dipoles must
// share times, layers and unit.
func DipoleTrials(ds []*dipole.Dipole, title string) (*Figure, error) {
	if len(ds) == 0 {
		return nil, fmt.Errorf("plot: no dipoles")
	}
	mean := ds[0]
	if len(ds) > 1 {
		m, err := dipole.Average(ds)
		if err != nil {
			return nil, err
		}
		mean = m
	}
	f := &Figure{}
	for li, layer := range mean.Layers {
		p := gplot.New()
		p.Title.Text = layer
		if li == 0 && title != "" {
			p.Title.Text = title + ": " + layer
		}
		p.Y.Label.Text = "dipole (" + mean.Unit + ")"
		if li == len(mean.Layers)-1 {
			p.X.Label.Text = "time (ms)"
		}
		c := palette[li%len(palette)]
		if len(ds) > 1 {
			for k, d := range ds {
				l, err := line(d.TimesMs, d.Data[layer], lighter(c), 0.6)
				if err != nil {
					return nil, err
				}
				p.Add(l)
				if k == 0 && li == 0 {
					p.Legend.Add("trials", l)
				}
			}
		}
		l, err := line(mean.TimesMs, mean.Data[layer], c, 1.5)
		if err != nil {
			return nil, err
		}
		p.Add(l, plotter.NewGrid())
		if len(ds) > 1 && li == 0 {
			p.Legend.Add(fmt.Sprintf("mean of %d", len(ds)), l)
			p.Legend.Top = true
		}
		f.Panels = append(f.Panels, []*gplot.Plot{p})
	}
	return f, nil
}

// SpikeHistogram draws, for each named source type (normally the drives),
// a histogram of its spike times over all trials in bins of binMs,
// divided by the number of trials, as step lines.
func SpikeHistogram(timesMs []float64, types []string, trials int, names []string, startMs, stopMs, binMs float64, title string) (*gplot.Plot, error) {
	if !(binMs > 0) || !(stopMs > startMs) || trials < 1 {
		return nil, fmt.Errorf("plot: spike histogram: bin %g ms over [%g, %g) ms, %d trials", binMs, startMs, stopMs, trials)
	}
	if len(timesMs) != len(types) {
		return nil, fmt.Errorf("plot: spike histogram: %d times but %d types", len(timesMs), len(types))
	}
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "spikes per bin per trial"
	p.Legend.Top = true
	nb := int(math.Ceil((stopMs - startMs) / binMs))
	for i, name := range names {
		counts := make([]float64, nb)
		for k, t := range timesMs {
			if types[k] != name || t < startMs || t >= stopMs {
				continue
			}
			counts[int((t-startMs)/binMs)]++
		}
		var xy plotter.XYs
		for b, c := range counts {
			x0 := startMs + float64(b)*binMs
			xy = append(xy, plotter.XY{X: x0, Y: c / float64(trials)}, plotter.XY{X: x0 + binMs, Y: c / float64(trials)})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color = palette[(i+1)%len(palette)]
		l.Width = vg.Points(1.2)
		p.Add(l)
		p.Legend.Add(name, l)
	}
	return p, nil
}

// PSD draws power spectral densities, one line per layer, on a log power
// axis.
func PSD(freqsHz []float64, psd map[string][]float64, layers []string, unit, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "frequency (Hz)"
	p.Y.Label.Text = "power spectral density (" + unit + "²/Hz)"
	p.Y.Scale = gplot.LogScale{}
	p.Y.Tick.Marker = gplot.LogTicks{Prec: 2}
	p.Legend.Top = true
	drawn := 0
	for i, l := range layers {
		if len(psd[l]) != len(freqsHz) {
			return nil, fmt.Errorf("plot: PSD: layer %q has %d values for %d frequencies", l, len(psd[l]), len(freqsHz))
		}
		var xy plotter.XYs
		for k, f := range freqsHz {
			if v := psd[l][k]; v > 0 {
				xy = append(xy, plotter.XY{X: f, Y: v})
			}
		}
		if len(xy) == 0 {
			continue
		}
		ln, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		ln.Color = palette[i%len(palette)]
		ln.Width = vg.Points(1.2)
		p.Add(ln)
		p.Legend.Add(l, ln)
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("plot: PSD: no positive power to draw on a log axis (%d frequencies)", len(freqsHz))
	}
	p.Add(plotter.NewGrid())
	return p, nil
}

// grid adapts a power matrix (freqs × times) to plotter.GridXYZ.
type grid struct {
	t, f []float64
	z    [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.t), len(g.f) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return g.t[c] }
func (g grid) Y(r int) float64    { return g.f[r] }

// TFR draws a time-frequency power map (power[freq][time]) with a colour
// bar.
func TFR(timesMs, freqsHz []float64, power [][]float64, unit, title string) (*Figure, error) {
	if len(power) != len(freqsHz) || len(freqsHz) < 2 || len(timesMs) < 2 {
		return nil, fmt.Errorf("plot: TFR: %d frequencies, %d times, %d power rows", len(freqsHz), len(timesMs), len(power))
	}
	pal := moreland.SmoothBlueRed().Palette(255)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range power {
		if len(row) != len(timesMs) {
			return nil, fmt.Errorf("plot: TFR: a row of %d times, want %d", len(row), len(timesMs))
		}
		for _, v := range row {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi <= lo {
		hi = lo + 1
	}
	h := plotter.NewHeatMap(grid{timesMs, freqsHz, power}, pal)
	h.Min, h.Max = lo, hi
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "frequency (Hz)"
	p.Add(h)
	bar := gplot.New()
	cm := moreland.SmoothBlueRed()
	cm.SetMin(lo)
	cm.SetMax(hi)
	cb := &plotter.ColorBar{ColorMap: cm, Vertical: true}
	bar.Add(cb)
	bar.HideX()
	bar.Y.Label.Text = "power (" + unit + "²)"
	bar.Y.Padding = p.X.Width
	return &Figure{Panels: [][]*gplot.Plot{{p}}, ColorBar: bar}, nil
}

// Morphology draws a cell's sections projected on the x-z plane, each a
// segment whose width follows its diameter.
func Morphology(c *cell.Cell, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "x (µm)"
	p.Y.Label.Text = "z (µm)"
	names := map[string]int{}
	for i, s := range c.Sections {
		if s.Ends == nil {
			return nil, fmt.Errorf("plot: section %q of %s has no 3-D ends", s.Name, c.Type)
		}
		l, err := line([]float64{s.Ends[0].X, s.Ends[1].X}, []float64{s.Ends[0].Z, s.Ends[1].Z},
			palette[i%len(palette)], math.Max(0.8, s.Diam/2))
		if err != nil {
			return nil, err
		}
		p.Add(l)
		names[s.Name] = i
		lab, err := plotter.NewLabels(plotter.XYLabels{
			XYs:    []plotter.XY{{X: (s.Ends[0].X + s.Ends[1].X) / 2, Y: (s.Ends[0].Z + s.Ends[1].Z) / 2}},
			Labels: []string{" " + s.Name},
		})
		if err == nil {
			p.Add(lab)
		}
	}
	p.X.Padding, p.Y.Padding = vg.Points(10), vg.Points(10)
	return p, nil
}

// Positions draws the network's cells in the x-z plane (cortical depth
// up), one colour per population, drive cells at their common origin.
func Positions(net *model.Network, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "x (grid units)"
	p.Y.Label.Text = "z, depth (µm)"
	p.Legend.Top = true
	for i, pop := range net.Populations {
		xy := make(plotter.XYs, len(pop.Positions))
		for k, pos := range pop.Positions {
			xy[k] = plotter.XY{X: pos[0] + 0.3*pos[1]/math.Max(1, float64(net.MeshShape[1])), Y: pos[2]}
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Color = palette[(i+1)%len(palette)]
		s.GlyphStyle.Radius = vg.Points(2.5)
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		if pop.ElectroType == "excitatory" {
			s.GlyphStyle.Shape = draw.TriangleGlyph{}
		}
		p.Add(s)
		p.Legend.Add(pop.Name, s)
	}
	if len(net.Drives) > 0 {
		s, err := plotter.NewScatter(plotter.XYs{{X: net.Origin[0], Y: net.Origin[2]}})
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Shape = draw.CrossGlyph{}
		s.GlyphStyle.Radius = vg.Points(5)
		p.Add(s)
		p.Legend.Add("drives (origin)", s)
	}
	return p, nil
}

// Connectivity draws the number of NetCons from each source type (rows:
// populations and drives) to each target population (columns) as a
// labelled matrix.
func Connectivity(net *model.Network, title string) (*Figure, error) {
	edges, err := net.Edges()
	if err != nil {
		return nil, err
	}
	var srcs []string
	for _, r := range net.Ranges() {
		srcs = append(srcs, r.Name)
	}
	tgts := net.CellTypes()
	count := make([][]float64, len(srcs))
	for i := range count {
		count[i] = make([]float64, len(tgts))
	}
	si, ti := map[string]int{}, map[string]int{}
	for i, s := range srcs {
		si[s] = i
	}
	for i, t := range tgts {
		ti[t] = i
	}
	for _, e := range edges {
		sr, _, _ := net.Locate(e.Src)
		tr, _, _ := net.Locate(e.Target)
		count[si[sr.Name]][ti[tr.Name]]++
	}
	// rows from the top: reverse so that the first source is at the top
	z := make([][]float64, len(srcs))
	for i := range z {
		z[i] = count[len(srcs)-1-i]
	}
	xs := make([]float64, len(tgts))
	ys := make([]float64, len(srcs))
	for i := range xs {
		xs[i] = float64(i)
	}
	for i := range ys {
		ys[i] = float64(i)
	}
	pal := moreland.SmoothBlueRed().Palette(255)
	hi := 1.0
	for _, r := range count {
		for _, v := range r {
			hi = math.Max(hi, v)
		}
	}
	h := plotter.NewHeatMap(grid{xs, ys, z}, pal)
	h.Min, h.Max = 0, hi
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "target"
	p.Y.Label.Text = "source"
	p.Add(h)
	var xt, yt []gplot.Tick
	for i, t := range tgts {
		xt = append(xt, gplot.Tick{Value: float64(i), Label: t})
	}
	for i := range srcs {
		yt = append(yt, gplot.Tick{Value: float64(i), Label: srcs[len(srcs)-1-i]})
	}
	p.X.Tick.Marker = gplot.ConstantTicks(xt)
	p.Y.Tick.Marker = gplot.ConstantTicks(yt)
	var labels plotter.XYLabels
	for i := range z {
		for j, v := range z[i] {
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(j), Y: float64(i)})
			labels.Labels = append(labels.Labels, fmt.Sprintf("%.0f", v))
		}
	}
	lab, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].XAlign, lab.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
	}
	p.Add(lab)
	bar := gplot.New()
	cm := moreland.SmoothBlueRed()
	cm.SetMin(0)
	cm.SetMax(hi)
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.Y.Label.Text = "NetCons"
	return &Figure{Panels: [][]*gplot.Plot{{p}}, ColorBar: bar}, nil
}
