package netview

import (
	"fmt"
	"image/color"
	"math"

	"github.com/laminasim/lamina/morph"
)

// View says how a scene is drawn: from where, over what box, with which
// colours and at what size.
type View struct {
	// AzimDeg and ElevDeg place the eye as matplotlib's view_init(elev,
	// azim) does: it looks at the box's centre from the direction
	// (cos elev·cos azim, cos elev·sin azim, sin elev), z (cortical
	// depth) up. HNN-core's NetworkPlotter defaults to elev 10, azim -500
	// (≡ 220).
	AzimDeg, ElevDeg float64
	// XLimUm, YLimUm and ZLimUm bound the box drawn, µm: sections are
	// clipped to it and it fills the frame. A zero pair takes the scene's
	// extent along that axis with a margin of 5% of its largest extent
	// on both sides. (HNN-core's defaults, (-200, 3100), (-200, 3100),
	// (-300, 2200), fit no network in particular.)
	XLimUm, YLimUm, ZLimUm [2]float64
	// VMinMV and VMaxMV are the potentials at the ends of the colour
	// map, mV (HNN-core: -100 and 50).
	VMinMV, VMaxMV float64
	// ColorMap colours the potentials; the zero value means Viridis.
	ColorMap ColorMap
	// WidthPx and HeightPx are the frame's size, pixels.
	WidthPx, HeightPx int
	// Background is the colour behind everything (HNN-core's bg_color,
	// black); text and the scale bar take white or black, whichever
	// stands out.
	Background color.RGBA
	// Title comes before the time at the top of each frame.
	Title string
}

// DefaultView returns HNN-core's NetworkPlotter settings: elev 10, azim
// 220 (its -500), potentials from -100 to 50 mV through viridis on black;
// the box fits the scene; 640 × 480 pixels (matplotlib's default figure
// at 100 dpi, as the animation example exports it).
func DefaultView() View {
	return View{AzimDeg: 220, ElevDeg: 10, VMinMV: -100, VMaxMV: 50, ColorMap: Viridis(),
		WidthPx: 640, HeightPx: 480, Background: color.RGBA{0, 0, 0, 255}}
}

// Minimum frame size, pixels: room for the title, the colour bar and a
// scene.
const (
	minWidthPx, minHeightPx = 240, 180
	maxSidePx               = 8192
)

func finite(x ...float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// check validates v and returns it with its defaults filled in: the
// colour map and the box.
func (v View) check(s *Scene) (View, error) {
	if !finite(v.AzimDeg, v.ElevDeg) {
		return v, fmt.Errorf("netview: azim %g, elev %g: want finite angles", v.AzimDeg, v.ElevDeg)
	}
	if !finite(v.VMinMV, v.VMaxMV) || !(v.VMinMV < v.VMaxMV) {
		return v, fmt.Errorf("netview: vmin %g mV, vmax %g mV: want finite vmin < vmax", v.VMinMV, v.VMaxMV)
	}
	if v.WidthPx < minWidthPx || v.HeightPx < minHeightPx || v.WidthPx > maxSidePx || v.HeightPx > maxSidePx {
		return v, fmt.Errorf("netview: %d × %d pixels: want %d to %d wide and %d to %d high",
			v.WidthPx, v.HeightPx, minWidthPx, maxSidePx, minHeightPx, maxSidePx)
	}
	if v.ColorMap.Len() == 0 {
		v.ColorMap = Viridis()
	}
	if v.Background.A != 255 {
		return v, fmt.Errorf("netview: background %v: want an opaque colour", v.Background)
	}
	lo, hi := s.Bounds()
	margin := 0.05 * max(hi.X-lo.X, hi.Y-lo.Y, hi.Z-lo.Z, 1)
	for _, l := range []struct {
		name   string
		lim    *[2]float64
		lo, hi float64
	}{{"x", &v.XLimUm, lo.X, hi.X}, {"y", &v.YLimUm, lo.Y, hi.Y}, {"z", &v.ZLimUm, lo.Z, hi.Z}} {
		if *l.lim == [2]float64{} {
			*l.lim = [2]float64{l.lo - margin, l.hi + margin}
		}
		if !finite(l.lim[0], l.lim[1]) || !(l.lim[0] < l.lim[1]) {
			return v, fmt.Errorf("netview: %slim (%g, %g) µm: want finite lo < hi", l.name, l.lim[0], l.lim[1])
		}
	}
	return v, nil
}

// eyeDistance is the eye's distance from the box's centre in box
// diagonals: matplotlib's perspective, whose eye is 10 units from a box
// whose diagonal is 1.906 units (its default box aspect 4:4:3 scaled by
// 1.8294640721620434·25/24).
const eyeDistance = 10 / 1.9057

// camera projects µm onto the frame's pixels.
type camera struct {
	centre  morph.Point3D
	u, v, w morph.Point3D // right, up, towards the eye
	dist    float64       // eye to centre, µm
	scale   float64       // pixels per µm at the centre's depth
	ox, oy  float64       // pixel of the centre
}

func dot(a, b morph.Point3D) float64 { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }

// newCamera looks at the box of v as v says, at scale 1 (pixels per µm
// at the centre's depth) with the centre at pixel (0, 0); fit then places
// it.
func newCamera(v View) camera {
	lo := morph.Point3D{X: v.XLimUm[0], Y: v.YLimUm[0], Z: v.ZLimUm[0]}
	hi := morph.Point3D{X: v.XLimUm[1], Y: v.YLimUm[1], Z: v.ZLimUm[1]}
	a, e := v.AzimDeg*math.Pi/180, v.ElevDeg*math.Pi/180
	c := camera{
		centre: morph.Point3D{X: (lo.X + hi.X) / 2, Y: (lo.Y + hi.Y) / 2, Z: (lo.Z + hi.Z) / 2},
		w:      morph.Point3D{X: math.Cos(e) * math.Cos(a), Y: math.Cos(e) * math.Sin(a), Z: math.Sin(e)},
		u:      morph.Point3D{X: -math.Sin(a), Y: math.Cos(a)},
		dist:   eyeDistance * hi.Sub(lo).Norm(),
		scale:  1,
	}
	// v = w × u: up on the screen, z's projection
	c.v = morph.Point3D{X: c.w.Y*c.u.Z - c.w.Z*c.u.Y, Y: c.w.Z*c.u.X - c.w.X*c.u.Z, Z: c.w.X*c.u.Y - c.w.Y*c.u.X}
	return c
}

// fit scales and centres the camera (from newCamera) so that the points
// pts fill the pixel rectangle [x0, x1) × [y0, y1) as far as the
// proportions allow.
func (c *camera) fit(pts []morph.Point3D, x0, y0, x1, y1 float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x, y, _, _ := c.project(p)
		minX, maxX = min(minX, x), max(maxX, x)
		minY, maxY = min(minY, y), max(maxY, y)
	}
	// a point, or a line seen end on, fills nothing: keep its scale
	c.scale = min((x1-x0)/max(maxX-minX, 1e-9), (y1-y0)/max(maxY-minY, 1e-9))
	c.ox = (x0+x1)/2 - c.scale*(minX+maxX)/2
	c.oy = (y0+y1)/2 - c.scale*(minY+maxY)/2
}

// project returns p's pixel (x right, y down), its depth (distance from
// the eye along the view axis, µm) and its perspective factor (pixels per
// µm there over pixels per µm at the centre).
func (c camera) project(p morph.Point3D) (x, y, depth, f float64) {
	d := p.Sub(c.centre)
	depth = c.dist - dot(d, c.w)
	f = c.dist / depth
	return c.ox + c.scale*f*dot(d, c.u), c.oy - c.scale*f*dot(d, c.v), depth, f
}

// clip cuts the segment a-b to the box lo-hi (Liang-Barsky); ok is false
// when no part of it lies inside.
func clip(a, b, lo, hi morph.Point3D) (morph.Point3D, morph.Point3D, bool) {
	t0, t1 := 0.0, 1.0
	d := b.Sub(a)
	for _, ax := range [3]struct{ p, d, lo, hi float64 }{{a.X, d.X, lo.X, hi.X}, {a.Y, d.Y, lo.Y, hi.Y}, {a.Z, d.Z, lo.Z, hi.Z}} {
		for _, pq := range [2][2]float64{{-ax.d, ax.p - ax.lo}, {ax.d, ax.hi - ax.p}} {
			p, q := pq[0], pq[1]
			if p == 0 {
				if q < 0 {
					return a, b, false
				}
				continue
			}
			t := q / p
			if p < 0 {
				t0 = max(t0, t)
			} else {
				t1 = min(t1, t)
			}
		}
	}
	if t0 > t1 {
		return a, b, false
	}
	at := func(t float64) morph.Point3D { return morph.Point3D{X: a.X + t*d.X, Y: a.Y + t*d.Y, Z: a.Z + t*d.Z} }
	return at(t0), at(t1), true
}
