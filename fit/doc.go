// Package fit fits parameters of a model to data by minimising a loss over
// a box of parameter bounds, with no knowledge of the simulator.
//
// A fit is described by its parameters ([Param]: a name, bounds and an
// optional initial value) and an objective: a function of a parameter
// vector x (in the order of the parameters, in their own units) that
// returns a loss to minimise. The caller, typically the CLI, closes the
// objective over a simulation; tests use toy functions (DESIGN.md, rule 4).
//
// Solvers ([CMA], [NelderMead], [COBYLA], [Bayesian]) implement [Solver];
// they are HNN-core's Optimizer solvers ("cma", "cobyla", "bayesian") and
// SciPy's Nelder–Mead. They spend at most a fixed number of evaluations,
// draw any randomness from a keyed stream of the seed, and hand every group
// of evaluations that may run at once (a CMA-ES generation, the initial
// simplex, a Nelder–Mead shrink) to an [Evaluator] as one batch; COBYLA
// and Bayesian optimisation are sequential, one point at a time. An
// Evaluator may run a batch concurrently ([Concurrent]) but returns its
// losses in order, so a fit's history and result are the same for any
// concurrency. Every evaluation is reported
// in order to the optional [Options].OnEval callback, for journalling.
//
// Objectives on dipoles ([DipoleRMSE], [DipoleCorr], [MaximizePSD]) are
// plain functions on data, with HNN-core's semantics (its
// hnn_core/optimization/objective_functions.py).
//
// References: N. Hansen, "The CMA Evolution Strategy: A Tutorial",
// arXiv:1604.00772; J. A. Nelder and R. Mead (1965), as implemented in
// scipy.optimize.minimize(method="Nelder-Mead"); M. J. D. Powell, "A direct
// search optimization method that models the objective and constraint
// functions by linear interpolation" (1994), as SciPy 1.10.1's fmin_cobyla
// runs it; E. Brochu, V. M. Cora and N. de Freitas, "A Tutorial on
// Bayesian Optimization of Expensive Cost Functions", arXiv:1012.2599, and
// C. E. Rasmussen and C. K. I. Williams, "Gaussian Processes for Machine
// Learning" (2006).
package fit
