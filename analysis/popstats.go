package analysis

import (
	"math"
	"slices"

	"github.com/laminasim/lamina/record"
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

// PopulationStats computes a population's rate and ISI statistics from the spikes
// with fromMs <= t < toMs, as the reference scripts do: the CV of a neuron
// is the population standard deviation of its intervals over their mean
// (numpy.std / numpy.mean; analysis.ISICV), over neurons with at least
// minSpikes spikes.
func PopulationStats(spikes []record.Spike, r record.Range, fromMs, toMs float64, minSpikes int) PopStats {
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
			cvs = append(cvs, ISICV(tr))
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

// PopulationsStats returns PopulationStats of every point population and
// cable cell population of ranges (not the sources) in [fromMs, toMs).
func PopulationsStats(spikes []record.Spike, ranges record.Ranges, fromMs, toMs float64, minSpikes int) []PopStats {
	var out []PopStats
	for _, rg := range ranges.Neurons() {
		out = append(out, PopulationStats(spikes, rg, fromMs, toMs, minSpikes))
	}
	return out
}
