// Package tomldepth bounds the nesting of arrays and inline tables in a TOML
// document before it is decoded.
//
// github.com/BurntSushi/toml needs time and memory that grow faster than
// the square of the nesting depth: 3,000 nested inline tables ({x={x=...}}),
// 18 KB of input, take 420 MB and seconds to decode, and 50,000 (300 KB)
// exhaust any machine. Check rejects such input first, in linear time and
// constant memory. encoding/json needs no such guard (it stops at depth
// 10,000 and its cost is linear).
package tomldepth

import (
	"fmt"
	"unicode/utf8"
)

// Max is a nesting depth far above what any real document needs (the
// agreement uses 3 levels). Decoding cost grows with depth times size: a
// 1 MiB file of inline tables nested 32 deep takes about 4 s and 500 MB to
// decode, 2 deep 0.8 s and 100 MB (measured on the project machine), 3,000
// deep 18 KB already 420 MB.
const Max = 32

// Error reports an array or inline table nested deeper than the limit, at
// the bracket that opens the level past it. Line and Column start at 1;
// Column counts characters.
type Error struct {
	Line, Column int
	Max          int
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: arrays and inline tables nested more than %d levels deep", e.Line, e.Column, e.Max)
}

// Check returns an *Error when src nests arrays and inline tables (and
// table headers, counted as one or two levels) more than max levels deep,
// else nil. It skips comments and strings of every kind; it does not
// otherwise check the syntax, which the decoder does.
func Check(src []byte, max int) error {
	depth := 0
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(src, i)
		case '[', '{':
			depth++
			if depth > max {
				line, col := position(src, i)
				return &Error{Line: line, Column: col, Max: max}
			}
			i++
		case ']', '}':
			if depth > 0 {
				depth--
			}
			i++
		default:
			i++
		}
	}
	return nil
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

// position returns the 1-based line and column (in characters) of offset
// off.
func position(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for j := 0; j < off; j++ {
		if src[j] == '\n' {
			line++
			start = j + 1
		}
	}
	return line, utf8.RuneCount(src[start:off]) + 1
}
