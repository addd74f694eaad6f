package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/spec"
)

// recordFlags are HNN-core's record_vsec, record_isec and record_ca, plus a
// gid selection.
type recordFlags struct {
	vsec, isec, ca string // "", "soma" or "all"
	gids           string // "" (every cell) or a list such as "0-34,170"
	everyMs        float64
}

func (r *recordFlags) any() bool {
	return r.vsec != "" || r.isec != "" || r.ca != "" || r.everyMs != 0
}

// apply sets the flags given into the spec's recording.
func (r *recordFlags) apply(dst *spec.Record, run *spec.Run) error {
	for _, f := range []struct {
		name string
		v    string
		dst  *string
	}{{"--record-vsec", r.vsec, &dst.VSec}, {"--record-isec", r.isec, &dst.ISec}, {"--record-ca", r.ca, &dst.Ca}} {
		if f.v == "" {
			continue
		}
		if f.v != "soma" && f.v != "all" {
			return fmt.Errorf("%s %q: want soma or all", f.name, f.v)
		}
		*f.dst = f.v
	}
	if r.everyMs != 0 {
		dst.EveryMs = r.everyMs
	}
	gids, err := parseGIDs(r.gids, run)
	if err != nil {
		return err
	}
	if gids != nil {
		dst.GIDs = gids
	}
	return nil
}

// parseGIDs parses a list of gids and inclusive ranges, e.g. "0-34,170",
// of the run's cable cells.
func parseGIDs(s string, run *spec.Run) ([]int, error) {
	if s == "" {
		return nil, nil // every cell
	}
	ncells := 0
	for _, r := range run.Ranges() {
		if r.Kind == record.KindCell {
			ncells += r.N
		}
	}
	var out []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(lo)
		b := a
		if err == nil && isRange {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a < 0 || b < a || b >= ncells {
			return nil, fmt.Errorf("--record-gids %q: %q is not a gid or range of cells in [0, %d)", s, part, ncells)
		}
		for g := a; g <= b; g++ {
			out = append(out, g)
		}
	}
	return out, nil
}
