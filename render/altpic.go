package render

import (
	"fmt"
	"strconv"
	"strings"
	"text/template/parse"
)

// picFill is what _lk_pic returns for a template picture whose alt text is
// an action: the data's picture fitted in the template picture's box, or
// nothing (the template picture stays).
type picFill struct {
	img    *imageValue
	cx, cy int64
}

// pic resolves the picture of a template picture whose box is cx×cy EMU.
func (st *execState) pic(p *tpart, cx, cy int64, v any) (*picFill, error) {
	if iv, ok := v.(*imageValue); ok {
		fx, fy := fit(iv.pw, iv.ph, cx, cy)
		return &picFill{img: iv, cx: fx, cy: fy}, nil
	}
	pic, err := st.load(v)
	if err != nil || pic == nil {
		return &picFill{}, err
	}
	fx, fy := fit(pic.w, pic.h, cx, cy)
	iv, err := st.place(p, pic, fx, fy)
	if err != nil {
		return nil, err
	}
	return &picFill{img: iv, cx: fx, cy: fy}, nil
}

// picAttr prints one attribute (or the blip element) of a template picture
// whose alt text is an action: the new value, or orig when the data gave no
// picture. For "blip", prefixes are those of DrawingML and relationships.
func picAttr(f *picFill, what, orig string, prefixes ...string) attrText {
	if f == nil || f.img == nil {
		return attrText(orig)
	}
	switch what {
	case "cx":
		return attrText(strconv.FormatInt(f.cx, 10))
	case "cy":
		return attrText(strconv.FormatInt(f.cy, 10))
	case "alt":
		return attrText(escapeAttr(f.img.alt))
	case "blip":
		if len(prefixes) == 2 {
			return attrText(blip(prefixes[0], prefixes[1], f.img.rID, f.img.svgRID))
		}
	}
	return attrText(orig)
}

// altPictures finds the pictures whose alt text (wp:docPr descr or title)
// holds an action, and makes them templated: the action's value replaces
// the picture (its relationship), fitted in its extent.
func (c *compiler) altPictures(funcs map[string]any) {
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			if strings.HasSuffix(ch.name, ":docPr") {
				c.altPicture(ch, funcs)
			}
			walk(ch)
		}
	}
	walk(c.root)
}

func (c *compiler) altPicture(docPr *elem, funcs map[string]any) {
	var attr xattr
	var text string
	for _, a := range docPr.attrs(c.data) {
		if a.name != "descr" && a.name != "title" {
			continue
		}
		t, _ := decodeText(c.data, a.valStart, a.valEnd)
		if strings.Contains(string(t), "{{") {
			attr, text = a, string(t)
			break
		}
	}
	if text == "" {
		return
	}
	var drawing, run, para *elem
	for e := docPr.parent; e != nil; e = e.parent {
		switch {
		case drawing == nil && c.is(e.name, "drawing"):
			drawing = e
		case drawing != nil && run == nil && c.is(e.name, "r"):
			run = e
		case run != nil && c.is(e.name, "p"):
			para = e
		}
		if para != nil {
			break
		}
	}
	u := c.unitOf[para]
	if drawing == nil || run == nil || u == nil {
		return
	}
	i := strings.Index(text, "{{")
	end, src, ok := scanAction(text, i)
	_ = end
	a := &action{u: u, src: src, kind: kindSilent}
	if !ok {
		c.errorAt(a, u, "picture alt text %q: the action is not closed", text)
		return
	}
	body := actionBody(src)
	if _, err := parse.Parse("x", "{{"+body+"}}", "{{", "}}", funcs, builtinNames); err != nil {
		c.errorAt(a, u, "picture alt text: %s", cleanParseError(err))
		return
	}
	extent := c.findDesc(docPr.parent, "extent", 1)
	bl := c.findDesc(drawing, "blip", -1)
	var xfrmExt *elem
	if spPr := c.findDesc(drawing, "spPr", -1); spPr != nil {
		if xfrm := c.findDesc(spPr, "xfrm", 1); xfrm != nil {
			xfrmExt = c.findDesc(xfrm, "ext", 1)
		}
	}
	if extent == nil || bl == nil {
		c.errorAt(a, u, "picture alt text %s: the drawing is not a picture (no extent or blip): put the action in the alt text of a picture", src)
		return
	}
	cx, _ := extent.attr(c.data, "cx")
	cy, _ := extent.attr(c.data, "cy")
	if _, err := strconv.ParseInt(cx, 10, 64); err != nil {
		return
	}
	if _, err := strconv.ParseInt(cy, 10, 64); err != nil {
		return
	}
	c.nVars++
	v := "$_lk_pic" + strconv.Itoa(c.nVars)
	a.code = fmt.Sprintf("%s := _lk_pic %s %s (%s)", v, cx, cy, body)
	c.add(edit{start: run.start, end: run.start, phase: 1, act: a})
	if c.attrCtx < 0 {
		c.attrCtx = len(c.ctxs)
		c.ctxs = append(c.ctxs, escCtx{})
		c.ctxKeys = append(c.ctxKeys, ctxKey{})
	}
	printAttr := func(start, end int, what string, extra ...string) {
		args := ""
		for _, x := range extra {
			args += " " + strconv.Quote(x)
		}
		orig := string(c.data[start:end])
		c.add(edit{start: start, end: end})
		c.add(edit{start: start, end: start, phase: 1, act: &action{src: "{{}}", kind: kindPrint, internal: true, ctx: c.attrCtx,
			code: fmt.Sprintf("_lk_picattr %s %q %s%s", v, what, strconv.Quote(orig), args)}})
	}
	for _, box := range []*elem{extent, xfrmExt} {
		if box == nil {
			continue
		}
		for _, at := range box.attrs(c.data) {
			if at.name == "cx" || at.name == "cy" {
				printAttr(at.valStart, at.valEnd, at.name)
			}
		}
	}
	printAttr(attr.valStart, attr.valEnd, "alt")
	// Word and LibreOffice repeat the alt text in the picture's own
	// properties (pic:cNvPr).
	if nv := c.findDesc(drawing, "cNvPr", -1); nv != nil {
		for _, at := range nv.attrs(c.data) {
			if at.name == attr.name && string(c.data[at.valStart:at.valEnd]) == string(c.data[attr.valStart:attr.valEnd]) {
				printAttr(at.valStart, at.valEnd, "alt")
			}
		}
	}
	aPrefix := bl.name[:strings.IndexByte(bl.name, ':')+1]
	printAttr(bl.start, bl.end, "blip", strings.TrimSuffix(aPrefix, ":"), c.ensureNS(nsR, "r"))
	c.media = true
}

// findDesc returns the first descendant of e (children only when depth is
// 1) whose local name is local.
func (c *compiler) findDesc(e *elem, local string, depth int) *elem {
	for _, ch := range e.children {
		if ch.name == local || strings.HasSuffix(ch.name, ":"+local) {
			return ch
		}
		if depth != 1 {
			if d := c.findDesc(ch, local, depth); d != nil {
				return d
			}
		}
	}
	return nil
}
