package netview

import (
	"errors"
	"fmt"

	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/morph"
	"github.com/laminasim/lamina/record"
)

// Section is one section of one cell placed in the network.
type Section struct {
	// GID is the cell's gid; Population its population; Name the
	// section's name in the cell template.
	GID        record.GID
	Population string
	Name       string
	// Ends are the section's 0 and 1 ends in the network, µm: the cell's
	// position plus the template's end points (see NewScene).
	Ends [2]morph.Point3D
	// DiamUm is the section's diameter, µm.
	DiamUm float64
}

// Column returns the name of the section's column in a membrane
// potential recording (record_vsec, vsec_trial<k>.csv): v_<gid>_<section>_mV.
func (s *Section) Column() string { return fmt.Sprintf("v_%d_%s_mV", s.GID, s.Name) }

// Scene is every section of every cable cell of a network, at its place:
// the geometry a network view draws.
type Scene struct {
	// Name names the network.
	Name string
	// Sections are in gid order and, within a cell, in the template's
	// section order: the order of the columns of a membrane potential
	// recording of every section (and of HNN-core's NetworkPlotter).
	Sections []Section
}

// NewScene places every section of every cable cell of net: a section of
// a cell at position p (µm) runs from p + e0 to p + e1, where e0 and e1
// are its template's 3-D end points, relative to the soma's 0 end (the
// template's origin). HNN-core places its cells so (Cell._create_sections
// adds the cell's position to each point it gives NEURON; its
// NetworkPlotter draws the same points). Every section must have 3-D end
// points.
func NewScene(net *model.Network) (*Scene, error) {
	if net == nil {
		return nil, errors.New("netview: no network")
	}
	s := &Scene{Name: net.Name}
	ranges := net.Ranges()
	for i := range net.Populations {
		p := &net.Populations[i]
		if p.Cell == nil {
			continue
		}
		first := ranges[i].First
		for k, pos := range p.Positions {
			at := morph.Point3D{X: pos[0], Y: pos[1], Z: pos[2]}
			for _, sec := range p.Cell.Sections {
				if sec.Ends == nil {
					return nil, fmt.Errorf("netview: population %s: section %q has no 3-D end points (ends_um)", p.Name, sec.Name)
				}
				s.Sections = append(s.Sections, Section{
					GID: first + record.GID(k), Population: p.Name, Name: sec.Name,
					Ends:   [2]morph.Point3D{add(at, sec.Ends[0]), add(at, sec.Ends[1])},
					DiamUm: sec.Diam,
				})
			}
		}
	}
	if len(s.Sections) == 0 {
		return nil, fmt.Errorf("netview: network %q has no cable cells to draw", net.Name)
	}
	return s, nil
}

func add(p, q morph.Point3D) morph.Point3D {
	return morph.Point3D{X: p.X + q.X, Y: p.Y + q.Y, Z: p.Z + q.Z}
}

// Bounds returns the smallest box holding every section, µm.
func (s *Scene) Bounds() (lo, hi morph.Point3D) {
	lo, hi = s.Sections[0].Ends[0], s.Sections[0].Ends[0]
	for _, sec := range s.Sections {
		for _, e := range sec.Ends {
			lo = morph.Point3D{X: min(lo.X, e.X), Y: min(lo.Y, e.Y), Z: min(lo.Z, e.Z)}
			hi = morph.Point3D{X: max(hi.X, e.X), Y: max(hi.Y, e.Y), Z: max(hi.Z, e.Z)}
		}
	}
	return lo, hi
}
