package render

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/esante/labelkit/internal/tmplval"
)

// Tracked changes made by the template (Word's « suivi des modifications »).
//
// {{revision AUTHOR DATE}} sets the author and date of the revisions that
// follow in the part; {{ins X}}, {{del X}} and {{change OLD NEW}} print
// values as an insertion, a deletion or a replacement; {{insParagraph}},
// {{delParagraph}}, {{insRow}} and {{delRow}} mark the whole paragraph or
// table row they stand in. The functions get the part's revision state as
// a hidden first argument, added to the parse tree (revState): a template
// cannot reach it, and executions running at the same time do not share it.

// revVar is the template variable holding the part's id and revision
// state (see idState).
const revVar = "$_lk_id"

// revFuncNames are the functions that take the revision state.
var revFuncNames = []string{"revision", "ins", "del", "change", "insParagraph", "delParagraph", "insRow", "delRow"}

// revFuncs returns the tracked-change functions, to be registered under
// their names; the parse tree rewriting adds their first argument.
func revFuncs() template.FuncMap {
	return template.FuncMap{
		"revision":     setRevision,
		"ins":          func(st *revState, v any) (revText, error) { return st.text("ins", nil, v) },
		"del":          func(st *revState, v any) (revText, error) { return st.text("del", v, nil) },
		"change":       func(st *revState, old, new any) (revText, error) { return st.text("change", old, new) },
		"insParagraph": func(st *revState) (revMark, error) { return st.mark("insParagraph", false, false) },
		"delParagraph": func(st *revState) (revMark, error) { return st.mark("delParagraph", false, true) },
		"insRow":       func(st *revState) (revMark, error) { return st.mark("insRow", true, false) },
		"delRow":       func(st *revState) (revMark, error) { return st.mark("delRow", true, true) },
	}
}

// revState is one execution's revision state for one part: the author and
// date set by {{revision}}, and the counter of revision ids.
type revState struct {
	ids          *idCounter
	author, date string // XML-escaped attribute values; date may be ""
}

// idCounter hands out the ids of one part's repeated drawings and
// revisions and of its generated tracked changes: unique in the document
// (each part has its own range, see partIDBase) and the same at each
// execution with the same data.
type idCounter struct{ base, n int }

func (c *idCounter) next() int {
	c.n++
	return c.base + c.n
}

// partIDBase is where the ids a part generates start: 2^30 plus 2^20 per
// part, far from the small ids Word writes. Execution hands out the first
// 2^19 (markIDOffset), finishMarks the next ones.
func partIDBase(partIndex int) int { return 1<<30 + partIndex<<20 }

// markIDOffset is where, past a part's id base, finishMarks numbers the
// row and paragraph marks and the wrappers of their runs.
const markIDOffset = 1 << 19

func newRevState(base int) *revState { return &revState{ids: &idCounter{base: base}} }

// setRevision is {{revision AUTHOR DATE}}: it prints nothing.
func setRevision(st *revState, author, date any) (string, error) {
	a, err := tmplval.String(author)
	if err != nil {
		return "", fmt.Errorf("revision: author: %w", err)
	}
	a = strings.Join(strings.Fields(a), " ")
	if a == "" {
		return "", errors.New("revision: the author is empty: Word needs a name for every tracked change")
	}
	d, err := revisionDate(date)
	if err != nil {
		return "", err
	}
	st.author, st.date = attrEscape(a), d
	return "", nil
}

// revisionDate formats the date of a revision as xsd:dateTime in UTC. It
// takes a time.Time, or text (or a fmt.Stringer) "2006-01-02" or RFC 3339;
// nil or "" leave the date out (it is optional).
func revisionDate(v any) (string, error) {
	rv := reflect.ValueOf(v)
	for rv.IsValid() && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "", nil
		}
		rv = rv.Elem()
		v = rv.Interface()
	}
	var t time.Time
	switch x := v.(type) {
	case nil:
		return "", nil
	case time.Time:
		t = x
	default:
		s, err := tmplval.String(v)
		if err != nil {
			return "", fmt.Errorf("revision: date: %w", err)
		}
		if s = strings.TrimSpace(s); s == "" {
			return "", nil
		}
		if t, err = time.Parse("2006-01-02", s); err != nil {
			if t, err = time.Parse(time.RFC3339, s); err != nil {
				return "", fmt.Errorf("revision: date %q: want 2006-01-02 or an RFC 3339 date-time", s)
			}
		}
	}
	if t.IsZero() {
		return "", nil
	}
	return t.UTC().Format("2006-01-02T15:04:05Z"), nil
}

// attrEscape escapes s for an attribute value in double quotes.
func attrEscape(s string) string {
	s, _ = escapeText(s, &escCtx{}, nil) // no budget: no error
	return strings.ReplaceAll(s, `"`, "&quot;")
}

// revText is what ins, del and change return: a value printed as a deletion
// followed by an insertion (either may be absent).
type revText struct {
	del, ins       string
	hasDel, hasIns bool
	delID, insID   int
	author, date   string
}

func (st *revState) check(fn string) error {
	if st == nil {
		return fmt.Errorf("%s: no revision state (internal error)", fn)
	}
	if st.author == "" {
		return fmt.Errorf("%s: no revision author: call {{revision AUTHOR DATE}} first (in this part)", fn)
	}
	return nil
}

func (st *revState) text(fn string, old, new any) (revText, error) {
	if err := st.check(fn); err != nil {
		return revText{}, err
	}
	o, err := tmplval.String(old)
	if err != nil {
		return revText{}, fmt.Errorf("%s: %w", fn, err)
	}
	n, err := tmplval.String(new)
	if err != nil {
		return revText{}, fmt.Errorf("%s: %w", fn, err)
	}
	r := revText{author: st.author, date: st.date}
	if o == n {
		// nothing changed: the value is printed plain
		r.ins = n
		return r, nil
	}
	if o != "" {
		r.del, r.hasDel, r.delID = o, true, st.ids.next()
	}
	if n != "" {
		r.ins, r.hasIns, r.insID = n, true, st.ids.next()
	}
	return r, nil
}

// revMark is what insParagraph, delParagraph, insRow and delRow return: a
// marker that finishMarks turns into the tracked change of the paragraph or
// row it stands in.
type revMark struct {
	row, del     bool
	author, date string
}

func (st *revState) mark(fn string, row, del bool) (revMark, error) {
	if err := st.check(fn); err != nil {
		return revMark{}, err
	}
	return revMark{row: row, del: del, author: st.author, date: st.date}, nil
}

// revAttrs returns the attributes of a revision element.
func revAttrs(w string, id int, author, date string) string {
	s := " " + w + `:id="` + strconv.Itoa(id) + `" ` + w + `:author="` + author + `"`
	if date != "" {
		s += " " + w + `:date="` + date + `"`
	}
	return s
}

// printRev returns the markup of a revText printed in the run context c,
// within the output budget of st.
func printRev(r revText, c *escCtx, st *execState) (string, error) {
	if !c.run || !r.hasDel && !r.hasIns {
		return escapeText(r.ins, c, st) // outside a run: the text as accepted
	}
	var b strings.Builder
	b.WriteString(c.closeRun)
	q := func(s string) string { return c.wp + ":" + s }
	if r.hasDel {
		dc := *c
		t := "<" + q("delText") + ` xml:space="preserve">`
		dc.br = "</" + q("delText") + "><" + q("br") + "/>" + t
		dc.tab = "</" + q("delText") + "><" + q("tab") + "/>" + t
		del, err := escapeText(r.del, &dc, st)
		if err != nil {
			return "", err
		}
		b.WriteString("<" + q("del") + revAttrs(c.wp, r.delID, r.author, r.date) + ">")
		b.WriteString("<" + q("r") + ">" + c.rPr + t + del + "</" + q("delText") + "></" + q("r") + ">")
		b.WriteString("</" + q("del") + ">")
	}
	if r.hasIns {
		ins, err := escapeText(r.ins, c, st)
		if err != nil {
			return "", err
		}
		b.WriteString("<" + q("ins") + revAttrs(c.wp, r.insID, r.author, r.date) + ">")
		b.WriteString("<" + q("r") + ">" + c.rPr + `<` + q("t") + ` xml:space="preserve">` + ins + "</" + q("t") + "></" + q("r") + ">")
		b.WriteString("</" + q("ins") + ">")
	}
	b.WriteString(c.reopen)
	return b.String(), nil
}

// markElem is the name of the marker element a revMark prints; finishMarks
// removes every one. Templates may not hold it (checked at parse time).
const markElem = "_lk_mark"

// printMark returns the marker of a revMark printed in the run context c.
func printMark(m revMark, c *escCtx) (string, error) {
	if !c.run {
		return "", errors.New("insParagraph, delParagraph, insRow and delRow must stand in the text of a paragraph")
	}
	k := "p"
	if m.row {
		k = "r"
	}
	if m.del {
		k += "d"
	} else {
		k += "i"
	}
	return c.closeRun + "<" + markElem + ` k="` + k + `" a="` + m.author + `" t="` + m.date + `"/>` + c.reopen, nil
}

// addRevState rewrites the tree so that every call of a tracked-change
// function gets the part's id state (declared by idState) as first
// argument. It reports whether the template calls any. Functions the caller
// replaced with Funcs are left alone.
func addRevState(tree *parse.Tree, user template.FuncMap) bool {
	names := map[string]bool{}
	for _, n := range revFuncNames {
		if _, ok := user[n]; !ok {
			names[n] = true
		}
	}
	used := false
	var pipe func(p *parse.PipeNode)
	var node func(n parse.Node)
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, cmd := range p.Cmds {
			for _, arg := range cmd.Args {
				node(arg)
			}
			if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && names[id.Ident] {
				used = true
				v := &parse.VariableNode{NodeType: parse.NodeVariable, Pos: id.Pos, Ident: []string{revVar}}
				cmd.Args = append(cmd.Args[:1], append([]parse.Node{v}, cmd.Args[1:]...)...)
			}
		}
	}
	node = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, x := range n.Nodes {
					node(x)
				}
			}
		case *parse.ActionNode:
			pipe(n.Pipe)
		case *parse.PipeNode:
			pipe(n)
		case *parse.IfNode:
			branch(&n.BranchNode, pipe, node)
		case *parse.RangeNode:
			branch(&n.BranchNode, pipe, node)
		case *parse.WithNode:
			branch(&n.BranchNode, pipe, node)
		}
	}
	node(tree.Root)
	return used
}

// callsRevFunc reports whether an action's text b names a tracked-change
// function (not a field .ins or a variable $del): such a part needs its id
// state declared (idState) before it is parsed. A few lines of code rather
// than a regular expression with Unicode classes, whose compiling cost a
// fresh process more than the search (TestCallsRevFunc compares them).
func callsRevFunc(b string) bool {
	for _, n := range revFuncNames {
		for at := 0; ; {
			i := strings.Index(b[at:], n)
			if i < 0 {
				break
			}
			i += at
			at = i + 1
			if before, _ := utf8.DecodeLastRuneInString(b[:i]); i > 0 && (isWordRune(before) || before == '.' || before == '$') {
				continue
			}
			if after, _ := utf8.DecodeRuneInString(b[i+len(n):]); i+len(n) < len(b) && isWordRune(after) {
				continue
			}
			return true
		}
	}
	return false
}

// isWordRune reports whether r is a letter, a number or '_' (\pL, \pN, _).
func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }

func branch(b *parse.BranchNode, pipe func(*parse.PipeNode), node func(parse.Node)) {
	pipe(b.Pipe)
	node(b.List)
	if b.ElseList != nil {
		node(b.ElseList)
	}
}

// finishMarks turns the markers printed by insParagraph, delParagraph,
// insRow and delRow into tracked changes: the paragraph's mark
// (w:pPr/w:rPr/w:ins or w:del) and its runs (wrapped in w:ins or w:del, w:t
// becoming w:delText), or the row (w:trPr/w:ins or w:del) and every
// paragraph of its cells. Runs already inside a tracked change are left as
// they are. ids continues the part's counter.
func finishMarks(out []byte, w string, ids *idCounter) ([]byte, error) {
	if !bytes.Contains(out, []byte("<"+markElem+" ")) {
		return out, nil
	}
	root, err := parseXML(out)
	if err != nil {
		return nil, fmt.Errorf("tracked changes: %w", err)
	}
	q := func(s string) string { return w + ":" + s }
	type target struct {
		del          bool
		author, date string
	}
	var edits []edit
	paras := map[*elem]target{}
	var paraOrder []*elem
	rows := map[*elem]target{}
	var rowOrder []*elem
	var markErr error
	setPara := func(p *elem, t target) {
		if old, ok := paras[p]; ok {
			if old.del != t.del && markErr == nil {
				markErr = errors.New("a paragraph is marked both inserted and deleted")
			}
			return
		}
		paras[p] = t
		paraOrder = append(paraOrder, p)
	}
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			if ch.name != markElem {
				walk(ch)
				continue
			}
			edits = append(edits, edit{start: ch.start, end: ch.end})
			k, _ := ch.attr(out, "k")
			a, _ := ch.attr(out, "a")
			d, _ := ch.attr(out, "t")
			t := target{del: strings.HasSuffix(k, "d"), author: a, date: d}
			want := q("p")
			if strings.HasPrefix(k, "r") {
				want = q("tr")
			}
			anc := ch.parent
			for anc != nil && anc.name != want {
				anc = anc.parent
			}
			if anc == nil {
				if markErr == nil {
					markErr = errors.New("insRow or delRow outside a table row")
				}
				continue
			}
			if want == q("p") {
				setPara(anc, t)
				continue
			}
			if old, ok := rows[anc]; ok {
				if old.del != t.del && markErr == nil {
					markErr = errors.New("a table row is marked both inserted and deleted")
				}
				continue
			}
			rows[anc] = t
			rowOrder = append(rowOrder, anc)
		}
	}
	walk(root)
	// a marked row marks every paragraph of its cells
	for _, r := range rowOrder {
		var each func(e *elem)
		each = func(e *elem) {
			for _, ch := range e.children {
				if ch.name == q("p") {
					setPara(ch, rows[r])
				}
				each(ch)
			}
		}
		each(r)
	}
	if markErr != nil {
		return nil, fmt.Errorf("tracked changes: %w", markErr)
	}
	sort.Slice(rowOrder, func(i, j int) bool { return rowOrder[i].start < rowOrder[j].start })
	sort.Slice(paraOrder, func(i, j int) bool { return paraOrder[i].start < paraOrder[j].start })
	seq := 0
	ins := func(at int, phase int, s string) {
		seq++
		edits = append(edits, edit{start: at, end: at, phase: phase, seq: seq, lit: s})
	}
	tag := func(t target) string {
		if t.del {
			return "del"
		}
		return "ins"
	}
	child := func(e *elem, names ...string) *elem {
		for _, ch := range e.children {
			for _, n := range names {
				if ch.name == q(n) {
					return ch
				}
			}
		}
		return nil
	}
	// the row's own mark
	for _, r := range rowOrder {
		t := rows[r]
		m := "<" + q(tag(t)) + revAttrs(w, ids.next(), t.author, t.date) + "/>"
		switch pr := child(r, "trPr"); {
		case pr == nil:
			at := r.tagEnd
			if ex := child(r, "tblPrEx"); ex != nil {
				at = ex.end
			}
			ins(at, 0, "<"+q("trPr")+">"+m+"</"+q("trPr")+">")
		case pr.empty:
			edits = append(edits, edit{start: pr.start, end: pr.end, lit: "<" + q("trPr") + ">" + m + "</" + q("trPr") + ">"})
		default:
			at := pr.closeStart
			if ch := child(pr, "trPrChange"); ch != nil {
				at = ch.start
			}
			ins(at, 0, m)
		}
	}
	for _, p := range paraOrder {
		t := paras[p]
		m := "<" + q(tag(t)) + revAttrs(w, ids.next(), t.author, t.date) + "/>"
		rPr := "<" + q("rPr") + ">" + m + "</" + q("rPr") + ">"
		if p.empty {
			edits = append(edits, edit{start: p.start, end: p.end,
				lit: string(out[p.start:p.tagEnd-2]) + "><" + q("pPr") + ">" + rPr + "</" + q("pPr") + "></" + q("p") + ">"})
			continue
		}
		switch pr := child(p, "pPr"); {
		case pr == nil:
			ins(p.tagEnd, 0, "<"+q("pPr")+">"+rPr+"</"+q("pPr")+">")
		case pr.empty:
			edits = append(edits, edit{start: pr.start, end: pr.end, lit: "<" + q("pPr") + ">" + rPr + "</" + q("pPr") + ">"})
		default:
			switch r := child(pr, "rPr"); {
			case r == nil:
				at := pr.closeStart
				if ch := child(pr, "sectPr", "pPrChange"); ch != nil {
					at = ch.start
				}
				ins(at, 0, rPr)
			case r.empty:
				edits = append(edits, edit{start: r.start, end: r.end, lit: rPr})
			default:
				ins(r.tagEnd, 0, m) // the revision comes first in w:rPr
			}
		}
		// the paragraph's runs, in groups of adjacent runs
		var runs func(e *elem)
		runs = func(e *elem) {
			var group []*elem
			flush := func() {
				if len(group) == 0 {
					return
				}
				ins(group[0].start, 1, "<"+q(tag(t))+revAttrs(w, ids.next(), t.author, t.date)+">")
				ins(group[len(group)-1].end, 0, "</"+q(tag(t))+">")
				if t.del {
					for _, r := range group {
						for _, ch := range r.children {
							switch ch.name {
							case q("t"):
								delName(&edits, ch, q("t"), q("delText"))
							case q("instrText"):
								delName(&edits, ch, q("instrText"), q("delInstrText"))
							}
						}
					}
				}
				group = nil
			}
			for _, ch := range e.children {
				switch ch.name {
				case q("r"):
					if emptyRun(ch, q) {
						// left by a value printed at the start or end of
						// the text: removed rather than tracked
						edits = append(edits, edit{start: ch.start, end: ch.end})
						continue
					}
					group = append(group, ch)
					continue
				case q("hyperlink"), q("smartTag"), q("customXml"), q("sdtContent"), q("fldSimple"):
					flush()
					runs(ch)
				case q("sdt"):
					flush()
					if c := child(ch, "sdtContent"); c != nil {
						runs(c)
					}
				default:
					// w:ins, w:del...: already tracked; bookmarks, proofing
					// marks: not runs
					flush()
				}
			}
			flush()
		}
		runs(p)
	}
	sort.SliceStable(edits, func(i, j int) bool {
		a, b := edits[i], edits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		// at one offset: insertions first, then a replaced range
		if (a.end > a.start) != (b.end > b.start) {
			return b.end > b.start
		}
		if a.phase != b.phase {
			return a.phase < b.phase
		}
		return a.seq < b.seq
	})
	var b bytes.Buffer
	b.Grow(len(out) + 64*len(edits))
	at := 0
	for _, e := range edits {
		if e.start < at {
			return nil, errors.New("tracked changes: overlapping edits (internal error)")
		}
		b.Write(out[at:e.start])
		b.WriteString(e.lit)
		at = e.end
	}
	b.Write(out[at:])
	return b.Bytes(), nil
}

// emptyRun reports whether run r holds nothing but its properties and
// empty text.
func emptyRun(r *elem, q func(string) string) bool {
	for _, ch := range r.children {
		switch {
		case ch.name == q("rPr"):
		case ch.name == q("t") && (ch.empty || ch.tagEnd == ch.closeStart):
		default:
			return false
		}
	}
	return true
}

// delName renames element e (written with name from) to to, start and end
// tags.
func delName(edits *[]edit, e *elem, from, to string) {
	*edits = append(*edits, edit{start: e.start + 1, end: e.start + 1 + len(from), lit: to})
	if !e.empty {
		*edits = append(*edits, edit{start: e.closeStart + 2, end: e.closeStart + 2 + len(from), lit: to})
	}
}
