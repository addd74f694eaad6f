package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// toy is a Func standing in for a simulation: it counts its calls per run,
// can sleep, fail or panic, and returns a summary computed from the run's
// parameters a and b.
type toy struct {
	delay func(r Run) time.Duration // nil: no sleep
	fail  func(r Run) error         // nil: never fails

	mu    sync.Mutex
	calls map[int]int
}

func newToy() *toy { return &toy{calls: map[int]int{}} }

func (ty *toy) fn(ctx context.Context, r Run) (Summary, error) {
	ty.mu.Lock()
	ty.calls[r.Index]++
	ty.mu.Unlock()
	if ty.delay != nil {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(ty.delay(r)):
		}
	}
	if ty.fail != nil {
		if err := ty.fail(r); err != nil {
			return nil, err
		}
	}
	return toySummary(r)
}

func (ty *toy) count(i int) int {
	ty.mu.Lock()
	defer ty.mu.Unlock()
	return ty.calls[i]
}

func toySummary(r Run) (Summary, error) {
	a, err := r.Float("a")
	if err != nil {
		return nil, err
	}
	b, err := r.Float("b")
	if err != nil {
		return nil, err
	}
	var s Summary
	s.Add("sum", a+b)
	s.Add("prod", a*b)
	return s, nil
}

// toyGrid has 12 runs: a in linspace(0, 1, 4) times b in {1, 2, 3}.
func toyGrid() *Grid {
	return &Grid{Combinations: true, Axes: []Axis{
		{"a", Floats(Linspace(0, 1, 4)...)},
		{"b", []Value{Int(1), Int(2), Int(3)}},
	}}
}

// wantCSV is summary.csv for the toy grid with every run succeeded.
func wantCSV(t *testing.T, g *Grid) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("run,a,b,sum,prod,error\n")
	for _, r := range g.Runs() {
		s, err := toySummary(r)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d,%s,%s,%s,%s,\n", r.Index, r.Params[0].Value, r.Params[1].Value,
			strconv.FormatFloat(s[0].Value, 'g', -1, 64), strconv.FormatFloat(s[1].Value, 'g', -1, 64))
	}
	return b.String()
}

func readCSV(t *testing.T, dir string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("summary.csv: %v", err)
	}
	return recs
}

// journalLines returns the journal's lines, failing on a torn or corrupt one.
func journalLines(t *testing.T, dir string) []Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("journal ends in a torn line: %q", data[bytes.LastIndexByte(data, '\n')+1:])
	}
	var recs []Record
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		r, err := decodeRecord(line)
		if err != nil {
			t.Fatalf("journal line %d: %v: %s", i+1, err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

// checkComplete checks that summary.csv is exactly the toy grid's and that
// the journal has one success per run.
func checkComplete(t *testing.T, dir string, g *Grid) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := wantCSV(t, g); string(got) != want {
		t.Errorf("summary.csv\n got:\n%s\nwant:\n%s", got, want)
	}
	seen := map[int]int{}
	for _, r := range journalLines(t, dir) {
		if !r.Failed() {
			seen[r.Run]++
		}
	}
	for i := range g.Len() {
		if seen[i] != 1 {
			t.Errorf("run %d succeeded %d times in the journal", i, seen[i])
		}
	}
}

func TestSweepStreamsResults(t *testing.T) {
	dir := t.TempDir()
	g := toyGrid()
	var dones []int
	progress := func(done, total int, elapsed time.Duration) {
		dones = append(dones, done)
		if total != 12 {
			t.Errorf("total %d", total)
		}
		// After each run, summary.csv and the journal hold every finished run.
		rows := readCSV(t, dir)
		if len(rows) != 1+done {
			t.Errorf("after %d runs summary.csv has %d rows", done, len(rows)-1)
		}
		if n := len(journalLines(t, dir)); n != done {
			t.Errorf("after %d runs the journal has %d lines", done, n)
		}
	}
	if err := Sweep(context.Background(), g, Options{Jobs: 1, OutDir: dir, Progress: progress}, newToy().fn); err != nil {
		t.Fatal(err)
	}
	if want := "[0 1 2 3 4 5 6 7 8 9 10 11 12]"; fmt.Sprint(dones) != want {
		t.Errorf("progress %v, want %s", dones, want)
	}
	checkComplete(t, dir, g)
	// grid.json reads back as the same grid.
	rec, err := ReadGrid(filepath.Join(dir, GridFile))
	if err != nil {
		t.Fatal(err)
	}
	if d := g.diff(rec); d != "" {
		t.Errorf("grid.json: %s", d)
	}
}

func TestSweepResumesAfterCancel(t *testing.T) {
	dir := t.TempDir()
	g := toyGrid()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := newToy()
	first.delay = func(Run) time.Duration { return 5 * time.Millisecond }
	err := Sweep(ctx, g, Options{Jobs: 3, OutDir: dir, Progress: func(done, total int, _ time.Duration) {
		if done >= 4 {
			cancel()
		}
	}}, first.fn)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "left to do") {
		t.Fatalf("error %v", err)
	}
	var rfe *RunsFailedError
	if errors.As(err, &rfe) {
		t.Errorf("interrupted runs reported as failed: %v", err)
	}
	journaled := journalLines(t, dir)
	if len(journaled) < 4 || len(journaled) >= 12 {
		t.Fatalf("%d runs journaled before the cancel took effect", len(journaled))
	}
	if rows := readCSV(t, dir); len(rows) != 1+len(journaled) {
		t.Errorf("summary.csv has %d rows for %d journaled runs", len(rows)-1, len(journaled))
	}

	second := newToy()
	if err := Sweep(context.Background(), g, Options{Jobs: 3, OutDir: dir}, second.fn); err != nil {
		t.Fatal(err)
	}
	done := map[int]bool{}
	for _, r := range journaled {
		done[r.Run] = true
	}
	for i := range g.Len() {
		want := 1
		if done[i] {
			want = 0 // finished before the cancel: not redone
		}
		if c := second.count(i); c != want {
			t.Errorf("run %d computed %d times on resume, want %d", i, c, want)
		}
	}
	checkComplete(t, dir, g)

	// A third Sweep has nothing to do.
	third := newToy()
	if err := Sweep(context.Background(), g, Options{OutDir: dir}, third.fn); err != nil {
		t.Fatal(err)
	}
	if len(third.calls) != 0 {
		t.Errorf("complete batch recomputed runs %v", third.calls)
	}
	checkComplete(t, dir, g)
}

func TestSweepCancelledBeforeStart(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ty := newToy()
	err := Sweep(ctx, toyGrid(), Options{OutDir: dir}, ty.fn)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "12 of 12 runs left") {
		t.Errorf("error %v", err)
	}
	if len(ty.calls) != 0 {
		t.Errorf("runs started after cancel: %v", ty.calls)
	}
}

func TestSweepTornJournal(t *testing.T) {
	dir := t.TempDir()
	g := toyGrid()
	if err := Sweep(context.Background(), g, Options{Jobs: 2, OutDir: dir}, newToy().fn); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, JournalFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for _, tail := range [][]byte{
		lines[4][:len(lines[4])/2],     // a crash in the middle of a write
		[]byte("\x00\x00\x00\x00\x00"), // a power loss that left zeros
	} {
		torn := append(bytes.Join(lines[:4], nil), tail...)
		if err := os.WriteFile(path, torn, 0o644); err != nil {
			t.Fatal(err)
		}
		kept := map[int]bool{}
		for _, l := range lines[:4] {
			r, err := decodeRecord(bytes.TrimSuffix(l, []byte("\n")))
			if err != nil {
				t.Fatal(err)
			}
			kept[r.Run] = true
		}
		// Reading a batch ignores the torn line.
		if recs, err := ReadResults(dir); err != nil || len(recs) != 4 {
			t.Fatalf("ReadResults: %d records, %v", len(recs), err)
		}
		ty := newToy()
		if err := Sweep(context.Background(), g, Options{Jobs: 2, OutDir: dir}, ty.fn); err != nil {
			t.Fatal(err)
		}
		for i := range g.Len() {
			if want := map[bool]int{true: 0, false: 1}[kept[i]]; ty.count(i) != want {
				t.Errorf("run %d computed %d times, want %d", i, ty.count(i), want)
			}
		}
		checkComplete(t, dir, g)
		if got := len(journalLines(t, dir)); got != 12 {
			t.Errorf("journal has %d lines", got)
		}
	}
}

func TestSweepCorruptJournal(t *testing.T) {
	dir := t.TempDir()
	g := toyGrid()
	if err := Sweep(context.Background(), g, Options{OutDir: dir}, newToy().fn); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, JournalFile)
	data, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(data, []byte("\n"))
	tests := []struct {
		name, line, want string
	}{
		{"garbage", "not json\n", "line 3: corrupt record"},
		{"no params", `{"run":1}` + "\n", `line 3: corrupt record (record lacks "run" or "params")`},
		{"out of range", `{"run":99,"params":{"a":0,"b":1},"summary":{}}` + "\n", "line 3: run 99 is beyond the grid's 12 runs"},
		{"other params", `{"run":1,"params":{"a":0,"b":7},"summary":{}}` + "\n", "line 3: run 1 has parameters run 1 (a=0, b=7) but the grid gives run 1 (a=0, b=2)"},
	}
	for _, tt := range tests {
		bad := append(append(bytes.Join(lines[:2], nil), tt.line...), bytes.Join(lines[2:], nil)...)
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		ty := newToy()
		err := Sweep(context.Background(), g, Options{OutDir: dir}, ty.fn)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if len(ty.calls) != 0 {
			t.Errorf("%s: runs computed despite the error", tt.name)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, bad) {
			t.Errorf("%s: journal changed", tt.name)
		}
	}
}

func TestSweepRefusesOtherGrid(t *testing.T) {
	dir := t.TempDir()
	if err := Sweep(context.Background(), toyGrid(), Options{OutDir: dir}, newToy().fn); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, JournalFile))
	g := toyGrid()
	g.Axes[1].Values[2] = Int(4)
	ty := newToy()
	err := Sweep(context.Background(), g, Options{OutDir: dir}, ty.fn)
	for _, want := range []string{dir, "different grid", `parameter "b" value 3 is 4 here but 3 in the recorded grid`, GridFile} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, JournalFile))
	if len(ty.calls) != 0 || !bytes.Equal(before, after) {
		t.Error("the mismatched grid ran")
	}

	// A journal without grid.json cannot be matched to a grid.
	os.Remove(filepath.Join(dir, GridFile))
	err = Sweep(context.Background(), toyGrid(), Options{OutDir: dir}, ty.fn)
	if err == nil || !strings.Contains(err.Error(), "runs.jsonl but no grid.json") {
		t.Errorf("error %v", err)
	}
}

func TestSweepRunErrors(t *testing.T) {
	dir := t.TempDir()
	g := toyGrid()
	first := newToy()
	first.fail = func(r Run) error {
		if r.Index == 2 || r.Index == 5 {
			return fmt.Errorf("diverged at run %d", r.Index)
		}
		return nil
	}
	err := Sweep(context.Background(), g, Options{Jobs: 4, OutDir: dir}, first.fn)
	var rfe *RunsFailedError
	if !errors.As(err, &rfe) {
		t.Fatalf("error %v", err)
	}
	if len(rfe.Failed) != 2 || rfe.Failed[0].Run != 2 || rfe.Failed[1].Run != 5 || rfe.Total != 12 {
		t.Errorf("failed %+v", rfe.Failed)
	}
	for _, want := range []string{"2 of 12 runs failed", "run 2 (a=0, b=3): diverged at run 2", "run 5 (a=0.3333333333333333, b=3): diverged at run 5"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if errors.Is(err, context.Canceled) {
		t.Error("failure reported as an interruption")
	}
	rows := readCSV(t, dir)
	if len(rows) != 13 {
		t.Fatalf("%d rows", len(rows))
	}
	if r := rows[3]; r[0] != "2" || r[3] != "" || r[4] != "" || r[5] != "diverged at run 2" {
		t.Errorf("row of failed run 2: %q", r)
	}
	if r := rows[4]; r[0] != "3" || r[5] != "" || r[3] != "1.3333333333333333" {
		t.Errorf("row of run 3: %q", r)
	}

	// A rerun retries exactly the failed runs.
	second := newToy()
	if err := Sweep(context.Background(), g, Options{Jobs: 4, OutDir: dir}, second.fn); err != nil {
		t.Fatal(err)
	}
	if len(second.calls) != 2 || second.count(2) != 1 || second.count(5) != 1 {
		t.Errorf("rerun computed %v, want runs 2 and 5", second.calls)
	}
	got, _ := os.ReadFile(filepath.Join(dir, SummaryFile))
	if want := wantCSV(t, g); string(got) != want {
		t.Errorf("summary.csv after retry\n%s", got)
	}
	if n := len(journalLines(t, dir)); n != 14 {
		t.Errorf("journal has %d lines, want 12 successes and 2 failures", n)
	}
}

func TestSweepPanicsAndBadSummaries(t *testing.T) {
	dir := t.TempDir()
	g := &Grid{Axes: []Axis{{"a", Floats(1, 2, 3, 4, 5, 6)}}}
	fn := func(ctx context.Context, r Run) (Summary, error) {
		switch r.Index {
		case 0:
			var m map[string]int
			//lint:ignore SA5000 the run panics on purpose: a nil map write
			m["x"]++
		case 1:
			return Summary{{"x", 1}, {"x", 2}}, nil
		case 2:
			return Summary{{"a", 1}}, nil
		case 3:
			return Summary{{"error", 1}}, nil
		case 4:
			return nil, errors.New("")
		}
		return Summary{{"x", 1}}, nil
	}
	err := Sweep(context.Background(), g, Options{Jobs: 2, OutDir: dir}, fn)
	var rfe *RunsFailedError
	if !errors.As(err, &rfe) || len(rfe.Failed) != 5 {
		t.Fatalf("error %v", err)
	}
	wants := []string{
		"panic: assignment to entry in nil map",
		`summary name "x" appears twice`,
		`summary name "a" is also a parameter name`,
		`summary name "error" is reserved`,
		"error of type *errors.errorString with an empty message",
	}
	for i, w := range wants {
		if got := rfe.Failed[i].Err; !strings.Contains(got, w) {
			t.Errorf("run %d: error %q lacks %q", i, got, w)
		}
	}
	if !strings.Contains(rfe.Failed[0].Stack, "goroutine") {
		t.Errorf("no stack for the panic: %q", rfe.Failed[0].Stack)
	}
}

func TestSweepDeterministic(t *testing.T) {
	g := &Grid{Combinations: true, Axes: []Axis{
		{"a", Floats(Logspace(-2, 0, 5)...)},
		{"b", Floats(1, 2, 3, 4)},
	}}
	var out []string
	for _, jobs := range []int{1, 4} {
		dir := t.TempDir()
		ty := newToy()
		// Later runs finish first with 4 jobs.
		ty.delay = func(r Run) time.Duration { return time.Duration(20-r.Index) * 100 * time.Microsecond }
		if err := Sweep(context.Background(), g, Options{Jobs: jobs, OutDir: dir}, ty.fn); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	if out[0] != out[1] {
		t.Errorf("summary.csv differs between 1 and 4 jobs:\n%s\n%s", out[0], out[1])
	}
}

func TestSweepRunFiles(t *testing.T) {
	dir := t.TempDir()
	g := &Grid{Axes: []Axis{{"a", Floats(1, 2, 3)}}}
	attempt := 0
	var mu sync.Mutex
	fn := func(ctx context.Context, r Run) (Summary, error) {
		mu.Lock()
		attempt++
		n := attempt
		mu.Unlock()
		err := r.WriteFile("traces/v.txt", func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "run %d attempt %d\n", r.Index, n)
			return err
		})
		if err != nil {
			return nil, err
		}
		if r.Index == 1 && n <= 3 {
			d, err := r.Dir()
			if err != nil {
				return nil, err
			}
			os.WriteFile(filepath.Join(d, "partial.bin"), []byte("junk"), 0o644)
			return nil, errors.New("failed after writing files")
		}
		if err := r.WriteFile("../escape.txt", func(io.Writer) error { return nil }); err == nil {
			return nil, errors.New("wrote outside the run directory")
		}
		return Summary{{"x", 1}}, nil
	}
	if err := Sweep(context.Background(), g, Options{Jobs: 1, OutDir: dir}, fn); err == nil {
		t.Fatal("run 1 did not fail")
	}
	if _, err := os.Stat(filepath.Join(dir, RunsDir, "0001", "partial.bin")); err != nil {
		t.Errorf("failed run's files: %v", err)
	}
	if err := Sweep(context.Background(), g, Options{Jobs: 1, OutDir: dir}, fn); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"run 0 attempt 1\n", "run 1 attempt 4\n", "run 2 attempt 3\n"} {
		got, err := os.ReadFile(filepath.Join(dir, RunsDir, fmt.Sprintf("%04d", i), "traces", "v.txt"))
		if err != nil || string(got) != want {
			t.Errorf("run %d file %q (%v), want %q", i, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, RunsDir, "0001", "partial.bin")); !os.IsNotExist(err) {
		t.Errorf("file of the failed attempt left in the retried run's directory: %v", err)
	}
	if _, err := (Run{Index: 7}).Dir(); err == nil || !strings.Contains(err.Error(), "run 7 has no directory") {
		t.Errorf("Dir outside Sweep: %v", err)
	}
}

func TestSweepNonFiniteAndVaryingSummaries(t *testing.T) {
	dir := t.TempDir()
	g := &Grid{Axes: []Axis{{"a", Floats(1, 2, 3)}}}
	fn := func(ctx context.Context, r Run) (Summary, error) {
		switch r.Index {
		case 0:
			return Summary{{"x", math.NaN()}}, nil
		case 1:
			return Summary{{"y", math.Inf(1)}, {"x", math.Inf(-1)}}, nil
		}
		return nil, nil
	}
	if err := Sweep(context.Background(), g, Options{OutDir: dir}, fn); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, SummaryFile))
	want := "run,a,x,y,error\n0,1,NaN,,\n1,2,-Inf,+Inf,\n2,3,,,\n"
	if string(got) != want {
		t.Errorf("summary.csv\n got %q\nwant %q", got, want)
	}
	recs, err := ReadResults(dir)
	if err != nil || len(recs) != 3 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if x, _ := recs[0].Summary.Value("x"); !math.IsNaN(x) {
		t.Errorf("NaN read back as %v", x)
	}
	if y, _ := recs[1].Summary.Value("y"); !math.IsInf(y, 1) {
		t.Errorf("+Inf read back as %v", y)
	}
	if recs[2].Summary == nil || len(recs[2].Summary) != 0 || recs[2].Finished.IsZero() {
		t.Errorf("empty summary read back as %#v", recs[2])
	}
}

func TestSweepOptionErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ok := newToy().fn
	tests := []struct {
		name string
		grid *Grid
		opts Options
		fn   Func
		want string
	}{
		{"no dir", toyGrid(), Options{}, ok, "OutDir is empty"},
		{"jobs", toyGrid(), Options{OutDir: dir, Jobs: -1}, ok, "Options.Jobs is -1"},
		{"no func", toyGrid(), Options{OutDir: dir}, nil, "needs a Func"},
		{"bad grid", &Grid{Axes: []Axis{{"a", nil}}}, Options{OutDir: dir}, ok, `"a" has no values`},
	}
	for _, tt := range tests {
		err := Sweep(context.Background(), tt.grid, tt.opts, tt.fn)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Error("invalid options created the output directory")
	}
}

func TestSweepLocksDirectory(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("flock only")
	}
	dir := t.TempDir()
	started := make(chan struct{})
	release := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		var once sync.Once
		errc <- Sweep(context.Background(), toyGrid(), Options{Jobs: 1, OutDir: dir}, func(ctx context.Context, r Run) (Summary, error) {
			once.Do(func() { close(started) })
			<-release
			return toySummary(r)
		})
	}()
	<-started
	err := Sweep(context.Background(), toyGrid(), Options{OutDir: dir}, newToy().fn)
	close(release)
	if err == nil || !strings.Contains(err.Error(), "another batch is running") {
		t.Errorf("second Sweep: %v", err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	checkComplete(t, dir, toyGrid())
}

func TestReadResultsMissing(t *testing.T) {
	if _, err := ReadResults(t.TempDir()); err == nil {
		t.Error("no error for a directory without a journal")
	}
}

func TestSweepSummaryLagIsBounded(t *testing.T) {
	dir := t.TempDir()
	g := &Grid{Axes: []Axis{{"a", Floats(Linspace(0, 1, 300)...)}}}
	fn := func(ctx context.Context, r Run) (Summary, error) { return Summary{{"x", 1}}, nil }
	rewrites, last := 0, -1
	progress := func(done, total int, _ time.Duration) {
		rows := len(readCSV(t, dir)) - 1
		if rows != last {
			rewrites++
			last = rows
		}
		// Behind by at most 1/64 of the finished runs (csvEvery).
		if rows > done || (done-rows)*csvEvery > done {
			t.Errorf("after %d runs summary.csv has %d rows", done, rows)
		}
	}
	if err := Sweep(context.Background(), g, Options{Jobs: 1, OutDir: dir, Progress: progress}, fn); err != nil {
		t.Fatal(err)
	}
	if rows := len(readCSV(t, dir)) - 1; rows != 300 {
		t.Errorf("final summary.csv has %d rows", rows)
	}
	// 64 rewrites one per run, then about 64*ln(300/64) more.
	if rewrites > 200 {
		t.Errorf("summary.csv rewritten %d times for 300 runs", rewrites)
	}
	t.Logf("%d rewrites", rewrites)
}
