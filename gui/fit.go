package gui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/laminasim/lamina/fitrun"
	"github.com/laminasim/lamina/spec"
)

// fitRequest is the optimisation tab's form: the base run, the fitted
// parameters, the objective (its target an uploaded data set, by id) and
// the solver. It becomes a fitrun.File, as lamina fit reads from a file.
type fitRequest struct {
	Spec      json.RawMessage `json:"spec"`
	Params    []fitrun.Param  `json:"params"`
	Objective struct {
		fitrun.Objective
		Data string `json:"data"`
	} `json:"objective"`
	Solver  fitrun.Solver `json:"solver"`
	Threads int           `json:"threads"`
}

// fitJob is a fit under way or done.
type fitJob struct {
	*job
	dir string

	hmu     sync.Mutex
	names   []string
	history []fitPoint
	bestX   []float64
	best    *spec.Run
}

// fitPoint is one evaluation: its loss and the best loss so far.
type fitPoint struct {
	Eval int       `json:"eval"`
	Loss *float64  `json:"loss"`
	Best float64   `json:"best"`
	X    []float64 `json:"x"`
}

func (s *Server) handleStartFit(w http.ResponseWriter, r *http.Request) {
	var req fitRequest
	if err := s.decodeBody(w, r, &req); err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	base, fields, err := readSpec(req.Spec)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: err.Error(), Fields: fields})
		return
	}
	// the model inline, as validated: never a name or a path from the
	// browser for fitrun to read
	var model bytes.Buffer
	if err := base.Write(&model); err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	if req.Threads < 1 || req.Threads > s.opt.Threads {
		msg := fmt.Sprintf("threads = %d: must be 1 to %d", req.Threads, s.opt.Threads)
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: msg, Fields: []fieldError{{"threads", msg}}})
		return
	}
	f := fitrun.File{Model: model.Bytes(), Params: req.Params, Objective: req.Objective.Objective, Solver: req.Solver}
	f.Objective.Target = ""
	if req.Objective.Kind != fitrun.MaximizePSD {
		ds, err := s.findData(req.Objective.Data)
		if err != nil {
			msg := "the objective needs a target: upload a recorded dipole in the Visualization tab"
			writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: msg, Fields: []fieldError{{"fit_data", msg}}})
			return
		}
		f.Objective.Target = ds.path // the server's own file, never a browser's path
	}
	s.mu.Lock()
	s.nextID++
	id := fmt.Sprintf("f%d", s.nextID)
	s.mu.Unlock()
	dir := filepath.Join(s.dir, id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	ft, err := fitrun.New(f, dir)
	if err != nil {
		os.RemoveAll(dir)
		msg := strings.TrimPrefix(err.Error(), "fit: ")
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: msg, Fields: []fieldError{{fitField(msg), msg}}})
		return
	}
	fj := &fitJob{job: newJob(id, ft.Base.ModelName()+" fit"), dir: dir}
	for _, p := range ft.Params {
		fj.names = append(fj.names, p.Name)
	}
	fj.extra = fj.state
	if err := s.enqueue(func() { s.execFit(fj, ft, req.Threads) }); err != nil {
		os.RemoveAll(dir)
		fail(w, http.StatusTooManyRequests, err)
		return
	}
	s.mu.Lock()
	s.fits = append(s.fits, fj)
	s.pruneLocked()
	s.mu.Unlock()
	b := ft.Budget()
	fj.logf("queued fit: %s by %s of %s, at most %d evaluations", f.Objective.Kind, f.Solver.Kind, strings.Join(fj.names, ", "), b.MaxEvals)
	writeJSON(w, http.StatusAccepted, map[string]any{"id": id, "max_evals": b.MaxEvals})
}

// fitField names the form field a fit error is about.
func fitField(msg string) string {
	for _, f := range []string{"params", "objective", "solver"} {
		if strings.HasPrefix(msg, f) {
			return "fit_" + f
		}
	}
	return "fit_params"
}

// state is the fit's part of its events: the history, the best
// parameters and, once done, the best run spec to adopt.
func (fj *fitJob) state() any {
	fj.hmu.Lock()
	defer fj.hmu.Unlock()
	return map[string]any{"names": fj.names, "history": append([]fitPoint(nil), fj.history...), "best_x": fj.bestX, "best_spec": fj.best}
}

func (s *Server) execFit(fj *fitJob, ft *fitrun.Fit, threads int) {
	if !fj.begin() {
		return // cancelled while queued
	}
	budget := ft.Budget()
	out, err := ft.Run(fj.ctx, filepath.Join(fj.dir, "out"), fitrun.Options{Threads: threads, MaxMemoryBytes: s.opt.MaxMemoryBytes, NoFigures: true,
		OnEval: func(rec fitrun.Record, best float64) {
			fj.hmu.Lock()
			fj.history = append(fj.history, fitPoint{Eval: rec.Eval, Loss: rec.Loss, Best: best, X: rec.X})
			fj.hmu.Unlock()
			fj.update(func() { fj.progress = math.Min(1, float64(rec.Eval+1)/float64(max(1, budget.MaxEvals))) })
			fj.logf("evaluation %d: loss %.6g (best %.6g)", rec.Eval+1, rec.LossValue(), best)
		}})
	if err == nil {
		best, aerr := ft.Apply(out.X)
		if aerr != nil {
			err = aerr
		} else {
			fj.hmu.Lock()
			fj.bestX, fj.best = out.X, best
			fj.hmu.Unlock()
			fj.logf("%d evaluations: %s; best loss %.6g", out.Evals, out.Stop, out.Loss)
		}
	}
	fj.finish(err)
}

func (s *Server) findFit(id string) (*fitJob, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.fits {
		if f.id == id {
			return f, nil
		}
	}
	return nil, errNotFound
}

func (s *Server) handleFitEvents(w http.ResponseWriter, r *http.Request) {
	fj, err := s.findFit(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	streamEvents(w, r, fj.job)
}

func (s *Server) handleFitCancel(w http.ResponseWriter, r *http.Request) {
	fj, err := s.findFit(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	fj.logf("cancel requested")
	fj.cancelQueued()
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}
