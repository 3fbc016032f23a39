package render

import (
	"fmt"
	"strings"
	"text/template"
	"unicode/utf8"
)

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

func (c *compiler) widen() {
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

// container returns the element path an action's output sits in.
func (c *compiler) container(a *action) []*elem {
	var e *elem
	switch a.place.how {
	case placeInline:
		e = c.pieceAt(a.u, a.start).t
	default:
		e = a.place.el.parent
	}
	var path []*elem
	for ; e != nil; e = e.parent {
		path = append(path, e)
	}
	return path
}

func (c *compiler) pieceAt(u *unit, off int) *piece {
	for i := len(u.pieces) - 1; i >= 0; i-- {
		if u.pieces[i].at <= off {
			return u.pieces[i]
		}
	}
	return u.pieces[0]
}

func sameShape(a, b []*elem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].name != b[i].name {
			return false
		}
	}
	return true
}

func (c *compiler) describe(a *action) string {
	switch a.place.how {
	case placeInline:
		if silentOnly(a.u) && !c.removable(a.u.el) {
			return fmt.Sprintf("inside the text of paragraph %d, which cannot be removed: it holds a section break, a drawing, a field, a note or comment reference or a page break", a.u.n)
		}
		return fmt.Sprintf("inside the text of paragraph %d%s", a.u.n, c.runWrappers(c.pieceAt(a.u, a.start).t))
	case placeReplace:
		if a.place.el.name == c.q("tr") {
			return fmt.Sprintf("alone in a table row (paragraph %d)", a.u.n)
		}
		where := "alone in paragraph"
		if hasAncestor(a.place.el, c.q("tc")) {
			where = "alone in table-cell paragraph"
		}
		return fmt.Sprintf("%s %d", where, a.u.n)
	default:
		if a.place.el.name == c.q("tr") {
			return fmt.Sprintf("around a table row (paragraph %d)", a.u.n)
		}
		return fmt.Sprintf("around paragraph %d", a.u.n)
	}
}

// wrapperNames names the elements that may hold a run inside a paragraph.
var wrapperNames = map[string]string{
	"hyperlink": "a hyperlink", "ins": "a tracked insertion", "del": "a tracked deletion",
	"moveTo": "a tracked move", "moveFrom": "a tracked move", "sdtContent": "a content control",
	"fldSimple": "a field", "smartTag": "a smart tag", "customXml": "a custom XML element",
	"dir": "a text direction element", "bdo": "a text direction element",
}

// runWrappers describes what stands between the text element t and its
// paragraph (", in a hyperlink"), or "" when its run is directly in the
// paragraph: two actions of one paragraph whose wrappers differ cannot
// enclose the text between them.
func (c *compiler) runWrappers(t *elem) string {
	var out []string
	for e := t.parent; e != nil && e.name != c.q("p"); e = e.parent {
		local := e.name[strings.IndexByte(e.name, ':')+1:]
		if w, ok := wrapperNames[local]; ok {
			out = append(out, w) // innermost first
		}
	}
	if len(out) == 0 {
		return ""
	}
	return ", in " + strings.Join(out, " in ")
}

func hasAncestor(e *elem, name string) bool {
	for e = e.parent; e != nil; e = e.parent {
		if e.name == name {
			return true
		}
	}
	return false
}

// checkShapes verifies that every structure opens and closes in the same
// kind of container, so that skipping or repeating it keeps XML balanced.
func (c *compiler) checkShapes() {
	for _, a := range c.acts {
		if a.kind != kindOpen || a.closing == nil {
			continue
		}
		want := c.container(a)
		for _, b := range append(append([]*action(nil), a.elses...), a.closing) {
			if !sameShape(want, c.container(b)) {
				c.errorAt(a, nil, "{{%s}} (%s) and its %s (%s) are in different places of the document structure: put both in the same paragraph (both inside or both outside the same hyperlink, field, tracked change or content control), or each alone in its own paragraph at the same level (same table cell, or both outside tables)",
					a.keyword, c.describe(a), shortSrc(b), c.describe(b))
				break
			}
		}
	}
}

func shortSrc(a *action) string {
	if utf8.RuneCountInString(a.src) > 30 {
		r := []rune(a.src)
		return string(r[:27]) + "…}}"
	}
	return a.src
}

// fallbacks keeps containers valid when all their content is conditional:
// a table cell, header, footer, footnote or endnote must hold a paragraph,
// and a table a row. When none is printed, an empty one is.
func (c *compiler) fallbacks() {
	byEl := map[*elem][]*action{}
	removed := map[*elem]bool{}
	for _, a := range c.acts {
		if a.place.el != nil {
			byEl[a.place.el] = append(byEl[a.place.el], a)
			if a.place.how == placeReplace {
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
	emptyRow := "<" + c.q("tr") + "><" + c.q("tc") + ">" + emptyP + "</" + c.q("tc") + "></" + c.q("tr") + ">"
	var walk func(e *elem)
	walk = func(e *elem) {
		switch e.name {
		case c.q("tc"), c.q("hdr"), c.q("ftr"), c.q("footnote"), c.q("endnote"):
			c.fallback(e, "p", emptyP, byEl, removed)
		case c.q("tbl"):
			c.fallback(e, "tr", emptyRow, byEl, removed)
		}
		for _, ch := range e.children {
			walk(ch)
		}
	}
	walk(c.root)
}

func (c *compiler) fallback(box *elem, child, empty string, byEl map[*elem][]*action, removed map[*elem]bool) {
	depth := 0
	hoisted := false
	var kept []*elem
	for _, ch := range box.children {
		if ch.name != c.q(child) {
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
				return // always printed
			}
			kept = append(kept, ch)
		}
		depth += after
	}
	if !hoisted {
		return
	}
	c.nVars++
	v := fmt.Sprintf("$_lk_kept%d", c.nVars)
	// Declare after the container's properties (tcPr, tblPr and tblGrid).
	at := box.tagEnd
	for _, ch := range box.children {
		if ch.name == c.q("tcPr") || ch.name == c.q("tblPr") || ch.name == c.q("tblGrid") {
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
}

// srcPos returns the offset in the part's bytes where an action's output
// goes.
func (c *compiler) srcPos(a *action) int {
	switch a.place.how {
	case placeInline:
		p := c.pieceAt(a.u, a.start)
		return p.src(a.start - p.at)
	case placeAfter:
		return a.place.el.end
	default:
		return a.place.el.start
	}
}

// dropRepeatedIDs removes, inside {{range}} bodies, the markup whose id must
// be unique in a document and that repeating would duplicate: bookmarks
// (w:bookmarkStart, w:bookmarkEnd), content control ids (w:sdtPr/w:id,
// optional) and Word's paragraph and row ids (w14:paraId, w14:textId,
// optional). Bookmarks in a repeated paragraph could not be the target of a
// cross-reference anyway. Drawings and tracked changes, whose ids are
// required, are renumbered instead.
func (c *compiler) dropRepeatedIDs() {
	type span struct{ from, to int }
	var spans []span
	for _, a := range c.acts {
		if a.keyword == "range" && a.closing != nil {
			spans = append(spans, span{c.srcPos(a), c.srcPos(a.closing)})
		}
	}
	if len(spans) == 0 {
		return
	}
	var cut []edit
	for _, e := range c.edits {
		if e.start < e.end {
			cut = append(cut, e)
		}
	}
	// inRange reports whether el lies in a {{range}} body and its bytes
	// [from, to) are not already cut.
	inRange := func(el *elem, from, to int) bool {
		for _, s := range spans {
			if el.start >= s.from && el.end <= s.to {
				for _, e := range cut {
					if from < e.end && e.start < to {
						return false // already removed
					}
				}
				return true
			}
		}
		return false
	}
	w14 := ""
	for _, a := range c.root.attrs(c.data) {
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok && string(c.data[a.valStart:a.valEnd]) == nsW14 {
			w14 = p
		}
	}
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			switch {
			case ch.name == c.q("bookmarkStart") || ch.name == c.q("bookmarkEnd"),
				ch.name == c.q("id") && e.name == c.q("sdtPr"):
				if inRange(ch, ch.start, ch.end) {
					c.add(edit{start: ch.start, end: ch.end})
				}
				continue
			case strings.HasSuffix(ch.name, ":docPr"):
				for _, a := range ch.attrs(c.data) {
					if a.name == "id" && inRange(ch, a.valStart, a.valEnd) {
						c.renumberDrawing(a)
					}
				}
			case c.isRevision(ch.name):
				// tracked changes: their ids must be unique too
				for _, a := range ch.attrs(c.data) {
					if a.name == c.q("id") && inRange(ch, a.valStart, a.valEnd) {
						c.renumberDrawing(a)
					}
				}
			case w14 != "" && (ch.name == c.q("p") || ch.name == c.q("tr")):
				// Word 2010+ paragraph and row ids (optional attributes).
				for _, a := range ch.attrs(c.data) {
					if (a.name == w14+":paraId" || a.name == w14+":textId") && inRange(ch, a.start-1, a.end) {
						c.add(edit{start: a.start - 1, end: a.end}) // with the space before
					}
				}
			}
			walk(ch)
		}
	}
	walk(c.root)
}

// revisions are the tracked-change elements, whose w:id must be unique.
var revisions = map[string]bool{
	"ins": true, "del": true, "moveFrom": true, "moveTo": true,
	"rPrChange": true, "pPrChange": true, "sectPrChange": true, "tblPrChange": true,
	"tblPrExChange": true, "trPrChange": true, "tcPrChange": true, "tblGridChange": true,
	"numberingChange": true, "cellIns": true, "cellDel": true, "cellMerge": true,
}

// isRevision reports whether the qualified name is a WordprocessingML
// tracked-change element.
func (c *compiler) isRevision(name string) bool {
	local, ok := strings.CutPrefix(name, c.wp+":")
	return ok && revisions[local]
}

// renumberDrawing replaces the id of a drawing (wp:docPr) or of a tracked
// change (w:ins, w:rPrChange...) repeated by a {{range}} with a fresh one at
// each repetition: ids must be unique in a document. Fresh ids count from 2^30 + 2^20 × the part's index (ids Word
// writes are small), with a counter variable declared at the part's start.
func (c *compiler) renumberDrawing(id xattr) {
	if c.drawVar == "" {
		c.drawVar = "$_lk_drawing"
		c.add(edit{start: c.root.tagEnd, end: c.root.tagEnd, act: c.internal(c.drawVar + " := 0")})
		c.drawCtx = len(c.ctxs)
		c.ctxs = append(c.ctxs, escCtx{})
		c.ctxKeys = append(c.ctxKeys, ctxKey{})
		base := 1<<30 + c.partIndex<<20
		c.extraFuncs = template.FuncMap{
			"_lk_next":   func(n int) int { return n + 1 },
			"_lk_drawid": func(n int) int { return base + n },
		}
	}
	c.add(edit{start: id.valStart, end: id.valEnd})
	c.add(edit{start: id.valStart, end: id.valStart, phase: 1, act: c.internal(c.drawVar + " = _lk_next " + c.drawVar)})
	c.add(edit{start: id.valStart, end: id.valStart, phase: 1,
		act: &action{src: "{{_lk_drawid " + c.drawVar + "}}", kind: kindPrint, internal: true, ctx: c.drawCtx}})
}
