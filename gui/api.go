package gui

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/laminasim/lamina/fitrun"
	"github.com/laminasim/lamina/format/modelfile"
	"github.com/laminasim/lamina/models/zoo"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/spec"
)

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/config", s.handleConfig)
	m.HandleFunc("GET /api/examples", s.handleExamples)
	m.HandleFunc("GET /api/examples/{name}", s.handleExample)
	m.HandleFunc("POST /api/validate", s.handleValidate)
	m.HandleFunc("POST /api/load", s.handleLoad)
	m.HandleFunc("POST /api/runs", s.handleStartRun)
	m.HandleFunc("GET /api/runs", s.handleRuns)
	m.HandleFunc("GET /api/runs/{id}/events", s.handleRunEvents)
	m.HandleFunc("POST /api/runs/{id}/cancel", s.handleRunCancel)
	m.HandleFunc("GET /api/runs/{id}/dipole", s.handleDipole)
	m.HandleFunc("GET /api/runs/{id}/spikes", s.handleSpikes)
	m.HandleFunc("GET /api/runs/{id}/figure/{file}", s.handleFigure)
	m.HandleFunc("GET /api/runs/{id}/compare", s.handleCompare)
	m.HandleFunc("GET /api/runs/{id}/spec.json", s.handleRunSpec)
	m.HandleFunc("GET /api/runs/{id}/outputs.zip", s.handleZip)
	m.HandleFunc("POST /api/data", s.handleData)
	m.HandleFunc("POST /api/fits", s.handleStartFit)
	m.HandleFunc("GET /api/fits/{id}/events", s.handleFitEvents)
	m.HandleFunc("POST /api/fits/{id}/cancel", s.handleFitCancel)
}

// apiError is the body of every error answer: a message, and the errors
// by field when the request was a spec or a form.
type apiError struct {
	Error  string       `json:"error"`
	Fields []fieldError `json:"fields,omitempty"`
}

// fieldError is an error about one field, named by its JSON path in the
// spec ("tstop_ms", "network.drives[0].weights_ampa_uS", ...).
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.Encode(v)
}

func fail(w http.ResponseWriter, code int, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code = http.StatusRequestEntityTooLarge
		err = fmt.Errorf("the request is larger than the limit of %d bytes", mbe.Limit)
	}
	if errors.Is(err, errNotFound) {
		code = http.StatusNotFound
	}
	writeJSON(w, code, apiError{Error: err.Error()})
}

// decodeBody reads a JSON body of at most MaxBodyBytes.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("content type %q: want application/json", ct)
	}
	body := http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes)
	dec := json.NewDecoder(body)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the request body: %w", err)
	}
	return nil
}

// readUpload reads the one file of a multipart upload (field "file"), at
// most MaxUploadBytes, into memory: its base name (for its format only)
// and its content.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUploadBytes)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, fmt.Errorf("upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", nil, fmt.Errorf("upload: %w", err)
	}
	// only the base name's extension is used, to tell formats apart
	name := filepath.Base(filepath.Clean("/" + strings.ReplaceAll(hdr.Filename, "\\", "/")))
	return name, data, nil
}

func (s *Server) handleConfig(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"max_threads": s.opt.Threads, "max_upload_bytes": s.opt.MaxUploadBytes,
		"figures": output.FigureNames(), "solvers": fitrun.SolverKinds,
		"objectives": []string{fitrun.DipoleRMSE, fitrun.DipoleCorr, fitrun.MaximizePSD}})
}

// example is an entry of the examples list.
type example struct {
	Name        string  `json:"name"`
	Kind        string  `json:"kind"`
	Description string  `json:"description"`
	TStopMs     float64 `json:"tstop_ms"`
}

func (s *Server) handleExamples(w http.ResponseWriter, r *http.Request) {
	var out []example
	for _, e := range zoo.Examples() {
		out = append(out, example{e.Name, string(e.Kind), e.Description, e.TStopMs})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleExample(w http.ResponseWriter, r *http.Request) {
	e, ok := zoo.Named(r.PathValue("name"))
	if !ok {
		fail(w, http.StatusNotFound, fmt.Errorf("unknown example %q (known: %s)", r.PathValue("name"), zoo.Names()))
		return
	}
	run, err := e.Build(zoo.Options{})
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	d := run.WithDefaults()
	writeJSON(w, http.StatusOK, &d)
}

// readSpec decodes, completes and validates a spec sent as JSON. The
// errors name the fields.
func readSpec(raw json.RawMessage) (*spec.Run, []fieldError, error) {
	r, err := spec.Read(bytes.NewReader(raw))
	if err != nil {
		return nil, fieldErrors(err), err
	}
	if r.Output.Compare != "" {
		// a file path: the GUI reads no path from the browser
		err := fmt.Errorf("output.compare = %q: the GUI takes a recorded dipole by upload (Visualization tab), not by path", r.Output.Compare)
		return nil, []fieldError{{"output.compare", err.Error()}}, err
	}
	run := r.WithDefaults()
	if err := run.Validate(nil); err != nil {
		return nil, fieldErrors(err), err
	}
	return &run, nil, nil
}

// fieldRE finds the field a validation message names: "spec: tstop_ms =
// ...", "spec: network: drives[0] (evdist1): ..." and the like.
var fieldRE = regexp.MustCompile(`^(?:spec: )?([A-Za-z_][A-Za-z0-9_.\[\]]*)(?: \([^)]*\))?(?: =|:)`)

// fieldErrors splits a validation error into one error per line, each
// with the field it names ("" when none).
func fieldErrors(err error) []fieldError {
	var out []fieldError
	for _, line := range strings.Split(err.Error(), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		fe := fieldError{Message: strings.TrimPrefix(line, "spec: ")}
		if m := fieldRE.FindStringSubmatch(line); m != nil {
			fe.Field = m[1]
		}
		out = append(out, fe)
	}
	return out
}

func (s *Server) handleValidate(w http.ResponseWriter, r *http.Request) {
	var raw json.RawMessage
	if err := s.decodeBody(w, r, &raw); err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	run, fields, err := readSpec(raw)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: err.Error(), Fields: fields})
		return
	}
	out := map[string]any{"ok": true, "warnings": run.Warnings()}
	if est, err := run.Estimate(1); err == nil {
		out["estimate"] = est
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleLoad(w http.ResponseWriter, r *http.Request) {
	name, data, err := s.readUpload(w, r)
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	legacy := r.FormValue("legacy") == "true"
	mf, err := modelfile.Parse(name, data, modelfile.Options{Legacy: legacy})
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: err.Error(), Fields: []fieldError{{Field: "model_file", Message: err.Error()}}})
		return
	}
	run := mf.Run.WithDefaults()
	if run.Output.Compare != "" { // a path on the machine the file came from
		run.Output.Compare = ""
	}
	writeJSON(w, http.StatusOK, map[string]any{"format": mf.Format, "spec": &run})
}

// runRequest starts a run.
type runRequest struct {
	Spec    json.RawMessage `json:"spec"`
	Threads int             `json:"threads"`
}

func (s *Server) handleStartRun(w http.ResponseWriter, r *http.Request) {
	var req runRequest
	if err := s.decodeBody(w, r, &req); err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	run, fields, err := readSpec(req.Spec)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: err.Error(), Fields: fields})
		return
	}
	threads := req.Threads
	if threads < 1 || threads > s.opt.Threads {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: fmt.Sprintf("threads = %d: must be 1 to %d", threads, s.opt.Threads),
			Fields: []fieldError{{Field: "threads", Message: fmt.Sprintf("threads = %d: must be 1 to %d (the server's limit)", threads, s.opt.Threads)}}})
		return
	}
	ru, err := s.startRun(run, threads)
	if err != nil {
		fail(w, http.StatusTooManyRequests, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"id": ru.id})
}

func (s *Server) handleRuns(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	runs := append([]*run(nil), s.runs...)
	s.mu.Unlock()
	out := []state{}
	for _, ru := range runs {
		st, _, _ := ru.snapshot(1 << 30)
		out = append(out, st)
	}
	writeJSON(w, http.StatusOK, out)
}

// streamEvents sends a job's state as server-sent events ("state", with
// the new log lines) at each change, at most every 100 ms, until it is
// over or the client leaves.
func streamEvents(w http.ResponseWriter, r *http.Request, j *job) {
	fl, ok := w.(http.Flusher)
	if !ok {
		fail(w, http.StatusInternalServerError, errors.New("streaming unsupported"))
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	sent := 0
	for {
		st, over, changed := j.snapshot(sent)
		sent += len(st.Log)
		b, _ := json.Marshal(st)
		if _, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", b); err != nil {
			return
		}
		fl.Flush()
		if over {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		}
		if _, over, _ := j.snapshot(sent); over {
			continue // the end is sent at once
		}
		select { // gather the changes of the next 100 ms into one event
		case <-r.Context().Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (s *Server) handleRunEvents(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	streamEvents(w, r, ru.job)
}

func (s *Server) handleRunCancel(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	ru.logf("cancel requested")
	ru.cancelQueued()
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// floatParam reads an optional query parameter, def when absent.
func floatParam(r *http.Request, name string, def float64) (float64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s = %q: not a finite number", name, v)
	}
	return f, nil
}

// processing reads the smoothing and scaling of a request, checked as
// the CLI checks --smooth-ms and --scale.
func processing(r *http.Request, o spec.Output) (spec.Output, []fieldError) {
	var errs []fieldError
	sm, err := floatParam(r, "smooth_ms", o.SmoothMs)
	if err != nil {
		errs = append(errs, fieldError{"smooth_ms", err.Error()})
	} else if sm != 0 && sm < 1 || sm < 0 {
		errs = append(errs, fieldError{"smooth_ms", fmt.Sprintf("smooth_ms = %g: must be 0 (no smoothing) or a window of at least 1 ms", sm)})
	}
	sc, err := floatParam(r, "scale", o.ScaleOrOne())
	if err != nil {
		errs = append(errs, fieldError{"scale", err.Error()})
	}
	o.SmoothMs, o.Scale = sm, sc
	return o, errs
}

// dipoleJSON is a run's dipole: per trial and their mean, by layer.
type dipoleJSON struct {
	TimesMs []float64              `json:"times_ms"`
	Layers  []string               `json:"layers"`
	Trials  []map[string][]float64 `json:"trials"`
	Mean    map[string][]float64   `json:"mean"`
	Unit    string                 `json:"unit"`
	// Partial says the run goes on: Trials are those finished so far.
	Partial bool `json:"partial,omitempty"`
}

func (s *Server) handleDipole(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	res, err := ru.result()
	partial := false
	if err != nil {
		// while it runs, the trials finished so far
		if res, err = ru.partialResult(); err != nil {
			fail(w, http.StatusConflict, err)
			return
		}
		partial = true
	}
	o, errs := processing(r, res.Spec.Output)
	if errs != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: errs[0].Message, Fields: errs})
		return
	}
	ds, err := res.ProcessedDipoles(o.SmoothMs, o.ScaleOrOne())
	if err != nil {
		fail(w, http.StatusUnprocessableEntity, err)
		return
	}
	if len(ds) == 0 {
		fail(w, http.StatusConflict, errors.New("the model has no dipole"))
		return
	}
	mean, err := meanDipole(ds)
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	out := dipoleJSON{TimesMs: ds[0].TimesMs, Layers: ds[0].Layers, Mean: mean.Data, Unit: ds[0].Unit, Partial: partial}
	for _, d := range ds {
		out.Trials = append(out.Trials, d.Data)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleSpikes(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	res, err := ru.result()
	if err != nil {
		fail(w, http.StatusConflict, err)
		return
	}
	st := res.SpikeTable()
	writeJSON(w, http.StatusOK, map[string]any{"trial": st.Trials, "time_ms": st.TimesMs, "gid": st.GIDs, "type": st.Types,
		"ranges": res.Ranges, "tstop_ms": res.Spec.TStopMs})
}

// figureRE is a figure's file name: kind.format.
var figureRE = regexp.MustCompile(`^([a-z-]+)\.(png|svg)$`)

func (s *Server) handleFigure(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	m := figureRE.FindStringSubmatch(r.PathValue("file"))
	if m == nil {
		fail(w, http.StatusBadRequest, fmt.Errorf("figure %q: want KIND.png or KIND.svg (kinds: %s)", r.PathValue("file"), output.FigureNames()))
		return
	}
	trial := 0
	if t := r.URL.Query().Get("trial"); t != "" {
		if trial, err = strconv.Atoi(t); err != nil || trial < 0 || trial >= ru.spec.Trials {
			fail(w, http.StatusBadRequest, fmt.Errorf("trial = %q: must be 0 to %d", t, ru.spec.Trials-1))
			return
		}
	}
	dir, unlock, err := ru.outputs()
	if err != nil {
		fail(w, http.StatusConflict, err)
		return
	}
	defer unlock()
	files, err := output.Render(dir, []string{m[1]}, m[2], output.Options{Trial: trial})
	if err != nil {
		fail(w, http.StatusUnprocessableEntity, err)
		return
	}
	if len(files) == 0 {
		fail(w, http.StatusUnprocessableEntity, fmt.Errorf("figure %s: nothing to draw", m[1]))
		return
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.Base(files[0])))
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	if m[2] == "svg" {
		w.Header().Set("Content-Type", "image/svg+xml")
	} else {
		w.Header().Set("Content-Type", "image/png")
	}
	if r.URL.Query().Get("download") != "" {
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", safeName(ru.name)+"_"+filepath.Base(files[0])))
	}
	w.Write(data)
}

func (s *Server) handleRunSpec(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	var b bytes.Buffer
	if err := ru.spec.Write(&b); err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", safeName(ru.name)+"_run.json"))
	w.Write(b.Bytes())
}

func (s *Server) handleZip(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	dir, unlock, err := ru.outputs()
	if err != nil {
		fail(w, http.StatusConflict, err)
		return
	}
	defer unlock()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range ru.files { // lamina simulate's files, not the figures drawn since
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			fail(w, http.StatusInternalServerError, err)
			return
		}
		f, err := zw.Create(name)
		if err == nil {
			_, err = f.Write(data)
		}
		if err != nil {
			fail(w, http.StatusInternalServerError, err)
			return
		}
	}
	if err := zw.Close(); err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", safeName(ru.name)+"_outputs.zip"))
	w.Write(buf.Bytes())
}

// safeName keeps the letters, digits, '-' and '_' of a name, for the
// names of downloads.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "run"
	}
	return string(b)
}
