package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// actionKind classifies an action by what it does to the output.
type actionKind int

const (
	kindPrint   actionKind = iota // prints a value: {{.x}}, {{checkbox .b}}
	kindOpen                      // if, range, with
	kindElse                      // else, else if, else with
	kindEnd                       // end
	kindSilent                    // prints nothing: comments, $x := ...
	kindRefused                   // define, block, template, break, continue
)

// action is one {{ … }} found in the visible text of a paragraph.
type action struct {
	u          *unit
	start, end int    // byte range in u.text, delimiters included
	src        string // as typed, curly quotes straightened, delimiters included
	kind       actionKind
	keyword    string // if, range, with, else, end, break, continue, define, block, template, or ""
	open       *action
	closing    *action // for an opener: its {{end}}
	elses      []*action
	place      placement
	ctx        int // escaper context (index into part.ctxs), for kindPrint
	internal   bool
	srcOff     int    // offset in the compiled source
	code       string // what the compiled source holds, when not src's body
	srcEnd     int
	snip       string // the snippet, once u's text is forgotten (forgetTree)
}

// snippet returns the text of a's paragraph, shortened around a.
func (a *action) snippet() string {
	if a.u.text == "" {
		return a.snip
	}
	return snippet(a.u.text, a)
}

// body returns the action's text without delimiters and trim markers,
// trimmed.
func (a *action) body() string { return actionBody(a.src) }

func actionBody(src string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(src, "{{"), "}}")
	if len(s) >= 2 && s[0] == '-' && isSpace(s[1]) {
		s = s[2:]
	}
	if n := len(s); n >= 2 && s[n-1] == '-' && isSpace(s[n-2]) {
		s = s[:n-2]
	}
	return strings.TrimSpace(s)
}

// declaresVar reports whether the action body b starts with a variable
// declaration or assignment: $x := …, $x = …, $i, $e := … (what the
// expression ^\$[\p{L}\p{Nd}_]*\s*(,\s*\$[\p{L}\p{Nd}_]*\s*)?(:=|=[^=])
// matches; compiling it was a noticeable part of parsing a template).
func declaresVar(b string) bool {
	i, ok := varName(b, 0)
	if !ok {
		return false
	}
	i = skipSpaces(b, i)
	if i < len(b) && b[i] == ',' {
		if i, ok = varName(b, skipSpaces(b, i+1)); !ok {
			return false
		}
		i = skipSpaces(b, i)
	}
	if strings.HasPrefix(b[i:], ":=") {
		return true
	}
	return i+1 < len(b) && b[i] == '=' && b[i+1] != '='
}

// varName returns the end of the variable name ($, then letters, digits
// and underscores) at b[i:].
func varName(b string, i int) (int, bool) {
	if i >= len(b) || b[i] != '$' {
		return i, false
	}
	i++
	for i < len(b) {
		r, size := utf8.DecodeRuneInString(b[i:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.Is(unicode.Nd, r) {
			break
		}
		i += size
	}
	return i, true
}

// skipSpaces skips the white space of regexp's \s (\t, \n, \f, \r, space).
func skipSpaces(b string, i int) int {
	for i < len(b) && strings.IndexByte("\t\n\f\r ", b[i]) >= 0 {
		i++
	}
	return i
}

// classify sets kind and keyword from the action's text.
func (a *action) classify() {
	b := a.body()
	if strings.HasPrefix(b, "/*") {
		a.kind = kindSilent
		return
	}
	word := b
	if i := strings.IndexFunc(b, func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	}); i >= 0 {
		word = b[:i]
	}
	switch word {
	case "if", "range", "with":
		a.kind, a.keyword = kindOpen, word
	case "else":
		a.kind, a.keyword = kindElse, word
	case "end":
		a.kind, a.keyword = kindEnd, word
	case "define", "block", "template", "break", "continue":
		a.kind, a.keyword = kindRefused, word
	default:
		if b == "revision" || strings.HasPrefix(b, "revision ") {
			// sets the author and date of tracked changes, prints nothing:
			// a paragraph holding only it disappears, like one holding
			// $x := ... (unless Funcs replaced it: see compile)
			a.kind, a.keyword = kindSilent, "revision"
			return
		}
		if declaresVar(b) {
			a.kind = kindSilent
		} else {
			a.kind = kindPrint
		}
	}
}

// frSpace returns the length of the no-break space (U+00A0, U+202F) or thin
// space (U+2009) that s starts with, or 0.
func frSpace(s string) int {
	for _, sp := range []string{"\u00a0", "\u202f", "\u2009"} {
		if strings.HasPrefix(s, sp) {
			return len(sp)
		}
	}
	return 0
}

// guillemetSpace is frSpace, or 1 for an ordinary space: the space that
// goes inside « ».
func guillemetSpace(s string) int {
	if strings.HasPrefix(s, " ") {
		return 1
	}
	return frSpace(s)
}

// scanAction finds the end of the action starting at text[i:] ("{{"). It
// honours Go template string, raw string and character literals, comments,
// and what Word's AutoCorrect types instead of straight quotes and spaces:
// curly quotes (“ ” ‘ ’), French guillemets (« » with their no-break
// spaces, read as "), and no-break or thin spaces (read as spaces outside
// string literals). It
// returns the offset just after "}}" and the action's source with curly
// quotes straightened, or ok == false if the paragraph ends first.
func scanAction(text string, i int) (end int, src string, ok bool) {
	var b strings.Builder
	b.WriteString("{{")
	j := i + 2
	const (
		code = iota
		dq   // "..."
		raw  // `...`
		sq   // '...'
		cmt  // /* ... */
	)
	state := code
	for j < len(text) {
		c := text[j]
		switch state {
		case code:
			switch {
			case strings.HasPrefix(text[j:], "}}"):
				b.WriteString("}}")
				return j + 2, b.String(), true
			case strings.HasPrefix(text[j:], "/*"):
				state = cmt
				b.WriteString("/*")
				j += 2
				continue
			case c == '"':
				state = dq
			case c == '`':
				state = raw
			case c == '\'':
				state = sq
			case strings.HasPrefix(text[j:], "“"), strings.HasPrefix(text[j:], "”"):
				state = dq
				b.WriteByte('"')
				j += len("“")
				continue
			case strings.HasPrefix(text[j:], "‘"), strings.HasPrefix(text[j:], "’"):
				state = sq
				b.WriteByte('\'')
				j += len("‘")
				continue
			case strings.HasPrefix(text[j:], "«"):
				// French AutoCorrect: « text » for "text", with no-break spaces.
				state = dq
				b.WriteByte('"')
				j += len("«")
				j += guillemetSpace(text[j:])
				continue
			case frSpace(text[j:]) > 0:
				b.WriteByte(' ') // French AutoCorrect puts no-break spaces before : ! ? ;
				j += frSpace(text[j:])
				continue
			}
		case dq:
			if n := guillemetSpace(text[j:]); n > 0 && strings.HasPrefix(text[j+n:], "»") {
				state = code
				b.WriteByte('"')
				j += n + len("»")
				continue
			}
			if strings.HasPrefix(text[j:], "»") {
				state = code
				b.WriteByte('"')
				j += len("»")
				continue
			}
			switch {
			case c == '\\' && j+1 < len(text):
				b.WriteByte(c)
				b.WriteByte(text[j+1])
				j += 2
				continue
			case c == '"':
				state = code
			case strings.HasPrefix(text[j:], "“"), strings.HasPrefix(text[j:], "”"):
				state = code
				b.WriteByte('"')
				j += len("“")
				continue
			}
		case sq:
			switch {
			case c == '\\' && j+1 < len(text):
				b.WriteByte(c)
				b.WriteByte(text[j+1])
				j += 2
				continue
			case c == '\'':
				state = code
			case strings.HasPrefix(text[j:], "‘"), strings.HasPrefix(text[j:], "’"):
				state = code
				b.WriteByte('\'')
				j += len("‘")
				continue
			}
		case raw:
			if c == '`' {
				state = code
			}
		case cmt:
			if strings.HasPrefix(text[j:], "*/") {
				state = code
				b.WriteString("*/")
				j += 2
				continue
			}
		}
		b.WriteByte(c)
		j++
	}
	return len(text), b.String(), false
}
