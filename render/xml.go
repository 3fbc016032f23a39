package render

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// elem is one XML element of a part, located by byte offsets into the part's
// original bytes. The tree is built once at parse time; the bytes are never
// re-encoded, only spliced.
type elem struct {
	name       string // qualified name as written, e.g. "w:p"
	start      int    // offset of '<'
	tagEnd     int    // offset just after the start tag's '>'
	closeStart int    // offset of "</" (== tagEnd for an empty element)
	end        int    // offset just after the end tag's '>'
	empty      bool   // written <x/>
	parent     *elem
	children   []*elem
	hasMarkup  bool // content holds comments, CDATA or processing instructions
}

// xattr is one attribute: name as written and the raw (still escaped) value
// range, quotes excluded.
type xattr struct {
	name       string
	valStart   int
	valEnd     int
	start, end int // the whole attribute, for removal
}

// attrs parses the element's attributes again from its start tag (they are
// not kept: few elements need them).
func (e *elem) attrs(data []byte) []xattr {
	_, _, attrs, _ := parseStartTag(data, e.start, nil, nil)
	return attrs
}

func (e *elem) attr(data []byte, name string) (string, bool) {
	for _, a := range e.attrs(data) {
		if a.name == name {
			return string(data[a.valStart:a.valEnd]), true
		}
	}
	return "", false
}

// nsPrefix returns the prefix the element's start tag declares for the
// namespace ns (the last one, as a later declaration wins), or "".
func (e *elem) nsPrefix(data []byte, ns string) string {
	prefix := ""
	for _, a := range e.attrs(data) {
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok && string(data[a.valStart:a.valEnd]) == ns {
			prefix = p
		}
	}
	return prefix
}

// xmlError is a well-formedness error at a byte offset of a part.
type xmlError struct {
	off int
	msg string
}

func (e *xmlError) Error() string {
	return fmt.Sprintf("malformed XML at byte %d: %s", e.off, e.msg)
}

// Bounds for hostile templates: element nesting, elements per part (about
// 100 bytes of memory each while the part is compiled; a 500-page Word
// document has a few hundred thousand), and elements of all the templated
// parts together (parse time). Variables for tests.
const maxDepth = 512

var (
	maxElements         = 1 << 20
	maxTemplateElements = 2 << 20
)

// parseXML tokenizes data and returns its document element. It checks
// well-formedness as far as this package relies on it: tags balance,
// attributes are quoted, no DOCTYPE, text holds only valid UTF-8 XML
// characters and known entities.
func parseXML(data []byte) (*elem, error) {
	root, _, err := parseXMLMax(data, maxElements)
	return root, err
}

// parseXMLMax is parseXML refusing more than max elements (a *xmlError
// a *CountError); it returns the number of elements.
func parseXMLMax(data []byte, max int) (*elem, int, error) {
	var (
		root    *elem
		stack   []*elem
		i       int
		count   int
		names   = map[string]string{}
		scratch []xattr
	)
	fail := func(off int, format string, args ...any) (*elem, int, error) {
		return nil, count, &xmlError{off: off, msg: fmt.Sprintf(format, args...)}
	}
	n := len(data)
	// A UTF-8 BOM may open the part.
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	for i < n {
		if data[i] != '<' {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				j = n - i
			}
			if len(stack) == 0 {
				if len(bytes.TrimSpace(data[i:i+j])) != 0 {
					return fail(i, "text outside the document element")
				}
			} else if err := checkText(data, i, i+j); err != nil {
				return nil, count, err
			}
			i += j
			continue
		}
		switch {
		case bytes.HasPrefix(data[i:], []byte("<?")):
			j := bytes.Index(data[i:], []byte("?>"))
			if j < 0 {
				return fail(i, "unterminated processing instruction")
			}
			if len(stack) > 0 {
				stack[len(stack)-1].hasMarkup = true
			}
			i += j + 2
		case bytes.HasPrefix(data[i:], []byte("<!--")):
			j := bytes.Index(data[i+4:], []byte("-->"))
			if j < 0 {
				return fail(i, "unterminated comment")
			}
			if len(stack) > 0 {
				stack[len(stack)-1].hasMarkup = true
			}
			i += 4 + j + 3
		case bytes.HasPrefix(data[i:], []byte("<![CDATA[")):
			if len(stack) == 0 {
				return fail(i, "CDATA outside the document element")
			}
			j := bytes.Index(data[i:], []byte("]]>"))
			if j < 0 {
				return fail(i, "unterminated CDATA section")
			}
			stack[len(stack)-1].hasMarkup = true
			i += j + 3
		case bytes.HasPrefix(data[i:], []byte("<!")):
			return fail(i, "DOCTYPE or other markup declaration refused")
		case i+1 < n && data[i+1] == '/':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return fail(i, "unterminated end tag")
			}
			name := string(bytes.TrimRight(data[i+2:i+j], " \t\r\n"))
			if len(stack) == 0 {
				return fail(i, "end tag </%s> without start tag", name)
			}
			top := stack[len(stack)-1]
			if top.name != name {
				return fail(i, "end tag </%s> does not match <%s>", name, top.name)
			}
			top.closeStart = i
			top.end = i + j + 1
			stack = stack[:len(stack)-1]
			i += j + 1
		default:
			e, next, attrs, err := parseStartTag(data, i, names, scratch[:0])
			if err != nil {
				return nil, count, err
			}
			scratch = attrs
			if count++; count > max {
				return nil, count, &CountError{Count: CountElements, Max: max, Offset: i}
			}
			if len(stack) == 0 {
				if root != nil {
					return fail(i, "second document element <%s>", e.name)
				}
				root = e
			} else {
				e.parent = stack[len(stack)-1]
				e.parent.children = append(e.parent.children, e)
			}
			i = next
			if !e.empty {
				if len(stack) >= maxDepth {
					return fail(e.start, "elements nested deeper than %d", maxDepth)
				}
				stack = append(stack, e)
			}
		}
	}
	if len(stack) > 0 {
		return fail(n, "element <%s> not closed", stack[len(stack)-1].name)
	}
	if root == nil {
		return fail(0, "no document element")
	}
	return root, count, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isNameStart(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ':' || c == '_'
}

func isNameByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == ':' || c == '_' || c == '-' || c == '.'
}

// manyAttrs is the count of attributes past which parseStartTag finds
// duplicates with a set rather than comparing names pair by pair.
const manyAttrs = 16

// parseStartTag parses the start tag at data[i] == '<'. Element names are
// interned in names (if not nil); attributes are appended to attrs.
func parseStartTag(data []byte, i int, names map[string]string, attrs []xattr) (*elem, int, []xattr, error) {
	n := len(data)
	j := i + 1
	for j < n && isNameByte(data[j]) {
		j++
	}
	if j == i+1 || !isNameStart(data[i+1]) {
		return nil, 0, nil, &xmlError{off: i, msg: "invalid tag"}
	}
	name, ok := names[string(data[i+1:j])]
	if !ok {
		name = string(data[i+1 : j])
		if names != nil {
			names[name] = name
		}
	}
	e := &elem{name: name, start: i}
	first := len(attrs)
	var seen map[string]struct{} // the names of attrs[first:], past manyAttrs
	for {
		k := j
		for j < n && isSpace(data[j]) {
			j++
		}
		if j >= n {
			return nil, 0, nil, &xmlError{off: i, msg: "unterminated start tag"}
		}
		if data[j] == '>' {
			e.tagEnd = j + 1
			return e, j + 1, attrs, nil
		}
		if data[j] == '/' {
			if j+1 < n && data[j+1] == '>' {
				e.empty = true
				e.tagEnd = j + 2
				e.closeStart = e.tagEnd
				e.end = e.tagEnd
				return e, j + 2, attrs, nil
			}
			return nil, 0, nil, &xmlError{off: j, msg: "invalid start tag"}
		}
		if j == k {
			return nil, 0, nil, &xmlError{off: j, msg: "missing space between attributes"}
		}
		as := j
		for j < n && isNameByte(data[j]) {
			j++
		}
		if j == as || !isNameStart(data[as]) {
			return nil, 0, nil, &xmlError{off: as, msg: "invalid attribute"}
		}
		a := xattr{name: string(data[as:j]), start: as}
		for j < n && isSpace(data[j]) {
			j++
		}
		if j >= n || data[j] != '=' {
			return nil, 0, nil, &xmlError{off: j, msg: "attribute without value"}
		}
		j++
		for j < n && isSpace(data[j]) {
			j++
		}
		if j >= n || (data[j] != '"' && data[j] != '\'') {
			return nil, 0, nil, &xmlError{off: j, msg: "unquoted attribute value"}
		}
		q := data[j]
		end := bytes.IndexByte(data[j+1:], q)
		if end < 0 {
			return nil, 0, nil, &xmlError{off: j, msg: "unterminated attribute value"}
		}
		a.valStart, a.valEnd = j+1, j+1+end
		if bytes.IndexByte(data[a.valStart:a.valEnd], '<') >= 0 {
			return nil, 0, nil, &xmlError{off: j, msg: "'<' in attribute value"}
		}
		j = a.valEnd + 1
		a.end = j
		dup := false
		if seen != nil {
			_, dup = seen[a.name]
			seen[a.name] = struct{}{}
		} else {
			for _, b := range attrs[first:] {
				dup = dup || b.name == a.name
			}
			if len(attrs)-first == manyAttrs {
				// Past a few, a set: an element of 100,000 attributes
				// took seconds compared pair by pair.
				seen = make(map[string]struct{}, 2*manyAttrs)
				for _, b := range attrs[first:] {
					seen[b.name] = struct{}{}
				}
				seen[a.name] = struct{}{}
			}
		}
		if dup {
			return nil, 0, nil, &xmlError{off: as, msg: "duplicate attribute " + a.name}
		}
		attrs = append(attrs, a)
	}
}

// checkText checks character data between tags: valid UTF-8, XML 1.0
// characters, well-formed references.
func checkText(data []byte, from, to int) error {
	for i := from; i < to; {
		c := data[i]
		if c == '&' {
			_, size, ok := decodeEntity(data[i:to])
			if !ok {
				return &xmlError{off: i, msg: "invalid or unknown entity reference"}
			}
			i += size
			continue
		}
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return &xmlError{off: i, msg: fmt.Sprintf("character U+%04X not allowed in XML", c)}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:to])
		if r == utf8.RuneError && size <= 1 {
			return &xmlError{off: i, msg: "invalid UTF-8"}
		}
		if !legalXMLRune(r) {
			return &xmlError{off: i, msg: fmt.Sprintf("character U+%04X not allowed in XML", r)}
		}
		i += size
	}
	return nil
}

// legalXMLRune reports whether r is a Char of XML 1.0.
func legalXMLRune(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// decodeEntity decodes the reference at the start of b ("&amp;", "&#233;").
func decodeEntity(b []byte) (r rune, size int, ok bool) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 12 {
		return 0, 0, false
	}
	name := b[1:end]
	switch string(name) {
	case "amp":
		return '&', end + 1, true
	case "lt":
		return '<', end + 1, true
	case "gt":
		return '>', end + 1, true
	case "quot":
		return '"', end + 1, true
	case "apos":
		return '\'', end + 1, true
	}
	if name[0] != '#' {
		return 0, 0, false
	}
	base, digits := 10, name[1:]
	if len(digits) > 0 && digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return 0, 0, false
	}
	var v rune
	for _, d := range digits {
		var x rune
		switch {
		case d >= '0' && d <= '9':
			x = rune(d - '0')
		case base == 16 && d >= 'a' && d <= 'f':
			x = rune(d-'a') + 10
		case base == 16 && d >= 'A' && d <= 'F':
			x = rune(d-'A') + 10
		default:
			return 0, 0, false
		}
		v = v*rune(base) + x
		if v > 0x10FFFF {
			return 0, 0, false
		}
	}
	if !legalXMLRune(v) {
		return 0, 0, false
	}
	return v, end + 1, true
}

// decodeText unescapes the character data data[from:to] (no markup inside).
// offs[i] is the source offset of decoded byte i, offs[len(text)] == to;
// offs is nil when the data holds no reference (offset i is then from+i).
func decodeText(data []byte, from, to int) (text []byte, offs []int) {
	raw := data[from:to]
	if bytes.IndexByte(raw, '&') < 0 {
		return raw, nil
	}
	text = make([]byte, 0, to-from)
	offs = make([]int, 0, to-from+1)
	for i := from; i < to; {
		if data[i] == '&' {
			if r, size, ok := decodeEntity(data[i:to]); ok {
				var buf [4]byte
				k := utf8.EncodeRune(buf[:], r)
				for x := 0; x < k; x++ {
					text = append(text, buf[x])
					offs = append(offs, i)
				}
				i += size
				continue
			}
		}
		text = append(text, data[i])
		offs = append(offs, i)
		i++
	}
	offs = append(offs, to)
	return text, offs
}
