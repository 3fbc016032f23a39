package render

import (
	"bytes"
	"fmt"
)

// Marks written around a table whose rows may all disappear; Execute
// removes the table when the drop mark is inside it (see dropTables). They
// are control characters that XML 1.0 forbids, refused in templates and
// dropped from printed values, so nothing else can write them.
const (
	markTableStart = '\x03'
	markTableEnd   = '\x04'
	markTableDrop  = '\x05'
)

// fallbacks keeps containers valid when all their content is conditional:
// a table cell, header, footer, footnote, endnote or comment must hold a
// paragraph, so an empty one is printed when none is; a table whose rows
// all disappear disappears too.
func (c *compiler) fallbacks() {
	byEl := map[*elem][]*action{}
	removed := map[*elem]bool{}
	for _, a := range c.acts {
		if a.place.el != nil {
			byEl[a.place.el] = append(byEl[a.place.el], a)
			if u := c.unitOf[a.place.el]; a.place.how == placeReplace && (u == nil || !u.keepEmpty) {
				removed[a.place.el] = true
			}
		}
	}
	for _, u := range c.units {
		if u.dropped {
			removed[u.el] = true
		}
	}
	emptyP := "<" + c.q("p") + "/>"
	isP := func(e *elem) bool { return c.is(e.name, "p") }
	var walk func(e *elem)
	walk = func(e *elem) {
		switch {
		case c.is(e.name, "tc"), c.is(e.name, "hdr"), c.is(e.name, "ftr"), c.is(e.name, "footnote"), c.is(e.name, "endnote"), c.is(e.name, "comment"):
			c.fallback(e, isP, emptyP, byEl, removed)
		case c.is(e.name, "tbl"):
			if c.fallback(e, c.isRowLike, string(markTableDrop), byEl, removed) {
				c.dropMarks = true
				c.add(edit{start: e.start, end: e.start, phase: 1, lit: string(markTableStart)})
				c.add(edit{start: e.end, end: e.end, phase: -1, lit: string(markTableEnd)})
			}
		}
		for _, ch := range e.children {
			walk(ch)
		}
	}
	walk(c.root)
}

// fallback prints empty at the end of box when none of its items (isItem)
// is printed, and reports whether it may be so.
func (c *compiler) fallback(box *elem, isItem func(*elem) bool, empty string, byEl map[*elem][]*action, removed map[*elem]bool) bool {
	depth := 0
	hoisted := false
	var kept []*elem
	for _, ch := range box.children {
		if !isItem(ch) {
			continue
		}
		acts := byEl[ch]
		before, after := 0, 0
		for _, a := range acts {
			hoisted = true
			d := 0
			switch a.kind {
			case kindOpen:
				d = 1
			case kindEnd:
				d = -1
			}
			if a.place.how == placeAfter {
				after += d
			} else {
				before += d
			}
		}
		depth += before
		if removed[ch] {
			hoisted = true
		} else {
			if depth == 0 {
				return false // always printed
			}
			kept = append(kept, ch)
		}
		depth += after
	}
	if !hoisted {
		return false
	}
	c.nVars++
	v := fmt.Sprintf("$_lk_kept%d", c.nVars)
	// Declare after the container's properties (tcPr, tblPr and tblGrid).
	at := box.tagEnd
	for _, ch := range box.children {
		if c.is(ch.name, "tcPr") || c.is(ch.name, "tblPr") || c.is(ch.name, "tblGrid") {
			at = ch.end
		}
	}
	c.add(edit{start: at, end: at, phase: 0, act: c.internal(v + " := false")})
	for _, p := range kept {
		// phase -1: inside a structure that ends right after the element.
		c.add(edit{start: p.end, end: p.end, phase: -1, act: c.internal(v + " = true")})
	}
	c.add(edit{start: box.closeStart, end: box.closeStart, phase: 0, act: c.internal("if not " + v)})
	c.add(edit{start: box.closeStart, end: box.closeStart, phase: 0, lit: empty})
	c.add(edit{start: box.closeStart, end: box.closeStart, phase: 0, act: c.internal("end")})
	return true
}

// dropTables removes from a rendered part the tables marked for removal
// (markTableDrop inside their markTableStart … markTableEnd), and every
// mark, in place.
func dropTables(b []byte) []byte {
	var starts []int // output offsets of the open tables
	var drop []bool
	w := 0
	for r := 0; r < len(b); {
		i := bytes.IndexAny(b[r:], "\x03\x04\x05")
		if i < 0 {
			w += copy(b[w:], b[r:])
			break
		}
		w += copy(b[w:], b[r:r+i])
		r += i
		switch b[r] {
		case markTableStart:
			starts = append(starts, w)
			drop = append(drop, false)
		case markTableDrop:
			if len(drop) > 0 {
				drop[len(drop)-1] = true
			}
		case markTableEnd:
			if n := len(starts); n > 0 {
				if drop[n-1] {
					w = starts[n-1]
				}
				starts, drop = starts[:n-1], drop[:n-1]
			}
		}
		r++
	}
	return b[:w]
}
