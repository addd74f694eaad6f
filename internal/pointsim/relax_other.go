//go:build !amd64 || purego

package pointsim

// cpuRelax does nothing here: the spin loops spin without a hint.
func cpuRelax() {}
