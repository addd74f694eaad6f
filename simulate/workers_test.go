package simulate

import (
	"testing"

	"github.com/laminasim/lamina/spec"
)

// TestTrialWorkers checks the trial pool's width: every thread busy when
// the trials fill them evenly, fewer trials at a time on more threads when
// they do not (3 trials on 2 threads: one at a time on both, 1.6 rounds
// against 2), and a trial per thread for point networks.
func TestTrialWorkers(t *testing.T) {
	for _, tc := range []struct {
		trials, threads int
		kind            spec.Kind
		want            int
	}{
		{1, 1, spec.KindCable, 1},
		{1, 4, spec.KindCable, 1},
		{2, 2, spec.KindCable, 2},
		{3, 2, spec.KindCable, 1},
		{4, 2, spec.KindCable, 2},
		{5, 2, spec.KindCable, 1}, // 5/1.80 = 2.8 rounds against 3
		{3, 4, spec.KindCable, 1}, // 3/4^0.85 = 0.92 rounds against 1 (a thread idle)
		{6, 4, spec.KindCable, 2}, // 3/1.80 = 1.67 rounds against 2 (with 3 or 4 at a time)
		{8, 8, spec.KindMixed, 8},
		{3, 2, spec.KindPoint, 2},
		{10, 0, spec.KindCable, 1},
	} {
		if got := trialWorkers(tc.trials, tc.threads, tc.kind); got != tc.want {
			t.Errorf("%d %s trials on %d threads: %d at a time, want %d", tc.trials, tc.kind, tc.threads, got, tc.want)
		}
	}
}
