package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/laminasim/lamina/dist"
)

// spreadSweep runs Sweep on n in-process ranks (dist.NewGroup), each with
// its own toy, and returns each rank's error.
func spreadSweep(t *testing.T, ctx context.Context, g *Grid, dir string, n, jobs int, tys []*toy) []error {
	t.Helper()
	comms, err := dist.NewGroup(n)
	if err != nil {
		t.Fatal(err)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for r, c := range comms {
		wg.Go(func() {
			sp := &Spread{Rank: r, Size: n, Exchange: func(mine []string) ([][]string, error) {
				return dist.AllgatherStrings(c, mine)
			}}
			errs[r] = Sweep(ctx, g, Options{Jobs: jobs, OutDir: dir, Spread: sp}, tys[r].fn)
		})
	}
	wg.Wait()
	return errs
}

// TestSweepSpread checks that a batch spread over 2 and 3 ranks writes the
// summary.csv of one process, computes every run exactly once on the rank
// it was dealt to, and resumes after a failure as a single process does.
func TestSweepSpread(t *testing.T) {
	g := toyGrid() // 12 runs
	for _, tc := range []struct{ ranks, jobs int }{{2, 1}, {3, 2}, {2, 4}} {
		dir := t.TempDir()
		tys := make([]*toy, tc.ranks)
		for r := range tys {
			tys[r] = newToy()
		}
		for r, err := range spreadSweep(t, context.Background(), g, dir, tc.ranks, tc.jobs, tys) {
			if err != nil {
				t.Fatalf("%d ranks, %d jobs: rank %d: %v", tc.ranks, tc.jobs, r, err)
			}
		}
		b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), wantCSV(t, g); got != want {
			t.Errorf("%d ranks: summary.csv\n%s\nwant\n%s", tc.ranks, got, want)
		}
		// Run i of the pending list goes to rank (i mod ranks) within its round.
		chunk := tc.ranks * tc.jobs
		for i := range g.Len() {
			for r, ty := range tys {
				want := 0
				if (i%chunk)%tc.ranks == r {
					want = 1
				}
				if got := ty.count(i); got != want {
					t.Errorf("%d ranks, %d jobs: run %d computed %d times on rank %d, want %d", tc.ranks, tc.jobs, i, got, r, want)
				}
			}
		}
	}

	// Failed runs are journaled by rank 0, reported on every rank, and
	// retried by the next (spread) sweep.
	dir := t.TempDir()
	tys := []*toy{newToy(), newToy()}
	for _, ty := range tys {
		ty.fail = func(r Run) error {
			if r.Index == 5 {
				return errors.New("diverged")
			}
			return nil
		}
	}
	for r, err := range spreadSweep(t, context.Background(), g, dir, 2, 1, tys) {
		if err == nil || !strings.Contains(err.Error(), "diverged") {
			t.Errorf("rank %d: error %v, want the failure of run 5", r, err)
		}
	}
	tys = []*toy{newToy(), newToy()}
	for r, err := range spreadSweep(t, context.Background(), g, dir, 2, 1, tys) {
		if err != nil {
			t.Fatalf("resume: rank %d: %v", r, err)
		}
	}
	if n := tys[0].count(5) + tys[1].count(5); n != 1 {
		t.Errorf("resume computed run 5 %d times, want once", n)
	}
	for i := range g.Len() {
		if i != 5 && tys[0].count(i)+tys[1].count(i) != 0 {
			t.Errorf("resume recomputed run %d", i)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, SummaryFile))
	if got, want := string(b), wantCSV(t, g); got != want {
		t.Errorf("after resume: summary.csv\n%s\nwant\n%s", got, want)
	}
}

// TestSweepSpreadCancel stops a spread sweep midway on one rank; every
// rank stops at the next round and a rerun finishes the batch.
func TestSweepSpreadCancel(t *testing.T) {
	g := toyGrid()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	tys := []*toy{newToy(), newToy()}
	tys[1].fail = func(r Run) error {
		if r.Index == 3 {
			cancel()
		}
		return nil
	}
	errs := spreadSweep(t, ctx, g, dir, 2, 1, tys)
	if !errors.Is(errs[0], context.Canceled) {
		t.Errorf("rank 0: %v, want an interruption", errs[0])
	}
	var done int
	for i := range g.Len() {
		done += tys[0].count(i) + tys[1].count(i)
	}
	if done >= g.Len() {
		t.Errorf("all %d runs computed after a cancel", done)
	}
	tys = []*toy{newToy(), newToy()}
	for r, err := range spreadSweep(t, context.Background(), g, dir, 2, 1, tys) {
		if err != nil {
			t.Fatalf("resume: rank %d: %v", r, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, SummaryFile))
	if got, want := string(b), wantCSV(t, g); got != want {
		t.Errorf("after resume: summary.csv\n%s\nwant\n%s", got, want)
	}
}

// TestSweepSpreadBadDir: rank 0 cannot open the directory; every rank
// reports it and none computes anything.
func TestSweepSpreadBadDir(t *testing.T) {
	dir := t.TempDir()
	if err := Sweep(context.Background(), toyGrid(), Options{OutDir: dir}, newToy().fn); err != nil {
		t.Fatal(err)
	}
	other := &Grid{Axes: []Axis{{"a", Floats(1, 2)}}}
	tys := []*toy{newToy(), newToy()}
	for r, err := range spreadSweep(t, context.Background(), other, dir, 2, 1, tys) {
		if err == nil || !strings.Contains(err.Error(), "different grid") {
			t.Errorf("rank %d: %v, want the grid mismatch", r, err)
		}
	}
	if tys[0].count(0)+tys[1].count(0) != 0 {
		t.Error("a run was computed")
	}
}
