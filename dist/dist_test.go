package dist

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

// onRanks runs f on every rank of an n-rank group, concurrently.
func onRanks(t *testing.T, n int, f func(c Comm) error) []error {
	t.Helper()
	comms, err := NewGroup(n)
	if err != nil {
		t.Fatal(err)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for r, c := range comms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[r] = f(c)
		}()
	}
	wg.Wait()
	return errs
}

func TestGroupCollectives(t *testing.T) {
	for _, n := range []int{1, 2, 4} {
		var mu sync.Mutex
		got := map[int][][]float64{}
		errs := onRanks(t, n, func(c Comm) error {
			// rounds of different lengths, to exercise reuse
			for round := range 3 {
				buf := make([]float64, c.Rank()+round)
				for i := range buf {
					buf[i] = float64(10*c.Rank() + i)
				}
				all, err := c.Allgather(buf)
				if err != nil {
					return err
				}
				if round == 2 {
					mu.Lock()
					got[c.Rank()] = all
					mu.Unlock()
				}
			}
			x := []float64{float64(c.Rank()), 1}
			if err := c.AllreduceSum(x); err != nil {
				return err
			}
			if want := []float64{float64(n*(n-1)) / 2, float64(n)}; !reflect.DeepEqual(x, want) {
				t.Errorf("rank %d: sum %v, want %v", c.Rank(), x, want)
			}
			return c.Barrier()
		})
		for r, err := range errs {
			if err != nil {
				t.Fatalf("%d ranks: rank %d: %v", n, r, err)
			}
		}
		for r := range n {
			if len(got[r]) != n {
				t.Fatalf("%d ranks: rank %d got %d buffers", n, r, len(got[r]))
			}
			for q := range n {
				if len(got[r][q]) != q+2 || got[r][q][0] != float64(10*q) {
					t.Errorf("%d ranks: rank %d sees rank %d's buffer as %v", n, r, q, got[r][q])
				}
			}
		}
	}
}

func TestGroupMismatch(t *testing.T) {
	errs := onRanks(t, 2, func(c Comm) error {
		if c.Rank() == 0 {
			_, err := c.Allgather([]float64{1})
			return err
		}
		return c.Barrier()
	})
	for r, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "called") {
			t.Errorf("rank %d: error %v", r, err)
		}
	}
	errs = onRanks(t, 2, func(c Comm) error { return c.AllreduceSum(make([]float64, c.Rank()+1)) })
	if errs[0] == nil {
		t.Error("AllreduceSum of different lengths accepted")
	}
	if _, err := NewGroup(0); err == nil {
		t.Error("empty group accepted")
	}
}

func TestSingle(t *testing.T) {
	c := Single()
	all, err := c.Allgather([]float64{1, 2})
	if err != nil || c.Rank() != 0 || c.Size() != 1 || !reflect.DeepEqual(all, [][]float64{{1, 2}}) {
		t.Errorf("single: %v %v", all, err)
	}
}

// TestAllgatherStrings sends labels of every length, empty lists and
// non-ASCII bytes through three ranks.
func TestAllgatherStrings(t *testing.T) {
	in := [][]string{{"v_0_soma_mV", ""}, nil, {"i_170_apical_tuft_ar_mA_per_cm2", "µ"}}
	errs := onRanks(t, 3, func(c Comm) error {
		got, err := AllgatherStrings(c, in[c.Rank()])
		if err != nil {
			return err
		}
		for r := range in {
			if len(got[r]) != len(in[r]) || (len(in[r]) > 0 && !reflect.DeepEqual(got[r], in[r])) {
				t.Errorf("rank %d received %q from rank %d, want %q", c.Rank(), got[r], r, in[r])
			}
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
