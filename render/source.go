package render

import (
	"fmt"
	"sort"
	"strings"
)

func (c *compiler) add(e edit) {
	c.seq++
	e.seq = c.seq
	c.edits = append(c.edits, e)
}

// buildEdits turns placements into splices of the part's bytes.
func (c *compiler) buildEdits() {
	preserved := map[*elem]bool{}
	for _, u := range c.units {
		if len(u.actions) == 0 {
			continue
		}
		if u.replaced {
			continue // handled below, per replaced element
		}
		if u.dropped {
			c.add(edit{start: u.el.start, end: u.el.end})
			for _, a := range u.actions {
				c.hoist(a)
			}
			continue
		}
		// Runs whose text was nothing but moved action text disappear.
		covered := make([]int, len(u.pieces))
		home := make([]bool, len(u.pieces))
		for _, a := range u.actions {
			for i := firstPiece(u, a.start); i < len(u.pieces) && u.pieces[i].at < a.end; i++ {
				p := u.pieces[i]
				lo, hi := max(a.start, p.at), min(a.end, p.at+p.size)
				if lo < hi {
					covered[i] += hi - lo
					if a.place.how == placeInline && lo == a.start || a.place.how == placeSplit && hi == a.end {
						home[i] = true // the action's output goes there
					}
				}
			}
		}
		drop := make([]bool, len(u.pieces))
		for i, p := range u.pieces {
			if covered[i] == p.size && !home[i] && c.onlyText(p.run, p.t) {
				drop[i] = true
				c.add(edit{start: p.run.start, end: p.run.end})
			}
		}
		for _, a := range u.actions {
			for i := firstPiece(u, a.start); i < len(u.pieces) && u.pieces[i].at < a.end; i++ {
				p := u.pieces[i]
				lo, hi := max(a.start, p.at), min(a.end, p.at+p.size)
				if lo >= hi || drop[i] {
					continue
				}
				e := edit{start: p.src(lo - p.at), end: p.src(hi - p.at)}
				if a.place.how == placeInline && lo == a.start {
					e.act = a
				}
				c.add(e)
				if c.mode == modeWord && !preserved[p.t] {
					preserved[p.t] = true
					c.preserve(p.t)
				}
			}
			c.hoist(a)
			if a.place.how == placeSplit {
				c.split(a)
			}
		}
	}
	// Replaced elements, in document order, each once.
	done := map[*elem]bool{}
	for _, a := range c.acts {
		if a.place.how != placeReplace {
			continue
		}
		el := a.place.el
		if !done[el] {
			done[el] = true
			c.add(edit{start: el.start, end: el.end})
			if u := c.unitOf[el]; u != nil && u.keepEmpty {
				c.add(edit{start: el.end, end: el.end, lit: c.emptyParagraph(el)})
			}
			if u := c.unitOf[el]; u != nil && u.residue&resBookmark != 0 {
				c.keepBookmarks(u)
			}
		}
		c.add(edit{start: el.start, end: el.start, phase: 1, act: a})
	}
	for _, u := range c.units {
		if u.residue&resSect != 0 && u.actions[0].kind == kindEnd {
			c.sectionFallback(u)
		}
	}
	if c.mode == modeWord {
		c.freshenRepeatedIDs()
		c.fallbacks()
		if c.usesW {
			c.declareW14()
		}
	}
}

// sectionFallback makes the section properties of u, the paragraph of an
// {{end}}, end each repetition of the block (u is inside it) and be printed
// once when the block prints nothing: a section is never lost.
func (c *compiler) sectionFallback(u *unit) {
	c.nVars++
	v := fmt.Sprintf("$_lk_sect%d", c.nVars)
	c.add(edit{start: c.root.tagEnd, end: c.root.tagEnd, act: c.internal(v + " := false")})
	c.add(edit{start: u.el.start, end: u.el.start, phase: 1, act: c.internal(v + " = true")})
	// After the {{end}} hoisted there (a later seq).
	c.add(edit{start: u.el.end, end: u.el.end, act: c.internal("if not " + v)})
	c.add(edit{start: u.el.end, end: u.el.end, lit: c.emptyParagraph(u.el)})
	c.add(edit{start: u.el.end, end: u.el.end, act: c.internal("end")})
	c.add(edit{start: u.el.end, end: u.el.end, act: c.internal(v + " = false")})
}

// keepBookmarks prints once the bookmarks of u, a paragraph of block
// actions that disappears, outside the blocks its actions open or close
// (bookmarks may stand between paragraphs), so that cross-references to
// them still work. Inside a {{range}} that repeats u they would be
// duplicates: they go, as in any repeated paragraph.
func (c *compiler) keepBookmarks(u *unit) {
	for _, a := range c.acts {
		if a.keyword == "range" && a.closing != nil && a.u != u && a.closing.u != u &&
			c.srcPos(a) <= u.el.start && u.el.end <= c.srcPos(a.closing) {
			return
		}
	}
	var marks strings.Builder
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			if c.is(ch.name, "bookmarkStart") || c.is(ch.name, "bookmarkEnd") {
				marks.Write(c.data[ch.start:ch.end])
				continue
			}
			walk(ch)
		}
	}
	walk(u.el)
	if k := u.actions[0].kind; k == kindEnd || k == kindElse {
		c.add(edit{start: u.el.end, end: u.el.end, lit: marks.String()})
	} else {
		c.add(edit{start: u.el.start, end: u.el.start, phase: 1, lit: marks.String()})
	}
}

// split writes action a, whose text was cut, where its text ends, between
// the end of its paragraph and the start of a new one: the same paragraph
// and run properties, the same wrappers (hyperlink...).
func (c *compiler) split(a *action) {
	last := c.pieceAt(a.u, a.end-1)
	at := last.src(a.end - last.at)
	p := a.place.el
	var closing, opening strings.Builder
	var path []*elem // from the paragraph's child down to the w:t
	for e := last.t; e != p; e = e.parent {
		closing.WriteString("</" + e.name + ">")
		path = append([]*elem{e}, path...)
	}
	closing.WriteString("</" + p.name + ">")
	opening.WriteString("<" + p.name + ">")
	for _, ch := range p.children {
		if c.is(ch.name, "pPr") {
			opening.Write(c.data[ch.start:ch.end])
		}
	}
	for _, e := range path {
		switch e.name {
		case c.q("r"):
			opening.WriteString("<" + e.name + ">")
			for _, ch := range e.children {
				if c.is(ch.name, "rPr") {
					opening.Write(c.data[ch.start:ch.end])
				}
			}
		case last.t.name:
			opening.WriteString("<" + e.name + ` xml:space="preserve">`)
		default:
			opening.Write(c.data[e.start:e.tagEnd])
		}
	}
	c.add(edit{start: at, end: at, lit: closing.String()})
	c.add(edit{start: at, end: at, act: a})
	c.add(edit{start: at, end: at, lit: opening.String()})
}

// emptyParagraph returns paragraph p without its content: its properties
// only.
func (c *compiler) emptyParagraph(p *elem) string {
	for _, ch := range p.children {
		if c.is(ch.name, "pPr") {
			return "<" + p.name + ">" + string(c.data[ch.start:ch.end]) + "</" + p.name + ">"
		}
	}
	return "<" + p.name + "/>"
}

// hoist inserts an action moved before or after an element.
func (c *compiler) hoist(a *action) {
	switch a.place.how {
	case placeBefore:
		c.add(edit{start: a.place.el.start, end: a.place.el.start, phase: 1, act: a})
	case placeAfter:
		c.add(edit{start: a.place.el.end, end: a.place.el.end, phase: 0, act: a})
	}
}

// onlyText reports whether run holds nothing but its properties and t.
func (c *compiler) onlyText(run, t *elem) bool {
	if run == nil {
		return false
	}
	for _, ch := range run.children {
		if ch != t && !c.is(ch.name, "rPr") {
			return false
		}
	}
	return true
}

// preserve makes sure w:t keeps its spaces once values are spliced in.
func (c *compiler) preserve(t *elem) {
	for _, a := range t.attrs(c.data) {
		if a.name == "xml:space" {
			if string(c.data[a.valStart:a.valEnd]) != "preserve" {
				c.add(edit{start: a.valStart, end: a.valEnd, lit: "preserve"})
			}
			return
		}
	}
	at := t.start + 1 + len(t.name)
	c.add(edit{start: at, end: at, lit: ` xml:space="preserve"`})
}

func (c *compiler) internal(body string) *action {
	return &action{src: "{{" + body + "}}", kind: kindSilent, internal: true}
}

// declareW14 declares the w14 and mc namespaces on the root element, with
// w14 ignorable, so that checkbox content controls are valid.
func (c *compiler) declareW14() {
	root := c.root
	w14, mc := root.nsPrefix(c.data, nsW14), root.nsPrefix(c.data, nsMC)
	rootAttrs := root.attrs(c.data)
	at := root.tagEnd - 1
	if root.empty {
		at = root.tagEnd - 2
	}
	var add strings.Builder
	if w14 == "" {
		w14 = "w14"
		if _, taken := root.attr(c.data, "xmlns:w14"); taken {
			w14 = "lkw14"
		}
		fmt.Fprintf(&add, ` xmlns:%s="%s"`, w14, nsW14)
	}
	if mc == "" {
		mc = "mc"
		if _, taken := root.attr(c.data, "xmlns:mc"); taken {
			mc = "lkmc"
		}
		fmt.Fprintf(&add, ` xmlns:%s="%s"`, mc, nsMC)
	}
	c.w14 = w14
	ign, ok := -1, false
	for i, a := range rootAttrs {
		if a.name == mc+":Ignorable" {
			ign, ok = i, true
		}
	}
	if ok {
		a := rootAttrs[ign]
		if !containsWord(string(c.data[a.valStart:a.valEnd]), w14) {
			c.add(edit{start: a.valEnd, end: a.valEnd, lit: " " + w14})
		}
	} else {
		fmt.Fprintf(&add, ` %s:Ignorable="%s"`, mc, w14)
	}
	if add.Len() > 0 {
		c.add(edit{start: at, end: at, lit: add.String()})
	}
}

func containsWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

// source applies the edits and returns the template source. It records each
// action's offsets in the source.
func (c *compiler) source() (string, []*action, error) {
	sort.SliceStable(c.edits, func(i, j int) bool {
		a, b := c.edits[i], c.edits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		ai, bi := a.start == a.end, b.start == b.end
		if ai != bi {
			return ai // insertions before a range starting there
		}
		if a.phase != b.phase {
			return a.phase < b.phase
		}
		return a.seq < b.seq
	})
	var b strings.Builder
	b.Grow(len(c.data) + len(c.data)/8)
	var acts []*action
	last := 0
	for _, e := range c.edits {
		if e.start < last {
			return "", nil, fmt.Errorf("internal error: overlapping edits at byte %d", e.start)
		}
		b.Write(c.data[last:e.start])
		b.WriteString(e.lit)
		if a := e.act; a != nil {
			a.srcOff = b.Len()
			b.WriteString(leftDelim)
			if a.code != "" {
				b.WriteString(a.code)
			} else {
				b.WriteString(a.src[2 : len(a.src)-2])
			}
			b.WriteString(rightDelim)
			a.srcEnd = b.Len()
			acts = append(acts, a)
		}
		last = e.end
	}
	b.Write(c.data[last:])
	return b.String(), acts, nil
}
