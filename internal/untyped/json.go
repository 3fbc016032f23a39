package untyped

import (
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

// JSONObject decodes src, a JSON object (white space around it allowed),
// to what encoding/json's Decoder with UseNumber gives in an any: maps,
// []any, strings, json.Number, bools and nils, the last of duplicate keys
// winning. It is a single pass without reflection, several times faster.
// ok is false when src is not one valid JSON object, or holds what it
// leaves to encoding/json (invalid UTF-8, a lone surrogate escape, nesting
// deeper than maxJSONDepth): the caller then decodes src with
// encoding/json, which also words the error.
func JSONObject(src []byte) (m map[string]any, ok bool) {
	d := jsonDecoder{src: src}
	d.space()
	if d.i >= len(d.src) || d.src[d.i] != '{' {
		return nil, false
	}
	v, ok := d.value(0)
	if !ok {
		return nil, false
	}
	d.space()
	if d.i != len(d.src) {
		return nil, false
	}
	return v.(map[string]any), true
}

// maxJSONDepth is the deepest nesting JSONObject decodes itself.
const maxJSONDepth = 512

type jsonDecoder struct {
	src []byte
	i   int
}

func (d *jsonDecoder) space() {
	for d.i < len(d.src) {
		switch d.src[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value(depth int) (any, bool) {
	if depth > maxJSONDepth || d.i >= len(d.src) {
		return nil, false
	}
	switch c := d.src[d.i]; {
	case c == '{':
		d.i++
		m := map[string]any{}
		d.space()
		if d.i < len(d.src) && d.src[d.i] == '}' {
			d.i++
			return m, true
		}
		for {
			d.space()
			if d.i >= len(d.src) || d.src[d.i] != '"' {
				return nil, false
			}
			k, ok := d.str()
			if !ok {
				return nil, false
			}
			d.space()
			if d.i >= len(d.src) || d.src[d.i] != ':' {
				return nil, false
			}
			d.i++
			d.space()
			v, ok := d.value(depth + 1)
			if !ok {
				return nil, false
			}
			m[k] = v
			if end, ok := d.next('}'); !ok {
				return nil, false
			} else if end {
				return m, true
			}
		}
	case c == '[':
		d.i++
		a := []any{}
		d.space()
		if d.i < len(d.src) && d.src[d.i] == ']' {
			d.i++
			return a, true
		}
		for {
			d.space()
			v, ok := d.value(depth + 1)
			if !ok {
				return nil, false
			}
			a = append(a, v)
			if end, ok := d.next(']'); !ok {
				return nil, false
			} else if end {
				return a, true
			}
		}
	case c == '"':
		return d.str()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	}
	return nil, false
}

// next reads what follows an item of an object or array: a comma (end is
// false) or close (end is true).
func (d *jsonDecoder) next(close byte) (end, ok bool) {
	d.space()
	if d.i >= len(d.src) {
		return false, false
	}
	switch d.src[d.i] {
	case ',':
		d.i++
		return false, true
	case close:
		d.i++
		return true, true
	}
	return false, false
}

func (d *jsonDecoder) literal(word string) bool {
	if len(d.src)-d.i < len(word) || string(d.src[d.i:d.i+len(word)]) != word {
		return false
	}
	d.i += len(word)
	return true
}

// number reads a number as JSON's grammar has it, kept as its text.
func (d *jsonDecoder) number() (any, bool) {
	start := d.i
	if d.src[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.src) && d.src[d.i] == '0':
		d.i++
	case d.i < len(d.src) && d.src[d.i] >= '1' && d.src[d.i] <= '9':
		d.digits()
	default:
		return nil, false
	}
	if d.i < len(d.src) && d.src[d.i] == '.' {
		d.i++
		if !d.digits() {
			return nil, false
		}
	}
	if d.i < len(d.src) && (d.src[d.i] == 'e' || d.src[d.i] == 'E') {
		d.i++
		if d.i < len(d.src) && (d.src[d.i] == '+' || d.src[d.i] == '-') {
			d.i++
		}
		if !d.digits() {
			return nil, false
		}
	}
	return json.Number(d.src[start:d.i]), true
}

// digits reads one or more digits.
func (d *jsonDecoder) digits() bool {
	start := d.i
	for d.i < len(d.src) && d.src[d.i] >= '0' && d.src[d.i] <= '9' {
		d.i++
	}
	return d.i > start
}

// str reads a string (d.src[d.i] is its opening quote).
func (d *jsonDecoder) str() (string, bool) {
	d.i++
	start := d.i
	// The common case: no escape, ASCII or valid UTF-8, no control byte.
	for d.i < len(d.src) {
		c := d.src[d.i]
		switch {
		case c == '"':
			s := d.src[start:d.i]
			d.i++
			if !utf8.Valid(s) {
				return "", false
			}
			return string(s), true
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return "", false
		}
		d.i++
	}
	return "", false
}

// escaped reads the rest of a string holding escapes, from start.
func (d *jsonDecoder) escaped(start int) (string, bool) {
	b := make([]byte, 0, d.i-start+16)
	b = append(b, d.src[start:d.i]...)
	for d.i < len(d.src) {
		c := d.src[d.i]
		switch {
		case c == '"':
			d.i++
			if !utf8.Valid(b) {
				return "", false
			}
			return string(b), true
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.src) {
			return "", false
		}
		e := d.src[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// A pair, or left to encoding/json (which writes U+FFFD).
				if d.i+1 >= len(d.src) || d.src[d.i] != '\\' || d.src[d.i+1] != 'u' {
					return "", false
				}
				d.i += 2
				r2, ok := d.hex4()
				if !ok {
					return "", false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", false
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (d *jsonDecoder) hex4() (rune, bool) {
	if len(d.src)-d.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range d.src[d.i : d.i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	d.i += 4
	return r, true
}
