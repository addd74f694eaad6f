package cell

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// Profile kinds.
const (
	// Uniform: the same Value everywhere.
	Uniform = "uniform"
	// Exp: AtZero·(exp(RatePerUm·d) + Offset), d the path distance (µm).
	Exp = "exp"
	// Linear: AtZero + min(d, KinkUm)·(AtKink - AtZero)/KinkUm, then
	// multiplied by HotzoneFactor for HotzoneUm[0] < d < HotzoneUm[1]
	// (HNN-core's _linear_g_at_dist).
	Linear = "linear"
	// Segments: one value per segment of the section, from its 0 end.
	Segments = "segments"
)

// Profile gives a parameter's value on each segment. In JSON a plain number
// is a uniform profile; other kinds are objects, e.g.
//
//	{"kind": "exp", "at_zero": 1e-6, "rate_per_um": 0.003}
type Profile struct {
	Kind          string     `json:"kind"`
	Value         float64    `json:"value,omitempty"`
	AtZero        float64    `json:"at_zero,omitempty"`
	RatePerUm     float64    `json:"rate_per_um,omitempty"`
	Offset        float64    `json:"offset,omitempty"`
	AtKink        float64    `json:"at_kink,omitempty"`
	KinkUm        float64    `json:"kink_um,omitempty"`
	HotzoneFactor float64    `json:"hotzone_factor,omitempty"`
	HotzoneUm     [2]float64 `json:"hotzone_um,omitzero"`
	Values        []float64  `json:"values,omitempty"`
}

// Value returns a uniform profile.
func Value(v float64) Profile { return Profile{Kind: Uniform, Value: v} }

// ExpProfile returns AtZero·(exp(rate·d) + offset).
func ExpProfile(atZero, ratePerUm, offset float64) Profile {
	return Profile{Kind: Exp, AtZero: atZero, RatePerUm: ratePerUm, Offset: offset}
}

// At returns the value at segment seg of a section with nseg segments whose
// centre lies at path distance d (µm) from the root.
func (p *Profile) At(d float64, seg int) float64 {
	switch p.Kind {
	case Uniform, "":
		return p.Value
	case Exp:
		return p.AtZero * (math.Exp(p.RatePerUm*d) + p.Offset)
	case Linear:
		v := p.AtZero + math.Min(p.KinkUm, d)*(p.AtKink-p.AtZero)/p.KinkUm
		if p.HotzoneFactor != 0 && p.HotzoneUm[0] < d && d < p.HotzoneUm[1] {
			v *= p.HotzoneFactor
		}
		return v
	case Segments:
		if seg < len(p.Values) {
			return p.Values[seg]
		}
	}
	return math.NaN()
}

// check validates the profile's own fields.
func (p *Profile) check() error {
	switch p.Kind {
	case Uniform, "", Exp:
	case Linear:
		if !(p.KinkUm > 0) {
			return fmt.Errorf("linear profile: kink_um = %g, must be > 0", p.KinkUm)
		}
	case Segments:
		if len(p.Values) == 0 {
			return fmt.Errorf("segments profile: values is empty")
		}
	default:
		return fmt.Errorf("profile kind %q unknown (want %s, %s, %s or %s)", p.Kind, Uniform, Exp, Linear, Segments)
	}
	return nil
}

// MarshalJSON writes a uniform profile as a bare number.
func (p Profile) MarshalJSON() ([]byte, error) {
	if p.Kind == Uniform || p.Kind == "" {
		return json.Marshal(p.Value)
	}
	return json.Marshal(profileFields(p))
}

// profileFields is Profile without its JSON methods.
type profileFields Profile

// JSONFields returns the struct a profile object decodes into, for
// package model/jsonstrict (which model files are read with).
func (Profile) JSONFields() any { return profileFields{} }

// UnmarshalJSON reads a bare number as a uniform profile, or an object,
// whose unknown keys are errors.
func (p *Profile) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] != '{' {
		var v float64
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("profile: want a number or an object, got %s", b)
		}
		*p = Value(v)
		return nil
	}
	var q profileFields
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&q); err != nil {
		return err
	}
	*p = Profile(q)
	if p.Kind == "" {
		p.Kind = Uniform
	}
	return nil
}
