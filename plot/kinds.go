package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"

	gplot "gonum.org/v1/plot"
	gpalette "gonum.org/v1/plot/palette"
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
			for _, d := range ds {
				l, err := line(d.TimesMs, d.Data[layer], lighter(c), 0.6)
				if err != nil {
					return nil, err
				}
				p.Add(l)
			}
		}
		l, err := line(mean.TimesMs, mean.Data[layer], c, 1.5)
		if err != nil {
			return nil, err
		}
		p.Add(l, plotter.NewGrid())
		p.X.Tick.Marker = timeTicks{}
		p.Y.Tick.Marker = plainTicks{}
		if len(ds) > 1 && li == 0 {
			// said in the title: a legend would sit on the data of these
			// short panels
			p.Title.Text += fmt.Sprintf(", %d trials (thin), mean of %d (bold)", len(ds), len(ds))
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
	nb := int(math.Ceil((stopMs - startMs) / binMs))
	var series []plotter.XYs
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
		series = append(series, xy)
	}
	p.X.Tick.Marker = timeTicks{}
	p.Y.Tick.Marker = plainTicks{}
	legendInside(p, names, series...)
	return p, nil
}

// PSD draws power spectral densities, one line per layer, on a log power
// axis.
func PSD(freqsHz []float64, psd map[string][]float64, layers []string, unit, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "frequency (Hz)"
	p.Y.Label.Text = "power spectral density (" + unit + "²/Hz)"
	// log10 of the power on a linear axis, ticked as a log axis: gonum's
	// LogScale centres the axis label at the arithmetic mean of the range,
	// near the top, and shrinks the data area to fit it
	p.Y.Tick.Marker = log10Ticks{}
	drawn := 0
	var names []string
	var series []plotter.XYs
	for i, l := range layers {
		if len(psd[l]) != len(freqsHz) {
			return nil, fmt.Errorf("plot: PSD: layer %q has %d values for %d frequencies", l, len(psd[l]), len(freqsHz))
		}
		var xy plotter.XYs
		for k, f := range freqsHz {
			if v := psd[l][k]; v > 0 {
				xy = append(xy, plotter.XY{X: f, Y: math.Log10(v)})
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
		names, series = append(names, l), append(series, xy)
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("plot: PSD: no positive power to draw on a log axis (%d frequencies)", len(freqsHz))
	}
	p.Add(plotter.NewGrid())
	p.X.Tick.Marker = plainTicks{}
	legendInside(p, names, series...)
	return p, nil
}

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
	cm := moreland.SmoothBlueRed()
	cm.SetMin(lo)
	cm.SetMax(hi)
	img := cellImage(timesMs, freqsHz, power, lo, hi, pal.Colors())
	x0, x1 := edges(timesMs)
	y0, y1 := edges(freqsHz)
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "frequency (Hz)"
	p.Add(plotter.NewImage(img, x0, y0, x1, y1))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = x0, x1, y0, y1
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Marker = timeTicks{}
	p.Y.Tick.Marker = plainTicks{}
	bar := colourBar(cm, "power ("+unit+"²)", plainTicks{})
	return &Figure{Panels: [][]*gplot.Plot{{p}}, Side: []*gplot.Plot{bar}}, nil
}

// colourBar returns a side plot (Figure.Side) showing cm with its label.
func colourBar(cm gpalette.ColorMap, label string, ticks gplot.Ticker) *gplot.Plot {
	bar := gplot.New()
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.X.Padding, bar.Y.Padding = 0, 0
	bar.Y.Label.Text = label
	bar.Y.Tick.Marker = ticks
	return bar
}

// edges returns the outer edges of cells centred on the increasing xs.
func edges(xs []float64) (lo, hi float64) {
	n := len(xs)
	return xs[0] - (xs[1]-xs[0])/2, xs[n-1] + (xs[n-1]-xs[n-2])/2
}

// cellImage draws z[row][col] (rows at the increasing ys, columns at the
// increasing xs) as an image of one block per cell, its edges halfway
// between centres: a heat map without the hairline gaps that drawing every
// cell as its own anti-aliased rectangle leaves.
func cellImage(xs, ys []float64, z [][]float64, lo, hi float64, colours []color.Color) *image.RGBA {
	const w, h = 800, 400
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	x0, x1 := edges(xs)
	y0, y1 := edges(ys)
	nearest := func(cs []float64, v float64) int {
		i := sort.SearchFloat64s(cs, v)
		if i == len(cs) || (i > 0 && v-cs[i-1] < cs[i]-v) {
			i--
		}
		return i
	}
	cols := make([]int, w)
	for c := range cols {
		cols[c] = nearest(xs, x0+(float64(c)+0.5)/w*(x1-x0))
	}
	for r := range h {
		row := z[nearest(ys, y1-(float64(r)+0.5)/h*(y1-y0))]
		for c, k := range cols {
			i := int(math.Round((row[k] - lo) / (hi - lo) * float64(len(colours)-1)))
			img.Set(c, r, colours[min(max(i, 0), len(colours)-1)])
		}
	}
	return img
}

// Morphology draws a cell's sections projected on the x-z plane, each a
// segment whose width follows its diameter, the soma also as a filled
// disc (a cell of only a soma stays visible at any scale), each section
// labelled beside it: to the right of upright sections, above
// horizontal ones, off the outer end of oblique ones.
func Morphology(c *cell.Cell, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "x (µm)"
	p.Y.Label.Text = "z (µm)"
	for i, s := range c.Sections {
		if s.Ends == nil {
			return nil, fmt.Errorf("plot: section %q of %s has no 3-D ends", s.Name, c.Type)
		}
		e0, e1 := s.Ends[0], s.Ends[1]
		col := palette[i%len(palette)]
		l, err := line([]float64{e0.X, e1.X}, []float64{e0.Z, e1.Z}, col, math.Max(0.8, s.Diam/2))
		if err != nil {
			return nil, err
		}
		p.Add(l)
		mid := plotter.XY{X: (e0.X + e1.X) / 2, Y: (e0.Z + e1.Z) / 2}
		if s.Name == "soma" {
			sc, err := plotter.NewScatter(plotter.XYs{mid})
			if err != nil {
				return nil, err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(math.Max(5, s.Diam/4)), Shape: draw.CircleGlyph{}}
			p.Add(sc)
		}
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: []plotter.XY{mid}, Labels: []string{s.Name}})
		if err != nil {
			return nil, err
		}
		sty := &lab.TextStyle[0]
		dx, dz := e1.X-e0.X, e1.Z-e0.Z
		sty.Font.Size = vg.Points(9)
		off := vg.Points(math.Max(0.8, s.Diam/4) + 3)
		switch {
		case s.Name == "soma": // on the left, clear of the dendrites' labels
			sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
			lab.Offset = vg.Point{X: -vg.Points(math.Max(5, s.Diam/4) + 3)}
		case math.Abs(dx) <= 0.3*math.Abs(dz): // upright: on the right
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
			lab.Offset = vg.Point{X: off}
		case math.Abs(dz) <= 0.3*math.Abs(dx): // horizontal: above
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
			lab.Offset = vg.Point{Y: off}
		default: // oblique: beyond the outer end
			lab.XYs[0] = plotter.XY{X: e1.X, Y: e1.Z}
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
			if dx < 0 {
				sty.XAlign = draw.XRight
			}
			if dz > 0 {
				sty.YAlign = draw.YBottom
			}
		}
		p.Add(lab)
	}
	p.X.Padding, p.Y.Padding = vg.Points(10), vg.Points(10)
	p.X.Tick.Marker, p.Y.Tick.Marker = plainTicks{}, plainTicks{}
	return p, nil
}

// Morphologies draws cells side by side (Morphology) at one scale: every
// panel spans the same z range and the same width in µm about its soma,
// with a scale bar beside the row.
func Morphologies(cells []*cell.Cell, titles []string, title string) (*Figure, error) {
	if len(cells) == 0 || len(titles) != len(cells) {
		return nil, fmt.Errorf("plot: morphologies: %d cells, %d titles", len(cells), len(titles))
	}
	zlo, zhi, half := math.Inf(1), math.Inf(-1), 50.0
	var row []*gplot.Plot
	centres := make([]float64, len(cells))
	for i, c := range cells {
		p, err := Morphology(c, titles[i])
		if err != nil {
			return nil, err
		}
		for _, s := range c.Sections {
			if s.Name == "soma" {
				centres[i] = (s.Ends[0].X + s.Ends[1].X) / 2
			}
		}
		for _, s := range c.Sections {
			for _, e := range s.Ends {
				zlo, zhi = math.Min(zlo, e.Z), math.Max(zhi, e.Z)
				half = math.Max(half, math.Abs(e.X-centres[i]))
			}
		}
		row = append(row, p)
	}
	pad := 0.05 * (zhi - zlo)
	zlo, zhi = zlo-pad, zhi+pad
	half *= 1.3 // room for the labels
	for i, p := range row {
		p.Y.Min, p.Y.Max = zlo, zhi
		p.X.Min, p.X.Max = centres[i]-half, centres[i]+half
		p.X.Padding, p.Y.Padding = 0, 0
		if i > 0 {
			p.Y.Label.Text = ""
		}
	}
	if title != "" {
		row[0].Title.Text = title + ": " + row[0].Title.Text
	}
	size := niceBelow((zhi - zlo) / 4)
	return &Figure{Panels: [][]*gplot.Plot{row}, Side: []*gplot.Plot{scaleBar(zlo, zhi, size, "µm")}}, nil
}

// niceBelow returns the largest 1, 2 or 5 × 10^k not above v.
func niceBelow(v float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{5, 2, 1} {
		if m*mag <= v {
			return m * mag
		}
	}
	return mag
}

// Positions draws the network's cells in the x-z plane (cortical depth
// up), one colour per population, drive cells at their common origin.
func Positions(net *model.Network, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "x (grid units)"
	p.Y.Label.Text = "z, depth (µm)"
	var names []string
	var series []plotter.XYs
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
		names = append(names, pop.Name)
		for _, pt := range xy {
			series = append(series, plotter.XYs{pt}) // points, not a line
		}
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
		names, series = append(names, "drives (origin)"), append(series, plotter.XYs{{X: net.Origin[0], Y: net.Origin[2]}})
	}
	legendInside(p, names, series...)
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
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "target"
	p.Y.Label.Text = "source"
	p.Add(plotter.NewImage(cellImage(xs, ys, z, 0, hi, pal.Colors()), -0.5, -0.5, float64(len(xs))-0.5, float64(len(ys))-0.5))
	p.X.Min, p.X.Max = -0.5, float64(len(xs))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(ys))-0.5
	p.X.Padding, p.Y.Padding = 0, 0
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
	cm := moreland.SmoothBlueRed()
	cm.SetMin(0)
	cm.SetMax(hi)
	bar := colourBar(cm, "NetCons", integerTicks{})
	return &Figure{Panels: [][]*gplot.Plot{{p}}, Side: []*gplot.Plot{bar}}, nil
}
