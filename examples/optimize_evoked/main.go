// Command optimize_evoked mirrors HNN-core's gallery example
// optimize_evoked.py ("05. Optimize simulated evoked response
// parameters"): it fits the second proximal drive of the Jones 2009 column
// (its L5 pyramidal AMPA weight, mean time and spread) to the MEG dipole of
// Jones et al. 2009's "yes" trials, by the RMSE of 3 trials smoothed over
// 30 ms and scaled by 3000, with HNN-core's default solver (Bayesian
// optimisation, max_iter 50).
//
// The fit is the built-in one of lamina fit --example evoked
// (fitrun.Evoked): the program shows how to change it from Go — here the
// run length, the trials and the budget — and writes the journal, the
// history, the best run spec and the figures into -out.
//
//	go run ./examples/optimize_evoked -out out/optimize_evoked
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"runtime"

	"github.com/laminasim/lamina/fitrun"
)

func main() {
	out := flag.String("out", "out/optimize_evoked", "output directory (a rerun resumes)")
	target := flag.String("target", fitrun.EvokedTarget, "the experimental dipole (HNN-core text file)")
	tstop := flag.Float64("tstop-ms", 0, "simulated time, ms (0: the target's last time)")
	trials := flag.Int("trials", 3, "trials per evaluation")
	maxIter := flag.Int("max-iter", 50, "HNN-core's max_iter: the Bayesian optimiser evaluates 1 + max-iter points")
	flag.Parse()

	ft, err := fitrun.Evoked(*target)
	check(err)
	f := ft.File
	if *tstop > 0 {
		f.TStopMs = *tstop
	}
	f.Trials = *trials
	f.Solver.MaxIter = *maxIter
	ft, err = fitrun.New(f, ".")
	check(err)

	res, err := ft.Run(context.Background(), *out, fitrun.Options{Threads: runtime.NumCPU(),
		OnEval: func(r fitrun.Record, best float64) {
			fmt.Printf("evaluation %2d: x = %.4g, RMSE %.4g nAm (best %.4g)\n", r.Eval, r.X, r.LossValue(), best)
		}})
	check(err)
	for i, p := range ft.Params {
		fmt.Printf("%s = %.6g\n", p.Name, res.X[i])
	}
	fmt.Printf("best RMSE %.6g nAm after %d evaluations; wrote %v\n", res.Loss, res.Evals, res.Files)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
