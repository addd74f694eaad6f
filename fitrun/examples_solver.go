package fitrun

// The examples' solvers: HNN-core's default (bayesian, max_iter 50) once
// it is wired; CMA-ES meanwhile.
var (
	evokedSolver   = Solver{Kind: CMA, MaxIter: 50, PopSize: 16, TolFun: 0.01}
	rhythmicSolver = Solver{Kind: CMA, MaxIter: 50, PopSize: 16, TolFun: 0.01}
)
