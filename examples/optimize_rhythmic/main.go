// Command optimize_rhythmic mirrors HNN-core's gallery example
// optimize_rhythmic.py ("08. Optimize simulated rhythmic responses"): it
// tunes a proximal and a distal bursty drive of the Jones 2009 column (each
// drive's L2 pyramidal weight, start, burst rate and burst jitter) so that
// the dipole's power spectrum has most power in the alpha (9–11 Hz) and,
// twice as much, in the beta (19–21 Hz) band (maximize_psd), from the
// midpoints of the bounds, with HNN-core's default solver (Bayesian
// optimisation, max_iter 50), over 300 ms smoothed over 20 ms and scaled
// by 3000.
//
// The fit is the built-in one of lamina fit --example rhythmic
// (fitrun.Rhythmic); the program writes the journal, the history, the best
// run spec, the convergence and the PSD before and after (psd.png, and each
// band's share of the power in bands.csv) into -out.
//
//	go run ./examples/optimize_rhythmic -out out/optimize_rhythmic
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"

	"github.com/laminasim/lamina/fitrun"
)

func main() {
	out := flag.String("out", "out/optimize_rhythmic", "output directory (a rerun resumes)")
	tstop := flag.Float64("tstop-ms", 300, "simulated time, ms")
	trials := flag.Int("trials", 1, "trials per evaluation")
	maxIter := flag.Int("max-iter", 50, "HNN-core's max_iter: the Bayesian optimiser evaluates 1 + max-iter points")
	flag.Parse()

	ft, err := fitrun.Rhythmic()
	check(err)
	f := ft.File
	f.TStopMs, f.Trials, f.Solver.MaxIter = *tstop, *trials, *maxIter
	ft, err = fitrun.New(f, ".")
	check(err)

	res, err := ft.Run(context.Background(), *out, fitrun.Options{Threads: runtime.NumCPU(),
		OnEval: func(r fitrun.Record, best float64) {
			fmt.Printf("evaluation %2d: loss %.4g (best %.4g)\n", r.Eval, r.LossValue(), best)
		}})
	check(err)
	for i, p := range ft.Params {
		fmt.Printf("%s = %.6g\n", p.Name, res.X[i])
	}
	bands, err := os.ReadFile(filepath.Join(*out, fitrun.BandsCSV))
	check(err)
	fmt.Printf("best loss %.6g after %d evaluations; band shares of the power (initial, best):\n%s", res.Loss, res.Evals, bands)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
