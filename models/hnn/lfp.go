package hnn

import (
	"fmt"

	"github.com/laminasim/lamina/electrode"
	"github.com/laminasim/lamina/model"
)

// SetCellPositions places the cells of an HNN-core network (populations
// L2/L5 basket and pyramidal, on its mesh_shape grid) as HNN-core's
// Network.set_cell_positions(inplane_distance, layer_separation) does:
// the grid spaced inplaneUm apart, the layers layerSepUm apart, the
// origin (where drive cells sit) in its middle, and the network's
// in-plane distance set so that the connections' space constants scale
// with it (weights and delays unchanged, up to rounding).
func SetCellPositions(net *model.Network, inplaneUm, layerSepUm float64) error {
	if !(inplaneUm > 0) || !(layerSepUm > 0) {
		return fmt.Errorf("hnn: set cell positions: inplane_distance %g µm, layer_separation %g µm: both must be > 0", inplaneUm, layerSepUm)
	}
	nx, ny := net.MeshShape[0], net.MeshShape[1]
	if nx < 1 || ny < 1 {
		return fmt.Errorf("hnn: set cell positions: mesh_shape %v: not an HNN-core grid", net.MeshShape)
	}
	pos, origin := Positions(nx, ny, inplaneUm, layerSepUm)
	for i := range net.Populations {
		p := &net.Populations[i]
		ps, ok := pos[p.Name]
		if !ok {
			return fmt.Errorf("hnn: set cell positions: population %q is not an HNN-core cell type", p.Name)
		}
		if len(ps) != len(p.Positions) {
			return fmt.Errorf("hnn: set cell positions: population %q has %d cells, the %d×%d grid %d", p.Name, len(p.Positions), nx, ny, len(ps))
		}
		p.Positions = ps
	}
	net.Origin = origin
	net.InplaneDistanceUm = inplaneUm
	return nil
}

// LaminarShank returns the contact positions of a laminar probe at (x,
// y), from z0 in steps of dz, n contacts (µm).
func LaminarShank(x, y, z0, dz float64, n int) [][3]float64 {
	out := make([][3]float64, n)
	for i := range out {
		out[i] = [3]float64{x, y, z0 + float64(i)*dz}
	}
	return out
}

// LFP is HNN-core's "Record extracellular potentials" example
// (plot_record_extracellular_potentials.py): neymotin_2020_model() (here
// Jones2009(10, 10)) with add_erp_drives_to_jones_model (event seeds
// 274, 544, 814), set_cell_positions(inplane_distance=30), and the laminar
// array "shank1" at (135, 135, z) for z = -325, -225, ..., 2075 µm with
// HNN-core's defaults (point sources, 0.3 S/m, 0.5 µm).
func LFP() *model.Network {
	net := Jones2009(10, 10)
	net.Name = "lfp"
	net.Drives = ERPDrives(4, true, 0)
	for i, seed := range []int{274, 544, 814} {
		net.Drives[i].EventSeed = seed
	}
	if err := SetCellPositions(net, 30, LayerSeparationUm); err != nil {
		panic(err) // the grid is HNN-core's own
	}
	net.Electrodes = []electrode.Array{electrode.New("shank1", LaminarShank(135, 135, -325, 100, 25))}
	return net
}
