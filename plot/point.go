package plot

import (
	"fmt"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/laminasim/lamina/record"
)

// Figures of point-neuron networks (packages pointnet, pointsim), after
// SpikingNeuralNetworks.jl's vecplot (traces, with add_spikes), raster and
// firing_rate plots. They take plain data, so that saved outputs can be
// drawn without the simulator.

// Pattern is one panel row of the AdEx firing-pattern figure: a neuron's
// membrane potential and adaptation current, sampled at TimeMs, and its
// spike times.
type Pattern struct {
	Name     string
	TimeMs   []float64
	VmV      []float64
	WpA      []float64
	SpikesMs []float64
}

// SpikePeakmV is the height to which spikes are drawn on voltage traces
// (SNN.jl's vecplot add_spikes draws them up to the spike's peak).
const SpikePeakmV = 20.0

// VoltageTrace draws a membrane potential with each spike as a vertical
// stroke from the trace up to SpikePeakmV, as SNN.jl's vecplot(...,
// add_spikes = true).
func VoltageTrace(timeMs, vmV, spikesMs []float64, title string) (*gplot.Plot, error) {
	if len(timeMs) != len(vmV) {
		return nil, fmt.Errorf("plot: voltage trace: %d times, %d values", len(timeMs), len(vmV))
	}
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "membrane potential (mV)"
	if len(timeMs) == 0 {
		return p, nil
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = timeTicks{}, valueTicks{}
	l, err := line(timeMs, vmV, color.Black, 0.8)
	if err != nil {
		return nil, err
	}
	p.Add(l)
	for _, ts := range spikesMs {
		v := sampleAt(timeMs, vmV, ts)
		s, err := line([]float64{ts, ts}, []float64{v, SpikePeakmV}, color.Black, 0.8)
		if err != nil {
			return nil, err
		}
		p.Add(s)
	}
	return p, nil
}

// sampleAt returns the sample of ys at or just before t.
func sampleAt(ts, ys []float64, t float64) float64 {
	lo, hi := 0, len(ts)
	for lo < hi {
		m := (lo + hi) / 2
		if ts[m] <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return ys[max(lo-1, 0)]
}

// AdExPatterns draws the AdEx firing-pattern figure of SNN.jl's tutorial:
// one row per pattern, its membrane potential with spikes on the left and
// its adaptation current on the right.
func AdExPatterns(patterns []Pattern, title string) (*Figure, error) {
	if len(patterns) == 0 {
		return nil, fmt.Errorf("plot: AdEx patterns: no patterns")
	}
	f := &Figure{}
	for i, pt := range patterns {
		if len(pt.WpA) != len(pt.TimeMs) {
			return nil, fmt.Errorf("plot: AdEx pattern %s: %d times, %d w values", pt.Name, len(pt.TimeMs), len(pt.WpA))
		}
		pv, err := VoltageTrace(pt.TimeMs, pt.VmV, pt.SpikesMs, pt.Name)
		if err != nil {
			return nil, err
		}
		pv.Y.Label.Text = "v (mV)"
		pv.Y.Min, pv.Y.Max = -80, SpikePeakmV+5
		pw := gplot.New()
		pw.Title.Text = pt.Name + ": adaptation"
		if i == 0 && title != "" {
			pv.Title.Text = title + ": " + pt.Name
		}
		pw.Y.Label.Text = "w (pA)"
		pw.X.Tick.Marker, pw.Y.Tick.Marker = timeTicks{}, valueTicks{}
		if len(pt.TimeMs) > 0 {
			l, err := line(pt.TimeMs, pt.WpA, color.Gray{Y: 110}, 0.8)
			if err != nil {
				return nil, err
			}
			pw.Add(l)
		}
		if i == len(patterns)-1 {
			pv.X.Label.Text, pw.X.Label.Text = "time (ms)", "time (ms)"
		} else {
			pv.X.Label.Text, pw.X.Label.Text = "", ""
		}
		f.Panels = append(f.Panels, []*gplot.Plot{pv, pw})
	}
	return f, nil
}

// RateSeries is a population firing rate over time.
type RateSeries struct {
	Name      string
	CentersMs []float64
	RateHz    []float64
}

// PopulationRates draws population firing rates over time, one line per
// population (SNN.jl's firing_rate with pop_average = true).
func PopulationRates(series []RateSeries, title string) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "firing rate (Hz)"
	p.X.Tick.Marker, p.Y.Tick.Marker = timeTicks{}, plainTicks{}
	for i, s := range series {
		if len(s.CentersMs) != len(s.RateHz) {
			return nil, fmt.Errorf("plot: rates of %s: %d times, %d rates", s.Name, len(s.CentersMs), len(s.RateHz))
		}
		if len(s.CentersMs) == 0 {
			continue
		}
		l, err := line(s.CentersMs, s.RateHz, palette[(i+1)%len(palette)], 1.5)
		if err != nil {
			return nil, err
		}
		p.Add(l)
		p.Legend.Add(s.Name, l)
	}
	p.Add(plotter.NewGrid())
	placeRatesLegend(p, series)
	return p, nil
}

// placeRatesLegend puts the legend of a rates plot inside its axes, off
// the lines (legendInside); call it again once the time range is set.
func placeRatesLegend(p *gplot.Plot, series []RateSeries) {
	var names []string
	var xys []plotter.XYs
	for _, s := range series {
		if len(s.CentersMs) == 0 {
			continue
		}
		xy := make(plotter.XYs, len(s.CentersMs))
		for k := range xy {
			xy[k] = plotter.XY{X: s.CentersMs[k], Y: s.RateHz[k]}
		}
		names, xys = append(names, s.Name), append(xys, xy)
	}
	legendInside(p, names, xys...)
}

// Rates bins the spikes of each population (not the Poisson layers) into
// a population rate: spikes per neuron per second in bins of binMs over
// [fromMs, toMs).
func Rates(spikes []record.Spike, ranges []record.Range, fromMs, toMs, binMs float64) ([]RateSeries, error) {
	if !(binMs > 0) || !(toMs > fromMs) {
		return nil, fmt.Errorf("plot: rates: bin %g ms over [%g, %g) ms", binMs, fromMs, toMs)
	}
	nb := int(math.Ceil((toMs - fromMs) / binMs))
	var out []RateSeries
	for _, r := range ranges {
		if r.Source() || r.N == 0 {
			continue
		}
		counts := make([]float64, nb)
		for _, s := range spikes {
			if r.Contains(s.GID) && s.TimeMs >= fromMs && s.TimeMs < toMs {
				counts[int((s.TimeMs-fromMs)/binMs)]++
			}
		}
		rs := RateSeries{Name: r.Name, CentersMs: make([]float64, nb), RateHz: make([]float64, nb)}
		for b := range nb {
			rs.CentersMs[b] = fromMs + (float64(b)+0.5)*binMs
			rs.RateHz[b] = counts[b] / float64(r.N) / (binMs / 1000)
		}
		out = append(out, rs)
	}
	return out, nil
}

// PointRaster draws the spikes in [fromMs, toMs) of every every-th neuron
// of each range (every 40th in SNN.jl's raster(model.pop, every = 40)),
// one row per neuron drawn, populations coloured and labelled, Poisson
// layers included when withPoisson is set.
func PointRaster(spikes []record.Spike, ranges []record.Range, fromMs, toMs float64, every int, withPoisson bool, title string) (*gplot.Plot, error) {
	if every < 1 {
		return nil, fmt.Errorf("plot: raster: every = %d, must be >= 1", every)
	}
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = "neuron"
	var ticks []gplot.Tick
	row := 0
	rowOf := map[record.GID]int{}
	for i, r := range ranges {
		if r.Source() && !withPoisson {
			continue
		}
		first := row
		for k := 0; k < r.N; k += every {
			rowOf[r.First+record.GID(k)] = row
			row++
		}
		ticks = append(ticks, gplot.Tick{Value: float64(first+row-1) / 2, Label: r.Name})
		var xy plotter.XYs
		for _, s := range spikes {
			if r.Contains(s.GID) && int(s.GID-r.First)%every == 0 && s.TimeMs >= fromMs && s.TimeMs < toMs {
				xy = append(xy, plotter.XY{X: s.TimeMs, Y: float64(rowOf[s.GID])})
			}
		}
		if len(xy) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(0.7)
		sc.GlyphStyle.Color = palette[(i+1)%len(palette)]
		p.Add(sc)
	}
	p.Y.Tick.Marker = gplot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = fromMs, toMs
	p.X.Tick.Marker = timeTicks{}
	return p, nil
}

// PointNetwork draws SNN.jl's recurrent-network figure: the population
// rates (bins of binMs) over [fromMs, toMs) above a raster of every
// every-th neuron.
func PointNetwork(spikes []record.Spike, ranges []record.Range, fromMs, toMs, binMs float64, every int, title string) (*Figure, error) {
	rs, err := Rates(spikes, ranges, fromMs, toMs, binMs)
	if err != nil {
		return nil, err
	}
	pr, err := PopulationRates(rs, title)
	if err != nil {
		return nil, err
	}
	pr.X.Min, pr.X.Max = fromMs, toMs
	placeRatesLegend(pr, rs)
	pa, err := PointRaster(spikes, ranges, fromMs, toMs, every, false, "")
	if err != nil {
		return nil, err
	}
	return &Figure{Panels: [][]*gplot.Plot{{pr}, {pa}}}, nil
}

// HighConductance draws the balanced-input figure of SNN.jl's tutorial
// (one neuron under excitatory and inhibitory Poisson input): a raster of
// the input sources, the synaptic currents ge·(v - Ee) and gi·(v - Ei) (pA,
// as SNN.jl's gplot), and the membrane potential with spikes.
func HighConductance(spikes []record.Spike, ranges []record.Range, timeMs, vmV, geNS, giNS []float64, eExcmV, eInhmV float64, title string) (*Figure, error) {
	if len(vmV) != len(timeMs) || len(geNS) != len(timeMs) || len(giNS) != len(timeMs) {
		return nil, fmt.Errorf("plot: high conductance: %d times, %d v, %d ge, %d gi", len(timeMs), len(vmV), len(geNS), len(giNS))
	}
	var inputs []record.Range
	for _, r := range ranges {
		if r.Source() {
			inputs = append(inputs, r)
		}
	}
	stop := 0.0
	if len(timeMs) > 0 {
		stop = timeMs[len(timeMs)-1]
	}
	pa, err := PointRaster(spikes, inputs, 0, math.Max(stop, 1e-9), 1, true, title)
	if err != nil {
		return nil, err
	}
	pa.Y.Label.Text = "input source"
	ps := gplot.New()
	ps.Y.Label.Text = "synaptic current (pA)"
	ps.X.Tick.Marker, ps.Y.Tick.Marker = timeTicks{}, plainTicks{}
	ie, ii := make([]float64, len(timeMs)), make([]float64, len(timeMs))
	for k := range timeMs {
		ie[k] = -geNS[k] * (vmV[k] - eExcmV)
		ii[k] = -giNS[k] * (vmV[k] - eInhmV)
	}
	for i, c := range []struct {
		name string
		y    []float64
	}{{"excitatory", ie}, {"inhibitory", ii}} {
		if len(timeMs) == 0 {
			break
		}
		l, err := line(timeMs, c.y, palette[i+1], 0.8)
		if err != nil {
			return nil, err
		}
		ps.Add(l)
		ps.Legend.Add(c.name, l)
	}
	if len(timeMs) > 0 {
		legendInside(ps, []string{"excitatory", "inhibitory"}, pairs(timeMs, ie), pairs(timeMs, ii))
	}
	var own []float64
	for _, r := range ranges {
		if !r.Source() {
			for _, s := range spikes {
				if r.Contains(s.GID) {
					own = append(own, s.TimeMs)
				}
			}
			break
		}
	}
	pv, err := VoltageTrace(timeMs, vmV, own, "")
	if err != nil {
		return nil, err
	}
	return &Figure{Panels: [][]*gplot.Plot{{pa}, {ps}, {pv}}}, nil
}

// TraceStack draws several traces in a column of panels sharing the time
// axis, one per trace, each with its title and y label.
func TraceStack(traces []*record.Trace, titles, yLabels []string) (*Figure, error) {
	if len(titles) != len(traces) || len(yLabels) != len(traces) {
		return nil, fmt.Errorf("plot: trace stack: %d traces, %d titles, %d labels", len(traces), len(titles), len(yLabels))
	}
	f := &Figure{}
	for i, tr := range traces {
		p, err := Traces(tr, titles[i], yLabels[i])
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, []*gplot.Plot{p})
	}
	return f, nil
}
