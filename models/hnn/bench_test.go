package hnn_test

import (
	"fmt"
	"testing"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/models/hnn"
)

// benchmarkCell runs one HNN cell for 1 s of biological time at dt 0.025 ms
// (40,000 steps) with the reference protocol's 1 nA clamp from 20 to 120 ms,
// and reports the cost per segment-step (segments: the sum of nseg, as in
// NEURON) and per simulated second.
func benchmarkCell(b *testing.B, cellType string, mode mech.RateMode) {
	c, err := hnn.NewCell(cellType)
	if err != nil {
		b.Fatal(err)
	}
	c.SetGlobal(builtin.Catalogue(), "usetable", float64(mode))
	c.Points = append(c.Points, cell.Place{Mech: "IClamp", Section: "soma", X: 0.5,
		Params: map[string]float64{"del": 20, "dur": 100, "amp": 1}})
	nseg := 0
	for _, s := range c.Sections {
		nseg += s.NSeg
	}
	s, err := engine.New([]*cell.Cell{c}, engine.Config{DtMs: 0.025, Celsius: 37, Catalogue: builtin.Catalogue()})
	if err != nil {
		b.Fatal(err)
	}
	const tstop = 1000
	steps := engine.Steps(tstop, 0.025)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := s.Run(tstop); err != nil {
			b.Fatal(err)
		}
	}
	perRun := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(perRun/float64(steps*nseg), "ns/seg-step")
	b.ReportMetric(perRun/1e9, "s/bio-s")
}

// The benchmarks run each cell in NEURON's default rate mode (TABLE) and in
// Lamina's fast mode (usetable = 2).
func BenchmarkL5Pyramidal1s(b *testing.B) { benchmarkModes(b, hnn.L5Pyramidal) }
func BenchmarkL2Pyramidal1s(b *testing.B) { benchmarkModes(b, hnn.L2Pyramidal) }
func BenchmarkBasket1s(b *testing.B)      { benchmarkModes(b, hnn.L2Basket) }

func benchmarkModes(b *testing.B, cellType string) {
	b.Run("table", func(b *testing.B) { benchmarkCell(b, cellType, mech.RatesTable) })
	b.Run("fast", func(b *testing.B) { benchmarkCell(b, cellType, mech.RatesFast) })
}

// BenchmarkERP times one trial of the ERP example (170 ms, dt 0.025 ms, one
// thread) after the network is built, and reports ns per segment-step
// (segments: the sum of nseg over all 270 cells). For the side-by-side
// figure against NEURON 8.2.2 + HNN-core (whole processes, alternated,
// medians and ranges) see the README's Performance section and go run
// ./bench; HNN-core's time on this shared VM has ranged 19-32 s.
func BenchmarkERP(b *testing.B) {
	for _, c := range []struct {
		mode    mech.RateMode
		threads int
	}{{mech.RatesTable, 1}, {mech.RatesFast, 1}, {mech.RatesTable, 2}, {mech.RatesFast, 2}} {
		name := fmt.Sprintf("%s/threads=%d", map[mech.RateMode]string{mech.RatesTable: "table", mech.RatesFast: "fast"}[c.mode], c.threads)
		mode := c.mode
		b.Run(name, func(b *testing.B) {
			net := hnn.ERP()
			cat := builtin.Catalogue()
			nseg := 0
			for _, p := range net.Populations {
				p.Cell.SetGlobal(cat, "usetable", float64(mode))
				for _, s := range p.Cell.Sections {
					nseg += s.NSeg * len(p.Positions)
				}
			}
			s, err := engine.NewNetwork(net, engine.Config{DtMs: 0.025, Catalogue: cat, Threads: c.threads})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if err := s.Run(170); err != nil {
					b.Fatal(err)
				}
			}
			perRun := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(perRun/1e9, "s/trial")
			b.ReportMetric(perRun/float64(engine.Steps(170, 0.025)*nseg), "ns/seg-step")
		})
	}
}

// BenchmarkERPBuild times building the ERP network (HNN-core/NEURON: about
// 8 s).
func BenchmarkERPBuild(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			for b.Loop() {
				if _, err := engine.NewNetwork(hnn.ERP(), engine.Config{DtMs: 0.025, Catalogue: builtin.Catalogue(), Threads: threads}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
