package mech_test

import (
	"fmt"

	"github.com/laminasim/lamina/mech"
)

// Two gates with NEURON's table: locate each instance's voltage once,
// then step each gate over all instances.
func ExampleRates_StepGate() {
	// inf = 0.5 and tau = 1 ms everywhere (columns 0 and 1).
	r := mech.NewRates(mech.RatesTable, -100, 100, 200, 2, []int{1}, 0.025,
		func(v float64, out []float64) { out[0], out[1] = 0.5, 1 })
	v := []float64{-65, 0, 30} // node voltages, mV
	node := []int{0, 2}        // the instances sit at nodes 0 and 2
	x := []float64{0, 1}       // gate states
	lk := mech.NewLookup(len(node))
	r.LocateNodes(lk, v, node, 0)
	r.StepGate(x, lk, 0, 1)
	fmt.Printf("%.6f %.6f\n", x[0], x[1])
	// x + (1 - exp(-dt/tau))·(inf - x) = 0.5·(1 - exp(-0.025)) and 1 - that:
	// Output: 0.012345 0.987655
}
