package output

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/lfp"
	"github.com/laminasim/lamina/morph"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
)

// figureKind is one figure that can be drawn from saved outputs.
type figureKind struct {
	name, file, what string
	// avail returns "" when the outputs allow the figure, else why not.
	avail         func(s *Saved) string
	draw          func(s *Saved, opt Options) (*plot.Figure, error)
	width, height vg.Length
	// perArray draws one figure per electrode array, file_<array>.
	perArray bool
}

// Options are the settings of Render.
type Options struct {
	// Trial is the trial of the raster and of the trace figures.
	Trial int
	// array is the electrode array a per-array figure draws.
	array int
}

func needDipole(s *Saved) string {
	if len(s.Dipoles) == 0 {
		return "the run has no dipole (no population has a dipole layer)"
	}
	return ""
}

func needCells(s *Saved) string {
	if s.Network == nil || !slices.ContainsFunc(s.Ranges, func(r record.Range) bool { return r.Kind == record.KindCell }) {
		return "the run has no cable cells (or no model file to draw them from)"
	}
	return ""
}

func needDrives(s *Saved) string {
	if len(s.driveNames()) == 0 {
		return "the run has no drives"
	}
	return ""
}

func always(*Saved) string { return "" }

// figureKinds lists the figures in the order Render draws them.
func figureKinds() []figureKind {
	return []figureKind{
		{name: "dipole", file: "dipole", what: "current dipole by layer: every trial and their mean", avail: needDipole, draw: drawDipole, width: 720, height: 480},
		{name: "raster", file: "raster", what: "spike raster of one trial (--trial), coloured by population and drive; for point networks, population rates above every 40th neuron (SNN.jl's figure)", avail: always, draw: drawRaster, width: 720, height: 480},
		{name: "spike-hist", file: "spike_hist", what: "histogram of drive spike times by drive, per trial", avail: needDrives, draw: drawSpikeHist, width: 720, height: 300},
		{name: "psd", file: "psd", what: "power spectral density of the dipole by layer (Welch, Hamming, mean over trials)", avail: needDipole, draw: drawPSD, width: 600, height: 360},
		{name: "tfr", file: "tfr", what: "Morlet time-frequency power of the aggregate dipole (5-100 Hz, n_cycles f/8, decimated to about 1 kHz), mean over trials", avail: needDipole, draw: drawTFR, width: 720, height: 360},
		{name: "positions", file: "positions", what: "cell positions on the grid by type", avail: needCells, draw: drawPositions, width: 600, height: 400},
		{name: "connectivity", file: "connectivity", what: "NetCons from each cell type and drive to each cell type", avail: needCells, draw: drawConnectivity, width: 640, height: 420},
		{name: "morphology", file: "morphology", what: "each cell type's sections projected on the x-z plane", avail: needMorphology, draw: drawMorphology, width: 900, height: 420},
		{name: "group-rates", file: "group_rates", what: "cable networks without a dipole: each cell population's rate in 1 ms bins (the NEURON tutorial's figure)", avail: needTutorial(false), draw: drawTutorial("rates"), width: 720, height: 360},
		{name: "spectrogram", file: "spectrogram", what: "cable networks of exc/inh cells: spectrogram of the population spike count (the NEURON tutorial's figure)", avail: needTutorial(true), draw: drawTutorial("spectrogram"), width: 720, height: 360},
		{name: "patterns", file: "patterns", what: "point populations with v and w monitored (AdEx): each one's potential with spikes and adaptation current", avail: needPatterns, draw: drawPatterns, width: 720, height: 900},
		{name: "conductances", file: "conductances", what: "a point neuron with v, ge and gi monitored under Poisson input: inputs, synaptic currents, potential (SNN.jl's high-conductance figure)", avail: needConductances, draw: drawConductances, width: 800, height: 900},
		{name: "traces", file: "traces", what: "every other monitored point variable, one panel per unit (potentials with spikes, currents, conductances)", avail: needTraces, draw: drawTraces, width: 800, height: 700},
		{name: "lfp", file: "lfp", what: "each laminar electrode array's potentials, one trace per contact by depth (plot_lfp), smoothed by output.lfp_smooth_ms", avail: needLaminar, draw: drawLFP, width: 720, height: 560, perArray: true},
		{name: "csd", file: "csd", what: "each laminar array's current source density over time and depth (plot_csd), with a colour bar", avail: needLaminar, draw: drawCSD, width: 720, height: 420, perArray: true},
		{name: "lfp-summary", file: "lfp_summary", what: "the extracellular example's four panels for the first laminar array: dipole, potentials, raster, CSD", avail: needLaminarDipole, draw: drawLFPSummary, width: 720, height: 960},
	}
}

// FigureNames lists the kinds of figure, comma-separated.
func FigureNames() string {
	var n []string
	for _, k := range figureKinds() {
		n = append(n, k.name)
	}
	return strings.Join(n, ", ")
}

// FigureHelp describes every kind of figure, one per line.
func FigureHelp() string {
	var b strings.Builder
	for _, k := range figureKinds() {
		fmt.Fprintf(&b, "  %-13s %s\n", k.name, k.what)
	}
	return b.String()
}

// Render draws the named kinds ("all": every kind the outputs allow) from
// the outputs in dir into dir, in format (png or svg), and returns the
// files written. A named kind the outputs do not allow is an error that
// says why.
func Render(dir string, names []string, format string, opt Options) ([]string, error) {
	if err := checkFigures(names, format); err != nil {
		return nil, err
	}
	s, err := Load(dir)
	if err != nil {
		return nil, err
	}
	return s.Render(names, format, opt)
}

func checkFigures(names []string, format string) error {
	if format != "png" && format != "svg" {
		return fmt.Errorf("format %q: want png or svg", format)
	}
	for _, n := range names {
		if n != "all" && !slices.ContainsFunc(figureKinds(), func(k figureKind) bool { return k.name == n }) {
			return fmt.Errorf("unknown figure %q (known: all, %s)", n, FigureNames())
		}
	}
	return nil
}

// Render is the package's Render for outputs already loaded: it draws
// into s.Dir.
func (s *Saved) Render(names []string, format string, opt Options) ([]string, error) {
	if err := checkFigures(names, format); err != nil {
		return nil, err
	}
	dir := s.Dir
	if opt.Trial < 0 || opt.Trial >= s.Trials {
		return nil, fmt.Errorf("trial %d: the outputs hold trials 0 to %d", opt.Trial, s.Trials-1)
	}
	all := slices.Contains(names, "all")
	var written []string
	for _, k := range figureKinds() {
		if !all && !slices.Contains(names, k.name) {
			continue
		}
		if why := k.avail(s); why != "" {
			if all {
				continue
			}
			return nil, fmt.Errorf("figure %s: %s", k.name, why)
		}
		files := []string{k.file}
		var arrays []int
		if k.perArray {
			files = nil
			for i, a := range s.laminarArrays() {
				files = append(files, k.file+"_"+s.Potentials[opt.Trial][a].Array)
				arrays = append(arrays, i)
			}
		}
		for i, base := range files {
			o := opt
			if k.perArray {
				o.array = arrays[i]
			}
			f, err := k.draw(s, o)
			if err != nil {
				return nil, fmt.Errorf("figure %s: %w", k.name, err)
			}
			file := base + "." + format
			if err := plot.SaveFigure(f, filepath.Join(dir, file), k.width, k.height); err != nil {
				return nil, err
			}
			written = append(written, file)
		}
	}
	return written, nil
}

func drawDipole(s *Saved, _ Options) (*plot.Figure, error) {
	return plot.DipoleTrials(s.Dipoles, s.Title("current dipole"))
}

func drawRaster(s *Saved, opt Options) (*plot.Figure, error) {
	title := s.Title(fmt.Sprintf("spikes, trial %d", opt.Trial))
	if s.pointOnly() {
		return plot.PointNetwork(s.Spikes.Trial(opt.Trial), s.Ranges, 0, s.TStopMs, 10, rasterEvery(s.Ranges), title)
	}
	p, err := plot.Raster(s.Spikes.TimesMs, s.Spikes.GIDs, s.Spikes.Types, s.Spikes.Trials, opt.Trial, title)
	if err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = 0, s.TStopMs
	return plot.Single(p), nil
}

// pointOnly reports whether the run's neurons are all point neurons.
func (s *Saved) pointOnly() bool {
	return !slices.ContainsFunc(s.Ranges, func(r record.Range) bool { return r.Kind == record.KindCell || r.Kind == record.KindDrive })
}

// rasterEvery draws every neuron of small networks and about 500 rows of
// large ones (SNN.jl draws every 40th of its 10,000).
func rasterEvery(rs record.Ranges) int {
	n := 0
	for _, r := range rs.Neurons() {
		n += r.N
	}
	return max(1, n/500)
}

// driveNames returns the drives in the model, or without a model every
// spike type that does not look like a cell population.
func (s *Saved) driveNames() []string {
	var names []string
	if len(s.Ranges) > 0 {
		for _, r := range s.Ranges {
			if r.Kind == record.KindDrive && r.N > 0 {
				names = append(names, r.Name)
			}
		}
		return names
	}
	for _, t := range s.Spikes.Types {
		if !slices.Contains(names, t) && !strings.Contains(t, "pyramidal") && !strings.Contains(t, "basket") {
			names = append(names, t)
		}
	}
	return names
}

func drawSpikeHist(s *Saved, _ Options) (*plot.Figure, error) {
	names := s.driveNames()
	// 50 bins over the run, as HNN-core's plot_spikes_hist
	p, err := plot.SpikeHistogram(s.Spikes.TimesMs, s.Spikes.Types, s.Trials, names, 0, s.TStopMs, s.TStopMs/50, s.Title("drive spikes"))
	if err != nil {
		return nil, err
	}
	return plot.Single(p), nil
}

// psdMaxHz is the highest frequency the PSD figure shows.
const psdMaxHz = 100

func drawPSD(s *Saved, _ Options) (*plot.Figure, error) {
	d0 := s.Dipoles[0]
	fs := d0.SampleRateHz()
	n := len(d0.TimesMs)
	// segments of 500 ms (2 Hz resolution) when the run is long enough,
	// else the whole run
	nperseg := min(n, int(math.Round(fs*0.5)))
	mean := map[string][]float64{}
	var freqs []float64
	for _, d := range s.Dipoles {
		for _, l := range d.Layers {
			f, p, err := analysis.Welch(d.Data[l], fs, nperseg, nperseg/2, "hamming")
			if err != nil {
				return nil, err
			}
			freqs = f
			if mean[l] == nil {
				mean[l] = make([]float64, len(p))
			}
			for i := range p {
				mean[l][i] += p[i] / float64(len(s.Dipoles))
			}
		}
	}
	k := 0
	for k < len(freqs) && freqs[k] <= psdMaxHz {
		k++
	}
	for l := range mean {
		mean[l] = mean[l][:k]
	}
	p, err := plot.PSD(freqs[:k], mean, d0.Layers, d0.Unit,
		s.Title(fmt.Sprintf("PSD (Welch, %.0f ms segments)", float64(nperseg)/fs*1000)))
	if err != nil {
		return nil, err
	}
	return plot.Single(p), nil
}

// decimation splits the factor that brings fs down to about 1 kHz into
// factors of at most 13, as scipy.signal.decimate advises; the last is
// applied by MorletPower.
func decimation(fs float64) []int {
	q := int(fs / 1000)
	var out []int
	for q > 1 {
		f := 0
		for c := 13; c >= 2; c-- {
			if q%c == 0 {
				f = c
				break
			}
		}
		if f == 0 { // a prime above 13: decimate a little less
			q--
			continue
		}
		out = append(out, f)
		q /= f
	}
	if len(out) == 0 {
		return []int{1}
	}
	return out
}

func drawTFR(s *Saved, _ Options) (*plot.Figure, error) {
	var freqs, cycles []float64
	// n_cycles f/8, as HNN-core's gallery, makes every wavelet about 200
	// ms long (±5σ, σ = 1/16π s); a shorter run gets fewer cycles so
	// that the wavelet fits the zero-padded signal (3 run lengths).
	padS := 3 * (s.Dipoles[0].TimesMs[len(s.Dipoles[0].TimesMs)-1] - s.Dipoles[0].TimesMs[0]) / 1000
	for f := 5.0; f <= 100; f++ {
		freqs = append(freqs, f)
		cycles = append(cycles, min(f/8, 0.9*2*math.Pi*f*padS/10))
	}
	var mean [][]float64
	var times []float64
	for _, d := range s.Dipoles {
		x := d.Data[dipole.LayerAgg]
		if x == nil {
			x = d.Data[d.Layers[0]]
		}
		fs := d.SampleRateHz()
		qs := decimation(fs)
		step := 1
		for _, q := range qs[:len(qs)-1] {
			var err error
			if x, err = analysis.Decimate(x, q); err != nil {
				return nil, err
			}
			fs /= float64(q)
			step *= q
		}
		last := qs[len(qs)-1]
		step *= last
		pw, err := analysis.MorletPower(x, fs, freqs, cycles, last)
		if err != nil {
			return nil, err
		}
		if mean == nil {
			mean = make([][]float64, len(pw))
			for i := range mean {
				mean[i] = make([]float64, len(pw[i]))
			}
			for j := range pw[0] {
				times = append(times, d.TimesMs[j*step])
			}
		}
		for i := range pw {
			for j := range pw[i] {
				mean[i][j] += pw[i][j] / float64(len(s.Dipoles))
			}
		}
	}
	return plot.TFR(times, freqs, mean, s.Dipoles[0].Unit, s.Title("time-frequency power of the aggregate dipole"))
}

func drawPositions(s *Saved, _ Options) (*plot.Figure, error) {
	p, err := plot.Positions(s.Network, s.Title("cell positions"))
	if err != nil {
		return nil, err
	}
	return plot.Single(p), nil
}

func drawConnectivity(s *Saved, _ Options) (*plot.Figure, error) {
	return plot.Connectivity(s.Network, s.Title("connections (NetCons)"))
}

// needTutorial allows the NEURON tutorial's figures: cable networks
// without a dipole; the spectrogram also needs populations named exc and
// inh.
func needTutorial(spectrogram bool) func(s *Saved) string {
	return func(s *Saved) string {
		if why := needCells(s); why != "" {
			return why
		}
		if len(s.Dipoles) > 0 {
			return "the run has a dipole: its own figures (dipole, psd, tfr) show it"
		}
		if spectrogram {
			_, e := s.Ranges.Named("exc")
			_, i := s.Ranges.Named("inh")
			if !e && !i {
				return "the network has no population named exc or inh"
			}
		}
		return ""
	}
}

// drawTutorial draws one of the NEURON tutorial's figures (plot.TutorialFigures)
// of trial --trial, for networks without a dipole.
func drawTutorial(key string) func(s *Saved, opt Options) (*plot.Figure, error) {
	return func(s *Saved, opt Options) (*plot.Figure, error) {
		var times []float64
		var gids []int
		var types []string
		for i, tr := range s.Spikes.Trials {
			if tr == opt.Trial {
				times, gids, types = append(times, s.Spikes.TimesMs[i]), append(gids, s.Spikes.GIDs[i]), append(types, s.Spikes.Types[i])
			}
		}
		var groups []record.Range
		for _, r := range s.Ranges {
			if r.Kind == record.KindCell {
				groups = append(groups, r)
			}
		}
		figs, err := plot.TutorialFigures(times, gids, types, groups, s.TStopMs, s.Title(fmt.Sprintf("trial %d", opt.Trial)))
		if err != nil {
			return nil, err
		}
		return figs[key], nil
	}
}

// needMorphology allows the morphology figure: cells with 3-D shapes.
func needMorphology(s *Saved) string {
	if why := needCells(s); why != "" {
		return why
	}
	for _, pop := range s.Network.Populations {
		if pop.Cell != nil && !slices.ContainsFunc(pop.Cell.Sections, func(sec morph.Section) bool { return sec.Ends == nil }) {
			return ""
		}
	}
	return "no cell type has a 3-D shape (every section's ends_um)"
}

func drawMorphology(s *Saved, _ Options) (*plot.Figure, error) {
	var cells []*cell.Cell
	var names []string
	for _, pop := range s.Network.Populations {
		if pop.Cell == nil || slices.ContainsFunc(pop.Cell.Sections, func(sec morph.Section) bool { return sec.Ends == nil }) {
			continue // no 3-D shape to draw
		}
		cells, names = append(cells, pop.Cell), append(names, pop.Name)
	}
	return plot.Morphologies(cells, names, "")
}

// seriesOf returns the monitored series of trial k by population, in
// file order, and the populations in order of first appearance.
func (s *Saved) seriesOf(k int) (map[string]map[string]*record.Series, []string) {
	by := map[string]map[string]*record.Series{}
	var order []string
	if k < 0 || k >= len(s.Series) {
		return by, nil
	}
	for i := range s.Series[k] {
		ser := &s.Series[k][i]
		if by[ser.Population] == nil {
			by[ser.Population] = map[string]*record.Series{}
			order = append(order, ser.Population)
		}
		if _, dup := by[ser.Population][ser.Variable]; !dup {
			by[ser.Population][ser.Variable] = ser
		}
	}
	return by, order
}

// claimed reports which populations the patterns and conductances
// figures show: those with v and w (AdEx), and those with v, ge and gi.
func (s *Saved) claimed(k int) (patterns, conductances []string) {
	by, order := s.seriesOf(k)
	for _, p := range order {
		vars := by[p]
		switch {
		case vars["v"] != nil && vars["w"] != nil:
			patterns = append(patterns, p)
		case vars["v"] != nil && vars["ge"] != nil && vars["gi"] != nil:
			conductances = append(conductances, p)
		}
	}
	return patterns, conductances
}

func needPatterns(s *Saved) string {
	if p, _ := s.claimed(0); len(p) == 0 {
		return "no point population has v and w monitored"
	}
	return ""
}

func needConductances(s *Saved) string {
	if _, c := s.claimed(0); len(c) == 0 {
		return "no point population has v, ge and gi monitored"
	}
	return ""
}

func needTraces(s *Saved) string {
	by, order := s.seriesOf(0)
	p, c := s.claimed(0)
	for _, pop := range order {
		if !slices.Contains(p, pop) && !slices.Contains(c, pop) && len(by[pop]) > 0 {
			return ""
		}
	}
	return "no other point variables are monitored"
}

// spikesOf returns the spike times of neuron j of population pop in
// trial k.
func (s *Saved) spikesOf(k int, pop string, j int) []float64 {
	r, ok := s.Ranges.Named(pop)
	if !ok {
		return nil
	}
	var out []float64
	for i, t := range s.Spikes.Trials {
		if t == k && s.Spikes.GIDs[i] == int(r.First)+j {
			out = append(out, s.Spikes.TimesMs[i])
		}
	}
	return out
}

func drawPatterns(s *Saved, opt Options) (*plot.Figure, error) {
	by, _ := s.seriesOf(opt.Trial)
	pops, _ := s.claimed(opt.Trial)
	var pats []plot.Pattern
	for _, p := range pops {
		v, w := by[p]["v"], by[p]["w"]
		pats = append(pats, plot.Pattern{Name: p, TimeMs: v.TimeMs, VmV: v.Data[0], WpA: w.Data[0], SpikesMs: s.spikesOf(opt.Trial, p, v.Neurons[0])})
	}
	return plot.AdExPatterns(pats, s.Title("AdEx firing patterns"))
}

func drawConductances(s *Saved, opt Options) (*plot.Figure, error) {
	by, _ := s.seriesOf(opt.Trial)
	_, pops := s.claimed(opt.Trial)
	p := pops[0]
	v, ge, gi := by[p]["v"], by[p]["ge"], by[p]["gi"]
	eExc, eInh := 0.0, -75.0 // SNN.jl's defaults, unless the model says
	if s.Spec != nil {
		net := s.Spec.Point
		if net == nil && s.Network != nil {
			net = s.Network.Point
		}
		if net != nil {
			if pop, ok := net.Population(p); ok && pop.IFCond != nil {
				eExc, eInh = pop.IFCond.EExcmV, pop.IFCond.EInhmV
			}
		}
	}
	var spikes []record.Spike
	for i, t := range s.Spikes.Trials {
		if t == opt.Trial {
			spikes = append(spikes, record.Spike{TimeMs: s.Spikes.TimesMs[i], GID: record.GID(s.Spikes.GIDs[i])})
		}
	}
	return plot.HighConductance(spikes, s.Ranges, v.TimeMs, v.Data[0], ge.Data[0], gi.Data[0], eExc, eInh, s.Title(p))
}

// drawTraces stacks the monitored variables the other figures leave out,
// the first monitored neuron of each population, one panel per unit.
func drawTraces(s *Saved, opt Options) (*plot.Figure, error) {
	by, order := s.seriesOf(opt.Trial)
	claimedP, claimedC := s.claimed(opt.Trial)
	var units []string
	panels := map[string]*record.Trace{}
	multi := len(order) > 1
	for _, pop := range order {
		if slices.Contains(claimedP, pop) || slices.Contains(claimedC, pop) {
			continue
		}
		for i := range s.Series[opt.Trial] {
			ser := &s.Series[opt.Trial][i]
			if ser.Population != pop || by[pop][ser.Variable] != ser {
				continue // another population's, or a variable monitored twice
			}
			tr := panels[ser.Unit]
			if tr == nil {
				tr = &record.Trace{TimeMs: ser.TimeMs}
				panels[ser.Unit] = tr
				units = append(units, ser.Unit)
			}
			if len(ser.TimeMs) != len(tr.TimeMs) {
				continue // another sampling interval: only the first one's
			}
			name := ser.Variable
			if multi {
				name = pop + " " + name
			}
			tr.Columns = append(tr.Columns, record.Column{Name: name, Data: ser.Data[0]})
		}
	}
	var traces []*record.Trace
	var titles, labels []string
	for i, u := range units {
		traces = append(traces, panels[u])
		title := ""
		if i == 0 {
			title = s.Title(fmt.Sprintf("trial %d", opt.Trial))
		}
		titles = append(titles, title)
		labels = append(labels, unitLabel(u))
	}
	return plot.TraceStack(traces, titles, labels)
}

// unitLabel names a panel's axis after its unit.
func unitLabel(u string) string {
	switch u {
	case "mV":
		return "potential (mV)"
	case point.UnitPA:
		return "current (pA)"
	case point.UnitNS:
		return "conductance (nS)"
	}
	return u
}

// laminarArrays returns the indices of the electrode arrays whose
// contacts lie on a line along z at equal spacing (HNN-core's laminar
// profiling).
func (s *Saved) laminarArrays() []int {
	var out []int
	if len(s.Potentials) == 0 {
		return nil
	}
	for i, p := range s.Potentials[0] {
		if _, _, err := lfp.LaminarZ(p.PositionsUm); err == nil && len(p.PositionsUm) >= lfp.MinCSDContacts {
			out = append(out, i)
		}
	}
	return out
}

func needLaminar(s *Saved) string {
	if len(s.Potentials) == 0 {
		return "the run recorded no extracellular potentials (no electrode arrays)"
	}
	if len(s.laminarArrays()) == 0 {
		return fmt.Sprintf("no electrode array is laminar (at least %d contacts, equispaced along z)", lfp.MinCSDContacts)
	}
	return ""
}

func needLaminarDipole(s *Saved) string {
	if why := needLaminar(s); why != "" {
		return why
	}
	return needDipole(s)
}

// laminar returns array a of trial k: its times, depths, potentials
// smoothed as output.lfp_smooth_ms says, and the figures' options.
func (s *Saved) laminar(k, a int) (times, depths []float64, pots [][]float64, o plot.LFPOptions, err error) {
	p := s.Potentials[k][s.laminarArrays()[a]]
	depths, _, err = lfp.LaminarZ(p.PositionsUm)
	if err != nil {
		return nil, nil, nil, o, err
	}
	pots = p.DataUV
	o = plot.DefaultLFPOptions()
	if s.Spec != nil {
		if w := s.Spec.Output.LFPSmoothMs; w > 0 {
			if pots, err = lfp.Smooth(nil, p.DataUV, p.TimeMs, w); err != nil {
				return nil, nil, nil, o, err
			}
		}
		o.Decim = s.Spec.Output.PlotDecim
	}
	return p.TimeMs, depths, pots, o, nil
}

func drawLFP(s *Saved, opt Options) (*plot.Figure, error) {
	times, depths, pots, o, err := s.laminar(opt.Trial, opt.array)
	if err != nil {
		return nil, err
	}
	name := s.Potentials[opt.Trial][s.laminarArrays()[opt.array]].Array
	return plot.LaminarLFP(times, pots, depths, o, s.Title(fmt.Sprintf("%s potentials, trial %d", name, opt.Trial)))
}

func drawCSD(s *Saved, opt Options) (*plot.Figure, error) {
	times, depths, pots, o, err := s.laminar(opt.Trial, opt.array)
	if err != nil {
		return nil, err
	}
	p := s.Potentials[opt.Trial][s.laminarArrays()[opt.array]]
	_, delta, _ := lfp.LaminarZ(p.PositionsUm)
	csd, err := lfp.CSD2D(nil, pots, delta)
	if err != nil {
		return nil, err
	}
	return plot.CSD(times, csd, depths, o, s.Title(fmt.Sprintf("%s CSD, trial %d", p.Array, opt.Trial)))
}

func drawLFPSummary(s *Saved, opt Options) (*plot.Figure, error) {
	times, depths, pots, o, err := s.laminar(opt.Trial, 0)
	if err != nil {
		return nil, err
	}
	p := s.Potentials[opt.Trial][s.laminarArrays()[0]]
	_, delta, _ := lfp.LaminarZ(p.PositionsUm)
	csd, err := lfp.CSD2D(nil, pots, delta)
	if err != nil {
		return nil, err
	}
	d := s.Dipoles[opt.Trial]
	agg := d.Data[dipole.LayerAgg]
	if agg == nil {
		agg = d.Data[d.Layers[0]]
	}
	data := plot.LFPData{TimesMs: times, Dipole: agg, DipoleUnit: d.Unit, DepthsUm: depths, PotentialsUV: pots, CSD: csd}
	for i, k := range s.Spikes.Trials {
		if k == opt.Trial {
			data.SpikeTimesMs = append(data.SpikeTimesMs, s.Spikes.TimesMs[i])
			data.SpikeGIDs = append(data.SpikeGIDs, s.Spikes.GIDs[i])
			data.SpikeTypes = append(data.SpikeTypes, s.Spikes.Types[i])
		}
	}
	for _, r := range s.Ranges {
		if r.Kind == record.KindCell || r.Kind == record.KindPoint {
			o.RasterTypes = append(o.RasterTypes, r.Name)
		}
	}
	return plot.LFPFigure(data, o, s.Title(fmt.Sprintf("%s, trial %d", p.Array, opt.Trial)))
}
