package lfp

import (
	"math"
	"strings"
	"testing"
)

// examplePositions are the contacts of HNN-core's extracellular-recording
// example: x = y = 135 µm, z = -325, -225, ..., 2075 µm.
func examplePositions() [][3]float64 {
	var p [][3]float64
	for z := -325.0; z < 2150; z += 100 {
		p = append(p, [3]float64{135, 135, z})
	}
	return p
}

func TestLaminarZ(t *testing.T) {
	line := func(n int, step [3]float64) [][3]float64 {
		p := make([][3]float64, n)
		for i := range p {
			for k := range 3 {
				p[i][k] = 10 + float64(i)*step[k]
			}
		}
		return p
	}
	cases := []struct {
		name   string
		pos    [][3]float64
		depths []float64
		delta  float64
		errMsg string // "" for no error
	}{
		{"HNN-core example", examplePositions(), nil, 100, ""},
		{"two contacts", [][3]float64{{0, 0, 0}, {0, 0, 50}}, []float64{0, 50}, 50, ""},
		{"descending", line(3, [3]float64{0, 0, -25}), []float64{10, -15, -40}, 25, ""},
		{"tilted: delta is the z step", line(3, [3]float64{30, 0, 40}), []float64{10, 50, 90}, 40, ""},
		// np.allclose: spacings equal within 1e-8 + 1e-5 × 100 µm = 1.00001e-3 µm
		{"spacing within allclose", [][3]float64{{0, 0, 0}, {0, 0, 100}, {0, 0, 200.0009}}, []float64{0, 100, 200.0009}, 100, ""},
		{"spacing beyond allclose", [][3]float64{{0, 0, 0}, {0, 0, 100}, {0, 0, 200.0011}}, nil, 0, "equally spaced"},
		// cross product 1e-7 × 100 = 1e-5 µm² > 1e-8
		{"off the line", [][3]float64{{0, 0, 0}, {0, 0, 100}, {1e-7, 0, 200}}, nil, 0, "not colinear"},
		{"bent", [][3]float64{{0, 0, 0}, {0, 0, 100}, {60, 0, 180}}, nil, 0, "not colinear"},
		{"horizontal", line(4, [3]float64{100, 0, 0}), nil, 0, "same z"},
		{"one contact", [][3]float64{{0, 0, 0}}, nil, 0, "more than 1 contact, got 1"},
		{"no contacts", nil, nil, 0, "more than 1 contact, got 0"},
		{"NaN", [][3]float64{{0, 0, 0}, {0, 0, math.NaN()}}, nil, 0, "not a finite position"},
		{"infinite", [][3]float64{{0, 0, 0}, {0, math.Inf(1), 0}}, nil, 0, "not a finite position"},
		// Lamina only: HNN-core accepts a line that turns back on itself.
		{"turns back", [][3]float64{{0, 0, 0}, {0, 0, 100}, {0, 0, 0}}, nil, 0, "turns back"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			depths, delta, err := LaminarZ(c.pos)
			if c.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), c.errMsg) {
					t.Fatalf("error %v, want one containing %q", err, c.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if delta != c.delta {
				t.Errorf("delta %v µm, want %v", delta, c.delta)
			}
			want := c.depths
			if want == nil {
				for _, p := range c.pos {
					want = append(want, p[2])
				}
			}
			if len(depths) != len(want) {
				t.Fatalf("%d depths, want %d", len(depths), len(want))
			}
			for i := range want {
				if depths[i] != want[i] {
					t.Errorf("depth %d: %v, want %v", i, depths[i], want[i])
				}
			}
		})
	}
}
