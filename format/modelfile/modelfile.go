// Package modelfile reads a model or run file in any of the formats
// Lamina takes, telling them apart by name and content, and returns a
// run spec: a Lamina run spec (run.json, as every run writes), a Lamina
// network (cable or mixed), a point-neuron network, an HNN-core network
// configuration (write_network_configuration), or an HNN-core parameter
// file (.param or flat .json, built as neymotin_2020_model(params,
// add_drives_from_params=True)).
package modelfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/laminasim/lamina/format/hnnnet"
	"github.com/laminasim/lamina/format/hnnparams"
	"github.com/laminasim/lamina/model"
	"github.com/laminasim/lamina/model/jsonstrict"
	"github.com/laminasim/lamina/models/hnn"
	"github.com/laminasim/lamina/models/zoo"
	"github.com/laminasim/lamina/pointnet"
	"github.com/laminasim/lamina/spec"
)

// Formats.
const (
	FormatSpec      = "spec"        // a Lamina run spec
	FormatLamina    = "lamina"      // model.Network as JSON
	FormatPoint     = "point"       // pointnet.Network as JSON
	FormatHNNNet    = "hnn-network" // HNN-core's write_network_configuration JSON
	FormatHNNParams = "hnn-params"  // HNN-core's read_params: legacy .param or flat .json
)

// Options are the settings of Read.
type Options struct {
	// Legacy reads an HNN-core parameter file in legacy_mode (the HNN
	// GUI's gids and seeds).
	Legacy bool
}

// File is what Read found.
type File struct {
	// Run is the run the file describes: a run spec as written, or the
	// model with the file's run length (parameter files' tstop, else 0).
	Run    *spec.Run
	Format string
}

// Detect tells a model file's format from its name and contents.
func Detect(path string, data []byte) (string, error) {
	if strings.HasSuffix(path, ".param") {
		return FormatHNNParams, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return "", fmt.Errorf("%s: not a model file (a Lamina run spec or model, an HNN-core network or parameter JSON, or a .param file): %w", path, err)
	}
	var ot string
	if raw, ok := top["object_type"]; ok && json.Unmarshal(raw, &ot) == nil && ot == "Network" {
		return FormatHNNNet, nil
	}
	if spec.IsSpec(top) {
		return FormatSpec, nil
	}
	if raw, ok := top["populations"]; ok {
		var pops []map[string]json.RawMessage
		if json.Unmarshal(raw, &pops) == nil && len(pops) > 0 {
			_, n := pops[0]["n"]
			_, m := pops[0]["model"]
			if n && m {
				return FormatPoint, nil
			}
		}
		return FormatLamina, nil
	}
	// A flat object is an HNN-core parameter file only if HNN-core's
	// read_params knows at least one of its keys: a file of unknown keys
	// would otherwise run HNN-core's default column silently.
	p, err := hnnparams.ParseJSON(data)
	if err != nil || p.Len() > len(hnnparams.Unknown(p)) {
		return FormatHNNParams, nil // Parse reports the error
	}
	keys := p.Keys()
	slices.Sort(keys)
	const maxKeys = 8
	found := "none (an empty object)"
	if len(keys) > maxKeys {
		found = strings.Join(keys[:maxKeys], ", ") + fmt.Sprintf(", ... (%d keys)", len(keys))
	} else if len(keys) > 0 {
		found = strings.Join(keys, ", ")
	}
	return "", fmt.Errorf("%s: not a model file: want a Lamina run spec (tstop_ms with network or point), a Lamina or point network (populations), an HNN-core network configuration (object_type \"Network\") or an HNN-core parameter file (keys of HNN-core's read_params such as tstop, dt, N_pyr_x); found keys: %s", path, found)
}

// Read reads the file at path.
func Read(path string, o Options) (*File, error) {
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, o)
}

// Parse reads a model file's contents; path names it in errors and tells
// .param files.
func Parse(path string, data []byte, o Options) (*File, error) {
	format, err := Detect(path, data)
	if err != nil {
		return nil, err
	}
	out := &File{Format: format, Run: &spec.Run{}}
	switch format {
	case FormatSpec:
		if err := jsonstrict.DecodeNamed(path, data, out.Run); err != nil {
			return nil, fmt.Errorf("spec: %w", err)
		}
	case FormatLamina:
		net, err := model.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out.Run.Network = net
	case FormatPoint:
		net, err := pointnet.Read(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out.Run.Point = net
	case FormatHNNNet:
		net, err := hnnnet.Read(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out.Run.Network = net
	default:
		p, err := hnnparams.Parse(path, data)
		if err != nil {
			return nil, err
		}
		net, err := hnn.FromParamsOptions(p, hnn.ParamsOptions{AddDrives: true, Legacy: o.Legacy})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out.Run.Network = net
		if v, err := p.Float("tstop"); err == nil {
			out.Run.TStopMs = v
		}
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	switch {
	case out.Run.Network != nil && out.Run.Network.Name == "":
		out.Run.Network.Name = name
	case out.Run.Point != nil && out.Run.Point.Name == "":
		out.Run.Point.Name = name
	}
	return out, nil
}

// WriteModel writes a run's model alone in format: FormatLamina (a cable
// or mixed network, or a point network, each in Lamina's JSON),
// FormatHNNNet (HNN-core's network configuration; cable networks that
// HNN-core can express) or FormatSpec (the whole run spec).
func WriteModel(path string, r *spec.Run, format string) error {
	var b bytes.Buffer
	switch {
	case format == FormatSpec:
		if err := r.Write(&b); err != nil {
			return err
		}
	case format == FormatLamina && r.Point != nil:
		if err := r.Point.Write(&b); err != nil {
			return err
		}
	case format == FormatLamina && r.Network != nil:
		j, err := json.MarshalIndent(r.Network, "", "  ")
		if err != nil {
			return err
		}
		b.Write(append(j, '\n'))
	case format == FormatHNNNet && r.Network != nil:
		if r.Network.Point != nil {
			return fmt.Errorf("to %s: HNN-core's network configuration has no point neurons (the model is a mixed network)", format)
		}
		return hnnnet.WriteFile(path, r.Network)
	case format == FormatHNNNet:
		return fmt.Errorf("to %s: a point network is not an HNN-core network", format)
	default:
		return fmt.Errorf("to %q: want %s, %s or %s", format, FormatLamina, FormatHNNNet, FormatSpec)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// Reference reads a model given by reference, as batch grids and fit
// files give it: a built-in example's name ("erp"), {"file": PATH} (a
// model file in any format Read takes, relative to dir), or a model
// inline (any format Parse takes, read as if from a file called inline,
// whose base name names a model that has none). what prefixes the errors
// (the field that held the reference, e.g. "grid meta").
func Reference(raw json.RawMessage, dir, what, inline string) (*spec.Run, error) {
	var name string
	if json.Unmarshal(raw, &name) == nil {
		e, ok := zoo.Named(name)
		if !ok {
			return nil, fmt.Errorf("%s: model %q: unknown example (known: %s)", what, name, zoo.Names())
		}
		r, err := e.Build(zoo.Options{})
		if err != nil {
			return nil, fmt.Errorf("%s: model %q: %w", what, name, err)
		}
		return r, nil
	}
	var file struct {
		File string `json:"file"`
	}
	if json.Unmarshal(raw, &file) == nil && file.File != "" {
		p := file.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		mf, err := Read(p, Options{})
		if err != nil {
			return nil, fmt.Errorf("%s: model: %w", what, err)
		}
		return mf.Run, nil
	}
	mf, err := Parse(inline, bytes.TrimSpace(raw), Options{})
	if err != nil {
		return nil, fmt.Errorf("%s: model: want an example name, {\"file\": PATH} or a model: %w", what, err)
	}
	return mf.Run, nil
}
