package netview

import (
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"math"

	"golang.org/x/image/font"
	gplot "gonum.org/v1/plot"
	gfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// layout places the parts of a frame, in pixels (y down). Text sizes are
// in points at 72 dpi, that is in pixels; everything scales with the
// frame from 640 × 480.
type layout struct {
	w, h int
	// scene holds the sections; bar the colour bar with its ticks and
	// label.
	scene, bar image.Rectangle
	// titleBaseline is the title's baseline.
	titleBaseline int
	titlePt       float64
	labelPt       float64
	tickPt        float64
	barWidthPx    float64
}

func newLayout(v View) layout {
	k := min(float64(v.WidthPx)/640, float64(v.HeightPx)/480)
	px := func(x float64) int { return int(math.Round(k * x)) }
	l := layout{w: v.WidthPx, h: v.HeightPx, titlePt: 16 * k, labelPt: 13 * k, tickPt: 12 * k, barWidthPx: 14 * k}
	margin := px(12)
	l.titleBaseline = margin + px(16)
	top := l.titleBaseline + px(12)
	barLeft := l.w - px(100)
	l.scene = image.Rect(margin, top, barLeft-margin, l.h-margin)
	// the colour bar spans the middle 80% of the scene's height
	bh := int(0.8 * float64(l.scene.Dy()))
	y0 := l.scene.Min.Y + (l.scene.Dy()-bh)/2
	l.bar = image.Rect(barLeft, y0, l.w-margin, y0+bh)
	return l
}

// sans returns the font of a frame's text, of size pt (pixels).
func sans(pt float64) gfont.Font {
	return gfont.Font{Typeface: "Liberation", Variant: "Sans", Size: gfont.Length(pt)}
}

// face returns the text face of size pt (pixels).
func face(pt float64) font.Face {
	f := gfont.DefaultCache.Lookup(sans(pt), gfont.Length(pt))
	return f.FontFace(72)
}

// chrome draws what every frame shares: the background, the colour bar
// (its colours, ticks and the label "membrane potential (mV)") and a
// scale bar, with gonum/plot on a 72-dpi canvas (1 point = 1 pixel).
func (r *Renderer) chrome(l layout) (*image.RGBA, error) {
	v := r.view
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(l.w), vg.Length(l.h)), vgimg.UseDPI(72), vgimg.UseBackgroundColor(v.Background))
	dc := draw.New(c)
	// vg's y runs up from the bottom
	rect := func(b image.Rectangle) vg.Rectangle {
		return vg.Rectangle{Min: vg.Point{X: vg.Length(b.Min.X), Y: vg.Length(l.h - b.Max.Y)},
			Max: vg.Point{X: vg.Length(b.Max.X), Y: vg.Length(l.h - b.Min.Y)}}
	}
	text := func(pt float64) draw.TextStyle {
		return draw.TextStyle{Color: r.text, Font: sans(pt), Handler: gplot.DefaultTextHandler}
	}

	bar := gplot.New()
	bar.BackgroundColor = nil
	bar.HideX()
	bar.X.Padding = 0
	bar.Y.Min, bar.Y.Max = v.VMinMV, v.VMaxMV
	bar.Y.Label.Text = "membrane potential (mV)"
	// gonum's axes rotate and align their own text: set colour and font
	bar.Y.Label.TextStyle.Color, bar.Y.Label.TextStyle.Font = r.text, sans(l.labelPt)
	bar.Y.Tick.Label.Color, bar.Y.Tick.Label.Font = r.text, sans(l.tickPt)
	bar.Y.Color, bar.Y.Tick.Color = r.text, r.text
	bar.Y.Padding = vg.Length(2)
	region := draw.Canvas{Canvas: c, Rectangle: rect(l.bar)}
	// give the bar itself barWidthPx: the axis takes what it needs
	axisW := bar.DataCanvas(region).Min.X - region.Min.X
	region.Min.X = region.Max.X - axisW - vg.Length(l.barWidthPx)
	bar.Draw(region)
	data := bar.DataCanvas(region)

	// the scale bar, under the colour bar: a round length of at most a
	// fifth of the scene's width and the colour bar panel's, at the box
	// centre's depth
	panel := float64(l.w - l.bar.Min.X - (l.scene.Min.X))
	um := 0.0
	for _, s := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000} {
		if s*r.cam.scale <= min(0.2*float64(l.scene.Dx()), panel) {
			um = s
		}
	}
	if um > 0 {
		length := vg.Length(um * r.cam.scale)
		mid := vg.Length(l.bar.Min.X+l.w-l.scene.Min.X) / 2
		y0 := vg.Length(l.h-l.scene.Max.Y) + 2
		dc.StrokeLine2(draw.LineStyle{Color: r.text, Width: vg.Length(max(1.5, 2*l.tickPt/12))}, mid-length/2, y0, mid+length/2, y0)
		ts := text(l.tickPt)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YBottom
		dc.FillText(ts, vg.Point{X: mid, Y: y0 + vg.Length(3)}, fmt.Sprintf("%g µm", um))
	}

	base := image.NewRGBA(image.Rect(0, 0, l.w, l.h))
	stddraw.Draw(base, base.Bounds(), c.Image(), c.Image().Bounds().Min, stddraw.Src)
	// the colour bar's colours, one per pixel row, exactly as sections
	// take them
	x0, x1 := int(math.Round(float64(data.Min.X))), int(math.Round(float64(data.Max.X)))
	yTop, yBottom := l.h-int(math.Round(float64(data.Max.Y))), l.h-int(math.Round(float64(data.Min.Y)))
	if x1 <= x0 || yBottom <= yTop {
		return nil, fmt.Errorf("netview: %d × %d pixels leave no room for the colour bar", l.w, l.h)
	}
	for y := yTop; y < yBottom; y++ {
		frac := (float64(yBottom-y) - 0.5) / float64(yBottom-yTop)
		col := v.ColorMap.At(frac)
		for x := x0; x < x1; x++ {
			base.SetRGBA(x, y, col)
		}
	}
	return base, nil
}

// palette returns the fixed palette of a movie's frames: entry 0 is kept
// for transparency (the background's colour); then 128 colours of the
// colour map, evenly spaced; 48 of them at a third and at two thirds over
// the background (the antialiased edges of sections); and 31 steps from
// the background to the text colour (text, the scale bar, the colour
// bar's axis). 256 in all.
func (r *Renderer) palette() color.Palette {
	bg, fg := r.view.Background, r.text
	p := color.Palette{bg}
	sample := func(n int) []color.RGBA {
		out := make([]color.RGBA, n)
		for k := range out {
			out[k] = r.colors[int(math.Round(float64(k)*float64(len(r.colors)-1)/float64(n-1)))]
		}
		return out
	}
	mix := func(a, b color.RGBA, t float64) color.RGBA {
		m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
		return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 255}
	}
	for _, c := range sample(128) {
		p = append(p, c)
	}
	for _, t := range []float64{1.0 / 3, 2.0 / 3} {
		for _, c := range sample(48) {
			p = append(p, mix(bg, c, t))
		}
	}
	for k := range 31 {
		p = append(p, mix(bg, fg, float64(k)/30))
	}
	return p
}
