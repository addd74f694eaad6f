// Package results holds what a run produced, whatever the kind of model,
// as plain data: every trial's spikes (one spike type, typed gids), the
// cable cells' dipole and recorded traces, the point neurons' monitors,
// with the run spec and the model's gid ranges. simulate.Run returns it;
// output writes and reads it; analysis and plot take its parts. Nothing
// here needs the simulator.
package results

import (
	"fmt"
	"time"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/spec"
)

// Trial is the outcome of one trial, whatever the kind of model.
type Trial struct {
	// TimesMs are the cable cells' sample times, 0 to TStopMs in steps of
	// DtMs (nil for a point network).
	TimesMs []float64
	// Dipole is the dipole as HNN-core's simulate_dipole returns it
	// (layers "agg" and each population's layer, nAm); for an HNN grid
	// with L2 and L5 layers it is baseline-renormalised first. Nil when no
	// population has a dipole.
	Dipole *dipole.Dipole
	// RawDipole is the dipole as summed, in fAm.
	RawDipole *dipole.Dipole
	// Spikes are every spike of the trial, drive events and Poisson
	// sources included, ordered by time then gid.
	Spikes []record.Spike
	// VSec (mV), ISec (per channel and synapse: nA for point processes,
	// mA/cm² for densities) and Ca (mM) hold the cable cells' recorded
	// traces, one column per gid and section ("v_GID_SECTION_mV", ...);
	// nil unless recorded.
	VSec, ISec, Ca *record.Trace
	// Series are what the point neurons' monitors recorded.
	Series []record.Series
	// Potentials are what the network's extracellular electrode arrays
	// recorded, one per array (µV, at TimesMs).
	Potentials []record.Potentials
	// Synapses counts a point network's synapses per connection and
	// Poisson layer (nil for cable networks).
	Synapses map[string]int
}

// Result is the outcome of a run, whatever the kind of model.
type Result struct {
	// Spec is the run simulated, with its defaults filled in.
	Spec *spec.Run
	// Ranges are the gid ranges of the model's populations, drives and
	// source layers.
	Ranges record.Ranges
	// Trials, in order.
	Trials []Trial
	// Workers is the number of trials run at a time, ThreadsPerTrial the
	// threads each of them used, Ranks the MPI ranks.
	Workers, ThreadsPerTrial, Ranks int
	// Wall is the wall-clock time of the run.
	Wall time.Duration
}

// Dipoles returns every trial's dipole (nil entries when the network has
// none).
func (r *Result) Dipoles() []*dipole.Dipole {
	out := make([]*dipole.Dipole, len(r.Trials))
	for i := range r.Trials {
		out[i] = r.Trials[i].Dipole
	}
	return out
}

// ProcessedDipoles returns a copy of every trial's dipole smoothed over
// smoothMs (0: not smoothed), then scaled by scale (0 or 1: not scaled), as
// HNN-core post-processes each trial; trials without a dipole are left
// out. The trials' own dipoles are not changed.
func (r *Result) ProcessedDipoles(smoothMs, scale float64) ([]*dipole.Dipole, error) {
	var out []*dipole.Dipole
	for _, tr := range r.Trials {
		if tr.Dipole == nil {
			continue
		}
		d := tr.Dipole.Copy()
		if smoothMs > 0 {
			if err := d.Smooth(smoothMs); err != nil {
				return nil, err
			}
		}
		if scale != 0 && scale != 1 {
			d.Scale(scale)
		}
		out = append(out, d)
	}
	return out, nil
}

// V returns the recorded membrane potential (mV) at the middle of a
// section of cell gid (HNN-core's cell_response.vsec[trial][gid][section]),
// or nil if it was not recorded.
func (t *Trial) V(gid int, section string) []float64 {
	return column(t.VSec, fmt.Sprintf("v_%d_%s_mV", gid, section))
}

// CaI returns the recorded calcium concentration (mM) at the middle of a
// section of cell gid, or nil.
func (t *Trial) CaI(gid int, section string) []float64 {
	return column(t.Ca, fmt.Sprintf("cai_%d_%s_mM", gid, section))
}

func column(tr *record.Trace, name string) []float64 {
	if tr == nil {
		return nil
	}
	for _, c := range tr.Columns {
		if c.Name == name {
			return c.Data
		}
	}
	return nil
}
