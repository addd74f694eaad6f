package hnnparams

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonParser decodes JSON as Python's json.loads does: besides standard
// JSON it accepts the constants NaN, Infinity and -Infinity; numbers with
// a fraction or exponent are floats (overflow gives ±Inf), others ints;
// control characters are not allowed inside strings; a repeated key keeps
// its first position and takes its last value.
type jsonParser struct {
	src  string
	pos  int
	file string
	// strict makes a key repeated in an object an error.
	strict bool
}

// errorf returns a *SyntaxError at byte offset off.
func (p *jsonParser) errorf(off int, format string, a ...any) error {
	line, col := lineCol(p.src, off)
	return &SyntaxError{File: p.file, Line: line, Col: col, Msg: fmt.Sprintf(format, a...)}
}

// lineCol returns the 1-based line and column (in characters) of byte
// offset off, counting lines at \n as Python's json error messages do.
func lineCol(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	col = 1 + utf8.RuneCountInString(src[start:off])
	return line, col
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// parseTop parses a whole document that must be one JSON object.
func (p *jsonParser) parseTop() (Params, error) {
	if strings.HasPrefix(p.src, "\ufeff") {
		return Params{}, p.errorf(0, "unexpected UTF-8 byte order mark")
	}
	if !utf8.ValidString(p.src) {
		for i, r := range p.src {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(p.src[i:]); n == 1 {
					return Params{}, p.errorf(i, "invalid UTF-8")
				}
			}
		}
	}
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		if p.pos >= len(p.src) {
			return Params{}, p.errorf(p.pos, "expecting value")
		}
		start := p.pos
		if _, err := p.parseValue(); err != nil {
			return Params{}, err
		}
		return Params{}, p.errorf(start, "the parameters must be a JSON object, not %s", describeJSON(p.src[start]))
	}
	var out Params
	if err := p.parseObject(&out); err != nil {
		return Params{}, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return Params{}, p.errorf(p.pos, "extra data after the JSON object")
	}
	return out, nil
}

func describeJSON(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a bool"
	case 'n':
		return "null"
	}
	return "a number"
}

// parseObject parses an object at p.pos into out (when out is not nil).
func (p *jsonParser) parseObject(out *Params) error {
	p.pos++ // '{'
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return nil
	}
	var seen map[string]int // key -> offset, when strict
	if p.strict {
		seen = map[string]int{}
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return p.errorf(p.pos, "expecting property name enclosed in double quotes")
		}
		keyOff := p.pos
		key, err := p.parseString()
		if err != nil {
			return err
		}
		if seen != nil {
			if first, dup := seen[key]; dup {
				line, col := lineCol(p.src, first)
				return p.errorf(keyOff, "key %q appears twice (first at line %d column %d)", key, line, col)
			}
			seen[key] = keyOff
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return p.errorf(p.pos, "expecting ':' delimiter after key %q", key)
		}
		p.pos++
		p.skipSpace()
		v, err := p.parseValue()
		if err != nil {
			return err
		}
		if out != nil {
			out.put(key, v)
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.errorf(p.pos, "expecting ',' delimiter")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return nil
		default:
			return p.errorf(p.pos, "expecting ',' delimiter")
		}
	}
}

// parseArray parses an array at p.pos.
func (p *jsonParser) parseArray() error {
	p.pos++ // '['
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return nil
	}
	for {
		p.skipSpace()
		if _, err := p.parseValue(); err != nil {
			return err
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.errorf(p.pos, "expecting ',' delimiter")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return nil
		default:
			return p.errorf(p.pos, "expecting ',' delimiter")
		}
	}
}

// parseValue parses any value at p.pos.
func (p *jsonParser) parseValue() (Value, error) {
	if p.pos >= len(p.src) {
		return Value{}, p.errorf(p.pos, "expecting value")
	}
	rest := p.src[p.pos:]
	switch c := p.src[p.pos]; {
	case c == '"':
		s, err := p.parseString()
		return StringValue(s), err
	case c == '{':
		start := p.pos
		if err := p.parseObject(nil); err != nil {
			return Value{}, err
		}
		return compositeValue(p.src[start:p.pos]), nil
	case c == '[':
		start := p.pos
		if err := p.parseArray(); err != nil {
			return Value{}, err
		}
		return compositeValue(p.src[start:p.pos]), nil
	case strings.HasPrefix(rest, "null"):
		p.pos += 4
		return NullValue(), nil
	case strings.HasPrefix(rest, "true"):
		p.pos += 4
		return BoolValue(true), nil
	case strings.HasPrefix(rest, "false"):
		p.pos += 5
		return BoolValue(false), nil
	case strings.HasPrefix(rest, "NaN"):
		p.pos += 3
		return FloatValue(math.NaN()), nil
	case strings.HasPrefix(rest, "Infinity"):
		p.pos += 8
		return FloatValue(math.Inf(1)), nil
	case strings.HasPrefix(rest, "-Infinity"):
		p.pos += 9
		return FloatValue(math.Inf(-1)), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.parseNumber()
	}
	return Value{}, p.errorf(p.pos, "expecting value")
}

// parseNumber matches Python's NUMBER_RE,
// (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?, at p.pos.
func (p *jsonParser) parseNumber() (Value, error) {
	start := p.pos
	s := p.src
	i := p.pos
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		digits()
	default:
		return Value{}, p.errorf(start, "expecting value")
	}
	isFloat := false
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		digits()
		isFloat = true
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			i = j // not an exponent: Python stops the number before the 'e'
		} else {
			isFloat = true
		}
	}
	p.pos = i
	text := s[start:i]
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !isRangeErr(err) {
			return Value{}, p.errorf(start, "bad number %q", text)
		}
		return FloatValue(f), nil
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return Value{}, p.errorf(start, "integer %s is outside the int64 range", text)
	}
	return IntValue(n), nil
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseString parses a string at p.pos (which holds the opening quote).
func (p *jsonParser) parseString() (string, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return "", p.errorf(start, "unterminated string starting here")
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), nil
		case c < 0x20:
			return "", p.errorf(p.pos, "invalid control character in string")
		case c == '\\':
			if p.pos+1 >= len(p.src) {
				return "", p.errorf(start, "unterminated string starting here")
			}
			e := p.src[p.pos+1]
			simple := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
			if r, ok := simple[e]; ok {
				b.WriteByte(r)
				p.pos += 2
				continue
			}
			if e != 'u' {
				return "", p.errorf(p.pos, "invalid \\escape")
			}
			r, n, err := p.hex4(p.pos + 2)
			if err != nil {
				return "", err
			}
			p.pos = n
			if utf16.IsSurrogate(r) && r < 0xdc00 && strings.HasPrefix(p.src[p.pos:], `\u`) {
				if r2, n2, err := p.hex4(p.pos + 2); err == nil && r2 >= 0xdc00 && r2 <= 0xdfff {
					r = utf16.DecodeRune(r, r2)
					p.pos = n2
				}
			}
			b.WriteRune(r) // a lone surrogate becomes U+FFFD
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			b.WriteRune(r)
			p.pos += size
		}
	}
}

// hex4 reads 4 hex digits at i.
func (p *jsonParser) hex4(i int) (rune, int, error) {
	if i+4 > len(p.src) {
		return 0, 0, p.errorf(i-2, "invalid \\uXXXX escape")
	}
	v, err := strconv.ParseUint(p.src[i:i+4], 16, 32)
	if err != nil {
		return 0, 0, p.errorf(i-2, "invalid \\uXXXX escape")
	}
	return rune(v), i + 4, nil
}
