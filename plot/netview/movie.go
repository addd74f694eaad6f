package netview

import (
	"fmt"
	"image"
	"io"
	"math"
)

// MovieOptions are the parameters of HNN-core's NetworkPlotter.export_movie.
type MovieOptions struct {
	// FPS is the frame rate, frames per second (HNN-core's fps). GIF
	// delays are whole hundredths of a second: a frame shows for
	// round(100/FPS) of them, at least 2 (browsers slow shorter delays to
	// a tenth of a second), so FPS is at most 50.
	FPS float64
	// Decim shows every Decim-th sample (HNN-core's decim).
	Decim int
	// FrameStart is the first sample shown and FrameStop the sample the
	// movie stops before (HNN-core's frame_start and frame_stop: the
	// frames are numpy.arange(frame_start, frame_stop, decim)). FrameStop
	// 0 means HNN-core's None: the last sample, which is then not shown.
	FrameStart, FrameStop int
	// Progress, if set, is called after each frame with the number of
	// frames written and their total.
	Progress func(done, total int)
}

// DefaultMovieOptions returns export_movie's defaults (fps 30, decim 10,
// the whole run).
func DefaultMovieOptions() MovieOptions { return MovieOptions{FPS: 30, Decim: 10} }

// Frames returns the samples, of n, that the movie shows.
func (o MovieOptions) Frames(n int) ([]int, error) {
	if o.Decim < 1 {
		return nil, fmt.Errorf("netview: decim %d: want 1 or more", o.Decim)
	}
	stop := o.FrameStop
	if stop == 0 {
		stop = n - 1
	}
	if o.FrameStart < 0 || stop > n || stop < 0 {
		return nil, fmt.Errorf("netview: frames %d to %d: the recording has samples 0 to %d", o.FrameStart, o.FrameStop, n-1)
	}
	var out []int
	for i := o.FrameStart; i < stop; i += o.Decim {
		out = append(out, i)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("netview: frame_start %d, frame_stop %d (of %d samples): no frames", o.FrameStart, stop, n)
	}
	return out, nil
}

// Delay returns a frame's delay in hundredths of a second.
func (o MovieOptions) Delay() (int, error) {
	if !(o.FPS > 0) || math.IsInf(o.FPS, 0) {
		return 0, fmt.Errorf("netview: fps %g: want > 0", o.FPS)
	}
	d := int(math.Round(100 / o.FPS))
	if o.FPS > 50 {
		return 0, fmt.Errorf("netview: fps %g: a GIF shows at most 50 frames per second (delays of 2 hundredths of a second; browsers slow shorter ones to 10)", o.FPS)
	}
	return d, nil
}

// Movie writes to w an animated GIF of rec drawn by r, one frame per
// sample o.Frames selects, looping forever. Every frame is quantised to
// one fixed palette of 256 colours (128 levels of the colour map, the
// map's colours over the background for antialiased edges, and the
// chrome's greys), nearest colour without dithering, so a colour means
// the same potential in every frame and nothing flickers. After the
// first, a frame holds only the rectangle that changed, with unchanged
// pixels transparent. Frames are drawn and written one at a time.
func Movie(w io.Writer, r *Renderer, rec *Recording, o MovieOptions) error {
	delay, err := o.Delay()
	if err != nil {
		return err
	}
	frames, err := o.Frames(len(rec.TimesMs))
	if err != nil {
		return err
	}
	if len(rec.VMV) != len(rec.TimesMs) {
		return fmt.Errorf("netview: recording: %d times but %d samples", len(rec.TimesMs), len(rec.VMV))
	}
	nsec := len(r.scene.Sections)
	for _, i := range frames {
		if len(rec.VMV[i]) != nsec {
			return fmt.Errorf("netview: recording: sample %d holds %d potentials, the scene has %d sections", i, len(rec.VMV[i]), nsec)
		}
	}
	decimals := 0
	for _, i := range frames {
		decimals = max(decimals, timeDecimals(rec.TimesMs[i]))
	}
	b := r.Bounds()
	pal := r.palette()
	gw, err := newGIFWriter(w, b.Dx(), b.Dy(), pal)
	if err != nil {
		return err
	}
	q := newQuantizer(pal)
	img := r.NewFrame()
	cur, prev := make([]uint8, b.Dx()*b.Dy()), make([]uint8, b.Dx()*b.Dy())
	sub := make([]uint8, 0, b.Dx()*b.Dy())
	v := make([]float64, nsec)
	for k, i := range frames {
		for j, x := range rec.VMV[i] {
			v[j] = float64(x)
		}
		r.frame(img, r.title(rec.TimesMs[i], decimals), v)
		q.quantize(cur, img)
		if k == 0 {
			err = gw.frame(cur, b, delay, -1)
		} else {
			ch := changed(cur, prev, b.Dx())
			sub = sub[:0]
			for y := ch.Min.Y; y < ch.Max.Y; y++ {
				for x := ch.Min.X; x < ch.Max.X; x++ {
					c := cur[y*b.Dx()+x]
					if c == prev[y*b.Dx()+x] {
						c = 0
					}
					sub = append(sub, c)
				}
			}
			err = gw.frame(sub, ch, delay, 0)
		}
		if err != nil {
			return err
		}
		cur, prev = prev, cur
		if o.Progress != nil {
			o.Progress(k+1, len(frames))
		}
	}
	return gw.close()
}

// changed returns the smallest rectangle holding every pixel where a and
// b (rows of width w) differ; a 1 × 1 rectangle at the origin when none
// does (a GIF frame cannot be empty).
func changed(a, b []uint8, w int) image.Rectangle {
	h := len(a) / w
	r := image.Rectangle{Min: image.Point{X: w, Y: h}}
	for y := range h {
		ra, rb := a[y*w:(y+1)*w], b[y*w:(y+1)*w]
		x0 := 0
		for x0 < w && ra[x0] == rb[x0] {
			x0++
		}
		if x0 == w {
			continue
		}
		x1 := w
		for ra[x1-1] == rb[x1-1] {
			x1--
		}
		r.Min.X, r.Max.X = min(r.Min.X, x0), max(r.Max.X, x1)
		r.Min.Y, r.Max.Y = min(r.Min.Y, y), y+1
	}
	if r.Empty() {
		return image.Rect(0, 0, 1, 1)
	}
	return r
}
