package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Set changes one value of the network given by a path into its JSON form
// (the names of a model file): dot-separated keys, where a list element is
// chosen by its "name" (populations, drives, biases) or by its index, for
// example
//
//	drives.evprox1.weights_ampa_uS.L2_basket
//	drives.evprox1.evoked.mu_ms
//	connections.3.weight_uS
//	celsius
//
// A path may end in a key of a map that lacks it (adding a weight onto a
// new target type), but every other step must exist. value must encode to
// JSON (a number, string, bool). The changed network is not validated;
// call Validate. Errors name the path and the step that failed.
func (n *Network) Set(path string, value any) error {
	var out Network
	if err := SetPath(n, &out, path, value); err != nil {
		return err
	}
	*n = out
	return nil
}

// SetPath is Network.Set for any description that round-trips through
// JSON (a point network, a run spec): it changes one value of src's JSON
// form, given by path as Set says, and decodes the result into dst (a
// pointer to a zero value of src's type), rejecting unknown fields.
func SetPath(src, dst any, path string, value any) error {
	b, err := json.Marshal(src)
	if err != nil {
		return err
	}
	var root any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return err
	}
	steps := strings.Split(path, ".")
	if path == "" {
		return fmt.Errorf("model: set: empty path")
	}
	cur := root
	for i, step := range steps {
		last := i == len(steps)-1
		here := strings.Join(steps[:i+1], ".")
		switch node := cur.(type) {
		case map[string]any:
			next, ok := node[step]
			if last {
				if !ok && !isMapOfValues(node) {
					return fmt.Errorf("model: set %s: no field %q (fields: %s)", path, step, keys(node))
				}
				node[step] = value
				break
			}
			if (!ok || next == nil) && i == len(steps)-2 {
				// a table left out of the file (omitempty), e.g. the NMDA
				// weights of an AMPA-only drive; a wrong name is caught
				// when the network is decoded
				next = map[string]any{}
				node[step] = next
			} else if !ok || next == nil {
				return fmt.Errorf("model: set %s: %s does not exist", path, here)
			}
			cur = next
		case []any:
			k, err := elementIndex(node, step)
			if err != nil {
				return fmt.Errorf("model: set %s: at %s: %w", path, here, err)
			}
			if last {
				node[k] = value
				break
			}
			cur = node[k]
		default:
			return fmt.Errorf("model: set %s: %s is a value, not a group", path, strings.Join(steps[:i], "."))
		}
	}
	b, err = json.Marshal(root)
	if err != nil {
		return fmt.Errorf("model: set %s: %w", path, err)
	}
	dec = json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("model: set %s = %v: %w", path, value, err)
	}
	return nil
}

// isMapOfValues reports whether a JSON object is a map of numbers (a
// weights or delays table), to which Set may add a key.
func isMapOfValues(m map[string]any) bool {
	if len(m) == 0 {
		return true
	}
	for _, v := range m {
		if _, ok := v.(json.Number); !ok {
			return false
		}
	}
	return true
}

// elementIndex finds a list element by "name" or by index.
func elementIndex(list []any, step string) (int, error) {
	var names []string
	for k, e := range list {
		if m, ok := e.(map[string]any); ok {
			if name, ok := m["name"].(string); ok {
				if name == step {
					return k, nil
				}
				names = append(names, name)
			}
		}
	}
	if k, err := strconv.Atoi(step); err == nil {
		if k < 0 || k >= len(list) {
			return 0, fmt.Errorf("index %d out of range [0, %d)", k, len(list))
		}
		return k, nil
	}
	return 0, fmt.Errorf("no element named %q (names: %s)", step, strings.Join(names, ", "))
}

func keys(m map[string]any) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}
