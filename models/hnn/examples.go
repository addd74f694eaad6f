package hnn

import "github.com/laminasim/lamina/model"

// Example is a ready-to-run model of the zoo.
type Example struct {
	Name        string
	Description string
	// TStopMs is the example's default simulated time.
	TStopMs float64
	// Network builds a new copy of the model.
	Network func() *model.Network
	// RecordVSec is the example's HNN-core record_vsec: "" (none), "soma"
	// or "all" (every section, as the animation example needs).
	RecordVSec string
}

// Examples returns the built-in examples, in the order `lamina examples`
// lists them.
func Examples() []Example {
	return []Example{
		{Name: "erp", TStopMs: 170, Network: ERP,
			Description: "Jones 2009 column, 10x10 grid, three evoked drives (distal 63.5 ms, proximal 26.6 and 137.1 ms), event_seed 4: HNN-core's ERP example"},
		{Name: "erp-thalamic", TStopMs: 170, Network: ERPThalamic,
			Description: "the ERP example whose first proximal input comes from 100 AdEx thalamocortical cells driven by a Poisson volley at 15-25 ms (a mixed network: point and cable cells)"},
		{Name: "erp-sync", TStopMs: 170, Network: ERPSync,
			Description: "the ERP example with one drive cell per drive (n_drive_cells=1, cell_specific=False): synchronous volleys"},
		{Name: "optimize-evoked", TStopMs: 170, Network: OptimizeEvoked,
			Description: "the network HNN-core's optimize_evoked.py fits, at its initial values (evprox2 at 120 ms, sigma 1 ms, L5 pyramidal AMPA 0.1 uS): lamina fit --example evoked fits it"},
		{Name: "optimize-rhythmic", TStopMs: 300, Network: OptimizeRhythmic,
			Description: "the network HNN-core's optimize_rhythmic.py fits, at the midpoints of its bounds: proximal and distal bursty drives; lamina fit --example rhythmic fits it"},
		{Name: "alpha", TStopMs: 310, Network: Alpha,
			Description: "10 Hz bursty proximal drive: alpha rhythm (HNN-core plot_simulate_alpha.py)"},
		{Name: "beta", TStopMs: 310, Network: Beta,
			Description: "alpha plus a simultaneous 10 Hz bursty distal drive: beta events"},
		{Name: "gamma-weak", TStopMs: 250, Network: GammaWeak,
			Description: "weak PING gamma: gamma_L5weak_L2weak.json weights, Poisson drive on the pyramidal cells (plot_simulate_gamma.py)"},
		{Name: "gamma-strong", TStopMs: 250, Network: GammaStrong,
			Description: "strong PING gamma: gamma-weak plus a 6 nA tonic bias on L5 pyramidal cells"},
		{Name: "gamma-strong-tau2", TStopMs: 250, Network: GammaStrongTau2,
			Description: "gamma-strong with the L5 pyramidal GABA_A decay shortened from 5 to 2 ms: faster gamma"},
		{Name: "law2021-beta-erp", TStopMs: 400, Network: Law2021BetaERP,
			Description: "Law et al. 2021 model: a beta event at 50 ms, then a sensory ERP from 125 ms (plot_simulate_beta.py)"},
		{Name: "law2021-erp", TStopMs: 400, Network: Law2021ERP,
			Description: "the Law et al. 2021 model's ERP without the preceding beta event"},
		{Name: "calcium", TStopMs: 170, Network: Calcium,
			Description: "calcium_model: distance-dependent Ca, Na and K in L5 pyramidal dendrites, ERP drives"},
		{Name: "lfp", TStopMs: 170, Network: LFP,
			Description: "extracellular potentials: the ERP column at 30 µm with a 25-contact laminar array at (135, 135, z), z = -325..2075 µm (plot_record_extracellular_potentials.py)"},
		{Name: "somato", TStopMs: 170, Network: Somato,
			Description: "median-nerve ERP: N20.json weights, synchronous evoked drives (plot_simulate_somato.py); --compare FILE"},
		{Name: "animation", TStopMs: 170, Network: Animation, RecordVSec: "all",
			Description: "3x3 column, cells 300 um apart, ERP drives (seeds 274/544/814), every section's potential recorded: HNN-core's animation example (plot_hnn_animation.py); lamina animate DIR draws it"},
	}
}

// ExampleNamed returns the example called name.
func ExampleNamed(name string) (Example, bool) {
	for _, e := range Examples() {
		if e.Name == name {
			return e, true
		}
	}
	return Example{}, false
}
