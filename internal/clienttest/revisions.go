package clienttest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// AcceptAll returns the WordprocessingML part data (or a fragment with one
// root element) with every insertion and deletion accepted, the way Word's
// « Accepter toutes les modifications » does, in the canonical form of
// Canonical: inserted runs kept, deleted runs dropped, a paragraph whose
// mark is deleted joined to the next one, a deleted table row removed. Only
// w:ins and w:del are handled (not moves or property changes).
func AcceptAll(data []byte) (string, error) { return revised(data, true) }

// RejectAll is AcceptAll for « Refuser toutes les modifications »: deleted
// runs restored (w:delText back to w:t), inserted runs, paragraphs and rows
// dropped.
func RejectAll(data []byte) (string, error) { return revised(data, false) }

// Canonical returns a comparable form of WordprocessingML: elements with
// their attributes sorted, text only where Word shows it (w:t, w:delText,
// w:instrText), adjacent runs with the same properties merged, empty runs
// and empty property elements dropped. Two renderings that Word displays
// the same way (same text, same formatting, same structure) but split into
// runs differently have the same Canonical form.
func Canonical(data []byte) (string, error) {
	n, err := parseNodes(data)
	if err != nil {
		return "", err
	}
	return n.canonical(), nil
}

// node is an element of the tree the helpers work on.
type node struct {
	name     string
	attrs    []xml.Attr
	children []*node
	text     string // for text elements
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func parseNodes(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#root"}
	stack := []*node{root}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: qname(t.Name)}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || strings.HasPrefix(a.Name.Local, "rsid") {
					continue
				}
				n.attrs = append(n.attrs, a)
			}
			sort.Slice(n.attrs, func(i, j int) bool { return qname(n.attrs[i].Name) < qname(n.attrs[j].Name) })
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			switch local(top.name) {
			case "t", "delText", "instrText", "delInstrText":
				top.text += string(t)
			}
		}
	}
	return root, nil
}

func local(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func revised(data []byte, accept bool) (string, error) {
	root, err := parseNodes(data)
	if err != nil {
		return "", err
	}
	keep, drop := "ins", "del"
	if !accept {
		keep, drop = "del", "ins"
	}
	if err := root.revise(keep, drop); err != nil {
		return "", err
	}
	return root.canonical(), nil
}

// markOf returns "ins" or "del" when the paragraph's mark or the row is
// tracked (w:pPr/w:rPr/w:ins, w:trPr/w:del...), else "".
func (n *node) markOf() string {
	props := "pPr"
	if local(n.name) == "tr" {
		props = "trPr"
	}
	for _, c := range n.children {
		if local(c.name) != props {
			continue
		}
		holder := c
		if props == "pPr" {
			holder = nil
			for _, cc := range c.children {
				if local(cc.name) == "rPr" {
					holder = cc
				}
			}
			if holder == nil {
				return ""
			}
		}
		for _, m := range holder.children {
			switch local(m.name) {
			case "ins", "del":
				return local(m.name)
			}
		}
	}
	return ""
}

// revise applies keep (the revisions that stay) and drop (those undone).
func (n *node) revise(keep, drop string) error {
	var out []*node
	for i := 0; i < len(n.children); i++ {
		c := n.children[i]
		switch local(c.name) {
		case keep:
			if len(c.children) == 0 {
				continue // a mark (w:rPr/w:ins...): the change is kept, the mark goes
			}
			if err := c.revise(keep, drop); err != nil {
				return err
			}
			for _, cc := range c.children {
				if keep == "del" {
					undelete(cc)
				}
			}
			out = append(out, c.children...)
			continue
		case drop:
			if len(c.children) == 0 {
				continue
			}
			continue // the runs are undone
		case "tr":
			if c.markOf() == drop {
				continue // the whole row is undone
			}
		case "p":
			if c.markOf() == drop {
				// the paragraph mark is undone: its content joins the next
				// paragraph
				if err := c.revise(keep, drop); err != nil {
					return err
				}
				j := i + 1
				if j >= len(n.children) || local(n.children[j].name) != "p" {
					return fmt.Errorf("a paragraph whose mark is undone (%s) is not followed by a paragraph", drop)
				}
				next := n.children[j]
				var content []*node
				for _, cc := range c.children {
					if local(cc.name) != "pPr" {
						content = append(content, cc)
					}
				}
				var nextProps, nextContent []*node
				for _, cc := range next.children {
					if local(cc.name) == "pPr" {
						nextProps = append(nextProps, cc)
					} else {
						nextContent = append(nextContent, cc)
					}
				}
				next.children = append(append(nextProps, content...), nextContent...)
				continue
			}
		}
		if err := c.revise(keep, drop); err != nil {
			return err
		}
		out = append(out, c)
	}
	n.children = out
	if local(n.name) == "tc" && (len(n.children) == 0 || local(n.children[len(n.children)-1].name) != "p") {
		return errors.New("a table cell left without a paragraph at its end")
	}
	return nil
}

// undelete turns deleted text back into text.
func undelete(n *node) {
	switch local(n.name) {
	case "delText":
		n.name = strings.TrimSuffix(n.name, "delText") + "t"
	case "delInstrText":
		n.name = strings.TrimSuffix(n.name, "delInstrText") + "instrText"
	}
	for _, c := range n.children {
		undelete(c)
	}
}

// canonical writes n in the comparable form.
func (n *node) canonical() string {
	var b strings.Builder
	n.tidy()
	for _, c := range n.children {
		c.write(&b)
	}
	return b.String()
}

// tidy splits runs into one run per content element (text, break, tab...),
// drops empty text and empty property elements, and merges adjacent text
// runs with the same properties: how the runs were split no longer matters.
func (n *node) tidy() {
	var out []*node
	for _, c := range n.children {
		c.tidy()
		switch local(c.name) {
		case "rPr", "pPr", "trPr", "tcPr":
			if len(c.children) == 0 && len(c.attrs) == 0 {
				continue
			}
		case "r":
			var props *node
			var content []*node
			for _, cc := range c.children {
				if local(cc.name) == "rPr" {
					props = cc
				} else {
					content = append(content, cc)
				}
			}
			for _, cc := range content {
				isText := local(cc.name) == "t" || local(cc.name) == "delText"
				if isText && cc.text == "" {
					continue
				}
				if isText && len(out) > 0 && local(out[len(out)-1].name) == "r" {
					prev := out[len(out)-1]
					last := prev.children[len(prev.children)-1]
					if last.name == cc.name && prev.props() == c.props() {
						last.text += cc.text
						continue
					}
				}
				atom := &node{name: c.name, attrs: c.attrs}
				if props != nil {
					atom.children = append(atom.children, props)
				}
				atom.children = append(atom.children, &node{name: cc.name, attrs: cc.attrs, text: cc.text, children: cc.children})
				out = append(out, atom)
			}
			continue
		}
		out = append(out, c)
	}
	n.children = out
}

func (n *node) props() string {
	for _, c := range n.children {
		if local(c.name) == "rPr" {
			var b strings.Builder
			c.write(&b)
			return b.String()
		}
	}
	return ""
}

func (n *node) write(b *strings.Builder) {
	b.WriteString("<" + n.name)
	for _, a := range n.attrs {
		if local(n.name) == "t" && qname(a.Name) == "xml:space" {
			continue
		}
		fmt.Fprintf(b, " %s=%q", qname(a.Name), a.Value)
	}
	b.WriteString(">")
	b.WriteString(n.text)
	for _, c := range n.children {
		c.write(b)
	}
	b.WriteString("</" + n.name + ">")
}
