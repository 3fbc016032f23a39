package render

import "strings"

// residue says what non-text content a paragraph of block actions holds
// that must outlive the paragraph (see paragraphContent).
type residue uint8

const (
	resBreak    residue = 1 << iota // a page or column break
	resDrawing                      // a picture or shape anchored there
	resSect                         // section properties (w:pPr/w:sectPr)
	resBookmark                     // bookmarks
)

// paragraphContent tells what paragraph p holds besides runs of text and
// proofing marks: the residue that a paragraph of block actions leaves
// (breaks, drawings, section properties, bookmarks), or, when something
// else keeps it from being removed, cause names it ("a field").
func (c *compiler) paragraphContent(p *elem) (res residue, cause string) {
	var walk func(e *elem) bool
	walk = func(e *elem) bool {
		for _, ch := range e.children {
			if c.is(e.name, "rPr") || c.is(e.name, "pPr") {
				// Properties (including w14 text effects) do not count,
				// but a section break does.
				if c.is(ch.name, "sectPr") {
					res |= resSect
				}
				continue
			}
			local, ok := strings.CutPrefix(ch.name, c.wp+":")
			if !ok {
				if c.is(e.name, "r") && strings.HasSuffix(ch.name, ":AlternateContent") {
					res |= resDrawing // a shape, as Word writes them
					continue
				}
				cause = "an element " + ch.name
				return false
			}
			switch local {
			case "drawing", "pict", "object":
				res |= resDrawing
				continue
			case "bookmarkStart", "bookmarkEnd":
				res |= resBookmark
				continue
			case "br":
				if v, _ := ch.attr(c.data, c.q("type")); v == "page" || v == "column" {
					res |= resBreak
				}
				continue
			}
			if what, bad := unmovable[local]; bad {
				cause = what
				return false
			}
			if !walk(ch) {
				return false
			}
		}
		return true
	}
	walk(p)
	return res, cause
}

// unmovable names what keeps a paragraph of block actions in place.
var unmovable = map[string]string{
	"sectPr": "section properties", "sym": "a symbol", "fldChar": "a field", "fldSimple": "a field",
	"instrText": "a field", "footnoteReference": "a footnote reference", "endnoteReference": "an endnote reference",
	"commentReference": "a comment", "commentRangeStart": "a comment", "commentRangeEnd": "a comment",
	"txbxContent": "a text box", "ptab": "an absolute tab", "p": "a paragraph", "tbl": "a table",
	"sdt": "a content control", "ruby": "ruby text", "fitText": "fitted text",
}

// removable reports whether paragraph p may disappear from the output
// with nothing left: nothing in it but runs of text, proofing marks and
// bookmarks.
func (c *compiler) removable(p *elem) bool {
	res, cause := c.paragraphContent(p)
	return cause == "" && res&^resBookmark == 0
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// silentOnly reports whether u's text is nothing but non-printing actions
// and white space.
// It is asked for every action of a paragraph: the answer is kept while
// the paragraph's actions stay the same (else 50,000 actions in one
// paragraph took a minute).
func silentOnly(u *unit) bool {
	if len(u.actions) == 0 {
		return false
	}
	if k := (silentKey{u.actions[0], len(u.actions)}); u.silentKey == k {
		return u.silent
	} else {
		u.silentKey, u.silent = k, silentOnly1(u)
	}
	return u.silent
}

// silentKey is what silentOnly's kept answer was computed for.
type silentKey struct {
	first *action
	n     int
}

func silentOnly1(u *unit) bool {
	last := 0
	for _, a := range u.actions {
		if a.kind == kindPrint || !isBlank(u.text[last:a.start]) {
			return false
		}
		last = a.end
	}
	return isBlank(u.text[last:])
}

// childElems returns the children of e named local, in order. The answer
// is kept (asked for each action of a cell, which may hold many): the
// caller must not change it.
func (c *compiler) childElems(e *elem, local string) []*elem {
	k := childKey{e, local}
	if out, ok := c.kept[k]; ok {
		return out
	}
	var out []*elem
	for _, ch := range e.children {
		if c.is(ch.name, local) {
			out = append(out, ch)
		}
	}
	if c.kept == nil {
		c.kept = map[childKey][]*elem{}
	}
	c.kept[k] = out
	return out
}

// childKey is what childElems and cellsOf keep their answers by.
type childKey struct {
	e     *elem
	local string
}

// firstActionAtStart reports whether a is u's first action with only white
// space before it; lastActionAtEnd the same at the end.
func firstActionAtStart(a *action) bool {
	return a.u.actions[0] == a && isBlank(a.u.text[:a.start])
}

func lastActionAtEnd(a *action) bool {
	acts := a.u.actions
	return acts[len(acts)-1] == a && isBlank(a.u.text[a.end:])
}

// placeBlocks decides where each block action goes (its placement): moved
// around the row or paragraph it opens and closes, replacing a paragraph or
// row that holds nothing else, or left inline. See "Where block actions go"
// in doc.go.
func (c *compiler) placeBlocks() {
	if c.mode != modeWord {
		// A property, a chart label or a DrawingML paragraph has no
		// structure to repeat: a block stays inside its text.
		for _, a := range c.acts {
			for _, x := range append(append([]*action(nil), a.elses...), a.closing) {
				if a.kind == kindOpen && x != nil && x.u != a.u {
					c.errorAt(a, nil, "{{%s}} and its %s are in two texts (paragraph %d « %s »): in %s a block must open and close in the same %s",
						a.keyword, x.src, x.u.n, snippet(x.u.text, x), c.part, c.plainUnitName())
					break
				}
			}
		}
		return
	}
	// 1. Row loops: opener at the start of the first cell, end at the end
	// of the last cell of the same row.
	for _, a := range c.acts {
		if a.kind != kindOpen || a.closing == nil || len(a.elses) > 0 || a.closing.u == a.u {
			continue
		}
		e := a.closing
		tr := c.rowOf(a.u.el, true)
		if tr == nil || tr != c.rowOf(e.u.el, false) || !firstActionAtStart(a) || !lastActionAtEnd(e) {
			continue
		}
		a.place = placement{placeBefore, c.rowBlock(tr)}
		e.place = placement{placeAfter, c.rowBlock(tr)}
		// A paragraph that held nothing but the moved action goes too, if
		// its cell keeps another paragraph.
		for _, x := range []*action{a, e} {
			u := x.u
			if len(u.actions) == 1 && isBlank(u.text[:x.start]) && isBlank(u.text[x.end:]) &&
				len(c.childElems(u.el.parent, "p")) > 1 && c.removable(u.el) && !c.endsAfterTable(u.el) {
				u.dropped = true
			}
		}
	}
	// 2. Rows holding only non-printing actions disappear.
	var rows func(e *elem)
	rows = func(e *elem) {
		for _, ch := range e.children {
			if c.is(ch.name, "tr") {
				c.tryReplaceRow(ch)
			}
			rows(ch)
		}
	}
	rows(c.root)
	// 2b. A block from inside one paragraph to inside a later one: each end
	// moves to the edge of its paragraph that only white space separates
	// it from, so that the block holds whole paragraphs (the text after
	// {{range}} and before {{end}} is repeated with them). Paragraphs that
	// hold nothing but block actions are left to step 4.
	for _, a := range c.acts {
		if a.kind != kindOpen || a.closing == nil || a.closing.u == a.u || a.place.how != placeInline ||
			a.closing.place.how != placeInline || silentOnly(a.u) && silentOnly(a.closing.u) {
			continue
		}
		ends := append(append([]*action{a}, a.elses...), a.closing)
		where := make([]placement, len(ends))
		ok := true
		for i, x := range ends {
			switch {
			case silentOnly(x.u):
				where[i] = x.place // step 4 replaces its paragraph
			case !c.removable(x.u.el):
				ok = false
			case x.kind == kindOpen && firstActionAtStart(x):
				where[i] = placement{placeBefore, x.u.el}
			case x.kind == kindEnd && lastActionAtEnd(x):
				where[i] = placement{placeAfter, x.u.el}
			default:
				// Text on both sides: the paragraph is cut there, at the
				// end of the action's last run.
				where[i] = placement{placeSplit, x.u.el}
			}
		}
		if !ok {
			continue
		}
		for i, x := range ends {
			x.place = where[i]
		}
	}
	// 3. A paragraph that an opener starts and its end finishes is kept or
	// repeated as a whole.
	for _, a := range c.acts {
		if a.kind != kindOpen || a.closing == nil || len(a.elses) > 0 || a.closing.u != a.u ||
			a.place.how != placeInline || a.closing.place.how != placeInline {
			continue
		}
		u := a.u
		if u.replaced || silentOnly(u) || !firstActionAtStart(a) || !lastActionAtEnd(a.closing) || !c.removable(u.el) {
			continue
		}
		a.place = placement{placeBefore, u.el}
		a.closing.place = placement{placeAfter, u.el}
	}
	// 4. A paragraph holding only non-printing actions disappears; what it
	// holds besides text (breaks, drawings, section properties, bookmarks)
	// stays, see buildEdits.
	for _, u := range c.units {
		if u.replaced || !silentOnly(u) {
			continue
		}
		res, cause := c.paragraphContent(u.el)
		if cause != "" {
			continue
		}
		if res&resSect != 0 && u.actions[0].kind == kindElse {
			c.errorAt(u.actions[0], nil, "section properties in the paragraph of %s: put the section break in a paragraph of its own, or in the paragraph of the {{end}}", u.actions[0].src)
			continue
		}
		free := true
		for _, a := range u.actions {
			if a.place.how != placeInline {
				free = false
			}
		}
		if !free {
			continue
		}
		u.residue = res
		if res&^resBookmark != 0 {
			// The paragraph stays, emptied of its actions' text: inside
			// the block its first action closes (before {{end}}) or its
			// last action opens (after {{range}}), so that a break or a
			// drawing goes with each repetition. Section properties stay
			// outside an opened block (they end the section before it);
			// in the paragraph of an {{end}}, they end each repetition and
			// are printed once when there is none (see sectionFallback).
			how := placeBefore
			if first := u.actions[0].kind; first == kindEnd || first == kindElse || res&resSect != 0 {
				how = placeAfter
			}
			for _, a := range u.actions {
				a.place = placement{how, u.el}
			}
			continue
		}
		u.replaced = true
		u.keepEmpty = c.endsAfterTable(u.el)
		for _, a := range u.actions {
			a.place = placement{placeReplace, u.el}
		}
	}
}

// endsAfterTable reports whether paragraph p is the last block of its
// container and follows a table: removing it would leave a cell, body,
// header... ending on a table, which Word refuses in a cell and repairs
// elsewhere. Such a paragraph is emptied instead (unit.keepEmpty).
func (c *compiler) endsAfterTable(p *elem) bool {
	box := p.parent
	if box == nil || c.lastBlock(box) != p {
		return false
	}
	for i := len(box.children) - 1; i >= 0; i-- {
		if ch := box.children[i]; ch != p && c.isBlock(ch) {
			return c.is(ch.name, "tbl")
		}
	}
	return false
}

// isBlock reports whether e is a block-level element of a container.
func (c *compiler) isBlock(e *elem) bool {
	return c.is(e.name, "p") || c.is(e.name, "tbl") || c.is(e.name, "sdt") || c.is(e.name, "customXml") || c.is(e.name, "altChunk")
}

// lastBlock returns the last block-level child of box, or nil; the answer
// is kept per box (asked for each of its paragraphs, which may be many).
func (c *compiler) lastBlock(box *elem) *elem {
	if last, ok := c.lastBlocks[box]; ok {
		return last
	}
	var last *elem
	for i := len(box.children) - 1; i >= 0 && last == nil; i-- {
		if c.isBlock(box.children[i]) {
			last = box.children[i]
		}
	}
	if c.lastBlocks == nil {
		c.lastBlocks = map[*elem]*elem{}
	}
	c.lastBlocks[box] = last
	return last
}

// rowOf returns the table row whose first (first == true) or last cell
// starts (or ends) with paragraph p, or nil.
func (c *compiler) rowOf(p *elem, first bool) *elem {
	tc := p.parent
	if tc == nil || !c.is(tc.name, "tc") {
		return nil
	}
	ps := c.childElems(tc, "p")
	if len(ps) == 0 {
		return nil
	}
	if first && ps[0] != p || !first && ps[len(ps)-1] != p {
		return nil
	}
	tr := c.rowOfCell(tc)
	if tr == nil {
		return nil
	}
	cells := c.cellsOf(tr)
	if first && cells[0] != tc || !first && cells[len(cells)-1] != tc {
		return nil
	}
	return tr
}

// isControl reports whether e is a content control or one of the elements
// that wrap cells and rows the same way (w:sdt, w:sdtContent, w:customXml).
func (c *compiler) isControl(e *elem) bool {
	return c.is(e.name, "sdt") || c.is(e.name, "sdtContent") || c.is(e.name, "customXml")
}

// rowOfCell returns the row that holds cell tc, looking through cell-level
// content controls (w:tr/w:sdt/w:sdtContent/w:tc), or nil.
func (c *compiler) rowOfCell(tc *elem) *elem {
	e := tc.parent
	for e != nil && c.isControl(e) {
		e = e.parent
	}
	if e == nil || !c.is(e.name, "tr") {
		return nil
	}
	return e
}

// cellsOf returns the cells of row tr in order, those wrapped in content
// controls included.
func (c *compiler) cellsOf(tr *elem) []*elem {
	k := childKey{tr, "cells"}
	if out, ok := c.kept[k]; ok {
		return out
	}
	if c.kept == nil {
		c.kept = map[childKey][]*elem{}
	}
	var out []*elem
	defer func() { c.kept[k] = out }()
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			switch {
			case c.is(ch.name, "tc"):
				out = append(out, ch)
			case c.isControl(ch):
				walk(ch)
			}
		}
	}
	walk(tr)
	return out
}

// rowBlock returns what stands for row tr among its table's rows: tr, or
// the row-level content control (w:tbl/w:sdt/w:sdtContent/w:tr) that holds
// this row alone, so that repeating or removing the row takes its control
// along.
func (c *compiler) rowBlock(tr *elem) *elem {
	el := tr
	for {
		content := el.parent
		if content == nil || !c.is(content.name, "sdtContent") && !c.is(content.name, "customXml") {
			return el
		}
		n := 0
		for _, ch := range content.children {
			if c.isRowLike(ch) {
				n++
			}
		}
		if n != 1 {
			return el
		}
		if c.is(content.name, "customXml") {
			el = content
			continue
		}
		if content.parent == nil || !c.is(content.parent.name, "sdt") {
			return el
		}
		el = content.parent
	}
}

// isRowLike reports whether e is a table row or a row-level content
// control (a w:sdt or w:customXml holding rows).
func (c *compiler) isRowLike(e *elem) bool {
	if c.is(e.name, "tr") {
		return true
	}
	if !c.isControl(e) {
		return false
	}
	for _, ch := range e.children {
		if c.isRowLike(ch) {
			return true
		}
	}
	return false
}

func (c *compiler) tryReplaceRow(tr *elem) {
	var units []*unit
	var walk func(e *elem) bool
	walk = func(e *elem) bool {
		for _, ch := range e.children {
			if u := c.unitOf[ch]; u != nil {
				if len(u.actions) == 0 && isBlank(u.text) {
					if !c.removable(ch) {
						return false
					}
					continue
				}
				if !silentOnly(u) || !c.removable(ch) {
					return false
				}
				units = append(units, u)
				continue
			}
			if !walk(ch) {
				return false
			}
		}
		return true
	}
	if !walk(tr) || len(units) == 0 {
		return
	}
	for _, u := range units {
		for _, a := range u.actions {
			if a.place.how != placeInline {
				return
			}
		}
	}
	block := c.rowBlock(tr)
	for _, u := range units {
		u.replaced = true
		for _, a := range u.actions {
			a.place = placement{placeReplace, block}
		}
	}
}

// plainUnitName names what a unit is in a part that is not WordprocessingML.
func (c *compiler) plainUnitName() string {
	if c.mode == modeDrawing {
		return "paragraph or label"
	}
	return "property"
}
