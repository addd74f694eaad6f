//go:build amd64 && !purego

package pointsim

// cpuRelax executes a few PAUSE instructions: the spin-wait hint that
// lets the other hardware thread of the core, or the hypervisor, run
// while this one waits.
func cpuRelax()
