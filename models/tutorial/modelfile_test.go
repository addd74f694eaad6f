package tutorial_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/laminasim/lamina/mech/builtin"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/simulate"
)

func loadRing(t *testing.T) *model.Network {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "ball_and_stick_ring.json"))
	if err != nil {
		t.Fatal(err)
	}
	var net model.Network
	if err := json.Unmarshal(b, &net); err != nil {
		t.Fatal(err)
	}
	return &net
}

// TestModelFileNewCellType loads a model file that defines a cell type of
// its own (testdata/ball_and_stick_ring.json: a ball-and-stick with hh on
// the soma, a passive dendrite whose conductance is an exponential of path
// distance and whose leak reversal is given per segment, an ExpSyn and an
// Exp2Syn, a detector and the cell's own NetStimFD) and a network of it
// (a ring of explicit NetCons, a NetStim and a replayed spike train with
// gids of their own), validates it, runs it and round-trips it through
// JSON. The kick at 9 ms must go round the ring: every cell fires, in
// ring order, about 6 ms apart (5 ms of NetCon delay per hop plus the
// EPSP's rise to threshold), as in NEURON's ring tutorial.
func TestModelFileNewCellType(t *testing.T) {
	net := loadRing(t)
	cat := builtin.Catalogue()
	if err := net.Validate(cat); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(net)
	if err != nil {
		t.Fatal(err)
	}
	var back model.Network
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(net, &back) {
		t.Errorf("JSON round trip changed the model:\n%s", b)
	}
	ranges := net.Ranges()
	var names []string
	for _, r := range ranges {
		names = append(names, r.Name)
	}
	if want := []string{"ring", "kick", "replay", "ring.noise"}; !reflect.DeepEqual(names, want) {
		t.Errorf("gid ranges %v, want %v", names, want)
	}
	res, err := simulate.RunNetwork(&back, simulate.Options{TStopMs: 60, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	var first [5]float64
	byType := map[string]int{}
	for _, s := range res.Trials[0].Spikes {
		r, _, _ := net.Locate(model.GID(s.GID))
		byType[r.Name]++
		if s.GID < 5 && first[s.GID] == 0 {
			first[s.GID] = s.TimeMs
		}
	}
	t.Logf("first spikes %v ms; spikes by source %v", first, byType)
	for k := 1; k < 5; k++ {
		if d := first[k] - first[k-1]; first[k-1] == 0 || d < 5.5 || d > 6.5 {
			t.Errorf("cell %d fires at %g ms, cell %d at %g ms: want one hop of 5-6.5 ms", k-1, first[k-1], k, first[k])
		}
	}
	if byType["kick"] != 1 || byType["replay"] != 2 {
		t.Errorf("generator events %v: want 1 kick and 2 replayed", byType)
	}
}

// TestModelFileErrors checks the errors a model file gets for a synapse on
// a missing section, a detector on a missing section, a NetCon to or from
// a missing gid, a NetCon onto a drive or onto a missing synapse, and a
// cell stim on a missing synapse: each names the place and the value.
func TestModelFileErrors(t *testing.T) {
	cat := builtin.Catalogue()
	for _, tc := range []struct {
		name  string
		edit  func(n *model.Network)
		wants []string
	}{
		{"synapse on a missing section", func(n *model.Network) { n.Populations[0].Cell.Points[0].Section = "axon" },
			[]string{`population "ring"`, `point_processes[0] (ExpSyn): section "axon" does not exist`}},
		{"detector on a missing section", func(n *model.Network) { n.Populations[0].Cell.Detector.Section = "axon" },
			[]string{`cell "BallAndStick"`, `detector: section "axon" does not exist`}},
		{"NetCon to a missing gid", func(n *model.Network) { n.NetCons[2].Target = 42 },
			[]string{"netcons[2] (1 -> 42 syn)", "target gid 42 is not in the network (gids 0 to 11)"}},
		{"NetCon from a missing gid", func(n *model.Network) { n.NetCons[1].Src = 99 },
			[]string{"netcons[1]", "src gid 99 is not in the network"}},
		{"NetCon onto a drive", func(n *model.Network) { n.NetCons[1].Target = 5 },
			[]string{"target gid 5 is a drive cell (kick)"}},
		{"NetCon onto a missing synapse", func(n *model.Network) { n.NetCons[1].Synapse = "ampa" },
			[]string{`has no synapse "ampa" (synapses: [syn inh])`}},
		{"NetCon negative delay", func(n *model.Network) { n.NetCons[1].DelayMs = -1 },
			[]string{"delay_ms = -1"}},
		{"stim on a missing synapse", func(n *model.Network) { n.Populations[0].Cell.Stims[0].Synapse = "gaba" },
			[]string{"stims[0] (noise)", `no synapse "gaba"`}},
		{"stim without number or duration", func(n *model.Network) { n.Populations[0].Cell.Stims[0].NetStim.DurationMs = 0 },
			[]string{"stims[0] (noise): netstim.number and duration_ms are both 0"}},
		{"synapse that takes no events", func(n *model.Network) {
			n.Populations[0].Cell.Points = append(n.Populations[0].Cell.Points, n.Populations[0].Cell.Points[0])
			n.Populations[0].Cell.Points[2].Name, n.Populations[0].Cell.Points[2].Mech = "clamp", "IClamp"
			n.Populations[0].Cell.Points[2].Params = nil
			n.NetCons[0].Synapse = "clamp"
		}, []string{`synapse "clamp" is a IClamp, which takes no events`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := loadRing(t)
			tc.edit(n)
			err := n.Validate(cat)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
