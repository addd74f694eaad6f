package plot

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/laminasim/lamina/lfp"
)

// Figures of laminar extracellular recordings, after HNN-core's
// plot_laminar_lfp, plot_laminar_csd and the four-panel figure of its
// example plot_record_extracellular_potentials.py. They take plain data
// (package lfp computes depths, smoothing, decimation and the CSD), so
// saved outputs can be drawn without the simulator.

// LFPOptions are the settings of the laminar figures. DefaultLFPOptions
// returns HNN-core's.
type LFPOptions struct {
	// OffsetUV is the vertical distance between successive contacts'
	// traces (µV), HNN-core's voltage_offset.
	OffsetUV float64
	// ScaleBarUV is the height of the voltage scale bar (µV), HNN-core's
	// voltage_scalebar.
	ScaleBarUV float64
	// LabelEvery labels the depth of every LabelEvery-th contact,
	// counting from the deepest (HNN-core labels every third); the others
	// get unlabelled ticks.
	LabelEvery int
	// Decim are decimation factors applied in turn to the traces (the
	// potentials and the dipole, not the CSD) before drawing, as
	// HNN-core's decim (lfp.Decimate); nil draws every sample.
	Decim []int
	// CSDMaxAbs, if positive, fixes the CSD colour scale to ±CSDMaxAbs
	// µV/µm²; 0 takes the largest |CSD|, as HNN-core.
	CSDMaxAbs float64
	// RasterTypes, if not empty, are the spike types the raster of
	// LFPFigure draws (HNN-core draws the four cell types, not the
	// drives); empty draws every type present.
	RasterTypes []string
}

// DefaultLFPOptions returns HNN-core's settings: traces 50 µV apart, a
// 200 µV scale bar, every third depth labelled, no decimation, a CSD
// colour scale of ± its largest magnitude, every spike type.
func DefaultLFPOptions() LFPOptions {
	return LFPOptions{OffsetUV: 50, ScaleBarUV: 200, LabelEvery: 3}
}

func (o LFPOptions) check() error {
	switch {
	case !(o.OffsetUV > 0) || math.IsInf(o.OffsetUV, 0):
		return fmt.Errorf("plot: LFP: trace offset %v µV must be positive", o.OffsetUV)
	case !(o.ScaleBarUV > 0) || math.IsInf(o.ScaleBarUV, 0):
		return fmt.Errorf("plot: LFP: scale bar %v µV must be positive", o.ScaleBarUV)
	case o.LabelEvery < 1:
		return fmt.Errorf("plot: LFP: LabelEvery %d must be at least 1", o.LabelEvery)
	case !(o.CSDMaxAbs >= 0) || math.IsInf(o.CSDMaxAbs, 0):
		return fmt.Errorf("plot: CSD: colour scale ±%v must be positive (or 0 for automatic)", o.CSDMaxAbs)
	}
	return nil
}

// depthLabel is the axis label of contact depths. HNN-core's "depth" is
// the contacts' z, the height above the layer-5 somata: superficial up.
const depthLabel = "electrode depth (µm)"

// depthOrder returns the contacts' indices from the deepest (smallest z)
// to the most superficial, or an error unless the depths are finite and
// distinct.
func depthOrder(depthsUm []float64) ([]int, error) {
	idx := make([]int, len(depthsUm))
	for i, z := range depthsUm {
		if math.IsNaN(z) || math.IsInf(z, 0) {
			return nil, fmt.Errorf("plot: contact %d at depth %v µm", i, z)
		}
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return depthsUm[idx[a]] < depthsUm[idx[b]] })
	for k := 1; k < len(idx); k++ {
		if depthsUm[idx[k]] == depthsUm[idx[k-1]] {
			return nil, fmt.Errorf("plot: contacts %d and %d both at depth %v µm", idx[k-1], idx[k], depthsUm[idx[k]])
		}
	}
	return idx, nil
}

// checkGrid checks that rows is [len(depthsUm)][len(timesMs)] and that
// the times increase.
func checkGrid(what string, timesMs []float64, rows [][]float64, depthsUm []float64) error {
	if len(rows) != len(depthsUm) || len(rows) == 0 {
		return fmt.Errorf("plot: %s: %d contacts for %d depths", what, len(rows), len(depthsUm))
	}
	if len(timesMs) < 2 {
		return fmt.Errorf("plot: %s: %d samples, need at least 2", what, len(timesMs))
	}
	for i, r := range rows {
		if len(r) != len(timesMs) {
			return fmt.Errorf("plot: %s: contact %d has %d samples for %d times", what, i, len(r), len(timesMs))
		}
	}
	for i := 1; i < len(timesMs); i++ {
		if !(timesMs[i] > timesMs[i-1]) {
			return fmt.Errorf("plot: %s: times must increase (sample %d at %v ms, %d at %v ms)", what, i-1, timesMs[i-1], i, timesMs[i])
		}
	}
	return nil
}

// traceColors returns one colour per contact, from the deepest (rank 0)
// to the most superficial: Kindlmann's perceptually uniform sequential
// map (dark violet, blue, green, ochre), cut to luminance 10-70% so that
// every trace stands out on white. HNN-core uses cividis, which gonum
// lacks; both map depth to luminance monotonically.
func traceColors(n int) []color.Color {
	cm := moreland.Kindlmann()
	cm.SetMin(0)
	cm.SetMax(1)
	cs := make([]color.Color, n)
	for k := range cs {
		v := 0.1
		if n > 1 {
			v += 0.6 * float64(k) / float64(n-1)
		}
		c, err := cm.At(v)
		if err != nil { // v is within [0, 1]
			panic("plot: " + err.Error())
		}
		cs[k] = c
	}
	return cs
}

// depthTicks returns a tick at each of positions (from the deepest
// contact up), labelled with the depth of every every-th one.
func depthTicks(positions, depthsUm []float64, order []int, every int) gplot.ConstantTicks {
	ticks := make(gplot.ConstantTicks, len(order))
	for k, i := range order {
		ticks[k].Value = positions[k]
		if k%every == 0 {
			ticks[k].Label = fmt.Sprintf("%g", depthsUm[i])
		}
	}
	return ticks
}

// LaminarLFP draws the potentials of a laminar array (µV, [contact][sample])
// against time, as HNN-core's plot_laminar_lfp: one trace per contact,
// shifted up by OffsetUV per contact from the deepest (at 0) to the most
// superficial, coloured by depth, with the contacts' depths as y ticks and
// a vertical scale bar of ScaleBarUV µV beside the panel (HNN-core draws
// it inside the axes' upper-left corner, where it crosses the traces).
// The y range is HNN-core's, from -OffsetUV to n × OffsetUV; excursions
// beyond it are clipped. Traces are decimated by o.Decim first.
func LaminarLFP(timesMs []float64, potentialsUV [][]float64, depthsUm []float64, o LFPOptions, title string) (*Figure, error) {
	p, bar, err := laminarLFP(timesMs, potentialsUV, depthsUm, o)
	if err != nil {
		return nil, err
	}
	p.Title.Text = title
	return &Figure{Panels: [][]*gplot.Plot{{p}}, Side: []*gplot.Plot{bar}}, nil
}

func laminarLFP(timesMs []float64, potentialsUV [][]float64, depthsUm []float64, o LFPOptions) (p, bar *gplot.Plot, err error) {
	if err := o.check(); err != nil {
		return nil, nil, err
	}
	if err := checkGrid("LFP", timesMs, potentialsUV, depthsUm); err != nil {
		return nil, nil, err
	}
	order, err := depthOrder(depthsUm)
	if err != nil {
		return nil, nil, err
	}
	ts, data, err := lfp.Decimate(timesMs, potentialsUV, o.Decim)
	if err != nil {
		return nil, nil, fmt.Errorf("plot: LFP: %w", err)
	}
	n := len(order)
	p = gplot.New()
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = depthLabel
	p.Add(verticalGrid{})
	colours := traceColors(n)
	offsets := make([]float64, n)
	for k, i := range order {
		offsets[k] = float64(k) * o.OffsetUV
		ys := make([]float64, len(ts))
		for s, v := range data[i] {
			ys[s] = v + offsets[k]
		}
		l, err := line(ts, ys, colours[k], 0.8)
		if err != nil {
			return nil, nil, fmt.Errorf("plot: LFP contact %d: %w", i, err)
		}
		p.Add(l)
	}
	// Limits after Add, which widens them to the data.
	p.X.Min, p.X.Max = timesMs[0], timesMs[len(timesMs)-1]
	p.X.Tick.Marker = timeTicks{}
	p.Y.Min, p.Y.Max = -o.OffsetUV, float64(n)*o.OffsetUV
	p.Y.Tick.Marker = depthTicks(offsets, depthsUm, order, o.LabelEvery)
	bar = scaleBar(p.Y.Min, p.Y.Max, o.ScaleBarUV, "µV")
	return p, bar, nil
}

// scaleBar returns a side plot with the y range [lo, hi] of its row that
// draws a vertical bar of height size at the top and labels it.
func scaleBar(lo, hi, size float64, unit string) *gplot.Plot {
	p := gplot.New()
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min, p.Y.Max = lo, hi
	top := hi - 0.02*(hi-lo)
	p.Add(scaleBarPlotter{top: top, size: size, label: fmt.Sprintf("%g %s", size, unit)})
	return p
}

// scaleBarPlotter draws a vertical bar from top-size to top at the left
// of its canvas, labelled at its middle on the right.
type scaleBarPlotter struct {
	top, size float64
	label     string
}

func (s scaleBarPlotter) Plot(c draw.Canvas, plt *gplot.Plot) {
	_, trY := plt.Transforms(&c)
	x := c.Min.X + vg.Points(6)
	y0, y1 := trY(s.top-s.size), trY(s.top)
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(2)}, x, y0, x, y1)
	sty := draw.TextStyle{Color: color.Black, Font: plt.Y.Label.TextStyle.Font, Handler: plt.Y.Label.TextStyle.Handler, YAlign: draw.YCenter}
	c.FillText(sty, vg.Point{X: x + vg.Points(4), Y: (y0 + y1) / 2}, s.label)
}

// verticalGrid draws light vertical lines at the time ticks (timeTicks),
// as HNN-core's example adds to its LFP panel (ax.grid(axis='x')); it
// does not use the axis' own marker, so panels whose time labels are
// hidden still get their grid.
type verticalGrid struct{}

func (verticalGrid) Plot(c draw.Canvas, plt *gplot.Plot) {
	trX, _ := plt.Transforms(&c)
	sty := draw.LineStyle{Color: color.Gray{Y: 210}, Width: vg.Points(0.5)}
	for _, tk := range (timeTicks{}).Ticks(plt.X.Min, plt.X.Max) {
		if x := trX(tk.Value); x >= c.Min.X && x <= c.Max.X {
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		}
	}
}

// csdImageSize is the resolution of the CSD image (time × depth pixels)
// before the renderer scales it to the panel.
const csdImageW, csdImageH = 1000, 300

// CSD draws a current source density (µV/µm², [contact][sample]) as a
// colour map over time (x) and depth (y), as HNN-core's plot_laminar_csd,
// with a colour bar. The colour map is Moreland's cool-warm (gonum's
// moreland.SmoothBlueRed), symmetric about 0: sinks (negative CSD) blue,
// sources red, as HNN-core's default sink="b", and 0 a neutral light grey.
// HNN-core uses jet, whose luminance rises and falls and so paints
// boundaries that are not in the data and hides the sign of small values;
// a diverging map with a neutral middle shows sign and magnitude
// directly. The scale is ±o.CSDMaxAbs, or ± the largest |CSD|.
//
// The grid is displayed bilinearly interpolated between contacts in depth
// and between samples in time, from the first to the last contact and
// sample (HNN-core interpolates with a bicubic spline,
// RectBivariateSpline, for display only). Every contact's depth is a y
// tick, every o.LabelEvery-th from the deepest labelled. Times are in ms
// (HNN-core's axis says s but plots ms).
func CSD(timesMs []float64, csd [][]float64, depthsUm []float64, o LFPOptions, title string) (*Figure, error) {
	p, bar, err := csdPanel(timesMs, csd, depthsUm, o)
	if err != nil {
		return nil, err
	}
	p.Title.Text = title
	return &Figure{Panels: [][]*gplot.Plot{{p}}, Side: []*gplot.Plot{bar}}, nil
}

func csdPanel(timesMs []float64, csd [][]float64, depthsUm []float64, o LFPOptions) (p, bar *gplot.Plot, err error) {
	if err := o.check(); err != nil {
		return nil, nil, err
	}
	if err := checkGrid("CSD", timesMs, csd, depthsUm); err != nil {
		return nil, nil, err
	}
	order, err := depthOrder(depthsUm)
	if err != nil {
		return nil, nil, err
	}
	if len(order) < 2 {
		return nil, nil, fmt.Errorf("plot: CSD: %d contact, need at least 2", len(order))
	}
	scale := o.CSDMaxAbs
	if scale == 0 {
		for _, r := range csd {
			for _, v := range r {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, nil, fmt.Errorf("plot: CSD: a value of %v", v)
				}
				scale = math.Max(scale, math.Abs(v))
			}
		}
		if scale == 0 {
			scale = 1 // all zero: any symmetric scale shows it
		}
	}
	zs := make([]float64, len(order))
	rows := make([][]float64, len(order))
	for k, i := range order {
		zs[k], rows[k] = depthsUm[i], csd[i]
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(-scale)
	cm.SetMax(scale)
	img := csdImage(timesMs, zs, rows, scale, cm.Palette(255).Colors())
	t0, t1 := timesMs[0], timesMs[len(timesMs)-1]
	p = gplot.New()
	p.X.Label.Text = "time (ms)"
	p.Y.Label.Text = depthLabel
	p.Add(plotter.NewImage(img, t0, zs[0], t1, zs[len(zs)-1]))
	p.X.Min, p.X.Max = t0, t1
	p.X.Tick.Marker = timeTicks{}
	p.Y.Min, p.Y.Max = zs[0], zs[len(zs)-1]
	p.X.Padding, p.Y.Padding = 0, 0
	p.Y.Tick.Marker = depthTicks(zs, depthsUm, order, o.LabelEvery)

	bar = gplot.New()
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.X.Padding, bar.Y.Padding = 0, 0
	bar.Y.Label.Text = "CSD (µV/µm²)"
	return p, bar, nil
}

// csdImage renders rows ([contact][sample], contacts at increasing zs) as
// an image of csdImageW × csdImageH pixels spanning times[0]..times[-1]
// and zs[0]..zs[-1], each pixel the bilinear interpolation at its centre,
// coloured from colours over [-scale, scale] (values beyond are clipped).
func csdImage(times, zs []float64, rows [][]float64, scale float64, colours []color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, csdImageW, csdImageH))
	// Interpolation index and weight of each column (time) and row (depth).
	type lerp struct {
		i int
		w float64
	}
	at := func(xs []float64, x float64) lerp {
		i := sort.SearchFloat64s(xs, x) - 1 // xs[i] < x <= xs[i+1]
		i = min(max(i, 0), len(xs)-2)
		return lerp{i, (x - xs[i]) / (xs[i+1] - xs[i])}
	}
	cols := make([]lerp, csdImageW)
	t0, t1 := times[0], times[len(times)-1]
	for c := range cols {
		cols[c] = at(times, t0+(float64(c)+0.5)/csdImageW*(t1-t0))
	}
	z0, z1 := zs[0], zs[len(zs)-1]
	for r := range csdImageH {
		// Image row 0 is the top: the most superficial.
		d := at(zs, z1-(float64(r)+0.5)/csdImageH*(z1-z0))
		lo, hi := rows[d.i], rows[d.i+1]
		for c, t := range cols {
			a := lo[t.i] + t.w*(lo[t.i+1]-lo[t.i])
			b := hi[t.i] + t.w*(hi[t.i+1]-hi[t.i])
			v := a + d.w*(b-a)
			k := int(math.Round((v/scale + 1) / 2 * float64(len(colours)-1)))
			img.Set(c, r, colours[min(max(k, 0), len(colours)-1)])
		}
	}
	return img
}

// LFPData is the plain data of the four-panel figure of HNN-core's
// extracellular-recording example: the aggregate dipole, the laminar
// potentials, the spikes and the CSD, on one time base.
type LFPData struct {
	// TimesMs are the sample times of Dipole, PotentialsUV and CSD.
	TimesMs []float64
	// Dipole is the aggregate current dipole (HNN-core's example smooths
	// it with a 10 ms Hamming window), in DipoleUnit ("nAm", "fAm").
	Dipole     []float64
	DipoleUnit string
	// DepthsUm are the contacts' depths (z, µm), one per row of
	// PotentialsUV and CSD.
	DepthsUm []float64
	// PotentialsUV are the extracellular potentials (µV,
	// [contact][sample]; the example smooths them as the dipole).
	PotentialsUV [][]float64
	// CSD is the current source density (µV/µm², [contact][sample]), as
	// lfp.CSD2D of the smoothed potentials.
	CSD [][]float64
	// SpikeTimesMs, SpikeGIDs and SpikeTypes are the spikes of one trial.
	SpikeTimesMs []float64
	SpikeGIDs    []int
	SpikeTypes   []string
}

// LFPFigure draws the four panels of HNN-core's
// plot_record_extracellular_potentials.py stacked on one time axis, in
// its height ratios 1:3:3:3: the aggregate dipole, the laminar potentials
// (LaminarLFP, with its scale bar at the right), the spike raster (types
// in o.RasterTypes, or all; cells with low gids at the top, so that the
// layer-2/3 types lie above layer 5 as in the depth axes) and the CSD
// (CSD, with its colour bar at the right). The dipole and potentials are
// decimated by o.Decim; the CSD is drawn at its full resolution, as
// HNN-core. Only the bottom panel labels the time axis.
func LFPFigure(d LFPData, o LFPOptions, title string) (*Figure, error) {
	if len(d.Dipole) != len(d.TimesMs) {
		return nil, fmt.Errorf("plot: LFP figure: %d dipole samples for %d times", len(d.Dipole), len(d.TimesMs))
	}
	if d.DipoleUnit == "" {
		return nil, fmt.Errorf("plot: LFP figure: the dipole has no unit")
	}
	if len(d.SpikeGIDs) != len(d.SpikeTimesMs) || len(d.SpikeTypes) != len(d.SpikeTimesMs) {
		return nil, fmt.Errorf("plot: LFP figure: %d spike times, %d gids, %d types", len(d.SpikeTimesMs), len(d.SpikeGIDs), len(d.SpikeTypes))
	}
	lfpPanel, scale, err := laminarLFP(d.TimesMs, d.PotentialsUV, d.DepthsUm, o)
	if err != nil {
		return nil, err
	}
	csdP, colourBar, err := csdPanel(d.TimesMs, d.CSD, d.DepthsUm, o)
	if err != nil {
		return nil, err
	}
	t0, t1 := d.TimesMs[0], d.TimesMs[len(d.TimesMs)-1]

	ts, dpl, err := lfp.Decimate(d.TimesMs, [][]float64{d.Dipole}, o.Decim)
	if err != nil {
		return nil, fmt.Errorf("plot: LFP figure: dipole: %w", err)
	}
	dp := gplot.New()
	dp.Y.Label.Text = "dipole (" + d.DipoleUnit + ")"
	dp.Add(verticalGrid{})
	l, err := line(ts, dpl[0], color.Black, 1.2)
	if err != nil {
		return nil, err
	}
	dp.Add(l)

	var st []float64
	var sg []int
	var sty []string
	for i, t := range d.SpikeTimesMs {
		if t < t0 || t > t1 || (len(o.RasterTypes) > 0 && !slices.Contains(o.RasterTypes, d.SpikeTypes[i])) {
			continue
		}
		st, sg, sty = append(st, t), append(sg, d.SpikeGIDs[i]), append(sty, d.SpikeTypes[i])
	}
	raster, err := Raster(st, sg, sty, make([]int, len(st)), 0, "")
	if err != nil {
		return nil, err
	}
	raster.Y.Scale = gplot.InvertedScale{Normalizer: gplot.LinearScale{}}
	raster.Y.Label.Text = "cell (gid)"

	panels := []*gplot.Plot{dp, lfpPanel, raster, csdP}
	dp.Title.Text = "aggregate dipole"
	if title != "" {
		dp.Title.Text = title + ": aggregate dipole"
	}
	lfpPanel.Title.Text = "extracellular potential"
	raster.Title.Text = "spikes"
	csdP.Title.Text = "current source density"
	for i, p := range panels {
		p.X.Min, p.X.Max = t0, t1
		p.X.Tick.Marker = timeTicks{}
		if i < len(panels)-1 {
			p.X.Label.Text = ""
			p.X.Tick.Marker = unlabelled{}
		}
	}
	return &Figure{
		Panels:     [][]*gplot.Plot{{dp}, {lfpPanel}, {raster}, {csdP}},
		RowHeights: []float64{1, 3, 3, 3},
		Side:       []*gplot.Plot{nil, scale, nil, colourBar},
	}, nil
}

// timeTicks marks a time axis every 1, 2 or 5 × 10^k, the step nearest
// (in ratio) to an eighth of the range: 20 ms over 170 ms, where gonum's
// default marks only every 80 ms.
type timeTicks struct{}

func (timeTicks) Ticks(lo, hi float64) []gplot.Tick { return stepTicks(lo, hi, 8) }

// stepTicks marks [lo, hi] every 1, 2 or 5 × 10^k, the step nearest (in
// ratio) to an n-th of the range.
func stepTicks(lo, hi float64, n int) []gplot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return (gplot.DefaultTicks{}).Ticks(lo, hi)
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{2, 5, 10} {
		if math.Abs(math.Log(m*mag/raw)) < math.Abs(math.Log(step/raw)) {
			step = m * mag
		}
	}
	var ticks []gplot.Tick
	for k := math.Ceil(lo / step); k*step <= hi; k++ {
		v := k*step + 0 // + 0 turns -0 into 0
		ticks = append(ticks, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 6, 64)})
	}
	return ticks
}

// unlabelled is timeTicks without labels, for the time axes of panels
// stacked above the one that labels it.
type unlabelled struct{}

func (unlabelled) Ticks(lo, hi float64) []gplot.Tick {
	ticks := (timeTicks{}).Ticks(lo, hi)
	for i := range ticks {
		ticks[i].Label = ""
	}
	return ticks
}
