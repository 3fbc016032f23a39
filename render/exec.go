package render

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template"
)

// ErrTooManyItems is reported when a template function would build a list
// longer than Limits.MaxItems (until, untilStep, seq).
var ErrTooManyItems = errors.New("list too long (see render.Limits.MaxItems)")

// execState is one execution's: what it may still spend, the output
// budget (its limitWriter) and the time (its context), and what it adds to
// the package (see media.go). The functions that allocate by count and the
// escaper read the budget, so that they refuse before allocating, and every
// {{range}} iteration checks the context.
type execState struct {
	t        *Template
	ctx      context.Context
	done     <-chan struct{} // nil: no deadline, never cancelled
	lw       *limitWriter    // of the part being rendered
	maxItems int
	media
}

// check returns the context's error, wrapped, once it is done.
func (s *execState) check() error {
	if s == nil || s.done == nil {
		return nil
	}
	select {
	case <-s.done:
		return stopped(s.ctx)
	default:
		return nil
	}
}

// stopped is the error of an execution stopped by its context: it wraps
// the context's error (errors.Is context.DeadlineExceeded or
// context.Canceled) and its cause when it has another one.
func stopped(ctx context.Context) error {
	err, cause := ctx.Err(), context.Cause(ctx)
	if cause != nil && cause != err {
		return fmt.Errorf("execution stopped: %w (%w)", err, cause)
	}
	return fmt.Errorf("execution stopped: %w", err)
}

// room reports whether n more bytes fit in the output budget of the part
// being rendered (ErrOutputTooLarge if not). A nil s has no budget.
func (s *execState) room(n int64) error {
	if s == nil || s.lw == nil {
		return nil
	}
	if n < 0 || n > s.lw.part || n > s.lw.total {
		return ErrOutputTooLarge
	}
	return nil
}

// executor is one copy of a template's parts whose functions are bound to
// its own execState. Executors are reused: making one clones every part's
// text/template (Funcs on a shared template would race), so a Template keeps
// those no execution uses.
type executor struct {
	st    execState
	tmpls []*template.Template // by part; nil for parts copied as they are
	escs  []func(int, any) (string, error)
	// bound holds the bounded functions (boundedFuncs) bound to st, but
	// those the caller's functions replace: the direct execution calls them
	bound map[string]reflect.Value
	ns    *noteState // of the execution, for the parts that repeat note references
	buf   []byte     // the direct execution's, for a printed value
	// the direct execution's variables and argument stack, kept for the
	// next part or execution
	vars  []variable
	stack []value
	// the value of a control or checkbox call that is printed at once
	// (dcmd.toEsc): the direct execution hands a pointer to it to the
	// escaper instead of an interface holding a copy, which allocates
	ctl controlValue
	cb  checkboxValue
}

type executorPool struct {
	mu   sync.Mutex
	free []*executor
}

func (t *Template) getExecutor() (*executor, error) {
	t.pool.mu.Lock()
	if n := len(t.pool.free); n > 0 {
		e := t.pool.free[n-1]
		t.pool.free = t.pool.free[:n-1]
		t.pool.mu.Unlock()
		return e, nil
	}
	t.pool.mu.Unlock()
	e := &executor{tmpls: make([]*template.Template, len(t.parts)), escs: make([]func(int, any) (string, error), len(t.parts)),
		bound: map[string]reflect.Value{}}
	for name, fn := range boundedFuncs(&e.st) {
		if _, over := t.cfg.funcs[name]; !over {
			e.bound[name] = reflect.ValueOf(fn)
		}
	}
	e.st.t, e.st.maxItems = t, t.maxItems
	for i, p := range t.parts {
		if p.tmpl == nil {
			continue
		}
		c, err := p.tmpl.Clone()
		if err != nil {
			return nil, fmt.Errorf("render: %s: %w", p.name, err)
		}
		e.escs[i] = escaper(&e.st, p.ctxs, t.cfg.allowRaw)
		fm := boundedFuncs(&e.st)
		fm[escIdent], fm[tickIdent] = e.escs[i], e.st.tick
		if p.calls != nil {
			e.st.bind(p, fm)
		}
		if p.noteRefs {
			fm["_lk_note"] = func(kind, role, orig string) (string, error) { return e.ns.id(kind, role, orig) }
		}
		for name := range t.cfg.funcs {
			delete(fm, name) // the caller's functions win
		}
		c.Funcs(fm)
		e.tmpls[i] = c
	}
	return e, nil
}

func (t *Template) putExecutor(e *executor) {
	e.st.ctx, e.st.done, e.st.lw = nil, nil, nil
	e.st.media = media{} // the pictures are the caller's
	e.ns = nil
	t.pool.mu.Lock()
	t.pool.free = append(t.pool.free, e)
	t.pool.mu.Unlock()
}

// boundedFuncs returns the functions that replace sprig's and
// text/template's of the same name, bounded by the budget of st: those of
// each execution, or, with st nil, the ones Parse knows (their names and
// signatures; never called).
func boundedFuncs(st *execState) template.FuncMap {
	return template.FuncMap{
		"until":     st.until,
		"untilStep": st.untilStep,
		"seq":       st.seq,
		"repeat":    st.repeat,
		"indent":    st.indent,
		"nindent":   st.nindent,
		"replace":   st.replace,
		"printf":    st.printf,
		"uniq":      st.uniq,
		"mustUniq":  st.uniq,
	}
}

// tickIdent is the function called at the start of every {{range}}
// iteration, so that a range that prints nothing still stops at the
// context's deadline.
const tickIdent = "_lk_tick"

func (s *execState) tick() (string, error) { return "", s.check() }

// items checks that a list of n items may be built.
func (s *execState) items(n int64) error {
	if err := s.check(); err != nil {
		return err
	}
	if n > int64(s.maxItems) {
		return fmt.Errorf("%w: %d items, at most %d", ErrTooManyItems, n, s.maxItems)
	}
	return nil
}

// until is sprig's until (0 to count-1, or down from 0 when count is
// negative), bounded by MaxItems.
func (s *execState) until(count int) ([]int, error) {
	step := 1
	if count < 0 {
		step = -1
	}
	return s.untilStep(0, count, step)
}

// untilStep is sprig's untilStep bounded by MaxItems: the integers from
// start, by step, before stop (none when step has the wrong sign or is 0).
func (s *execState) untilStep(start, stop, step int) ([]int, error) {
	var n int64
	switch {
	case step > 0 && start < stop:
		n = (int64(stop) - int64(start) + int64(step) - 1) / int64(step)
	case step < 0 && start > stop:
		n = (int64(start) - int64(stop) - int64(step) - 1) / -int64(step)
	default:
		return []int{}, nil
	}
	if err := s.items(n); err != nil {
		return nil, err
	}
	v := make([]int, n)
	for i := range v {
		v[i] = start + i*step
	}
	return v, nil
}

// seq is sprig's seq (like the Unix command: "seq 3", "seq 2 5",
// "seq 10 -2 1"), its result bounded by MaxItems.
func (s *execState) seq(params ...int) (string, error) {
	var start, stop, step int
	switch len(params) {
	case 1:
		start, stop, step = 1, params[0], 1
	case 2:
		start, stop, step = params[0], params[1], 1
	case 3:
		start, stop, step = params[0], params[2], params[1]
		if stop < start && step > 0 {
			return "", nil
		}
	default:
		return "", nil
	}
	// stop is included: one past it, the way sprig goes
	inc := 1
	if stop < start {
		inc = -1
		if len(params) < 3 {
			step = -1
		}
	}
	v, err := s.untilStep(start, stop+inc, step)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, n := range v {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String(), nil
}

// repeat is sprig's repeat, refused before allocating when the result would
// not fit in the output budget.
func (s *execState) repeat(count int, str string) (string, error) {
	if count <= 0 || str == "" {
		return "", nil
	}
	if err := s.room(mulSize(count, len(str))); err != nil {
		return "", err
	}
	return strings.Repeat(str, count), nil
}

// indent is sprig's indent (pad every line with spaces), bounded by the
// output budget.
func (s *execState) indent(spaces int, v string) (string, error) {
	if spaces <= 0 {
		return v, nil
	}
	lines := int64(strings.Count(v, "\n")) + 1
	if err := s.room(int64(len(v)) + mulSize(int(lines), spaces)); err != nil {
		return "", err
	}
	pad := strings.Repeat(" ", spaces)
	return pad + strings.ReplaceAll(v, "\n", "\n"+pad), nil
}

// nindent is indent after a newline.
func (s *execState) nindent(spaces int, v string) (string, error) {
	r, err := s.indent(spaces, v)
	return "\n" + r, err
}

// replace is sprig's replace (every old by new in src), bounded by the
// output budget.
func (s *execState) replace(old, new, src string) (string, error) {
	if len(new) > len(old) {
		n := strings.Count(src, old)
		if err := s.room(int64(len(src)) + mulSize(n, len(new)-len(old))); err != nil {
			return "", err
		}
	}
	return strings.ReplaceAll(src, old, new), nil
}

// printf is text/template's printf (and sprig's sprintf) with widths and
// precisions bounded by the output budget: fmt allocates them before
// anything is written.
func (s *execState) printf(format string, args ...any) (string, error) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0; i++ {
		}
		for part := 0; part < 2 && i < len(format); part++ { // width, then precision
			if part == 1 {
				if format[i] != '.' {
					break
				}
				i++
			}
			n := int64(0)
			for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
				n = min(n*10+int64(format[i]-'0'), 1<<62)
			}
			if err := s.room(n); err != nil {
				return "", err
			}
			if i < len(format) && format[i] == '*' {
				i++
				for _, a := range args {
					// a width given as an argument: whichever it is
					if rv := reflect.ValueOf(a); rv.CanInt() {
						if err := s.room(max(rv.Int(), -rv.Int())); err != nil {
							return "", err
						}
					}
				}
			}
		}
	}
	return fmt.Sprintf(format, args...), nil
}

// uniq is sprig's uniq: the list without repeated items (reflect.DeepEqual
// equality), in linear time for items of basic kinds (strings, numbers,
// booleans); other items are compared with each other, checking the time
// budget as it goes.
func (s *execState) uniq(list any) ([]any, error) {
	rv := reflect.ValueOf(list)
	if k := rv.Kind(); k != reflect.Slice && k != reflect.Array {
		return nil, fmt.Errorf("cannot find uniq on type %s", k)
	}
	out := []any{}
	seen := map[any]bool{}
	var others []any
	for i := 0; i < rv.Len(); i++ {
		item := rv.Index(i).Interface()
		if isBasic(item) {
			if !seen[item] {
				seen[item] = true
				out = append(out, item)
			}
			continue
		}
		if i%1024 == 0 {
			if err := s.check(); err != nil {
				return nil, err
			}
		}
		dup := false
		for _, o := range others {
			if reflect.DeepEqual(o, item) {
				dup = true
				break
			}
		}
		if !dup {
			others = append(others, item)
			out = append(out, item)
		}
	}
	return out, nil
}

// isBasic reports whether v is a boolean, number or string, for which
// == is reflect.DeepEqual (NaN aside: never equal either way).
func isBasic(v any) bool {
	switch reflect.ValueOf(v).Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	}
	return false
}

// mulSize is a*b, saturated (a, b >= 0).
func mulSize(a, b int) int64 {
	if a > 0 && b > (1<<62)/a {
		return 1 << 62
	}
	return int64(a) * int64(b)
}
