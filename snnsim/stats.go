package snnsim

import (
	"math"
	"slices"

	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/snn"
)

// PopStats are the firing statistics of one population in a window.
type PopStats struct {
	Name string `json:"name"`
	N    int    `json:"n"`
	// Spikes counts the spikes in the window; RateHz is Spikes/N/duration.
	Spikes int     `json:"spikes"`
	RateHz float64 `json:"rate_hz"`
	// CVMean and CVMedian summarise the ISI coefficients of variation of
	// the NCV neurons with at least minSpikes spikes in the window (NaN
	// when there are none).
	CVMean   float64 `json:"cv_isi_mean"`
	CVMedian float64 `json:"cv_isi_median"`
	NCV      int     `json:"cv_n_neurons"`
	// FracActive is the fraction of neurons that spiked in the window.
	FracActive float64 `json:"frac_active"`
}

// Stats computes a population's rate and ISI statistics from the spikes
// with fromMs <= t < toMs, as the reference scripts do: the CV of a neuron
// is the population standard deviation of its intervals over their mean
// (numpy.std / numpy.mean; analysis.ISICV), over neurons with at least
// minSpikes spikes.
func Stats(spikes []record.Spike, r snn.Range, fromMs, toMs float64, minSpikes int) PopStats {
	st := PopStats{Name: r.Name, N: r.N, CVMean: math.NaN(), CVMedian: math.NaN()}
	trains := make([][]float64, r.N)
	for _, sp := range spikes {
		if r.Contains(sp.GID) && sp.TimeMs >= fromMs && sp.TimeMs < toMs {
			trains[sp.GID-r.First] = append(trains[sp.GID-r.First], sp.TimeMs)
			st.Spikes++
		}
	}
	if r.N > 0 && toMs > fromMs {
		st.RateHz = float64(st.Spikes) / float64(r.N) / ((toMs - fromMs) / 1000)
	}
	var cvs []float64
	active := 0
	for _, tr := range trains {
		if len(tr) > 0 {
			active++
		}
		if len(tr) >= max(minSpikes, 3) {
			cvs = append(cvs, cv(tr))
		}
	}
	if r.N > 0 {
		st.FracActive = float64(active) / float64(r.N)
	}
	st.NCV = len(cvs)
	if len(cvs) > 0 {
		sum := 0.0
		for _, c := range cvs {
			sum += c
		}
		st.CVMean = sum / float64(len(cvs))
		slices.Sort(cvs)
		m := len(cvs) / 2
		st.CVMedian = cvs[m]
		if len(cvs)%2 == 0 {
			st.CVMedian = (cvs[m-1] + cvs[m]) / 2
		}
	}
	return st
}

// cv returns std/mean of the intervals of a sorted spike train.
func cv(ts []float64) float64 {
	n := len(ts) - 1
	mean := (ts[n] - ts[0]) / float64(n)
	ss := 0.0
	for i := range n {
		d := ts[i+1] - ts[i] - mean
		ss += d * d
	}
	return math.Sqrt(ss/float64(n)) / mean
}

// Result is everything a run produced, ready for files and figures.
type Result struct {
	Network string       `json:"network"`
	Scheme  point.Scheme `json:"scheme"`
	DtMs    float64      `json:"dt_ms"`
	TstopMs float64      `json:"tstop_ms"`
	Seed    uint64       `json:"seed"`
	Trial   int64        `json:"trial"`
	Threads int          `json:"threads"`
	Ranks   int          `json:"ranks"`
	// Ranges are the gid ranges of populations and Poisson layers.
	Ranges []snn.Range `json:"ranges"`
	// Spikes are every spike, in time order.
	Spikes []record.Spike `json:"-"`
	// Traces are the monitors' recordings.
	Traces []Trace `json:"-"`
	// Synapses counts the synapses per connection and layer;
	// SynapseBytes is the memory they take.
	Synapses     map[string]int `json:"synapses"`
	SynapseBytes int            `json:"synapse_bytes"`
	// WallBuildS and WallRunS are the wall times of New and Run, s.
	WallBuildS float64 `json:"wall_build_s"`
	WallRunS   float64 `json:"wall_run_s"`
}

// Result returns the run so far. Spikes and traces are shared with the
// simulation.
func (s *Sim) Result() *Result {
	syn, bytes := s.Synapses()
	return &Result{Network: s.net.Name, Scheme: s.scheme, DtMs: s.dt, TstopMs: s.TimeMs(), Seed: s.seed,
		Trial: s.cfg.Trial, Threads: s.cfg.Threads, Ranks: s.comm.Size(), Ranges: s.ranges, Spikes: s.spikes, Traces: s.Traces(),
		Synapses: syn, SynapseBytes: bytes, WallBuildS: s.build.Seconds(), WallRunS: s.run.Seconds()}
}

// Stats returns the statistics of every population (not the Poisson
// layers) in [fromMs, toMs).
func (r *Result) Stats(fromMs, toMs float64, minSpikes int) []PopStats {
	var out []PopStats
	for _, rg := range r.Ranges {
		if !rg.Poisson {
			out = append(out, Stats(r.Spikes, rg, fromMs, toMs, minSpikes))
		}
	}
	return out
}

// Types returns the population or layer name of every spike, as the type
// column of spikes.csv.
func (r *Result) Types() []string {
	out := make([]string, len(r.Spikes))
	for i, sp := range r.Spikes {
		for _, rg := range r.Ranges {
			if rg.Contains(sp.GID) {
				out[i] = rg.Name
				break
			}
		}
	}
	return out
}
