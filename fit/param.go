package fit

import (
	"errors"
	"fmt"
	"math"
)

// Param is one fitted parameter: its name, its bounds Low < High (in the
// parameter's own unit) and an optional initial value within them. With
// no initial value a solver starts at the middle of the bounds, as
// HNN-core's Optimizer does.
type Param struct {
	Name    string   `json:"name"`
	Low     float64  `json:"low"`
	High    float64  `json:"high"`
	Initial *float64 `json:"initial,omitempty"`
}

// Validate reports the first problem with p: an empty name, a bound or
// initial value that is NaN or infinite, Low >= High, or an initial value
// outside [Low, High]. The error names the parameter and the field.
func (p Param) Validate() error {
	if p.Name == "" {
		return errors.New("fit: parameter with an empty name")
	}
	for _, f := range []struct {
		field string
		v     float64
	}{{"low", p.Low}, {"high", p.High}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("fit: parameter %q: %s is %v, want a finite number", p.Name, f.field, f.v)
		}
	}
	if p.Low >= p.High {
		return fmt.Errorf("fit: parameter %q: low %v must be less than high %v", p.Name, p.Low, p.High)
	}
	if p.Initial != nil {
		v := *p.Initial
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("fit: parameter %q: initial is %v, want a finite number", p.Name, v)
		}
		if v < p.Low || v > p.High {
			return fmt.Errorf("fit: parameter %q: initial %v outside [low, high] = [%v, %v]", p.Name, v, p.Low, p.High)
		}
	}
	return nil
}

// Start returns p's initial value, or the middle of its bounds if it has
// none.
func (p Param) Start() float64 {
	if p.Initial != nil {
		return *p.Initial
	}
	return (p.Low + p.High) / 2
}

// ValidateParams validates every parameter and checks that there is at
// least one and that names are unique.
func ValidateParams(ps []Param) error {
	if len(ps) == 0 {
		return errors.New("fit: no parameters")
	}
	seen := make(map[string]int, len(ps))
	for i, p := range ps {
		if err := p.Validate(); err != nil {
			return err
		}
		if j, ok := seen[p.Name]; ok {
			return fmt.Errorf("fit: parameter %q given twice (parameters %d and %d)", p.Name, j, i)
		}
		seen[p.Name] = i
	}
	return nil
}
