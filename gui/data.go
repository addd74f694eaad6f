package gui

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/fitrun"
	"github.com/laminasim/lamina/format/hnntxt"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/spec"
)

// dataset is an uploaded recorded dipole, kept in the server's directory
// under a name the server chose.
type dataset struct {
	id, name string
	path     string
	d        *dipole.Dipole
}

// handleData takes an uploaded dipole: an HNN-core text file (.txt, as
// Dipole.write and the MEG recordings of HNN-core's data sets) or a
// Lamina dipole.csv (.csv, its trials averaged), read as lamina fit reads
// targets.
func (s *Server) handleData(w http.ResponseWriter, r *http.Request) {
	name, data, err := s.readUpload(w, r)
	if err != nil {
		fail(w, http.StatusBadRequest, err)
		return
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".txt" && ext != ".csv" {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: fmt.Sprintf("%s: want a .txt (HNN-core dipole) or .csv (Lamina dipole.csv) file", name),
			Fields: []fieldError{{"data_file", fmt.Sprintf("%s: want a .txt (HNN-core dipole) or .csv (Lamina dipole.csv) file", name)}}})
		return
	}
	s.mu.Lock()
	s.nextID++
	id := fmt.Sprintf("d%d", s.nextID)
	s.mu.Unlock()
	path := filepath.Join(s.dir, id+ext)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	d, err := fitrun.ReadTarget(path)
	if err != nil {
		os.Remove(path)
		msg := strings.ReplaceAll(err.Error(), path, name)
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: msg, Fields: []fieldError{{"data_file", msg}}})
		return
	}
	if ext == ".csv" {
		// output's comparison reads HNN-core text files: keep the
		// averaged dipole as one (nAm to 4 decimals, as HNN-core writes)
		txt := filepath.Join(s.dir, id+".txt")
		if err := writeHNNDipole(txt, d); err != nil {
			fail(w, http.StatusInternalServerError, err)
			return
		}
		os.Remove(path)
		path = txt
	}
	ds := &dataset{id: id, name: name, path: path, d: d}
	s.mu.Lock()
	s.data = append(s.data, ds)
	s.pruneLocked()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "name": name, "times_ms": d.TimesMs, "agg": d.Data[dipole.LayerAgg]})
}

func (s *Server) findData(id string) (*dataset, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.data {
		if d.id == id {
			return d, nil
		}
	}
	return nil, errNotFound
}

// handleCompare compares a run's trial-mean dipole, smoothed and scaled
// as asked, with an uploaded dipole, by output.Write's comparison: the
// numbers lamina simulate --compare prints for the same spec, smoothing
// and scaling.
func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	ru, err := s.findRun(r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	ds, err := s.findData(r.URL.Query().Get("data"))
	if err != nil {
		fail(w, http.StatusNotFound, err)
		return
	}
	res, err := ru.result()
	if err != nil {
		fail(w, http.StatusConflict, err)
		return
	}
	o, errs := processing(r, res.Spec.Output)
	if errs != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: errs[0].Message, Fields: errs})
		return
	}
	c, err := s.compare(res, o, ds)
	if err != nil {
		fail(w, http.StatusUnprocessableEntity, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": ds.name, "rmse_nAm": c.RMSEnAm, "correlation": c.Correlaton,
		"tstart_ms": c.TStartMs, "tstop_ms": c.TStopMs})
}

// compare runs output.Write's comparison on a copy of res whose spec
// says the processing o and names the data set, in a scratch directory.
func (s *Server) compare(res *results.Result, o spec.Output, ds *dataset) (*output.Comparison, error) {
	sp := *res.Spec
	o.Compare, o.Plot, o.HNNFiles = ds.path, false, false
	sp.Output = o
	cp := *res
	cp.Spec = &sp
	dir, err := os.MkdirTemp(s.dir, "compare-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	rep, err := output.Write(filepath.Join(dir, "out"), &cp)
	if err != nil {
		return nil, err
	}
	if rep.Compare == nil {
		return nil, errors.New("no comparison made")
	}
	return rep.Compare, nil
}

// meanDipole is the trial average (the dipole itself for one trial).
func meanDipole(ds []*dipole.Dipole) (*dipole.Dipole, error) {
	if len(ds) == 1 {
		return ds[0], nil
	}
	return dipole.Average(ds)
}

// writeHNNDipole writes d as an HNN-core dipole text file.
func writeHNNDipole(path string, d *dipole.Dipole) error {
	agg, err := dipole.New(d.TimesMs, []string{dipole.LayerAgg}, map[string][]float64{dipole.LayerAgg: d.Data[dipole.LayerAgg]}, d.Unit)
	if err != nil {
		return err
	}
	return hnntxt.WriteDipoleFile(path, agg)
}
