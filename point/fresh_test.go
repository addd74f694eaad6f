package point_test

import (
	"reflect"
	"testing"

	"github.com/laminasim/lamina/point"
)

// TestListsAreFresh checks that mutating a list the package returns does
// not change what the next call returns.
func TestListsAreFresh(t *testing.T) {
	for _, tc := range []struct {
		name   string
		get    func() any
		mutate func(any) any
	}{
		{"Schemes", func() any { return point.Schemes() }, func(v any) any {
			s := v.([]point.Scheme)
			s[0] = "mutated"
			return append(s, "extra")
		}},
		{"Kinds", func() any { return point.Kinds() }, func(v any) any {
			s := v.([]string)
			s[0] = "mutated"
			return append(s, "extra")
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
