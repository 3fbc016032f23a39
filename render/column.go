package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/esante/labelkit/internal/opc"
)

// sect is one section of the main document: where its properties stand
// (they end the section) and the width of its text column in EMU.
type sect struct {
	at     int
	cx, cy int64 // text column width, text height
}

// Word's defaults for a section without page size or margins (Letter, 1
// inch margins), and for a cell's left and right margins, in twips.
const (
	defaultPageW   = 12240
	defaultPageH   = 15840
	defaultMargin  = 1440
	defaultColGap  = 720
	cellMarginTwip = 108
)

// sections lists the main document's sections in order: a section's
// properties are in the last paragraph of the section (w:pPr/w:sectPr), or
// the body's last child.
func (c *compiler) sections() []sect {
	var out []sect
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, ch := range e.children {
			if c.is(ch.name, "sectPr") && (c.is(e.name, "body") || c.is(e.name, "pPr")) {
				cx, cy := sectSize(c.data, ch, c.wp)
				out = append(out, sect{at: ch.start, cx: cx, cy: cy})
				continue
			}
			if c.is(ch.name, "tbl") || c.is(ch.name, "body") || c.is(ch.name, "p") || c.is(ch.name, "pPr") ||
				c.is(ch.name, "tr") || c.is(ch.name, "tc") || c.is(ch.name, "sdt") || c.is(ch.name, "sdtContent") {
				walk(ch)
			}
		}
	}
	walk(c.root)
	return out
}

// sectSize returns the width of a column and the text height of the
// section whose properties are sp, in EMU.
func sectSize(data []byte, sp *elem, w string) (cx, cy int64) {
	num := func(e *elem, name string, def int64) int64 {
		if e == nil {
			return def
		}
		v, ok := e.attr(data, w+":"+name)
		if !ok {
			return def
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			// Strict documents may write lengths with units.
			if f, err := strconv.ParseFloat(strings.TrimSuffix(v, "pt"), 64); err == nil && strings.HasSuffix(v, "pt") {
				return int64(f * 20)
			}
			return def
		}
		return n
	}
	var pgSz, pgMar, cols *elem
	for _, ch := range sp.children {
		switch ch.name {
		case w + ":pgSz":
			pgSz = ch
		case w + ":pgMar":
			pgMar = ch
		case w + ":cols":
			cols = ch
		}
	}
	width := num(pgSz, "w", defaultPageW) - num(pgMar, "left", defaultMargin) - num(pgMar, "right", defaultMargin) - num(pgMar, "gutter", 0)
	if n := num(cols, "num", 1); n > 1 && n < 64 {
		width = (width - (n-1)*num(cols, "space", defaultColGap)) / n
	}
	height := num(pgSz, "h", defaultPageH) - abs(num(pgMar, "top", defaultMargin)) - abs(num(pgMar, "bottom", defaultMargin))
	// at least an inch, whatever the margins say
	return max(width, 1440) * emuPerTwip, max(height, 1440) * emuPerTwip
}

func abs(n int64) int64 { return max(n, -n) }

// mainColumn returns the narrowest column of the main document's sections
// (for headers, footers and notes, which any section may show), in EMU.
func mainColumn(p *opc.Part) sect {
	fallback := sect{cx: int64(defaultPageW-2*defaultMargin) * emuPerTwip, cy: int64(defaultPageH-2*defaultMargin) * emuPerTwip}
	if p == nil {
		return fallback
	}
	root, err := parseXML(p.Data)
	if err != nil {
		return fallback
	}
	c := &compiler{data: p.Data, root: root, wp: "w"}
	for _, a := range root.attrs(p.Data) {
		if pre, ok := strings.CutPrefix(a.name, "xmlns:"); ok && string(p.Data[a.valStart:a.valEnd]) == nsW {
			c.wp = pre
		}
	}
	out := sect{}
	for _, s := range c.sections() {
		if out.cx == 0 || s.cx < out.cx {
			out.cx = s.cx
		}
		if out.cy == 0 || s.cy < out.cy {
			out.cy = s.cy
		}
	}
	if out.cx == 0 {
		return fallback
	}
	return out
}

// columnSize returns the width in EMU available to text element e (its
// section's column, or its table cell when narrower) and its section's text
// height.
func (c *compiler) columnSize(e *elem) (int64, int64) {
	col := c.defaultCol()
	width, height := col.cx, col.cy
	var para *elem
	for x := e.parent; x != nil; x = x.parent {
		if c.is(x.name, "p") {
			para = x
			break
		}
	}
	if para != nil && len(c.sects) > 0 {
		width, height = c.sects[len(c.sects)-1].cx, c.sects[len(c.sects)-1].cy
		for _, s := range c.sects {
			if s.at > para.start {
				width, height = s.cx, s.cy
				break
			}
		}
	}
	for x := e.parent; x != nil; x = x.parent {
		if !c.is(x.name, "tc") {
			continue
		}
		if tcPr := c.findDesc(x, "tcPr", 1); tcPr != nil {
			if tcW := c.findDesc(tcPr, "tcW", 1); tcW != nil {
				typ, _ := tcW.attr(c.data, c.q("type"))
				v, _ := tcW.attr(c.data, c.q("w"))
				if n, err := strconv.ParseInt(v, 10, 64); err == nil && typ == "dxa" && n > 2*cellMarginTwip {
					width = min(width, (n-2*cellMarginTwip)*emuPerTwip)
				}
			}
		}
		break
	}
	return width, height
}

// ensureNS returns the prefix of namespace uri on the part's root element,
// declaring it (as want, or a free variant) if needed.
func (c *compiler) ensureNS(uri, want string) string {
	if p, ok := c.nsAdded[uri]; ok {
		return p
	}
	if c.nsAdded == nil {
		c.nsAdded = map[string]string{}
	}
	attrs := c.root.attrs(c.data)
	for _, a := range attrs {
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok && string(c.data[a.valStart:a.valEnd]) == uri {
			c.nsAdded[uri] = p
			return p
		}
	}
	taken := func(p string) bool {
		for _, a := range attrs {
			if a.name == "xmlns:"+p {
				return true
			}
		}
		for _, q := range c.nsAdded {
			if q == p {
				return true
			}
		}
		return false
	}
	p := want
	for i := 2; taken(p); i++ {
		p = fmt.Sprintf("%s%d", want, i)
	}
	at := c.root.tagEnd - 1
	if c.root.empty {
		at = c.root.tagEnd - 2
	}
	c.add(edit{start: at, end: at, lit: fmt.Sprintf(` xmlns:%s="%s"`, p, uri)})
	c.nsAdded[uri] = p
	return p
}
