package plot_test

import (
	"image/color"
	"reflect"
	"testing"

	"github.com/laminasim/lamina/plot"
)

// TestPaletteIsFresh checks that mutating the returned palette does not
// change what the next call returns.
func TestPaletteIsFresh(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func([]color.Color) []color.Color
	}{
		{"set", func(p []color.Color) []color.Color { p[0] = color.White; return p }},
		{"append", func(p []color.Color) []color.Color { return append(p, color.White) }},
		{"clear", func(p []color.Color) []color.Color { clear(p); return p }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := plot.Palette()
			if m := tc.mutate(plot.Palette()); reflect.DeepEqual(m, want) {
				t.Fatalf("mutation left %v unchanged", m)
			}
			if got := plot.Palette(); !reflect.DeepEqual(got, want) {
				t.Errorf("after mutating a result: %v, want %v", got, want)
			}
		})
	}
	if p := plot.Palette(); len(p) != 7 || p[0] != (color.RGBA{0, 0, 0, 255}) {
		t.Errorf("palette %v, want the 7 Okabe-Ito colours, black first", p)
	}
}
