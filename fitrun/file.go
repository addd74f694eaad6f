// Package fitrun fits a model's parameters to data with package fit: it
// reads a fit file (the model, as a batch grid's meta gives it, the fitted
// parameters and the model paths each sets, the objective and its target,
// and the solver), evaluates each candidate by setting its paths in the
// base run spec and simulating it (simulate.Run), and keeps a journal of
// every evaluation in the output directory so that a rerun resumes where
// it stopped. The command line's fit calls it.
//
// Each evaluation post-processes every trial's dipole as HNN-core's
// Optimizer does (smoothed, then scaled, per trial) before the objective
// averages the trials. Candidates of one solver batch run concurrently
// (fit.Concurrent); simulations are bit-identical for any number of
// threads and the solvers report evaluations in order, so a fit's history
// is the same for any thread count.
package fitrun

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/laminasim/lamina/batch"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/fit"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/format/hnntxt"
	"github.com/laminasim/lamina/format/modelfile"
	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/spec"
	"github.com/laminasim/lamina/sweep"
)

// File is a fit file, in JSON (or YAML).
type File struct {
	// Model is the base model, as a batch grid's meta gives it: an
	// example name, {"file": PATH} (relative to the fit file) or a model
	// object.
	Model json.RawMessage `json:"model"`
	// TStopMs, Trials and DtMs override the base run's (0: the base's;
	// the run needs a length).
	TStopMs float64 `json:"tstop_ms,omitempty"`
	Trials  int     `json:"trials,omitempty"`
	DtMs    float64 `json:"dt_ms,omitempty"`
	// Set gives fixed values to model paths (spec.Run.Set) of the base
	// run, before the parameters', e.g. {"drives.evprox1.event_seed": 2}.
	Set map[string]float64 `json:"set,omitempty"`
	// Params are the fitted parameters.
	Params []Param `json:"params"`
	// Objective is the loss to minimise.
	Objective Objective `json:"objective"`
	// Solver is the minimiser and its budget.
	Solver Solver `json:"solver"`
}

// Param is one fitted parameter: its bounds, its initial value, and the
// model paths (spec.Run.Set) it sets, all to its value.
type Param struct {
	Name    string   `json:"name"`
	Paths   []string `json:"paths"`
	Low     float64  `json:"low"`
	High    float64  `json:"high"`
	Initial *float64 `json:"initial,omitempty"`
}

// Objective kinds.
const (
	DipoleRMSE  = "dipole_rmse"
	DipoleCorr  = "dipole_corr"
	MaximizePSD = "maximize_psd"
)

// Objective says what is minimised.
type Objective struct {
	// Kind is dipole_rmse, dipole_corr or maximize_psd.
	Kind string `json:"kind"`
	// Target is the dipole to fit (dipole_rmse, dipole_corr): an
	// HNN-core dipole text file or a Lamina dipole.csv (trials averaged),
	// relative to the fit file.
	Target string `json:"target,omitempty"`
	// SmoothMs and Scale post-process each simulated trial's dipole
	// (smoothed, then scaled) before the trials are averaged; 0: none.
	SmoothMs float64 `json:"smooth_ms,omitempty"`
	Scale    float64 `json:"scale,omitempty"`
	// FBands and RelativeBandpower are maximize_psd's bands (Hz) and
	// weights (one, or one per band).
	FBands            [][2]float64 `json:"f_bands,omitempty"`
	RelativeBandpower []float64    `json:"relative_bandpower,omitempty"`
}

// Solver kinds: HNN-core's three (bayesian, its default; cobyla; cma)
// and Nelder–Mead.
const (
	Bayesian   = "bayesian"
	COBYLA     = "cobyla"
	CMA        = "cma"
	NelderMead = "nelder-mead"
)

// SolverKinds lists the solver kinds.
var SolverKinds = []string{Bayesian, COBYLA, CMA, NelderMead}

// Solver is the minimiser and its budget.
type Solver struct {
	// Kind is bayesian, cobyla, cma or nelder-mead.
	Kind string `json:"kind"`
	// MaxIter is HNN-core's max_iter: bayesian evaluates the start, then
	// max_iter more points (1 + max_iter evaluations, as bayes_opt's
	// maxfun); cobyla makes at most max_iter evaluations (fmin_cobyla's
	// maxfun); cma runs at most max_iter generations (cma's maxiter);
	// nelder-mead at most max_iter iterations. MaxEvals bounds the
	// evaluations of any solver. At least one must be positive.
	MaxIter  int `json:"max_iter,omitempty"`
	MaxEvals int `json:"max_evals,omitempty"`
	// Seed keys the random stream of CMA-ES and of the Bayesian
	// optimiser's candidates.
	Seed uint64 `json:"seed,omitempty"`
	// PopSize is CMA-ES's λ (0: 4 + ⌊3 ln n⌋).
	PopSize int `json:"popsize,omitempty"`
	// TolFun is CMA-ES's tolfun (0: 1e-11; HNN-core uses 0.01).
	TolFun float64 `json:"tolfun,omitempty"`
	// RhoBeg, RhoEnd and CAtol are COBYLA's trust-region radii (in the
	// parameters' units) and constraint tolerance (0: HNN-core's 0.1,
	// 1e-4 and 0).
	RhoBeg float64 `json:"rhobeg,omitempty"`
	RhoEnd float64 `json:"rhoend,omitempty"`
	CAtol  float64 `json:"catol,omitempty"`
	// Candidates is the Bayesian optimiser's number of random candidates
	// per iteration (0: HNN-core's 10000).
	Candidates int `json:"candidates,omitempty"`
}

// Fit is a fit file made ready: its base run, target and parameters.
type Fit struct {
	File File
	// Base is the base run with the file's run settings and the
	// objective's dipole processing (so that a run spec derived from it
	// simulates to the dipoles the loss saw).
	Base *spec.Run
	// Target is the target dipole (nil for maximize_psd).
	Target *dipole.Dipole
	// Params are the parameters for the solver.
	Params []fit.Param
	// SHA256 identifies the fit: the file's settings, the base run and the
	// target's data. A resume with another is refused.
	SHA256 string
}

// Load reads and validates the fit file at path: YAML if its name ends in
// .yaml or .yml, else JSON, both strict (unknown or repeated keys are
// errors). Relative model files and targets are relative to its directory.
func Load(path string) (*Fit, error) {
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".yaml" || ext == ".yml" {
		if data, err = batch.YAMLToJSON(data); err != nil {
			return nil, fmt.Errorf("fit: %s: %w", path, err)
		}
	}
	var f File
	if err := jsonstrict.DecodeNamed(path, data, &f); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	return New(f, filepath.Dir(path))
}

// New validates f and makes it ready, reading relative files from dir.
func New(f File, dir string) (*Fit, error) {
	ft := &Fit{File: f}
	o := &f.Objective
	s := &f.Solver
	switch {
	case len(f.Model) == 0:
		return nil, errors.New(`fit: no "model" (an example name, {"file": PATH} or a model)`)
	case !(f.TStopMs >= 0) || math.IsInf(f.TStopMs, 0):
		return nil, fmt.Errorf("fit: tstop_ms = %g, must be > 0", f.TStopMs)
	case f.Trials < 0:
		return nil, fmt.Errorf("fit: trials = %d, must be >= 1", f.Trials)
	case !(f.DtMs >= 0) || math.IsInf(f.DtMs, 0):
		return nil, fmt.Errorf("fit: dt_ms = %g, must be > 0", f.DtMs)
	case len(f.Params) == 0:
		return nil, errors.New("fit: params is empty: give at least one parameter")
	case o.SmoothMs != 0 && !(o.SmoothMs >= 1) || math.IsInf(o.SmoothMs, 0):
		return nil, fmt.Errorf("fit: objective.smooth_ms = %g, must be 0 or >= 1", o.SmoothMs)
	case !(o.Scale >= 0) || math.IsInf(o.Scale, 0):
		return nil, fmt.Errorf("fit: objective.scale = %g, must be 0 (none) or > 0", o.Scale)
	case s.MaxIter < 0:
		return nil, fmt.Errorf("fit: solver.max_iter = %d, must be >= 0", s.MaxIter)
	case s.MaxEvals < 0:
		return nil, fmt.Errorf("fit: solver.max_evals = %d, must be >= 0", s.MaxEvals)
	case s.MaxIter == 0 && s.MaxEvals == 0:
		return nil, errors.New("fit: solver: max_iter and max_evals are both 0: give a positive budget")
	case s.PopSize < 0 || s.PopSize == 1:
		return nil, fmt.Errorf("fit: solver.popsize = %d, must be 0 (default) or >= 2", s.PopSize)
	case !(s.TolFun >= 0) && !(s.TolFun < 0) || math.IsInf(s.TolFun, 0):
		return nil, fmt.Errorf("fit: solver.tolfun = %g, must be finite", s.TolFun)
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	base, err := baseRun(f.Model, dir)
	if err != nil {
		return nil, err
	}
	for _, path := range slices.Sorted(maps.Keys(f.Set)) {
		if err := base.Set(path, f.Set[path]); err != nil {
			return nil, fmt.Errorf("fit: set: %q = %g: %w", path, f.Set[path], err)
		}
	}
	if f.TStopMs != 0 {
		base.TStopMs = f.TStopMs
	}
	if f.Trials != 0 {
		base.Trials = f.Trials
	}
	if f.DtMs != 0 {
		base.DtMs = f.DtMs
	}
	if base.TStopMs == 0 {
		return nil, errors.New("fit: the model has no run length: give tstop_ms")
	}
	if base.Network == nil {
		return nil, fmt.Errorf("fit: model %q is a point network: the objectives fit dipoles, which it has none of", base.ModelName())
	}
	base.Output.SmoothMs, base.Output.Scale = o.SmoothMs, o.Scale
	run := base.WithDefaults()
	ft.Base = &run
	if err := ft.Base.Validate(nil); err != nil {
		return nil, fmt.Errorf("fit: model: %w", err)
	}
	// parameters: bounds, initial values, and paths that exist
	for i, p := range f.Params {
		fp := fit.Param{Name: p.Name, Low: p.Low, High: p.High, Initial: p.Initial}
		if err := fp.Validate(); err != nil {
			return nil, fmt.Errorf("fit: params[%d]: %s", i, strings.TrimPrefix(err.Error(), "fit: "))
		}
		if len(p.Paths) == 0 {
			return nil, fmt.Errorf("fit: params[%d] (%s): paths is empty: give the model paths it sets", i, p.Name)
		}
		ft.Params = append(ft.Params, fp)
	}
	if err := fit.ValidateParams(ft.Params); err != nil {
		return nil, fmt.Errorf("fit: params: %s", strings.TrimPrefix(err.Error(), "fit: "))
	}
	x0 := make([]float64, len(ft.Params))
	for i, p := range ft.Params {
		x0[i] = p.Start()
	}
	r0, err := ft.Apply(x0)
	if err != nil {
		return nil, err
	}
	if err := r0.Validate(nil); err != nil {
		return nil, fmt.Errorf("fit: the model with the initial parameters: %w", err)
	}
	// objective
	switch o.Kind {
	case DipoleRMSE, DipoleCorr:
		if o.Target == "" {
			return nil, fmt.Errorf("fit: objective.target is empty: %s needs a target dipole file", o.Kind)
		}
		if len(o.FBands) != 0 || len(o.RelativeBandpower) != 0 {
			return nil, fmt.Errorf("fit: objective: f_bands and relative_bandpower are maximize_psd's, not %s's", o.Kind)
		}
		p := o.Target
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if ft.Target, err = ReadTarget(p); err != nil {
			return nil, fmt.Errorf("fit: objective.target: %w", err)
		}
	case MaximizePSD:
		if o.Target != "" {
			return nil, errors.New("fit: objective.target: maximize_psd has no target")
		}
		if len(o.FBands) == 0 {
			return nil, errors.New("fit: objective.f_bands is empty: maximize_psd needs bands, e.g. [[15, 25]]")
		}
		for i, b := range o.FBands {
			if !(b[0] >= 0 && b[1] > b[0]) || math.IsInf(b[1], 0) {
				return nil, fmt.Errorf("fit: objective.f_bands[%d] = [%g, %g] Hz, want 0 <= low < high, finite", i, b[0], b[1])
			}
		}
		if n := len(o.RelativeBandpower); n != 1 && n != len(o.FBands) {
			return nil, fmt.Errorf("fit: objective.relative_bandpower has %d weights, want 1 or one per band (%d)", n, len(o.FBands))
		}
	default:
		return nil, fmt.Errorf("fit: objective.kind = %q, want %q, %q or %q", o.Kind, DipoleRMSE, DipoleCorr, MaximizePSD)
	}
	if ft.SHA256, err = ft.hash(); err != nil {
		return nil, err
	}
	return ft, nil
}

// hash returns the SHA-256 of the file's settings (with the model as the
// base run), the base run and the target's data.
func (ft *Fit) hash() (string, error) {
	h := sha256.New()
	f := ft.File
	f.Model = nil
	if err := json.NewEncoder(h).Encode(f); err != nil {
		return "", err
	}
	b, err := sweep.BaseHash(ft.Base)
	if err != nil {
		return "", err
	}
	fmt.Fprintln(h, b)
	if ft.Target != nil {
		if err := json.NewEncoder(h).Encode(ft.Target); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Apply returns a copy of the base run with every path of each parameter
// set to its value in x, brought into the parameter's bounds.
func (ft *Fit) Apply(x []float64) (*spec.Run, error) {
	if len(x) != len(ft.File.Params) {
		return nil, fmt.Errorf("fit: %d values for %d parameters", len(x), len(ft.File.Params))
	}
	r, err := ft.Base.Clone()
	if err != nil {
		return nil, err
	}
	for i, p := range ft.File.Params {
		// COBYLA may step outside the box by up to about its trust
		// radius, as SciPy's does: such a point is simulated at its
		// projection onto the box (a negative weight or jitter is no
		// model), so the loss outside is that of the nearest point inside.
		v := min(max(x[i], p.Low), p.High)
		for j, path := range p.Paths {
			if err := r.Set(path, v); err != nil {
				return nil, fmt.Errorf("fit: params[%d] (%s): paths[%d] = %q: %w", i, p.Name, j, path, err)
			}
		}
	}
	return r, nil
}

// ReadTarget reads a target dipole: a Lamina dipole.csv (columns trial,
// time_ms and <layer>_<unit>; the trials averaged) if the name ends in
// .csv, else an HNN-core dipole text file. It must have an "agg" layer,
// at least two samples and finite values.
func ReadTarget(path string) (*dipole.Dipole, error) {
	var d *dipole.Dipole
	var err error
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		d, err = readDipoleCSV(path)
	} else {
		d, err = hnntxt.ReadDipoleFile(path)
	}
	if err != nil {
		return nil, err
	}
	if _, ok := d.Data[dipole.LayerAgg]; !ok {
		return nil, fmt.Errorf("%s: no %q layer", path, dipole.LayerAgg)
	}
	if len(d.TimesMs) < 2 {
		return nil, fmt.Errorf("%s: %d sample(s), want at least 2", path, len(d.TimesMs))
	}
	for _, l := range d.Layers {
		for i, v := range d.Data[l] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s: layer %s at %g ms is %g: the target must be finite", path, l, d.TimesMs[i], v)
			}
		}
	}
	return d, nil
}

// readDipoleCSV reads a Lamina dipole.csv and averages its trials.
func readDipoleCSV(path string) (*dipole.Dipole, error) {
	names, cols, err := csvfile.ReadColumns(path)
	if err != nil {
		return nil, err
	}
	ti, tt := -1, -1
	var layers []string
	var idx []int
	unit := ""
	for i, n := range names {
		switch {
		case n == "trial":
			ti = i
		case n == "time_ms":
			tt = i
		default:
			l, u, ok := cutLast(n, "_")
			if !ok || (u != dipole.UnitNAm && u != dipole.UnitFAm) || (unit != "" && u != unit) {
				return nil, fmt.Errorf("%s: column %q: want <layer>_nAm or <layer>_fAm, one unit", path, n)
			}
			unit = u
			layers = append(layers, l)
			idx = append(idx, i)
		}
	}
	if tt < 0 || len(layers) == 0 {
		return nil, fmt.Errorf("%s: want columns time_ms and <layer>_nAm (a Lamina dipole.csv)", path)
	}
	byTrial := map[float64]int{}
	var trials []*[]int // rows of each trial, in order of appearance
	for r := range cols[tt] {
		k := 0.0
		if ti >= 0 {
			k = cols[ti][r]
		}
		j, ok := byTrial[k]
		if !ok {
			j = len(trials)
			byTrial[k] = j
			trials = append(trials, new([]int))
		}
		*trials[j] = append(*trials[j], r)
	}
	var ds []*dipole.Dipole
	for _, rows := range trials {
		times := make([]float64, len(*rows))
		data := map[string][]float64{}
		for k, l := range layers {
			v := make([]float64, len(*rows))
			for j, r := range *rows {
				v[j] = cols[idx[k]][r]
				times[j] = cols[tt][r]
			}
			data[l] = v
		}
		d, err := dipole.New(times, layers, data, unit)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		ds = append(ds, d)
	}
	if len(ds) == 1 {
		return ds[0], nil
	}
	d, err := dipole.Average(ds)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// baseRun reads the model reference (modelfile.Reference).
func baseRun(raw json.RawMessage, dir string) (*spec.Run, error) {
	return modelfile.Reference(raw, dir, "fit", "model")
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// check refuses settings of another solver than the file's and invalid
// COBYLA and Bayesian settings.
func (s Solver) check() error {
	var foreign []string
	if s.Kind != CMA && (s.PopSize != 0 || s.TolFun != 0) {
		foreign = append(foreign, "popsize and tolfun (cma)")
	}
	if s.Kind != COBYLA && (s.RhoBeg != 0 || s.RhoEnd != 0 || s.CAtol != 0) {
		foreign = append(foreign, "rhobeg, rhoend and catol (cobyla)")
	}
	if s.Kind != Bayesian && s.Candidates != 0 {
		foreign = append(foreign, "candidates (bayesian)")
	}
	switch {
	case !slices.Contains(SolverKinds, s.Kind):
		return fmt.Errorf("fit: solver.kind = %q, want one of %s", s.Kind, strings.Join(SolverKinds, ", "))
	case len(foreign) > 0:
		return fmt.Errorf("fit: solver: %s are not settings of %s", strings.Join(foreign, "; "), s.Kind)
	case s.RhoBeg < 0 || math.IsNaN(s.RhoBeg) || math.IsInf(s.RhoBeg, 0):
		return fmt.Errorf("fit: solver.rhobeg = %g, must be 0 (0.1) or > 0", s.RhoBeg)
	case s.RhoEnd < 0 || math.IsNaN(s.RhoEnd) || math.IsInf(s.RhoEnd, 0):
		return fmt.Errorf("fit: solver.rhoend = %g, must be 0 (1e-4) or > 0", s.RhoEnd)
	case s.CAtol < 0 || math.IsNaN(s.CAtol) || math.IsInf(s.CAtol, 0):
		return fmt.Errorf("fit: solver.catol = %g, must be >= 0", s.CAtol)
	case s.Candidates < 0:
		return fmt.Errorf("fit: solver.candidates = %d, must be 0 (10000) or > 0", s.Candidates)
	}
	if s.Kind == COBYLA {
		beg, end := cmp.Or(s.RhoBeg, 0.1), cmp.Or(s.RhoEnd, 1e-4)
		if end > beg {
			return fmt.Errorf("fit: solver.rhoend = %g exceeds solver.rhobeg = %g", end, beg)
		}
	}
	return nil
}
