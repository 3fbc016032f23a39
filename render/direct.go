package render

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"text/template"
	"text/template/parse"
)

// A direct execution runs a part without text/template's reflective
// evaluator. At parse time the tree is compiled (compileDirect) when every
// node has a shape handled here: text, printing actions (the escaper is
// called directly), variables, if/with/range/else, field chains, constants,
// calls of the template's functions and of the builtins and, or, not, eq,
// ne, len, print, printf and println. At execution the data walked is what
// JSON and TOML decode to (maps of strings, slices, strings, numbers,
// booleans). Anything else met (a struct, a method, a value of another type
// than a function's parameter, an error of any kind but a write error, a
// panic) stops it with errIndirect, and the part is executed again by
// text/template from the start, so that results and error messages are
// text/template's own.

// errIndirect asks for the part to be executed by text/template.
var errIndirect = errors.New("render: not executed directly")

// value is a value during direct execution. ok is false for "no value"
// (text/template's invalid reflect.Value: a missing key). ok with v nil
// is an interface holding nothing (a JSON null in a map), which becomes no
// value at the end of a pipeline's command, as in text/template.
type value struct {
	v  any
	ok bool
}

// dlist is a compiled list of nodes: *dtext, *dprint, *dpipe (an action
// that only declares or assigns variables), *dbranch, dbreak, dcontinue.
type dlist []any

type dtext struct{ text []byte }

type dprint struct {
	pipe *dpipe
	ctx  int // the escaper's context
}

type dbranch struct {
	kind             parse.NodeType // NodeIf, NodeWith or NodeRange
	pipe             *dpipe
	list, elseList   dlist
	assign, twoNames bool // a range's variables
}

type (
	dbreak    struct{}
	dcontinue struct{}
)

type dpipe struct {
	decl   []string
	assign bool
	cmds   []*dcmd
}

type cmdKind uint8

const (
	cmdDot cmdKind = iota
	cmdField
	cmdVar
	cmdConst
	cmdPipe
	cmdCall
	cmdAnd
	cmdOr
	cmdNot
	cmdEq
	cmdNe
	cmdLen
)

// dcmd is a command of a pipeline, or an argument of a call.
type dcmd struct {
	kind    cmdKind
	idents  []string // field names (cmdField, cmdVar)
	name    string   // variable name (cmdVar), function name (calls)
	konst   value    // cmdConst
	pipe    *dpipe   // cmdPipe
	args    []*darg  // calls
	hasArgs bool     // a field or value given arguments: text/template's error
	fn      *dfunc   // cmdCall
}

// darg is an argument of a call: a command, or a constant already of the
// parameter's type.
type darg struct {
	cmd   *dcmd
	konst reflect.Value
	typ   reflect.Type // the parameter's type, nil for builtins
}

// dfunc is a function of the template's FuncMap, ready to call.
type dfunc struct {
	fn       reflect.Value
	typ      reflect.Type
	numFixed int
	errOut   bool // a second result, of type error
}

var (
	errorType   = reflect.TypeFor[error]()
	valueType   = reflect.TypeFor[reflect.Value]()
	builtinFmts = map[string]any{"print": fmt.Sprint, "printf": fmt.Sprintf, "println": fmt.Sprintln}
)

// directCompiler compiles a tree for direct execution; failing reports a
// shape that it leaves to text/template.
type directCompiler struct {
	funcs map[string]*dfunc
	fm    template.FuncMap
	bad   bool
}

// compileDirect returns t compiled for direct execution, or nil if some
// node is not handled. fm holds the template's functions but the escaper.
func compileDirect(t *template.Template, fm template.FuncMap) dlist {
	if len(t.Templates()) != 1 || t.Tree == nil {
		return nil
	}
	c := &directCompiler{funcs: map[string]*dfunc{}, fm: fm}
	l := c.list(t.Tree.Root)
	if c.bad || l == nil {
		return nil
	}
	return l
}

func (c *directCompiler) list(n *parse.ListNode) dlist {
	out := dlist{}
	if n == nil {
		return out
	}
	for _, n := range n.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, &dtext{n.Text})
		case *parse.CommentNode:
		case *parse.BreakNode:
			out = append(out, dbreak{})
		case *parse.ContinueNode:
			out = append(out, dcontinue{})
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 {
				out = append(out, c.pipe(n.Pipe))
				continue
			}
			ctx, ok := printCtx(n.Pipe)
			if !ok {
				c.bad = true // prints without the escaper
				return nil
			}
			p := c.pipe(&parse.PipeNode{Cmds: n.Pipe.Cmds[:len(n.Pipe.Cmds)-1]})
			out = append(out, &dprint{pipe: p, ctx: ctx})
		case *parse.IfNode:
			out = append(out, c.branch(parse.NodeIf, &n.BranchNode))
		case *parse.WithNode:
			out = append(out, c.branch(parse.NodeWith, &n.BranchNode))
		case *parse.RangeNode:
			b := c.branch(parse.NodeRange, &n.BranchNode)
			b.assign, b.twoNames = n.Pipe.IsAssign, len(n.Pipe.Decl) > 1
			out = append(out, b)
		default:
			c.bad = true
			return nil
		}
		if c.bad {
			return nil
		}
	}
	return out
}

func (c *directCompiler) branch(kind parse.NodeType, b *parse.BranchNode) *dbranch {
	return &dbranch{kind: kind, pipe: c.pipe(b.Pipe), list: c.list(b.List), elseList: c.list(b.ElseList)}
}

// printCtx returns the escaper context of a printing action (see rewrite).
func printCtx(p *parse.PipeNode) (int, bool) {
	if p == nil || len(p.Decl) != 0 || len(p.Cmds) < 2 {
		return 0, false
	}
	esc := p.Cmds[len(p.Cmds)-1].Args
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

func (c *directCompiler) pipe(p *parse.PipeNode) *dpipe {
	dp := &dpipe{assign: p.IsAssign}
	for _, v := range p.Decl {
		dp.decl = append(dp.decl, v.Ident[0])
	}
	for _, cmd := range p.Cmds {
		dp.cmds = append(dp.cmds, c.command(cmd))
	}
	return dp
}

// command compiles a pipeline's command.
func (c *directCompiler) command(cmd *parse.CommandNode) *dcmd {
	switch n := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		return c.call(n.Ident, cmd.Args[1:])
	}
	d := c.operand(cmd.Args[0])
	d.hasArgs = len(cmd.Args) > 1
	return d
}

// operand compiles what is not a function call.
func (c *directCompiler) operand(n parse.Node) *dcmd {
	switch n := n.(type) {
	case *parse.DotNode:
		return &dcmd{kind: cmdDot}
	case *parse.FieldNode:
		return &dcmd{kind: cmdField, idents: n.Ident}
	case *parse.VariableNode:
		return &dcmd{kind: cmdVar, name: n.Ident[0], idents: n.Ident[1:]}
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			break
		}
		return &dcmd{kind: cmdPipe, pipe: c.pipe(n)}
	case *parse.StringNode:
		return &dcmd{kind: cmdConst, konst: value{n.Text, true}}
	case *parse.BoolNode:
		return &dcmd{kind: cmdConst, konst: value{n.True, true}}
	case *parse.NumberNode:
		if v, ok := idealConstant(n); ok {
			return &dcmd{kind: cmdConst, konst: value{v, true}}
		}
	case *parse.IdentifierNode:
		return c.call(n.Ident, nil)
	}
	c.bad = true
	return &dcmd{}
}

// idealConstant is the value text/template gives a number constant where
// any type is accepted.
func idealConstant(n *parse.NumberNode) (any, bool) {
	switch {
	case n.IsComplex:
		return nil, false
	case n.IsFloat && !isIntText(n.Text):
		return n.Float64, true
	case n.IsInt && int64(int(n.Int64)) == n.Int64:
		return int(n.Int64), true
	}
	return nil, false
}

// isIntText reports whether a number constant is written as an integer
// (no point, exponent or hexadecimal float), or as a rune.
func isIntText(s string) bool {
	if len(s) > 0 && s[0] == '\'' {
		return true
	}
	hex := len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', 'p', 'P':
			return false
		case 'e', 'E':
			if !hex {
				return false
			}
		}
	}
	return true
}

func (c *directCompiler) call(name string, args []parse.Node) *dcmd {
	if _, user := c.fm[name]; !user {
		switch name {
		case "and", "or", "not", "eq", "ne", "len":
			d := &dcmd{kind: map[string]cmdKind{"and": cmdAnd, "or": cmdOr, "not": cmdNot, "eq": cmdEq, "ne": cmdNe, "len": cmdLen}[name], name: name}
			for _, a := range args {
				if _, ok := a.(*parse.NilNode); ok {
					c.bad = true
				}
				d.args = append(d.args, &darg{cmd: c.operand(a)})
			}
			return d
		}
	}
	f := c.function(name)
	if f == nil {
		c.bad = true
		return &dcmd{}
	}
	d := &dcmd{kind: cmdCall, name: name, fn: f}
	for i, a := range args {
		t := f.param(i)
		if t == nil {
			c.bad = true // too many: text/template's error
			return d
		}
		d.args = append(d.args, c.arg(a, t))
	}
	return d
}

// param returns the type of the function's i-th argument.
func (f *dfunc) param(i int) reflect.Type {
	switch {
	case i < f.numFixed:
		return f.typ.In(i)
	case f.typ.IsVariadic():
		return f.typ.In(f.typ.NumIn() - 1).Elem()
	}
	return nil
}

// function returns the template function name, if its signature is one
// the direct execution calls: parameters and result of a concrete type or
// any, and an optional error.
func (c *directCompiler) function(name string) *dfunc {
	if f, ok := c.funcs[name]; ok {
		return f
	}
	fv, ok := c.fm[name]
	if !ok {
		fv, ok = builtinFmts[name]
	}
	if !ok {
		return nil
	}
	fn := reflect.ValueOf(fv)
	typ := fn.Type()
	if typ.Kind() != reflect.Func {
		return nil
	}
	f := &dfunc{fn: fn, typ: typ, numFixed: typ.NumIn()}
	if typ.IsVariadic() {
		f.numFixed--
	}
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
		f.errOut = true
	default:
		return nil
	}
	for i := range typ.NumIn() {
		if !plainType(f.param(i)) {
			return nil
		}
	}
	if !plainType(typ.Out(0)) {
		return nil
	}
	c.funcs[name] = f
	return f
}

// plainType reports whether values of t pass between the direct execution
// and a function as they are: any, or a concrete type but reflect.Value.
func plainType(t reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return t.NumMethod() == 0
	}
	return t != valueType
}

// arg compiles an argument for a parameter of type t.
func (c *directCompiler) arg(n parse.Node, t reflect.Type) *darg {
	switch n := n.(type) {
	case *parse.DotNode, *parse.FieldNode, *parse.VariableNode, *parse.PipeNode, *parse.IdentifierNode:
		return &darg{cmd: c.operand(n), typ: t}
	case *parse.NilNode:
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return &darg{konst: reflect.Zero(t), typ: t}
		}
	case *parse.StringNode:
		if t.Kind() == reflect.String {
			return &darg{konst: reflect.ValueOf(n.Text).Convert(t), typ: t}
		}
	case *parse.BoolNode:
		if t.Kind() == reflect.Bool {
			return &darg{konst: reflect.ValueOf(n.True).Convert(t), typ: t}
		}
	case *parse.NumberNode:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if n.IsInt {
				v := reflect.New(t).Elem()
				v.SetInt(n.Int64)
				if v.Int() == n.Int64 {
					return &darg{konst: v, typ: t}
				}
			}
		case reflect.Float32, reflect.Float64:
			if n.IsFloat {
				v := reflect.New(t).Elem()
				v.SetFloat(n.Float64)
				return &darg{konst: v, typ: t}
			}
		}
	}
	if t.Kind() == reflect.Interface { // any
		d := c.operand(n)
		if d.kind == cmdConst {
			return &darg{konst: reflect.ValueOf(d.konst.v), typ: t}
		}
	}
	c.bad = true
	return &darg{}
}

// variable is a template variable during direct execution.
type variable struct {
	name string
	v    value
}

// direct is one direct execution of a part.
type direct struct {
	w          *limitWriter
	esc        func(int, any) (string, error)
	vars       []variable
	missingErr bool // missingkey=error
	buf        []byte
}

// executeDirect runs the part's compiled tree on data, writing to w.
func (tp *tpart) executeDirect(w *limitWriter, data any) (err error) {
	defer func() {
		if recover() != nil {
			err = errIndirect // text/template recovers it, with its own message
		}
	}()
	if _, isValue := data.(reflect.Value); isValue {
		return errIndirect
	}
	d := direct{w: w, esc: tp.esc, missingErr: !tp.allowMissing}
	root := value{data, data != nil}
	d.vars = append(d.vars, variable{"$", root})
	_, err = d.walk(root, tp.direct)
	return err
}

// flow is how a list's execution ended.
type flow int

const (
	flowNext flow = iota
	flowBreak
	flowContinue
)

func (d *direct) walk(dot value, list dlist) (flow, error) {
	for _, n := range list {
		switch n := n.(type) {
		case *dtext:
			if _, err := d.w.Write(n.text); err != nil {
				return flowNext, err
			}
		case *dprint:
			v, err := d.pipeline(dot, n.pipe)
			if err != nil {
				return flowNext, err
			}
			s, err := d.esc(n.ctx, v.v)
			if err != nil {
				return flowNext, errIndirect
			}
			if s != "" {
				d.buf = append(d.buf[:0], s...)
				if _, err := d.w.Write(d.buf); err != nil {
					return flowNext, err
				}
			}
		case *dpipe:
			if _, err := d.pipeline(dot, n); err != nil {
				return flowNext, err
			}
		case *dbranch:
			var f flow
			var err error
			if n.kind == parse.NodeRange {
				err = d.rangeOver(dot, n)
			} else {
				f, err = d.cond(dot, n)
			}
			if f != flowNext || err != nil {
				return f, err
			}
		case dbreak:
			return flowBreak, nil
		case dcontinue:
			return flowContinue, nil
		}
	}
	return flowNext, nil
}

func (d *direct) cond(dot value, b *dbranch) (flow, error) {
	mark := len(d.vars)
	defer func() { d.vars = d.vars[:mark] }()
	v, err := d.pipeline(dot, b.pipe)
	if err != nil {
		return flowNext, err
	}
	truth, ok := template.IsTrue(v.v)
	if !ok {
		return flowNext, errIndirect
	}
	switch {
	case truth && b.kind == parse.NodeWith:
		return d.walk(v, b.list)
	case truth:
		return d.walk(dot, b.list)
	}
	return d.walk(dot, b.elseList)
}

func (d *direct) rangeOver(dot value, r *dbranch) error {
	start := len(d.vars)
	defer func() { d.vars = d.vars[:start] }()
	v, err := d.pipeline(dot, r.pipe)
	if err != nil {
		return err
	}
	mark := len(d.vars)
	// each runs the body once; it reports false after a break.
	each := func(index, elem value) (bool, error) {
		if n := len(r.pipe.decl); n > 0 {
			if r.assign {
				if r.twoNames {
					d.set(r.pipe.decl[0], index)
					d.set(r.pipe.decl[1], elem)
				} else {
					d.set(r.pipe.decl[0], elem)
				}
			} else {
				d.vars[mark-1].v = elem
				if r.twoNames {
					d.vars[mark-2].v = index
				}
			}
		}
		f, err := d.walk(elem, r.list)
		d.vars = d.vars[:mark]
		return f != flowBreak, err
	}
	ran := false
	switch x := v.v.(type) {
	case nil:
	case []any:
		for i, e := range x {
			ran = true
			if more, err := each(value{i, true}, value{e, true}); !more || err != nil {
				return err
			}
		}
	case []map[string]any:
		for i, e := range x {
			ran = true
			if more, err := each(value{i, true}, value{e, true}); !more || err != nil {
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
			if more, err := each(value{k, true}, value{x[k], true}); !more || err != nil {
				return err
			}
		}
	default:
		rv := reflect.ValueOf(x)
		if k := rv.Kind(); k != reflect.Slice && k != reflect.Array || rv.Type().Elem().Kind() == reflect.Interface {
			return errIndirect
		}
		for i := range rv.Len() {
			ran = true
			if more, err := each(value{i, true}, value{rv.Index(i).Interface(), true}); !more || err != nil {
				return err
			}
		}
	}
	if !ran {
		_, err := d.walk(dot, r.elseList)
		return err
	}
	return nil
}

// set assigns a declared variable.
func (d *direct) set(name string, v value) {
	for i := len(d.vars) - 1; i >= 0; i-- {
		if d.vars[i].name == name {
			d.vars[i].v = v
			return
		}
	}
	panic("undefined variable " + name) // the parser checked it
}

func (d *direct) lookup(name string) (value, error) {
	for i := len(d.vars) - 1; i >= 0; i-- {
		if d.vars[i].name == name {
			return d.vars[i].v, nil
		}
	}
	return value{}, errIndirect
}

// pipeline evaluates p, declaring or assigning its variables.
func (d *direct) pipeline(dot value, p *dpipe) (value, error) {
	var v value
	final := false
	for _, c := range p.cmds {
		var err error
		v, err = d.command(dot, c, v, final)
		if err != nil {
			return v, err
		}
		if v.ok && v.v == nil {
			v.ok = false // an interface holding nothing
		}
		final = true
	}
	for _, name := range p.decl {
		if p.assign {
			d.set(name, v)
		} else {
			d.vars = append(d.vars, variable{name, v})
		}
	}
	return v, nil
}

// command evaluates c; prev is the previous command's value, if hasPrev.
func (d *direct) command(dot value, c *dcmd, prev value, hasPrev bool) (value, error) {
	if c.kind < cmdCall && (c.hasArgs || hasPrev) {
		return value{}, errIndirect // not a function: text/template's error
	}
	switch c.kind {
	case cmdDot:
		return dot, nil
	case cmdField:
		return d.fields(dot, c.idents)
	case cmdVar:
		v, err := d.lookup(c.name)
		if err != nil {
			return v, err
		}
		return d.fields(v, c.idents)
	case cmdConst:
		return c.konst, nil
	case cmdPipe:
		return d.pipeline(dot, c.pipe)
	case cmdAnd, cmdOr:
		var v value
		for _, a := range c.args {
			var err error
			if v, err = d.command(dot, a.cmd, value{}, false); err != nil {
				return v, err
			}
			if truth, _ := template.IsTrue(v.v); truth == (c.kind == cmdOr) {
				return v, nil
			}
		}
		if hasPrev {
			return prev, nil
		}
		if len(c.args) == 0 {
			return value{}, errIndirect
		}
		return v, nil
	}
	args := make([]value, 0, len(c.args)+1)
	for _, a := range c.args {
		if a.cmd == nil {
			args = append(args, value{a.konst.Interface(), true})
			continue
		}
		v, err := d.command(dot, a.cmd, value{}, false)
		if err != nil {
			return v, err
		}
		args = append(args, v)
	}
	if hasPrev {
		args = append(args, prev)
	}
	switch c.kind {
	case cmdNot:
		if len(args) != 1 {
			return value{}, errIndirect
		}
		truth, _ := template.IsTrue(args[0].v)
		return value{!truth, true}, nil
	case cmdEq, cmdNe:
		return compare(args, c.kind == cmdEq)
	case cmdLen:
		if len(args) != 1 {
			return value{}, errIndirect
		}
		return length(args[0].v)
	}
	return d.call(c, args)
}

// compare is eq (or ne) for operands of one basic type; other cases are
// text/template's.
func compare(args []value, eq bool) (value, error) {
	if len(args) < 2 || (!eq && len(args) != 2) {
		return value{}, errIndirect
	}
	a := args[0].v
	switch a.(type) {
	case string, bool, int, float64:
	default:
		return value{}, errIndirect
	}
	truth := false
	for _, b := range args[1:] {
		if reflect.TypeOf(b.v) != reflect.TypeOf(a) {
			return value{}, errIndirect
		}
		if a == b.v {
			truth = true
		}
	}
	return value{truth == eq, true}, nil
}

func length(v any) (value, error) {
	switch x := v.(type) {
	case string:
		return value{len(x), true}, nil
	case []any:
		return value{len(x), true}, nil
	case map[string]any:
		return value{len(x), true}, nil
	case []map[string]any:
		return value{len(x), true}, nil
	}
	return value{}, errIndirect
}

// call calls a template function with args, each of the parameter's type
// or handed back to text/template.
func (d *direct) call(c *dcmd, args []value) (value, error) {
	f := c.fn
	if len(args) < f.numFixed || (!f.typ.IsVariadic() && len(args) != f.numFixed) {
		return value{}, errIndirect
	}
	argv := make([]reflect.Value, len(args))
	for i, a := range args {
		t := f.param(i)
		switch {
		case !a.ok:
			switch t.Kind() {
			case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
				argv[i] = reflect.Zero(t)
			default:
				return value{}, errIndirect
			}
		case t.Kind() == reflect.Interface:
			if a.v == nil {
				argv[i] = reflect.Zero(t)
			} else {
				argv[i] = reflect.ValueOf(a.v)
			}
		case a.v == nil || !reflect.TypeOf(a.v).AssignableTo(t):
			return value{}, errIndirect
		default:
			argv[i] = reflect.ValueOf(a.v)
		}
	}
	out := f.fn.Call(argv)
	if f.errOut && !out[1].IsNil() {
		return value{}, errIndirect
	}
	r := out[0]
	if r.Kind() == reflect.Interface && r.IsNil() {
		return value{nil, true}, nil
	}
	return value{r.Interface(), true}, nil
}

// fields evaluates the field chain idents from v.
func (d *direct) fields(v value, idents []string) (value, error) {
	for _, name := range idents {
		if !v.ok {
			if d.missingErr {
				return v, errIndirect
			}
			continue
		}
		m, isMap := v.v.(map[string]any)
		if !isMap {
			return v, errIndirect // a method, a struct field, a nil value…: text/template's
		}
		x, found := m[name]
		if !found && d.missingErr {
			return v, errIndirect
		}
		v = value{x, found}
	}
	return v, nil
}
