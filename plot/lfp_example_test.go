package plot_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/laminasim/lamina/lfp"
	"github.com/laminasim/lamina/plot"
)

// ExampleCSD draws the CSD of a synthetic laminar recording: a dip in the
// potential that travels up 11 contacts over 100 ms, smoothed with
// HNN-core's 10 ms window, then differentiated with lfp.CSD2D.
func ExampleCSD() {
	var positions [][3]float64
	for z := 0.0; z <= 1000; z += 100 {
		positions = append(positions, [3]float64{0, 0, z})
	}
	depths, delta, err := lfp.LaminarZ(positions)
	if err != nil {
		panic(err)
	}
	times := make([]float64, 2001) // 0.05 ms steps
	potentials := make([][]float64, len(depths))
	for c := range potentials {
		potentials[c] = make([]float64, len(times))
	}
	for s := range times {
		times[s] = 0.05 * float64(s)
		for c, z := range depths {
			potentials[c][s] = -100 * math.Exp(-math.Pow((z-10*times[s])/150, 2))
		}
	}
	if _, err := lfp.Smooth(potentials, potentials, times, 10); err != nil {
		panic(err)
	}
	csd, err := lfp.CSD2D(nil, potentials, delta)
	if err != nil {
		panic(err)
	}
	fig, err := plot.CSD(times, csd, depths, plot.DefaultLFPOptions(), "travelling sink")
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "lamina-csd")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	if err := plot.SaveFigure(fig, filepath.Join(dir, "csd.png"), 500, 300); err != nil {
		panic(err)
	}
	fmt.Println("wrote csd.png")
	// Output:
	// wrote csd.png
}
