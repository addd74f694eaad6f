package spec

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/pointnet"
)

// Bytes each counted item costs, as built by the engine and kept in the
// results. They are round upper figures (the layouts they sum are named),
// good to a factor of two: enough to refuse a run a thousand times too
// large before allocating it, not to budget a run that nearly fits.
const (
	// BytesPerNetCon: a connection's pair (16 B), its model.Edge (56 B)
	// and the engine's target record (32 B), alive together while the
	// network is built, with the slices' growth and the engine's
	// indexes: measured, lamina simulate of hnn.Jones2009(40, 40) (48.5
	// million NetCons) peaks at 10.5 GB resident, 20×20 (3.0 million) at
	// 673 MB: about 216 B a NetCon.
	BytesPerNetCon = 216
	// BytesPerCompartment: the cable solver's arrays (voltage, the Hines
	// matrix's diagonals, right-hand side, areas; ~10 float64) and the
	// painted mechanisms' state and parameters (HNN-core's cells carry
	// about 40 values a compartment).
	BytesPerCompartment = 400
	// BytesPerEvent: a drive event's time (8 B), its recorded spike
	// (record.Spike, 16 B) and its queue entry while in flight (32 B).
	BytesPerEvent = 56
	// BytesPerSample: one float64 of a trace.
	BytesPerSample = 8
	// BytesPerSynapse: a point network's synapse (target index, weight,
	// delay).
	BytesPerSynapse = 24
	// BytesPerPointNeuron: a point neuron's state, parameters and input
	// buffers.
	BytesPerPointNeuron = 256
)

// Estimate is how much memory a run needs, counted from its description
// without building anything (Run.Estimate). Counts are float64 so that
// absurd sizes (n×n of a billion cells) count without overflowing.
type Estimate struct {
	// Cells is the number of cable cells, Compartments their segments.
	Cells, Compartments float64
	// NetCons is the number of NetCons of the cable network (pairs times
	// target sections, connection probability applied).
	NetCons float64
	// DriveEvents is the expected number of drive events of one trial.
	DriveEvents float64
	// Steps is the number of time steps of a trial.
	Steps float64
	// TraceSamples is the number of recorded trace values of one trial
	// (record.vsec/isec/ca columns × samples).
	TraceSamples float64
	// DipoleSamples and ElectrodeSamples are the values of the dipole
	// (layers × samples) and the extracellular potentials (contacts ×
	// samples) of one trial.
	DipoleSamples, ElectrodeSamples float64
	// PointNeurons and Synapses count a point network's (or a mixed
	// network's point part's) neurons and synapses, MonitorSamples the
	// values its monitors record in one trial.
	PointNeurons, Synapses, MonitorSamples float64
	// Trials is the number of trials, Workers how many run at once.
	Trials, Workers int
	// Parts are the costs, largest first.
	Parts []Part
	// Bytes is the total.
	Bytes float64
}

// Part is one cost of an Estimate.
type Part struct {
	// What names the part, e.g. "NetCons".
	What string
	// Detail says where it comes from, e.g. "26,666 cells, all-to-all".
	Detail string
	// Bytes is its size over the whole run.
	Bytes float64
}

// String describes the part: what, detail and size.
func (p Part) String() string {
	return fmt.Sprintf("%s (%s): about %s", p.What, p.Detail, FormatBytes(p.Bytes))
}

// Estimate counts the run's cells, compartments, NetCons, drive events,
// recorded samples and point synapses and the bytes they need when
// workers trials run at once (each building its own simulator) and every
// trial's results are kept. The run should be valid (Validate) and have
// its defaults (WithDefaults); an error names a connection that does not
// resolve.
func (r *Run) Estimate(workers int) (Estimate, error) {
	e := Estimate{Trials: r.Trials, Workers: max(1, min(workers, r.Trials))}
	if r.DtMs > 0 {
		e.Steps = math.Round(r.TStopMs / r.DtMs)
	}
	samples := e.Steps + 1
	perWorker := float64(e.Workers)
	perTrial := float64(max(1, r.Trials))
	if n := r.Network; n != nil {
		sections := map[string]float64{}
		var dipoleLayers []string
		for i := range n.Populations {
			p := &n.Populations[i]
			k := float64(len(p.Positions))
			e.Cells += k
			if p.Cell == nil {
				continue
			}
			segs := 0.0
			for _, s := range p.Cell.Sections {
				segs += float64(max(1, s.NSeg))
			}
			e.Compartments += k * segs
			sections[p.Name] = float64(len(p.Cell.Sections))
			if p.Dipole != nil && !slices.Contains(dipoleLayers, p.Dipole.Layer) {
				dipoleLayers = append(dipoleLayers, p.Dipole.Layer)
			}
		}
		ranges := n.Ranges()
		size := map[string]float64{}
		for _, rg := range ranges {
			size[rg.Name] = float64(rg.N)
		}
		var biggest struct {
			name string
			n    float64
		}
		for _, c := range n.AllConnections() {
			pairs := float64(len(c.Pairs))
			if c.Pairs == nil {
				pairs = size[c.Src] * size[c.Target]
			}
			if c.Probability < 1 {
				pairs *= c.Probability
			}
			secs := 1.0
			if c.Synapse == "" {
				if s, err := n.TargetSections(c.Target, c.Loc); err == nil {
					secs = float64(len(s))
				} else {
					return e, fmt.Errorf("spec: estimate: connection %s -> %s: %w", c.Src, c.Target, err)
				}
			}
			e.NetCons += pairs * secs
			if pairs*secs > biggest.n {
				biggest.name, biggest.n = c.Src+" -> "+c.Target, pairs*secs
			}
		}
		e.NetCons += float64(len(n.NetCons))
		for _, d := range n.AllDrives() {
			e.DriveEvents += driveEvents(n, &d, r.TStopMs)
		}
		e.DipoleSamples = float64(len(dipoleLayers)+1) * 2 * samples
		contacts := 0
		for _, a := range n.Electrodes {
			contacts += len(a.PositionsUm)
		}
		e.ElectrodeSamples = float64(contacts) * samples
		e.TraceSamples = traceColumns(n, &r.Record) * (math.Floor(e.Steps/float64(r.Record.EverySteps(r.DtMs))) + 1)
		e.add(Part{"compartments", fmt.Sprintf("%s cells, %s compartments, one simulator per trial run at once (%d)",
			count(e.Cells), count(e.Compartments), e.Workers), e.Compartments * BytesPerCompartment * perWorker})
		detail := fmt.Sprintf("%s NetCons among %s cells", count(e.NetCons), count(e.Cells))
		if biggest.n > 0 {
			detail += fmt.Sprintf(", %s of them %s", count(biggest.n), biggest.name)
		}
		e.add(Part{"NetCons", detail + fmt.Sprintf(", in each of the %d simulators run at once", e.Workers), e.NetCons * BytesPerNetCon * perWorker})
		e.add(Part{"drive events", fmt.Sprintf("%s a trial over %s ms, %d trials", count(e.DriveEvents), count(r.TStopMs), r.Trials),
			e.DriveEvents * BytesPerEvent * perTrial})
		e.add(Part{"recorded traces", fmt.Sprintf("%s samples a trial (record.vsec/isec/ca every %d steps), %d trials",
			count(e.TraceSamples), r.Record.EverySteps(r.DtMs), r.Trials), e.TraceSamples * BytesPerSample * perTrial})
		e.add(Part{"dipole", fmt.Sprintf("%s samples a trial (%s steps), %d trials", count(e.DipoleSamples), count(e.Steps), r.Trials),
			(e.DipoleSamples + samples) * BytesPerSample * perTrial})
		e.add(Part{"extracellular potentials", fmt.Sprintf("%d contacts × %s samples, %d trials", contacts, count(samples), r.Trials),
			e.ElectrodeSamples * BytesPerSample * perTrial})
	}
	pn := r.Point
	if r.Network != nil {
		pn = r.Network.Point
	}
	if pn != nil {
		dt := r.DtMs
		if r.Network != nil && r.PointDtMs > 0 {
			dt = r.PointDtMs
		}
		pointEstimate(&e, pn, r.TStopMs, dt, perWorker, perTrial)
	}
	slices.SortStableFunc(e.Parts, func(a, b Part) int { return cmp.Compare(b.Bytes, a.Bytes) })
	return e, nil
}

func (e *Estimate) add(p Part) {
	if p.Bytes > 0 {
		e.Parts = append(e.Parts, p)
		e.Bytes += p.Bytes
	}
}

// pointEstimate adds a point network's neurons, synapses and Poisson
// sources.
func pointEstimate(e *Estimate, pn *pointnet.Network, tstopMs, dtMs, perWorker, perTrial float64) {
	size := map[string]float64{}
	for _, p := range pn.Populations {
		size[p.Name] = float64(p.N)
		e.PointNeurons += float64(p.N)
	}
	for _, l := range pn.Poisson {
		size[l.Name] = float64(l.N)
	}
	var biggest struct {
		name string
		n    float64
	}
	syn := func(name string, pre, post, p float64) {
		n := pre * post * p
		e.Synapses += n
		if n > biggest.n {
			biggest.name, biggest.n = name, n
		}
	}
	for _, c := range pn.Connections {
		syn(c.Pre+" -> "+c.Post, size[c.Pre], size[c.Post], c.P)
	}
	sources := 0.0
	for _, l := range pn.Poisson {
		syn(l.Name+" -> "+l.Target, float64(l.N), size[l.Target], l.P)
		sources += float64(l.N)
	}
	e.add(Part{"point neurons", fmt.Sprintf("%s neurons and %s Poisson sources, one simulator per trial run at once (%d)",
		count(e.PointNeurons), count(sources), e.Workers), (e.PointNeurons + sources) * BytesPerPointNeuron * perWorker})
	detail := fmt.Sprintf("%s synapses", count(e.Synapses))
	if biggest.n > 0 {
		detail += fmt.Sprintf(", %s of them %s", count(biggest.n), biggest.name)
	}
	e.add(Part{"point synapses", detail, e.Synapses * BytesPerSynapse * perWorker})
	if !(dtMs > 0) {
		return
	}
	steps := math.Round(tstopMs / dtMs)
	for _, m := range pn.Monitors {
		every := 1.0
		if m.EveryMs > 0 {
			every = max(1, math.Round(m.EveryMs/dtMs))
		}
		neurons := float64(len(m.Neurons))
		if neurons == 0 {
			neurons = size[m.Population]
		}
		e.MonitorSamples += (math.Floor(steps/every) + 1) * neurons * float64(len(m.Variables))
	}
	e.add(Part{"monitors", fmt.Sprintf("%s samples a trial, %s trials", count(e.MonitorSamples), count(perTrial)),
		e.MonitorSamples * BytesPerSample * perTrial})
}

// driveEvents is the expected number of events of drive d's cells in a
// trial of tstopMs.
func driveEvents(n *model.Network, d *drive.Drive, tstopMs float64) float64 {
	cells := float64(n.DriveCells(d))
	window := func(start, stop float64) float64 {
		if stop == 0 || stop > tstopMs {
			stop = tstopMs
		}
		return max(0, stop-start) / 1000
	}
	switch {
	case d.Evoked != nil:
		return cells * float64(max(0, d.Evoked.NumSpikes))
	case d.Poisson != nil:
		p := d.Poisson
		rate := p.RateHz
		for _, v := range p.RateByType {
			rate = max(rate, v)
		}
		return cells * rate * window(p.TStartMs, p.TStopMs)
	case d.Bursty != nil:
		p := d.Bursty
		return cells * p.BurstRateHz * window(p.TStartMs, p.TStopMs) * float64(max(1, p.NumSpikes))
	case d.SpikeTrain != nil:
		return float64(len(d.SpikeTrain.TimesMs))
	case d.NetStim != nil:
		p := d.NetStim
		stop := tstopMs
		if p.DurationMs > 0 {
			stop = min(stop, p.StartMs+p.DurationMs)
		}
		k := max(0, stop-p.StartMs) / max(p.IntervalMs, 1e-9)
		if p.Number > 0 {
			k = min(k, float64(p.Number))
		}
		return cells * (k + 1)
	}
	return 0
}

// traceColumns is the number of traces record selects.
func traceColumns(n *model.Network, rec *Record) float64 {
	if !rec.Any() {
		return 0
	}
	want := map[int]bool{}
	for _, g := range rec.GIDs {
		want[g] = true
	}
	cols := 0.0
	first := 0
	for i := range n.Populations {
		p := &n.Populations[i]
		k := len(p.Positions)
		cells := float64(k)
		if len(want) > 0 {
			cells = 0
			for g := first; g < first+k; g++ {
				if want[g] {
					cells++
				}
			}
		}
		first += k
		if p.Cell == nil || cells == 0 {
			continue
		}
		secs := float64(len(p.Cell.Sections))
		per := func(mode string, all float64) float64 {
			switch mode {
			case "soma":
				return 1
			case "all":
				return all
			}
			return 0
		}
		cols += cells * (per(rec.VSec, secs) + per(rec.Ca, secs) + per(rec.ISec, max(secs, float64(len(p.Cell.Points)))))
	}
	return cols
}

// count writes a count with thousands separators (1.2e+13 when too large
// to read).
func count(v float64) string {
	if v >= 1e15 || v != math.Trunc(v) && v >= 1 {
		if v >= 1e15 {
			return fmt.Sprintf("%.3g", v)
		}
		v = math.Round(v)
	}
	if v < 1 && v > 0 {
		return fmt.Sprintf("%.2g", v)
	}
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// FormatBytes writes a size in decimal units: "16.8 GB", "500 MB".
func FormatBytes(b float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	i := 0
	for b >= 1000 && i < len(units)-1 {
		b /= 1000
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%.0f B", b)
	}
	if b >= 1e4 {
		return fmt.Sprintf("%.3g %s", b, units[i])
	}
	return fmt.Sprintf("%.1f %s", b, units[i])
}

// ParseBytes reads a size: a number with an optional unit B, kB/KB, MB,
// GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g.
// "8GB", "500MB", "1.5GiB".
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.') })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.TrimSpace(t[i:])
	}
	mult := map[string]float64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}[strings.ToLower(unit)]
	var v float64
	if _, err := fmt.Sscanf(num, "%g", &v); err != nil || mult == 0 || !(v > 0) || v*mult >= math.MaxInt64 {
		return 0, fmt.Errorf("size %q: want a positive number with an optional unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB), e.g. 8GB", s)
	}
	return int64(v * mult), nil
}
