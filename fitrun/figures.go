package fitrun

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/format/safefile"
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
	if ft.Target == nil {
		return ft.psdFigures(dir, files, id, bd)
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

// psdFigures draws the periodograms (Hamming window, as maximize_psd) of
// the aggregate trial-mean dipoles at the initial and the best parameters
// up to 50 Hz into PSDPNG, and writes each band's share of the power at
// both into BandsCSV.
func (ft *Fit) psdFigures(dir string, files []string, initial, best *dipole.Dipole) ([]string, error) {
	psd := func(d *dipole.Dipole) ([]float64, []float64, error) {
		fs := 1000 / (d.TimesMs[1] - d.TimesMs[0])
		return analysis.Periodogram(d.Data[dipole.LayerAgg], fs, "hamming")
	}
	f, pi, err := psd(initial)
	if err != nil {
		return files, err
	}
	_, pb, err := psd(best)
	if err != nil {
		return files, err
	}
	n := 0
	for n < len(f) && f[n] <= 50 {
		n++
	}
	p, err := plot.Curves(f[:n], map[string][]float64{"initial": pi[:n], "best": pb[:n]}, []string{"initial", "best"}, false,
		"frequency (Hz)", "power (nAm²/Hz)", "PSD of the aggregate dipole at the initial and best parameters")
	if err != nil {
		return files, err
	}
	path := filepath.Join(dir, PSDPNG)
	if err := plot.Save(p, path, 16*vg.Centimeter, 10*vg.Centimeter); err != nil {
		return files, err
	}
	files = append(files, path)
	share := func(psd []float64, lo, hi float64) float64 {
		var in, all float64
		for i, v := range psd {
			all += v
			if f[i] >= lo && f[i] <= hi {
				in += v
			}
		}
		return in / all
	}
	path = filepath.Join(dir, BandsCSV)
	err = safefile.Write(path, func(w io.Writer) error {
		fmt.Fprintln(w, "lo_hz,hi_hz,initial_share,best_share")
		for _, b := range ft.File.Objective.FBands {
			if _, err := fmt.Fprintf(w, "%g,%g,%.6g,%.6g\n", b[0], b[1], share(pi, b[0], b[1]), share(pb, b[0], b[1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return files, err
	}
	return append(files, path), nil
}
