package results

import (
	"slices"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/record"
)

// SpikeTable is every spike of a run as columns (HNN-core's
// cell_response: spike_times, spike_gids, spike_types per trial, here
// flattened with a trial column), in trial, time, gid order.
type SpikeTable struct {
	TimesMs []float64
	GIDs    []int
	// Types are the population or drive names of the gids.
	Types  []string
	Trials []int
}

// Len is the number of spikes.
func (t SpikeTable) Len() int { return len(t.TimesMs) }

// Of returns the spikes whose type is one of names.
func (t SpikeTable) Of(names ...string) SpikeTable {
	var out SpikeTable
	for i, ty := range t.Types {
		if slices.Contains(names, ty) {
			out.TimesMs = append(out.TimesMs, t.TimesMs[i])
			out.GIDs = append(out.GIDs, t.GIDs[i])
			out.Types = append(out.Types, ty)
			out.Trials = append(out.Trials, t.Trials[i])
		}
	}
	return out
}

// Count returns the number of spikes per type.
func (t SpikeTable) Count() map[string]int {
	out := map[string]int{}
	for _, ty := range t.Types {
		out[ty]++
	}
	return out
}

// SpikeTable returns the spikes of every trial with their types.
func (r *Result) SpikeTable() SpikeTable {
	n := 0
	for _, tr := range r.Trials {
		n += len(tr.Spikes)
	}
	t := SpikeTable{TimesMs: make([]float64, 0, n), GIDs: make([]int, 0, n), Types: make([]string, 0, n), Trials: make([]int, 0, n)}
	for trial, tr := range r.Trials {
		for _, sp := range tr.Spikes {
			name := ""
			if rg, _, ok := r.Ranges.Locate(sp.GID); ok {
				name = rg.Name
			}
			t.TimesMs = append(t.TimesMs, sp.TimeMs)
			t.GIDs = append(t.GIDs, int(sp.GID))
			t.Types = append(t.Types, name)
			t.Trials = append(t.Trials, trial)
		}
	}
	return t
}

// MeanRates returns the mean firing rates (Hz) of the model's neuron
// populations (cable and point; drives and Poisson layers left out) over
// [tstartMs, tstopMs), as HNN-core's cell_response.mean_rates(tstart,
// tstop, gid_ranges, mean_type) with mode "all", "trial" or "cell" —
// except that only the spikes inside the window count (HNN-core counts
// every spike of the trial and divides by the window's length, which
// overstates rates in a window shorter than the run; for the whole run
// the two agree).
func (r *Result) MeanRates(tstartMs, tstopMs float64, mode string) ([]analysis.Rates, error) {
	return r.SpikeTable().MeanRates(r.Ranges, len(r.Trials), tstartMs, tstopMs, mode)
}

// MeanRates is Result.MeanRates for a table of nTrials trials (trials
// without spikes count as trials) of a model with the given ranges.
func (t SpikeTable) MeanRates(ranges record.Ranges, nTrials int, tstartMs, tstopMs float64, mode string) ([]analysis.Rates, error) {
	byTrial := make([][]int, nTrials)
	for k := range byTrial {
		byTrial[k] = []int{}
	}
	for i, g := range t.GIDs {
		if t.TimesMs[i] >= tstartMs && t.TimesMs[i] < tstopMs {
			byTrial[t.Trials[i]] = append(byTrial[t.Trials[i]], g)
		}
	}
	return analysis.MeanRates(byTrial, ranges.Neurons(), tstartMs, tstopMs, mode)
}
