package dist

import (
	"errors"
	"fmt"
	"sync"
)

// Comm is a communicator: Size ranks numbered 0 to Size-1 running the
// same program. The collective operations must be called by every rank,
// in the same order.
type Comm interface {
	// Rank is this process's rank.
	Rank() int
	// Size is the number of ranks.
	Size() int
	// Allgather contributes buf and returns every rank's contribution, by
	// rank (buffers may differ in length). The result is valid until the
	// next call.
	Allgather(buf []float64) ([][]float64, error)
	// AllreduceSum replaces x, on every rank, by the element-wise sum over
	// ranks (in rank order); every rank must pass the same length.
	AllreduceSum(x []float64) error
	// Barrier returns when every rank has called it.
	Barrier() error
}

// Single returns the communicator of a process that works alone.
func Single() Comm { return single{} }

type single struct{}

func (single) Rank() int { return 0 }
func (single) Size() int { return 1 }
func (single) Allgather(buf []float64) ([][]float64, error) {
	return [][]float64{buf}, nil
}
func (single) AllreduceSum([]float64) error { return nil }
func (single) Barrier() error               { return nil }

// NewGroup returns n ranks of one process, to be used by n goroutines,
// one each. They exchange data through memory; a collective blocks until
// every rank has joined it.
func NewGroup(n int) ([]Comm, error) {
	if n < 1 {
		return nil, fmt.Errorf("dist: group of %d ranks, need at least 1", n)
	}
	g := &group{n: n, bufs: make([][]float64, n)}
	g.cond = sync.NewCond(&g.mu)
	out := make([]Comm, n)
	for r := range out {
		out[r] = &member{g: g, rank: r}
	}
	return out, nil
}

// group is the shared state of in-process ranks: each collective is a
// round; ranks deposit their buffers, the last to arrive publishes the
// round's result, and everyone waits for the round to change.
type group struct {
	mu      sync.Mutex
	cond    *sync.Cond
	n       int
	arrived int
	round   uint64
	bufs    [][]float64
	result  [][]float64
	kind    string
	err     error
}

type member struct {
	g    *group
	rank int
}

func (m *member) Rank() int { return m.rank }
func (m *member) Size() int { return m.g.n }

// collective runs one round: every rank contributes buf; the last one
// combines them with finish.
func (m *member) collective(kind string, buf []float64, finish func(bufs [][]float64) ([][]float64, error)) ([][]float64, error) {
	g := m.g
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.arrived == 0 {
		g.kind = kind
	} else if g.kind != kind {
		g.err = fmt.Errorf("dist: rank %d called %s while others called %s", m.rank, kind, g.kind)
	}
	g.bufs[m.rank] = append([]float64(nil), buf...)
	g.arrived++
	round := g.round
	if g.arrived == g.n {
		if g.err == nil {
			g.result, g.err = finish(g.bufs)
		}
		g.bufs = make([][]float64, g.n)
		g.arrived = 0
		g.round++
		g.cond.Broadcast()
	} else {
		for g.round == round {
			g.cond.Wait()
		}
	}
	return g.result, g.err
}

func (m *member) Allgather(buf []float64) ([][]float64, error) {
	return m.collective("Allgather", buf, func(bufs [][]float64) ([][]float64, error) { return bufs, nil })
}

func (m *member) AllreduceSum(x []float64) error {
	res, err := m.collective("AllreduceSum", x, func(bufs [][]float64) ([][]float64, error) {
		sum := make([]float64, len(bufs[0]))
		for r, b := range bufs {
			if len(b) != len(sum) {
				return nil, fmt.Errorf("dist: AllreduceSum: rank %d passed %d values, rank 0 %d", r, len(b), len(sum))
			}
			for i, v := range b {
				sum[i] += v
			}
		}
		return [][]float64{sum}, nil
	})
	if err != nil {
		return err
	}
	copy(x, res[0])
	return nil
}

func (m *member) Barrier() error {
	_, err := m.collective("Barrier", nil, func([][]float64) ([][]float64, error) { return nil, nil })
	return err
}

// ErrRankFailed is wrapped by errors that report another rank's failure.
var ErrRankFailed = errors.New("another rank failed")

// AllgatherStrings is Allgather for strings: every rank contributes ss and
// receives every rank's, by rank. (Each string travels as its length and
// its bytes, one float64 each: meant for labels, not bulk data.)
func AllgatherStrings(c Comm, ss []string) ([][]string, error) {
	var buf []float64
	for _, s := range ss {
		buf = append(buf, float64(len(s)))
		for i := 0; i < len(s); i++ {
			buf = append(buf, float64(s[i]))
		}
	}
	all, err := c.Allgather(buf)
	if err != nil {
		return nil, err
	}
	out := make([][]string, len(all))
	for r, b := range all {
		for i := 0; i < len(b); {
			n := int(b[i])
			if n < 0 || i+1+n > len(b) {
				return nil, fmt.Errorf("dist: AllgatherStrings: rank %d sent a malformed buffer", r)
			}
			bs := make([]byte, n)
			for j := range bs {
				bs[j] = byte(b[i+1+j])
			}
			out[r] = append(out[r], string(bs))
			i += 1 + n
		}
	}
	return out, nil
}
