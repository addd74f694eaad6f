// Command custom_cell defines a cell type from scratch, the way the NEURON
// tutorials' Cell subclasses do (create_sections, build_topology,
// define_geometry, define_biophysics, create_synapses), wires instances
// into a ring with the network manager (register by gid, a NetStim with a
// gid of its own, NetCons from gid to synapse index), runs it and writes
// the spikes, the cell template and the whole model as data.
//
// The cell is NEURON's ball-and-stick of the "Ring network" tutorial
// (neuron.yale.edu, "Scripting NEURON" part 2): a soma with hh and a
// dendrite with a passive membrane whose conductance falls off with path
// distance, an ExpSyn at the middle of the dendrite. Cell i excites cell
// i+1 after 5 ms; a NetStim kicks cell 0 at 9 ms, and the spike goes round
// the ring.
//
//	go run ./examples/custom_cell -out out/custom_cell
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"gonum.org/v1/plot/vg"

	"github.com/laminasim/lamina/cell"
	"github.com/laminasim/lamina/drive"
	"github.com/laminasim/lamina/morph"
	"github.com/laminasim/lamina/netman"
	"github.com/laminasim/lamina/plot"
	"github.com/laminasim/lamina/simulate"
)

// BallAndStick builds the cell step by step; each method is one of the
// tutorial's template steps, filling in the cell.Cell data.
type BallAndStick struct {
	c cell.Cell
}

func (b *BallAndStick) createSections() {
	b.c.Type = "BallAndStick"
	b.c.Sections = []morph.Section{{Name: "soma"}, {Name: "dend"}}
}

func (b *BallAndStick) buildTopology() {
	// dend(0) connects to soma(1)
	b.c.Sections[1].Parent, b.c.Sections[1].ParentX = "soma", 1
}

func (b *BallAndStick) buildSubsets() {
	b.c.Groups = map[string][]string{"somatic": {"soma"}, "dendritic": {"dend"}}
}

func (b *BallAndStick) defineGeometry() {
	soma, dend := &b.c.Sections[0], &b.c.Sections[1]
	soma.L, soma.Diam, soma.NSeg = 12.6157, 12.6157, 1
	dend.L, dend.Diam, dend.NSeg = 200, 1, 11
	for i := range b.c.Sections {
		b.c.Sections[i].Ra, b.c.Sections[i].Cm, b.c.Sections[i].VInit = 100, 1, -65
	}
	// 3-D ends, for the morphology figure: the soma along x, the
	// dendrite on from it.
	b.c.Sections[0].Ends = &[2]morph.Point3D{{X: -12.6157}, {X: 0}}
	b.c.Sections[1].Ends = &[2]morph.Point3D{{X: 0}, {X: 200}}
}

func (b *BallAndStick) defineBiophysics() {
	b.c.Mechanisms = []cell.Paint{
		// soma: hh with NEURON's defaults except the leak
		{Mech: "hh", Sections: []string{"somatic"}, Params: map[string]cell.Profile{
			"gnabar": cell.Value(0.12), "gkbar": cell.Value(0.036), "gl": cell.Value(0.0003), "el": cell.Value(-54.3)}},
		// dendrite: passive, its conductance falling off with distance
		// from the soma, 0.001·exp(-d/400 µm) S/cm² (a profile is data)
		{Mech: "pas", Sections: []string{"dendritic"}, Params: map[string]cell.Profile{
			"g": cell.ExpProfile(0.001, -1.0/400, 0), "e": cell.Value(-65)}},
	}
}

func (b *BallAndStick) createSynapses() {
	// synlist[0]: an excitatory ExpSyn at dend(0.5)
	b.c.Points = []cell.Place{{Name: "syn", Mech: "ExpSyn", Section: "dend", X: 0.5,
		Params: map[string]float64{"tau": 2, "e": 0}}}
	// the spike detector: soma(0.5) v crossing 10 mV (NEURON's default
	// NetCon threshold)
	b.c.Detector = &cell.Detector{Section: "soma", X: 0.5, ThresholdMV: 10}
}

// NewBallAndStick runs the template steps in the tutorial's order.
func NewBallAndStick() *cell.Cell {
	var b BallAndStick
	b.createSections()
	b.buildTopology()
	b.buildSubsets()
	b.defineGeometry()
	b.defineBiophysics()
	b.createSynapses()
	return &b.c
}

// ring builds the ring of n cells with the network manager: cell gids 0 to
// n-1, the NetStim at gid n.
func ring(n int) (*netman.Manager, error) {
	m := netman.New(nil)
	tmpl := NewBallAndStick()
	for gid := 0; gid < n; gid++ {
		if err := m.Register(gid, tmpl, "ring"); err != nil {
			return nil, err
		}
	}
	// one event at 9 ms: NetStim(number 1, start 9, noise 0)
	if err := m.RegisterNetStim(n, drive.NetStimParams{IntervalMs: 10, Number: 1, StartMs: 9}, 1, "stim"); err != nil {
		return nil, err
	}
	if err := m.Connect(n, 0, 0, 0.04, 1, 10); err != nil {
		return nil, err
	}
	for gid := 0; gid < n; gid++ {
		// pre, post, synapse index, weight µS, delay ms, threshold mV
		if err := m.Connect(gid, (gid+1)%n, 0, 0.05, 5, 10); err != nil {
			return nil, err
		}
	}
	m.WantAllSpikes()
	return m, nil
}

// run simulates the ring and writes spikes.csv, cell.json, model.json and
// raster.png to out.
func run(out string, n int, tstopMs float64) (*netman.Result, error) {
	m, err := ring(n)
	if err != nil {
		return nil, err
	}
	res, err := m.Run(tstopMs, simulate.Options{})
	if err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(out, "spikes.csv"))
	if err != nil {
		return nil, err
	}
	if err := res.WriteSpikes(f, 0); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	for name, v := range map[string]any{"cell.json": NewBallAndStick(), "model.json": res.Plan.Net} {
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	var ts []float64
	var gids []int
	var types []string
	for _, s := range res.Trials[0] {
		ts, gids, types = append(ts, s.TimeMs), append(gids, int(s.GID)), append(types, res.Type(s.GID))
	}
	fig, err := plot.TutorialRaster(ts, gids, types, fmt.Sprintf("ring of %d ball-and-stick cells", n))
	if err != nil {
		return nil, err
	}
	return res, plot.SaveFigure(fig, filepath.Join(out, "raster.png"), 720, 360*vg.Length(1))
}

func main() {
	out := flag.String("out", "out/custom_cell", "directory the outputs are written to")
	n := flag.Int("n", 20, "number of cells in the ring")
	tstop := flag.Float64("tstop-ms", 100, "simulated time, ms")
	flag.Int("trials", 1, "number of trials (the ring is deterministic: 1)")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	res, err := run(*out, *n, *tstop)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range res.Trials[0] {
		fmt.Printf("%8.3f ms  gid %3d  %s\n", s.TimeMs, s.GID, res.Type(s.GID))
	}
}
