package render

import (
	"text/template/parse"

	"github.com/esante/labelkit/internal/opc"
)

// prepareLimit is the most text a part may hold to be prepared (a
// variable for tests).
var prepareLimit = opc.MaxPrepared

// prepareTexts codes the template's text nodes once (see opc.Prepared),
// in source order, and indexes them by the address of their bytes:
// text/template writes a text node's own slice, so Execute's writer
// recognises them by identity.
func (tp *tpart) prepareTexts() {
	var texts [][]byte
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TextNode:
			if len(n.Text) > 0 {
				texts = append(texts, n.Text)
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, t := range tp.tmpl.Templates() {
		if t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	if total > prepareLimit {
		return // compressed at execution
	}
	tp.texts = opc.Prepare(texts)
	if tp.texts == nil {
		return
	}
	tp.textIndex = make(map[*byte]int, len(texts))
	for i, t := range texts {
		tp.textIndex[&t[0]] = i
	}
}

// textFor returns the index of p among the template's text nodes, if p is
// one of them.
func (tp *tpart) textFor(p []byte) (int, bool) {
	if len(p) == 0 {
		return 0, false
	}
	i, ok := tp.textIndex[&p[0]]
	if ok && len(tp.texts.Text(i)) != len(p) {
		return 0, false
	}
	return i, ok
}
