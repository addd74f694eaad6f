package fit

import (
	"math"
	"strings"
	"testing"
)

func TestParamValidate(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		p    Param
		want string // substring of the error, "" for none
	}{
		{"ok", Param{Name: "w", Low: 0, High: 1}, ""},
		{"ok initial on bound", Param{Name: "w", Low: 0, High: 1, Initial: f(1)}, ""},
		{"empty name", Param{Low: 0, High: 1}, "empty name"},
		{"low equals high", Param{Name: "w", Low: 1, High: 1}, `"w": low 1 must be less than high 1`},
		{"low above high", Param{Name: "w", Low: 2, High: 1}, `"w": low 2 must be less than high 1`},
		{"NaN low", Param{Name: "w", Low: math.NaN(), High: 1}, `"w": low is NaN`},
		{"infinite high", Param{Name: "w", Low: 0, High: math.Inf(1)}, `"w": high is +Inf`},
		{"NaN initial", Param{Name: "w", Low: 0, High: 1, Initial: f(math.NaN())}, `"w": initial is NaN`},
		{"initial below", Param{Name: "w", Low: 0, High: 1, Initial: f(-0.5)}, `"w": initial -0.5 outside [low, high] = [0, 1]`},
		{"initial above", Param{Name: "w", Low: 0, High: 1, Initial: f(2)}, `"w": initial 2 outside`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestValidateParams(t *testing.T) {
	if err := ValidateParams(nil); err == nil {
		t.Error("no parameters accepted")
	}
	err := ValidateParams([]Param{{Name: "a", Low: 0, High: 1}, {Name: "a", Low: 0, High: 2}})
	if err == nil || !strings.Contains(err.Error(), `"a" given twice`) {
		t.Errorf("duplicate names: %v", err)
	}
	if got := (Param{Name: "a", Low: 2, High: 4}).Start(); got != 3 {
		t.Errorf("Start without initial = %v, want the midpoint 3", got)
	}
}
