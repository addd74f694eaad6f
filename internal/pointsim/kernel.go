package pointsim

import (
	"fmt"

	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
)

// kernel is what the engine needs of a population's model: one call per
// population and part per step, never per neuron.
type kernel interface {
	// init sets the scheme's initial counters.
	init()
	// setV0 sets neuron i's initial potential (mV).
	setV0(i int, v float64)
	// rest returns the leak potential (mV).
	rest() float64
	// step advances neurons [lo, hi); see the point kernels.
	step(lo, hi int, in, iext [][]float64, fired []int32) []int32
	// variable returns the state slice of a monitored variable.
	variable(name string) ([]float64, bool)
	// spikeOffset returns the time within the last step (ms after its
	// start) at which neuron i fired, for kernels that time spikes within
	// the step; ok is false for those that stamp the step's end.
	spikeOffset(i int) (ms float64, ok bool)
}

// gridSpikes is embedded by kernels that stamp spikes at the step's end.
type gridSpikes struct{}

func (gridSpikes) spikeOffset(int) (float64, bool) { return 0, false }

type lifKernel struct {
	gridSpikes
	v *point.LIFVars
	s *point.LIFState
}

func (k *lifKernel) init()                  { k.v.Init(k.s) }
func (k *lifKernel) setV0(i int, v float64) { k.s.V[i] = v }
func (k *lifKernel) rest() float64          { return k.v.Params().ELmV }
func (k *lifKernel) step(lo, hi int, in, iext [][]float64, fired []int32) []int32 {
	return k.v.Step(k.s, lo, hi, in, iext, fired)
}
func (k *lifKernel) variable(name string) ([]float64, bool) { return k.s.Var(name) }

type ifCondKernel struct {
	gridSpikes
	v *point.IFCondVars
	s *point.IFCondState
}

func (k *ifCondKernel) init()                  { k.v.Init(k.s) }
func (k *ifCondKernel) setV0(i int, v float64) { k.s.V[i] = v }
func (k *ifCondKernel) rest() float64          { return k.v.Params().ELmV }
func (k *ifCondKernel) step(lo, hi int, in, iext [][]float64, fired []int32) []int32 {
	return k.v.Step(k.s, lo, hi, in, iext, fired)
}
func (k *ifCondKernel) variable(name string) ([]float64, bool) { return k.s.Var(name) }

type adexKernel struct {
	v *point.AdExVars
	s *point.AdExState
}

func (k *adexKernel) init()                  { k.v.Init(k.s) }
func (k *adexKernel) setV0(i int, v float64) { k.s.V[i] = v }
func (k *adexKernel) rest() float64          { return k.v.Params().ELmV }
func (k *adexKernel) step(lo, hi int, in, iext [][]float64, fired []int32) []int32 {
	return k.v.Step(k.s, lo, hi, in, iext, fired)
}
func (k *adexKernel) variable(name string) ([]float64, bool) { return k.s.Var(name) }
func (k *adexKernel) spikeOffset(i int) (float64, bool) {
	if !k.v.PreciseSpikes() {
		return 0, false
	}
	return k.s.SpikeOffset(i), true
}

type ballStickKernel struct {
	gridSpikes
	v *point.BallStickVars
	s *point.BallStickState
}

func (k *ballStickKernel) init()                  { k.v.Init(k.s) }
func (k *ballStickKernel) setV0(i int, v float64) { k.s.Vs[i], k.s.Vd[i] = v, v }
func (k *ballStickKernel) rest() float64          { return k.v.Params().ELmV }
func (k *ballStickKernel) step(lo, hi int, in, iext [][]float64, fired []int32) []int32 {
	return k.v.Step(k.s, lo, hi, in, iext, fired)
}
func (k *ballStickKernel) variable(name string) ([]float64, bool) { return k.s.Var(name) }

// newKernel lowers a population's model.
func newKernel(p *pointnet.Population, dt float64, s point.Scheme) (kernel, pointnet.Model, error) {
	m, err := p.Params()
	if err != nil {
		return nil, nil, err
	}
	switch q := m.(type) {
	case point.LIFParams:
		v, err := q.Prepare(dt, s)
		if err != nil {
			return nil, nil, err
		}
		return &lifKernel{v: v, s: point.NewLIFState(p.N)}, m, nil
	case point.IFCondParams:
		v, err := q.Prepare(dt, s)
		if err != nil {
			return nil, nil, err
		}
		return &ifCondKernel{v: v, s: point.NewIFCondState(p.N)}, m, nil
	case point.AdExParams:
		v, err := q.Prepare(dt, s)
		if err != nil {
			return nil, nil, err
		}
		return &adexKernel{v, point.NewAdExState(p.N)}, m, nil
	case point.BallStickParams:
		v, err := q.Prepare(dt, s)
		if err != nil {
			return nil, nil, err
		}
		return &ballStickKernel{v: v, s: q.NewState(p.N)}, m, nil
	}
	return nil, nil, fmt.Errorf("pointsim: population %s: model %s not supported", p.Name, p.Model)
}
