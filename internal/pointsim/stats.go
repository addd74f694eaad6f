package pointsim

import (
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
)

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
	Ranges record.Ranges `json:"ranges"`
	// Spikes are every spike, in time order.
	Spikes []record.Spike `json:"-"`
	// Traces are the monitors' recordings.
	Traces []record.Series `json:"-"`
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
