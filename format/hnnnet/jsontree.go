package hnnnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/laminasim/lamina/model/jsonstrict"
)

// kind is the type of a JSON value.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

func (k kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// node is a JSON value that keeps the order of object keys: HNN-core's files
// rely on it (cell types, sections and drives are ordered dicts).
type node struct {
	kind kind
	b    bool
	num  string // the number's text, as in the file
	str  string
	keys []string // object keys, in order
	vals []*node  // object values or array elements
	// Where the node is in the file that was parsed (none for nodes made
	// for writing): the offsets of the value and of its object keys.
	off     int64
	keyOffs []int64
	// used: the reader looked the value up (or skipped it on purpose); a
	// key of a used object whose value is not used is unknown.
	used bool
}

// parse reads one JSON value, at most jsonstrict.MaxSize bytes (see
// parseData).
func parse(r io.Reader) (*node, error) {
	data, err := jsonstrict.ReadAll("", r)
	if err != nil {
		return nil, err
	}
	return parseData(data)
}

// parseData reads one JSON value. Object keys may not repeat. Errors give
// the line and column.
func parseData(data []byte) (*node, error) {
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value("")
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, p.errorAt(p.next(), "", jsonstrict.Errorf(jsonstrict.ErrSyntax, "data after the top-level value"))
	}
	return n, nil
}

// parser builds a tree from data.
type parser struct {
	data []byte
	dec  *json.Decoder
}

// next returns the offset of the next token.
func (p *parser) next() int64 {
	off := p.dec.InputOffset()
	for off < int64(len(p.data)) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return off
}

// errorAt returns an error at offset off of the file, at path.
func (p *parser) errorAt(off int64, path string, err error) error {
	line, col := jsonstrict.Position(p.data, off)
	return &jsonstrict.Error{Line: line, Column: col, Offset: off, Path: path, Err: err}
}

// syntax places the first syntax error of the file (the decoder's err at
// path).
func (p *parser) syntax(err error, path string) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return p.errorAt(int64(len(p.data)), path, io.ErrUnexpectedEOF)
	}
	if e, ok := jsonstrict.Check(p.data).(*jsonstrict.Error); ok {
		e.Path = path
		return e
	}
	return p.errorAt(p.next(), path, err)
}

func (p *parser) value(path string) (*node, error) {
	off := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntax(err, path)
	}
	switch t := tok.(type) {
	case nil:
		return &node{kind: kNull, off: off}, nil
	case bool:
		return &node{kind: kBool, b: t, off: off}, nil
	case json.Number:
		return &node{kind: kNumber, num: string(t), off: off}, nil
	case string:
		return &node{kind: kString, str: t, off: off}, nil
	case json.Delim:
		switch t {
		case '[':
			n := &node{kind: kArray, off: off}
			for p.dec.More() {
				v, err := p.value(fmt.Sprintf("%s[%d]", path, len(n.vals)))
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, v)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntax(err, path)
			}
			return n, nil
		case '{':
			n := &node{kind: kObject, off: off}
			seen := map[string]int64{}
			for p.dec.More() {
				koff := p.next()
				kt, err := p.dec.Token()
				if err != nil {
					return nil, p.syntax(err, path)
				}
				k := kt.(string)
				if first, dup := seen[k]; dup {
					line, col := jsonstrict.Position(p.data, first)
					return nil, p.errorAt(koff, join(path, k), jsonstrict.Errorf(jsonstrict.ErrDuplicateKey,
						"key %q appears twice (first at line %d column %d)", k, line, col))
				}
				seen[k] = koff
				v, err := p.value(join(path, k))
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
				n.keyOffs = append(n.keyOffs, koff)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntax(err, path)
			}
			return n, nil
		}
	}
	return nil, p.errorAt(off, path, fmt.Errorf("unexpected token %v", tok))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

// short returns the value's JSON text, cut to a readable length.
func (n *node) short() string {
	if n == nil {
		return "nothing"
	}
	var buf bytes.Buffer
	n.encode(&buf)
	s := buf.String()
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// reader decodes a file's tree into Lamina types and collects errors, each
// naming the JSON path of the offending value.
type reader struct {
	errs []error
}

const maxErrors = 25

func (r *reader) failf(path, format string, a ...any) {
	r.fail(fmt.Errorf("%s: %s", orRoot(path), fmt.Sprintf(format, a...)))
}

// fail adds err, prefixed "hnnnet: ", to the list.
func (r *reader) fail(err error) {
	if len(r.errs) == maxErrors {
		r.errs = append(r.errs, errors.New("hnnnet: too many errors; stopping the list here"))
	}
	if len(r.errs) > maxErrors {
		return
	}
	r.errs = append(r.errs, fmt.Errorf("hnnnet: %w", err))
}

func (r *reader) err() error { return errors.Join(r.errs...) }

// val is a value of the tree at a path; n is nil when the value is missing
// (the error was then reported where it was looked up).
type val struct {
	n    *node
	path string
	r    *reader
}

func (v val) ok() bool     { return v.n != nil }
func (v val) isNull() bool { return v.n != nil && v.n.kind == kNull }

func (v val) want(k kind) bool {
	if v.n == nil {
		return false
	}
	if v.n.kind != k {
		v.r.failf(v.path, "got %s, want %s", v.n.short(), k)
		return false
	}
	return true
}

// field returns the required key of an object.
func (v val) field(key string) val {
	f, ok := v.opt(key)
	if !ok && v.n != nil && v.n.kind == kObject {
		v.r.failf(join(v.path, key), "missing")
	}
	return f
}

// opt returns the key of an object, if present.
func (v val) opt(key string) (val, bool) {
	p := join(v.path, key)
	if !v.want(kObject) {
		return val{path: p, r: v.r}, false
	}
	for i, k := range v.n.keys {
		if k == key {
			v.n.vals[i].used = true
			return val{n: v.n.vals[i], path: p, r: v.r}, true
		}
	}
	return val{path: p, r: v.r}, false
}

// each calls f for each key of an object, in order.
func (v val) each(f func(key string, e val)) {
	if !v.want(kObject) {
		return
	}
	for i, k := range v.n.keys {
		v.n.vals[i].used = true
		f(k, val{n: v.n.vals[i], path: join(v.path, k), r: v.r})
	}
}

// items returns the elements of an array.
func (v val) items() []val {
	if !v.want(kArray) {
		return nil
	}
	out := make([]val, len(v.n.vals))
	for i, e := range v.n.vals {
		e.used = true
		out[i] = val{n: e, path: fmt.Sprintf("%s[%d]", v.path, i), r: v.r}
	}
	return out
}

// ignore marks the keys of an object that the reader knows but does not
// read, with everything in them, as used.
func (v val) ignore(keys ...string) {
	if v.n == nil || v.n.kind != kObject {
		return
	}
	for i, k := range v.n.keys {
		for _, ik := range keys {
			if k == ik {
				v.n.vals[i].useAll()
			}
		}
	}
}

// useAll marks n and everything in it as used.
func (n *node) useAll() {
	n.used = true
	for _, e := range n.vals {
		e.useAll()
	}
}

// unknownKeys reports, for each object the reader used, the keys whose
// values it never looked up: keys this reader does not know, which might
// change the network if it read them (a misspelled optional key, a
// setting of a newer HNN-core). data is the file the tree was parsed from.
func (r *reader) unknownKeys(data []byte, n *node, path string) {
	switch n.kind {
	case kObject:
		for i, k := range n.keys {
			e, p := n.vals[i], join(path, k)
			if e.used {
				r.unknownKeys(data, e, p)
				continue
			}
			off := n.off
			if i < len(n.keyOffs) {
				off = n.keyOffs[i]
			}
			line, col := jsonstrict.Position(data, off)
			r.fail(&jsonstrict.Error{Line: line, Column: col, Offset: off, Path: p,
				Err: jsonstrict.Errorf(jsonstrict.ErrUnknownKey, "unknown key %q", k)})
		}
	case kArray:
		for i, e := range n.vals {
			if e.used {
				r.unknownKeys(data, e, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
}

func (v val) float() float64 {
	if !v.want(kNumber) {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(v.n.num, 64)
	if err != nil {
		v.r.failf(v.path, "%s is out of range", v.n.num)
		return math.NaN()
	}
	return f
}

func (v val) int() int {
	if !v.want(kNumber) {
		return 0
	}
	i, err := strconv.Atoi(v.n.num)
	if err != nil {
		f, ferr := strconv.ParseFloat(v.n.num, 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			v.r.failf(v.path, "got %s, want an integer", v.n.num)
			return 0
		}
		return int(f)
	}
	return i
}

func (v val) str() string {
	if !v.want(kString) {
		return ""
	}
	return v.n.str
}

// boolean reads true/false, or 0/1 as HNN-core writes allow_autapses.
func (v val) boolean() bool {
	if v.n != nil && v.n.kind == kNumber {
		switch v.n.num {
		case "0":
			return false
		case "1":
			return true
		}
		v.r.failf(v.path, "got %s, want true, false, 0 or 1", v.n.num)
		return false
	}
	if !v.want(kBool) {
		return false
	}
	return v.n.b
}

// point reads [x, y, z].
func (v val) point() [3]float64 {
	var p [3]float64
	if v.n == nil {
		return p
	}
	xs := v.items()
	if v.n.kind == kArray && len(xs) != 3 {
		v.r.failf(v.path, "got %s, want [x, y, z]", v.n.short())
		return p
	}
	for i, x := range xs {
		p[i] = x.float()
	}
	return p
}

// Building trees for writing.

func obj() *node { return &node{kind: kObject} }
func arr() *node { return &node{kind: kArray} }
func null() *node {
	return &node{kind: kNull}
}
func boolean(b bool) *node   { return &node{kind: kBool, b: b} }
func str(s string) *node     { return &node{kind: kString, str: s} }
func integer(i int) *node    { return &node{kind: kNumber, num: strconv.Itoa(i)} }
func number(f float64) *node { return &node{kind: kNumber, num: pyFloat(f)} }

// set appends a key to an object and returns the object.
func (n *node) set(key string, v *node) *node {
	n.keys = append(n.keys, key)
	n.vals = append(n.vals, v)
	return n
}

// add appends an element to an array and returns the array.
func (n *node) add(v *node) *node {
	n.vals = append(n.vals, v)
	return n
}

func floats(fs []float64) *node {
	a := arr()
	for _, f := range fs {
		a.add(number(f))
	}
	return a
}

// pyFloat formats f as Python's repr does (and so json.dump): the shortest
// digits that read back to f, in positional notation with at least one
// decimal (1.0) for decimal exponents in [-4, 16), scientific (1e-05,
// 1.5e+16) otherwise. The trailing ".0" matters: HNN-core checks that some
// values (a drive's probability) are floats, and Python reads 1 as an int.
func pyFloat(f float64) string {
	if f == 0 {
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// encode writes the value as compact JSON.
func (n *node) encode(buf *bytes.Buffer) {
	switch n.kind {
	case kNull:
		buf.WriteString("null")
	case kBool:
		buf.WriteString(strconv.FormatBool(n.b))
	case kNumber:
		buf.WriteString(n.num)
	case kString:
		encodeString(buf, n.str)
	case kArray:
		buf.WriteByte('[')
		for i, v := range n.vals {
			if i > 0 {
				buf.WriteByte(',')
			}
			v.encode(buf)
		}
		buf.WriteByte(']')
	case kObject:
		buf.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			encodeString(buf, k)
			buf.WriteByte(':')
			n.vals[i].encode(buf)
		}
		buf.WriteByte('}')
	}
}

// encodeString writes s as a JSON string without HTML escaping, as Python's
// json.dump(ensure_ascii=False) does.
func encodeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // strings always encode
	buf.Truncate(buf.Len() - 1) // the Encoder's newline
}
