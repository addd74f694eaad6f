package pointnet_test

import (
	"fmt"

	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/pointnet"
)

// Describe a small network and validate it: weights carry the unit of the
// receptor they land on, and a weight in the wrong unit is an error.
func ExampleNetwork_Validate() {
	n := &pointnet.Network{
		Name: "two populations",
		Seed: 1,
		Populations: []pointnet.Population{
			pointnet.NewIFCond("E", 80, point.DefaultIFCond()),
			pointnet.NewLIF("L", 20, point.DefaultLIF()),
		},
		Connections: []pointnet.Connection{
			{Pre: "E", Post: "E", Receptor: "ge", P: 0.1, Weight: pointnet.NS(2)},
			{Pre: "E", Post: "L", Receptor: "exc", P: 0.1, Weight: pointnet.NS(2)},
		},
	}
	fmt.Println(n.Validate())
	n.Connections[1].Weight = pointnet.PA(30)
	fmt.Println(n.Validate())
	// Output:
	// pointnet: connections[1] (E_to_L): weight given in nS (weight_nS), but receptor "exc" of population L (lif) takes pA (weight_pA)
	// <nil>
}
