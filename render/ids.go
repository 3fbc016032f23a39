package render

import (
	"strings"
	"text/template"
)

// srcPos returns the offset in the part's bytes where an action's output
// goes.
func (c *compiler) srcPos(a *action) int {
	switch a.place.how {
	case placeInline:
		p := c.pieceAt(a.u, a.start)
		return p.src(a.start - p.at)
	case placeSplit:
		p := c.pieceAt(a.u, a.end-1)
		return p.src(a.end - p.at)
	case placeAfter:
		return a.place.el.end
	default:
		return a.place.el.start
	}
}

// freshenRepeatedIDs keeps ids unique when {{range}} repeats their markup.
// It removes, inside {{range}} bodies, the markup whose id is optional or
// useless once repeated: bookmarks
// (w:bookmarkStart, w:bookmarkEnd), content control ids (w:sdtPr/w:id,
// optional) and Word's paragraph and row ids (w14:paraId, w14:textId,
// optional). Bookmarks in a repeated paragraph could not be the target of a
// cross-reference anyway. Drawings and tracked changes, whose ids are
// required, are renumbered instead (renumberID).
func (c *compiler) freshenRepeatedIDs() {
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
	cutAt := func(from, to int) bool {
		for _, e := range cut {
			if from < e.end && e.start < to {
				return true
			}
		}
		return false
	}
	var refs []noteRef
	w14 := c.root.nsPrefix(c.data, nsW14)
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			switch {
			case c.is(ch.name, "bookmarkStart") || c.is(ch.name, "bookmarkEnd"),
				c.is(ch.name, "id") && c.is(e.name, "sdtPr"):
				if inRange(ch, ch.start, ch.end) {
					c.add(edit{start: ch.start, end: ch.end})
				}
				continue
			case strings.HasSuffix(ch.name, ":docPr"):
				for _, a := range ch.attrs(c.data) {
					if a.name == "id" && inRange(ch, a.valStart, a.valEnd) {
						c.renumberID(a)
					}
				}
			case strings.HasPrefix(ch.name, c.wp+":") && noteRefs[ch.name[len(c.wp)+1:]][0] != "":
				// notes and comments: one per repetition (notes.go)
				kr := noteRefs[ch.name[len(c.wp)+1:]]
				for _, a := range ch.attrs(c.data) {
					if a.name == c.q("id") {
						refs = append(refs, noteRef{kr[0], kr[1], a, inRange(ch, a.valStart, a.valEnd), cutAt(a.valStart, a.valEnd)})
					}
				}
			case c.isRevision(ch.name):
				// tracked changes: their ids must be unique too
				for _, a := range ch.attrs(c.data) {
					if c.is(a.name, "id") && inRange(ch, a.valStart, a.valEnd) {
						c.renumberID(a)
					}
				}
			case w14 != "" && (c.is(ch.name, "p") || c.is(ch.name, "tr")):
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
	// A kind of note referenced in a repeated body is numbered anew in
	// document order, references outside the loops included (notes.go).
	repeated := map[string]bool{}
	for _, r := range refs {
		repeated[r.kind] = repeated[r.kind] || r.repeated
	}
	for _, r := range refs {
		if repeated[r.kind] && !r.cut {
			c.noteID(r.kind, r.role, r.id)
		}
	}
}

// noteRef is a reference to a note or comment found by freshenRepeatedIDs.
type noteRef struct {
	kind, role string
	id         xattr
	repeated   bool // in a {{range}} body
	cut        bool // already removed
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

// renumberID replaces the id of a drawing (wp:docPr) or of a tracked
// change (w:ins, w:rPrChange...) repeated by a {{range}} with a fresh one at
// each repetition: ids must be unique in a document. Fresh ids come from
// the part's id state (idState).
func (c *compiler) renumberID(id xattr) {
	c.idState()
	c.add(edit{start: id.valStart, end: id.valEnd})
	c.add(edit{start: id.valStart, end: id.valStart, phase: 1,
		act: &action{src: "{{_lk_freshid " + c.idVar + "}}", kind: kindPrint, internal: true, ctx: c.idCtx}})
}

// idState declares, once, the variable holding the part's id state, made
// anew at each execution: the counter of fresh ids, which count from
// partIDBase (ids Word writes are small), shared by repeated drawings and
// revisions and by the tracked changes the template makes (revision.go),
// and the author and date of those.
func (c *compiler) idState() {
	if c.idVar != "" {
		return
	}
	c.idVar = revVar
	c.add(edit{start: c.root.tagEnd, end: c.root.tagEnd, act: c.internal(c.idVar + " := _lk_idstate")})
	c.idCtx = len(c.ctxs)
	c.ctxs = append(c.ctxs, escCtx{})
	c.ctxKeys = append(c.ctxKeys, ctxKey{})
	base := partIDBase(c.partIndex)
	c.extraFuncs = template.FuncMap{
		"_lk_idstate": func() *revState { return newRevState(base) },
		"_lk_freshid": func(st *revState) int { return st.ids.next() },
	}
}
