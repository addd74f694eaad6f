package simulate

import (
	"fmt"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/spec"
)

// Probe is a place on a cell: a section and a position x in [0, 1].
type Probe struct {
	Section string
	X       float64
}

// CellRun is one cell alone, as NEURON runs a single cell: its template
// (with any clamp as a point process), run length, step, temperature and
// rate mode, and where to record the membrane potential.
type CellRun struct {
	Cell          *cell.Cell
	TStopMs, DtMs float64
	Celsius       float64
	Rates         string
	Probes        []Probe
	Catalogue     *mech.Catalogue
}

// CellResult is what RunCell recorded: the potential at each probe (mV),
// sampled at TimesMs, and the spike times (ms).
type CellResult struct {
	Trace    *record.Trace
	SpikesMs []float64
}

// RunCell simulates one cell (NEURON's fixed step) and records v at its
// probes, one column "v_<section>_mV" (x 0.5) or "v_<section>(<x>)_mV"
// per probe.
func RunCell(r CellRun) (*CellResult, error) {
	if err := spec.CheckTiming(r.TStopMs, r.DtMs); err != nil {
		return nil, err
	}
	cat := r.Catalogue
	if cat == nil {
		cat = builtin.Catalogue()
	}
	s, err := engine.New([]*cell.Cell{r.Cell}, engine.Config{DtMs: r.DtMs, Celsius: r.Celsius, Catalogue: cat, Rates: r.Rates})
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(r.Probes))
	for i, p := range r.Probes {
		if ids[i], err = s.ProbeV(0, p.Section, p.X); err != nil {
			return nil, fmt.Errorf("probe %s(%g): %w", p.Section, p.X, err)
		}
	}
	if err := s.Run(r.TStopMs); err != nil {
		return nil, err
	}
	out := &CellResult{Trace: &record.Trace{TimeMs: s.Times()}}
	for i, p := range r.Probes {
		name := "v_" + p.Section + "_mV"
		if p.X != 0.5 {
			name = fmt.Sprintf("v_%s(%g)_mV", p.Section, p.X)
		}
		out.Trace.Columns = append(out.Trace.Columns, record.Column{Name: name, Data: s.Trace(ids[i])})
	}
	for _, sp := range s.Spikes() {
		out.SpikesMs = append(out.SpikesMs, sp.TimeMs)
	}
	return out, nil
}
