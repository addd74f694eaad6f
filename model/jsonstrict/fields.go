package jsonstrict

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// field is a struct field as encoding/json sees it.
type field struct {
	name   string
	typ    reflect.Type
	depth  int  // embedding depth
	tagged bool // named by a json tag
	quoted bool // the ",string" option: a JSON string holds the value
}

// structInfo holds the JSON keys a struct type takes.
type structInfo struct {
	byName map[string]field
	names  []string // sorted
}

var structCache sync.Map // reflect.Type -> *structInfo

// structFields returns the fields of struct type t by their JSON names,
// following encoding/json's rules: exported fields, named by their json
// tag or else their Go name, "-" skipped, the fields of untagged embedded
// structs promoted, and among fields of one name the shallowest, or the
// tagged one of the shallowest, winning (others of that depth: none).
func structFields(t reflect.Type) *structInfo {
	if s, ok := structCache.Load(t); ok {
		return s.(*structInfo)
	}
	var all []field
	type level struct {
		typ   reflect.Type
		depth int
	}
	next := []level{{t, 0}}
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current := next
		next = nil
		for _, l := range current {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true
			for i := range l.typ.NumField() {
				sf := l.typ.Field(i)
				if sf.Anonymous {
					ft := sf.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validTag(name) {
					name = ""
				}
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					next = append(next, level{ft, l.depth + 1})
					continue
				}
				quoted := false
				if slices.Contains(strings.Split(opts, ","), "string") {
					switch ft.Kind() {
					case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
						reflect.Float32, reflect.Float64, reflect.String:
						quoted = true
					}
				}
				f := field{name: name, typ: sf.Type, depth: l.depth, tagged: name != "", quoted: quoted}
				if f.name == "" {
					f.name = sf.Name
				}
				all = append(all, f)
			}
		}
	}
	byDepth := map[string][]field{}
	for _, f := range all {
		byDepth[f.name] = append(byDepth[f.name], f)
	}
	s := &structInfo{byName: map[string]field{}}
	for name, fs := range byDepth {
		top := fs[0].depth
		for _, f := range fs {
			top = min(top, f.depth)
		}
		var at, tagged []field
		for _, f := range fs {
			if f.depth == top {
				at = append(at, f)
				if f.tagged {
					tagged = append(tagged, f)
				}
			}
		}
		switch {
		case len(at) == 1:
			s.byName[name] = at[0]
		case len(tagged) == 1:
			s.byName[name] = tagged[0]
		}
	}
	for name := range s.byName {
		s.names = append(s.names, name)
	}
	slices.Sort(s.names)
	structCache.Store(t, s)
	return s
}

// validTag reports whether encoding/json takes a tag name as a key.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// unknown returns the error for a key that names no field, suggesting the
// nearest name or else listing the names.
func (s *structInfo) unknown(key string) error {
	if near := s.nearest(key); near != "" {
		return kindf(ErrUnknownKey, "unknown key %q (did you mean %q?)", key, near)
	}
	if len(s.names) == 0 {
		return kindf(ErrUnknownKey, "unknown key %q (the object takes no keys)", key)
	}
	if len(s.names) > 40 {
		return kindf(ErrUnknownKey, "unknown key %q", key)
	}
	return kindf(ErrUnknownKey, "unknown key %q (known keys: %s)", key, strings.Join(s.names, ", "))
}

// nearest returns the name key most likely misspells: one equal but for
// case, a prefix or extension of it (of 3 characters or more), or one at
// edit distance 1 (2 for names longer than 4); "" if none.
func (s *structInfo) nearest(key string) string {
	best, bestD := "", 1<<30
	lk := strings.ToLower(key)
	for _, n := range s.names {
		if strings.EqualFold(key, n) {
			return n
		}
		ln := strings.ToLower(n)
		d := editDistance(lk, ln)
		switch {
		case len(lk) >= 3 && len(ln) >= 3 && (strings.HasPrefix(ln, lk) || strings.HasPrefix(lk, ln)):
		case d <= 1 || d == 2 && len(key) > 4:
		default:
			continue
		}
		if d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (in bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
