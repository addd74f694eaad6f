package fitrun

import (
	"encoding/json"
	"fmt"
	"math"
	"os"

	"github.com/laminasim/lamina/spec"
)

// EvokedTarget is the target of the evoked example, relative to the
// working directory: HNN-core's MEG detection data (the S1 ERP of "yes"
// trials).
const EvokedTarget = "../shared/reference/hnn-core-data/yes_trial_S1_ERP_all_avg.txt"

// Examples are the built-in fits (lamina fit --example NAME).
var Examples = []string{"evoked", "rhythmic"}

// Example returns the built-in fit called name: "evoked" (Evoked with
// EvokedTarget) or "rhythmic" (Rhythmic).
func Example(name string) (*Fit, error) {
	switch name {
	case "evoked":
		return Evoked(EvokedTarget)
	case "rhythmic":
		return Rhythmic()
	}
	return nil, fmt.Errorf("--example %q: unknown fit example (known: evoked, rhythmic)", name)
}

// Evoked is HNN-core's optimize_evoked.py: the network of the example
// optimize-evoked (HNN-core's network, drives added in its order, one
// drive cell each, event_seed 2) fitted to target by the RMSE of 3 trials
// smoothed over 30 ms and scaled by 3000, over the second proximal
// drive's L5 pyramidal AMPA weight in [0.01, 1] µS, mean time in [100,
// 150] ms and standard deviation in [1, 20] ms (initially 0.1, 120 and
// 1), with HNN-core's default solver: Bayesian optimisation with
// max_iter 50 (51 evaluations: the initial point, then 50). The run lasts
// until the target's last time, rounded to a whole number of 0.025 ms
// steps (169.825 ms for HNN-core's file).
func Evoked(target string) (*Fit, error) {
	if _, err := os.Stat(target); err != nil {
		return nil, fmt.Errorf("fit: the evoked example's target %s: %w (it is HNN-core's data/MEG_detection_data/yes_trial_S1_ERP_all_avg.txt)", target, err)
	}
	d, err := ReadTarget(target)
	if err != nil {
		return nil, fmt.Errorf("fit: objective.target: %w", err)
	}
	model, _ := json.Marshal("optimize-evoked")
	f := File{
		Model:   model,
		TStopMs: math.Round(d.TimesMs[len(d.TimesMs)-1]/spec.DefaultDtMs) / (1 / spec.DefaultDtMs),
		Trials:  3,
		Params: []Param{
			{Name: "evprox2_ampa_L5_pyramidal", Paths: []string{"drives.evprox2.weights_ampa_uS.L5_pyramidal"}, Low: 0.01, High: 1, Initial: ptr(0.1)},
			{Name: "evprox2_mu", Paths: []string{"drives.evprox2.evoked.mu_ms"}, Low: 100, High: 150, Initial: ptr(120)},
			{Name: "evprox2_sigma", Paths: []string{"drives.evprox2.evoked.sigma_ms"}, Low: 1, High: 20, Initial: ptr(1)},
		},
		Objective: Objective{Kind: DipoleRMSE, Target: target, SmoothMs: 30, Scale: 3000},
		Solver:    Solver{Kind: Bayesian, MaxIter: 50},
	}
	return New(f, ".")
}

// Rhythmic is HNN-core's optimize_rhythmic.py: the network of the example
// optimize-rhythmic (proximal and distal bursty drives), simulated for 300
// ms (one trial, smoothed over 20 ms and scaled by 3000), whose PSD's
// power in 9–11 Hz plus twice that in 19–21 Hz, relative to the total, is
// maximised (maximize_psd) over each drive's L2 pyramidal AMPA weight in
// [4.4e-5, 6.4e-5] µS, start in [45, 55] ms, burst rate in [1, 30] Hz and
// burst jitter in [10, 30] ms, from the midpoints of these bounds (as
// HNN-core starts without initial values), with HNN-core's default
// solver: Bayesian optimisation with max_iter 50.
func Rhythmic() (*Fit, error) {
	model, _ := json.Marshal("optimize-rhythmic")
	var params []Param
	for _, d := range []string{"alpha_prox", "alpha_dist"} {
		params = append(params,
			Param{Name: d + "_weight", Paths: []string{"drives." + d + ".weights_ampa_uS.L2_pyramidal"}, Low: 4.4e-5, High: 6.4e-5},
			Param{Name: d + "_tstart", Paths: []string{"drives." + d + ".bursty.tstart_ms"}, Low: 45, High: 55},
			Param{Name: d + "_burst_rate", Paths: []string{"drives." + d + ".bursty.burst_rate_hz"}, Low: 1, High: 30},
			Param{Name: d + "_burst_std", Paths: []string{"drives." + d + ".bursty.burst_std_ms"}, Low: 10, High: 30},
		)
	}
	f := File{
		Model:   model,
		TStopMs: 300,
		Trials:  1,
		Params:  params,
		Objective: Objective{Kind: MaximizePSD, SmoothMs: 20, Scale: 3000,
			FBands: [][2]float64{{9, 11}, {19, 21}}, RelativeBandpower: []float64{1, 2}},
		Solver: Solver{Kind: Bayesian, MaxIter: 50},
	}
	return New(f, ".")
}

func ptr(v float64) *float64 { return &v }
