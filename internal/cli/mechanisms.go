package cli

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/mech"
	"github.com/laminasim/lamina/mech/builtin"
)

func newMechanismsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "mechanisms [NAME...]",
		Short: "List the built-in membrane mechanisms and their fields",
		Long: `List the built-in membrane mechanisms (channels, pumps, synapses and clamps
that cells paint or place), or only the NAMEd ones. For each: its kind
(density or point process) and the NEURON .mod file it ports, then one line
per field — param (set per cell or section), global (one value for the
run) or state — with its unit, default, allowed range and meaning, and the
ions it reads or writes. Model files use these names and fields.`,
		Example: "  lamina mechanisms\n  lamina mechanisms hh2 Exp2Syn",
		RunE: func(cmd *cobra.Command, args []string) error {
			cat := builtin.Catalogue()
			names := args
			if len(names) == 0 {
				names = cat.Names()
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 2, 8, 2, ' ', 0)
			for _, n := range names {
				m, ok := cat.Lookup(n)
				if !ok {
					return &mech.UnknownError{Name: n, Known: cat.Names()}
				}
				fmt.Fprintf(w, "%s\t%s mechanism, ports %s\n", m.Name, m.Kind, m.Source)
				for _, g := range []struct {
					kind   string
					fields []mech.Field
				}{{"param", m.Params}, {"global", m.Globals}, {"state", m.States}} {
					for _, f := range g.fields {
						rng := ""
						if g.kind != "state" {
							rng = fmt.Sprintf("default %g, range [%s, %s]", f.Default, num(f.Min), num(f.Max))
						}
						fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\n", g.kind, f.Name, f.Unit, rng, f.Doc)
					}
				}
				var ions []string
				for _, u := range m.Ions {
					ions = append(ions, u.Ion)
				}
				if len(ions) > 0 {
					fmt.Fprintf(w, "  ions\t%s\n", strings.Join(ions, ", "))
				}
			}
			return w.Flush()
		},
	}
}

func num(v float64) string {
	if math.IsInf(v, 0) {
		if v > 0 {
			return "inf"
		}
		return "-inf"
	}
	return fmt.Sprint(v)
}
