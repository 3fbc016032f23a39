package render

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"
	"unsafe"

	"github.com/esante/labelkit/internal/tmplval"
)

// RawXML is WordprocessingML markup that a trusted template inserts as it
// is, unescaped. It is honoured only when the template was parsed with
// AllowRawXML; otherwise printing a RawXML value is an error.
//
// Printed inside a paragraph's text, the markup is inserted between runs:
// the current run is closed before it and reopened (same formatting) after
// it, so it must be run-level content such as
// `<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>`. In a properties part
// (docProps/core.xml) it is inserted where the action stands. The engine does
// not check the markup: a wrong RawXML value gives a broken document.
type RawXML string

// ErrRawXML is reported when a template prints a RawXML value without the
// AllowRawXML option.
var ErrRawXML = errors.New("render.RawXML value refused: parse the template with render.AllowRawXML() if it is trusted")

// escCtx is where a printing action stands, with the markup its escaper
// needs, precomputed at parse time.
type escCtx struct {
	run       bool   // inside a w:t of a run (else plain element text)
	wp, w14   string // the prefixes of WordprocessingML and its 2010 extensions
	rPr       string // the run's properties (w:rPr element, or "")
	cbRPr     string // rPr with the checkbox glyph's font
	closeRun  string // "</w:t></w:r>"
	reopen    string // "<w:r>" + rPr + `<w:t xml:space="preserve">`
	br, tab   string // a line break / tab inside the run
	checked   string // the whole untagged checkbox content control, checked
	unchecked string
	// the markup of content controls around their names (see checkboxXML
	// and controlXML), made once
	sdtOpen   string    // closeRun + "<w:sdt><w:sdtPr>"
	aliasOpen string    // `<w:alias w:val="`
	tagOpen   string    // `<w:tag w:val="`
	cbTail    [2]string // after the names: the checkbox's properties and glyph, then reopen; [1] checked
	ctlRun    string    // "</w:sdtPr><w:sdtContent><w:r>"
	ctlText   string    // rPr + `<w:t xml:space="preserve">`
	ctlClose  string    // "</w:t></w:r></w:sdtContent></w:sdt>" + reopen
	// for link and image
	r, wpd   string // prefixes of the relationships and wordprocessingDrawing namespaces
	linkOpen string // "<w:r>" + rPr with the Hyperlink style + `<w:t xml:space="preserve">`
	inLink   bool   // the run is in a hyperlink already: link prints its text
	maxCX    int64  // EMU width of the column (or table cell), 0 if unknown
	maxCY    int64  // EMU height of the page's text, 0 if unknown
}

const (
	glyphChecked   = "☒" // U+2612
	glyphUnchecked = "☐" // U+2610
)

// newRunCtx builds the context of a w:t in a run whose properties are rPr
// (the whole <w:rPr> element, or "").
func newRunCtx(wp, w14, rPr, cbRPr string) escCtx {
	q := func(s string) string { return wp + ":" + s }
	t := "<" + q("t") + ` xml:space="preserve">`
	c := escCtx{
		run:      true,
		wp:       wp,
		w14:      w14,
		rPr:      rPr,
		cbRPr:    cbRPr,
		closeRun: "</" + q("t") + "></" + q("r") + ">",
		reopen:   "<" + q("r") + ">" + rPr + t,
		br:       "</" + q("t") + "><" + q("br") + "/>" + t,
		tab:      "</" + q("t") + "><" + q("tab") + "/>" + t,
	}
	k := func(s string) string { return w14 + ":" + s }
	c.sdtOpen = c.closeRun + "<" + q("sdt") + "><" + q("sdtPr") + ">"
	c.aliasOpen = "<" + q("alias") + " " + q("val") + `="`
	c.tagOpen = "<" + q("tag") + " " + q("val") + `="`
	for i, glyph := range [2]string{glyphUnchecked, glyphChecked} {
		c.cbTail[i] = "<" + k("checkbox") + ">" +
			"<" + k("checked") + " " + k("val") + `="` + strconv.Itoa(i) + `"/>` +
			"<" + k("checkedState") + " " + k("val") + `="2612" ` + k("font") + `="MS Gothic"/>` +
			"<" + k("uncheckedState") + " " + k("val") + `="2610" ` + k("font") + `="MS Gothic"/>` +
			"</" + k("checkbox") + ">" +
			"</" + q("sdtPr") + "><" + q("sdtContent") + ">" +
			"<" + q("r") + ">" + cbRPr + "<" + q("t") + ">" + glyph + "</" + q("t") + "></" + q("r") + ">" +
			"</" + q("sdtContent") + "></" + q("sdt") + ">" + c.reopen
	}
	c.ctlRun = "</" + q("sdtPr") + "><" + q("sdtContent") + "><" + q("r") + ">"
	c.ctlText = rPr + t
	c.ctlClose = "</" + q("t") + "></" + q("r") + "></" + q("sdtContent") + "></" + q("sdt") + ">" + c.reopen
	c.checked = c.checkboxXML(checkboxValue{checked: true})
	c.unchecked = c.checkboxXML(checkboxValue{})
	return c
}

// escaper returns the function appended to every printing pipeline. It
// turns the pipeline's value into XML for context ctxs[i].
func escaper(st *execState, ctxs []escCtx, allowRaw bool) func(i int, v any) (string, error) {
	return func(i int, v any) (string, error) {
		c := &ctxs[i]
		var s string
		switch x := v.(type) {
		case nil, null:
			return "", nil
		case string:
			s = x
		case checkboxValue:
			switch {
			case !c.run && x.checked:
				return glyphChecked, nil
			case !c.run:
				return glyphUnchecked, nil
			case x.tag != "" || x.title != "":
				return c.checkboxXML(x), nil
			case x.checked:
				return c.checked, nil
			default:
				return c.unchecked, nil
			}
		case controlValue:
			if !c.run {
				return escapeText(x.text, c, st)
			}
			return c.controlXML(&x, st)
		case *linkValue:
			text, err := escapeText(x.text, c, st)
			if err != nil || !c.run || c.inLink || x.rID == "" {
				return text, err
			}
			return c.closeRun + "<" + c.wp + ":hyperlink " + c.r + `:id="` + x.rID + `" ` + c.wp + `:history="1">` +
				c.linkOpen + text + "</" + c.wp + ":t></" + c.wp + ":r></" + c.wp + ":hyperlink>" + c.reopen, nil
		case *imageValue:
			if !c.run {
				return escapeText(x.alt, c, st)
			}
			// escaped for an attribute, a byte of the alternative text
			// takes at most 6 (&quot;)
			if err := st.room(mulSize(len(x.alt), 6)); err != nil {
				return "", err
			}
			return c.closeRun + drawing(c, x) + c.reopen, nil
		case attrText:
			return string(x), nil
		case revText:
			return printRev(x, c, st)
		case revMark:
			return printMark(x, c)
		case RawXML:
			if !allowRaw {
				return "", ErrRawXML
			}
			if c.run {
				return c.closeRun + string(x) + c.reopen, nil
			}
			return string(x), nil
		default:
			var err error
			if s, err = tmplval.String(v); err != nil {
				return "", err
			}
		}
		return escapeText(s, c, st)
	}
}

// needsEscape reports whether s holds a byte the escaper must handle:
// markup, a control character, invalid UTF-8 or a rune XML forbids (of the
// valid non-ASCII ones, U+FFFE and U+FFFF).
func needsEscape(s string) bool {
	var high byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if escByte[c] {
			return true
		}
		high |= c
	}
	if high < utf8.RuneSelf {
		return false
	}
	return !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF")
}

// escByte marks the ASCII bytes the escaper handles: control characters
// and markup.
var escByte = [256]bool{'&': true, '<': true, '>': true,
	0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 10: true,
	11: true, 12: true, 13: true, 14: true, 15: true, 16: true, 17: true, 18: true, 19: true, 20: true,
	21: true, 22: true, 23: true, 24: true, 25: true, 26: true, 27: true, 28: true, 29: true, 30: true, 31: true}

// escapeText escapes s for character data. In a run, a newline becomes a
// line break and a tab a tab element. Characters that XML 1.0 forbids are
// dropped; invalid UTF-8 becomes U+FFFD. The result grows (a line break is
// tens of bytes): past the output budget of st, it stops with
// ErrOutputTooLarge (st nil: no budget).
func escapeText(s string, c *escCtx, st *execState) (string, error) {
	if !needsEscape(s) {
		return s, st.room(int64(len(s)))
	}
	b, err := appendEscapeText(nil, s, c, st)
	if err != nil {
		return "", err
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil // b is not used again
}

// appendEscapeText appends escapeText(s, c, st) to b; the budget counts
// what it appends.
func appendEscapeText(b []byte, s string, c *escCtx, st *execState) ([]byte, error) {
	if !needsEscape(s) {
		return append(b, s...), st.room(int64(len(s)))
	}
	start := len(b)
	// Grown once to the size of the result (less when markup replaces
	// bytes of both a \r\n), or to just past the budget when the result
	// will not fit: growing by doubling would copy it again and again.
	size := int64(len(s)) + int64(strings.Count(s, "&"))*4 +
		int64(strings.Count(s, "<")+strings.Count(s, ">"))*3
	if c.run {
		size += int64(strings.Count(s, "\n"))*int64(len(c.br)) + int64(strings.Count(s, "\t"))*int64(len(c.tab))
	}
	if st != nil && st.lw != nil {
		size = min(size, st.lw.part+1, st.lw.total+1)
	}
	b = slices.Grow(b, int(size))
	next := 0 // where to check the size next
	for i := 0; i < len(s); {
		if i >= next {
			if err := st.room(int64(len(b) - start)); err != nil {
				return b, err
			}
			next = i + 4096
		}
		// The bytes that stay as they are, in one copy.
		j := i
		for j < len(s) && j < next && s[j] < utf8.RuneSelf && !escByte[s[j]] {
			j++
		}
		if j > i {
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		ch := s[i]
		if ch < utf8.RuneSelf {
			i++
			switch {
			case ch == '&':
				b = append(b, "&amp;"...)
			case ch == '<':
				b = append(b, "&lt;"...)
			case ch == '>':
				b = append(b, "&gt;"...)
			case ch == '\r' || ch == '\n':
				if ch == '\r' && i < len(s) && s[i] == '\n' {
					i++
				}
				if c.run {
					b = append(b, c.br...)
				} else {
					b = append(b, '\n')
				}
			case ch == '\t':
				if c.run {
					b = append(b, c.tab...)
				} else {
					b = append(b, '\t')
				}
			case ch < 0x20:
				// illegal in XML 1.0: dropped
			default:
				b = append(b, ch)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b = utf8.AppendRune(b, utf8.RuneError)
		case !legalXMLRune(r):
			// dropped
		default:
			b = append(b, s[i-size:i]...)
		}
	}
	return b, st.room(int64(len(b) - start))
}

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
			if ctx < 0 {
				return nil
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
			if err := walkBranch(&n.BranchNode, walk); err != nil {
				return err
			}
			// Every iteration checks the time budget: the writer does when
			// the body writes text each time, else a tick first.
			if n.List != nil && slices.ContainsFunc(n.List.Nodes, func(x parse.Node) bool {
				t, ok := x.(*parse.TextNode)
				return ok && len(t.Text) > 0
			}) {
				return nil
			}
			pos := n.Pos
			tick := &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Line: n.Line,
				Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Line: n.Line,
					Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: pos,
						Args: []parse.Node{parse.NewIdentifier(tickIdent).SetTree(tree).SetPos(pos)}}}}}
			if n.List == nil {
				n.List = &parse.ListNode{NodeType: parse.NodeList, Pos: pos}
			}
			n.List.Nodes = append([]parse.Node{tick}, n.List.Nodes...)
			return nil
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

// assignContexts gives every printing action its escaper context.
func (c *compiler) assignContexts() {
	byKey := map[string]int{}
	for _, a := range c.acts {
		if a.kind != kindPrint {
			continue
		}
		key := "\x00plain"
		k := ctxKey{}
		if c.mode == modeWord {
			p := c.pieceAt(a.u, a.start)
			k.run = true
			k.rPr, k.cbRPr = c.runProps(p.run)
			if c.media {
				k.inLink = hasAncestor(p.t, c.q("hyperlink"))
				k.maxCX, k.maxCY = c.columnSize(p.t)
			}
			key = fmt.Sprintf("%s\x00%v\x00%d\x00%d", k.rPr, k.inLink, k.maxCX, k.maxCY)
			c.usesW = true
		}
		i, ok := byKey[key]
		if !ok {
			i = len(c.ctxs)
			byKey[key] = i
			c.ctxs = append(c.ctxs, escCtx{}) // run contexts are built once w14's prefix is known
			c.ctxKeys = append(c.ctxKeys, k)
		}
		a.ctx = i
	}
}

// ctxKey is what an escaper context is made of: inside a run (with its
// properties, and those of a checkbox glyph), or plain text.
type ctxKey struct {
	run        bool
	rPr, cbRPr string
	inLink     bool
	maxCX      int64
	maxCY      int64
}

// attrText is markup or attribute text made by the engine's own functions
// (pictures whose alt text is an action): printed as it is.
type attrText string

// linkRPr returns rPr with the Hyperlink character style (replacing any
// other style; tracked formatting changes left out).
func (c *compiler) linkRPr(rPr string) string {
	style := "<" + c.q("rStyle") + " " + c.q("val") + `="Hyperlink"/>`
	if rPr == "" {
		return "<" + c.q("rPr") + ">" + style + "</" + c.q("rPr") + ">"
	}
	pr, err := parseXML([]byte(rPr))
	if err != nil {
		return "<" + c.q("rPr") + ">" + style + "</" + c.q("rPr") + ">"
	}
	var b strings.Builder
	b.WriteString("<" + c.q("rPr") + ">" + style)
	for _, ch := range pr.children {
		if c.is(ch.name, "rStyle") || c.is(ch.name, "rPrChange") || c.is(ch.name, "color") || c.is(ch.name, "u") {
			continue
		}
		b.WriteString(rPr[ch.start:ch.end])
	}
	b.WriteString("</" + c.q("rPr") + ">")
	return b.String()
}

// runProps returns the run's w:rPr element and the same properties with the
// checkbox glyph's font.
func (c *compiler) runProps(run *elem) (rPr, cbRPr string) {
	fonts := "<" + c.q("rFonts") + " " + c.q("ascii") + `="MS Gothic" ` + c.q("eastAsia") + `="MS Gothic" ` +
		c.q("hAnsi") + `="MS Gothic"/>`
	var pr *elem
	if run != nil {
		for _, ch := range run.children {
			if c.is(ch.name, "rPr") {
				pr = ch
				break
			}
		}
	}
	if pr == nil {
		return "", "<" + c.q("rPr") + ">" + fonts + "</" + c.q("rPr") + ">"
	}
	rPr = string(c.data[pr.start:pr.end])
	if i := slices.IndexFunc(pr.children, func(e *elem) bool { return c.is(e.name, "rPrChange") }); i >= 0 {
		// The runs opened after a line break or a checkbox take the
		// formatting, not the tracked change: its id must stay unique.
		ch := pr.children[i]
		rPr = string(c.data[pr.start:ch.start]) + string(c.data[ch.end:pr.end])
	}
	var b strings.Builder
	b.WriteString("<" + c.q("rPr") + ">")
	placed := false
	for _, ch := range pr.children {
		if c.is(ch.name, "rFonts") || c.is(ch.name, "rPrChange") {
			continue
		}
		if !placed && !c.is(ch.name, "rStyle") {
			b.WriteString(fonts)
			placed = true
		}
		b.Write(c.data[ch.start:ch.end])
	}
	if !placed {
		b.WriteString(fonts)
	}
	b.WriteString("</" + c.q("rPr") + ">")
	return rPr, b.String()
}
