package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/simulate"
)

// Version is the version lamina reports.
const Version = "0.1.0-dev"

// Main runs the command line with os.Args and returns the exit status.
// comm is the MPI world when lamina runs under mpirun (simulate.Single()
// otherwise): simulations are split over its ranks, and only rank 0
// prints and writes files.
func Main(comm simulate.Comm) int {
	stdout, stderr := io.Writer(os.Stdout), io.Writer(os.Stderr)
	if comm.Rank() != 0 {
		stdout, stderr = io.Discard, io.Discard
	}
	root := NewRootComm(stdout, stderr, comm)
	root.SetArgs(os.Args[1:])
	if err := root.Execute(); err != nil {
		fmt.Fprintf(os.Stderr, "lamina%s: %v\n", rankSuffix(comm), err)
		return 1
	}
	return 0
}

func rankSuffix(comm simulate.Comm) string {
	if comm.Size() == 1 {
		return ""
	}
	return fmt.Sprintf(" (rank %d of %d)", comm.Rank(), comm.Size())
}

// NewRoot returns the root command of a process working alone, writing to
// the given streams.
func NewRoot(stdout, stderr io.Writer) *cobra.Command {
	return NewRootComm(stdout, stderr, simulate.Single())
}

// NewRootComm returns the root command of one rank of comm.
func NewRootComm(stdout, stderr io.Writer, comm simulate.Comm) *cobra.Command {
	root := &cobra.Command{
		Use:           "lamina",
		Short:         "Lamina simulates neurons and networks, from ion channels to the MEG/EEG dipole",
		Long:          "Lamina simulates biophysically detailed neurons and networks (NEURON/HNN-core compatible)\nand point-neuron networks, in one static binary.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newCellCmd(), newMechanismsCmd(), newSimulateCmd(comm), newExamplesCmd(), newPlotCmd(), newRatesCmd(), newConvertCmd(), newBatchCmd(comm), newFitCmd(comm), newAnimateCmd(), newGUICmd())
	return root
}
