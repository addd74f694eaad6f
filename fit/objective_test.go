package fit

import (
	"math"
	"strings"
	"testing"

	"github.com/laminasim/lamina/dipole"
)

// mkDipole returns a single-trial nAm dipole with an "agg" layer f(t) at
// t = 0, dt, ..., (n−1)·dt ms.
func mkDipole(t *testing.T, n int, dt float64, f func(tMs float64) float64) *dipole.Dipole {
	t.Helper()
	ts, v := make([]float64, n), make([]float64, n)
	for i := range ts {
		ts[i] = float64(i) * dt
		v[i] = f(ts[i])
	}
	d, err := dipole.New(ts, []string{dipole.LayerAgg}, map[string][]float64{dipole.LayerAgg: v}, dipole.UnitNAm)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDipoleRMSEAndCorr(t *testing.T) {
	target := func(tm float64) float64 { return math.Sin(2 * math.Pi * tm / 50) }
	tgt := mkDipole(t, 401, 0.5, target)
	// Two trials at target ± 1 + c average to target + c.
	trials := func(c float64) []*dipole.Dipole {
		return []*dipole.Dipole{
			mkDipole(t, 401, 0.5, func(tm float64) float64 { return target(tm) + 1 + c }),
			mkDipole(t, 401, 0.5, func(tm float64) float64 { return target(tm) - 1 + c }),
		}
	}
	// Tolerance 1e-12: the sums of a few hundred terms of order 1 round
	// to about 1e-14.
	const tol = 1e-12
	tests := []struct {
		name      string
		sim       []*dipole.Dipole
		rmse, cor float64
	}{
		{"average equals target", trials(0), 0, 0},
		{"offset 0.3", trials(0.3), 0.3, 0},
		{"inverted", []*dipole.Dipole{mkDipole(t, 401, 0.5, func(tm float64) float64 { return -target(tm) })}, math.NaN(), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DipoleRMSE(tt.sim, tgt, 0, 200)
			if err != nil {
				t.Fatal(err)
			}
			if !math.IsNaN(tt.rmse) && math.Abs(got-tt.rmse) > tol {
				t.Errorf("DipoleRMSE = %v, want %v", got, tt.rmse)
			}
			// It is dipole.RMSE of the trial average.
			avg, _ := dipole.Average(tt.sim)
			if want, _ := dipole.RMSE(avg, tgt, 0, 200); got != want {
				t.Errorf("DipoleRMSE = %v, dipole.RMSE of the average = %v", got, want)
			}
			c, err := DipoleCorr(tt.sim, tgt, 0, 200)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(c-tt.cor) > tol {
				t.Errorf("DipoleCorr = %v, want %v", c, tt.cor)
			}
		})
	}
	if _, err := DipoleRMSE(nil, tgt, 0, 200); err == nil {
		t.Error("no dipoles accepted")
	}
}

// TestMaximizePSD compares with HNN-core's _get_relative_power computed by
// testdata/maximize_psd_scipy.py (SciPy 1.10.1) on the same signal. The
// periodogram is an FFT of 400 samples, whose rounding differs from
// NumPy's pocketfft at about 1e-15 relative; 1e-12 leaves room.
func TestMaximizePSD(t *testing.T) {
	x := func(tm float64) float64 {
		return math.Sin(2*math.Pi*10*tm/1000) + 0.5*math.Sin(2*math.Pi*25*tm/1000) +
			0.1*math.Cos(2*math.Pi*60*tm/1000) + 0.02*tm
	}
	dpls := []*dipole.Dipole{
		mkDipole(t, 400, 0.5, func(tm float64) float64 { return x(tm) + 0.25 }),
		mkDipole(t, 400, 0.5, func(tm float64) float64 { return x(tm) - 0.25 }),
	}
	tests := []struct {
		name  string
		bands [][2]float64
		rel   []float64
		want  float64
		error string
	}{
		{"two bands", [][2]float64{{8, 12}, {20, 30}}, []float64{1, 0.5}, -0.3576428872079777, ""},
		{"one weight for all", [][2]float64{{8, 12}, {20, 30}}, []float64{1}, -0.40242975838202766, ""},
		{"gamma", [][2]float64{{55, 65}}, []float64{2}, -0.007568150199994609, ""},
		{"weights mismatch", [][2]float64{{8, 12}, {20, 30}, {40, 50}}, []float64{1, 2}, 0, "2 relative band powers for 3 bands"},
		{"reversed band", [][2]float64{{12, 8}}, []float64{1}, 0, "band 0 is [12, 8] Hz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MaximizePSD(dpls, tt.bands, tt.rel)
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) {
					t.Fatalf("error %v, want %q", err, tt.error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-12*math.Abs(tt.want) {
				t.Errorf("MaximizePSD = %.17g, HNN-core %.17g", got, tt.want)
			}
		})
	}
}
