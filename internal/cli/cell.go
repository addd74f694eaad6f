package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

type cellFlags struct {
	ampNA, delayMs, durMs, tstopMs, dtMs, celsius float64
	record                                        []string
	out                                           string
	plot                                          bool
	rates                                         string
}

func newCellCmd() *cobra.Command {
	var f cellFlags
	cmd := &cobra.Command{
		Use:   "cell TYPE",
		Short: "Run one HNN-core cell under current clamp and write its voltage trace and spikes",
		Long: `Run one of HNN-core's cells (` + strings.Join(hnn.CellTypes(), ", ") + `)
with an IClamp at soma(0.5), NEURON's fixed-step method and 37 °C, and write

  DIR/trace.csv   time_ms, v_soma_mV, then one column per --record location
  DIR/spikes.csv  time_ms of each spike (soma crossing 0 mV upward)
  DIR/trace.png   with --plot`,
		Example: "  lamina cell L5_pyramidal --iclamp-na 1 --delay-ms 20 --dur-ms 100 --tstop-ms 150 \\\n      --record 'apical_trunk,apical_tuft(1)' --out out/ --plot",
		Args:    cobra.ExactArgs(1),
		RunE:    func(cmd *cobra.Command, args []string) error { return runCell(cmd, args[0], &f) },
	}
	fl := cmd.Flags()
	fl.Float64Var(&f.ampNA, "iclamp-na", 0, "current clamp amplitude, nA")
	fl.Float64Var(&f.delayMs, "delay-ms", 20, "current clamp onset, ms")
	fl.Float64Var(&f.durMs, "dur-ms", 100, "current clamp duration, ms")
	fl.Float64Var(&f.tstopMs, "tstop-ms", 150, "simulated time, ms")
	fl.Float64Var(&f.dtMs, "dt-ms", 0.025, "time step, ms")
	fl.Float64Var(&f.celsius, "celsius", 37, "temperature, °C")
	fl.StringSliceVar(&f.record, "record", nil, "extra voltage recordings, SECTION or SECTION(x), comma separated")
	fl.StringVar(&f.out, "out", "", "output directory (created if needed)")
	fl.BoolVar(&f.plot, "plot", false, "also write trace.png")
	fl.StringVar(&f.rates, "rates", "table", "channel rates: table (NEURON's TABLE, default), exact (no table), fast (tabulated exp(-dt/tau))")
	cmd.MarkFlagRequired("out")
	return cmd
}

var recordSpec = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)(?:\(([^()]*)\))?$`)

// parseRecord parses SECTION or SECTION(x).
func parseRecord(s string) (string, float64, error) {
	m := recordSpec.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", 0, fmt.Errorf("--record %q: want SECTION or SECTION(x), e.g. apical_tuft(1)", s)
	}
	x := 0.5
	if m[2] != "" {
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil || !(v >= 0 && v <= 1) {
			return "", 0, fmt.Errorf("--record %q: x = %q, want a number in [0, 1]", s, m[2])
		}
		x = v
	}
	return m[1], x, nil
}

func runCell(cmd *cobra.Command, cellType string, f *cellFlags) error {
	c, err := hnn.NewCell(cellType)
	if err != nil {
		return err
	}
	for _, chk := range []struct {
		name string
		v    float64
		ok   bool
	}{
		{"--delay-ms", f.delayMs, f.delayMs >= 0},
		{"--dur-ms", f.durMs, f.durMs >= 0},
		{"--tstop-ms", f.tstopMs, f.tstopMs > 0 && f.tstopMs <= 1e7},
		{"--iclamp-na", f.ampNA, f.ampNA >= -1e6 && f.ampNA <= 1e6},
	} {
		if !chk.ok {
			return fmt.Errorf("%s = %g is out of range", chk.name, chk.v)
		}
	}
	c.Points = append(c.Points, cell.Place{Name: "iclamp", Mech: "IClamp", Section: "soma", X: 0.5,
		Params: map[string]float64{"del": f.delayMs, "dur": f.durMs, "amp": f.ampNA}})
	if _, err := mech.ParseRateMode(f.rates); err != nil {
		return fmt.Errorf("--rates %q: want table, exact or fast", f.rates)
	}
	probes := []simulate.Probe{{Section: "soma", X: 0.5}}
	for _, r := range f.record {
		sec, x, err := parseRecord(r)
		if err != nil {
			return err
		}
		if _, ok := c.Index(sec); !ok {
			return fmt.Errorf("--record %q: %s has no section %q", r, cellType, sec)
		}
		probes = append(probes, simulate.Probe{Section: sec, X: x})
	}
	res, err := simulate.RunCell(simulate.CellRun{Cell: c, TStopMs: f.tstopMs, DtMs: f.dtMs, Celsius: f.celsius, Rates: f.rates, Probes: probes})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	tr, spikes := res.Trace, res.SpikesMs
	tracePath, spikePath := filepath.Join(f.out, "trace.csv"), filepath.Join(f.out, "spikes.csv")
	if err := csvfile.WriteTrace(tracePath, tr); err != nil {
		return err
	}
	if err := csvfile.WriteSpikeTimes(spikePath, spikes); err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	nseg := 0
	for _, sec := range c.Sections {
		nseg += sec.NSeg
	}
	fmt.Fprintf(out, "%s: %d segments, %g ms at dt %g ms, IClamp %g nA from %g to %g ms\n",
		cellType, nseg, f.tstopMs, f.dtMs, f.ampNA, f.delayMs, f.delayMs+f.durMs)
	fmt.Fprintf(out, "%d spikes", len(spikes))
	if len(spikes) > 0 {
		fmt.Fprintf(out, " at %s ms", joinFloats(spikes))
	}
	fmt.Fprintf(out, "\nwrote %s, %s", tracePath, spikePath)
	if f.plot {
		p, err := plot.Traces(tr, fmt.Sprintf("%s, IClamp %g nA", cellType, f.ampNA), "membrane potential (mV)")
		if err != nil {
			return err
		}
		png := filepath.Join(f.out, "trace.png")
		if err := plot.Save(p, png, 720, 360); err != nil {
			return err
		}
		fmt.Fprintf(out, ", %s", png)
	}
	fmt.Fprintln(out)
	return nil
}

func joinFloats(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'f', 3, 64)
	}
	return strings.Join(s, ", ")
}
