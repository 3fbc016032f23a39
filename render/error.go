package render

import (
	"fmt"
	"regexp"
	"strings"
)

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

// execPrefix matches text/template's location prefix, which names the
// compiled source rather than the document.
var execPrefix = regexp.MustCompile(`^template: [^\n]*?:\d+:\d+: executing "[^"]*" at <[^\n]*?>: `)

var parsePrefix = regexp.MustCompile(`^template: [^\n]*?:\d+: `)

// callPrefix matches "error calling f: f: ", where a function's own error
// already names it.
var callPrefix = regexp.MustCompile(`error calling (\w+): (\w+): `)

func cleanExecMessage(msg string) string {
	msg = execPrefix.ReplaceAllString(msg, "")
	msg = parsePrefix.ReplaceAllString(msg, "")
	msg = strings.ReplaceAll(msg, "error calling "+escIdent+": ", "")
	msg = callPrefix.ReplaceAllStringFunc(msg, func(m string) string {
		sub := callPrefix.FindStringSubmatch(m)
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
