//go:build !unix

package main

import "time"

// cpuTime is not available here: CPU times are reported as 0.
func cpuTime() (time.Duration, bool) { return 0, false }
