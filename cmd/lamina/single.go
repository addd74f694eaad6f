//go:build !mpi

package main

import (
	"github.com/laminasim/lamina/internal/cli"
	"github.com/laminasim/lamina/simulate"
)

// run runs the command line in one process (built without -tags mpi).
func run() int { return cli.Main(simulate.Single()) }
