package cli

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/format/modelfile"
	"github.com/laminasim/lamina/models/zoo"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/spec"
)

func newPlotCmd() *cobra.Command {
	var (
		format string
		opt    output.Options
	)
	cmd := &cobra.Command{
		Use:   "plot KIND[,KIND...] DIR",
		Short: "Draw figures from the outputs of a run, without simulating",
		Long: `Draw figures from the files a run wrote in DIR (run.json, summary.json, spikes.csv,
dipole.csv, monitor_*.csv) into DIR/KIND.png (or .svg). KIND "all" draws every figure the
outputs allow, chosen by what the run recorded; simulate --plot does the same after a run.
A kind the outputs do not allow is an error that says why. Kinds:

` + output.FigureHelp(),
		Example: "  lamina plot all out/\n  lamina plot raster,tfr out/ --trial 2 --format svg",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "png" && format != "svg" {
				return fmt.Errorf("--format %q: want png or svg", format)
			}
			s, err := output.Load(args[1])
			if err != nil {
				return err
			}
			if opt.Trial < 0 || opt.Trial >= s.Trials {
				return fmt.Errorf("--trial %d: the outputs hold trials 0 to %d", opt.Trial, s.Trials-1)
			}
			files, err := s.Render(strings.Split(args[0], ","), format, opt)
			if err != nil {
				return err
			}
			if len(files) == 0 {
				return fmt.Errorf("the outputs in %s allow none of the figures asked for", args[1])
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s in %s\n", strings.Join(files, ", "), args[1])
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "png", "figure format: png or svg")
	cmd.Flags().IntVar(&opt.Trial, "trial", 0, "trial shown by the raster and the trace figures")
	return cmd
}

func newRatesCmd() *cobra.Command {
	var (
		startMs, stopMs float64
		mode            string
	)
	cmd := &cobra.Command{
		Use:   "rates DIR",
		Short: "Mean firing rates per population from the outputs of a run",
		Long: `Print the mean firing rate (Hz) of each population (cable cells and point neurons) over a
window, from DIR/spikes.csv and DIR/summary.json, as HNN-core's CellResponse.mean_rates:
--mode all (mean over trials and cells), trial (one rate per trial) or cell (one rate per
trial and cell, as CSV rows trial,type,gid,rate_Hz). Only spikes inside
[--tstart-ms, --tstop-ms) count.`,
		Example: "  lamina rates out/ --tstart-ms 50 --tstop-ms 170 --mode trial",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := output.Load(args[0])
			if err != nil {
				return err
			}
			if stopMs == 0 {
				stopMs = s.TStopMs
			}
			if !(startMs >= 0) || !(stopMs > startMs) || math.IsInf(stopMs, 0) {
				return fmt.Errorf("window [--tstart-ms %g, --tstop-ms %g) ms: need 0 <= start < stop", startMs, stopMs)
			}
			rates, err := s.MeanRates(startMs, stopMs, mode)
			if err != nil {
				return fmt.Errorf("--mode: %w", err)
			}
			w := cmd.OutOrStdout()
			switch mode {
			case analysis.RatesAll:
				for _, r := range rates {
					fmt.Fprintf(w, "%-14s %8.3f Hz\n", r.Name, r.All)
				}
			case analysis.RatesTrial:
				for _, r := range rates {
					var v []string
					for _, x := range r.Trial {
						v = append(v, fmt.Sprintf("%.3f", x))
					}
					fmt.Fprintf(w, "%-14s %s Hz\n", r.Name, strings.Join(v, " "))
				}
			default:
				fmt.Fprintln(w, "trial,type,gid,rate_Hz")
				ranges := s.Ranges.Neurons()
				for i, r := range rates {
					for t, row := range r.Cell {
						for c, x := range row {
							fmt.Fprintf(w, "%d,%s,%d,%g\n", t, r.Name, int(ranges[i].First)+c, x)
						}
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().Float64Var(&startMs, "tstart-ms", 0, "window start, ms")
	cmd.Flags().Float64Var(&stopMs, "tstop-ms", 0, "window end, ms (default: the run's end)")
	cmd.Flags().StringVar(&mode, "mode", analysis.RatesAll, "all, trial or cell")
	return cmd
}

func newConvertCmd() *cobra.Command {
	var (
		to     string
		legacy bool
		exName string
	)
	cmd := &cobra.Command{
		Use:   "convert [IN] OUT",
		Short: "Convert a model between Lamina's JSON, a run spec and HNN-core's network JSON",
		Long: `Read a model (a run spec, a Lamina network or point-network file, an HNN-core network
configuration JSON, an HNN-core parameter file .json/.param, or --example NAME) and write
it as a Lamina model file (--to lamina: the network, cable, mixed or point), a run spec
(--to spec: the model with its run length and settings, runnable with lamina simulate) or
an HNN-core network configuration (--to hnn-network, which HNN-core's
read_network_configuration loads; cable networks only).`,
		Example: "  lamina convert --example erp --to hnn-network erp_network.json\n  lamina convert N20.json n20_model.json\n  lamina convert --example ei-balanced --to spec ei.json",
		Args:    cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var r *spec.Run
			switch {
			case exName != "" && len(args) == 1:
				e, ok := zoo.Named(exName)
				if !ok {
					return fmt.Errorf("--example %q: unknown example (known: %s)", exName, zoo.Names())
				}
				var err error
				if r, err = e.Build(zoo.Options{}); err != nil {
					return err
				}
			case exName == "" && len(args) == 2:
				mf, err := modelfile.Read(args[0], modelfile.Options{Legacy: legacy})
				if err != nil {
					return err
				}
				r = mf.Run
			default:
				return errors.New("give IN OUT, or --example NAME OUT")
			}
			out := args[len(args)-1]
			if to != modelfile.FormatLamina && to != modelfile.FormatSpec && to != modelfile.FormatHNNNet {
				return fmt.Errorf("--to %q: want %s, %s or %s", to, modelfile.FormatLamina, modelfile.FormatHNNNet, modelfile.FormatSpec)
			}
			if err := modelfile.WriteModel(out, r, to); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%s)\n", out, to)
			return nil
		},
	}
	cmd.Flags().StringVar(&to, "to", modelfile.FormatLamina, "output format: lamina, spec or hnn-network")
	cmd.Flags().BoolVar(&legacy, "hnn-legacy", false, "read an HNN parameter file in HNN-core's legacy_mode")
	cmd.Flags().StringVar(&exName, "example", "", "convert a built-in example")
	return cmd
}
