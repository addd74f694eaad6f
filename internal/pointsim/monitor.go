package pointsim

import (
	"fmt"
	"math"

	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/record"
)

// monitor samples variables of neurons of one population.
type monitor struct {
	pop     *pop
	vars    []string
	units   []string
	src     [][]float64
	neurons []int
	every   int64
	dt      float64
	times   []float64
	data    [][][]float64 // [var][neuron][sample]
}

func (s *Sim) newMonitor(p *pop, m pointnet.Monitor) (*monitor, error) {
	every := int64(1)
	if m.EveryMs > 0 {
		r := m.EveryMs / s.dt
		if math.Abs(r-math.Round(r)) > 1e-9*r {
			return nil, fmt.Errorf("pointsim: monitor of %s: every_ms = %g is not a whole number of steps of %g ms", p.name, m.EveryMs, s.dt)
		}
		every = int64(math.Round(r))
	}
	mon := &monitor{pop: p, every: every, dt: s.dt}
	units := map[string]string{}
	for _, v := range p.model.Variables() {
		units[v.Name] = v.Unit
	}
	units[pointnet.VariableI] = point.UnitPA
	for _, v := range m.Variables {
		if v == pointnet.VariableI {
			if p.iext[0] == nil {
				p.iext[0] = make([]float64, p.n)
			}
			mon.vars, mon.units, mon.src = append(mon.vars, v), append(mon.units, point.UnitPA), append(mon.src, p.iext[0])
			continue
		}
		src, ok := p.k.variable(v)
		if !ok {
			return nil, fmt.Errorf("pointsim: monitor of %s: no variable %q", p.name, v)
		}
		mon.vars, mon.units, mon.src = append(mon.vars, v), append(mon.units, units[v]), append(mon.src, src)
	}
	mon.neurons = m.Neurons
	if len(mon.neurons) == 0 {
		mon.neurons = make([]int, p.n)
		for i := range mon.neurons {
			mon.neurons[i] = i
		}
	}
	mon.data = make([][][]float64, len(mon.vars))
	for v := range mon.data {
		mon.data[v] = make([][]float64, len(mon.neurons))
	}
	return mon, nil
}

// sample records the state after step k (at t = k·dt) if k is a sampling
// step.
func (m *monitor) sample(k int64) {
	if k%m.every != 0 {
		return
	}
	m.times = append(m.times, float64(k)*m.dt)
	for v, src := range m.src {
		for i, j := range m.neurons {
			m.data[v][i] = append(m.data[v][i], src[j])
		}
	}
}

// reserve makes room for n more samples.
func (m *monitor) reserve(n int) {
	m.times = grow(m.times, n)
	for v := range m.data {
		for i := range m.data[v] {
			m.data[v][i] = grow(m.data[v][i], n)
		}
	}
}

func grow(x []float64, n int) []float64 {
	if cap(x)-len(x) >= n {
		return x
	}
	y := make([]float64, len(x), len(x)+n+1)
	copy(y, x)
	return y
}

// Traces returns every monitored variable, monitors in order, each
// monitor's variables in order. The slices are the simulation's.
func (s *Sim) Traces() []record.Series {
	var out []record.Series
	for _, m := range s.mons {
		for v := range m.vars {
			out = append(out, record.Series{Population: m.pop.name, Variable: m.vars[v], Unit: m.units[v],
				Neurons: m.neurons, TimeMs: m.times, Data: m.data[v]})
		}
	}
	return out
}

// Monitor returns the first trace of variable of population pop.
func (s *Sim) Monitor(pop, variable string) (*record.Series, bool) {
	return record.FindSeries(s.Traces(), pop, variable)
}

// Trace returns the first trace of variable of population pop.
func (r *Result) Trace(pop, variable string) (*record.Series, bool) {
	return record.FindSeries(r.Traces, pop, variable)
}
