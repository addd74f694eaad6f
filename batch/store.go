package batch

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/laminasim/lamina/format/safefile"
)

// summary.csv is rewritten after a completion when at least 1/csvEvery of
// the journaled runs are new since the last rewrite, or csvMaxLag has
// passed: every completion while fewer than csvEvery runs are done, and an
// amortized linear cost for huge batches (each rewrite is O(runs)).
const (
	csvEvery  = 64
	csvMaxLag = 2 * time.Second
)

// store is an open batch directory: the recorded grid, the journal open
// for appending, and the standing record of every run.
type store struct {
	dir     string
	runs    []Run
	recs    []*Record // standing record per run index; nil if none
	nrec    int       // runs with a standing record
	journal *os.File
	size    int64 // bytes of complete records in the journal
	unlock  func()

	dirty int       // records appended since summary.csv was written
	csvAt time.Time // when summary.csv was last written
}

// openStore opens or creates the batch directory dir for grid g: it takes
// the directory lock, records g in grid.json or checks that the recorded
// grid is g, reads the journal, cuts off a torn last line and checks every
// record against the grid.
func openStore(dir string, g *Grid) (_ *store, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	unlock, err := lockDir(filepath.Join(dir, lockFile))
	if err != nil {
		return nil, err
	}
	s := &store{dir: dir, unlock: unlock}
	defer func() {
		if err != nil {
			s.close()
		}
	}()

	// Remove the temporary files of a summary.csv or grid.json write cut
	// short by a crash (format/safefile names them .NAME.tmp-*); holding
	// the lock, no one else is writing them.
	for _, name := range []string{SummaryFile, GridFile} {
		stale, _ := filepath.Glob(filepath.Join(dir, "."+name+".tmp-*"))
		for _, f := range stale {
			os.Remove(f)
		}
	}

	gridPath := filepath.Join(dir, GridFile)
	journalPath := filepath.Join(dir, JournalFile)
	data, err := os.ReadFile(gridPath)
	switch {
	case err == nil:
		old := new(Grid)
		if err := json.Unmarshal(data, old); err != nil {
			return nil, fmt.Errorf("batch: %s is damaged: %w", gridPath, err)
		}
		if d := g.diff(old); d != "" {
			return nil, fmt.Errorf("batch: %s holds a batch for a different grid: %s (recorded in %s); use another output directory", dir, d, gridPath)
		}
	case errors.Is(err, os.ErrNotExist):
		if _, err := os.Stat(journalPath); err == nil {
			return nil, fmt.Errorf("batch: %s has %s but no %s, so its runs cannot be matched to a grid; use another output directory", dir, JournalFile, GridFile)
		}
		text, err := json.MarshalIndent(g, "", "  ")
		if err != nil {
			return nil, err
		}
		err = safefile.Write(gridPath, func(w io.Writer) error {
			_, err := w.Write(append(text, '\n'))
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	default:
		return nil, fmt.Errorf("batch: %w", err)
	}

	lines, valid, err := readJournal(journalPath)
	if err != nil {
		return nil, err
	}
	s.journal, err = os.OpenFile(journalPath, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	}
	if fi, err := s.journal.Stat(); err != nil {
		return nil, fmt.Errorf("batch: %w", err)
	} else if fi.Size() > valid {
		// Cut the torn line so the next record starts on a line of its own.
		if err := s.journal.Truncate(valid); err != nil {
			return nil, fmt.Errorf("batch: cutting the torn last line of %s: %w", journalPath, err)
		}
		if err := s.journal.Sync(); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	}
	s.size = valid
	syncDir(dir)

	s.runs = g.Runs()
	for i := range s.runs {
		s.runs[i].dir = RunDir(dir, len(s.runs), i)
	}
	for _, l := range lines {
		r := l.rec
		if r.Run >= len(s.runs) {
			return nil, fmt.Errorf("batch: %s line %d: run %d is beyond the grid's %d runs", journalPath, l.no, r.Run, len(s.runs))
		}
		if want := s.runs[r.Run].Params; !sameParams(r.Params, want) {
			return nil, fmt.Errorf("batch: %s line %d: run %d has parameters %s but the grid gives %s",
				journalPath, l.no, r.Run, Run{Index: r.Run, Params: r.Params}, s.runs[r.Run])
		}
	}
	s.recs = make([]*Record, len(s.runs))
	for i, r := range settle(lines) {
		s.recs[i] = r
		s.nrec++
	}
	return s, nil
}

// sameParams reports whether a and b set the same names to equal values
// in the same order.
func sameParams(a, b []Param) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !a[i].Value.Equal(b[i].Value) {
			return false
		}
	}
	return true
}

// syncDir makes created and renamed entries of dir durable; not every
// system can sync a directory, so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// toDo reports whether run i is still to do: it has no standing record,
// or its standing record is a failure (retried).
func (s *store) toDo(i int) bool {
	rec := s.recs[i]
	return rec == nil || rec.Failed()
}

// close releases the journal and the lock.
func (s *store) close() {
	if s.journal != nil {
		s.journal.Close()
	}
	s.unlock()
}

// append journals r with one write and a sync, then makes it the run's
// standing record. On failure the journal is cut back to its last
// complete record.
func (s *store) append(r *Record) error {
	line, err := r.appendJSON(nil)
	if err != nil {
		return err
	}
	n, err := s.journal.Write(line)
	if err == nil {
		err = s.journal.Sync()
	}
	if err != nil {
		s.journal.Truncate(s.size) // best effort; a torn line is ignored on resume anyway
		return fmt.Errorf("batch: appending to %s: %w", filepath.Join(s.dir, JournalFile), err)
	}
	s.size += int64(n)
	switch old := s.recs[r.Run]; {
	case old == nil:
		s.nrec++
		s.recs[r.Run] = r
	case old.Failed():
		s.recs[r.Run] = r
	}
	s.dirty++
	return nil
}

// maybeWriteSummary rewrites summary.csv if enough has changed (see
// csvEvery) or final is set.
func (s *store) maybeWriteSummary(final bool) error {
	if !final && (s.dirty == 0 || (s.dirty*csvEvery < s.nrec && time.Since(s.csvAt) < csvMaxLag)) {
		return nil
	}
	s.dirty = 0
	s.csvAt = time.Now()
	return writeSummary(filepath.Join(s.dir, SummaryFile), s.runs, s.recs)
}

// writeSummary writes summary.csv atomically: a header run, the
// parameter names, the summary names (in order of first appearance in run
// order), error; then one row per run that has a standing record, in run
// order. A failed run has empty summary cells and its message under error.
func writeSummary(path string, runs []Run, recs []*Record) error {
	var stats []string
	col := map[string]int{}
	for _, r := range recs {
		if r == nil || r.Failed() {
			continue
		}
		for _, st := range r.Summary {
			if _, ok := col[st.Name]; !ok {
				col[st.Name] = len(stats)
				stats = append(stats, st.Name)
			}
		}
	}
	err := safefile.Write(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		var names []string
		if len(runs) > 0 {
			for _, p := range runs[0].Params {
				names = append(names, p.Name)
			}
		}
		header := append(append(append([]string{"run"}, names...), stats...), "error")
		if err := cw.Write(header); err != nil {
			return err
		}
		row := make([]string, len(header))
		np := len(names)
		for i, r := range recs {
			if r == nil {
				continue
			}
			clear(row)
			row[0] = strconv.Itoa(i)
			for k, p := range runs[i].Params {
				row[1+k] = p.Value.String()
			}
			for _, st := range r.Summary {
				row[1+np+col[st.Name]] = strconv.FormatFloat(st.Value, 'g', -1, 64)
			}
			row[len(row)-1] = r.Err
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return fmt.Errorf("batch: writing %s: %w", path, err)
	}
	return nil
}

// errorMessage is the journaled message of a run error.
func errorMessage(err error) string {
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		msg = fmt.Sprintf("error of type %T with an empty message", err)
	}
	return msg
}

// RunDir returns the directory of run index of a batch of total runs in
// dir: dir/runs/NNNN, the index zero-padded to at least 4 digits and to
// the width of the largest index.
func RunDir(dir string, total, index int) string {
	width := max(4, len(strconv.Itoa(total-1)))
	return filepath.Join(dir, RunsDir, fmt.Sprintf("%0*d", width, index))
}
