package render

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
)

// Fields lists the data paths the template uses, sorted and without
// duplicates: ".company_name", ".items" and, inside {{range .items}}, the
// item's fields as ".items[].designation". Variables are resolved ($ is the
// root; $x := .a makes $x.b ".a.b"). The dot of a {{with}} or {{range}} over
// a computed value (a function result) is unknown: fields used under it are
// listed relative to "?", e.g. "?.name".
//
// Fields cannot tell a field from a method without the data's type: see
// FieldsOf.
func (t *Template) Fields() []string {
	return slices.Sorted(maps.Keys(t.walkFields().seen))
}

func (t *Template) walkFields() *fieldWalker {
	w := &fieldWalker{seen: map[string]bool{}, calls: map[string]bool{}}
	for _, p := range t.parts {
		if p.tmpl == nil || p.tmpl.Tree == nil {
			continue
		}
		w.list(p.tmpl.Tree.Root, "", map[string]string{"$": ""})
	}
	return w
}

// FieldsOf is Fields split in two: the data paths, and the paths that call a
// method (".SignatureDate.String", ".Civility.Agree"), which are computed,
// not data to provide. A path is a method when the template calls it with
// arguments, or when, walked through the type of data (a struct, a pointer
// to one, maps and slices of them), it names a method rather than a field.
// data may be nil (the type is then unknown) or a zero value of the type the
// template is executed with. Paths below a method are left out.
func (t *Template) FieldsOf(data any) (fields, methods []string) {
	w := t.walkFields()
	typ := reflect.TypeOf(data)
	for _, path := range slices.Sorted(maps.Keys(w.seen)) {
		if w.calls[path] || isMethodPath(typ, path) {
			methods = append(methods, path)
		}
	}
	for _, m := range methods {
		// The value a method is called on is data.
		if i := strings.LastIndexByte(m, '.'); i > 0 && !strings.HasSuffix(m[:i], "[]") {
			w.seen[m[:i]] = true
		}
	}
	for _, path := range slices.Sorted(maps.Keys(w.seen)) {
		below := false
		for _, m := range methods {
			if path == m || strings.HasPrefix(path, m+".") || strings.HasPrefix(path, m+"[") {
				below = true
				break
			}
		}
		if !below {
			fields = append(fields, path)
		}
	}
	return fields, methods
}

// isMethodPath reports whether the last element of path (".a.b", ".a[].b")
// is a method of the type reached through typ.
func isMethodPath(typ reflect.Type, path string) bool {
	if typ == nil || !strings.HasPrefix(path, ".") {
		return false
	}
	segs := strings.Split(strings.ReplaceAll(path[1:], "[]", ".[]"), ".")
	for i, seg := range segs {
		last := i == len(segs)-1
		if seg == "" {
			return false
		}
		if seg == "[]" {
			for typ.Kind() == reflect.Pointer {
				typ = typ.Elem()
			}
			switch typ.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				typ = typ.Elem()
				continue
			}
			return false
		}
		if _, ok := typ.MethodByName(seg); ok {
			return last
		}
		if typ.Kind() != reflect.Pointer {
			if _, ok := reflect.PointerTo(typ).MethodByName(seg); ok {
				return last
			}
		}
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch typ.Kind() {
		case reflect.Struct:
			f, ok := typ.FieldByName(seg)
			if !ok {
				return false
			}
			typ = f.Type
		case reflect.Map:
			typ = typ.Elem()
		default:
			return false
		}
		if typ.Kind() == reflect.Interface {
			return false
		}
	}
	return false
}

type fieldWalker struct {
	seen  map[string]bool
	calls map[string]bool // paths called with arguments: methods
}

const unknownDot = "?"

func (w *fieldWalker) add(path string) {
	if path == "" || path == unknownDot || strings.HasPrefix(path, "$_lk_") {
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
		if ip := w.indexPath(c, dot, vars); ip != "" {
			w.add(ip)
		}
		if len(c.Args) > 1 {
			// A field called with arguments is a method.
			if path := w.path(c.Args[0], dot, vars); path != "" {
				w.calls[path] = true
			}
		}
	}
	if len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
		result = w.path(p.Cmds[0].Args[0], dot, vars)
	}
	if len(p.Cmds) == 1 && result == "" {
		result = w.indexPath(p.Cmds[0], dot, vars)
	}
	return result
}

// indexPath returns the data path of {{index x k...}} when x has a path and
// every key is a constant (".m.key", `.m["a key"]`, ".list[0]"), else "".
func (w *fieldWalker) indexPath(c *parse.CommandNode, dot string, vars map[string]string) string {
	if len(c.Args) < 3 {
		return ""
	}
	if id, ok := c.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "index" {
		return ""
	}
	path := w.path(c.Args[1], dot, vars)
	if path == "" {
		if _, ok := c.Args[1].(*parse.DotNode); !ok || dot != "" {
			return ""
		}
	}
	for _, k := range c.Args[2:] {
		switch k := k.(type) {
		case *parse.StringNode:
			if identRE().MatchString(k.Text) {
				path += "." + k.Text
			} else {
				path += "[" + strconv.Quote(k.Text) + "]"
			}
		case *parse.NumberNode:
			if !k.IsInt {
				return ""
			}
			path += "[" + strconv.FormatInt(k.Int64, 10) + "]"
		default:
			return ""
		}
	}
	if !strings.HasPrefix(path, ".") {
		path = "." + path // index of the root with a bracketed key
	}
	return path
}

var identRE = lazyRegexp(`^[\p{L}_][\p{L}\p{Nd}_]*$`)

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
