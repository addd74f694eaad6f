package netview

import (
	"fmt"
	"image/color"
	"math"
	"slices"
)

// ColorMap maps a value in [0, 1] to a colour as matplotlib's
// ListedColormap does: of N colours, x takes colour int(x·N), with x = 1
// the last; values below 0 and above 1 take the first and last colours
// (matplotlib's default under and over colours) and NaN none (its "bad"
// colour is transparent).
type ColorMap struct {
	name   string
	colors []color.RGBA
}

// Viridis returns matplotlib's default colour map, viridis (256 colours),
// which HNN-core's NetworkPlotter uses for membrane potentials.
func Viridis() ColorMap {
	c := make([]color.RGBA, len(viridisData))
	for i, v := range viridisData {
		c[i] = color.RGBA{to8(v[0]), to8(v[1]), to8(v[2]), 255}
	}
	return ColorMap{name: "viridis", colors: c}
}

// to8 converts a colour component in [0, 1] to 8 bits, rounding.
func to8(v float64) uint8 { return uint8(math.Round(255 * v)) }

// NewColorMap returns a colour map of the given opaque colours, from the
// colour of 0 to the colour of 1. It needs 2 to 256 colours.
func NewColorMap(name string, colors []color.RGBA) (ColorMap, error) {
	if len(colors) < 2 || len(colors) > 256 {
		return ColorMap{}, fmt.Errorf("netview: colour map %q: %d colours, want 2 to 256", name, len(colors))
	}
	for i, c := range colors {
		if c.A != 255 {
			return ColorMap{}, fmt.Errorf("netview: colour map %q: colour %d has alpha %d, want opaque colours", name, i, c.A)
		}
	}
	return ColorMap{name: name, colors: slices.Clone(colors)}, nil
}

// Name returns the colour map's name.
func (m ColorMap) Name() string { return m.name }

// Len returns the number of colours.
func (m ColorMap) Len() int { return len(m.colors) }

// Colors returns the colours in a new slice.
func (m ColorMap) Colors() []color.RGBA { return slices.Clone(m.colors) }

// Index returns the index of the colour of x, or -1 for NaN.
func (m ColorMap) Index(x float64) int {
	n := float64(len(m.colors))
	switch xn := x * n; {
	case math.IsNaN(xn):
		return -1
	case xn < 0:
		return 0
	case xn >= n:
		return len(m.colors) - 1
	default:
		return int(xn)
	}
}

// At returns the colour of x, transparent black for NaN.
func (m ColorMap) At(x float64) color.RGBA {
	if i := m.Index(x); i >= 0 {
		return m.colors[i]
	}
	return color.RGBA{}
}
