package netview_test

import (
	"bytes"
	"fmt"
	"image/gif"
	"log"
	"math"

	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/plot/netview"
)

// ExampleMovie animates the animation example's network over 2 ms (81
// samples 0.025 ms apart) with made-up potentials that travel up the
// cortical depth; a simulated run's come from NewRecording
// (results.Trial.VSec) or ReadRecording (vsec_trial<k>.csv).
func ExampleMovie() {
	scene, err := netview.NewScene(hnn.Animation())
	if err != nil {
		log.Fatal(err)
	}
	rec := &netview.Recording{}
	for i := range 81 {
		t := 0.025 * float64(i)
		row := make([]float32, len(scene.Sections))
		for j, s := range scene.Sections {
			z := (s.Ends[0].Z + s.Ends[1].Z) / 2
			row[j] = float32(-65 + 60*math.Exp(-math.Pow((z-1000*t)/200, 2)))
		}
		rec.TimesMs, rec.VMV = append(rec.TimesMs, t), append(rec.VMV, row)
	}
	view := netview.DefaultView()
	view.Title = "a wave"
	r, err := netview.NewRenderer(scene, view)
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	opt := netview.DefaultMovieOptions() // fps 30, decim 10, as export_movie
	if err := netview.Movie(&b, r, rec, opt); err != nil {
		log.Fatal(err)
	}
	g, err := gif.DecodeAll(&b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d sections, %d frames of %d × %d pixels, %d hundredths of a second each\n",
		len(scene.Sections), len(g.Image), g.Config.Width, g.Config.Height, g.Delay[0])
	// Output:
	// 159 sections, 8 frames of 640 × 480 pixels, 3 hundredths of a second each
}
