package tutorial

import (
	"fmt"
	"github.com/laminasim/lamina/record"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/rng"
)

// TwoGroupsParams are the settings of the two-group Wang-Buzsáki network;
// DefaultTwoGroupsParams gives the tutorial's.
type TwoGroupsParams struct {
	// NCells network cells, the first NExc excitatory; NExt external
	// cells.
	NCells, NExc, NExt int
	// ExcPre and InhPre are the presynaptic draws per network cell; the
	// fractions PrefExc and PrefInh of them come from the cell's own group
	// (int(p·n) draws, as the notebook computes them).
	ExcPre, InhPre   int
	PrefExc, PrefInh float64
	// GExcUS, GInhUS: recurrent weights (µS); DelayMs their delay;
	// NetThresholdMV the network cells' threshold.
	GExcUS, GInhUS, DelayMs, NetThresholdMV float64
	// Each network cell of the left half draws NExtPre external cells
	// (with replacement), weight GExtUS, delay DelayMs; ExtThresholdMV is
	// the external cells' threshold.
	NExtPre                int
	GExtUS, ExtThresholdMV float64
	// Kick is every network cell's own generator (weight KickWeightUS);
	// ExtDrive every external cell's (weight ExtDriveWeightUS); both reach
	// the exc synapse after StimDelayMs.
	Kick, ExtDrive                 drive.NetStimParams
	KickWeightUS, ExtDriveWeightUS float64
	StimDelayMs                    float64
	// ConnSeed seeds the connectivity; KickSeed and ExtSeed the
	// generators.
	ConnSeed, KickSeed, ExtSeed int
}

// DefaultTwoGroupsParams returns the network of the class_4 notebook
// ("External inputs", parallel_simulation_2.py) as it runs: 1000 network
// cells (800 E, 200 I) and 100 external cells, all WBCell; each network
// cell draws 80 E and 20 I presynaptic cells, 52 E (65 %) from its own
// group and 28 from the other, and, for excitatory cells, 11 I (55 %) from
// its own group's inhibitory half and 9 from the other (inhibitory cells
// draw their 20 I from all of them), gexc 3e-5 µS, ginh 3e-4 µS (the
// comments say nS; the numbers are these), delay 0.1 ms, threshold 0 mV;
// every left-half cell (E 0-399, I 800-899) draws 4 external cells, 5e-5
// µS, threshold -10 mV for the external cells; every network cell has its
// own NetStimFD(3, noise 1, start 0, duration 7) of weight 1.5e-4 µS,
// every external cell one of interval 5 ms (20 Hz), start 100, duration
// 50 ms, weight 5e-4 µS, both through NetCons of the default 1 ms delay.
func DefaultTwoGroupsParams() TwoGroupsParams {
	return TwoGroupsParams{NCells: 1000, NExc: 800, NExt: 100, ExcPre: 80, InhPre: 20, PrefExc: 0.65, PrefInh: 0.55,
		GExcUS: 3e-5, GInhUS: 3e-4, DelayMs: 0.1, NetThresholdMV: 0,
		NExtPre: 4, GExtUS: 5e-5, ExtThresholdMV: -10,
		Kick:         drive.NetStimParams{IntervalMs: 3, Noise: 1, StartMs: 0, DurationMs: 7},
		ExtDrive:     drive.NetStimParams{IntervalMs: 5, Noise: 1, StartMs: 100, DurationMs: 50},
		KickWeightUS: 1.5e-4, ExtDriveWeightUS: 5e-4, StimDelayMs: 1,
		ConnSeed: 1, KickSeed: 1223, ExtSeed: 209}
}

// TwoGroupsHalves returns the gid ranges [first, first+n) of the left and
// right excitatory groups, whose rates the notebook plots.
func TwoGroupsHalves(p TwoGroupsParams) (left, right [2]int) {
	h := p.NExc / 2
	return [2]int{0, h}, [2]int{h, p.NExc - h}
}

// TwoGroups returns the two-group network: populations "exc" (gids 0 to
// NExc-1, the left group first), "inh" (the left group's first) and
// "ext", whose cells each carry their own generator (cell.Stim "kick" on
// the network cells, "drive" on the external ones: source ranges
// "exc.kick", "inh.kick", "ext.drive" after the cells).
func TwoGroups(p TwoGroupsParams) (*model.Network, error) {
	if p.NCells < 2 || p.NExc < 2 || p.NExc > p.NCells-2 || p.NExt < 1 {
		return nil, fmt.Errorf("tutorial: two groups need >= 2 E, >= 2 I and >= 1 external cells (got %d cells, %d E, %d external)", p.NCells, p.NExc, p.NExt)
	}
	netCell := WBCell()
	netCell.Type = "NetworkCell"
	netCell.Stims = []cell.Stim{{Name: "kick", NetStim: p.Kick, Synapse: SynExc, WeightUS: p.KickWeightUS, DelayMs: p.StimDelayMs, Seed: p.KickSeed}}
	extCell := WBCell()
	extCell.Type = "ExternalCell"
	extCell.Stims = []cell.Stim{{Name: "drive", NetStim: p.ExtDrive, Synapse: SynExc, WeightUS: p.ExtDriveWeightUS, DelayMs: p.StimDelayMs, Seed: p.ExtSeed}}
	netThr, extThr := p.NetThresholdMV, p.ExtThresholdMV
	nInh := p.NCells - p.NExc
	net := &model.Network{
		Name: "tutorial-two-groups",
		Populations: []model.Population{
			{Name: "exc", Cell: netCell, Positions: make([]model.Position, p.NExc), ElectroType: "excitatory", ThresholdMV: &netThr},
			{Name: "inh", Cell: netCell, Positions: make([]model.Position, nInh), ElectroType: "inhibitory", ThresholdMV: &netThr},
			{Name: "ext", Cell: extCell, Positions: make([]model.Position, p.NExt), ElectroType: "excitatory", ThresholdMV: &extThr},
		},
		ThresholdMV: p.NetThresholdMV, Celsius: 6.3, InplaneDistanceUm: 1, Seeding: model.SeedingKeyed,
	}
	ne1 := int(p.PrefExc * float64(p.ExcPre))
	ni1 := int(p.PrefInh * float64(p.InhPre))
	he, hi := p.NExc/2, p.NExc+nInh/2
	type span struct{ lo, hi, n int }
	// pops and conns by (source population, target population)
	type key struct{ src, tgt string }
	conns := map[key]*model.Connection{}
	var order []key
	add := func(src, tgt string, si, ti int) {
		k := key{src, tgt}
		c, ok := conns[k]
		if !ok {
			syn, w := SynExc, p.GExcUS
			switch src {
			case "inh":
				syn, w = SynInh, p.GInhUS
			case "ext":
				w = p.GExtUS
			}
			c = &model.Connection{Src: src, Target: tgt, Synapse: syn, WeightUS: w, DelayMs: p.DelayMs, Gain: 1, Probability: 1, Pairs: [][2]int{}}
			conns[k] = c
			order = append(order, k)
		}
		c.Pairs = append(c.Pairs, [2]int{si, ti})
	}
	local := func(g int) (string, int) {
		switch {
		case g < p.NExc:
			return "exc", g
		case g < p.NCells:
			return "inh", g - p.NExc
		}
		return "ext", g - p.NCells
	}
	for post := 0; post < p.NCells; post++ {
		left := post < he || (post >= p.NExc && post < hi)
		isExc := post < p.NExc
		var spans []span
		if left {
			spans = append(spans, span{0, he, ne1}, span{he, p.NExc, p.ExcPre - ne1})
		} else {
			spans = append(spans, span{0, he, p.ExcPre - ne1}, span{he, p.NExc, ne1})
		}
		switch {
		case isExc && left:
			spans = append(spans, span{p.NExc, hi, ni1}, span{hi, p.NCells, p.InhPre - ni1})
		case isExc:
			spans = append(spans, span{p.NExc, hi, p.InhPre - ni1}, span{hi, p.NCells, ni1})
		default:
			spans = append(spans, span{p.NExc, p.NCells, p.InhPre})
		}
		if left {
			spans = append(spans, span{p.NCells, p.NCells + p.NExt, p.NExtPre})
		}
		s := rng.New(uint64(p.ConnSeed), int64(post), purposeConnectivity, 0)
		seen := map[int]bool{} // the notebook's dict keyed (pre, post, synapse)
		tp, ti := local(post)
		for _, sp := range spans {
			for k := 0; k < sp.n; k++ {
				pre := sp.lo + s.Intn(sp.hi-sp.lo)
				if pre == post || seen[pre] {
					continue
				}
				seen[pre] = true
				src, si := local(pre)
				add(src, tp, si, ti)
			}
		}
	}
	for _, k := range order {
		net.Connections = append(net.Connections, *conns[k])
	}
	return net, nil
}

// SourceType returns the type a spike of gid g is reported under in
// spikes.csv: the population's name ("exc", "inh", "ext") or, for the
// drives and the cells' own generators, "ext" for the CS network's
// kick-start input and "stim" for the others ("<population>.<stim>"
// ranges). It returns "" for a gid outside the network.
func SourceType(net *model.Network, g model.GID) string {
	r, _, ok := net.Locate(g)
	switch {
	case !ok:
		return ""
	case !(r.Kind == record.KindDrive) || r.Name == "ext":
		return r.Name
	}
	return "stim"
}
