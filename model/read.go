package model

import (
	"fmt"
	"io"

	"github.com/laminasim/lamina/model/jsonstrict"
)

// Parse decodes a network from a model file's contents, strictly (package
// model/jsonstrict): unknown keys (a misspelled "weight" for "weight_uS"
// inside connections[] included), repeated keys, values of the wrong type
// and syntax errors are errors that give the line, the column and the
// JSON path, e.g.
//
//	model: line 6 column 6: connections[0].weight: unknown key "weight" (did you mean "weight_uS"?)
//
// The network is not validated; call Validate.
func Parse(data []byte) (*Network, error) { return parse("", data) }

// Read reads a network from r as Parse does, at most jsonstrict.MaxSize
// bytes.
func Read(r io.Reader) (*Network, error) {
	data, err := jsonstrict.ReadAll("", r)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return parse("", data)
}

// ReadFile reads the model file at path as Parse does, at most
// jsonstrict.MaxSize bytes; errors name the file.
func ReadFile(path string) (*Network, error) {
	data, err := jsonstrict.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return parse(path, data)
}

func parse(name string, data []byte) (*Network, error) {
	var n Network
	if err := jsonstrict.DecodeNamed(name, data, &n); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return &n, nil
}
