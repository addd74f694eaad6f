package fitrun

import (
	"context"
	"math"
	"path/filepath"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

// figures draws the convergence (loss and best loss so far against the
// evaluation) and, for a fit to a target, the target dipole against the
// trial means at the initial and the best parameters (two simulations).
func (ft *Fit) figures(ctx context.Context, dir string, history []Record, best []float64, threads int, maxMemory int64) ([]string, error) {
	var files []string
	x := make([]float64, len(history))
	loss := make([]float64, len(history))
	bestSoFar := make([]float64, len(history))
	b := math.NaN()
	for i, r := range history {
		x[i] = float64(r.Eval + 1)
		loss[i] = r.LossValue()
		if !math.IsNaN(loss[i]) && !(loss[i] >= b) {
			b = loss[i]
		}
		bestSoFar[i] = b
	}
	p, err := plot.Curves(x, map[string][]float64{"loss": loss, "best so far": bestSoFar}, []string{"loss", "best so far"}, false,
		"evaluation", "loss ("+ft.File.Objective.Kind+")", "convergence")
	if err != nil {
		return files, err
	}
	path := filepath.Join(dir, ConvergencePNG)
	if err := plot.Save(p, path, 16*vg.Centimeter, 10*vg.Centimeter); err != nil {
		return files, err
	}
	files = append(files, path)
	if ft.Target == nil {
		return files, nil
	}
	x0 := make([]float64, len(ft.Params))
	for i, p := range ft.Params {
		x0[i] = p.Start()
	}
	mean := func(x []float64) (*dipole.Dipole, error) {
		ds, err := ft.Dipoles(ctx, x, simulate.Env{Threads: threads, MaxMemoryBytes: maxMemory})
		if err != nil {
			return nil, err
		}
		return dipole.Average(ds)
	}
	bd, err := mean(best)
	if err != nil {
		return files, err
	}
	id, err := mean(x0)
	if err != nil {
		return files, err
	}
	p, err = plot.Compare(bd, ft.Target, "best", "target", "target, initial and best dipoles (trial means)")
	if err != nil {
		return files, err
	}
	if err := addLine(p, id, "initial"); err != nil {
		return files, err
	}
	path = filepath.Join(dir, DipolesPNG)
	if err := plot.Save(p, path, 16*vg.Centimeter, 10*vg.Centimeter); err != nil {
		return files, err
	}
	return append(files, path), nil
}

// addLine adds the aggregate dipole of d to p as a thin grey line.
func addLine(p *gplot.Plot, d *dipole.Dipole, name string) error {
	agg := d.Data[dipole.LayerAgg]
	xy := make(plotter.XYs, len(d.TimesMs))
	for j := range xy {
		xy[j].X, xy[j].Y = d.TimesMs[j], agg[j]
	}
	l, err := plotter.NewLine(xy)
	if err != nil {
		return err
	}
	l.Width = vg.Points(1)
	l.Color = plot.Palette()[2]
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}
