package render

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"text/template"
	"time"
	"unsafe"

	"github.com/esante/labelkit/internal/tmplval"
)

// checkboxValue is what the checkbox function returns; the escaper renders
// it as a Word checkbox content control.
type checkboxValue struct {
	checked    bool
	tag, title string
}

// checkbox renders a Word checkbox content control, ticked (☒) when v is
// true in the template sense (non-zero), else unticked (☐). An optional tag
// (w:tag) and title (w:alias) let a program find the box again in the
// document. Outside the text of a paragraph (in docProps/core.xml) it prints
// the glyph alone.
func checkbox(v any, tagTitle ...string) (checkboxValue, error) {
	ok, _ := template.IsTrue(v)
	cb := checkboxValue{checked: ok}
	switch len(tagTitle) {
	case 0:
	case 1:
		cb.tag = tagTitle[0]
	case 2:
		cb.tag, cb.title = tagTitle[0], tagTitle[1]
	default:
		return cb, fmt.Errorf("checkbox: want a value, then optionally a tag and a title; got %d arguments", 1+len(tagTitle))
	}
	return cb, nil
}

// controlValue is what the control function returns; the escaper renders it
// as a Word content control around the printed value.
type controlValue struct {
	text        string
	tag, title  string
	prompt      string // shown, with w:showingPlcHdr, when text is empty
	promptStyle string // character style of the prompt's run
	multiLine   bool
	items       []string // a drop-down list
	dateFormat  string   // a date picker
	lang        string
	fullDate    string // the date picker's value, "2006-01-02T00:00:00Z"
}

// controlOptions are the keys control accepts, for its error message.
var controlOptions = []string{"date", "fullDate", "items", "lang", "multiLine", "prompt", "promptStyle", "tag", "title"}

// control renders v, printed as an action prints it, inside a Word content
// control described by opts (a sprig dict):
//
//	tag, title     the control's w:tag and w:alias
//	prompt         the placeholder shown (w:showingPlcHdr) when v prints
//	               nothing; without it an empty value gives an empty control
//	promptStyle    the character style of the prompt (e.g. "PlaceholderText")
//	multiLine      true: a plain-text control that allows line breaks
//	items          a list: a drop-down list control offering those values
//	date           a date format ("d MMMM yyyy"): a date-picker control
//	lang           the date picker's language ("fr-FR")
//	fullDate       the date picker's date (a time.Time, "YYYY-MM-DD" or a
//	               value with a Time() method; nil for none)
//
// Without items or date it is a plain-text control. Outside the text of a
// paragraph (docProps) it prints v alone.
func control(v any, opts map[string]any) (controlValue, error) {
	cv, err := newControl(v)
	if err != nil {
		return controlValue{}, err
	}
	keys := controlOptions // sorted: the options are read in name order
	known := 0
	for _, k := range keys {
		if _, ok := opts[k]; ok {
			known++
		}
	}
	if known != len(opts) { // some unknown: found in the same order
		keys = make([]string, 0, len(opts))
		for k := range opts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
	}
	for _, k := range keys {
		o, ok := opts[k]
		if !ok {
			continue
		}
		if err := cv.option(k, o); err != nil {
			return cv, err
		}
	}
	return cv, cv.check()
}

// newControl is control's value for v, before its options.
func newControl(v any) (controlValue, error) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		v = nil // a nil *T prints nothing, even when *T has a String method
	}
	text, err := tmplval.String(v)
	if err != nil {
		return controlValue{}, err
	}
	return controlValue{text: text}, nil
}

// option sets control's option k to o.
func (cv *controlValue) option(k string, o any) error {
	var s string
	var err error
	switch k {
	case "tag", "title", "prompt", "promptStyle", "date", "lang":
		if s, err = tmplval.String(o); err != nil {
			return fmt.Errorf("control: option %s: %w", k, err)
		}
	}
	switch k {
	case "tag":
		cv.tag = s
	case "title":
		cv.title = s
	case "prompt":
		cv.prompt = s
	case "promptStyle":
		cv.promptStyle = s
	case "date":
		cv.dateFormat = s
	case "lang":
		cv.lang = s
	case "multiLine":
		cv.multiLine, _ = template.IsTrue(o)
	case "items":
		rv := reflect.ValueOf(o)
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			return fmt.Errorf("control: option items: want a list, got %T", o)
		}
		for i := 0; i < rv.Len(); i++ {
			item, err := tmplval.String(rv.Index(i).Interface())
			if err != nil {
				return fmt.Errorf("control: option items: %w", err)
			}
			cv.items = append(cv.items, item)
		}
	case "fullDate":
		t, ok, err := toTime("control: option fullDate", o)
		if err != nil {
			return err
		}
		if ok {
			cv.fullDate = t.Format("2006-01-02") + "T00:00:00Z"
		}
	default:
		return fmt.Errorf("control: unknown option %q (known: %s)", k, strings.Join(controlOptions, ", "))
	}
	return nil
}

// check reports options that exclude each other.
func (cv *controlValue) check() error {
	if cv.items != nil && cv.dateFormat != "" {
		return fmt.Errorf("control: options items and date exclude each other")
	}
	return nil
}

// ctlOpt is an option given to control by a dict of the template: its
// name and its value's index among the call's arguments.
type ctlOpt struct {
	key string
	arg int
}

// controlArgs is control(v, dict ...) for a dict whose keys are the
// distinct known options of opts, sorted, and whose values are args.
func controlArgs(v any, opts []ctlOpt, args []value) (controlValue, error) {
	cv, err := newControl(v)
	if err != nil {
		return controlValue{}, err
	}
	for _, o := range opts {
		if err := cv.option(o.key, args[o.arg].v); err != nil {
			return cv, err
		}
	}
	return cv, cv.check()
}

// checkboxXML is the checkbox content control for x, closing the current
// run before it and reopening it after.
func (c *escCtx) checkboxXML(x checkboxValue) string {
	b := c.appendCheckbox(make([]byte, 0, c.checkboxLen(x)), x)
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}

// checkboxLen is about the length of what appendCheckbox appends.
func (c *escCtx) checkboxLen(x checkboxValue) int {
	return len(c.sdtOpen) + c.namesLen(x.tag, x.title) + len(c.cbTail[0])
}

// appendCheckbox appends checkboxXML(x) to b.
func (c *escCtx) appendCheckbox(b []byte, x checkboxValue) []byte {
	tail := c.cbTail[0]
	if x.checked {
		tail = c.cbTail[1]
	}
	b = append(b, c.sdtOpen...)
	b = c.appendNames(b, x.tag, x.title)
	return append(b, tail...)
}

// namesLen is about the length of what appendNames appends.
func (c *escCtx) namesLen(tag, title string) int {
	return len(c.aliasOpen) + len(title) + len(c.tagOpen) + len(tag) + 6
}

// appendNames appends w:alias and w:tag, when given.
func (c *escCtx) appendNames(b []byte, tag, title string) []byte {
	if title != "" {
		b = append(b, c.aliasOpen...)
		b = appendEscapeAttr(b, title)
		b = append(b, `"/>`...)
	}
	if tag != "" {
		b = append(b, c.tagOpen...)
		b = appendEscapeAttr(b, tag)
		b = append(b, `"/>`...)
	}
	return b
}

// controlXML is the content control for x, closing the current run before
// it and reopening it after, within the output budget of st.
func (c *escCtx) controlXML(x *controlValue, st *execState) (string, error) {
	b, err := c.appendControl(nil, x, st)
	if err != nil {
		return "", err
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil // b is not used again
}

// appendControl appends controlXML(x, st) to b.
func (c *escCtx) appendControl(b []byte, x *controlValue, st *execState) ([]byte, error) {
	wp := c.wp
	attr := func(b []byte, name, val string) []byte {
		b = append(b, ' ')
		b = append(b, wp...)
		b = append(b, ':')
		b = append(b, name...)
		b = append(b, `="`...)
		b = appendEscapeAttr(b, val)
		return append(b, '"')
	}
	// elem appends "<" or "</" (open false), the prefix and name.
	elem := func(b []byte, open bool, name string) []byte {
		if open {
			b = append(b, '<')
		} else {
			b = append(b, "</"...)
		}
		b = append(b, wp...)
		b = append(b, ':')
		return append(b, name...)
	}
	placeholder := x.text == "" && x.prompt != ""
	text := x.text
	if placeholder {
		text = x.prompt
	}
	b = slices.Grow(b, len(c.sdtOpen)+len(c.rPr)+c.namesLen(x.tag, x.title)+64+len(c.ctlRun)+len(c.ctlText)+len(text)+len(c.ctlClose))
	b = append(b, c.sdtOpen...)
	b = append(b, c.rPr...) // what Word gives the text typed in the control
	b = c.appendNames(b, x.tag, x.title)
	if placeholder {
		b = append(elem(b, true, "showingPlcHdr"), "/>"...)
	}
	switch {
	case x.items != nil:
		b = append(elem(b, true, "dropDownList"), '>')
		for _, it := range x.items {
			b = elem(b, true, "listItem")
			b = attr(b, "displayText", it)
			b = attr(b, "value", it)
			b = append(b, "/>"...)
		}
		b = append(elem(b, false, "dropDownList"), '>')
	case x.dateFormat != "":
		b = elem(b, true, "date")
		if x.fullDate != "" {
			b = attr(b, "fullDate", x.fullDate)
		}
		b = elem(append(b, '>'), true, "dateFormat")
		b = attr(b, "val", x.dateFormat)
		b = append(b, "/>"...)
		if x.lang != "" {
			b = elem(b, true, "lid")
			b = attr(b, "val", x.lang)
			b = append(b, "/>"...)
		}
		b = elem(b, true, "storeMappedDataAs")
		b = attr(b, "val", "dateTime")
		b = elem(append(b, "/>"...), true, "calendar")
		b = attr(b, "val", "gregorian")
		b = append(elem(append(b, "/>"...), false, "date"), '>')
	case x.multiLine:
		b = elem(b, true, "text")
		b = attr(b, "multiLine", "1")
		b = append(b, "/>"...)
	default:
		b = append(elem(b, true, "text"), "/>"...)
	}
	b = append(b, c.ctlRun...)
	if placeholder {
		b = appendWithRStyle(b, wp, c.rPr, x.promptStyle)
		b = append(elem(b, true, "t"), ` xml:space="preserve">`...)
	} else {
		b = append(b, c.ctlText...)
	}
	b, err := appendEscapeText(b, text, c, st)
	if err != nil {
		return b, err
	}
	return append(b, c.ctlClose...), nil
}

// withRStyle returns the run properties rPr with the character style style
// (replacing the run's own), or rPr when style is "".
func withRStyle(wp, rPr, style string) string {
	if style == "" {
		return rPr
	}
	return string(appendWithRStyle(nil, wp, rPr, style))
}

// appendWithRStyle appends withRStyle(wp, rPr, style) to b, without
// making the string.
func appendWithRStyle(b []byte, wp, rPr, style string) []byte {
	if style == "" {
		return append(b, rPr...)
	}
	rs := func(b []byte) []byte {
		b = append(append(append(append(append(b, '<'), wp...), ":rStyle "...), wp...), `:val="`...)
		return append(appendEscapeAttr(b, style), `"/>`...)
	}
	open := strings.IndexByte(rPr, '>') + 1
	if rPr == "" || strings.HasSuffix(rPr[:open], "/>") { // none, or <w:rPr/>
		b = rs(append(append(append(b, '<'), wp...), ":rPr>"...))
		return append(append(append(b, "</"...), wp...), ":rPr>"...)
	}
	inner := rPr[open:]
	if strings.HasPrefix(inner, "<") && strings.HasPrefix(inner[1:], wp) && strings.HasPrefix(inner[1+len(wp):], ":rStyle ") {
		inner = inner[strings.Index(inner, "/>")+2:]
	}
	return append(rs(append(b, rPr[:open]...)), inner...)
}

// toTime reads the date values control's fullDate accepts. ok is
// false for what prints no date: nil, nil pointers, "", the zero time.
func toTime(fn string, v any) (t time.Time, ok bool, err error) {
	if rv := reflect.ValueOf(v); !rv.IsValid() || (rv.Kind() == reflect.Pointer && rv.IsNil()) {
		return t, false, nil
	}
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		t = *x
	case string:
		if x == "" {
			return t, false, nil
		}
		if t, err = time.Parse(time.DateOnly, x); err != nil {
			// JSON data often holds RFC 3339 date-times: their own
			// calendar date, whatever the offset.
			if t, err = time.Parse(time.RFC3339, x); err != nil {
				return t, false, fmt.Errorf("%s: %q is not a YYYY-MM-DD date (or an RFC 3339 date-time)", fn, x)
			}
		}
	case interface{ Time() time.Time }:
		t = x.Time()
	default:
		return t, false, fmt.Errorf("%s: cannot format a %T as a date", fn, v)
	}
	return t, !t.IsZero(), nil
}
