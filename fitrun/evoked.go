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

// Evoked is HNN-core's optimize_evoked.py: the ERP column with one drive
// cell per evoked drive, not cell-specific (the erp-sync example, drives
// with HNN-core's default event_seed 2), fitted to target by the RMSE of
// 3 trials smoothed over 30 ms and scaled by 3000, over the second
// proximal drive's L5 pyramidal AMPA weight in [0.01, 1] µS, mean time in
// [100, 150] ms and standard deviation in [1, 20] ms (initially 0.1, 120
// and 1), by CMA-ES for 50 generations of 16 (HNN-core's popsize and
// tolfun 0.01). The run lasts until the target's last time, rounded to a
// whole number of 0.025 ms steps (169.825 ms for HNN-core's file).
//
// One difference remains: HNN-core's example adds the drives in the order
// evprox1, evdist1, evprox2 and erp-sync in the order evdist1, evprox1,
// evprox2.
func Evoked(target string) (*Fit, error) {
	if _, err := os.Stat(target); err != nil {
		return nil, fmt.Errorf("fit: the evoked example's target %s: %w (it is HNN-core's data/MEG_detection_data/yes_trial_S1_ERP_all_avg.txt)", target, err)
	}
	d, err := ReadTarget(target)
	if err != nil {
		return nil, fmt.Errorf("fit: objective.target: %w", err)
	}
	model, _ := json.Marshal("erp-sync")
	f := File{
		Model:   model,
		TStopMs: math.Round(d.TimesMs[len(d.TimesMs)-1]/spec.DefaultDtMs) / (1 / spec.DefaultDtMs),
		Trials:  3,
		Set: map[string]float64{
			"drives.evprox1.event_seed": 2,
			"drives.evdist1.event_seed": 2,
			"drives.evprox2.event_seed": 2,
		},
		Params: []Param{
			{Name: "evprox2_ampa_L5_pyramidal", Paths: []string{"drives.evprox2.weights_ampa_uS.L5_pyramidal"}, Low: 0.01, High: 1, Initial: ptr(0.1)},
			{Name: "evprox2_mu", Paths: []string{"drives.evprox2.evoked.mu_ms"}, Low: 100, High: 150, Initial: ptr(120)},
			{Name: "evprox2_sigma", Paths: []string{"drives.evprox2.evoked.sigma_ms"}, Low: 1, High: 20, Initial: ptr(1)},
		},
		Objective: Objective{Kind: DipoleRMSE, Target: target, SmoothMs: 30, Scale: 3000},
		Solver:    Solver{Kind: CMA, MaxIter: 50, PopSize: 16, TolFun: 0.01},
	}
	return New(f, ".")
}

func ptr(v float64) *float64 { return &v }
