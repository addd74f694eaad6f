package pointsim

import (
	"math"
	"sync"

	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/rng"
)

// csr holds a projection's synapses by presynaptic index: the targets of
// pre j are tgt[off[j]:off[j+1]] (tgt16 when the post population has at
// most 65,536 neurons, tgt otherwise), in increasing order. Delivery
// streams these lists from memory (5 million synapses are far larger than
// the caches): 2 bytes a target instead of 4 halve that traffic.
type csr struct {
	off   []int
	tgt   []int32
	tgt16 []uint16
	// w holds per-synapse weights, nil when all equal the projection's.
	w []float64
	// d holds per-synapse delays in steps, nil when all equal.
	d []uint16
}

// bytes returns the memory the synapses take.
func (c *csr) bytes() int {
	return 8*len(c.off) + 4*len(c.tgt) + 2*len(c.tgt16) + 8*len(c.w) + 2*len(c.d)
}

// size returns the number of synapses.
func (c *csr) size() int { return len(c.tgt) + len(c.tgt16) }

// maxTgt16 is the largest post population whose targets fit in uint16.
const maxTgt16 = 1 << 16

// connSpec is a random connection rule lowered for building.
type connSpec struct {
	purpose    rng.Purpose
	seed       uint64
	npre       int
	npost      int
	postFirst  int  // gid of post neuron 0
	noSelf     bool // remove pre == post (same population, no autapses)
	p          float64
	rule       string
	mu, sigma  float64
	dlo, dhi   float64 // delay range, ms (dhi > dlo: per-synapse delays)
	dt         float64
	threads    int
	fixedSteps int // the delay in steps when dhi <= dlo
	// lo and hi bound the post neurons whose synapses are built (this
	// rank's); the others get none.
	lo, hi int
}

// inDegree returns SNN.jl's fixed in-degree: Npre - round((1-p)·Npre)
// (sparse_matrix with rule :Fixed zeroes round((1-ρ)·Npre) entries of each
// row; Julia's round is half to even).
func inDegree(npre int, p float64) int {
	return npre - int(math.RoundToEven((1-p)*float64(npre)))
}

// postList is the sampled input of a block of post neurons.
type postList struct {
	count []int32 // synapses per post
	pre   []int32
	w     []float64
	d     []uint16
}

// build samples the synapses onto posts [c.lo, c.hi) and returns them in
// CSR form. Each post neuron draws from its own stream, so the result does
// not depend on the number of threads or ranks.
func (c connSpec) build() *csr {
	m := c.hi - c.lo
	threads := max(1, min(c.threads, m))
	lists := make([]postList, threads)
	var wg sync.WaitGroup
	for t := range threads {
		a, b := c.lo+t*m/threads, c.lo+(t+1)*m/threads
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[t] = c.sample(a, b)
		}()
	}
	wg.Wait()
	// Transpose by counting sort: posts in increasing order, so every
	// pre's targets come out sorted.
	cnt := make([]int, c.npre+1)
	total := 0
	for _, l := range lists {
		for _, j := range l.pre {
			cnt[j+1]++
		}
		total += len(l.pre)
	}
	for j := 1; j <= c.npre; j++ {
		cnt[j] += cnt[j-1]
	}
	out := &csr{off: cnt}
	if c.npost <= maxTgt16 {
		out.tgt16 = make([]uint16, total)
	} else {
		out.tgt = make([]int32, total)
	}
	if c.sigma > 0 {
		out.w = make([]float64, total)
	}
	if c.dhi > c.dlo {
		out.d = make([]uint16, total)
	}
	pos := make([]int, c.npre)
	copy(pos, cnt[:c.npre])
	post := c.lo
	for _, l := range lists {
		k := 0
		for _, n := range l.count {
			for range n {
				j := l.pre[k]
				s := pos[j]
				pos[j]++
				if out.tgt16 != nil {
					out.tgt16[s] = uint16(post)
				} else {
					out.tgt[s] = int32(post)
				}
				if out.w != nil {
					out.w[s] = l.w[k]
				}
				if out.d != nil {
					out.d[s] = l.d[k]
				}
				k++
			}
			post++
		}
	}
	return out
}

// sample draws the inputs of posts [a, b).
func (c connSpec) sample(a, b int) postList {
	var l postList
	l.count = make([]int32, 0, b-a)
	var mark []bool
	k := 0
	if c.rule == pointnet.RuleFixedInDegree || c.rule == "" {
		k = inDegree(c.npre, c.p)
		mark = make([]bool, c.npre)
		l.pre = make([]int32, 0, (b-a)*k)
	}
	lp := math.Log1p(-c.p)
	var chosen []int32
	for j := a; j < b; j++ {
		s := rng.New(c.seed, int64(c.postFirst+j), c.purpose, 0)
		chosen = chosen[:0]
		if mark != nil {
			// Floyd's algorithm: k distinct values of [0, npre), uniformly.
			for m := c.npre - k; m < c.npre; m++ {
				t := s.Intn(m + 1)
				if mark[t] {
					t = m
				}
				mark[t] = true
				chosen = append(chosen, int32(t))
			}
			for _, t := range chosen {
				mark[t] = false
			}
		} else {
			switch {
			case c.p >= 1:
				for i := range c.npre {
					chosen = append(chosen, int32(i))
				}
			case c.p > 0:
				// Geometric gaps between successes of Bernoulli(p) trials.
				for i := -1; ; {
					u := 1 - s.Float64()
					i += 1 + int(math.Floor(math.Log(u)/lp))
					if i >= c.npre || i < 0 {
						break
					}
					chosen = append(chosen, int32(i))
				}
			}
		}
		n := int32(0)
		for _, pre := range chosen {
			if c.noSelf && int(pre) == j {
				continue
			}
			if c.sigma > 0 {
				w := s.Normal(c.mu, c.sigma)
				if w <= 0 {
					continue // SNN.jl: non-positive weights leave no synapse
				}
				l.w = append(l.w, w)
			}
			if c.dhi > c.dlo {
				d := c.dlo + (c.dhi-c.dlo)*s.Float64()
				l.d = append(l.d, uint16(math.Round(d/c.dt)))
			}
			l.pre = append(l.pre, pre)
			n++
		}
		l.count = append(l.count, n)
	}
	return l
}

// spec lowers a connection or Poisson layer, to be built for every post
// neuron (set lo and hi to narrow it).
func newSpec(purpose rng.Purpose, seed uint64, npre, npost, postFirst int, noSelf bool, p float64, rule string,
	w pointnet.Weight, dlo, dhi, dt float64, threads int) connSpec {
	mu, _ := w.Value()
	return connSpec{purpose: purpose, seed: seed, npre: npre, npost: npost, postFirst: postFirst, noSelf: noSelf,
		p: p, rule: rule, mu: mu, sigma: w.Sigma, dlo: dlo, dhi: dhi, dt: dt, threads: threads,
		fixedSteps: int(math.Round(dlo / dt)), lo: 0, hi: npost}
}
