package render

import "fmt"

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
