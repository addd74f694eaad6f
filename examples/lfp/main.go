// Command lfp mirrors HNN-core's gallery example
// plot_record_extracellular_potentials.py: the Jones 2009 column at 30 µm
// spacing with the ERP drives, a laminar array of 25 contacts at (135,
// 135, z), z = -325, ..., 2075 µm, recording the extracellular potential
// every step; then the example's four panels (dipole and potentials
// smoothed 10 ms, drawn at 2 kHz; raster; CSD).
//
//	go run ./examples/lfp -out out/lfp
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/simulate"
	"github.com/laminasim/lamina/spec"
)

func main() {
	out := flag.String("out", "out/lfp", "output directory (replaced by the run's files)")
	tstop := flag.Float64("tstop-ms", 170, "simulated time, ms")
	trials := flag.Int("trials", 1, "number of trials")
	flag.Parse()

	// net = neymotin_2020_model(); add_erp_drives_to_jones_model(net)
	// net.set_cell_positions(inplane_distance=30.)
	// net.add_electrode_array('shank1', [(135, 135, z) for z in range(-325, 2150, 100)])
	net := hnn.LFP()

	// dpl = simulate_dipole(net, tstop=170); smoothed 10 ms for the figure,
	// decimated by 5 then 4 for drawing
	run := &spec.Run{Network: net, TStopMs: *tstop, Trials: *trials,
		Output: spec.Output{SmoothMs: 10, LFPSmoothMs: 10, PlotDecim: []int{5, 4}, Plot: true}}
	res, err := simulate.Run(context.Background(), run, simulate.Env{})
	if err != nil {
		log.Fatal(err)
	}
	p := res.Trials[0].Potentials[0]
	lo, hi := 0.0, 0.0
	for _, c := range p.DataUV {
		for _, v := range c {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	fmt.Printf("%s: %d contacts, %d samples, potentials from %.1f to %.1f µV\n", p.Array, len(p.DataUV), len(p.TimeMs), lo, hi)
	rep, err := output.Write(*out, res)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", rep.Files, "in", *out)
}
