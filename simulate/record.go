package simulate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/laminasim/lamina/dist"
	"github.com/laminasim/lamina/engine"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/results"
	"github.com/laminasim/lamina/spec"
)

// CellGIDs returns the gids of the network's cells (drives excluded).
func CellGIDs(net *model.Network) []int {
	var out []int
	for _, r := range net.Ranges() {
		if r.Kind == record.KindCell {
			for g := range r.N {
				out = append(out, int(r.First)+g)
			}
		}
	}
	return out
}

// recorder holds the probes of one simulator, by kind.
type recorder struct {
	kinds [3]recordKind // vsec, isec, ca
}

type recordKind struct {
	on      bool
	columns []string
	probes  []int
}

// newRecorder registers the probes r asks for (nil if none).
func newRecorder(s *engine.Sim, net *model.Network, r *spec.Record) (*recorder, error) {
	if !r.Any() {
		return nil, nil
	}
	// In gid order, each once: ranks own ascending blocks of gids, so
	// their columns, concatenated by rank, come out in this order too.
	gids := slices.Clone(r.GIDs)
	if gids == nil {
		gids = CellGIDs(net)
	}
	slices.Sort(gids)
	gids = slices.Compact(gids)
	// Only this rank's cells can be probed; collect gathers the rest.
	gids = slices.DeleteFunc(gids, func(g int) bool { return !s.Local(g) })
	sections := func(mode string, gid int) []string {
		rg, _, _ := net.Locate(model.GID(gid))
		p, _ := net.Population(rg.Name)
		if mode == "soma" {
			if _, ok := p.Cell.Index("soma"); ok {
				return []string{"soma"}
			}
			return nil
		}
		var out []string
		for _, sec := range p.Cell.Sections {
			out = append(out, sec.Name)
		}
		return out
	}
	rec := &recorder{}
	if r.VSec != "" {
		k := &rec.kinds[0]
		k.on = true
		for _, g := range gids {
			for _, sec := range sections(r.VSec, g) {
				id, err := s.ProbeV(g, sec, 0.5)
				if err != nil {
					return nil, err
				}
				k.columns = append(k.columns, fmt.Sprintf("v_%d_%s_mV", g, sec))
				k.probes = append(k.probes, id)
			}
		}
	}
	if r.ISec != "" {
		k := &rec.kinds[1]
		k.on = true
		for _, g := range gids {
			for _, sec := range sections(r.ISec, g) {
				probes, err := s.ProbeCurrents(g, sec, 0.5)
				if err != nil {
					return nil, err
				}
				for _, pr := range probes {
					unit := strings.ReplaceAll(pr.Unit, "/", "_per_")
					k.columns = append(k.columns, fmt.Sprintf("i_%d_%s_%s_%s", g, sec, pr.Name, unit))
					k.probes = append(k.probes, pr.ID)
				}
			}
		}
	}
	if r.Ca != "" {
		k := &rec.kinds[2]
		k.on = true
		for _, g := range gids {
			for _, sec := range sections(r.Ca, g) {
				id, err := s.ProbeIon(g, sec, 0.5, "ca", "ci")
				if err != nil {
					continue // no calcium here (HNN-core records none either)
				}
				k.columns = append(k.columns, fmt.Sprintf("cai_%d_%s_mM", g, sec))
				k.probes = append(k.probes, id)
			}
		}
	}
	return rec, nil
}

// collect copies the traces of the trial just run into t: with several
// ranks every rank's columns, in rank order (hence gid order). Every rank
// must call it, for the same trials in the same order.
func (rec *recorder) collect(t *results.Trial, s *engine.Sim, comm dist.Comm) error {
	if rec == nil {
		return nil
	}
	dst := [3]**record.Trace{&t.VSec, &t.ISec, &t.Ca}
	times := s.ProbeTimes()
	n := len(times)
	for i, k := range rec.kinds {
		if !k.on {
			continue
		}
		tr := &record.Trace{TimeMs: times}
		if comm == nil || comm.Size() == 1 {
			// One process: the probes hold every column; copy them once
			// (the gather below would copy them twice).
			for j, id := range k.probes {
				tr.Columns = append(tr.Columns, record.Column{Name: k.columns[j], Data: append([]float64(nil), s.Trace(id)...)})
			}
			*dst[i] = tr
			continue
		}
		names, err := dist.AllgatherStrings(comm, k.columns)
		if err != nil {
			return fmt.Errorf("simulate: gathering recorded traces: %w", err)
		}
		buf := make([]float64, 0, n*len(k.probes))
		for _, id := range k.probes {
			buf = append(buf, s.Trace(id)...)
		}
		data, err := comm.Allgather(buf)
		if err != nil {
			return fmt.Errorf("simulate: gathering recorded traces: %w", err)
		}
		for r := range names {
			if len(data[r]) != n*len(names[r]) {
				return fmt.Errorf("simulate: gathering recorded traces: rank %d sent %d values for %d columns of %d samples", r, len(data[r]), len(names[r]), n)
			}
			for j, name := range names[r] {
				tr.Columns = append(tr.Columns, record.Column{Name: name, Data: slices.Clone(data[r][j*n : (j+1)*n])})
			}
		}
		*dst[i] = tr
	}
	return nil
}
