package record

import (
	"fmt"
	"strconv"
)

// Column is one sampled variable.
type Column struct {
	// Name is the variable's name with its unit, e.g. "v_soma_mV".
	Name string
	Data []float64
}

// Trace is a set of variables sampled at common times.
type Trace struct {
	// TimeMs holds the sample times, ms.
	TimeMs  []float64
	Columns []Column
}

// Check reports whether every column has one value per sample time.
func (t *Trace) Check() error {
	for _, c := range t.Columns {
		if len(c.Data) != len(t.TimeMs) {
			return fmt.Errorf("record: column %s has %d samples for %d times", c.Name, len(c.Data), len(t.TimeMs))
		}
	}
	return nil
}

// Spike is one spike: its time (ms) and its source.
type Spike struct {
	TimeMs float64
	GID    GID
}

// Series is what a monitor recorded of one variable of some neurons of a
// point population.
type Series struct {
	// Population and Variable name what was recorded; Unit is the
	// variable's unit.
	Population string `json:"population"`
	Variable   string `json:"variable"`
	Unit       string `json:"unit"`
	// Neurons lists the local indices recorded.
	Neurons []int `json:"neurons"`
	// TimeMs holds the sample times; Data[i] the samples of Neurons[i].
	TimeMs []float64   `json:"time_ms"`
	Data   [][]float64 `json:"data"`
}

// Trace returns the series as a Trace, one column per neuron named
// <variable>_<unit> (one neuron) or <variable>_<unit>[i].
func (s *Series) Trace() *Trace {
	tr := &Trace{TimeMs: s.TimeMs}
	for i, j := range s.Neurons {
		name := s.Variable + "_" + s.Unit
		if len(s.Neurons) > 1 {
			name += "[" + strconv.Itoa(j) + "]"
		}
		tr.Columns = append(tr.Columns, Column{Name: name, Data: s.Data[i]})
	}
	return tr
}

// FindSeries returns the first series of variable of population pop.
func FindSeries(all []Series, pop, variable string) (*Series, bool) {
	for i := range all {
		if all[i].Population == pop && all[i].Variable == variable {
			return &all[i], true
		}
	}
	return nil, false
}

// Potentials is what an extracellular electrode array recorded in one
// trial: per contact, the potential at every sample time, µV.
type Potentials struct {
	Array       string       `json:"array"`
	PositionsUm [][3]float64 `json:"positions_um"`
	// TimeMs holds the sample times (filled by the run's result).
	TimeMs []float64 `json:"time_ms"`
	// DataUV[c] holds contact c's samples, µV.
	DataUV [][]float64 `json:"data_uV"`
}
