package fit_test

import (
	"context"
	"fmt"
	"math"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/fit"
)

// A toy model with two parameters fitted by CMA-ES, four evaluations at
// a time; the result does not depend on the number of workers.
func ExampleCMA() {
	params := []fit.Param{
		{Name: "weight", Low: 0, High: 2},
		{Name: "delay_ms", Low: 0, High: 20},
	}
	loss := func(_ context.Context, x []float64) (float64, error) {
		dw, dd := x[0]-0.7, (x[1]-12)/10
		return dw*dw + dd*dd, nil
	}
	res, err := fit.CMA{}.Minimize(context.Background(), params, fit.Concurrent(loss, 4),
		fit.Options{MaxEvals: 600, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("weight %.4f, delay %.3f ms, loss < 1e-8: %v\n", res.X[0], res.X[1], res.Loss < 1e-8)
	// Output:
	// weight 0.7000, delay 12.000 ms, loss < 1e-8: true
}

// Nelder–Mead with a journal of every evaluation; the optimum lies on the
// upper bound of x, where the clipped simplex finds it.
func ExampleNelderMead() {
	x0 := 0.0
	params := []fit.Param{{Name: "x", Low: -1, High: 1, Initial: &x0}, {Name: "y", Low: -1, High: 1}}
	loss := func(_ context.Context, x []float64) (float64, error) {
		return (x[0]-3)*(x[0]-3) + x[1]*x[1], nil
	}
	var journal []fit.Eval
	res, err := fit.NelderMead{}.Minimize(context.Background(), params, fit.Serial(loss), fit.Options{
		MaxEvals: 200,
		OnEval:   func(e fit.Eval) error { journal = append(journal, e); return nil },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x %.4f, y %.4f, loss %.4f (%s)\n", res.X[0], math.Abs(res.X[1]), res.Loss, res.Stop)
	fmt.Println("journal holds every evaluation:", len(journal) == res.Evals)
	// Output:
	// x 1.0000, y 0.0000, loss 4.0000 (converged)
	// journal holds every evaluation: true
}

// HNN-core's evoked-response loss: the RMSE between the mean of two
// simulated trials and a target dipole.
func ExampleDipoleRMSE() {
	times := []float64{0, 1, 2, 3, 4}
	mk := func(v ...float64) *dipole.Dipole {
		d, _ := dipole.New(times, []string{dipole.LayerAgg}, map[string][]float64{dipole.LayerAgg: v}, dipole.UnitNAm)
		return d
	}
	target := mk(0, 1, 2, 1, 0)
	trials := []*dipole.Dipole{mk(0, 2, 3, 2, 0), mk(0, 2, 3, 2, 0)}
	rmse, err := fit.DipoleRMSE(trials, target, 0, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The window [0, 4] ms uses samples 0..3: errors 0, 1, 1, 1.
	fmt.Printf("%.4f nAm\n", rmse)
	// Output:
	// 0.8660 nAm
}

// COBYLA with an extra constraint besides the bounds: maximise x + y on
// the box [0, 2]² within the unit disc (1 − x² − y² ≥ 0); the optimum is
// (1/√2, 1/√2), on the circle. Result.X is the best evaluated point that
// satisfies the constraints.
func ExampleCOBYLA() {
	params := []fit.Param{{Name: "x", Low: 0, High: 2}, {Name: "y", Low: 0, High: 2}}
	loss := func(_ context.Context, x []float64) (float64, error) { return -x[0] - x[1], nil }
	s := fit.COBYLA{
		RhoBeg: 0.5, RhoEnd: 1e-8,
		Constraints: []func(x []float64) float64{
			func(x []float64) float64 { return 1 - x[0]*x[0] - x[1]*x[1] },
		},
	}
	res, err := s.Minimize(context.Background(), params, fit.Serial(loss), fit.Options{MaxEvals: 500})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x %.6f, y %.6f, loss %.6f (%s)\n", res.X[0], res.X[1], res.Loss, res.Stop)
	// Output:
	// x 0.707107, y 0.707107, loss -1.414214 (converged)
}

// Bayesian optimisation of a smooth function of two parameters in 25
// evaluations, for objectives too expensive for more.
func ExampleBayesian() {
	params := []fit.Param{{Name: "gain", Low: 0, High: 4}, {Name: "tau_ms", Low: 1, High: 50}}
	loss := func(_ context.Context, x []float64) (float64, error) {
		dg, dt := x[0]-1.5, (x[1]-20)/10
		return dg*dg + dt*dt, nil
	}
	res, err := fit.Bayesian{}.Minimize(context.Background(), params, fit.Serial(loss),
		fit.Options{MaxEvals: 25, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("gain %.2f, tau %.1f ms, loss < 1e-4: %v, %d evaluations\n", res.X[0], res.X[1], res.Loss < 1e-4, res.Evals)
	// Output:
	// gain 1.50, tau 20.0 ms, loss < 1e-4: true, 25 evaluations
}
