package render

import "strings"

// removable reports whether paragraph p may disappear from the output:
// nothing in it but runs of text, proofing marks and bookmarks.
func (c *compiler) removable(p *elem) bool {
	var ok func(e *elem) bool
	ok = func(e *elem) bool {
		for _, ch := range e.children {
			if e.name == c.q("rPr") || e.name == c.q("pPr") {
				// Properties (including w14 text effects) do not count,
				// but a section break does.
				if ch.name == c.q("sectPr") {
					return false
				}
				continue
			}
			local := ch.name
			if i := strings.IndexByte(local, ':'); i >= 0 {
				if ch.name[:i] != c.wp {
					return false // drawings, mc:AlternateContent, w14:...
				}
				local = local[i+1:]
			}
			switch local {
			case "sectPr", "drawing", "pict", "object", "sym", "fldChar", "fldSimple", "instrText",
				"footnoteReference", "endnoteReference", "commentReference", "commentRangeStart",
				"commentRangeEnd", "txbxContent", "ptab", "p", "tbl", "sdt", "ruby", "fitText":
				return false
			case "br":
				if v, _ := ch.attr(c.data, c.q("type")); v == "page" || v == "column" {
					return false
				}
			}
			if !ok(ch) {
				return false
			}
		}
		return true
	}
	return ok(p)
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// silentOnly reports whether u's text is nothing but non-printing actions
// and white space.
func silentOnly(u *unit) bool {
	if len(u.actions) == 0 {
		return false
	}
	last := 0
	for _, a := range u.actions {
		if a.kind == kindPrint || !isBlank(u.text[last:a.start]) {
			return false
		}
		last = a.end
	}
	return isBlank(u.text[last:])
}

func (c *compiler) childElems(e *elem, local string) []*elem {
	var out []*elem
	for _, ch := range e.children {
		if ch.name == c.q(local) {
			out = append(out, ch)
		}
	}
	return out
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
		a.place = placement{placeBefore, tr}
		e.place = placement{placeAfter, tr}
		// A paragraph that held nothing but the moved action goes too, if
		// its cell keeps another paragraph.
		for _, x := range []*action{a, e} {
			u := x.u
			if len(u.actions) == 1 && isBlank(u.text[:x.start]) && isBlank(u.text[x.end:]) &&
				len(c.childElems(u.el.parent, "p")) > 1 && c.removable(u.el) {
				u.dropped = true
			}
		}
	}
	// 2. Rows holding only non-printing actions disappear.
	var rows func(e *elem)
	rows = func(e *elem) {
		for _, ch := range e.children {
			if ch.name == c.q("tr") {
				c.tryReplaceRow(ch)
			}
			rows(ch)
		}
	}
	rows(c.root)
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
	// 4. A paragraph holding only non-printing actions disappears.
	for _, u := range c.units {
		if u.replaced || !silentOnly(u) || !c.removable(u.el) {
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
		u.replaced = true
		for _, a := range u.actions {
			a.place = placement{placeReplace, u.el}
		}
	}
}

// rowOf returns the table row whose first (first == true) or last cell
// starts (or ends) with paragraph p, or nil.
func (c *compiler) rowOf(p *elem, first bool) *elem {
	tc := p.parent
	if tc == nil || tc.name != c.q("tc") {
		return nil
	}
	ps := c.childElems(tc, "p")
	if len(ps) == 0 {
		return nil
	}
	if first && ps[0] != p || !first && ps[len(ps)-1] != p {
		return nil
	}
	tr := tc.parent
	if tr == nil || tr.name != c.q("tr") {
		return nil
	}
	cells := c.childElems(tr, "tc")
	if first && cells[0] != tc || !first && cells[len(cells)-1] != tc {
		return nil
	}
	return tr
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
	for _, u := range units {
		u.replaced = true
		for _, a := range u.actions {
			a.place = placement{placeReplace, tr}
		}
	}
}
