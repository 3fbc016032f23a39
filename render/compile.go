package render

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"
)

// Namespaces the engine recognises or declares.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsW14 = "http://schemas.microsoft.com/office/word/2010/wordml"
	nsMC  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// Delimiters of the compiled source. They are control characters that XML
// 1.0 forbids, so literal XML never collides with them.
const (
	leftDelim  = "\x01"
	rightDelim = "\x02"
)

// partMode says how a part's text is found.
type partMode int

const (
	modeWord  partMode = iota // WordprocessingML: paragraphs of runs of w:t
	modePlain                 // properties parts: every text-only element is a unit
)

// unit is where actions live: a paragraph (w:p), or a text-only element of a
// properties part. Actions never cross units.
type unit struct {
	n        int // 1-based paragraph number in the part
	el       *elem
	pieces   []*piece
	text     string
	buf      []byte // text while collecting
	actions  []*action
	replaced bool // the element is removed, its actions take its place
	dropped  bool // the element is removed, its actions were moved elsewhere
}

// piece is one w:t (or text element) of a unit.
type piece struct {
	t    *elem
	run  *elem // the w:r, nil in plain mode
	at   int   // offset of the piece's text in unit.text
	size int
	offs []int // source offsets, see decodeText (nil: identity)
}

// src returns the source offset of byte i of the piece's text.
func (p *piece) src(i int) int {
	if p.offs == nil {
		return p.t.tagEnd + i
	}
	return p.offs[i]
}

// placement says where an action goes in the compiled source.
type placement struct {
	how howPlace
	el  *elem // before, after: the element the action is moved around
}

type howPlace int

const (
	placeInline  howPlace = iota // stays in its w:t
	placeBefore                  // moved just before el (el kept)
	placeAfter                   // moved just after el
	placeReplace                 // el removed; actions in its place
)

// edit is one splice of the part's bytes: data[start:end] replaced with lit
// or an action.
type edit struct {
	start, end int
	phase      int // for insertions at the same offset: 0 after-elem, 1 before-elem
	seq        int
	lit        string
	act        *action
}

// compiler turns one part into a text/template source.
type compiler struct {
	part    string
	data    []byte
	mode    partMode
	wp      string // prefix of the WordprocessingML namespace, "w"
	root    *elem
	units   []*unit
	unitOf  map[*elem]*unit
	acts    []*action
	errs    Errors
	ctxs    []escCtx
	edits   []edit
	seq     int
	usesW   bool // some printing action is in a run: declare w14 for checkboxes
	w14     string
	ctxKeys [][2]string // per context: run properties, checkbox run properties
	nVars   int
	// errors not reported beyond maxErrors
	suppressed int
}

func (c *compiler) q(local string) string { return c.wp + ":" + local }

// Bounds for hostile templates: actions per part (a real agreement has a
// few hundred) and errors reported per part.
var (
	maxActions = 100_000
	maxErrors  = 50
)

func (c *compiler) errorAt(a *action, u *unit, format string, args ...any) {
	if len(c.errs) >= maxErrors {
		c.suppressed++
		return
	}
	e := &Error{Part: c.part, Err: fmt.Errorf(format, args...)}
	if u == nil && a != nil {
		u = a.u
	}
	if u != nil {
		e.Paragraph = u.n
		e.Snippet = snippet(u.text, a)
	}
	if a != nil {
		e.Action = a.src
	}
	c.errs = append(c.errs, e)
}

// snippet returns the visible text of a paragraph, shortened around a.
func snippet(text string, a *action) string {
	const max = 80
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	from, to := 0, 70
	if a != nil {
		from, to = a.start-40, a.end+30
	}
	pre, post := "…", "…"
	if from <= 0 {
		from, pre = 0, ""
	}
	if to >= len(text) {
		to, post = len(text), ""
	}
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return pre + text[from:to] + post
}

// collect finds the units of the part and the actions in them.
func (c *compiler) collect() {
	c.unitOf = map[*elem]*unit{}
	if c.mode == modeWord {
		c.walkWord(c.root, nil)
	} else {
		c.walkPlain(c.root)
	}
	for _, u := range c.units {
		u.text, u.buf = string(u.buf), nil
		c.findActions(u)
		if len(c.acts) > maxActions {
			c.errs = append(c.errs, &Error{Part: c.part, Paragraph: u.n, Snippet: snippet(u.text, nil),
				Err: fmt.Errorf("more than %d actions in one part", maxActions)})
			c.acts = nil
			return
		}
	}
}

func (c *compiler) newUnit(el *elem) *unit {
	u := &unit{n: len(c.units) + 1, el: el}
	c.units = append(c.units, u)
	c.unitOf[el] = u
	return u
}

func (c *compiler) addPiece(u *unit, t, run *elem) {
	if t.empty || t.hasMarkup {
		return
	}
	text, offs := decodeText(c.data, t.tagEnd, t.closeStart)
	p := &piece{t: t, run: run, at: len(u.buf), size: len(text), offs: offs}
	u.pieces = append(u.pieces, p)
	u.buf = append(u.buf, text...)
}

func (c *compiler) walkWord(e *elem, u *unit) {
	for _, ch := range e.children {
		switch ch.name {
		case c.q("p"):
			c.walkWord(ch, c.newUnit(ch))
			continue
		case c.q("t"):
			if u != nil && e.name == c.q("r") {
				c.addPiece(u, ch, e)
			}
			continue
		}
		c.walkWord(ch, u)
	}
}

func (c *compiler) walkPlain(e *elem) {
	for _, ch := range e.children {
		if len(ch.children) == 0 && !ch.empty {
			u := c.newUnit(ch)
			c.addPiece(u, ch, nil)
			continue
		}
		c.walkPlain(ch)
	}
}

func (c *compiler) findActions(u *unit) {
	text := u.text
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return
		}
		i += j
		end, src, ok := scanAction(text, i)
		a := &action{u: u, start: i, end: end, src: src}
		if !ok {
			c.errorAt(a, u, "action not closed in this paragraph: an action must open and close in the same paragraph (a pressed Enter inside {{ }}?)")
			return
		}
		a.classify()
		u.actions = append(u.actions, a)
		c.acts = append(c.acts, a)
		i = end
	}
}

// match pairs openers, elses and ends across the part.
func (c *compiler) match() {
	var stack []*action
	for _, a := range c.acts {
		switch a.kind {
		case kindOpen:
			stack = append(stack, a)
		case kindElse:
			if len(stack) == 0 {
				c.errorAt(a, nil, "{{else}} without {{if}}, {{range}} or {{with}}")
				continue
			}
			top := stack[len(stack)-1]
			top.elses = append(top.elses, a)
			a.open = top
		case kindEnd:
			if len(stack) == 0 {
				c.errorAt(a, nil, "{{end}} without {{if}}, {{range}} or {{with}}")
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.closing = a
			a.open = top
		case kindRefused:
			c.errorAt(a, nil, "{{%s}} is not supported in document templates", a.keyword)
			if a.keyword != "template" {
				stack = append(stack, a) // its {{end}} is not an error of its own
			}
		}
	}
	for _, a := range stack {
		if a.kind == kindRefused {
			continue
		}
		c.errorAt(a, nil, "{{%s}} never closed: its {{end}} is missing", a.keyword)
	}
}

// ---- widening ----

// removable reports whether paragraph p may disappear from the output:
// nothing in it but runs of text, proofing marks and bookmarks.
func (c *compiler) removable(p *elem) bool {
	var ok func(e *elem) bool
	ok = func(e *elem) bool {
		for _, ch := range e.children {
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
		return fmt.Sprintf("inside the text of paragraph %d", a.u.n)
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
		return fmt.Sprintf("around paragraph %d", a.u.n)
	}
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
				c.errorAt(a, nil, "{{%s}} (%s) and its %s (%s) are in different places of the document structure: put both in the same paragraph, or each alone in its own paragraph at the same level (same table cell, or both outside tables)",
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

// ---- source building ----

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
			for i, p := range u.pieces {
				lo, hi := max(a.start, p.at), min(a.end, p.at+p.size)
				if lo < hi {
					covered[i] += hi - lo
					if a.place.how == placeInline && lo == a.start {
						home[i] = true
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
			for i, p := range u.pieces {
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
		}
		c.add(edit{start: el.start, end: el.start, phase: 1, act: a})
	}
	if c.mode == modeWord {
		c.dropRepeatedIDs()
		c.fallbacks()
		if c.usesW {
			c.declareW14()
		}
	}
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
// (w:bookmarkStart, w:bookmarkEnd) and content control ids (w:sdtPr/w:id,
// optional). Bookmarks in a repeated paragraph could not be the target of a
// cross-reference anyway.
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
	inRange := func(el *elem) bool {
		for _, s := range spans {
			if el.start >= s.from && el.end <= s.to {
				for _, e := range cut {
					if el.start < e.end && e.start < el.end {
						return false // already removed
					}
				}
				return true
			}
		}
		return false
	}
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			switch {
			case ch.name == c.q("bookmarkStart") || ch.name == c.q("bookmarkEnd"),
				ch.name == c.q("id") && e.name == c.q("sdtPr"):
				if inRange(ch) {
					c.add(edit{start: ch.start, end: ch.end})
				}
				continue
			}
			walk(ch)
		}
	}
	walk(c.root)
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
		if ch != t && ch.name != c.q("rPr") {
			return false
		}
	}
	return true
}

// preserve makes sure w:t keeps its spaces once values are spliced in.
func (c *compiler) preserve(t *elem) {
	if _, ok := t.attr(c.data, "xml:space"); ok {
		return
	}
	at := t.start + 1 + len(t.name)
	c.add(edit{start: at, end: at, lit: ` xml:space="preserve"`})
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

func (c *compiler) internal(body string) *action {
	return &action{src: "{{" + body + "}}", kind: kindSilent, internal: true}
}

// declareW14 declares the w14 and mc namespaces on the root element, with
// w14 ignorable, so that checkbox content controls are valid.
func (c *compiler) declareW14() {
	root := c.root
	w14, mc := "", ""
	rootAttrs := root.attrs(c.data)
	for _, a := range rootAttrs {
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok {
			switch string(c.data[a.valStart:a.valEnd]) {
			case nsW14:
				w14 = p
			case nsMC:
				mc = p
			}
		}
	}
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
			b.WriteString(a.src[2 : len(a.src)-2])
			b.WriteString(rightDelim)
			a.srcEnd = b.Len()
			acts = append(acts, a)
		}
		last = e.end
	}
	b.Write(c.data[last:])
	return b.String(), acts, nil
}

// ---- escaper insertion (the html/template way) ----

// escIdent is the escaper appended to every printing pipeline.
const escIdent = "_lk_esc"

// rewrite appends the escaper to every printing action of the tree.
func rewrite(tree *parse.Tree, ctxOf func(pos parse.Pos) (int, bool)) error {
	var walk func(n parse.Node) error
	walk = func(n parse.Node) error {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return nil
			}
			for _, x := range n.Nodes {
				if err := walk(x); err != nil {
					return err
				}
			}
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 {
				return nil
			}
			ctx, ok := ctxOf(n.Pos)
			if !ok {
				return fmt.Errorf("internal error: no context for action at %d", n.Pos)
			}
			pos := n.Pipe.Pos
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
				NodeType: parse.NodeCommand,
				Pos:      pos,
				Args: []parse.Node{
					parse.NewIdentifier(escIdent).SetTree(tree).SetPos(pos),
					&parse.NumberNode{NodeType: parse.NodeNumber, Pos: pos, IsInt: true, IsUint: true,
						IsFloat: true, Int64: int64(ctx), Uint64: uint64(ctx), Float64: float64(ctx),
						Text: strconv.Itoa(ctx)},
				},
			})
		case *parse.IfNode:
			return walkBranch(&n.BranchNode, walk)
		case *parse.RangeNode:
			return walkBranch(&n.BranchNode, walk)
		case *parse.WithNode:
			return walkBranch(&n.BranchNode, walk)
		case *parse.TemplateNode:
			return fmt.Errorf("{{template}} is not supported")
		}
		return nil
	}
	return walk(tree.Root)
}

func walkBranch(b *parse.BranchNode, walk func(parse.Node) error) error {
	if err := walk(b.List); err != nil {
		return err
	}
	if b.ElseList != nil {
		return walk(b.ElseList)
	}
	return nil
}

// checkActions parses each action alone (with the context it needs) to
// report every syntax error, not only the first one.
func (c *compiler) checkActions(funcs template.FuncMap) {
	// Variables may be declared in another paragraph: declare them all.
	var decls strings.Builder
	seen := map[string]bool{}
	for _, a := range c.acts {
		for _, m := range varDeclRE.FindAllStringSubmatch(a.body(), -1) {
			for _, v := range m[1:] {
				if v != "" && !seen[v] {
					seen[v] = true
					fmt.Fprintf(&decls, "{{%s := 0}}", v)
				}
			}
		}
	}
	pre := decls.String()
	for _, a := range c.acts {
		var src string
		switch a.kind {
		case kindPrint, kindSilent:
			src = a.src
			if a.keyword == "break" || a.keyword == "continue" {
				src = "{{range .}}" + a.src + "{{end}}"
			}
		case kindOpen:
			src = a.src + "{{end}}"
		case kindElse:
			if strings.HasPrefix(a.body(), "else with") || strings.HasPrefix(strings.Join(strings.Fields(a.body()), " "), "else with") {
				src = "{{with 1}}" + a.src + "{{end}}"
			} else {
				src = "{{if 1}}" + a.src + "{{end}}"
			}
		case kindEnd:
			src = "{{if 1}}" + a.src
		default:
			continue
		}
		if _, err := parse.Parse("x", pre+src, "{{", "}}", funcs, builtinNames); err != nil {
			c.errorAt(a, nil, "%s", cleanParseError(err))
		}
	}
}

var varDeclRE = regexp.MustCompile(`(\$[\p{L}\p{Nd}_]+)\s*(?:,\s*(\$[\p{L}\p{Nd}_]+)\s*)?:=`)

// builtinNames lists text/template's predefined functions for parse.Parse.
var builtinNames = map[string]any{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
	"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true,
	"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// cleanParseError drops text/template's "template: name:line:" prefix,
// which names the compiled source, not the document.
func cleanParseError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "template: ")
	// name:line: or name:line:col:
	for range 3 {
		i := strings.IndexByte(msg, ':')
		if i < 0 {
			break
		}
		head := msg[:i]
		if head == "x" || head == "" || isDigits(head) {
			msg = strings.TrimPrefix(msg[i+1:], " ")
			continue
		}
		break
	}
	return msg
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// result returns the errors found, noting those not reported.
func (c *compiler) result() Errors {
	if c.suppressed > 0 {
		return append(c.errs, &Error{Part: c.part, Err: fmt.Errorf("and %d more errors", c.suppressed)})
	}
	return c.errs
}
