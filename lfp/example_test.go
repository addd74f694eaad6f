package lfp_test

import (
	"fmt"
	"math"

	"github.com/laminasim/lamina/lfp"
)

// ExampleCSD2D estimates the current source density of one sample of five
// contacts 100 µm apart whose potential dips at the middle contact: the
// dip is a current sink (negative CSD) flanked by sources, and the border
// contacts are extrapolated from their neighbours, as HNN-core does.
func ExampleCSD2D() {
	potentialsUV := [][]float64{{0}, {-10}, {-40}, {-10}, {0}} // [contact][sample]
	csd, err := lfp.CSD2D(nil, potentialsUV, 100)
	if err != nil {
		panic(err)
	}
	for i, row := range csd {
		fmt.Printf("contact %d: %+.3f µV/µm²\n", i, row[0])
	}
	// Output:
	// contact 0: +0.010 µV/µm²
	// contact 1: +0.002 µV/µm²
	// contact 2: -0.006 µV/µm²
	// contact 3: +0.002 µV/µm²
	// contact 4: +0.010 µV/µm²
}

// ExampleLaminarZ finds the depths and spacing of the 25-contact array of
// HNN-core's extracellular-recording example.
func ExampleLaminarZ() {
	var positions [][3]float64
	for z := -325.0; z <= 2075; z += 100 {
		positions = append(positions, [3]float64{135, 135, z})
	}
	depths, delta, err := lfp.LaminarZ(positions)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d contacts from %g to %g µm, %g µm apart\n", len(depths), depths[0], depths[len(depths)-1], delta)

	// A bent probe is refused.
	positions[24][0] += 50
	_, _, err = lfp.LaminarZ(positions)
	fmt.Println(err != nil)
	// Output:
	// 25 contacts from -325 to 2075 µm, 100 µm apart
	// true
}

// Example follows HNN-core's extracellular-recording example on
// synthetic potentials: find the contacts' depths and spacing, smooth
// every contact with a 10 ms Hamming window, estimate the CSD and
// decimate the smoothed potentials for a figure from 40 kHz to 2 kHz.
// The potentials are a travelling dip of 100 µV at 40 kHz; the CSD finds
// its sink at the contact it passes at 50 ms.
func Example() {
	var positions [][3]float64
	for z := 0.0; z <= 1000; z += 100 {
		positions = append(positions, [3]float64{0, 0, z})
	}
	depths, delta, err := lfp.LaminarZ(positions)
	if err != nil {
		panic(err)
	}
	n := 4001 // 100 ms at 0.025 ms
	times := make([]float64, n)
	potentials := make([][]float64, len(depths))
	for c := range potentials {
		potentials[c] = make([]float64, n)
	}
	for s := range times {
		times[s] = 0.025 * float64(s)
		centre := 10 * times[s] // µm: the dip moves up 10 µm per ms
		for c, z := range depths {
			potentials[c][s] = -100 * math.Exp(-math.Pow((z-centre)/150, 2))
		}
	}
	smoothed, err := lfp.Smooth(nil, potentials, times, 10)
	if err != nil {
		panic(err)
	}
	csd, err := lfp.CSD2D(nil, smoothed, delta)
	if err != nil {
		panic(err)
	}
	at := 2000 // 50 ms
	sink := 0
	for c := range csd {
		if csd[c][at] < csd[sink][at] {
			sink = c
		}
	}
	fmt.Printf("at %g ms the strongest sink is at %g µm\n", times[at], depths[sink])
	tDec, dec, err := lfp.Decimate(times, smoothed, []int{5, 4})
	if err != nil {
		panic(err)
	}
	fmt.Printf("decimated: %d samples every %g ms, %d contacts\n", len(tDec), tDec[1]-tDec[0], len(dec))
	// Output:
	// at 50 ms the strongest sink is at 500 µm
	// decimated: 201 samples every 0.5 ms, 11 contacts
}
