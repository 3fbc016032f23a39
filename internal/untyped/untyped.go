// Package untyped decodes the text of a TOML or JSON data file into an
// untyped tree (map[string]any), with the checks every such decoding needs
// whatever the data means: a text saved as UTF-16 or UTF-32, an empty text,
// TOML nested deeper than its decoder can afford, and syntax errors placed
// at a line and column. convention decodes agreements with it, labelkit
// fill any template's data; each words the errors for its readers.
package untyped

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"

	"github.com/esante/labelkit/internal/textpos"
	"github.com/esante/labelkit/internal/tomldepth"
)

// ErrEmpty reports a text holding nothing but white space.
var ErrEmpty = errors.New("empty text")

// EncodingError reports a text written in UTF-16 or UTF-32 (Windows
// Notepad's « Unicode », Excel's « Unicode text »): the decoders would stop
// on its first NUL byte with a message about syntax.
type EncodingError struct {
	Encoding string // "UTF-16 (little-endian)", "UTF-32 (big-endian)"...
}

func (e *EncodingError) Error() string {
	return "text encoded in " + e.Encoding + ", not UTF-8"
}

// Text returns src without the UTF-8 byte order mark some editors write,
// or an *EncodingError or [ErrEmpty] when src cannot be TOML or JSON text.
func Text(src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if enc := wideEncoding(src); enc != "" {
		return nil, &EncodingError{Encoding: enc}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, ErrEmpty
	}
	return src, nil
}

// SyntaxError is a TOML syntax error at a line and column (from 1; the
// column counts characters).
type SyntaxError struct {
	Line, Column int
	Message      string // the decoder's own words
	Key          string // the last key read, if any
	Err          error  // the decoder's error
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// TOML decodes src, a text [Text] accepted, into a tree of map[string]any,
// []map[string]any, []any and TOML's scalar types. It returns a
// *[tomldepth.Error] for tables nested more than [tomldepth.Max] levels
// deep (before decoding: the decoder's cost explodes with nesting) and a
// *SyntaxError for a syntax error.
func TOML(src []byte) (map[string]any, error) {
	if err := tomldepth.Check(src, tomldepth.Max); err != nil {
		return nil, err
	}
	tree := map[string]any{}
	_, err := toml.Decode(string(src), &tree)
	if err == nil {
		return tree, nil
	}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return nil, err
	}
	e := &SyntaxError{Line: pe.Position.Line, Column: pe.Position.Col,
		Message: pe.Message, Key: pe.LastKey, Err: err}
	if pe.Position.Start > 0 && pe.Position.Start <= len(src) {
		// the decoder's column counts bytes
		e.Line, e.Column = textpos.Pos(src, pe.Position.Start)
	}
	return nil, e
}

// wideEncoding names the UTF-16 or UTF-32 encoding src is written in, from
// its byte order mark or, without one, from where its NUL bytes fall (ASCII
// text in UTF-16 little-endian is "x\x00y\x00..."); "" for anything else.
func wideEncoding(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}):
		return "UTF-32 (little-endian)"
	case bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32 (big-endian)"
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return "UTF-16 (little-endian)"
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "UTF-16 (big-endian)"
	}
	if bytes.IndexByte(src, 0) < 0 {
		return ""
	}
	// The first 64 bytes (whole code units) tell the pattern.
	head := src[:min(len(src), 64)&^3]
	if len(head) < 4 {
		return ""
	}
	var even, odd int
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	switch {
	case even == len(head)/2 && odd >= len(head)/4 && odd < len(head)/2:
		// 00 00 00 xx: the three high bytes of each code unit are NUL.
		return "UTF-32 (big-endian)"
	case odd == len(head)/2 && even >= len(head)/4 && even < len(head)/2:
		return "UTF-32 (little-endian)"
	case odd >= len(head)/4 && even == 0:
		// Mostly ASCII text: at least every other code unit has a NUL
		// high byte; one stray NUL byte is not enough.
		return "UTF-16 (little-endian)"
	case even >= len(head)/4 && odd == 0:
		return "UTF-16 (big-endian)"
	}
	return ""
}
