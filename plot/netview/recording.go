package netview

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/laminasim/lamina/record"
)

// Recording is the membrane potential of every section of a scene over
// time, sample-major: what a movie shows. Potentials are held in single
// precision (7 significant digits; a colour map resolves 256 levels), which
// halves the memory of long recordings: the 270-cell ERP network's 1770
// sections over 170 ms at dt 0.025 ms take 48 MB.
type Recording struct {
	// TimesMs are the sample times, ms.
	TimesMs []float64
	// VMV[i][j] is the potential of the scene's section j at TimesMs[i], mV.
	VMV [][]float32
}

// missing is the error for a recording that lacks a section's column.
func missing(what, col string) error {
	return fmt.Errorf("netview: %s has no column %s: a network view needs the potential of every section (record_vsec \"all\": lamina simulate --record-vsec all)", what, col)
}

// columns returns, for each section of s, the index of its column in
// header.
func (s *Scene) columns(header []string, what string) ([]int, error) {
	at := make(map[string]int, len(header))
	for i, h := range header {
		at[h] = i
	}
	idx := make([]int, len(s.Sections))
	for j := range s.Sections {
		col := s.Sections[j].Column()
		i, ok := at[col]
		if !ok {
			return nil, missing(what, col)
		}
		idx[j] = i
	}
	return idx, nil
}

// NewRecording takes the potentials of s's sections from a membrane
// potential trace (results.Trial.VSec, recorded with record_vsec "all"),
// whose columns are named as Section.Column says.
func NewRecording(s *Scene, tr *record.Trace) (*Recording, error) {
	if err := tr.Check(); err != nil {
		return nil, err
	}
	header := make([]string, len(tr.Columns))
	for i, c := range tr.Columns {
		header[i] = c.Name
	}
	idx, err := s.columns(header, "the trace")
	if err != nil {
		return nil, err
	}
	rec := &Recording{TimesMs: append([]float64(nil), tr.TimeMs...), VMV: make([][]float32, len(tr.TimeMs))}
	for i := range rec.VMV {
		row := make([]float32, len(idx))
		for j, c := range idx {
			row[j] = float32(tr.Columns[c].Data[i])
		}
		rec.VMV[i] = row
	}
	return rec, nil
}

// ReadRecording reads the potentials of s's sections from a membrane
// potential CSV file (vsec_trial<k>.csv: time_ms, then one column per
// section named as Section.Column says; other columns are ignored), row
// by row. name names the file in errors.
func ReadRecording(s *Scene, r io.Reader, name string) (*Recording, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("netview: %s: %w", name, err)
	}
	if len(header) == 0 || header[0] != "time_ms" {
		return nil, fmt.Errorf("netview: %s: first column %q, want time_ms", name, header[0])
	}
	header = append([]string(nil), header...)
	idx, err := s.columns(header, name)
	if err != nil {
		return nil, err
	}
	rec := &Recording{}
	for line := 2; ; line++ {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("netview: %s: %w", name, err)
		}
		t, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			return nil, fmt.Errorf("netview: %s: line %d: time_ms: %w", name, line, err)
		}
		row := make([]float32, len(idx))
		for j, c := range idx {
			v, err := strconv.ParseFloat(fields[c], 32)
			if err != nil {
				return nil, fmt.Errorf("netview: %s: line %d: %s: %w", name, line, header[c], err)
			}
			row[j] = float32(v)
		}
		rec.TimesMs = append(rec.TimesMs, t)
		rec.VMV = append(rec.VMV, row)
	}
	if len(rec.TimesMs) == 0 {
		return nil, fmt.Errorf("netview: %s: no samples", name)
	}
	return rec, nil
}
