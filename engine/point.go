package engine

import (
	"fmt"
	"math"

	"github.com/laminasim/lamina/internal/pointsim"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/point"
	"github.com/laminasim/lamina/record"
)

// pointGroup is the point-neuron group of a mixed network: the network's
// Point part, advanced by the point engine (package pointsim) epoch by
// epoch beside the cable parts. Spikes cross between the two at epoch
// boundaries, so the epoch is at most the shortest delay between them,
// and a whole number of point steps. The group is small next to the cable
// cells it feeds: it runs on one goroutine, beside the parts, and every
// rank runs all of it (its streams are keyed by gid and trial, so every
// rank computes the same spikes, and none need be exchanged).
type pointGroup struct {
	cfg pointsim.Config
	net *model.Network
	// first is the gid of the group's first neuron in the network.
	first record.GID
	// per is the number of cable steps per point step; epoch the most
	// cable steps of an epoch (a multiple of per).
	per, epoch int
	sim        *pointsim.Sim
	// seen counts the group's spikes already taken into the network.
	seen int
	err  error
}

// newPointGroup lowers the point part of net. crossMs is the shortest
// delay of a connection from the point part onto cable cells; cableSteps
// the fewest steps between a cable spike and its delivery to cable cells
// (math.MaxInt when there are none).
func newPointGroup(net *model.Network, cfg Config, s *Sim, crossMs float64, cableSteps int) (*pointGroup, error) {
	dtp := cfg.PointDtMs
	if dtp == 0 {
		dtp = cfg.DtMs
	}
	r := dtp / cfg.DtMs
	per := int(math.Round(r))
	if per < 1 || math.Abs(r-float64(per)) > 1e-9*r {
		return nil, fmt.Errorf("engine: point_dt_ms = %g: must be a whole multiple of dt_ms = %g", dtp, cfg.DtMs)
	}
	ranges := net.Ranges()
	pg := &pointGroup{net: net, per: per, first: record.GID(net.CableGIDs())}
	for _, c := range net.Point.Connections {
		if rg, ok := ranges.Named(c.Pre); ok && rg.Kind != record.KindPoint && rg.Kind != record.KindPoisson {
			pg.cfg.External = append(pg.cfg.External, rg)
			crossMs = math.Min(crossMs, c.DelayMs)
		}
	}
	// The longest epoch: the shortest crossing delay in whole point
	// steps, as cable steps.
	epoch := math.MaxInt / 2
	if !math.IsInf(crossMs, 1) {
		epoch = int(math.Floor(crossMs/dtp+1e-9)) * per
		if epoch < per {
			return nil, fmt.Errorf("engine: a connection between the cable and point parts has a delay of %g ms, shorter than the point step (%g ms); it needs at least one step", crossMs, dtp)
		}
	}
	if len(s.parts) > 1 && cableSteps != math.MaxInt {
		if cableSteps < per {
			return nil, fmt.Errorf("engine: the shortest NetCon delay between cable cells (%d steps) is shorter than the point step (%g ms); run on one thread and rank, or shorten point_dt_ms", cableSteps, dtp)
		}
		epoch = min(epoch, cableSteps/per*per)
	}
	pg.epoch = epoch
	scheme, err := point.ParseScheme(string(cfg.PointScheme))
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	pg.cfg.DtMs, pg.cfg.Scheme, pg.cfg.Threads = dtp, scheme, 1
	pg.cfg.InputLeadMs = float64(min(epoch, 1<<15)) * cfg.DtMs
	// Build once now, so that the point part's errors show at build time.
	if _, err := pointsim.New(net.Point, pg.cfg); err != nil {
		return nil, err
	}
	return pg, nil
}

// start builds the group afresh for a trial of nsteps cable steps.
func (pg *pointGroup) start(trial, nsteps int) error {
	if nsteps%pg.per != 0 {
		return fmt.Errorf("engine: the run (%d steps of dt) is not a whole number of point steps (%d steps of dt each)", nsteps, pg.per)
	}
	cfg := pg.cfg
	cfg.Trial = int64(trial)
	s, err := pointsim.New(pg.net.Point, cfg)
	if err != nil {
		return err
	}
	pg.sim, pg.seen, pg.err = s, 0, nil
	return nil
}

// advance runs the group to tMs.
func (pg *pointGroup) advance(tMs float64) {
	if pg.err == nil {
		pg.err = pg.sim.Run(tMs)
	}
}

// spikes appends the group's spikes since the last call, with their
// network gids.
func (pg *pointGroup) spikes(dst []record.Spike) []record.Spike {
	all := pg.sim.Spikes()
	for _, sp := range all[pg.seen:] {
		dst = append(dst, record.Spike{TimeMs: sp.TimeMs, GID: sp.GID + pg.first})
	}
	pg.seen = len(all)
	return dst
}

// PointTraces returns what the point group's monitors recorded in the
// last trial (nil without a point group).
func (s *Sim) PointTraces() []record.Series {
	if s.net == nil || s.net.point == nil || s.net.point.sim == nil {
		return nil
	}
	return s.net.point.sim.Traces()
}
