package render

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

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

// pieceAt returns the last piece of u starting at or before text offset off.
func (c *compiler) pieceAt(u *unit, off int) *piece {
	i := sort.Search(len(u.pieces), func(i int) bool { return u.pieces[i].at > off })
	return u.pieces[max(i-1, 0)]
}

// firstPiece returns the index of u's first piece whose text ends after
// offset off (len(u.pieces) if none): pieces are in text order, and a
// paragraph may have a hundred thousand of them.
func firstPiece(u *unit, off int) int {
	return sort.Search(len(u.pieces), func(i int) bool { return u.pieces[i].at+u.pieces[i].size > off })
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
		if silentOnly(a.u) {
			if _, cause := c.paragraphContent(a.u.el); cause != "" {
				return fmt.Sprintf("inside the text of paragraph %d, which cannot be removed: it holds %s", a.u.n, cause)
			}
		}
		return fmt.Sprintf("inside the text of paragraph %d%s", a.u.n, c.runWrappers(c.pieceAt(a.u, a.start).t))
	case placeSplit:
		return fmt.Sprintf("inside the text of paragraph %d, which is cut there", a.u.n)
	case placeReplace:
		if c.isRowLike(a.place.el) {
			return fmt.Sprintf("alone in a table row (paragraph %d)", a.u.n)
		}
		where := "alone in paragraph"
		if hasAncestor(a.place.el, c.q("tc")) {
			where = "alone in table-cell paragraph"
		}
		return fmt.Sprintf("%s %d", where, a.u.n)
	default:
		if c.isRowLike(a.place.el) {
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
	for e := t.parent; e != nil && !c.is(e.name, "p"); e = e.parent {
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
			if got := c.container(b); !sameShape(want, got) && a.u != b.u && c.levelOf(want) != c.levelOf(got) {
				c.errorAt(a, nil, "{{%s}} and its %s are at different levels of the document: %s in paragraph %d « %s », %s in paragraph %d « %s »; a block that spans paragraphs must start and end in the same body, table cell, header or note",
					a.keyword, shortSrc(b), c.levelOf(want), a.u.n, snippet(a.u.text, a), c.levelOf(got), b.u.n, snippet(b.u.text, b))
				break
			} else if !sameShape(want, got) {
				c.errorAt(a, nil, "{{%s}} (%s) and its %s (%s) are in different places of the document structure: put both in the same paragraph (both inside or both outside the same hyperlink, field, tracked change or content control), or each alone in its own paragraph at the same level (same table cell, or both outside tables)",
					a.keyword, c.describe(a), shortSrc(b), c.describe(b))
				break
			}
		}
	}
}

// levelOf names the container of an element path (from container): "a
// table cell", "the body"...
func (c *compiler) levelOf(path []*elem) string {
	for _, e := range path {
		switch e.name {
		case c.q("tc"):
			return "a table cell"
		case c.q("txbxContent"):
			return "a text box"
		case c.q("body"):
			return "the body"
		case c.q("hdr"):
			return "the header"
		case c.q("ftr"):
			return "the footer"
		case c.q("footnote"), c.q("endnote"):
			return "a note"
		case c.q("comment"):
			return "a comment"
		}
	}
	return "the part"
}

func shortSrc(a *action) string {
	if utf8.RuneCountInString(a.src) > 30 {
		r := []rune(a.src)
		return string(r[:27]) + "…}}"
	}
	return a.src
}
