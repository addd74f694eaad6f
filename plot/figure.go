package plot

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/laminasim/lamina/format/safefile"
)

// Figure is a grid of plots rendered together (panels[row][col]; nil
// panels are left empty), with an optional colour bar panel to the right
// of the grid for heat maps.
type Figure struct {
	Panels [][]*gplot.Plot
	// ColorBar, if set, is drawn in a narrow column at the right.
	ColorBar *gplot.Plot
	// RowHeights, if set (one weight per row), share the height left for
	// the rows' data areas in proportion to the weights; otherwise rows
	// get equal data areas. Data areas stay aligned across rows and
	// columns either way.
	RowHeights []float64
	// Side, if set (one plot or nil per row), are drawn in a narrow
	// column at the right, each beside its row with its data area level
	// with the row's: the colour bar of one heat map among other panels,
	// the scale bar of a trace panel. The column is left empty beside
	// rows without one, so time axes stay aligned.
	Side []*gplot.Plot
}

// sideWidth is the width of the colour-bar and side columns.
const sideWidth = 70 // pt

// Single wraps one plot in a figure.
func Single(p *gplot.Plot) *Figure { return &Figure{Panels: [][]*gplot.Plot{{p}}} }

// SaveFigure writes f to path (.png or .svg) at the given size.
func SaveFigure(f *Figure, path string, width, height vg.Length) error {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))}
	case "svg":
		c = vgsvg.New(width, height)
	default:
		return fmt.Errorf("plot: %s: unsupported figure format %q (want .png or .svg)", path, format)
	}
	dc := draw.New(c)
	if f.ColorBar != nil {
		bar := dc
		bar.Min.X = dc.Max.X - vg.Points(sideWidth)
		dc.Max.X = bar.Min.X
		f.ColorBar.Draw(bar)
	}
	if f.RowHeights != nil || f.Side != nil {
		if err := f.drawWeighted(dc); err != nil {
			return fmt.Errorf("plot: %s: %w", path, err)
		}
		return safefile.Write(path, func(w io.Writer) error {
			_, err := c.WriteTo(w)
			return err
		})
	}
	rows := len(f.Panels)
	cols := 0
	for _, r := range f.Panels {
		cols = max(cols, len(r))
	}
	if rows == 1 && cols == 1 {
		f.Panels[0][0].Draw(dc)
	} else {
		grid := make([][]*gplot.Plot, rows)
		for i := range grid {
			grid[i] = make([]*gplot.Plot, cols)
			copy(grid[i], f.Panels[i])
		}
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 2, PadY: vg.Millimeter * 2,
			PadTop: vg.Millimeter, PadBottom: vg.Millimeter, PadLeft: vg.Millimeter, PadRight: vg.Millimeter}
		canvases := gplot.Align(grid, tiles, dc)
		for i := range grid {
			for j, p := range grid[i] {
				if p != nil {
					p.Draw(canvases[i][j])
				}
			}
		}
	}
	return safefile.Write(path, func(w io.Writer) error {
		_, err := c.WriteTo(w)
		return err
	})
}

// drawWeighted draws the grid with rows of weighted heights and the side
// column (see Figure.RowHeights and Figure.Side). It lays out as
// gplot.Align does: every column gets the widest left and right margins
// (axes, tick labels, padding) of its plots and every row the tallest
// bottom and top margins of its plots, so that data areas line up; what
// is left is shared equally among columns and by weight among rows.
func (f *Figure) drawWeighted(dc draw.Canvas) error {
	rows := len(f.Panels)
	cols := 0
	for _, r := range f.Panels {
		cols = max(cols, len(r))
	}
	if rows == 0 || cols == 0 {
		return fmt.Errorf("figure has no panels")
	}
	weights := f.RowHeights
	if weights == nil {
		weights = make([]float64, rows)
		for i := range weights {
			weights[i] = 1
		}
	}
	if len(weights) != rows {
		return fmt.Errorf("%d row heights for %d rows", len(weights), rows)
	}
	var wsum float64
	for _, w := range weights {
		if !(w > 0) || math.IsInf(w, 0) {
			return fmt.Errorf("row heights must be positive, got %v", weights)
		}
		wsum += w
	}
	if f.Side != nil && len(f.Side) != rows {
		return fmt.Errorf("%d side plots for %d rows", len(f.Side), rows)
	}
	side := dc
	if f.Side != nil {
		side.Min.X = dc.Max.X - vg.Points(sideWidth)
		side.Max.X -= vg.Millimeter
		dc.Max.X = side.Min.X
	}
	pad := vg.Millimeter
	padX, padY := 2*vg.Millimeter, 2*vg.Millimeter

	// margins measures the space around a plot's data area.
	type margin struct{ left, right, bottom, top vg.Length }
	margins := func(p *gplot.Plot, c draw.Canvas) margin {
		d := p.DataCanvas(c)
		return margin{d.Min.X - c.Min.X, c.Max.X - d.Max.X, d.Min.Y - c.Min.Y, c.Max.Y - d.Max.Y}
	}
	trial := draw.Tiles{Rows: rows, Cols: cols, PadX: padX, PadY: padY, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	colM := make([]margin, cols)
	rowM := make([]margin, rows)
	for j, row := range f.Panels {
		for i, p := range row {
			if p == nil {
				continue
			}
			m := margins(p, trial.At(dc, i, j))
			colM[i].left, colM[i].right = max(colM[i].left, m.left), max(colM[i].right, m.right)
			rowM[j].bottom, rowM[j].top = max(rowM[j].bottom, m.bottom), max(rowM[j].top, m.top)
		}
	}
	width := dc.Max.X - dc.Min.X - 2*pad - vg.Length(cols-1)*padX
	for _, m := range colM {
		width -= m.left + m.right
	}
	height := dc.Max.Y - dc.Min.Y - 2*pad - vg.Length(rows-1)*padY
	for _, m := range rowM {
		height -= m.bottom + m.top
	}
	if width <= 0 || height <= 0 {
		return fmt.Errorf("figure too small for its panels' axes")
	}
	dataW := width / vg.Length(cols)

	// Data areas: column i from x0[i], row j from its top y1[j] down by
	// dataH[j].
	x0 := make([]vg.Length, cols)
	x := dc.Min.X + pad
	for i, m := range colM {
		x0[i] = x + m.left
		x = x0[i] + dataW + m.right + padX
	}
	y1 := make([]vg.Length, rows)
	dataH := make([]vg.Length, rows)
	y := dc.Max.Y - pad
	for j, m := range rowM {
		dataH[j] = height * vg.Length(weights[j]/wsum)
		y1[j] = y - m.top
		y = y1[j] - dataH[j] - m.bottom - padY
	}
	for j, row := range f.Panels {
		for i, p := range row {
			if p == nil {
				continue
			}
			c := trial.At(dc, i, j)
			m := margins(p, c)
			c.Min.X, c.Max.X = x0[i]-m.left, x0[i]+dataW+m.right
			c.Min.Y, c.Max.Y = y1[j]-dataH[j]-m.bottom, y1[j]+m.top
			p.Draw(c)
		}
	}
	for j, p := range f.Side {
		if p == nil {
			continue
		}
		c := side
		m := margins(p, c)
		c.Min.Y, c.Max.Y = y1[j]-dataH[j]-m.bottom, y1[j]+m.top
		p.Draw(c)
	}
	return nil
}
