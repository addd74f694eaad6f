package hnn

import "github.com/laminasim/lamina/model"

// Geometry of HNN-core's animation example (examples/howto/plot_hnn_animation.py):
// a 3 × 3 pyramidal grid whose somata are moved 300 µm apart
// (net.set_cell_positions(inplane_distance=300)) so that the cells can be
// told apart in a 3-D view.
const (
	AnimationMeshX, AnimationMeshY = 3, 3
	AnimationInplaneDistanceUm     = 300.0
)

// Animation is HNN-core's animation example (plot_hnn_animation.py):
// neymotin_2020_model(mesh_shape=(3, 3)) with its cells set 300 µm apart
// in the plane (set_cell_positions(inplane_distance=300), which also
// scales the connections' space constants, as in HNN-core), driven by
// add_erp_drives_to_jones_model: the ERP drives with their event seeds
// 274 (evdist1), 544 (evprox1) and 814 (evprox2). 24 cells (9 + 9
// pyramidal, 3 + 3 basket), 159 sections; the example simulates 170 ms
// with record_vsec='all' (Examples sets that for the zoo).
func Animation() *model.Network {
	net := Jones2009(AnimationMeshX, AnimationMeshY)
	net.Name = "animation"
	pos, origin := Positions(AnimationMeshX, AnimationMeshY, AnimationInplaneDistanceUm, LayerSeparationUm)
	for i := range net.Populations {
		net.Populations[i].Positions = pos[net.Populations[i].Name]
	}
	net.Origin = origin
	net.InplaneDistanceUm = AnimationInplaneDistanceUm
	net.Drives = ERPDrives(0, true, 0)
	seeds := map[string]int{"evdist1": 274, "evprox1": 544, "evprox2": 814}
	for k := range net.Drives {
		net.Drives[k].EventSeed = seeds[net.Drives[k].Name]
	}
	return net
}
