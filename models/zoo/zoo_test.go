package zoo_test

import (
	"testing"

	"github.com/laminasim/lamina/models/zoo"
)

// TestRecordedSections checks that the animation example's run spec
// records every section's potential (HNN-core's record_vsec='all') and
// that the other examples record nothing unless asked.
func TestRecordedSections(t *testing.T) {
	for _, e := range zoo.Examples() {
		r, err := e.Build(zoo.Options{})
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		want := ""
		if e.Name == "animation" {
			want = "all"
		}
		if r.Record.VSec != want {
			t.Errorf("%s records vsec %q, want %q", e.Name, r.Record.VSec, want)
		}
	}
	if _, ok := zoo.Named("animation"); !ok {
		t.Error("no animation example")
	}
}
