package render

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// Notes and comments referenced inside a {{range}} body. Each repetition
// references a note or comment of its own, a copy of the template's as
// rendered. Word numbers notes by their order in the document and
// LibreOffice takes a notes part's notes in the order of their ids, so the
// references of such a kind are all numbered anew in document order (the
// first note after the separators), and the notes part is rebuilt in that
// order: the separators, then one note per reference. A note's own text is
// rendered once, with the document's data (not the item of the
// repetition), and a note no reference prints (in a loop over nothing) is
// left out.

// noteKinds maps the relationship suffix of a notes part to its kind.
var noteKinds = map[string]string{"/footnotes": "footnote", "/endnotes": "endnote", "/comments": "comment"}

// noteRefs are the elements that reference a note or comment by w:id, and
// the kind and role of each.
var noteRefs = map[string][2]string{
	"footnoteReference": {"footnote", "ref"},
	"endnoteReference":  {"endnote", "ref"},
	"commentRangeStart": {"comment", "start"},
	"commentRangeEnd":   {"comment", "end"},
	"commentReference":  {"comment", "ref"},
}

// noteID replaces the id of a note reference repeated by a {{range}} with
// one given at each repetition by the execution's note state.
func (c *compiler) noteID(kind, role string, id xattr) {
	c.idState()
	c.extraFuncs["_lk_note"] = func(string, string, string) (string, error) {
		return "", fmt.Errorf("render: internal error: note state not bound")
	}
	if c.notes == nil {
		c.notes = map[string]bool{}
	}
	c.notes[kind] = true
	orig := string(c.data[id.valStart:id.valEnd])
	c.add(edit{start: id.valStart, end: id.valEnd})
	c.add(edit{start: id.valStart, end: id.valStart, phase: 1,
		act: &action{src: fmt.Sprintf("{{_lk_note %q %q %q}}", kind, role, orig), kind: kindPrint, internal: true, ctx: c.idCtx}})
}

// noteCopy is one note of the rebuilt notes part: a copy of the template's
// note orig with id id.
type noteCopy struct{ orig, id string }

// noteState gives the ids of one execution and remembers the copies.
type noteState struct {
	t      *Template
	next   map[string]int        // kind: the next id
	open   map[string]string     // comment id: its id in the current repetition
	seen   map[string]bool       // kind+orig: a copy keeps the paragraph ids
	copies map[string][]noteCopy // kind: the notes in order
}

func newNoteState(t *Template) *noteState {
	ns := &noteState{t: t, next: map[string]int{}, open: map[string]string{}, seen: map[string]bool{}, copies: map[string][]noteCopy{}}
	for kind, np := range t.notes {
		ns.next[kind] = np.firstID
		if t.noteKinds[kind] {
			ns.copies[kind] = nil // rebuilt, even with no reference printed
		}
	}
	return ns
}

// id returns the id a reference prints: the next one of its kind. A
// comment's range start, range end and reference share the id their start
// got.
func (ns *noteState) id(kind, role, orig string) (string, error) {
	if _, ok := ns.t.notes[kind]; !ok {
		return orig, nil // no notes part: nothing to number
	}
	if kind == "comment" && role != "start" {
		if id, ok := ns.open[orig]; ok {
			if role == "ref" {
				delete(ns.open, orig)
			}
			return id, nil
		}
	}
	id := strconv.Itoa(ns.next[kind])
	ns.next[kind]++
	ns.copies[kind] = append(ns.copies[kind], noteCopy{orig, id})
	if kind == "comment" && role != "ref" {
		ns.open[orig] = id
	}
	return id, nil
}

// notesPart is a footnotes, endnotes or comments part.
type notesPart struct {
	index   int    // in Template.parts
	firstID int    // the id of the first note, after the separators' ids
	w       string // prefix of WordprocessingML in it
	w14     string // prefix of w14, "" if not declared
}

// setupNotes finds the notes parts of t and the first id of each.
func (t *Template) setupNotes(kinds map[string]string) error {
	for name, kind := range kinds {
		i, ok := t.names[name]
		if !ok {
			continue
		}
		data := t.parts[i].part.Data
		root, err := parseXML(data)
		if err != nil {
			return fmt.Errorf("%s: %w", t.parts[i].name, err)
		}
		np := &notesPart{index: i, w: "w", w14: root.nsPrefix(data, nsW14)}
		if p := root.nsPrefix(data, nsW); p != "" {
			np.w = p
		}
		for _, ch := range root.children {
			if _, special := ch.attr(data, np.w+":type"); !special {
				continue
			}
			if v, ok := ch.attr(data, np.w+":id"); ok {
				if n, err := strconv.Atoi(v); err == nil && n >= np.firstID {
					np.firstID = n + 1
				}
			}
		}
		if t.notes == nil {
			t.notes = map[string]*notesPart{}
		}
		t.notes[kind] = np
	}
	return nil
}

// finish returns the notes parts rebuilt, from their rendered output (or
// the template's bytes when they are not templated): the separators, then
// the copies in order.
func (ns *noteState) finish(outs []limitWriter, changed map[int][]byte) error {
	kinds := make([]string, 0, len(ns.copies))
	for kind := range ns.copies {
		kinds = append(kinds, kind)
	}
	slices.Sort(kinds)
	for _, kind := range kinds {
		copies := ns.copies[kind]
		np := ns.t.notes[kind]
		p := ns.t.parts[np.index]
		src := p.part.Data
		if prev, ok := changed[np.index]; ok {
			src = prev
		} else if outs[np.index].b != nil {
			src = outs[np.index].b.Bytes()
		}
		root, err := parseXML(src)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		byID := map[string]*elem{}
		var out bytes.Buffer
		at := root.tagEnd
		for _, ch := range root.children {
			_, special := ch.attr(src, np.w+":type")
			if !special {
				if v, ok := ch.attr(src, np.w+":id"); ok {
					byID[v] = ch
				}
				continue
			}
			if out.Len() == 0 {
				out.Write(src[:ch.start])
			}
			out.Write(src[ch.start:ch.end])
			at = ch.end
		}
		if out.Len() == 0 {
			out.Write(src[:at])
		}
		for _, cp := range copies {
			el := byID[cp.orig]
			if el == nil {
				continue // referenced, but not in the part: left as the template has it
			}
			keepIDs := !ns.seen[kind+"\x00"+cp.orig]
			ns.seen[kind+"\x00"+cp.orig] = true
			out.Write(np.copyNote(src, el, cp.id, keepIDs))
		}
		out.Write(src[root.closeStart:])
		if int64(out.Len()) > ns.t.maxPart {
			return &Error{Part: p.name, Kind: KindLimit, Err: fmt.Errorf("%w: the notes repeated with their references make %d bytes", ErrOutputTooLarge, out.Len())}
		}
		changed[np.index] = out.Bytes()
	}
	return nil
}

// copyNote returns note el of src with id id, and, unless keepIDs, without
// the paragraph ids Word 2010 writes (w14:paraId, w14:textId: optional, and
// unique in a document; the first copy keeps them, for the comments'
// extended properties that point to them).
func (np *notesPart) copyNote(src []byte, el *elem, id string, keepIDs bool) []byte {
	var b []byte
	for _, a := range el.attrs(src) {
		if a.name == np.w+":id" {
			b = append(b, src[el.start:a.valStart]...)
			b = append(b, id...)
			b = append(b, src[a.valEnd:el.end]...)
			break
		}
	}
	if np.w14 != "" && !keepIDs {
		b = paraIDs(np.w14).ReplaceAll(b, nil)
	}
	return b
}

func paraIDs(w14 string) *regexp.Regexp {
	return regexp.MustCompile(`\s` + regexp.QuoteMeta(w14) + `:(?:paraId|textId)="[^"]*"`)
}
