package record

import (
	"fmt"
	"strconv"
)

// GID identifies a spike source in a network: a cell, a drive cell, a
// point neuron or a Poisson source. Every kind of network numbers its
// sources from 0 in the order of its Ranges.
type GID int

// Kind says what the sources of a Range are.
type Kind string

// Kinds of range.
const (
	// KindCell is a population of cable (compartmental) cells.
	KindCell Kind = "cell"
	// KindDrive is a drive's (or a cell's own NetStim's) artificial cells.
	KindDrive Kind = "drive"
	// KindPoint is a population of point neurons.
	KindPoint Kind = "point"
	// KindPoisson is a layer of Poisson sources feeding point neurons.
	KindPoisson Kind = "poisson"
)

// Range is a block of consecutive gids First, ..., First+N-1 belonging to
// one population, drive or source layer (an entry of HNN-core's
// Network.gid_ranges). It is the one range type of every kind of network
// and of saved results.
type Range struct {
	Name  string `json:"name"`
	First GID    `json:"first"`
	N     int    `json:"n"`
	Kind  Kind   `json:"kind"`
}

// Contains reports whether g lies in the range.
func (r Range) Contains(g GID) bool { return g >= r.First && g < r.First+GID(r.N) }

// Source reports whether the range holds artificial sources (drives and
// Poisson layers) rather than neurons.
func (r Range) Source() bool { return r.Kind == KindDrive || r.Kind == KindPoisson }

// Ranges is a network's gid ranges, in gid order.
type Ranges []Range

// Named returns the range called name.
func (rs Ranges) Named(name string) (Range, bool) {
	for _, r := range rs {
		if r.Name == name {
			return r, true
		}
	}
	return Range{}, false
}

// Locate returns the range containing g and g's index within it.
func (rs Ranges) Locate(g GID) (Range, int, bool) {
	for _, r := range rs {
		if r.Contains(g) {
			return r, int(g - r.First), true
		}
	}
	return Range{}, 0, false
}

// Total returns the number of gids, one past the last range's last gid.
func (rs Ranges) Total() int {
	if len(rs) == 0 {
		return 0
	}
	last := rs[len(rs)-1]
	return int(last.First) + last.N
}

// Neurons returns the ranges of cells and point neurons (not sources).
func (rs Ranges) Neurons() Ranges {
	var out Ranges
	for _, r := range rs {
		if !r.Source() {
			out = append(out, r)
		}
	}
	return out
}

// Types returns the name of the range of every gid in gids ("" outside
// every range), for the type column of spike tables.
func (rs Ranges) Types(gids []GID) []string {
	out := make([]string, len(gids))
	for i, g := range gids {
		if r, _, ok := rs.Locate(g); ok {
			out[i] = r.Name
		}
	}
	return out
}

// Check reports whether the ranges are consecutive from gid 0, with names
// and known kinds.
func (rs Ranges) Check() error {
	next := GID(0)
	for i, r := range rs {
		switch {
		case r.Name == "":
			return fmt.Errorf("record: ranges[%d]: name is empty", i)
		case r.First != next:
			return fmt.Errorf("record: ranges[%d] (%s): first = %d, want %d (ranges are consecutive from 0)", i, r.Name, r.First, next)
		case r.N < 0:
			return fmt.Errorf("record: ranges[%d] (%s): n = %d, must be >= 0", i, r.Name, r.N)
		}
		switch r.Kind {
		case KindCell, KindDrive, KindPoint, KindPoisson:
		default:
			return fmt.Errorf("record: ranges[%d] (%s): kind = %q, want cell, drive, point or poisson", i, r.Name, r.Kind)
		}
		next += GID(r.N)
	}
	return nil
}

// String formats a gid as a decimal number.
func (g GID) String() string { return strconv.Itoa(int(g)) }
