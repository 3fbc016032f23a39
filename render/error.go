package render

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kind classifies an [Error], so that a program can react to it without
// reading its message.
type Kind int

// The kinds of errors.
const (
	// KindExec is an execution error not covered by another kind: a
	// function's error, a value of the wrong type, a field a struct lacks.
	KindExec Kind = iota
	// KindSyntax is a template that does not parse, or whose actions do not
	// fit the document's structure: reported by Parse.
	KindSyntax
	// KindMissingKey is a key the data lacks ("map has no entry for key"),
	// which AllowMissing would print as nothing.
	KindMissingKey
	// KindLimit is a limit exceeded: a rendered part or document over
	// [Limits] ([ErrOutputTooLarge]), a list over Limits.MaxItems
	// ([ErrTooManyItems]), templated parts together over
	// Limits.MaxPartSize ([*LimitError]), or one of parsing's fixed
	// bounds ([*CountError]).
	KindLimit
)

func (k Kind) String() string {
	switch k {
	case KindSyntax:
		return "syntax"
	case KindMissingKey:
		return "missing key"
	case KindLimit:
		return "limit"
	}
	return "execution"
}

// Error is a problem located in a template: the part, the paragraph
// (1-based, counting every w:p of the part in document order, table cells
// included; for docProps parts, the text element), a snippet of the
// paragraph's visible text, and the action concerned. Err is the cause; for
// execution errors it is text/template's error, so errors.As finds a
// template.ExecError and errors.Is the error a function returned.
type Error struct {
	Part      string // e.g. "word/document.xml"
	Paragraph int    // 0 when the error is about the part as a whole
	Snippet   string // visible text of the paragraph, shortened
	Action    string // the action as typed, e.g. "{{.Company.Nme}}"
	Kind      Kind   // what went wrong, for programs
	Err       error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Part)
	if e.Paragraph > 0 {
		fmt.Fprintf(&b, ": paragraph %d", e.Paragraph)
		if e.Snippet != "" {
			fmt.Fprintf(&b, " « %s »", e.Snippet)
		}
	}
	if e.Action != "" && !strings.Contains(e.Snippet, e.Action) {
		fmt.Fprintf(&b, ": %s", e.Action)
	}
	b.WriteString(": ")
	b.WriteString(cleanExecMessage(e.Err.Error()))
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// What a [CountError] counts.
const (
	CountElements         = "elements"          // XML elements of one part
	CountTemplateElements = "template elements" // XML elements of the templated parts together
	CountActions          = "actions"           // actions of one part
)

// CountError is the cause of a [KindLimit] error for a count over one of
// parsing's fixed bounds, which keep its memory in proportion to the
// template: 1,048,576 XML elements in one part, 2,097,152 in the templated
// parts together, 100,000 actions in one part. Find it with errors.As.
type CountError struct {
	Count  string // CountElements, CountTemplateElements or CountActions
	Max    int    // the bound
	Offset int    // byte of the part where the count went over; -1 if not known
}

func (e *CountError) Error() string {
	var s string
	switch e.Count {
	case CountTemplateElements:
		s = fmt.Sprintf("more than %d elements in the templated parts together", e.Max)
	case CountActions:
		s = fmt.Sprintf("more than %d actions in one part", e.Max)
	default:
		s = fmt.Sprintf("more than %d %s", e.Max, e.Count)
	}
	if e.Offset >= 0 {
		s += fmt.Sprintf(" (at byte %d)", e.Offset)
	}
	return s
}

// lazyRegexp returns a function giving the regular expression src,
// compiled on first use: the package's expressions (several with Unicode
// classes) cost a few milliseconds of every command's start when compiled
// at init, and most runs need few of them or none.
func lazyRegexp(src string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
}

// execPrefix matches text/template's location prefix, which names the
// compiled source rather than the document.
var execPrefix = lazyRegexp(`^template: [^\n]*?:\d+:\d+: executing "[^"]*" at <[^\n]*?>: `)

var parsePrefix = lazyRegexp(`^template: [^\n]*?:\d+: `)

// callPrefix matches "error calling f: f: ", where a function's own error
// already names it.
var callPrefix = lazyRegexp(`error calling (\w+): (\w+): `)

func cleanExecMessage(msg string) string {
	msg = nullMessage(msg)
	msg = execPrefix().ReplaceAllString(msg, "")
	msg = parsePrefix().ReplaceAllString(msg, "")
	msg = strings.ReplaceAll(msg, "error calling "+escIdent+": ", "")
	msg = strings.ReplaceAll(msg, "error calling "+tickIdent+": ", "")
	// index's missing key reads as a field's.
	msg = strings.ReplaceAll(msg, "error calling index: map has no entry", "map has no entry")
	msg = callPrefix().ReplaceAllStringFunc(msg, func(m string) string {
		sub := callPrefix().FindStringSubmatch(m)
		if sub[1] == sub[2] {
			return sub[2] + ": "
		}
		return m
	})
	return msg
}

// Errors is a list of errors, reported together: every syntax error of a
// template, or the execution error of each part.
type Errors []*Error

func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d errors:", len(es))
	for _, e := range es {
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// line returns the offsets in src where line n (1-based) starts and ends
// (after its newline), or ok false. It scans src: only an error asks, and
// a table of line starts took 8 bytes per newline of every part.
func line(src string, n int) (from, to int, ok bool) {
	for ; n > 1; n-- {
		i := strings.IndexByte(src[from:], '\n')
		if i < 0 {
			return 0, 0, false
		}
		from += i + 1
	}
	if n < 1 {
		return 0, 0, false
	}
	to = len(src)
	if i := strings.IndexByte(src[from:], '\n'); i >= 0 {
		to = from + i + 1
	}
	return from, to, true
}

// actionAt returns the action whose compiled source holds offset off.
func (tp *tpart) actionAt(off int) *action {
	i := sort.Search(len(tp.acts), func(i int) bool { return tp.acts[i].srcOff > off })
	if i == 0 {
		return nil
	}
	a := tp.acts[i-1]
	if off >= a.srcEnd {
		return nil
	}
	return a
}

var (
	execLoc  = lazyRegexp(`^template: .*?:(\d+):(\d+): `)
	parseLoc = lazyRegexp(`^template: .*?:(\d+): `)
)

// locate maps a text/template error to the paragraph and action it is
// about.
func (tp *tpart) locate(err error, loc *regexp.Regexp) *Error {
	e := &Error{Part: tp.name, Kind: KindSyntax, Err: err}
	if loc == execLoc() {
		e.Kind = execKind(err)
	}
	m := loc.FindStringSubmatch(err.Error())
	if m == nil {
		return e
	}
	n, _ := strconv.Atoi(m[1])
	col := 0
	if len(m) > 2 {
		col, _ = strconv.Atoi(m[2])
	}
	from, to, ok := line(tp.src, n)
	if !ok {
		return e
	}
	var a *action
	if len(m) > 2 {
		a = tp.actionAt(from + col)
	} else {
		a = tp.actionOnLine(from, to, err.Error())
	}
	if a != nil && a.internal {
		a = nil
	}
	if a != nil {
		e.Paragraph = a.u.n
		e.Snippet = a.snippet()
		e.Action = a.src
	}
	return e
}

var quoted = lazyRegexp(`"([^"]+)"`)

// actionOnLine guesses which action of a source line (from offset from to
// to) a parse error (which has no column) is about: the first naming what
// the message quotes (e.g. undefined variable "$x"), else the first on the
// line.
func (tp *tpart) actionOnLine(from, to int, msg string) *action {
	var first *action
	q := quoted().FindStringSubmatch(msg)
	for _, a := range tp.acts {
		if a.internal || a.srcOff < from || a.srcOff >= to {
			continue
		}
		if q != nil && strings.Contains(a.src, q[1]) && !declares(a.src, q[1]) {
			return a
		}
		if first == nil {
			first = a
		}
	}
	return first
}

// declares reports whether src declares variable v.
func declares(src, v string) bool {
	for _, m := range varDeclRE().FindAllStringSubmatch(src, -1) {
		if m[1] == v || m[2] == v {
			return true
		}
	}
	return false
}

// missingKeyMessage starts the missing-key errors of text/template and of the
// index function, whose message is all that tells them apart.
const missingKeyMessage = "map has no entry for key "

// nilField matches text/template's error for a field read on a nil
// interface, which is how a JSON null ({"client": null}) meets
// {{.client.nom}}: the action's node, then the field.
var nilField = lazyRegexp(`executing "[^"]*" at <([^>\n]*)>: (nil pointer evaluating interface \{\}\.(\w+)|nil data; no entry for key "(\w+)")`)

// nullMessage rewrites text/template's nil-pointer error about a null value
// into one that names the null key: `.client is null in the data: it has
// no key "nom"`.
func nullMessage(msg string) string {
	m := nilField().FindStringSubmatchIndex(msg)
	if m == nil {
		return msg
	}
	node, field := msg[m[2]:m[3]], ""
	if m[6] >= 0 {
		field = msg[m[6]:m[7]]
	} else {
		field = msg[m[8]:m[9]]
	}
	idents := strings.Split(node, ".")
	var at []int
	for i, id := range idents {
		if id == field {
			at = append(at, i)
		}
	}
	var text string
	switch len(at) {
	case 0:
		return msg
	case 1:
		// The field read on the null follows the null value's path.
		what := strings.Join(idents[:at[0]], ".")
		if what == "" {
			what = "the value"
		}
		text = fmt.Sprintf("%s is null in the data: it has no key %q", what, field)
	default:
		// .a.nom.nom: only the data tells which is null.
		text = fmt.Sprintf("a null value on the way of %s has no key %q", node, field)
	}
	return msg[:m[4]] + text + msg[m[5]:]
}

// execKind classifies an error of text/template's Execute.
func execKind(err error) Kind {
	switch {
	case errors.Is(err, ErrOutputTooLarge), errors.Is(err, ErrTooManyItems):
		return KindLimit
	case strings.Contains(err.Error(), missingKeyMessage), nilField().MatchString(err.Error()):
		// text/template reports a missing key with this message only (an
		// ExecError without a cause to test); index does the same.
		return KindMissingKey
	}
	return KindExec
}
