package point

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Scheme names an integration scheme (see the package documentation).
type Scheme string

// The schemes.
const (
	// SchemeLamina is the default: exact where linear, second order
	// otherwise.
	SchemeLamina Scheme = "lamina"
	// SchemeEuler is forward Euler from the start-of-step values, as
	// Brian2's method='euler'.
	SchemeEuler Scheme = "euler"
	// SchemeSNNjl is SNNModels.jl's update, in float32.
	SchemeSNNjl Scheme = "snnjl"
)

// Schemes returns the schemes, SchemeLamina first, in a new slice.
func Schemes() []Scheme { return []Scheme{SchemeLamina, SchemeEuler, SchemeSNNjl} }

// ParseScheme returns the scheme named s ("" means SchemeLamina).
func ParseScheme(s string) (Scheme, error) {
	switch Scheme(s) {
	case "":
		return SchemeLamina, nil
	case SchemeLamina, SchemeEuler, SchemeSNNjl:
		return Scheme(s), nil
	}
	return "", fmt.Errorf("point: unknown scheme %q (want lamina, euler or snnjl)", s)
}

// FieldError reports a parameter outside its range.
type FieldError struct {
	// Field is the JSON name of the parameter, e.g. "tau_m_ms".
	Field string
	// Value is the offending value.
	Value float64
	// Want describes the allowed range, e.g. "> 0".
	Want string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s = %g: must be %s", e.Field, e.Value, e.Want)
}

// checker collects the first few parameter errors of a model.
type checker struct{ errs []error }

func (c *checker) add(field string, v float64, want string) {
	c.errs = append(c.errs, &FieldError{Field: field, Value: v, Want: want})
}

// positive requires a finite v > 0.
func (c *checker) positive(field string, v float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		c.add(field, v, "finite and > 0")
	}
}

// nonNegative requires a finite v >= 0.
func (c *checker) nonNegative(field string, v float64) {
	if !(v >= 0) || math.IsInf(v, 0) {
		c.add(field, v, "finite and >= 0")
	}
}

// finite requires a finite v.
func (c *checker) finite(field string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		c.add(field, v, "finite")
	}
}

func (c *checker) err() error { return errors.Join(c.errs...) }

// checkStep validates a time step.
func checkStep(dtMs float64) error {
	if !(dtMs > 0) || math.IsInf(dtMs, 0) {
		return &FieldError{Field: "dt_ms", Value: dtMs, Want: "finite and > 0"}
	}
	return nil
}

// roundSteps returns round(ms/dt) as SNN.jl's round(Int, τ/dt) does
// (half away from zero; Julia rounds half to even, which differs only for
// τ/dt exactly half-integral, never the case for the step sizes used).
func roundSteps(ms, dtMs float64) int32 {
	return int32(math.Round(ms / dtMs))
}

// frozenAfterSpike returns the number of steps a Lamina- or Euler-scheme
// neuron stays frozen after its spike step: round(τref/dt) - 1, at least 0.
func frozenAfterSpike(tauRefMs, dtMs float64) int32 {
	return max(roundSteps(tauRefMs, dtMs)-1, 0)
}

// noScheme is the error for a scheme a model lacks.
func noScheme(model string, s Scheme, have ...Scheme) error {
	names := make([]string, len(have))
	for i, h := range have {
		names[i] = string(h)
	}
	return fmt.Errorf("point: %s has no scheme %q (have %s)", model, s, strings.Join(names, ", "))
}

// appendFired appends local index i to fired.
func appendFired(fired []int32, i int) []int32 { return append(fired, int32(i)) }
