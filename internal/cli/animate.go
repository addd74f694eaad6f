package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/laminasim/lamina/format/safefile"
	"github.com/laminasim/lamina/output"
	"github.com/laminasim/lamina/plot/netview"
)

type animateFlags struct {
	out                    string
	trial                  int
	movie                  netview.MovieOptions
	xlim, ylim, zlim       string
	widthPx, heightPx      int
	azim, elev, vmin, vmax float64
	quiet                  bool
}

func newAnimateCmd() *cobra.Command {
	var f animateFlags
	def, mdef := netview.DefaultView(), netview.DefaultMovieOptions()
	cmd := &cobra.Command{
		Use:   "animate DIR --out FILE.gif",
		Short: "Animate a run in 3-D: every section coloured by its membrane potential (an animated GIF)",
		Long: `Draw the network of a run in 3-D, every section of every cell at its place and coloured
by its membrane potential, and write one frame per selected sample as an animated GIF:
HNN-core's NetworkPlotter.export_movie. It needs the potential of every section, which
lamina simulate records with --record-vsec all (the example "animation" does so):
DIR/vsec_trial<k>.csv.

Frames are samples --frame-start, --frame-start + --decim, ... before --frame-stop (0: the
last sample, as export_movie's frame_stop=None); the recording holds one sample per time
step. The view is matplotlib's view_init(elev, azim), z (cortical depth) up; the box
drawn fits the network unless --xlim-um, --ylim-um, --zlim-um give it (lo,hi in µm).`,
		Example: "  lamina simulate --example animation --out run/\n" +
			"  lamina animate run/ --out run/movie.gif\n" +
			"  lamina animate run/ --out zoom.gif --decim 4 --frame-start 2000 --frame-stop 3200 --azim 250 --elev 25",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runAnimate(cmd, args[0], &f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "", "the GIF to write")
	fl.IntVar(&f.trial, "trial", 0, "trial to animate")
	fl.Float64Var(&f.movie.FPS, "fps", 10, "frames per second (at most 50: GIF delays are whole hundredths of a second)")
	fl.IntVar(&f.movie.Decim, "decim", mdef.Decim, "show every decim-th sample")
	fl.IntVar(&f.movie.FrameStart, "frame-start", 0, "first sample shown")
	fl.IntVar(&f.movie.FrameStop, "frame-stop", 0, "sample to stop before (0: the last)")
	fl.Float64Var(&f.azim, "azim", def.AzimDeg, "azimuth of the eye, degrees (HNN-core's NetworkPlotter: -500, the same view)")
	fl.Float64Var(&f.elev, "elev", def.ElevDeg, "elevation of the eye, degrees")
	fl.Float64Var(&f.vmin, "vmin-mv", def.VMinMV, "potential at the colour map's low end, mV")
	fl.Float64Var(&f.vmax, "vmax-mv", def.VMaxMV, "potential at the colour map's high end, mV")
	fl.StringVar(&f.xlim, "xlim-um", "", "x limits of the box drawn, lo,hi µm (default: the network's extent)")
	fl.StringVar(&f.ylim, "ylim-um", "", "y limits, lo,hi µm")
	fl.StringVar(&f.zlim, "zlim-um", "", "z (depth) limits, lo,hi µm")
	fl.IntVar(&f.widthPx, "width-px", def.WidthPx, "frame width, pixels")
	fl.IntVar(&f.heightPx, "height-px", def.HeightPx, "frame height, pixels")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress bar")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

func runAnimate(cmd *cobra.Command, dir string, f *animateFlags) error {
	s, err := output.Load(dir)
	if err != nil {
		return err
	}
	if f.trial < 0 || f.trial >= s.Trials {
		return fmt.Errorf("--trial %d: the outputs hold trials 0 to %d", f.trial, s.Trials-1)
	}
	if s.Network == nil {
		return fmt.Errorf("%s holds a point-neuron network: a network view draws cable cells", dir)
	}
	const needAll = "run lamina simulate with --record-vsec all"
	if s.Spec != nil && s.Spec.Record.VSec != "all" {
		what := "no membrane potentials"
		if s.Spec.Record.VSec == "soma" {
			what = "the membrane potential of the soma only"
		}
		return fmt.Errorf("%s: the run recorded %s; an animation needs every section's: %s", dir, what, needAll)
	}
	scene, err := netview.NewScene(s.Network)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, fmt.Sprintf("vsec_trial%d.csv", f.trial))
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no membrane potentials recorded: %s", path, needAll)
	} else if err != nil {
		return err
	}
	rec, err := netview.ReadRecording(scene, file, path)
	file.Close()
	if err != nil {
		return err
	}
	v := netview.DefaultView()
	v.AzimDeg, v.ElevDeg, v.VMinMV, v.VMaxMV, v.WidthPx, v.HeightPx = f.azim, f.elev, f.vmin, f.vmax, f.widthPx, f.heightPx
	for _, l := range []struct {
		flag, v string
		dst     *[2]float64
	}{{"--xlim-um", f.xlim, &v.XLimUm}, {"--ylim-um", f.ylim, &v.YLimUm}, {"--zlim-um", f.zlim, &v.ZLimUm}} {
		if l.v == "" {
			continue
		}
		lo, hi, ok := strings.Cut(l.v, ",")
		a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("%s %q: want lo,hi in µm, e.g. 400,1600", l.flag, l.v)
		}
		*l.dst = [2]float64{a, b}
	}
	v.Title = s.Name
	if s.Trials > 1 {
		v.Title = fmt.Sprintf("%s, trial %d", s.Name, f.trial)
	}
	r, err := netview.NewRenderer(scene, v)
	if err != nil {
		return err
	}
	frames, err := f.movie.Frames(len(rec.TimesMs))
	if err != nil {
		return err
	}
	delay, err := f.movie.Delay()
	if err != nil {
		return err
	}
	bar := newCountBar(cmd.ErrOrStderr(), f.quiet, len(frames), "frames")
	o := f.movie
	o.Progress = func(done, _ int) { bar.set(done) }
	start := time.Now()
	err = safefile.Write(f.out, func(w io.Writer) error { return netview.Movie(w, r, rec, o) })
	bar.finish()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	size := int64(0)
	if st, err := os.Stat(f.out); err == nil {
		size = st.Size()
	}
	t0, t1 := rec.TimesMs[frames[0]], rec.TimesMs[frames[len(frames)-1]]
	fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d frames of %d × %d pixels, t = %.6g to %.6g ms, %.1f s (%g fps), %.0f KB; %.1f ms per frame\n",
		f.out, len(frames), v.WidthPx, v.HeightPx, t0, t1, float64(len(frames)*delay)/100, f.movie.FPS, float64(size)/1000,
		float64(elapsed.Microseconds())/1000/float64(len(frames)))
	return nil
}
