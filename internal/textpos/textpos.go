// Package textpos converts byte offsets of a text into lines and columns,
// in time linear in the text however many offsets are asked for.
package textpos

import (
	"bytes"
	"unicode/utf8"
)

// Index finds the line and column of byte offsets of one text. The line
// starts are found once; the column is counted from the previous answer when
// it is on the same line and not before it, so asking for offsets in
// increasing order costs time linear in the text. An Index is not safe for
// concurrent use.
type Index struct {
	src    []byte
	starts []int // offset of the first byte of each line

	// the last answer, to count columns from it
	lastOff, lastLine, lastCol int
}

// New returns an Index of src. It does not copy src, which must not change.
func New(src []byte) *Index {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Index{src: src, starts: starts, lastOff: -1}
}

// Pos returns the line and the column of the byte at offset off, both from
// 1; the column counts characters (runes), not bytes. Offsets outside the
// text are clamped to it.
func (x *Index) Pos(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	// the last line whose start is <= off
	lo, hi := 0, len(x.starts)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if x.starts[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	line = lo + 1
	from, col := x.starts[lo], 1
	if x.lastLine == line && x.lastOff >= 0 && x.lastOff <= off {
		from, col = x.lastOff, x.lastCol
	}
	col += utf8.RuneCount(x.src[from:off])
	x.lastOff, x.lastLine, x.lastCol = off, line, col
	return line, col
}

// Pos is New(src).Pos(off) for a single offset, without the index: one pass
// over src[:off].
func Pos(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1
}
