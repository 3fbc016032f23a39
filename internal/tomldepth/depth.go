// Package tomldepth bounds the nesting of tables, arrays and inline tables
// in a TOML document before it is decoded.
//
// github.com/BurntSushi/toml needs time and memory that grow faster than
// the square of the nesting depth, whether the depth comes from brackets
// ({x={x=...}}), from the parts of a dotted key (a.a.a... = 1) or from those
// of a table header ([a.a.a...]): a few tens of kilobytes of any of them
// exhaust any machine. Check rejects such input first, in linear time and
// constant memory. encoding/json needs no such guard (it stops at depth
// 10,000 and its cost is linear).
package tomldepth

import (
	"fmt"

	"github.com/esante/labelkit/internal/textpos"
)

// Max is a nesting depth far above what any real document needs (the
// agreement uses 3 levels). Decoding cost grows with depth times size.
const Max = 32

// Error reports a table, array or inline table nested deeper than the
// limit, at the bracket or the dot of a dotted key that opens the level
// past it. Line and Column start at 1; Column counts characters.
type Error struct {
	Line, Column int
	Max          int
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: tables, arrays and dotted keys nested more than %d levels deep", e.Line, e.Column, e.Max)
}

// Check returns an *Error when src nests tables more than max levels deep,
// else nil. The depth of a value is the number of brackets open around it
// (arrays, inline tables), plus one for each dot of its dotted key, plus the
// depth of its table: the brackets of the table's header (one or two) and
// its dots. Check skips comments and strings of every kind; it does not
// otherwise check the syntax, which the decoder does.
func Check(src []byte, max int) error {
	c := checker{src: src, max: max}
	return c.run()
}

type checker struct {
	src   []byte
	max   int
	stack []byte // open brackets: '[' or '{'
	table int    // depth of the current table: its header's brackets and dots
}

func (c *checker) fail(off int) error {
	line, col := textpos.Pos(c.src, off)
	return &Error{Line: line, Column: col, Max: c.max}
}

func (c *checker) run() error {
	src := c.src
	lineStart := true // at the start of a line, outside brackets: a key or a header
	for i := 0; i < len(src); {
		ch := src[i]
		if lineStart {
			switch ch {
			case ' ', '\t', '\r', '\n':
				i++
				continue
			case '#':
			case '[':
				var err error
				if i, err = c.header(i); err != nil {
					return err
				}
				lineStart = false
				continue
			default:
				var err error
				if i, err = c.key(i, c.table); err != nil {
					return err
				}
				lineStart = false
				continue
			}
		}
		switch ch {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '\n':
			lineStart = len(c.stack) == 0
			i++
		case '"', '\'':
			i = skipString(src, i)
		case '[', '{':
			c.stack = append(c.stack, ch)
			if c.table+len(c.stack) > c.max {
				return c.fail(i)
			}
			i++
			if ch == '{' {
				var err error
				if i, err = c.key(i, c.table+len(c.stack)); err != nil {
					return err
				}
			}
		case ']', '}':
			if len(c.stack) > 0 {
				c.stack = c.stack[:len(c.stack)-1]
			}
			i++
		case ',':
			i++
			if len(c.stack) > 0 && c.stack[len(c.stack)-1] == '{' {
				var err error
				if i, err = c.key(i, c.table+len(c.stack)); err != nil {
					return err
				}
			}
		default:
			i++
		}
	}
	return nil
}

// header reads the start of the table header at src[i] ("[" or "[["),
// leaving its brackets open until the closing ones, sets the depth of the
// table and returns the offset after the header's key.
func (c *checker) header(i int) (int, error) {
	c.stack = append(c.stack, '[')
	i++
	if i < len(c.src) && c.src[i] == '[' {
		c.stack = append(c.stack, '[')
		i++
	}
	if len(c.stack) > c.max {
		return 0, c.fail(i - 1)
	}
	end, dots, err := c.dottedKey(i, len(c.stack))
	c.table = len(c.stack) + dots
	return end, err
}

// key reads the key that may start at src[i] (after spaces, newlines and
// comments), at the given depth, and returns the offset after it.
func (c *checker) key(i, depth int) (int, error) {
	for i < len(c.src) {
		switch c.src[i] {
		case ' ', '\t', '\r', '\n':
			i++
			continue
		case '#':
			for i < len(c.src) && c.src[i] != '\n' {
				i++
			}
			continue
		}
		break
	}
	end, _, err := c.dottedKey(i, depth)
	return end, err
}

// dottedKey reads a dotted key at src[i] whose first part is at the given
// depth, failing at the dot past the limit. It stops at the first byte that
// belongs to no key ("=", "]", a newline...) and returns its offset and the
// number of dots.
func (c *checker) dottedKey(i, depth int) (end, dots int, err error) {
	src := c.src
	for i < len(src) {
		switch ch := src[i]; {
		case ch == ' ' || ch == '\t':
			i++
		case ch == '"' || ch == '\'':
			i = skipString(src, i)
		case ch == '.':
			dots++
			if depth+dots > c.max {
				return 0, 0, c.fail(i)
			}
			i++
		case ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '-':
			i++
		default:
			return i, dots, nil
		}
	}
	return i, dots, nil
}

// skipString returns the offset just after the string starting at src[i]
// (a quote): basic "..." (backslash escapes) or literal '...', one-line or
// multi-line (three quotes of either kind). An unterminated string ends at the end of the
// line (one-line) or of the input (multi-line).
func skipString(src []byte, i int) int {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		i += 3
		for i < len(src) {
			switch {
			case q == '"' && src[i] == '\\':
				i += 2
			case src[i] == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
				i += 3
				// up to two more quotes belong to the content
				for n := 0; n < 2 && i < len(src) && src[i] == q; n++ {
					i++
				}
				return i
			default:
				i++
			}
		}
		return len(src)
	}
	i++
	for i < len(src) && src[i] != '\n' {
		switch {
		case q == '"' && src[i] == '\\':
			i += 2
			continue
		case src[i] == q:
			return i + 1
		}
		i++
	}
	return i
}

// Values returns upper bounds of the number of values and of keys in
// src: each comma and opening bracket outside comments and strings counts
// one value, each equals sign one key. Decoding costs memory per value
// (tens of bytes each, whatever their size) and more per key (the decoder
// keeps each key's path, type and position): callers bound both before
// decoding.
func Values(src []byte) (values, keys int) {
	for i := 0; i < len(src); {
		switch src[i] {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(src, i)
		case ',', '[', '{':
			values++
			i++
		case '=':
			keys++
			i++
		default:
			i++
		}
	}
	return values, keys
}
