package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"
)

// ParseGridYAML reads a grid written in YAML instead of JSON (the same
// keys and values; YAML's comments, anchors and flow or block style are
// allowed) and validates it, as ParseGrid does:
//
//	parameters:
//	  weight_basket: {logspace: [-4, -1, 20]}
//	  weight_pyr: {logspace: [-4, -1, 20]}
//	combinations: false
//	meta:
//	  model: erp
//	  tstop_ms: 170
//
// Mapping keys keep their order (the parameters' order is the order of
// the summary's columns).
func ParseGridYAML(data []byte) (*Grid, error) {
	js, err := yamlToJSON(data)
	if err != nil {
		return nil, fmt.Errorf("batch: grid: %w", err)
	}
	return parseGridPlain(js)
}

// YAMLToJSON converts one YAML document to JSON as ParseGridYAML reads
// it, keeping the order of mapping keys; other commands' YAML input files
// (lamina fit's) go through it too.
func YAMLToJSON(data []byte) ([]byte, error) { return yamlToJSON(data) }

// yamlToJSON converts one YAML document to JSON, keeping the order of
// mapping keys.
func yamlToJSON(data []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("empty YAML document")
	}
	w := jsonWriter{budget: maxYAMLNodes}
	if err := w.write(doc.Content[0], 0); err != nil {
		return nil, err
	}
	return w.b.Bytes(), nil
}

// maxYAMLDepth bounds nesting (and alias cycles).
const maxYAMLDepth = 100

// maxYAMLNodes bounds the values a grid expands to, aliases expanded: a
// million, far more than any grid (a parameter's values are given as a
// few numbers or a linspace). It refuses an alias bomb (each anchor
// aliasing the previous one ten times over: a kilobyte of YAML that
// expands to billions of values) before it exhausts memory.
const maxYAMLNodes = 1_000_000

// jsonWriter writes YAML nodes as JSON, counting the nodes written.
type jsonWriter struct {
	b      bytes.Buffer
	budget int
}

func (w *jsonWriter) write(n *yaml.Node, depth int) error {
	if depth > maxYAMLDepth {
		return fmt.Errorf("line %d: nested more than %d deep", n.Line, maxYAMLDepth)
	}
	if w.budget--; w.budget < 0 {
		return fmt.Errorf("line %d: the document expands (aliases expanded) to more than %d values", n.Line, maxYAMLNodes)
	}
	b := &w.b
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			b.WriteString("null")
			return nil
		}
		return w.write(n.Content[0], depth+1)
	case yaml.AliasNode:
		return w.write(n.Alias, depth+1)
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := w.write(c, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: a mapping key must be a plain value", k.Line)
			}
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(k.Value)
			b.Write(key)
			b.WriteByte(':')
			if err := w.write(v, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case yaml.ScalarNode:
		var v any
		switch n.ShortTag() {
		case "!!null":
			v = nil
		case "!!int", "!!float":
			// Keep the literal where JSON reads it alike (a grid keeps
			// its numbers as written).
			if isJSONNumber(n.Value) {
				b.WriteString(n.Value)
				return nil
			}
			fallthrough
		case "!!bool":
			if err := n.Decode(&v); err != nil {
				return fmt.Errorf("line %d: %w", n.Line, err)
			}
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				return fmt.Errorf("line %d: %s is not a finite number", n.Line, n.Value)
			}
		default:
			v = n.Value
		}
		js, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("line %d: %w", n.Line, err)
		}
		b.Write(js)
		return nil
	}
	return fmt.Errorf("line %d: unsupported YAML node", n.Line)
}

// isJSONNumber reports whether s is a number literal in JSON's grammar:
// valid JSON that starts as only a number can.
func isJSONNumber(s string) bool {
	return s != "" && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) && json.Valid([]byte(s))
}
