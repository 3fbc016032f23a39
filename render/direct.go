package render

import (
	"errors"
	"reflect"
	"slices"
	"text/template"
	"text/template/parse"
)

// A direct execution runs a part's parse tree without text/template's
// reflective evaluator when the tree uses only the commonest shapes: text,
// printing a field chain of the data ({{.a.b}}, {{.}}, {{$.a}}), and
// if/with/range/else/break/continue on such a chain. The data it walks is
// what JSON and TOML decode to (map[string]any, slices); the escaper is
// called directly. Anything else met at execution (a struct, a method, a
// nil value under a field, an error of any kind but a write error) stops it
// with errIndirect, and the part is executed again by text/template from
// the start, so that results and error messages are text/template's own.

// errIndirect asks for the part to be executed by text/template.
var errIndirect = errors.New("render: not executed directly")

// directable reports whether every node of the tree has a shape the direct
// execution handles.
func directable(t *template.Template) bool {
	if len(t.Templates()) != 1 || t.Tree == nil {
		return false
	}
	var ok func(n parse.Node) bool
	ok = func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return true
			}
			for _, c := range n.Nodes {
				if !ok(c) {
					return false
				}
			}
			return true
		case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
			return true
		case *parse.ActionNode:
			_, isPrint := printCtx(n.Pipe)
			return isPrint
		case *parse.IfNode:
			return chainOnly(n.Pipe) && ok(n.List) && ok(n.ElseList)
		case *parse.WithNode:
			return chainOnly(n.Pipe) && ok(n.List) && ok(n.ElseList)
		case *parse.RangeNode:
			return chainOnly(n.Pipe) && ok(n.List) && ok(n.ElseList)
		}
		return false
	}
	return ok(t.Tree.Root)
}

// chainOnly reports whether the pipeline is one field chain, with no
// variable declared.
func chainOnly(p *parse.PipeNode) bool {
	return p != nil && len(p.Decl) == 0 && len(p.Cmds) == 1 && isChain(p.Cmds[0])
}

func isChain(c *parse.CommandNode) bool {
	if len(c.Args) != 1 {
		return false
	}
	switch a := c.Args[0].(type) {
	case *parse.FieldNode, *parse.DotNode:
		return true
	case *parse.VariableNode:
		return a.Ident[0] == "$"
	}
	return false
}

// printCtx returns the escaper context of a printing action that is a
// field chain followed by the escaper (see rewrite).
func printCtx(p *parse.PipeNode) (int, bool) {
	if p == nil || len(p.Decl) != 0 || len(p.Cmds) != 2 || !isChain(p.Cmds[0]) {
		return 0, false
	}
	esc := p.Cmds[1].Args
	if len(esc) != 2 {
		return 0, false
	}
	id, ok := esc[0].(*parse.IdentifierNode)
	num, ok2 := esc[1].(*parse.NumberNode)
	if !ok || !ok2 || id.Ident != escIdent || !num.IsInt {
		return 0, false
	}
	return int(num.Int64), true
}

// value is a value during direct execution; ok is false for "no value"
// (text/template's invalid reflect.Value: a missing key).
type value struct {
	v  any
	ok bool
}

// flow is how a list's execution ended.
type flow int

const (
	flowNext flow = iota
	flowBreak
	flowContinue
)

// direct is one direct execution of a part.
type direct struct {
	w          *limitWriter
	esc        func(int, any) (string, error)
	root       value
	missingErr bool // missingkey=error
	buf        []byte
}

// executeDirect runs the part's tree on data, writing to w.
func (tp *tpart) executeDirect(w *limitWriter, data any) (err error) {
	defer func() {
		if recover() != nil {
			err = errIndirect // text/template recovers it, with its own message
		}
	}()
	d := direct{w: w, esc: tp.esc, missingErr: !tp.allowMissing}
	if data != nil {
		if _, isValue := data.(reflect.Value); isValue {
			return errIndirect
		}
		d.root = value{data, true}
	}
	_, err = d.walk(d.root, tp.tmpl.Tree.Root)
	return err
}

func (d *direct) walk(dot value, list *parse.ListNode) (flow, error) {
	if list == nil {
		return flowNext, nil
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if _, err := d.w.Write(n.Text); err != nil {
				return flowNext, err
			}
		case *parse.ActionNode:
			v, err := d.chain(dot, n.Pipe.Cmds[0].Args[0])
			if err != nil {
				return flowNext, err
			}
			ctx, _ := printCtx(n.Pipe)
			s, err := d.esc(ctx, v.v)
			if err != nil {
				return flowNext, errIndirect
			}
			if s != "" {
				d.buf = append(d.buf[:0], s...)
				if _, err := d.w.Write(d.buf); err != nil {
					return flowNext, err
				}
			}
		case *parse.IfNode:
			if f, err := d.cond(dot, &n.BranchNode, false); f != flowNext || err != nil {
				return f, err
			}
		case *parse.WithNode:
			if f, err := d.cond(dot, &n.BranchNode, true); f != flowNext || err != nil {
				return f, err
			}
		case *parse.RangeNode:
			if err := d.rangeOver(dot, n); err != nil {
				return flowNext, err
			}
		case *parse.BreakNode:
			return flowBreak, nil
		case *parse.ContinueNode:
			return flowContinue, nil
		case *parse.CommentNode:
		default:
			return flowNext, errIndirect
		}
	}
	return flowNext, nil
}

func (d *direct) cond(dot value, b *parse.BranchNode, with bool) (flow, error) {
	v, err := d.chain(dot, b.Pipe.Cmds[0].Args[0])
	if err != nil {
		return flowNext, err
	}
	truth, ok := template.IsTrue(v.v)
	if !ok {
		return flowNext, errIndirect
	}
	switch {
	case truth && with:
		return d.walk(v, b.List)
	case truth:
		return d.walk(dot, b.List)
	}
	return d.walk(dot, b.ElseList)
}

func (d *direct) rangeOver(dot value, r *parse.RangeNode) error {
	v, err := d.chain(dot, r.Pipe.Cmds[0].Args[0])
	if err != nil {
		return err
	}
	// each runs the body once; it reports false after a break.
	each := func(elem any) (bool, error) {
		f, err := d.walk(value{elem, true}, r.List)
		return f != flowBreak, err
	}
	ran := false
	switch x := v.v.(type) {
	case nil:
	case []any:
		for _, e := range x {
			ran = true
			if more, err := each(e); !more || err != nil {
				return err
			}
		}
	case []map[string]any:
		for _, e := range x {
			ran = true
			if more, err := each(e); !more || err != nil {
				return err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ran = true
			if more, err := each(x[k]); !more || err != nil {
				return err
			}
		}
	default:
		rv := reflect.ValueOf(x)
		if k := rv.Kind(); k != reflect.Slice && k != reflect.Array {
			return errIndirect
		}
		for i := range rv.Len() {
			ran = true
			if more, err := each(rv.Index(i).Interface()); !more || err != nil {
				return err
			}
		}
	}
	if !ran {
		_, err := d.walk(dot, r.ElseList)
		return err
	}
	return nil
}

// chain evaluates {{.}}, {{.a.b}} or {{$.a.b}}.
func (d *direct) chain(dot value, n parse.Node) (value, error) {
	var idents []string
	switch n := n.(type) {
	case *parse.DotNode:
		return dot, nil
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		dot, idents = d.root, n.Ident[1:]
	}
	for _, name := range idents {
		if !dot.ok {
			if d.missingErr {
				return dot, errIndirect
			}
			continue
		}
		m, isMap := dot.v.(map[string]any)
		if !isMap {
			return dot, errIndirect // a method, a struct field, a nil value…: text/template's
		}
		x, found := m[name]
		if !found && d.missingErr {
			return dot, errIndirect
		}
		dot = value{x, found}
	}
	return dot, nil
}
