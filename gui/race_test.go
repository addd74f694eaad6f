//go:build race

package gui_test

// raceDetector: timings are not asserted under the race detector, which
// slows code tenfold.
const raceDetector = true
