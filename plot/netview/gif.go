package netview

import (
	"bufio"
	"compress/lzw"
	"errors"
	"image"
	"image/color"
	"io"
)

// quantizer maps colours to their nearest entry of a palette (least
// squared RGB distance, as color.Palette.Index), skipping entry 0 (kept
// for transparency). Every colour is looked up once and remembered in a
// table of all 2²⁴ colours (16 MiB), so that a frame quantises at the
// cost of a table lookup per pixel, always to the same entries.
type quantizer struct {
	pal   []color.RGBA
	index []uint8
	known []uint64 // bit c: index[c] holds c's entry
}

func newQuantizer(p color.Palette) *quantizer {
	q := &quantizer{index: make([]uint8, 1<<24), known: make([]uint64, 1<<24/64)}
	for _, c := range p {
		q.pal = append(q.pal, color.RGBAModel.Convert(c).(color.RGBA))
	}
	return q
}

func (q *quantizer) nearest(r, g, b uint8) uint8 {
	c := uint32(r)<<16 | uint32(g)<<8 | uint32(b)
	if q.known[c/64]&(1<<(c%64)) != 0 {
		return q.index[c]
	}
	best, bestD := 1, int32(1<<30)
	for i := 1; i < len(q.pal); i++ {
		p := q.pal[i]
		dr, dg, db := int32(r)-int32(p.R), int32(g)-int32(p.G), int32(b)-int32(p.B)
		if d := dr*dr + dg*dg + db*db; d < bestD {
			best, bestD = i, d
		}
	}
	q.index[c] = uint8(best)
	q.known[c/64] |= 1 << (c % 64)
	return uint8(best)
}

// quantize writes the palette index of every pixel of src (origin at
// (0, 0)) into dst, row-major.
func (q *quantizer) quantize(dst []uint8, src *image.RGBA) {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	for y := range h {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		out := dst[y*w : (y+1)*w]
		for x := range out {
			out[x] = q.nearest(row[4*x], row[4*x+1], row[4*x+2])
		}
	}
}

// gifWriter writes an animated GIF (GIF89a) frame by frame, holding none
// of the frames: image/gif's EncodeAll needs them all at once (680 frames
// of 640 × 480 pixels, a 170 ms run at decim 10, would take 209 MB). It
// writes the same blocks as image/gif, whose decoder reads them back:
// one global colour table of 256 entries, the NETSCAPE2.0 extension
// (loop forever), and per frame a graphic control extension (delay,
// disposal "leave in place", transparency) and an image with LZW data
// from compress/lzw, as image/gif writes it.
type gifWriter struct {
	w   *bufio.Writer
	err error
}

// newGIFWriter writes the header of a width × height animation with the
// 256-colour palette p.
func newGIFWriter(w io.Writer, width, height int, p color.Palette) (*gifWriter, error) {
	if len(p) != 256 || width < 1 || height < 1 || width > 0xffff || height > 0xffff {
		return nil, errors.New("netview: GIF: 256 colours and 1 to 65535 pixels a side needed")
	}
	g := &gifWriter{w: bufio.NewWriter(w)}
	g.write([]byte("GIF89a"))
	g.u16(width)
	g.u16(height)
	// global colour table of 2^(7+1) entries, 8 bits per primary
	g.write([]byte{0x80 | 7<<4 | 7, 0, 0})
	for _, c := range p {
		rgba := color.RGBAModel.Convert(c).(color.RGBA)
		g.write([]byte{rgba.R, rgba.G, rgba.B})
	}
	// application extension: loop forever
	g.write([]byte{0x21, 0xff, 11})
	g.write([]byte("NETSCAPE2.0"))
	g.write([]byte{3, 1, 0, 0, 0})
	return g, g.err
}

func (g *gifWriter) write(b []byte) {
	if g.err == nil {
		_, g.err = g.w.Write(b)
	}
}

func (g *gifWriter) u16(v int) { g.write([]byte{byte(v), byte(v >> 8)}) }

// frame writes the pixels pix (row-major, r.Dx() per row) at r, shown
// for delay hundredths of a second and left in place; palette entry
// transparent (-1: none) leaves the pixel below visible.
func (g *gifWriter) frame(pix []uint8, r image.Rectangle, delay, transparent int) error {
	flags := byte(1 << 2) // disposal: leave in place
	ti := byte(0)
	if transparent >= 0 {
		flags |= 1
		ti = byte(transparent)
	}
	g.write([]byte{0x21, 0xf9, 4, flags})
	g.u16(delay)
	g.write([]byte{ti, 0})
	g.write([]byte{0x2c})
	g.u16(r.Min.X)
	g.u16(r.Min.Y)
	g.u16(r.Dx())
	g.u16(r.Dy())
	g.write([]byte{0, 8}) // no local colour table; LZW code size 8
	if g.err != nil {
		return g.err
	}
	bw := &blockWriter{w: g.w}
	lw := lzw.NewWriter(bw, lzw.LSB, 8)
	if _, err := lw.Write(pix[:r.Dx()*r.Dy()]); err != nil {
		return err
	}
	if err := lw.Close(); err != nil {
		return err
	}
	return bw.close()
}

// close writes the trailer and flushes.
func (g *gifWriter) close() error {
	g.write([]byte{0x3b})
	if g.err != nil {
		return g.err
	}
	return g.w.Flush()
}

// blockWriter cuts a stream into GIF data sub-blocks of at most 255 bytes,
// each after its length, ended by an empty block.
type blockWriter struct {
	w   *bufio.Writer
	buf [255]byte
	n   int
}

func (b *blockWriter) Write(p []byte) (int, error) {
	for i, c := range p {
		b.buf[b.n] = c
		b.n++
		if b.n == len(b.buf) {
			if err := b.flush(); err != nil {
				return i, err
			}
		}
	}
	return len(p), nil
}

func (b *blockWriter) flush() error {
	if b.n == 0 {
		return nil
	}
	if err := b.w.WriteByte(byte(b.n)); err != nil {
		return err
	}
	_, err := b.w.Write(b.buf[:b.n])
	b.n = 0
	return err
}

func (b *blockWriter) close() error {
	if err := b.flush(); err != nil {
		return err
	}
	return b.w.WriteByte(0)
}
