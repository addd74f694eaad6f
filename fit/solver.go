package fit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Func is an objective: the loss at parameter vector x, in the order of
// the fit's parameters. It must not keep or modify x. A NaN loss ranks
// worst; an error ends the fit.
type Func func(ctx context.Context, x []float64) (float64, error)

// Evaluator evaluates a batch of parameter vectors that may be evaluated
// at once and returns their losses in the order of xs. It must not keep
// or modify xs. A solver hands it every batch of independent evaluations.
type Evaluator func(ctx context.Context, xs [][]float64) ([]float64, error)

// Serial returns an Evaluator that evaluates f on each vector in turn,
// stopping at the first error or when ctx is done.
func Serial(f Func) Evaluator {
	return func(ctx context.Context, xs [][]float64) ([]float64, error) {
		out := make([]float64, len(xs))
		for i, x := range xs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			v, err := f(ctx, x)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
}

// Concurrent returns an Evaluator that evaluates f on up to workers
// vectors at once (workers < 1 means 1) and returns the losses in the
// order of the batch. On an error the remaining evaluations are cancelled
// through their context and the error of the lowest-indexed failed
// evaluation is returned, so the outcome does not depend on scheduling.
func Concurrent(f Func, workers int) Evaluator {
	workers = max(workers, 1)
	return func(ctx context.Context, xs [][]float64) ([]float64, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		out := make([]float64, len(xs))
		errs := make([]error, len(xs))
		next := make(chan int)
		var wg sync.WaitGroup
		for range min(workers, len(xs)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					if err := ctx.Err(); err != nil {
						errs[i] = err
						continue
					}
					v, err := f(ctx, xs[i])
					if err != nil {
						errs[i] = err
						cancel()
						continue
					}
					out[i] = v
				}
			}()
		}
		for i := range xs {
			next <- i
		}
		close(next)
		wg.Wait()
		// Prefer a real failure over the cancellations it caused.
		var first error
		for _, err := range errs {
			if err == nil {
				continue
			}
			if first == nil {
				first = err
			}
			if !errors.Is(err, context.Canceled) {
				return nil, err
			}
		}
		if first != nil {
			return nil, first
		}
		return out, nil
	}
}

// Eval is one evaluation, as reported to [Options].OnEval.
type Eval struct {
	// N counts evaluations from 0 in the order the solver asked for them.
	N int
	// Iteration is the solver's iteration (CMA-ES generation or
	// Nelder–Mead iteration) that asked for the evaluation, from 0; the
	// initial evaluations of Nelder–Mead's simplex are iteration 0.
	Iteration int
	// X is the evaluated parameter vector (a copy the callback may keep).
	X []float64
	// Loss is the objective's value at X, NaN included.
	Loss float64
}

// Options are the settings common to all solvers.
type Options struct {
	// MaxEvals is the evaluation budget: a solver never evaluates the
	// objective more often. It must be positive.
	MaxEvals int
	// MaxIter bounds the solver's iterations; 0 means no bound beyond
	// MaxEvals.
	MaxIter int
	// Seed keys the random stream of randomised solvers (CMA-ES).
	Seed uint64
	// OnEval, if not nil, is called after each evaluation, in order, from
	// the solver's goroutine. An error it returns ends the fit with that
	// error.
	OnEval func(Eval) error
}

// Result is the outcome of a fit.
type Result struct {
	// X is the best parameter vector evaluated and Loss its loss
	// (HNN-core's xbest; NaN losses are never best unless all are NaN).
	X    []float64
	Loss float64
	// Evals is the number of evaluations made and Iterations the number
	// of iterations begun.
	Evals      int
	Iterations int
	// Stop says why the solver stopped.
	Stop string
}

// Stop reasons reported in Result.Stop.
const (
	StopMaxEvals  = "evaluation budget spent"
	StopMaxIter   = "iteration limit reached"
	StopConverged = "converged"
)

// Solver minimises an objective over the box of its parameters' bounds.
type Solver interface {
	// Minimize minimises the losses returned by eval over the bounds of
	// params. On an error (invalid input, a failed evaluation, a
	// callback's error, or ctx done, which wraps ctx.Err()) it returns the
	// best result so far together with the error.
	Minimize(ctx context.Context, params []Param, eval Evaluator, opt Options) (Result, error)
}

// run keeps the bookkeeping common to solvers: the budget, the callback
// and the best point.
type run struct {
	eval Evaluator
	opt  Options
	res  Result
}

func newRun(params []Param, eval Evaluator, opt Options) (*run, error) {
	if err := ValidateParams(params); err != nil {
		return nil, err
	}
	if eval == nil {
		return nil, errors.New("fit: nil evaluator")
	}
	if opt.MaxEvals < 1 {
		return nil, fmt.Errorf("fit: MaxEvals is %d, want a positive budget", opt.MaxEvals)
	}
	if opt.MaxIter < 0 {
		return nil, fmt.Errorf("fit: MaxIter is %d, want 0 (no limit) or more", opt.MaxIter)
	}
	return &run{eval: eval, opt: opt, res: Result{Loss: math.NaN()}}, nil
}

// left is the number of evaluations left in the budget.
func (r *run) left() int { return r.opt.MaxEvals - r.res.Evals }

// evaluate evaluates the batch xs (which must fit in the budget) at
// iteration it and returns the losses.
func (r *run) evaluate(ctx context.Context, it int, xs [][]float64) ([]float64, error) {
	if len(xs) > r.left() {
		panic("fit: batch exceeds the evaluation budget")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("fit: stopped after %d evaluations: %w", r.res.Evals, err)
	}
	in := make([][]float64, len(xs))
	for i, x := range xs {
		in[i] = slices.Clone(x)
	}
	fs, err := r.eval(ctx, in)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return nil, fmt.Errorf("fit: stopped after %d evaluations: %w", r.res.Evals, err)
		}
		return nil, fmt.Errorf("fit: evaluations %d to %d: %w", r.res.Evals, r.res.Evals+len(xs)-1, err)
	}
	if len(fs) != len(xs) {
		return nil, fmt.Errorf("fit: evaluator returned %d losses for %d points", len(fs), len(xs))
	}
	for i, x := range xs {
		if better(fs[i], r.res.Loss) || r.res.X == nil {
			r.res.X, r.res.Loss = slices.Clone(x), fs[i]
		}
		n := r.res.Evals
		r.res.Evals++
		if r.opt.OnEval != nil {
			if err := r.opt.OnEval(Eval{N: n, Iteration: it, X: slices.Clone(x), Loss: fs[i]}); err != nil {
				return nil, fmt.Errorf("fit: evaluation %d: callback: %w", n, err)
			}
		}
	}
	return fs, nil
}

// better reports whether loss a ranks before b, NaN ranking last.
func better(a, b float64) bool {
	if math.IsNaN(a) {
		return false
	}
	return math.IsNaN(b) || a < b
}

// rank maps NaN to +Inf so that losses compare totally.
func rank(f float64) float64 {
	if math.IsNaN(f) {
		return math.Inf(1)
	}
	return f
}
