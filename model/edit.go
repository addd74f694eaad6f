package model

import (
	"github.com/laminasim/lamina/record"

	"encoding/json"
	"fmt"
	"slices"

	"github.com/laminasim/lamina/drive"
)

// ClearConnectivity removes every connection between populations (HNN-core's
// clear_connectivity); drives keep theirs.
func (n *Network) ClearConnectivity() { n.Connections = nil }

// ClearDrives removes every drive and, with them, their connections and
// gids (HNN-core's clear_drives).
func (n *Network) ClearDrives() { n.Drives = nil }

// Connect adds a connection from the cells srcGIDs to the cells targetGIDs,
// every source to every target (HNN-core's add_connection with gid lists).
// The sources must belong to one population or drive, the targets to one
// population. Weight is in µS, delay in ms, lamtha in units of the in-plane
// distance; other fields of opts (gain, probability, conn_seed, autapses)
// are copied, with gain and probability defaulting to 1 when zero.
func (n *Network) Connect(srcGIDs, targetGIDs []GID, loc, receptor string, weightUS, delayMs, lamtha float64, opts Connection) error {
	if len(srcGIDs) == 0 || len(targetGIDs) == 0 {
		return fmt.Errorf("model: connect: no source or no target gids")
	}
	sr, _, ok := n.Locate(srcGIDs[0])
	if !ok {
		return fmt.Errorf("model: connect: source gid %d is not in the network", srcGIDs[0])
	}
	tr, _, ok := n.Locate(targetGIDs[0])
	if !ok || tr.Kind != record.KindCell {
		return fmt.Errorf("model: connect: target gid %d is not a cell of the network", targetGIDs[0])
	}
	c := opts
	c.Src, c.Target, c.Loc, c.Receptor = sr.Name, tr.Name, loc, receptor
	c.WeightUS, c.DelayMs, c.Lamtha = weightUS, delayMs, lamtha
	if c.Gain == 0 {
		c.Gain = 1
	}
	if c.Probability == 0 {
		c.Probability = 1
	}
	all := len(srcGIDs) == sr.N && len(targetGIDs) == tr.N
	for _, g := range srcGIDs {
		if !sr.Contains(g) {
			return fmt.Errorf("model: connect: source gids mix %s with gid %d of another population", sr.Name, g)
		}
	}
	for _, g := range targetGIDs {
		if !tr.Contains(g) {
			return fmt.Errorf("model: connect: target gids mix %s with gid %d of another population", tr.Name, g)
		}
	}
	if !all {
		for _, s := range srcGIDs {
			for _, t := range targetGIDs {
				c.Pairs = append(c.Pairs, [2]int{int(s - sr.First), int(t - tr.First)})
			}
		}
	}
	n.Connections = append(n.Connections, c)
	return nil
}

// ConnectTypes adds a connection between two populations (or from a drive),
// all to all: HNN-core's add_connection with cell-type names.
func (n *Network) ConnectTypes(src, target, loc, receptor string, weightUS, delayMs, lamtha float64, opts Connection) error {
	sr, ok := n.RangeOf(src)
	if !ok {
		return fmt.Errorf("model: connect: no population or drive %q", src)
	}
	tr, ok := n.RangeOf(target)
	if !ok || tr.Kind != record.KindCell {
		return fmt.Errorf("model: connect: no population %q", target)
	}
	return n.Connect(gids(sr), gids(tr), loc, receptor, weightUS, delayMs, lamtha, opts)
}

func gids(r Range) []GID {
	out := make([]GID, r.N)
	for i := range out {
		out[i] = r.First + GID(i)
	}
	return out
}

// Pick selects connections as HNN-core's pick_connection: every non-empty
// criterion must match (logical AND); a list matches any of its values (OR).
// Src and Target take population or drive names.
type Pick struct {
	Src, Target   []string
	Loc, Receptor []string
}

// PickConnections returns the indices in n.Connections of the connections
// that match p.
func (n *Network) PickConnections(p Pick) []int {
	match := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	var out []int
	for i, c := range n.Connections {
		if match(p.Src, c.Src) && match(p.Target, c.Target) && match(p.Loc, c.Loc) && match(p.Receptor, c.Receptor) {
			out = append(out, i)
		}
	}
	return out
}

// Gains are global synaptic gains by the electro types of source and target
// populations (excitatory e, inhibitory i); nil leaves a class unchanged.
type Gains struct {
	EE, EI, IE, II *float64
}

// SetGlobalGains sets the gain of every connection between populations
// whose electro types match, as HNN-core's set_global_synaptic_gains (drive
// connections are not affected). Gains must be >= 0.
func (n *Network) SetGlobalGains(g Gains) error {
	for name, v := range map[string]*float64{"e_e": g.EE, "e_i": g.EI, "i_e": g.IE, "i_i": g.II} {
		if v != nil && !(*v >= 0) {
			return fmt.Errorf("model: gain %s = %g, must be >= 0", name, *v)
		}
	}
	kind := map[string]string{}
	for _, p := range n.Populations {
		kind[p.Name] = p.ElectroType
	}
	for i := range n.Connections {
		c := &n.Connections[i]
		var v *float64
		switch kind[c.Src] + "/" + kind[c.Target] {
		case "excitatory/excitatory":
			v = g.EE
		case "excitatory/inhibitory":
			v = g.EI
		case "inhibitory/excitatory":
			v = g.IE
		case "inhibitory/inhibitory":
			v = g.II
		}
		if v != nil {
			c.Gain = *v
		}
	}
	return nil
}

// AddDrive adds a drive to the network (HNN-core's add_*_drive), after
// checking it against the network's cell types and that its name is new.
// A nil SynapticDelays gets HNN-core's default, drive.DefaultSynapticDelayMs
// onto every target type. The drive's cells take the gids after the
// existing ones.
func (n *Network) AddDrive(d drive.Drive) error {
	if _, ok := n.RangeOf(d.Name); ok {
		return fmt.Errorf("model: add drive: the name %q is taken (drive or population)", d.Name)
	}
	if d.SynapticDelays == nil {
		d.SynapticDelays = map[string]float64{}
		for _, t := range d.TargetTypes(n.CellTypes()) {
			d.SynapticDelays[t] = drive.DefaultSynapticDelayMs
		}
	}
	if err := d.Validate(n.CellTypes()); err != nil {
		return fmt.Errorf("model: add drive: %w", err)
	}
	n.Drives = append(n.Drives, d)
	return nil
}

// Copy returns a deep copy of the network (HNN-core's net.copy()), made
// through its JSON form, which round-trips every description exactly.
func (n *Network) Copy() *Network {
	b, err := json.Marshal(n)
	if err != nil {
		panic("model: copy: " + err.Error()) // descriptions always marshal
	}
	var c Network
	if err := json.Unmarshal(b, &c); err != nil {
		panic("model: copy: " + err.Error())
	}
	return &c
}
