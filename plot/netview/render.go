package netview

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/laminasim/lamina/morph"
)

// Renderer draws frames of a scene as a view says. Everything that does
// not change between frames is computed once by NewRenderer: the
// background, colour bar, labels and scale bar (drawn with gonum/plot),
// and, for every section, the pixels its line covers and how much of
// each, after projection and clipping, in back-to-front order. A frame
// is then a copy of the background, the title, and one colour per
// section blended into its pixels. A Renderer is not safe for concurrent
// use.
type Renderer struct {
	scene *Scene
	view  View
	cam   camera
	// base holds the frame without the title and the sections.
	base *image.RGBA
	// strokes are the sections drawn, farthest first; stroke k covers
	// pixels pix[strokes[k].from:strokes[k].to] (indices into the
	// frame's pixels, y·width + x) by cov (255: fully).
	strokes []stroke
	pix     []int32
	cov     []uint8
	colors  []color.RGBA
	// the title: its face, colour and baseline origin
	face    font.Face
	text    color.RGBA
	titleAt fixed.Point26_6
	// area is the rectangle sections are drawn in.
	area image.Rectangle
}

type stroke struct {
	sec      int
	from, to int32
	depth    float64
}

// NewRenderer prepares the frames of s seen as v says.
func NewRenderer(s *Scene, v View) (*Renderer, error) {
	if s == nil || len(s.Sections) == 0 {
		return nil, fmt.Errorf("netview: empty scene")
	}
	v, err := v.check(s)
	if err != nil {
		return nil, err
	}
	r := &Renderer{scene: s, view: v, colors: v.ColorMap.Colors(), text: contrast(v.Background)}
	l := newLayout(v)
	r.area = l.scene
	r.frameScene(l.scene)
	if r.base, err = r.chrome(l); err != nil {
		return nil, err
	}
	r.face = face(l.titlePt)
	r.titleAt = fixed.P(l.scene.Min.X, l.titleBaseline)
	r.rasterise()
	return r, nil
}

// View returns the view the renderer draws, with its defaults (colour
// map, box) filled in.
func (r *Renderer) View() View { return r.view }

// Bounds returns the frames' bounds: (0, 0) to (WidthPx, HeightPx).
func (r *Renderer) Bounds() image.Rectangle { return r.base.Bounds() }

// NewFrame returns an image to draw frames into.
func (r *Renderer) NewFrame() *image.RGBA { return image.NewRGBA(r.Bounds()) }

// contrast returns the text colour for a background: near-white on dark
// ones, black on light ones.
func contrast(bg color.RGBA) color.RGBA {
	if 0.2126*float64(bg.R)+0.7152*float64(bg.G)+0.0722*float64(bg.B) < 128 {
		return color.RGBA{230, 230, 230, 255}
	}
	return color.RGBA{0, 0, 0, 255}
}

// Panics of Frame: programmer errors.
const (
	errFrameBounds = "netview: Frame: dst is not an image from NewFrame (bounds or stride differ)"
	errFrameLen    = "netview: Frame: one potential per scene section needed"
)

// Frame draws into dst (from NewFrame) the scene at timeMs with section j
// of the scene at potential vMV[j] (mV; NaN: not drawn, as matplotlib
// leaves out "bad" values).
func (r *Renderer) Frame(dst *image.RGBA, timeMs float64, vMV []float64) {
	r.frame(dst, r.title(timeMs, -1), vMV)
}

// title returns the frame's title at timeMs with the given decimals (-1:
// as few as show the time to 1 µs, at most 3).
func (r *Renderer) title(timeMs float64, decimals int) string {
	if decimals < 0 {
		decimals = timeDecimals(timeMs)
	}
	t := "t = " + strconv.FormatFloat(timeMs, 'f', decimals, 64) + " ms"
	if r.view.Title != "" {
		t = r.view.Title + "     " + t
	}
	return t
}

// timeDecimals returns the fewest decimals (at most 3) that write t to
// within 1 µs.
func timeDecimals(t float64) int {
	for d := range 3 {
		p := math.Pow(10, float64(d))
		if math.Abs(math.Round(t*p)/p-t) < 1e-6 {
			return d
		}
	}
	return 3
}

func (r *Renderer) frame(dst *image.RGBA, title string, vMV []float64) {
	if dst.Bounds() != r.base.Bounds() || dst.Stride != r.base.Stride {
		panic(errFrameBounds)
	}
	if len(vMV) != len(r.scene.Sections) {
		panic(errFrameLen)
	}
	copy(dst.Pix, r.base.Pix)
	d := font.Drawer{Dst: dst, Src: image.NewUniform(r.text), Face: r.face, Dot: r.titleAt}
	d.DrawString(title)
	span := r.view.VMaxMV - r.view.VMinMV
	for _, s := range r.strokes {
		i := r.view.ColorMap.Index((vMV[s.sec] - r.view.VMinMV) / span)
		if i < 0 {
			continue
		}
		c := r.colors[i]
		for k := s.from; k < s.to; k++ {
			p := dst.Pix[4*r.pix[k] : 4*r.pix[k]+3 : 4*r.pix[k]+3]
			if a := r.cov[k]; a == 255 {
				p[0], p[1], p[2] = c.R, c.G, c.B
			} else {
				p[0], p[1], p[2] = blend(p[0], c.R, a), blend(p[1], c.G, a), blend(p[2], c.B, a)
			}
		}
	}
}

// blend returns dst covered by src to a/255, rounded.
func blend(dst, src, a uint8) uint8 {
	return uint8((uint32(dst)*(255-uint32(a)) + uint32(src)*uint32(a) + 127) / 255)
}

// frameScene points the camera and fits what is drawn (the sections,
// clipped to the box) into area, leaving room for the widest section.
func (r *Renderer) frameScene(area image.Rectangle) {
	v := r.view
	lo := morph.Point3D{X: v.XLimUm[0], Y: v.YLimUm[0], Z: v.ZLimUm[0]}
	hi := morph.Point3D{X: v.XLimUm[1], Y: v.YLimUm[1], Z: v.ZLimUm[1]}
	var pts []morph.Point3D
	diam := 0.0
	for _, sec := range r.scene.Sections {
		if a, b, ok := clip(sec.Ends[0], sec.Ends[1], lo, hi); ok {
			pts = append(pts, a, b)
			diam = max(diam, sec.DiamUm)
		}
	}
	if len(pts) == 0 {
		// nothing inside the box: frame the box
		for k := range 8 {
			p := lo
			if k&1 != 0 {
				p.X = hi.X
			}
			if k&2 != 0 {
				p.Y = hi.Y
			}
			if k&4 != 0 {
				p.Z = hi.Z
			}
			pts = append(pts, p)
		}
	}
	r.cam = newCamera(v)
	x0, y0, x1, y1 := float64(area.Min.X), float64(area.Min.Y), float64(area.Max.X), float64(area.Max.Y)
	r.cam.fit(pts, x0, y0, x1, y1)
	// the lines' half widths (and the perspective's swelling of the near
	// ones) reach past their ends
	pad := min(diam*r.cam.scale*0.6+1, (x1-x0)/4, (y1-y0)/4)
	r.cam = newCamera(v)
	r.cam.fit(pts, x0+pad, y0+pad, x1-pad, y1-pad)
}

// minLineWidthPx is the narrowest line drawn: thinner dendrites would
// fade out (and thin lines lose their colour to antialiasing: a line 1.5
// pixels wide covers the pixels its axis crosses fully).
const minLineWidthPx = 1.5

// rasterise projects and clips every section and records the pixels its
// line covers: a line as wide as the section's diameter at its depth (as
// HNN-core's plot_cell_morphology sets line widths from diameters), at
// least minLineWidthPx, with round caps so that sections join without
// gaps. A pixel's coverage falls linearly over the pixel that straddles
// the line's edge (the distance from its centre to the section's axis),
// which antialiases the edges.
func (r *Renderer) rasterise() {
	v := r.view
	lo := morph.Point3D{X: v.XLimUm[0], Y: v.YLimUm[0], Z: v.ZLimUm[0]}
	hi := morph.Point3D{X: v.XLimUm[1], Y: v.YLimUm[1], Z: v.ZLimUm[1]}
	w := r.base.Bounds().Dx()
	for j := range r.scene.Sections {
		sec := &r.scene.Sections[j]
		a, b, ok := clip(sec.Ends[0], sec.Ends[1], lo, hi)
		if !ok {
			continue
		}
		x0, y0, d0, f0 := r.cam.project(a)
		x1, y1, d1, f1 := r.cam.project(b)
		width := max(minLineWidthPx, sec.DiamUm*r.cam.scale*(f0+f1)/2)
		from := int32(len(r.pix))
		capsule(x0, y0, x1, y1, width/2, r.area, func(x, y int, c uint8) {
			r.pix = append(r.pix, int32(y*w+x))
			r.cov = append(r.cov, c)
		})
		if to := int32(len(r.pix)); to > from {
			r.strokes = append(r.strokes, stroke{sec: j, from: from, to: to, depth: (d0 + d1) / 2})
		}
	}
	// back to front; ties (coincident cells, as in HNN-core's 1 µm grid)
	// in scene order
	slices.SortStableFunc(r.strokes, func(a, b stroke) int { return cmp.Compare(b.depth, a.depth) })
}

// capsule calls fn for every pixel of clip within half+0.5 of the
// segment (x0, y0)-(x1, y1), with its coverage: 255·clamp(half + 0.5 -
// d, 0, 1) for a pixel centre at distance d from the segment.
func capsule(x0, y0, x1, y1, half float64, clip image.Rectangle, fn func(x, y int, c uint8)) {
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	reach := half + 0.5
	b := image.Rect(int(math.Floor(min(x0, x1)-reach)), int(math.Floor(min(y0, y1)-reach)),
		int(math.Ceil(max(x0, x1)+reach))+1, int(math.Ceil(max(y0, y1)+reach))+1).Intersect(clip)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		cy := float64(y) + 0.5
		for x := b.Min.X; x < b.Max.X; x++ {
			cx := float64(x) + 0.5
			t := 0.0
			if l2 > 0 {
				t = min(1, max(0, ((cx-x0)*dx+(cy-y0)*dy)/l2))
			}
			ex, ey := x0+t*dx-cx, y0+t*dy-cy
			c := reach - math.Sqrt(ex*ex+ey*ey)
			switch {
			case c <= 0:
			case c >= 1:
				fn(x, y, 255)
			default:
				fn(x, y, uint8(math.Round(255*c)))
			}
		}
	}
}
