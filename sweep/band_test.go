package sweep

import (
	"strconv"
	"strings"
	"testing"
)

// TestCheckBand checks that band_power on a run too short to resolve the
// band is an error naming the shortest run that works (issue 16: it read
// 0 and the sweep claimed success).
func TestCheckBand(t *testing.T) {
	const fs = 40000 // dt 0.025 ms
	for _, tc := range []struct {
		name   string
		lo, hi float64
		runMs  float64
		want   string // "" for no error
	}{
		{"beta on 20 ms", 13, 30, 20, `summary "band_power:13-30": a run of 20 ms resolves the PSD to 49.94 Hz, too coarse for the band 13-30 Hz (fewer than two PSD frequencies in it, so its power would read 0); the shortest run that resolves it is 67 ms (tstop_ms)`},
		{"beta on 100 ms", 13, 30, 100, ""},
		{"gamma on 20 ms", 30, 80, 20, "the shortest run that resolves it is 25 ms"},
		{"gamma on 170 ms", 30, 80, 170, ""},
		{"alpha on 170 ms", 8, 12, 170, "the shortest run that resolves it is 334 ms"},
		{"alpha on 334 ms", 8, 12, 334, ""},
		{"beta on 67 ms", 13, 30, 67, ""},
		{"too narrow", 10, 11, 1000, `the band 10-11 Hz holds fewer than two PSD frequencies at any run length (Welch segments of 500 ms resolve 2 Hz; the Nyquist frequency is 20000 Hz): widen it`},
		{"above Nyquist", 30000, 35000, 1000, "at any run length"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sum := "band_power:" + ftoa(tc.lo) + "-" + ftoa(tc.hi)
			err := checkBand(sum, tc.lo, tc.hi, int(tc.runMs*fs/1000)+1, fs)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
