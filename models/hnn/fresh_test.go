package hnn_test

import (
	"reflect"
	"testing"

	"github.com/laminasim/lamina/models/hnn"
)

// TestParamsAreFresh checks that mutating a parameter map the package
// returns does not change what the next call returns.
func TestParamsAreFresh(t *testing.T) {
	weights := func(get func() map[string]float64) func() any { return func() any { return get() } }
	mutateWeights := func(v any) any {
		w := v.(map[string]float64)
		w["L2Pyr_L2Pyr_ampa"] = -1
		delete(w, "L5Basket_L5Basket")
		w["extra"] = 1
		return w
	}
	for _, tc := range []struct {
		name   string
		get    func() any
		mutate func(any) any
	}{
		{"DefaultWeights", weights(hnn.DefaultWeights), mutateWeights},
		{"GammaWeights", weights(hnn.GammaWeights), mutateWeights},
		{"N20Weights", weights(hnn.N20Weights), mutateWeights},
		{"DefaultReceptors", func() any { return hnn.DefaultReceptors() }, func(v any) any {
			r := v.(map[string][3]float64)
			r["ampa"] = [3]float64{1, 2, 3}
			delete(r, "gabab")
			return r
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.get()
			if m := tc.mutate(tc.get()); reflect.DeepEqual(m, want) {
				t.Fatalf("mutation left %v unchanged", m)
			}
			if got := tc.get(); !reflect.DeepEqual(got, want) {
				t.Errorf("after mutating a result: %v, want %v", got, want)
			}
		})
	}
}
