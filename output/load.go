package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/laminasim/lamina/results"

	"github.com/laminasim/lamina/analysis"
	"github.com/laminasim/lamina/dipole"
	"github.com/laminasim/lamina/format/csvfile"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/record"
	"github.com/laminasim/lamina/spec"
	"github.com/sbinet/npyio"
	"gonum.org/v1/gonum/mat"
)

// Saved is a run's outputs read back from its directory.
type Saved struct {
	Dir string
	// Spec is the run (run.json), nil for outputs older than run specs;
	// Network is the cable or mixed model (nil for a point network).
	Spec    *spec.Run
	Network *model.Network
	// Name names the run; Ranges are the model's gid ranges.
	Name   string
	Ranges record.Ranges
	Trials int
	// TStopMs is the run's length.
	TStopMs float64
	// Dipoles holds dipole.csv, one per trial (nAm, processed); nil
	// without a dipole.
	Dipoles []*dipole.Dipole
	// Spikes holds spikes.csv.
	Spikes SpikeColumns
	// Series holds every trial's point monitors (monitor_*.csv).
	Series [][]record.Series
	// Potentials holds every trial's electrode arrays (lfp_*.npy), at the
	// dipole's sample times.
	Potentials [][]record.Potentials
}

// SpikeColumns are spikes.csv's columns.
type SpikeColumns struct {
	TimesMs []float64
	GIDs    []int
	Types   []string
	Trials  []int
}

// Trial returns the spikes of trial k as record.Spikes, in file order.
func (c *SpikeColumns) Trial(k int) []record.Spike {
	var out []record.Spike
	for i, t := range c.Trials {
		if t == k {
			out = append(out, record.Spike{TimeMs: c.TimesMs[i], GID: record.GID(c.GIDs[i])})
		}
	}
	return out
}

// Load reads the outputs of a run in dir: summary.json (required),
// run.json (or, for older outputs, model.json), spikes.csv, dipole.csv
// and the point monitors.
func Load(dir string) (*Saved, error) {
	s := &Saved{Dir: dir}
	var sum struct {
		Model   string        `json:"model"`
		Trials  int           `json:"trials"`
		TStopMs float64       `json:"tstop_ms"`
		Ranges  record.Ranges `json:"ranges"`
	}
	b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		return nil, fmt.Errorf("%s does not hold the outputs of lamina simulate: %w", dir, err)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, SummaryFile), err)
	}
	s.Name, s.Trials, s.TStopMs, s.Ranges = sum.Model, sum.Trials, sum.TStopMs, sum.Ranges
	if s.Trials < 1 || !(s.TStopMs > 0) {
		return nil, fmt.Errorf("%s: trials %d, tstop_ms %g", filepath.Join(dir, SummaryFile), s.Trials, s.TStopMs)
	}
	if f, err := os.Open(filepath.Join(dir, RunFile)); err == nil {
		run, err := spec.Read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, RunFile), err)
		}
		s.Spec, s.Network = run, run.Network
	} else if b, err := os.ReadFile(filepath.Join(dir, ModelFile)); err == nil {
		// outputs written before run specs: a cable model
		if net, err := model.Parse(b); err == nil {
			s.Network = net
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if len(s.Ranges) == 0 {
		switch {
		case s.Spec != nil:
			s.Ranges = s.Spec.Ranges()
		case s.Network != nil:
			s.Ranges = s.Network.Ranges()
		}
	}
	if len(s.Ranges) == 0 {
		return nil, fmt.Errorf("%s: neither %s nor %s says the model's populations", dir, SummaryFile, RunFile)
	}
	if err := s.Ranges.Check(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, SummaryFile), err)
	}
	sp, err := csvfile.ReadTable(filepath.Join(dir, SpikesFile), map[string]byte{"trial": 'i', "time_ms": 'f', "gid": 'i', "type": 's'})
	if err != nil {
		return nil, err
	}
	s.Spikes = SpikeColumns{TimesMs: sp["time_ms"].F, GIDs: sp["gid"].I, Types: sp["type"].S, Trials: sp["trial"].I}
	for i, k := range s.Spikes.Trials {
		if k < 0 || k >= s.Trials {
			return nil, fmt.Errorf("%s: row %d: trial %d, the run has trials 0 to %d", filepath.Join(dir, SpikesFile), i+2, k, s.Trials-1)
		}
	}
	if err := s.loadDipoles(); err != nil {
		return nil, err
	}
	if err := s.loadSeries(); err != nil {
		return nil, err
	}
	if err := s.loadPotentials(); err != nil {
		return nil, err
	}
	return s, nil
}

// loadPotentials reads the electrode arrays the spec's network declares.
func (s *Saved) loadPotentials() error {
	if s.Network == nil || len(s.Network.Electrodes) == 0 {
		return nil
	}
	s.Potentials = make([][]record.Potentials, s.Trials)
	for k := range s.Trials {
		for _, a := range s.Network.Electrodes {
			path := filepath.Join(s.Dir, PotentialsNPY(a.Name, k))
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Dir, err)
			}
			var m mat.Dense
			err = npyio.Read(f, &m)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			rows, cols := m.Dims()
			if rows != len(a.PositionsUm) {
				return fmt.Errorf("%s: %d contacts, the array has %d", path, rows, len(a.PositionsUm))
			}
			p := record.Potentials{Array: a.Name, PositionsUm: a.PositionsUm}
			for c := range rows {
				p.DataUV = append(p.DataUV, mat.Row(nil, c, &m))
			}
			if len(s.Dipoles) > k && len(s.Dipoles[k].TimesMs) == cols {
				p.TimeMs = s.Dipoles[k].TimesMs
			} else if s.Spec != nil {
				for i := range cols {
					p.TimeMs = append(p.TimeMs, float64(i)*s.Spec.DtMs)
				}
			}
			s.Potentials[k] = append(s.Potentials[k], p)
		}
	}
	return nil
}

func (s *Saved) loadDipoles() error {
	path := filepath.Join(s.Dir, DipoleFile)
	header, cols, err := csvfile.ReadColumns(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a network without dipole layers
	} else if err != nil {
		return err
	}
	if len(header) < 3 || header[0] != "trial" || header[1] != "time_ms" {
		return fmt.Errorf("%s: header %v, want trial, time_ms, then one LAYER_nAm column per layer", path, header)
	}
	var layers []string
	for _, h := range header[2:] {
		layers = append(layers, strings.TrimSuffix(h, "_nAm"))
	}
	for lo := 0; lo < len(cols[0]); {
		trial := cols[0][lo]
		hi := lo
		for hi < len(cols[0]) && cols[0][hi] == trial {
			hi++
		}
		data := map[string][]float64{}
		for j, l := range layers {
			data[l] = cols[2+j][lo:hi]
		}
		d, err := dipole.New(cols[1][lo:hi], layers, data, dipole.UnitNAm)
		if err != nil {
			return fmt.Errorf("%s: trial %g: %w", path, trial, err)
		}
		s.Dipoles = append(s.Dipoles, d)
		lo = hi
	}
	return nil
}

// loadSeries reads the point monitors the spec's point network (or
// mixed network's point part) declares.
func (s *Saved) loadSeries() error {
	if s.Spec == nil {
		return nil
	}
	net := s.Spec.Point
	if net == nil && s.Network != nil {
		net = s.Network.Point
	}
	if net == nil || len(net.Monitors) == 0 {
		return nil
	}
	s.Series = make([][]record.Series, s.Trials)
	for k := range s.Trials {
		for _, m := range net.Monitors {
			for _, v := range m.Variables {
				path := filepath.Join(s.Dir, SeriesFile(m.Population, v, k))
				header, cols, err := csvfile.ReadColumns(path)
				if errors.Is(err, fs.ErrNotExist) {
					continue
				} else if err != nil {
					return err
				}
				if len(header) < 2 || header[0] != "time_ms" {
					return fmt.Errorf("%s: header %v, want time_ms, then one column per neuron", path, header)
				}
				ser := record.Series{Population: m.Population, Variable: v, TimeMs: cols[0], Data: cols[1:]}
				if _, unit, ok := strings.Cut(strings.SplitN(header[1], "[", 2)[0], v+"_"); ok {
					ser.Unit = unit
				}
				ser.Neurons = m.Neurons
				if len(ser.Neurons) == 0 {
					for j := range len(cols) - 1 {
						ser.Neurons = append(ser.Neurons, j)
					}
				}
				s.Series[k] = append(s.Series[k], ser)
			}
		}
	}
	return nil
}

// Title returns "<run name>: what".
func (s *Saved) Title(what string) string {
	name := s.Name
	if name == "" {
		name = "lamina"
	}
	return fmt.Sprintf("%s: %s", name, what)
}

// MeanRates returns the mean firing rates of the run's neuron
// populations over [tstartMs, tstopMs), as results.Result.MeanRates.
func (s *Saved) MeanRates(tstartMs, tstopMs float64, mode string) ([]analysis.Rates, error) {
	t := results.SpikeTable{TimesMs: s.Spikes.TimesMs, GIDs: s.Spikes.GIDs, Types: s.Spikes.Types, Trials: s.Spikes.Trials}
	return t.MeanRates(s.Ranges, s.Trials, tstartMs, tstopMs, mode)
}
