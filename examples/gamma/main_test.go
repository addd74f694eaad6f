package main

import (
	"math"
	"strings"
	"testing"
)

// TestCheckRunLength checks that a run too short for the analysis
// explains itself (issue 16: below 100 ms the program failed with
// "analysis: empty signal").
func TestCheckRunLength(t *testing.T) {
	for _, tc := range []struct {
		tstopMs      float64
		err, warning string
	}{
		{20, "-tstop-ms = 20: the analysis leaves out the first 50 ms (the network settling), so the run must be longer than that; give at least 100 ms to resolve the 20-100 Hz band (default 250)", ""},
		{50, "-tstop-ms = 50: the analysis leaves out the first 50 ms", ""},
		{math.NaN(), "-tstop-ms = NaN", ""},
		{math.Inf(1), "-tstop-ms = +Inf", ""},
		{60, "", "-tstop-ms = 60 leaves 10 ms of signal after the 50 ms burn-in: the PSD resolves only 100 Hz and the time-frequency plot has fewer than 7 cycles, so the reported peak means little; give at least 100 ms (default 250)"},
		{100, "", ""},
		{250, "", ""},
	} {
		w, err := checkRunLength(tc.tstopMs)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%g ms: error %v, want %q", tc.tstopMs, err, tc.err)
			}
			continue
		}
		if err != nil || w != tc.warning {
			t.Errorf("%g ms: %q, %v; want warning %q", tc.tstopMs, w, err, tc.warning)
		}
	}
}
