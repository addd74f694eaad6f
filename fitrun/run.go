package fitrun

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/fit"
	"github.com/laminasim/lamina/format/safefile"
	"github.com/laminasim/lamina/simulate"
)

// Files of a fit's output directory.
const (
	// FitFile is the fit as run, with its SHA-256 (a resume must match).
	FitFile = "fit.json"
	// HistoryFile is the journal: one JSON object per evaluation, synced.
	HistoryFile = "history.jsonl"
	// HistoryCSV is the journal as a table: iteration, eval, the
	// parameters, loss, wall_s.
	HistoryCSV = "history.csv"
	// BestFile is the run spec of the best parameters (lamina simulate
	// runs it).
	BestFile = "best.json"
	// ConvergencePNG and DipolesPNG are the figures.
	ConvergencePNG = "convergence.png"
	DipolesPNG     = "dipoles.png"
	// PSDPNG and BandsCSV are a maximize_psd fit's periodograms at the
	// initial and best parameters and each band's share of the power.
	PSDPNG   = "psd.png"
	BandsCSV = "bands.csv"
)

// Record is one evaluation in the journal.
type Record struct {
	Eval      int       `json:"eval"`
	Iteration int       `json:"iteration"`
	X         []float64 `json:"x"`
	// Loss is the loss; nil in JSON when it is NaN.
	Loss  *float64 `json:"loss"`
	WallS float64  `json:"wall_s"`
}

// LossValue returns the record's loss, NaN for none.
func (r Record) LossValue() float64 {
	if r.Loss == nil {
		return math.NaN()
	}
	return *r.Loss
}

// Options say how a fit uses the machine and reports progress.
type Options struct {
	// Threads is the number of threads in all (0: runtime.NumCPU()).
	Threads int
	// MaxMemoryBytes is each simulation's memory limit (simulate.Env's).
	MaxMemoryBytes int64
	// OnEval, if set, is called after each evaluation (replayed ones
	// included), in order, with the best loss so far.
	OnEval func(r Record, best float64)
	// NoFigures skips the figures (and the two simulations the dipole
	// figure needs).
	NoFigures bool
	// Comm, if it has more than one rank (an MPI job), spreads the
	// evaluations over its ranks: every rank calls Run with the same fit
	// and directory and runs the same solver, so that all ask for the
	// same candidates; a batch of at least as many candidates as ranks
	// is dealt out (candidate k to rank k mod size, each simulated on
	// that rank's threads), a smaller batch (a sequential solver's) is
	// simulated candidate by candidate, each split over all ranks. Losses
	// are gathered, so every rank's history is the same, and rank 0 alone
	// writes the directory. nil: this process alone.
	Comm dist.Comm
}

// Outcome is the result of a fit.
type Outcome struct {
	fit.Result
	// Replayed is the number of evaluations taken from an earlier
	// journal.
	Replayed int
	// Files lists the files written.
	Files []string
}

// Budget returns the solver's options for the file's budget: max_evals,
// max_iter as HNN-core means it for each solver (see Solver.MaxIter), or
// both (the first reached ends the fit).
func (ft *Fit) Budget() fit.Options {
	s := ft.File.Solver
	o := fit.Options{MaxEvals: s.MaxEvals, Seed: s.Seed}
	n := len(ft.Params)
	var evals int // the evaluations max_iter allows
	switch s.Kind {
	case Bayesian:
		evals = s.MaxIter + 1
	case COBYLA:
		evals = s.MaxIter
	case CMA:
		o.MaxIter = s.MaxIter
		per := s.PopSize
		if per == 0 {
			per = 4 + int(3*math.Log(float64(n)))
		}
		evals = s.MaxIter * per
	default:
		o.MaxIter = s.MaxIter
		// at most a shrink's n plus two per iteration, after the simplex
		evals = s.MaxIter*(n+2) + n + 1
	}
	if s.MaxIter > 0 && (o.MaxEvals == 0 || evals < o.MaxEvals) {
		o.MaxEvals = evals
	}
	return o
}

// Solver returns the file's solver.
func (ft *Fit) Solver() fit.Solver {
	s := ft.File.Solver
	switch s.Kind {
	case Bayesian:
		return fit.Bayesian{Candidates: s.Candidates}
	case COBYLA:
		return fit.COBYLA{RhoBeg: s.RhoBeg, RhoEnd: s.RhoEnd, CAtol: s.CAtol}
	case NelderMead:
		return fit.NelderMead{}
	}
	return fit.CMA{PopSize: s.PopSize, TolFun: s.TolFun}
}

// Loss simulates the run with parameters x in env and returns the
// objective's loss.
func (ft *Fit) Loss(ctx context.Context, x []float64, env simulate.Env) (float64, error) {
	ds, err := ft.Dipoles(ctx, x, env)
	if err != nil {
		return 0, err
	}
	o := ft.File.Objective
	switch o.Kind {
	case DipoleRMSE:
		return fit.DipoleRMSE(ds, ft.Target, 0, ft.Base.TStopMs)
	case DipoleCorr:
		return fit.DipoleCorr(ds, ft.Target, 0, ft.Base.TStopMs)
	default:
		return fit.MaximizePSD(ds, o.FBands, o.RelativeBandpower)
	}
}

// Dipoles simulates the run with parameters x in env and returns every
// trial's dipole smoothed and scaled as the objective says.
func (ft *Fit) Dipoles(ctx context.Context, x []float64, env simulate.Env) ([]*dipole.Dipole, error) {
	r, err := ft.Apply(x)
	if err != nil {
		return nil, err
	}
	res, err := simulate.Run(ctx, r, env)
	if err != nil {
		return nil, err
	}
	o := ft.File.Objective
	ds, err := res.ProcessedDipoles(o.SmoothMs, o.Scale)
	if err != nil {
		return nil, fmt.Errorf("objective.smooth_ms: %w", err)
	}
	if len(ds) == 0 {
		return nil, errors.New("fit: the model records no dipole")
	}
	return ds, nil
}

// savedFit is FitFile's content.
type savedFit struct {
	SHA256 string `json:"sha256"`
	Fit    File   `json:"fit"`
}

// Run fits into the output directory dir. If dir holds the journal of an
// earlier run of the same fit, its evaluations are replayed (the same
// parameters give their recorded loss, without simulating) and the fit
// continues, so that the final history is that of an uninterrupted run;
// a journal of another fit is refused. On cancellation the journal holds
// every evaluation finished and Run returns the context's error.
func (ft *Fit) Run(ctx context.Context, dir string, opt Options) (*Outcome, error) {
	comm := opt.Comm
	if comm == nil {
		comm = dist.Single()
	}
	root := comm.Rank() == 0
	journal, err := ft.openJournal(comm, dir)
	if err != nil {
		return nil, err
	}
	// Rank 0 writes the journal and history.csv; the others write nothing.
	var hist, csv *os.File
	csvPath := filepath.Join(dir, HistoryCSV)
	if root {
		hist, err = os.OpenFile(filepath.Join(dir, HistoryFile), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, err
		}
		defer hist.Close()
		csv, err = os.Create(csvPath)
		if err != nil {
			return nil, err
		}
		defer csv.Close()
		header := []string{"iteration", "eval"}
		for _, p := range ft.Params {
			header = append(header, p.Name)
		}
		header = append(header, "loss", "wall_s")
		fmt.Fprintln(csv, strings.Join(header, ","))
	}

	threads := opt.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	var wallQ []float64 // wall times of the evaluations not yet reported, in order
	pos := 0            // next journal record to replay
	eval := func(ctx context.Context, xs [][]float64) ([]float64, error) {
		losses := make([]float64, len(xs))
		walls := make([]float64, len(xs))
		var todo []int
		for i, x := range xs {
			if pos < len(journal) {
				r := journal[pos]
				if !sameX(r.X, x) {
					return nil, fmt.Errorf("fit: the journal %s diverges at evaluation %d: it has x = %v, the solver asks for %v (was the fit or the program changed?)",
						filepath.Join(dir, HistoryFile), r.Eval, r.X, x)
				}
				losses[i], walls[i] = r.LossValue(), r.WallS
				pos++
				continue
			}
			todo = append(todo, i)
		}
		if len(todo) > 0 {
			var err error
			switch {
			case comm.Size() == 1:
				err = ft.evalLocal(ctx, xs, todo, losses, walls, threads, opt.MaxMemoryBytes)
			case len(todo) >= comm.Size():
				err = ft.evalDealt(ctx, comm, xs, todo, losses, walls, threads, opt.MaxMemoryBytes)
			default:
				err = ft.evalSplit(ctx, comm, xs, todo, losses, walls, threads, opt.MaxMemoryBytes)
			}
			if err != nil {
				return nil, err
			}
		}
		wallQ = append(wallQ, walls...)
		return losses, nil
	}
	best := math.NaN()
	lastN := -1
	var history []Record
	o := ft.Budget()
	o.OnEval = func(e fit.Eval) error {
		if e.N != lastN+1 {
			return fmt.Errorf("fit: evaluation %d reported after %d", e.N, lastN)
		}
		lastN = e.N
		w := 0.0
		if len(wallQ) > 0 {
			w, wallQ = wallQ[0], wallQ[1:]
		}
		rec := Record{Eval: e.N, Iteration: e.Iteration, X: e.X, WallS: w}
		if !math.IsNaN(e.Loss) {
			l := e.Loss
			rec.Loss = &l
		}
		if root {
			if e.N >= len(journal) {
				line, err := json.Marshal(rec)
				if err != nil {
					return err
				}
				if _, err := hist.Write(append(line, '\n')); err != nil {
					return err
				}
				if err := hist.Sync(); err != nil {
					return err
				}
			}
			if err := writeCSVRow(csv, rec); err != nil {
				return err
			}
		}
		history = append(history, rec)
		if !math.IsNaN(e.Loss) && !(e.Loss >= best) {
			best = e.Loss
		}
		if opt.OnEval != nil {
			opt.OnEval(rec, best)
		}
		return nil
	}
	res, err := ft.Solver().Minimize(ctx, ft.Params, eval, o)
	out := &Outcome{Result: res, Replayed: min(len(journal), len(history))}
	if err != nil {
		return out, err
	}
	if pos < len(journal) {
		return out, fmt.Errorf("fit: the journal %s has %d evaluations, the fit made %d: was the budget lowered?", filepath.Join(dir, HistoryFile), len(journal), res.Evals)
	}
	if !root {
		return out, nil
	}
	if err := csv.Sync(); err != nil {
		return out, err
	}
	out.Files = []string{filepath.Join(dir, FitFile), filepath.Join(dir, HistoryFile), csvPath}
	br, err := ft.Apply(res.X)
	if err != nil {
		return out, err
	}
	br.Name = br.ModelName() + "-fit"
	bestPath := filepath.Join(dir, BestFile)
	if err := safefile.Write(bestPath, br.Write); err != nil {
		return out, err
	}
	out.Files = append(out.Files, bestPath)
	if !opt.NoFigures {
		files, err := ft.figures(ctx, dir, history, res.X, threads, opt.MaxMemoryBytes)
		out.Files = append(out.Files, files...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// openJournal prepares dir (prepare) on rank 0 and gives every rank the
// journal's records.
func (ft *Fit) openJournal(comm dist.Comm, dir string) ([]Record, error) {
	if comm.Size() == 1 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		return ft.prepare(dir)
	}
	var msg []string
	var recs []Record
	if comm.Rank() == 0 {
		err := os.MkdirAll(dir, 0o755)
		if err == nil {
			recs, err = ft.prepare(dir)
		}
		if err != nil {
			msg = []string{"fail", err.Error()}
		} else {
			msg = []string{"ok"}
			for _, r := range recs {
				line, err := json.Marshal(r)
				if err != nil {
					return nil, err
				}
				msg = append(msg, string(line))
			}
		}
	}
	all, err := dist.AllgatherStrings(comm, msg)
	if err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	head := all[0]
	if len(head) == 0 || head[0] != "ok" {
		if comm.Rank() == 0 {
			return nil, errors.New(head[1])
		}
		if len(head) == 2 {
			return nil, fmt.Errorf("fit: rank 0: %s", head[1])
		}
		return nil, errors.New("fit: rank 0 sent no journal")
	}
	if comm.Rank() == 0 {
		return recs, nil
	}
	for i, l := range head[1:] {
		var r Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			return nil, fmt.Errorf("fit: rank 0 sent journal record %d: %w", i, err)
		}
		recs = append(recs, r)
	}
	return recs, nil
}

// evalLocal simulates the candidates xs[i], i in todo, on this process's
// threads (as many at once as there are threads) and stores their losses
// and wall times.
func (ft *Fit) evalLocal(ctx context.Context, xs [][]float64, todo []int, losses, walls []float64, threads int, maxMemory int64) error {
	workers := min(threads, len(todo))
	per := max(threads/workers, 1)
	idx := make([][]float64, len(todo))
	for k, i := range todo {
		idx[k] = []float64{float64(i)}
	}
	ls, err := fit.Concurrent(func(ctx context.Context, ix []float64) (float64, error) {
		i := int(ix[0])
		t0 := time.Now()
		l, err := ft.Loss(ctx, xs[i], simulate.Env{Threads: per, MaxMemoryBytes: maxMemory})
		walls[i] = time.Since(t0).Seconds()
		return l, err
	}, workers)(ctx, idx)
	if err != nil {
		return err
	}
	for k, i := range todo {
		losses[i] = ls[k]
	}
	return nil
}

// evalDealt deals the candidates of todo out over the ranks of comm
// (the k-th to rank k mod size), simulates this rank's share locally and
// gathers every loss and wall time on every rank.
func (ft *Fit) evalDealt(ctx context.Context, comm dist.Comm, xs [][]float64, todo []int, losses, walls []float64, threads int, maxMemory int64) error {
	var mine []int
	for k, i := range todo {
		if k%comm.Size() == comm.Rank() {
			mine = append(mine, i)
		}
	}
	local := ft.evalLocal(ctx, xs, mine, losses, walls, threads, maxMemory)
	// Each rank sends its status, then (candidate, loss, wall) triples.
	buf := []float64{0}
	if local != nil {
		buf[0] = 1
	} else {
		for _, i := range mine {
			buf = append(buf, float64(i), losses[i], walls[i])
		}
	}
	all, err := comm.Allgather(buf)
	if err != nil {
		return errors.Join(local, fmt.Errorf("fit: %w", err))
	}
	var failed []int
	for r, b := range all {
		if len(b) == 0 || b[0] != 0 {
			failed = append(failed, r)
			continue
		}
		for j := 1; j+2 < len(b); j += 3 {
			i := int(b[j])
			losses[i], walls[i] = b[j+1], b[j+2]
		}
	}
	if local != nil {
		return local
	}
	if len(failed) > 0 {
		return fmt.Errorf("fit: an evaluation failed on rank %d: %w", failed[0], dist.ErrRankFailed)
	}
	return nil
}

// evalSplit simulates the candidates of todo one after another, each split
// over all the ranks of comm; every rank gets every loss.
func (ft *Fit) evalSplit(ctx context.Context, comm dist.Comm, xs [][]float64, todo []int, losses, walls []float64, threads int, maxMemory int64) error {
	for _, i := range todo {
		t0 := time.Now()
		l, err := ft.Loss(ctx, xs[i], simulate.Env{Threads: threads, Comm: comm, MaxMemoryBytes: maxMemory})
		if err != nil {
			return err
		}
		losses[i], walls[i] = l, time.Since(t0).Seconds()
	}
	return nil
}

// sameX reports whether a and b hold the same floats, bit for bit.
func sameX(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func writeCSVRow(w io.Writer, r Record) error {
	row := []string{strconv.Itoa(r.Iteration), strconv.Itoa(r.Eval)}
	for _, v := range r.X {
		row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
	}
	row = append(row, strconv.FormatFloat(r.LossValue(), 'g', -1, 64), strconv.FormatFloat(r.WallS, 'g', 6, 64))
	_, err := fmt.Fprintln(w, strings.Join(row, ","))
	return err
}

// prepare checks dir against the fit (FitFile), writes FitFile for a new
// fit and returns the journal's records (a torn last line dropped).
func (ft *Fit) prepare(dir string) ([]Record, error) {
	fp := filepath.Join(dir, FitFile)
	data, err := os.ReadFile(fp)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if exists(filepath.Join(dir, HistoryFile)) {
			return nil, fmt.Errorf("fit: %s has a journal but no %s: use another output directory", dir, FitFile)
		}
		if err := safefile.Write(fp, func(w io.Writer) error {
			e := json.NewEncoder(w)
			e.SetIndent("", "  ")
			return e.Encode(savedFit{SHA256: ft.SHA256, Fit: ft.File})
		}); err != nil {
			return nil, err
		}
		return nil, nil
	case err != nil:
		return nil, err
	}
	var old savedFit
	if err := json.Unmarshal(data, &old); err != nil {
		return nil, fmt.Errorf("fit: %s is damaged: %w", fp, err)
	}
	if old.SHA256 != ft.SHA256 {
		return nil, fmt.Errorf("fit: %s holds another fit (SHA-256 %s; this fit's, with its model and target, is %s): use another output directory, or the fit file, model and target it began with", dir, old.SHA256, ft.SHA256)
	}
	hp := filepath.Join(dir, HistoryFile)
	data, err = os.ReadFile(hp)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var recs []Record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<26)
	good := 0 // bytes of whole records
	for sc.Scan() {
		line := sc.Bytes()
		var r Record
		if err := json.Unmarshal(line, &r); err != nil || r.Eval != len(recs) || len(r.X) != len(ft.Params) {
			break // a torn last write; what follows is redone
		}
		recs = append(recs, r)
		good += len(line) + 1
	}
	if good < len(data) {
		if err := os.Truncate(hp, int64(good)); err != nil {
			return nil, err
		}
	}
	return recs, nil
}
