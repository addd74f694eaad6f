package netview

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/morph"
	"github.com/laminasim/lamina/record"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden")

func TestViridis(t *testing.T) {
	m := Viridis()
	// matplotlib: viridis(0.0) and viridis(1.0) as 8-bit sRGB
	if m.Len() != 256 || m.At(0) != (color.RGBA{68, 1, 84, 255}) || m.At(1) != (color.RGBA{253, 231, 37, 255}) {
		t.Errorf("viridis: %d colours, ends %v %v", m.Len(), m.At(0), m.At(1))
	}
	// A mistyped first or second decimal in the table would jump by 0.01
	// or more beyond a step of the map, whose steps are at most 0.0126.
	for i := 1; i < len(viridisData); i++ {
		a, b := viridisData[i-1], viridisData[i]
		if d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2])); d > 0.0126 {
			t.Errorf("viridis step %d to %d: %.4f", i-1, i, d)
		}
	}
	// matplotlib's ListedColormap: int(x·N), x = 1 the last, clipped
	for _, tc := range []struct {
		x    float64
		want int
	}{{0, 0}, {1, 255}, {0.5, 128}, {0.999, 255}, {1.0 / 256, 1}, {0.9999 / 256, 0}, {-0.5, 0}, {7, 255}, {math.Inf(-1), 0}, {math.Inf(1), 255}, {math.NaN(), -1}} {
		if got := m.Index(tc.x); got != tc.want {
			t.Errorf("Index(%g) = %d, want %d", tc.x, got, tc.want)
		}
	}
	if m.At(math.NaN()) != (color.RGBA{}) {
		t.Error("NaN has a colour")
	}
	if _, err := NewColorMap("one", []color.RGBA{{0, 0, 0, 255}}); err == nil {
		t.Error("a one-colour map accepted")
	}
	if _, err := NewColorMap("seethrough", []color.RGBA{{0, 0, 0, 255}, {1, 1, 1, 128}}); err == nil {
		t.Error("a translucent colour accepted")
	}
	c := m.Colors()
	c[0] = color.RGBA{}
	if m.At(0) == (color.RGBA{}) {
		t.Error("Colors shares the map's colours")
	}
}

// bars is a network of one population of n cells, each one section
// along x, 400 µm long and 20 µm wide, from its cell's position; the
// cells are 200 µm apart in z.
func bars(n int) *model.Network {
	c := &cell.Cell{Type: "bar"}
	c.Sections = []morph.Section{{Name: "soma", L: 400, Diam: 20, NSeg: 1, Ra: 100, Cm: 1,
		Ends: &[2]morph.Point3D{{X: 0}, {X: 400}}}}
	p := model.Population{Name: "bars", Cell: c}
	for k := range n {
		p.Positions = append(p.Positions, model.Position{100, 50, 200 * float64(k)})
	}
	return &model.Network{Name: "bars", Populations: []model.Population{p}}
}

func TestScene(t *testing.T) {
	s, err := NewScene(hnn.Animation())
	if err != nil {
		t.Fatal(err)
	}
	// 3 + 3 basket cells of one section, 9 + 9 pyramidal cells of 8 (L2)
	// and 9 (L5) sections
	if len(s.Sections) != 6+72+81 {
		t.Fatalf("%d sections", len(s.Sections))
	}
	// gid order, template order: gid 3 is the first L2 pyramidal cell, at
	// (0, 0, 1307.4); its apical tuft ends 625.6 µm above its soma's 0 end
	sec := s.Sections[3+3]
	if sec.GID != 3 || sec.Population != hnn.L2Pyramidal || sec.Column() != "v_3_apical_tuft_mV" {
		t.Errorf("section 6: %+v", sec)
	}
	if e := sec.Ends[1]; math.Abs(e.Z-(1307.4+625.6)) > 1e-4 || e.X != 0 || e.Y != 0 {
		t.Errorf("gid 3 apical tuft ends at %v", e)
	}
	// the last L5 pyramidal cell sits at (600, 600, 0)
	last := s.Sections[len(s.Sections)-1]
	if last.GID != 23 || last.Name != "basal_3" || last.Ends[0] != (morph.Point3D{X: 600, Y: 600, Z: -85}) {
		t.Errorf("last section %+v", last)
	}
	lo, hi := s.Bounds()
	if lo.X != -340 || hi.X < 780 || lo.Y != 0 || hi.Y != 600 || math.Abs(hi.Z-(1307.4+625.6)) > 1e-4 {
		t.Errorf("bounds %v %v", lo, hi)
	}

	noEnds := bars(1)
	noEnds.Populations[0].Cell.Sections[0].Ends = nil
	if _, err := NewScene(noEnds); err == nil || !strings.Contains(err.Error(), "ends_um") {
		t.Errorf("no end points: %v", err)
	}
	if _, err := NewScene(&model.Network{Name: "empty"}); err == nil {
		t.Error("a network without cable cells accepted")
	}
}

func TestCamera(t *testing.T) {
	v := View{XLimUm: [2]float64{-1, 1}, YLimUm: [2]float64{-1, 1}, ZLimUm: [2]float64{-1, 1}}
	for _, tc := range []struct {
		azim, elev float64
		// the axes that point right and up on the screen (0 x, 1 y, 2 z;
		// sign ±1)
		right, up [2]int
	}{
		{-90, 0, [2]int{0, 1}, [2]int{2, 1}},  // from -y: x right, z up
		{0, 0, [2]int{1, 1}, [2]int{2, 1}},    // from +x: y right
		{90, 0, [2]int{0, -1}, [2]int{2, 1}},  // from +y: x left
		{180, 0, [2]int{1, -1}, [2]int{2, 1}}, // from -x
		{-90, 90, [2]int{0, 1}, [2]int{1, 1}}, // from above: x right, y up
	} {
		v.AzimDeg, v.ElevDeg = tc.azim, tc.elev
		c := newCamera(v)
		c.fit([]morph.Point3D{{X: -1, Y: -1, Z: -1}, {X: 1, Y: 1, Z: 1}}, 0, 0, 100, 100)
		x0, y0, _, _ := c.project(morph.Point3D{})
		for axis := range 3 {
			var p morph.Point3D
			switch axis {
			case 0:
				p.X = 0.5
			case 1:
				p.Y = 0.5
			case 2:
				p.Z = 0.5
			}
			x, y, _, _ := c.project(p)
			dx, dy := x-x0, y0-y // right, up
			wantX, wantY := 0.0, 0.0
			if tc.right[0] == axis {
				wantX = float64(tc.right[1])
			}
			if tc.up[0] == axis {
				wantY = float64(tc.up[1])
			}
			// a unit of the box is tens of pixels; the perspective moves
			// points off the axis through the centre by less than one
			if (wantX != 0) != (math.Abs(dx) > 1) || (wantY != 0) != (math.Abs(dy) > 1) || dx*wantX < 0 || dy*wantY < 0 {
				t.Errorf("azim %g elev %g: axis %d moves (%.2f, %.2f) px, want direction (%g, %g)", tc.azim, tc.elev, axis, dx, dy, wantX, wantY)
			}
		}
	}
}

func TestClip(t *testing.T) {
	lo, hi := morph.Point3D{X: 0, Y: 0, Z: 0}, morph.Point3D{X: 10, Y: 10, Z: 10}
	for _, tc := range []struct {
		name       string
		a, b       morph.Point3D
		ok         bool
		wantA, wnB morph.Point3D
	}{
		{"inside", morph.Point3D{X: 1, Y: 1, Z: 1}, morph.Point3D{X: 2, Y: 3, Z: 4}, true, morph.Point3D{X: 1, Y: 1, Z: 1}, morph.Point3D{X: 2, Y: 3, Z: 4}},
		{"cutting a corner", morph.Point3D{X: -5, Y: 12, Z: 5}, morph.Point3D{X: 12, Y: -5, Z: 5}, true, morph.Point3D{X: 0, Y: 7, Z: 5}, morph.Point3D{X: 7, Y: 0, Z: 5}},
		{"crossing x", morph.Point3D{X: -10, Y: 5, Z: 5}, morph.Point3D{X: 20, Y: 5, Z: 5}, true, morph.Point3D{X: 0, Y: 5, Z: 5}, morph.Point3D{X: 10, Y: 5, Z: 5}},
		{"leaving through z", morph.Point3D{X: 5, Y: 5, Z: 5}, morph.Point3D{X: 5, Y: 5, Z: 15}, true, morph.Point3D{X: 5, Y: 5, Z: 5}, morph.Point3D{X: 5, Y: 5, Z: 10}},
		{"outside", morph.Point3D{X: -1, Y: 5, Z: 5}, morph.Point3D{X: -1, Y: 8, Z: 9}, false, morph.Point3D{}, morph.Point3D{}},
		{"passing a corner", morph.Point3D{X: -5, Y: 6, Z: 5}, morph.Point3D{X: 6, Y: 17, Z: 5}, false, morph.Point3D{}, morph.Point3D{}},
		{"on a face", morph.Point3D{X: 0, Y: 2, Z: 2}, morph.Point3D{X: 0, Y: 4, Z: 2}, true, morph.Point3D{X: 0, Y: 2, Z: 2}, morph.Point3D{X: 0, Y: 4, Z: 2}},
	} {
		a, b, ok := clip(tc.a, tc.b, lo, hi)
		if ok != tc.ok || ok && (a.Sub(tc.wantA).Norm() > 1e-12 || b.Sub(tc.wnB).Norm() > 1e-12) {
			t.Errorf("%s: %v %v %v", tc.name, a, b, ok)
		}
	}
}

func TestViewErrors(t *testing.T) {
	s, err := NewScene(bars(2))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*View)
		want string
	}{
		{"vmin = vmax", func(v *View) { v.VMinMV = v.VMaxMV }, "vmin"},
		{"NaN azimuth", func(v *View) { v.AzimDeg = math.NaN() }, "azim"},
		{"tiny", func(v *View) { v.WidthPx = 20 }, "pixels"},
		{"reversed zlim", func(v *View) { v.ZLimUm = [2]float64{100, -100} }, "zlim"},
		{"translucent background", func(v *View) { v.Background.A = 0 }, "background"},
	} {
		v := DefaultView()
		tc.edit(&v)
		if _, err := NewRenderer(s, v); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %q", tc.name, err, tc.want)
		}
	}
}

// front looks at the x-z plane from -y, z up, at 480 × 360 pixels.
func front() View {
	v := DefaultView()
	v.AzimDeg, v.ElevDeg = -90, 0
	v.WidthPx, v.HeightPx = 480, 360
	return v
}

// TestFrameColors checks that a section's pixels take the colour its
// potential has through the colour map: two bars at known potentials
// (one inside the colour map's range, one above it) and a third at NaN,
// which is not drawn.
func TestFrameColors(t *testing.T) {
	s, err := NewScene(bars(3))
	if err != nil {
		t.Fatal(err)
	}
	v := front()
	r, err := NewRenderer(s, v)
	if err != nil {
		t.Fatal(err)
	}
	img := r.NewFrame()
	vm := []float64{-47.5, 80, math.NaN()}
	r.Frame(img, 12.5, vm)
	m := Viridis()
	for j, sec := range s.Sections {
		// the middle of the bar, on its axis: fully covered (the bar is
		// 20 µm, several pixels, wide)
		mid := morph.Point3D{X: (sec.Ends[0].X + sec.Ends[1].X) / 2, Y: sec.Ends[0].Y, Z: sec.Ends[0].Z}
		x, y, _, _ := r.cam.project(mid)
		got := img.RGBAAt(int(x), int(y))
		want := m.At((vm[j] - v.VMinMV) / (v.VMaxMV - v.VMinMV))
		if math.IsNaN(vm[j]) {
			want = v.Background
		}
		if got != want {
			t.Errorf("section %d at %g mV: pixel (%d, %d) is %v, want %v", j, vm[j], int(x), int(y), got, want)
		}
	}
	// (-47.5 + 100)/150 = 0.35: colour int(0.35·256) = 89; 80 mV: the last
	if m.Index(0.35) != 89 || img.RGBAAt(0, 0) != v.Background {
		t.Errorf("index %d, corner %v", m.Index(0.35), img.RGBAAt(0, 0))
	}
}

// animationRecording returns a recording of the animation example's
// scene with n samples 0.025 ms apart in which every section has its own
// potential, changing with time.
func animationRecording(s *Scene, n int) *Recording {
	rec := &Recording{}
	for i := range n {
		row := make([]float32, len(s.Sections))
		for j := range row {
			row[j] = float32(-95 + math.Mod(float64(j)*7.3+float64(i)*3.1, 140))
		}
		rec.TimesMs = append(rec.TimesMs, float64(i)*0.025)
		rec.VMV = append(rec.VMV, row)
	}
	return rec
}

// TestFrameSections checks, on the animation example's 159 sections
// seen from HNN-core's default view, that every pixel a section covers
// fully and no nearer section covers at all has exactly the colour of that
// section's potential: the painter's order and the colour of every
// section. (Thin oblique dendrites cover no pixel fully: their edges are
// blends; more than half of the sections are checked.)
func TestFrameSections(t *testing.T) {
	s, err := NewScene(hnn.Animation())
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(s, DefaultView())
	if err != nil {
		t.Fatal(err)
	}
	rec := animationRecording(s, 1)
	vm := make([]float64, len(s.Sections))
	for j, x := range rec.VMV[0] {
		vm[j] = float64(x)
	}
	img := r.NewFrame()
	r.Frame(img, 0, vm)
	// the section drawn last over each pixel
	top := map[int32]int{}
	for _, st := range r.strokes {
		for k := st.from; k < st.to; k++ {
			top[r.pix[k]] = st.sec
		}
	}
	checked, sections := 0, map[int]bool{}
	for _, st := range r.strokes {
		want := r.view.ColorMap.At((vm[st.sec] - r.view.VMinMV) / (r.view.VMaxMV - r.view.VMinMV))
		for k := st.from; k < st.to; k++ {
			p := r.pix[k]
			if r.cov[k] != 255 || top[p] != st.sec || covered(r, p, st.sec) {
				continue
			}
			if got := img.RGBAAt(int(p)%r.Bounds().Dx(), int(p)/r.Bounds().Dx()); got != want {
				t.Fatalf("section %d (%s): pixel %d is %v, want %v", st.sec, s.Sections[st.sec].Column(), p, got, want)
			}
			checked++
			sections[st.sec] = true
		}
	}
	if len(sections) < len(s.Sections)/2 || checked < 1000 {
		t.Errorf("checked %d pixels of %d sections of %d", checked, len(sections), len(s.Sections))
	}
}

// covered reports whether a section other than sec also covers pixel p
// (partly or fully).
func covered(r *Renderer, p int32, sec int) bool {
	for _, st := range r.strokes {
		if st.sec == sec {
			continue
		}
		for k := st.from; k < st.to; k++ {
			if r.pix[k] == p {
				return true
			}
		}
	}
	return false
}

// TestGoldenFrame compares a frame of the animation example (azimuth 250,
// elevation 25, potentials varying from section to section) with
// testdata/golden/frame.png (regenerate with go test ./plot/netview
// -update, then look at it). The comparison is gonum's cmpimg.EqualApprox
// with delta 0.05, as package plot's golden images: text is rasterised by
// pure Go and reproducible on one architecture, but fused multiply-adds on
// others move antialiased edge pixels slightly; a changed section, label
// or colour moves far more than 5% of the YIQ range.
func TestGoldenFrame(t *testing.T) {
	s, err := NewScene(hnn.Animation())
	if err != nil {
		t.Fatal(err)
	}
	v := DefaultView()
	v.AzimDeg, v.ElevDeg = 250, 25
	v.WidthPx, v.HeightPx = 480, 420
	v.Title = "animation"
	r, err := NewRenderer(s, v)
	if err != nil {
		t.Fatal(err)
	}
	rec := animationRecording(s, 1)
	vm := make([]float64, len(s.Sections))
	for j, x := range rec.VMV[0] {
		vm[j] = float64(x)
	}
	img := r.NewFrame()
	r.Frame(img, 63.5, vm)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "frame.png")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./plot/netview -update)", err)
	}
	if ok, err := cmpimg.EqualApprox("png", b.Bytes(), want, 0.05); err != nil || !ok {
		path := filepath.Join(t.TempDir(), "frame.png")
		_ = os.WriteFile(path, b.Bytes(), 0o644)
		t.Errorf("the frame differs from %s (%v); the new one is %s", golden, err, path)
	}
}

func TestFrames(t *testing.T) {
	for _, tc := range []struct {
		name              string
		decim, start, end int
		n                 int
		want              []int
		err               string
	}{
		// numpy.arange(frame_start, frame_stop, decim), frame_stop None
		// being len(times) - 1
		{"HNN-core's default", 10, 0, 0, 31, []int{0, 10, 20}, ""},
		{"the last sample, when asked", 10, 0, 31, 31, []int{0, 10, 20, 30}, ""},
		{"a window", 7, 3, 40, 50, []int{3, 10, 17, 24, 31, 38}, ""},
		{"every sample", 1, 4, 7, 10, []int{4, 5, 6}, ""},
		{"decim 0", 0, 0, 0, 10, nil, "decim"},
		{"empty", 5, 8, 8, 10, nil, "no frames"},
		{"start past stop", 5, 9, 0, 10, nil, "no frames"},
		{"stop past the end", 5, 0, 11, 10, nil, "samples 0 to 9"},
		{"negative start", 5, -1, 0, 10, nil, "samples 0 to 9"},
	} {
		o := MovieOptions{FPS: 10, Decim: tc.decim, FrameStart: tc.start, FrameStop: tc.end}
		got, err := o.Frames(tc.n)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || !equalInts(got, tc.want) {
			t.Errorf("%s: %v (%v), want %v", tc.name, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		fps  float64
		want int
		err  bool
	}{{10, 10, false}, {30, 3, false}, {50, 2, false}, {4, 25, false}, {60, 0, true}, {0, 0, true}, {-1, 0, true}, {math.Inf(1), 0, true}, {math.NaN(), 0, true}} {
		d, err := MovieOptions{FPS: tc.fps}.Delay()
		if d != tc.want || (err != nil) != tc.err {
			t.Errorf("fps %g: delay %d (%v), want %d", tc.fps, d, err, tc.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMovie writes a GIF and reads it back with image/gif: as many frames
// as the options select, each delayed as fps says, looping; laid over one
// another, frame k equals the frame the renderer draws for its sample,
// quantised to the movie's palette, and a section's pixels take the
// palette colour nearest to that of its potential.
func TestMovie(t *testing.T) {
	s, err := NewScene(bars(3))
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(s, front())
	if err != nil {
		t.Fatal(err)
	}
	rec := &Recording{}
	for i := range 50 {
		rec.TimesMs = append(rec.TimesMs, float64(i)*0.025)
		rec.VMV = append(rec.VMV, []float32{float32(-100 + 3*i), -65, float32(50 - 2*i)})
	}
	var got []int
	o := MovieOptions{FPS: 20, Decim: 7, FrameStart: 3, FrameStop: 40, Progress: func(done, total int) {
		got = append(got, done)
		if total != 6 {
			t.Errorf("progress total %d", total)
		}
	}}
	var b bytes.Buffer
	if err := Movie(&b, r, rec, o); err != nil {
		t.Fatal(err)
	}
	if !equalInts(got, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("progress %v", got)
	}
	g, err := gif.DecodeAll(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 6 || g.LoopCount != 0 || g.Config.Width != 480 || g.Config.Height != 360 {
		t.Fatalf("%d frames, loop %d, %d × %d", len(g.Image), g.LoopCount, g.Config.Width, g.Config.Height)
	}
	pal := r.palette()
	q := newQuantizer(pal)
	screen := image.NewRGBA(image.Rect(0, 0, 480, 360))
	want := r.NewFrame()
	idx := make([]uint8, 480*360)
	m := Viridis()
	for k, frame := range g.Image {
		if g.Delay[k] != 5 || g.Disposal[k] != gif.DisposalNone {
			t.Errorf("frame %d: delay %d, disposal %d", k, g.Delay[k], g.Disposal[k])
		}
		sample := 3 + 7*k
		draw.Draw(screen, frame.Bounds(), frame, frame.Bounds().Min, draw.Over)
		vm := make([]float64, 3)
		for j, x := range rec.VMV[sample] {
			vm[j] = float64(x)
		}
		r.frame(want, r.title(rec.TimesMs[sample], 3), vm)
		q.quantize(idx, want)
		for i, c := range idx {
			p := pal[c].(color.RGBA)
			if got := screen.RGBAAt(i%480, i/480); got != p {
				t.Fatalf("frame %d: pixel (%d, %d) is %v, want %v", k, i%480, i/480, got, p)
			}
		}
		for j, sec := range s.Sections {
			mid := morph.Point3D{X: (sec.Ends[0].X + sec.Ends[1].X) / 2, Y: sec.Ends[0].Y, Z: sec.Ends[0].Z}
			x, y, _, _ := r.cam.project(mid)
			c := m.At((vm[j] + 100) / 150)
			if got, want := screen.RGBAAt(int(x), int(y)), pal[q.nearest(c.R, c.G, c.B)]; got != want {
				t.Errorf("frame %d, section %d at %g mV: %v, want %v (nearest to %v)", k, j, vm[j], got, want, c)
			}
		}
	}
	// after the first, frames hold what changed: the title and the bars
	if f := g.Image[1].Bounds(); f.Dx() >= 480 || f.Dy() >= 360 {
		t.Errorf("frame 1 is %v", f)
	}

	for _, bad := range []MovieOptions{{FPS: 0, Decim: 1}, {FPS: 10, Decim: 0}, {FPS: 10, Decim: 1, FrameStart: 60}} {
		if err := Movie(&b, r, rec, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	short := &Recording{TimesMs: rec.TimesMs, VMV: append([][]float32{{1, 2}}, rec.VMV[1:]...)}
	if err := Movie(&b, r, short, MovieOptions{FPS: 10, Decim: 1}); err == nil || !strings.Contains(err.Error(), "3 sections") {
		t.Errorf("a recording of other sections: %v", err)
	}
}

func TestChanged(t *testing.T) {
	a := []uint8{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	for _, tc := range []struct {
		set  []int
		want image.Rectangle
	}{
		{nil, image.Rect(0, 0, 1, 1)},
		{[]int{5}, image.Rect(1, 1, 2, 2)},
		{[]int{1, 11}, image.Rect(1, 0, 4, 3)},
		{[]int{4, 7}, image.Rect(0, 1, 4, 2)},
	} {
		b := append([]uint8(nil), a...)
		for _, i := range tc.set {
			b[i] = 9
		}
		if got := changed(b, a, 4); got != tc.want {
			t.Errorf("changes at %v: %v, want %v", tc.set, got, tc.want)
		}
	}
}

// TestQuantizer checks that every colour maps to a nearest palette entry
// (least squared RGB distance), never to entry 0, kept for transparency.
func TestQuantizer(t *testing.T) {
	s, err := NewScene(bars(1))
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(s, front())
	if err != nil {
		t.Fatal(err)
	}
	pal := r.palette()
	if len(pal) != 256 {
		t.Fatalf("%d colours", len(pal))
	}
	q := newQuantizer(pal)
	d := func(c color.RGBA, i int) int {
		p := pal[i].(color.RGBA)
		dr, dg, db := int(c.R)-int(p.R), int(c.G)-int(p.G), int(c.B)-int(p.B)
		return dr*dr + dg*dg + db*db
	}
	for k := range 5000 {
		c := color.RGBA{uint8(k * 37), uint8(k * 101 / 7), uint8(k * 13 / 3), 255}
		i := int(q.nearest(c.R, c.G, c.B))
		if i == 0 || q.nearest(c.R, c.G, c.B) != uint8(i) {
			t.Fatalf("%v: entry %d", c, i)
		}
		for j := 1; j < 256; j++ {
			if d(c, j) < d(c, i) {
				t.Fatalf("%v: entry %d (distance² %d), but %d is nearer (%d)", c, i, d(c, i), j, d(c, j))
			}
		}
	}
	// 128 of the colour map's colours, the background and the text are
	// exact
	exact := []color.RGBA{r.view.Background, r.text}
	for k := range 128 {
		exact = append(exact, Viridis().At((math.Round(float64(k)*255/127)+0.5)/256))
	}
	for _, c := range exact {
		if got := pal[q.nearest(c.R, c.G, c.B)]; got != c {
			t.Errorf("%v quantises to %v", c, got)
		}
	}
}

func TestRecording(t *testing.T) {
	s, err := NewScene(bars(2))
	if err != nil {
		t.Fatal(err)
	}
	tr := &record.Trace{TimeMs: []float64{0, 0.025, 0.05}, Columns: []record.Column{
		{Name: "v_1_soma_mV", Data: []float64{-65, -64.5, 20}},
		{Name: "v_7_soma_mV", Data: []float64{1, 2, 3}}, // not in the scene
		{Name: "v_0_soma_mV", Data: []float64{-70, -71, -72.25}},
	}}
	rec, err := NewRecording(s, tr)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float32{{-70, -65}, {-71, -64.5}, {-72.25, 20}}
	for i := range want {
		if rec.VMV[i][0] != want[i][0] || rec.VMV[i][1] != want[i][1] || rec.TimesMs[i] != tr.TimeMs[i] {
			t.Errorf("sample %d: %v at %g", i, rec.VMV[i], rec.TimesMs[i])
		}
	}
	path := filepath.Join(t.TempDir(), "vsec_trial0.csv")
	if err := csvfile.WriteTrace(path, tr); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	read, err := ReadRecording(s, f, path)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if read.VMV[i][0] != want[i][0] || read.VMV[i][1] != want[i][1] || read.TimesMs[i] != tr.TimeMs[i] {
			t.Errorf("read sample %d: %v at %g", i, read.VMV[i], read.TimesMs[i])
		}
	}

	for _, tc := range []struct{ name, csv, want string }{
		{"soma only of another network", "time_ms,v_0_soma_mV\n0,-65\n", "no column v_1_soma_mV"},
		{"not a trace", "t,v_0_soma_mV,v_1_soma_mV\n0,1,2\n", "want time_ms"},
		{"a bad number", "time_ms,v_0_soma_mV,v_1_soma_mV\n0,-65,x\n", "line 2: v_1_soma_mV"},
		{"no samples", "time_ms,v_0_soma_mV,v_1_soma_mV\n", "no samples"},
		{"ragged", "time_ms,v_0_soma_mV,v_1_soma_mV\n0,1\n", "wrong number of fields"},
	} {
		if _, err := ReadRecording(s, strings.NewReader(tc.csv), "f.csv"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := ReadRecording(s, strings.NewReader("time_ms,v_0_soma_mV\n0,-65\n"), "f.csv"); err == nil || !strings.Contains(err.Error(), "--record-vsec all") {
		t.Errorf("the error does not say how to record every section: %v", err)
	}
}

// BenchmarkFrame draws frames of the 270-cell ERP network (1770
// sections) and of the animation example at 640 × 480.
func BenchmarkFrame(b *testing.B) {
	for _, tc := range []struct {
		name string
		net  *model.Network
	}{{"erp", hnn.ERP()}, {"animation", hnn.Animation()}} {
		b.Run(tc.name, func(b *testing.B) {
			s, err := NewScene(tc.net)
			if err != nil {
				b.Fatal(err)
			}
			r, err := NewRenderer(s, DefaultView())
			if err != nil {
				b.Fatal(err)
			}
			rec := animationRecording(s, 16)
			img := r.NewFrame()
			vm := make([]float64, len(s.Sections))
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				for j, x := range rec.VMV[i%16] {
					vm[j] = float64(x)
				}
				r.Frame(img, rec.TimesMs[i%16], vm)
			}
		})
	}
}

// BenchmarkMovie writes movies of 16 frames of the ERP network at 640 ×
// 480: drawing, quantising, finding what changed and compressing.
func BenchmarkMovie(b *testing.B) {
	s, err := NewScene(hnn.ERP())
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRenderer(s, DefaultView())
	if err != nil {
		b.Fatal(err)
	}
	rec := animationRecording(s, 17)
	var w bytes.Buffer
	for b.Loop() {
		w.Reset()
		if err := Movie(&w, r, rec, MovieOptions{FPS: 10, Decim: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/16, "ms/frame")
}
