package render

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"unsafe"

	"github.com/Masterminds/sprig/v3"
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
// that only declares or assigns variables), *dbranch, dbreak, dcontinue,
// dtick.
type dlist []any

// dtext is a text node; prep is its index among the part's prepared texts
// (opc.Prepared), or -1.
type dtext struct {
	text []byte
	prep int
}

type dprint struct {
	pipe *dpipe
	ctx  int       // the escaper's context, or -1: printed without it
	pos  parse.Pos // the escaper's, for its errors
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
	dtick     struct{} // checks the context (see tickIdent)
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
	cmdControl // control V (dict "option" value ...), without the map (see fusedControl)
)

// dcmd is a command of a pipeline, or an argument of a call.
type dcmd struct {
	kind    cmdKind
	idents  []string     // field names (cmdField, cmdVar)
	memo    []fieldMemo  // what each of idents meant, by type
	name    string       // variable name (cmdVar), function name (calls)
	konst   value        // cmdConst
	pipe    *dpipe       // cmdPipe
	args    []*darg      // calls
	hasArgs bool         // given arguments: a method's (cmdField, cmdVar), else text/template's error
	margs   []parse.Node // a method's arguments
	fn      *dfunc       // cmdCall
	ctl     []ctlOpt     // cmdControl: the options, sorted; args[0] is the value
	// toEsc: the last command of a printing action, whose value goes
	// straight to the escaper: a control or checkbox value may then be
	// the executor's (executor.ctl, executor.cb), by pointer
	toEsc bool
}

// darg is an argument of a call: a command, or a constant already of the
// parameter's type.
type darg struct {
	cmd *dcmd
	kv  any // the constant, if cmd is nil
}

// dfunc is a function of the template's FuncMap, ready to call.
type dfunc struct {
	fast     func(args []value) (any, error, bool) // without reflection, for common signatures
	fn       reflect.Value
	typ      reflect.Type
	numFixed int
	errOut   bool // a second result, of type error
	bound    bool // one of boundedFuncs: the executor's, bound to its budget
	checkbox bool // render's own checkbox
}

var (
	errorType   = reflect.TypeFor[error]()
	boolType    = reflect.TypeFor[bool]()
	valueType   = reflect.TypeFor[reflect.Value]()
	builtinFmts = map[string]any{"print": fmt.Sprint, "printf": fmt.Sprintf, "println": fmt.Sprintln}
)

// directCompiler compiles a tree for direct execution; failing reports a
// shape that it leaves to text/template.
type directCompiler struct {
	tp    *tpart // for its prepared texts
	funcs map[string]*dfunc
	fm    template.FuncMap
	bad   bool
}

// compileDirect returns t, part tp's template, compiled for direct
// execution, or nil if some node is not handled. fm holds the template's
// functions but the escaper.
func compileDirect(tp *tpart, t *template.Template, fm template.FuncMap) dlist {
	if len(t.Templates()) != 1 || t.Tree == nil {
		return nil
	}
	c := &directCompiler{tp: tp, funcs: map[string]*dfunc{}, fm: fm}
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
			i, ok := c.tp.textFor(n.Text)
			if !ok {
				i = -1
			}
			out = append(out, &dtext{n.Text, i})
		case *parse.CommentNode:
		case *parse.BreakNode:
			out = append(out, dbreak{})
		case *parse.ContinueNode:
			out = append(out, dcontinue{})
		case *parse.ActionNode:
			if isTick(n) {
				out = append(out, dtick{})
				continue
			}
			if len(n.Pipe.Decl) > 0 {
				out = append(out, c.pipe(n.Pipe))
				continue
			}
			ctx, ok := printCtx(n.Pipe)
			if !ok {
				// prints without the escaper ({{revision …}}): a string as
				// it is, anything else by text/template
				out = append(out, &dprint{pipe: c.pipe(n.Pipe), ctx: -1})
				continue
			}
			p := c.pipe(&parse.PipeNode{Cmds: n.Pipe.Cmds[:len(n.Pipe.Cmds)-1]})
			if k := len(p.cmds); k > 0 {
				p.cmds[k-1].toEsc = true
			}
			out = append(out, &dprint{pipe: p, ctx: ctx, pos: n.Pipe.Cmds[len(n.Pipe.Cmds)-1].Pos})
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

// isTick reports whether n is the tick rewrite puts in a range body.
func isTick(n *parse.ActionNode) bool {
	if len(n.Pipe.Decl) != 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
		return false
	}
	id, ok := n.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == tickIdent
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
	if d.hasArgs && (d.kind == cmdField || d.kind == cmdVar && len(d.idents) > 0) {
		// a method's arguments, compiled at execution for its parameters
		d.margs = cmd.Args[1:]
		for _, a := range d.margs {
			switch a.(type) {
			case *parse.StringNode, *parse.BoolNode, *parse.NumberNode:
			default:
				c.bad = true // only constants, so far
			}
		}
	}
	return d
}

// operand compiles what is not a function call.
func (c *directCompiler) operand(n parse.Node) *dcmd {
	switch n := n.(type) {
	case *parse.DotNode:
		return &dcmd{kind: cmdDot}
	case *parse.FieldNode:
		return &dcmd{kind: cmdField, idents: n.Ident, memo: make([]fieldMemo, len(n.Ident))}
	case *parse.VariableNode:
		return &dcmd{kind: cmdVar, name: n.Ident[0], idents: n.Ident[1:], memo: make([]fieldMemo, len(n.Ident)-1)}
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
	if d := c.fusedControl(name, args); d != nil {
		return d
	}
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

// fusedControl compiles control V (dict "key" value ...) as one command
// when control and dict are render's and sprig's, and the keys are
// distinct known options written as strings: control then gets the
// options without a map being built and read (controlArgs). Else nil.
func (c *directCompiler) fusedControl(name string, args []parse.Node) *dcmd {
	if name != "control" || len(args) != 2 || !sameFunc(c.fm["control"], control) {
		return nil
	}
	p, ok := args[1].(*parse.PipeNode)
	if !ok || len(p.Decl) != 0 || len(p.Cmds) != 1 {
		return nil
	}
	dargs := p.Cmds[0].Args
	if id, ok := dargs[0].(*parse.IdentifierNode); !ok || id.Ident != "dict" || len(dargs)%2 != 1 || !sameFunc(c.fm["dict"], sprigDict()) {
		return nil
	}
	anyType := reflect.TypeFor[any]()
	d := &dcmd{kind: cmdControl, name: name, args: []*darg{c.arg(args[0], anyType)}}
	for i := 1; i < len(dargs); i += 2 {
		k, ok := dargs[i].(*parse.StringNode)
		if !ok || !slices.Contains(controlOptions, k.Text) || slices.ContainsFunc(d.ctl, func(o ctlOpt) bool { return o.key == k.Text }) {
			return nil
		}
		d.ctl = append(d.ctl, ctlOpt{key: k.Text, arg: len(d.args)})
		d.args = append(d.args, c.arg(dargs[i+1], anyType))
	}
	slices.SortFunc(d.ctl, func(a, b ctlOpt) int { return strings.Compare(a.key, b.key) })
	return d
}

// sameFunc reports whether f is the function g.
func sameFunc(f, g any) bool {
	fv, gv := reflect.ValueOf(f), reflect.ValueOf(g)
	return fv.Kind() == reflect.Func && gv.Kind() == reflect.Func && fv.Pointer() == gv.Pointer()
}

// sprigDict is sprig's dict.
var sprigDict = sync.OnceValue(func() any { return sprig.HermeticTxtFuncMap()["dict"] })

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
	if fn.Kind() != reflect.Func {
		return nil
	}
	f := newDfunc(fn)
	if f == nil {
		return nil
	}
	_, f.bound = boundedFuncs(nil)[name]
	if !f.bound {
		f.fast = fastFunc(fv) // fv of a bounded function is bound to no budget
		f.checkbox = sameFunc(fv, checkbox)
	}
	c.funcs[name] = f
	return f
}

// newDfunc returns fn (a function or a method value) ready to call, or
// nil if its signature is not one the direct execution calls: parameters
// and result plain (see plainType), and an optional error.
func newDfunc(fn reflect.Value) *dfunc {
	typ := fn.Type()
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
	switch n.(type) {
	case *parse.DotNode, *parse.FieldNode, *parse.VariableNode, *parse.PipeNode, *parse.IdentifierNode:
		return &darg{cmd: c.operand(n)}
	}
	if v, ok := constArg(n, t); ok {
		return &darg{kv: v.Interface()}
	}
	c.bad = true
	return &darg{}
}

// constArg is the value text/template gives the constant n for a
// parameter of type t, if it is not an error.
func constArg(n parse.Node, t reflect.Type) (reflect.Value, bool) {
	switch n := n.(type) {
	case *parse.NilNode:
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return reflect.Zero(t), true
		}
	case *parse.StringNode:
		if t.Kind() == reflect.String {
			return reflect.ValueOf(n.Text).Convert(t), true
		}
	case *parse.BoolNode:
		if t.Kind() == reflect.Bool {
			return reflect.ValueOf(n.True).Convert(t), true
		}
	case *parse.NumberNode:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if n.IsInt {
				v := reflect.New(t).Elem()
				v.SetInt(n.Int64)
				if v.Int() == n.Int64 {
					return v, true
				}
			}
		case reflect.Float32, reflect.Float64:
			if n.IsFloat {
				v := reflect.New(t).Elem()
				v.SetFloat(n.Float64)
				return v, true
			}
		}
	}
	if t.Kind() == reflect.Interface && t.NumMethod() == 0 {
		switch n := n.(type) {
		case *parse.StringNode:
			return reflect.ValueOf(n.Text), true
		case *parse.BoolNode:
			return reflect.ValueOf(n.True), true
		case *parse.NumberNode:
			if v, ok := idealConstant(n); ok {
				return reflect.ValueOf(v), true
			}
		}
	}
	return reflect.Value{}, false
}

// variable is a template variable during direct execution.
type variable struct {
	name string
	v    value
}

// direct is one direct execution of a part.
type direct struct {
	tp         *tpart
	w          *limitWriter
	e          *executor // its state (ticks) and bounded functions
	esc        func(int, any) (string, error)
	vars       []variable
	stack      []value // arguments of the calls under way
	missingErr bool    // missingkey=error
	buf        []byte
}

// executeDirect runs the part's compiled tree on data, writing to w, with
// the escaper, state and bounded functions of the executor e.
func (tp *tpart) executeDirect(w *limitWriter, data any, e *executor) (err error) {
	defer func() {
		if recover() != nil {
			err = errIndirect // text/template recovers it, with its own message
		}
	}()
	if _, isValue := data.(reflect.Value); isValue {
		return errIndirect
	}
	d := direct{tp: tp, w: w, e: e, esc: e.escs[tp.index], missingErr: !tp.allowMissing, buf: e.buf[:0],
		vars: e.vars[:0], stack: e.stack[:0]}
	defer func() {
		if cap(d.buf) <= 64<<10 {
			e.buf = d.buf // for the next part or execution
		}
		if cap(d.vars) <= 1024 && cap(d.stack) <= 1024 {
			clear(d.vars[:cap(d.vars)]) // the values they hold are the data's
			clear(d.stack[:cap(d.stack)])
			e.vars, e.stack = d.vars[:0], d.stack[:0]
		}
	}()
	root := value{data, data != nil}
	d.vars = append(d.vars, variable{"$", root})
	_, err = d.walk(root, tp.direct)
	return err
}

// appendEsc appends what the escaper prints for v in context ctx to b:
// text, content controls and checkboxes are made in b, other values as
// the escaper returns them.
func (d *direct) appendEsc(b []byte, ctx int, v any) ([]byte, error) {
	c := &d.tp.ctxs[ctx]
	switch x := v.(type) {
	case *controlValue: // the executor's (dcmd.toEsc)
		if c.run {
			return c.appendControl(b, x, &d.e.st)
		}
		v = *x
	case *checkboxValue:
		if c.run && (x.tag != "" || x.title != "") {
			return c.appendCheckbox(b, *x), nil
		}
		v = *x
	case string:
		return appendEscapeText(b, x, c, &d.e.st)
	case controlValue:
		if c.run {
			return c.appendControl(b, &x, &d.e.st)
		}
	case checkboxValue:
		if c.run && (x.tag != "" || x.title != "") {
			return c.appendCheckbox(b, x), nil
		}
	}
	s, err := d.esc(ctx, v)
	return append(b, s...), err
}

// escError is the escaper's error err at pos. The output limit is
// reported as text/template reports it (running the part again to get that
// message would double the cost of a document that is too large); other
// errors hand the part back to text/template.
func (d *direct) escError(pos parse.Pos, err error) error {
	if !errors.Is(err, ErrOutputTooLarge) {
		return errIndirect
	}
	before := d.tp.src[:pos]
	line := 1 + strings.Count(before, "\n")
	col := int(pos) - (strings.LastIndexByte(before, '\n') + 1)
	name := d.tp.tmpl.Name()
	return fmt.Errorf("template: %s:%d:%d: executing %q at <%s>: error calling %s: %w", name, line, col, name, escIdent, escIdent, err)
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
			if err := d.w.writeText(n.prep, n.text); err != nil {
				return flowNext, err
			}
		case *dprint:
			v, err := d.pipeline(dot, n.pipe)
			if err != nil {
				return flowNext, err
			}
			if n.ctx < 0 {
				// text/template prints a string with fmt.Fprint: as it is
				s, ok := v.v.(string)
				if !ok || !v.ok {
					return flowNext, errIndirect
				}
				if err := d.w.writeValue([]byte(s)); err != nil {
					return flowNext, err
				}
				continue
			}
			d.buf, err = d.appendEsc(d.buf[:0], n.ctx, v.v)
			if err != nil {
				return flowNext, d.escError(n.pos, err)
			}
			if err := d.w.writeValue(d.buf); err != nil {
				return flowNext, err
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
		case dtick:
			if d.e.st.check() != nil {
				return flowNext, errIndirect // text/template's error names the paragraph
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
		if c.margs == nil && !(hasPrev && len(c.idents) > 0) {
			return value{}, errIndirect // not a function: text/template's error
		}
		return d.methodCall(dot, c, prev, hasPrev)
	}
	switch c.kind {
	case cmdDot:
		return dot, nil
	case cmdField:
		return d.fields(dot, c.idents, c.memo)
	case cmdVar:
		v, err := d.lookup(c.name)
		if err != nil {
			return v, err
		}
		return d.fields(v, c.idents, c.memo)
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
	// The arguments go on a stack shared by the calls of the execution,
	// emptied without a defer (this one was not open-coded: it cost more
	// than many a call); a panic ends the execution anyway.
	base := len(d.stack)
	for _, a := range c.args {
		if a.cmd == nil {
			d.stack = append(d.stack, value{a.kv, true})
			continue
		}
		v, err := d.command(dot, a.cmd, value{}, false)
		if err != nil {
			d.stack = d.stack[:base]
			return v, err
		}
		d.stack = append(d.stack, v)
	}
	if hasPrev {
		d.stack = append(d.stack, prev)
	}
	r, err := d.apply(c, d.stack[base:], hasPrev)
	d.stack = d.stack[:base]
	return r, err
}

// apply is command c's call, of a builtin or a function, on args.
func (d *direct) apply(c *dcmd, args []value, hasPrev bool) (value, error) {
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
	case cmdControl:
		if hasPrev {
			return value{}, errIndirect // a third argument: text/template's error
		}
		r, err := controlArgs(args[0].v, c.ctl, args)
		if err != nil {
			return value{}, errIndirect
		}
		if c.toEsc {
			d.e.ctl = r
			return value{&d.e.ctl, true}, nil
		}
		return value{r, true}, nil
	}
	return d.call(c, args)
}

// compare is eq (or ne) for operands of one basic kind (bool, string,
// signed integer or float, named types too); other cases are
// text/template's.
func compare(args []value, eq bool) (value, error) {
	if len(args) < 2 || (!eq && len(args) != 2) {
		return value{}, errIndirect
	}
	a := reflect.ValueOf(args[0].v)
	k := basicKind(a)
	if k == reflect.Invalid {
		return value{}, errIndirect
	}
	truth := false
	for _, arg := range args[1:] {
		b := reflect.ValueOf(arg.v)
		if basicKind(b) != k {
			return value{}, errIndirect
		}
		switch k {
		case reflect.Bool:
			truth = truth || a.Bool() == b.Bool()
		case reflect.String:
			truth = truth || a.String() == b.String()
		case reflect.Int:
			truth = truth || a.Int() == b.Int()
		case reflect.Float64:
			truth = truth || a.Float() == b.Float()
		}
	}
	return value{truth == eq, true}, nil
}

// basicKind groups the kinds compare handles, or is Invalid.
func basicKind(v reflect.Value) reflect.Kind {
	switch v.Kind() {
	case reflect.Bool, reflect.String:
		return v.Kind()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.Int
	case reflect.Float32, reflect.Float64:
		return reflect.Float64
	}
	return reflect.Invalid
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
	case nil:
		return value{}, errIndirect
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return value{rv.Len(), true}, nil
	}
	return value{}, errIndirect // a pointer, or text/template's error
}

// call calls a template function with args, each of the parameter's type
// or handed back to text/template.
func (d *direct) call(c *dcmd, args []value) (value, error) {
	f := c.fn
	if len(args) < f.numFixed || (!f.typ.IsVariadic() && len(args) != f.numFixed) {
		return value{}, errIndirect
	}
	if f.checkbox && c.toEsc && len(args) >= 1 {
		var buf [2]string // checkbox keeps none of them
		ss, ok := strs(buf[:0], args[1:])
		if !ok {
			return value{}, errIndirect
		}
		r, err := checkbox(args[0].v, ss...)
		if err != nil {
			return value{}, errIndirect
		}
		d.e.cb = r
		return value{&d.e.cb, true}, nil
	}
	if f.fast != nil {
		r, err, ok := f.fast(args)
		if !ok || err != nil {
			return value{}, errIndirect
		}
		return value{r, true}, nil
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
	fn := f.fn
	if f.bound {
		if b, ok := d.e.bound[c.name]; ok {
			fn = b
		}
	}
	return callResult(fn.Call(argv), f.errOut)
}

// callResult is the value of a call's results out, as text/template takes
// it; a function's error hands the part back (errIndirect), for
// text/template's own message.
func callResult(out []reflect.Value, errOut bool) (value, error) {
	if errOut && !out[1].IsNil() {
		return value{}, errIndirect
	}
	r := out[0]
	if r.Kind() == reflect.Interface && r.IsNil() {
		return value{nil, true}, nil
	}
	return value{r.Interface(), true}, nil
}

// fields evaluates the field chain idents from v; memo is the chain's
// (see fieldMemo), or nil.
func (d *direct) fields(v value, idents []string, memo []fieldMemo) (value, error) {
	for i, name := range idents {
		if !v.ok {
			if d.missingErr {
				return v, errIndirect
			}
			continue
		}
		m, isMap := v.v.(map[string]any)
		if !isMap {
			if memo != nil {
				memo = memo[i:]
			}
			return d.reflectFields(reflect.ValueOf(v.v), idents[i:], memo)
		}
		x, found := m[name]
		if !found && d.missingErr {
			return v, errIndirect
		}
		v = value{x, found}
	}
	return v, nil
}

// reflectFields evaluates the field chain idents from rv, a value of
// another type than map[string]any: methods without arguments, struct
// fields, map elements. Struct values stay where they are until the end of
// the chain (and addressable if rv was reached through a pointer, as in
// text/template).
func (d *direct) reflectFields(rv reflect.Value, idents []string, memo []fieldMemo) (value, error) {
	for i, name := range idents {
		for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
			if rv.IsNil() {
				return value{}, errIndirect // text/template's error
			}
			rv = rv.Elem()
		}
		if !rv.IsValid() {
			return value{}, errIndirect
		}
		var f *fieldInfo
		if memo != nil {
			f = memo[i].lookup(rv.Type(), name)
		} else {
			f = lookupField(rv.Type(), name)
		}
		switch {
		case f.method >= 0, f.ptrMethod >= 0:
			var m reflect.Value
			switch {
			case f.method >= 0:
				m = rv.Method(f.method)
			case rv.CanAddr():
				m = rv.Addr().Method(f.ptrMethod)
			default:
				// text/template calls it if rv is addressable, which a copy
				// is not
				return value{}, errIndirect
			}
			r, err := d.callMethod(m, f)
			if err != nil {
				return r, err
			}
			return d.fields(r, idents[i+1:], rest(memo, i+1))
		case f.index != nil:
			var err error
			if rv, err = rv.FieldByIndexErr(f.index); err != nil {
				return value{}, errIndirect
			}
		case f.mapKey:
			e := rv.MapIndex(reflect.ValueOf(name))
			if !e.IsValid() {
				if d.missingErr {
					return value{}, errIndirect
				}
				return d.fields(value{}, idents[i+1:], rest(memo, i+1))
			}
			rv = e
		default:
			return value{}, errIndirect
		}
	}
	switch {
	case rv.Kind() == reflect.Interface && rv.IsNil():
		return value{nil, true}, nil
	case rv.Type() == boolType:
		return value{rv.Bool(), true}, nil // Interface copies a field to the heap; a bool in an interface needs no memory
	}
	return value{rv.Interface(), true}, nil
}

// methodCall evaluates a field chain whose last name is a method given
// arguments (constants, and the previous command's value).
func (d *direct) methodCall(dot value, c *dcmd, prev value, hasPrev bool) (value, error) {
	recv := dot
	if c.kind == cmdVar {
		var err error
		if recv, err = d.lookup(c.name); err != nil {
			return recv, err
		}
	}
	last := len(c.idents) - 1
	recv, err := d.fields(recv, c.idents[:last], c.memo[:last])
	switch {
	case err != nil:
		return recv, err
	case !recv.ok && !d.missingErr:
		return value{}, nil // text/template: a method of no value is no value
	case !recv.ok || recv.v == nil:
		return value{}, errIndirect
	}
	rv := reflect.ValueOf(recv.v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	var m reflect.Value
	switch f := c.memo[last].lookup(rv.Type(), c.idents[last]); {
	case f.method >= 0:
		m = rv.Method(f.method)
	case f.ptrMethod >= 0 && rv.CanAddr():
		m = rv.Addr().Method(f.ptrMethod)
	default:
		return value{}, errIndirect
	}
	fn := newDfunc(m)
	if fn == nil {
		return value{}, errIndirect
	}
	args := make([]value, 0, len(c.margs)+1)
	for i, a := range c.margs {
		t := fn.param(i)
		if t == nil {
			return value{}, errIndirect
		}
		v, ok := constArg(a, t)
		if !ok {
			return value{}, errIndirect
		}
		args = append(args, value{v.Interface(), true})
	}
	if hasPrev {
		if fn.param(len(args)) == nil {
			return value{}, errIndirect
		}
		args = append(args, prev)
	}
	return d.call(&dcmd{fn: fn}, args)
}

// fieldInfo is what .name means on a type.
type fieldInfo struct {
	method, ptrMethod int   // index in the method set of T or *T, or -1
	index             []int // of an exported struct field
	mapKey            bool  // a map of string keys
	// the method takes no argument and newDfunc accepts it (its result
	// and an optional error, errOut)
	noArgs, errOut bool
}

type fieldKey struct {
	t    reflect.Type
	name string
}

var fieldCache sync.Map // fieldKey → *fieldInfo

// fieldMemo remembers what one name of a compiled field chain means on the
// first type met there (a chain nearly always meets one type): looking it
// up in fieldCache costs hashing the type and the name at every
// evaluation.
type fieldMemo struct{ p atomic.Pointer[typedField] }

type typedField struct {
	t reflect.Type
	f *fieldInfo
}

// lookup is lookupField(t, name), name being the memo's.
func (m *fieldMemo) lookup(t reflect.Type, name string) *fieldInfo {
	if tf := m.p.Load(); tf != nil {
		if tf.t == t {
			return tf.f
		}
		return lookupField(t, name) // another type: the first one stays
	}
	f := lookupField(t, name)
	m.p.CompareAndSwap(nil, &typedField{t, f})
	return f
}

// rest is memo[i:], or nil.
func rest(memo []fieldMemo, i int) []fieldMemo {
	if memo == nil {
		return nil
	}
	return memo[i:]
}

// lookupField finds .name on t in text/template's order: a method, then a
// struct's exported field or a map's element.
func lookupField(t reflect.Type, name string) *fieldInfo {
	k := fieldKey{t, name}
	if f, ok := fieldCache.Load(k); ok {
		return f.(*fieldInfo)
	}
	f := &fieldInfo{method: -1, ptrMethod: -1}
	if m, ok := t.MethodByName(name); ok {
		f.method = m.Index
		f.noArgs, f.errOut = callableNoArgs(m.Type, t.Kind() != reflect.Interface)
	} else if m, ok := reflect.PointerTo(t).MethodByName(name); ok {
		f.ptrMethod = m.Index
		f.noArgs, f.errOut = callableNoArgs(m.Type, true)
	} else {
		switch t.Kind() {
		case reflect.Struct:
			if sf, ok := t.FieldByName(name); ok && sf.IsExported() {
				f.index = sf.Index
			}
		case reflect.Map:
			f.mapKey = reflect.TypeFor[string]().AssignableTo(t.Key())
		}
	}
	fieldCache.Store(k, f)
	return f
}

// callableNoArgs reports whether a method of type mt (its receiver first
// if recv) takes no argument and is one newDfunc accepts, and whether it
// returns an error too.
func callableNoArgs(mt reflect.Type, recv bool) (ok, errOut bool) {
	in := mt.NumIn()
	if recv {
		in--
	}
	switch {
	case in != 0 || mt.IsVariadic():
		return false, false
	case mt.NumOut() == 1:
	case mt.NumOut() == 2 && mt.Out(1) == errorType:
		errOut = true
	default:
		return false, false
	}
	return plainType(mt.Out(0)), errOut
}

// callMethod calls m, the method f, without argument, as call would.
func (d *direct) callMethod(m reflect.Value, f *fieldInfo) (value, error) {
	if !f.noArgs {
		return value{}, errIndirect
	}
	return callResult(m.Call(nil), f.errOut)
}

// fastFunc returns fn as a call without reflection when its signature is a
// common one; the call reports false when an argument is not what
// text/template would pass as it is. Its result follows call's rules: an
// interface holding nothing is nil.
func fastFunc(fn any) func(args []value) (any, error, bool) {
	switch f := fn.(type) {
	case func(string) string:
		return func(a []value) (any, error, bool) {
			if len(a) != 1 {
				return nil, nil, false
			}
			s, ok := str(a[0])
			if !ok {
				return nil, nil, false
			}
			return f(s), nil, true
		}
	case func(any) string:
		return func(a []value) (any, error, bool) {
			if len(a) != 1 {
				return nil, nil, false
			}
			return f(a[0].v), nil, true
		}
	case func(any) (string, error):
		return func(a []value) (any, error, bool) {
			if len(a) != 1 {
				return nil, nil, false
			}
			r, err := f(a[0].v)
			return r, err, true
		}
	case func(string, any) string:
		return func(a []value) (any, error, bool) {
			if len(a) != 2 {
				return nil, nil, false
			}
			s, ok := str(a[0])
			if !ok {
				return nil, nil, false
			}
			return f(s, a[1].v), nil, true
		}
	case func(any, any, bool) any:
		return func(a []value) (any, error, bool) {
			if len(a) != 3 {
				return nil, nil, false
			}
			b, ok := a[2].v.(bool)
			if !ok || !a[2].ok {
				return nil, nil, false
			}
			return f(a[0].v, a[1].v, b), nil, true
		}
	case func(...any) string:
		isSprint := sameFunc(f, fmt.Sprint)
		return func(a []value) (any, error, bool) {
			if isSprint {
				if s, ok := concat(a); ok {
					return s, nil, true
				}
			}
			return f(anys(a)...), nil, true
		}
	case func(string, ...any) string:
		return func(a []value) (any, error, bool) {
			if len(a) < 1 {
				return nil, nil, false
			}
			s, ok := str(a[0])
			if !ok {
				return nil, nil, false
			}
			return f(s, anys(a[1:])...), nil, true
		}
	case func(...any) map[string]any:
		return func(a []value) (any, error, bool) {
			return f(anys(a)...), nil, true
		}
	case func(...any) []any:
		return func(a []value) (any, error, bool) {
			return f(anys(a)...), nil, true
		}
	case func(any, map[string]any) (controlValue, error):
		return func(a []value) (any, error, bool) {
			if len(a) != 2 {
				return nil, nil, false
			}
			m, ok := a[1].v.(map[string]any)
			if a[1].ok && !ok {
				return nil, nil, false
			}
			r, err := f(a[0].v, m)
			return r, err, true
		}
	case func(any, ...string) (checkboxValue, error):
		own := sameFunc(f, checkbox)
		return func(a []value) (any, error, bool) {
			if len(a) < 1 {
				return nil, nil, false
			}
			if own { // the strings on the stack: checkbox keeps none
				var buf [2]string
				ss, ok := strs(buf[:0], a[1:])
				if !ok {
					return nil, nil, false
				}
				r, err := checkbox(a[0].v, ss...)
				return r, err, true
			}
			ss, ok := strs(make([]string, 0, len(a)-1), a[1:])
			if !ok {
				return nil, nil, false
			}
			r, err := f(a[0].v, ss...)
			return r, err, true
		}
	}
	return nil
}

// str is a string argument as text/template passes it: a value of type
// string (not of a named string type).
func str(v value) (string, bool) {
	s, ok := v.v.(string)
	return s, ok && v.ok
}

// strs appends the string arguments a to ss; false if one is not a
// string.
func strs(ss []string, a []value) ([]string, bool) {
	for _, v := range a {
		s, ok := str(v)
		if !ok {
			return nil, false
		}
		ss = append(ss, s)
	}
	return ss, true
}

// concat is fmt.Sprint(a...) when every value is a string (Sprint puts no
// space between strings).
func concat(a []value) (string, bool) {
	n := 0
	for _, v := range a {
		s, ok := v.v.(string)
		if !ok {
			return "", false
		}
		n += len(s)
	}
	if len(a) == 1 {
		return a[0].v.(string), true
	}
	b := make([]byte, 0, n)
	for _, v := range a {
		b = append(b, v.v.(string)...)
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// anys is the values of a variadic ...any argument.
func anys(a []value) []any {
	out := make([]any, len(a))
	for i, v := range a {
		out[i] = v.v
	}
	return out
}
