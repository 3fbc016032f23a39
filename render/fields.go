package render

import (
	"maps"
	"slices"
	"strings"
	"text/template/parse"
)

// Fields lists the data paths the template uses, sorted and without
// duplicates: ".company_name", ".items" and, inside {{range .items}}, the
// item's fields as ".items[].designation". Variables are resolved ($ is the
// root; $x := .a makes $x.b ".a.b"). The dot of a {{with}} or {{range}} over
// a computed value (a function result) is unknown: fields used under it are
// listed relative to "?", e.g. "?.name".
func (t *Template) Fields() []string {
	seen := map[string]bool{}
	for _, p := range t.parts {
		if p.tmpl == nil || p.tmpl.Tree == nil {
			continue
		}
		w := &fieldWalker{seen: seen}
		w.list(p.tmpl.Tree.Root, "", map[string]string{"$": ""})
	}
	return slices.Sorted(maps.Keys(seen))
}

type fieldWalker struct{ seen map[string]bool }

const unknownDot = "?"

func (w *fieldWalker) add(path string) {
	if path == "" || strings.HasPrefix(path, "$_lk_") {
		return
	}
	w.seen[path] = true
}

func (w *fieldWalker) list(l *parse.ListNode, dot string, vars map[string]string) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			path := w.pipe(n.Pipe, dot, vars)
			for _, v := range n.Pipe.Decl {
				vars[v.Ident[0]] = path
			}
		case *parse.IfNode:
			w.branch(&n.BranchNode, dot, vars, false, false)
		case *parse.WithNode:
			w.branch(&n.BranchNode, dot, vars, true, false)
		case *parse.RangeNode:
			w.branch(&n.BranchNode, dot, vars, true, true)
		}
	}
}

func (w *fieldWalker) branch(b *parse.BranchNode, dot string, vars map[string]string, setsDot, isRange bool) {
	inner := maps.Clone(vars)
	path := w.pipe(b.Pipe, dot, inner)
	newDot := dot
	if setsDot {
		newDot = path
		if newDot == "" {
			newDot = unknownDot
		}
		if isRange {
			newDot += "[]"
		}
	}
	if decl := b.Pipe.Decl; len(decl) > 0 {
		switch {
		case isRange && len(decl) == 2:
			inner[decl[0].Ident[0]] = unknownDot // the index or key
			inner[decl[1].Ident[0]] = newDot
		case isRange:
			inner[decl[0].Ident[0]] = newDot
		default:
			inner[decl[0].Ident[0]] = path
		}
	}
	w.list(b.List, newDot, inner)
	w.list(b.ElseList, dot, maps.Clone(vars))
}

// pipe records the paths a pipeline uses and returns the path of its value
// when it is a plain field or variable reference, else "".
func (w *fieldWalker) pipe(p *parse.PipeNode, dot string, vars map[string]string) string {
	if p == nil {
		return ""
	}
	result := ""
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			w.arg(a, dot, vars)
		}
	}
	if len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
		result = w.path(p.Cmds[0].Args[0], dot, vars)
	}
	return result
}

func (w *fieldWalker) arg(n parse.Node, dot string, vars map[string]string) {
	switch n := n.(type) {
	case *parse.PipeNode:
		w.pipe(n, dot, vars)
	case *parse.ChainNode:
		if pn, ok := n.Node.(*parse.PipeNode); ok {
			w.pipe(pn, dot, vars)
		}
		w.add(w.path(n, dot, vars))
	default:
		w.add(w.path(n, dot, vars))
	}
}

// path returns the data path of a field, variable or chain node, or "".
func (w *fieldWalker) path(n parse.Node, dot string, vars map[string]string) string {
	switch n := n.(type) {
	case *parse.FieldNode:
		return join(dot, n.Ident)
	case *parse.VariableNode:
		base, ok := vars[n.Ident[0]]
		if !ok {
			return ""
		}
		if len(n.Ident) == 1 {
			return base
		}
		return join(base, n.Ident[1:])
	case *parse.DotNode:
		if dot == "" {
			return ""
		}
		return dot
	case *parse.ChainNode:
		base := w.path(n.Node, dot, vars)
		if base == "" {
			return ""
		}
		return join(base, n.Field)
	}
	return ""
}

func join(base string, idents []string) string {
	if base == "" {
		return "." + strings.Join(idents, ".")
	}
	return base + "." + strings.Join(idents, ".")
}
