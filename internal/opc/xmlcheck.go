package opc

import (
	"bytes"
	"path"
	"strings"
)

// IsXML reports whether the named part is XML: its name ends with .xml,
// .rels or .vml (VML drawings are XML under a content type that does not
// say so), or its content type ([Package.ContentType]) is XML ("…/xml" or
// "…+xml").
func (p *Package) IsXML(name string) bool {
	return isXMLName(name) || isXMLType(p.ContentType(name))
}

// isXMLName reports whether a part's name says it is XML.
func isXMLName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rels", ".vml":
		return true
	}
	return false
}

// isXMLType reports whether a content type is XML ("…/xml" or "…+xml").
func isXMLType(contentType string) bool {
	ct := strings.ToLower(contentType)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	return strings.HasSuffix(ct, "/xml") || strings.HasSuffix(ct, "+xml")
}

// checkDeclarations returns a description of the first markup declaration
// (<!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION, or any other "<!"
// that is not a comment or a CDATA section) found in data, or "" if none.
//
// It scans the whole part, not only the prolog, skipping comments, CDATA
// sections and processing instructions, so that leading BOMs, whitespace,
// comments or PIs cannot hide a declaration. UTF-16 and UTF-32 parts (with
// or without byte order mark) are scanned in place, a character at a time:
// a declaration is ASCII in any encoding. The scan is linear and
// allocation-free.
func checkDeclarations(data []byte) string {
	if what := scanDeclarations(units{data: data, width: 1}); what != "" {
		return what
	}
	if w, ok := wideOf(data); ok {
		return scanDeclarations(w)
	}
	return ""
}

// units is a part seen as a sequence of characters of width bytes (1 for
// UTF-8 or any ASCII-compatible encoding, 2 for UTF-16, 4 for UTF-32), each
// reduced to a byte: itself when ASCII, else 0x80.
type units struct {
	data  []byte // after the byte order mark
	width int
	be    bool // big-endian
}

func (u units) len() int { return len(u.data) / u.width }

func (u units) at(i int) byte {
	if u.width == 1 {
		return u.data[i]
	}
	b := u.data[i*u.width : (i+1)*u.width]
	low, high := b[0], b[1:]
	if u.be {
		low, high = b[len(b)-1], b[:len(b)-1]
	}
	for _, h := range high {
		if h != 0 {
			return 0x80
		}
	}
	if low >= 0x80 {
		return 0x80
	}
	return low
}

// hasPrefix reports whether the characters from i spell p.
func (u units) hasPrefix(i int, p string) bool {
	if i+len(p) > u.len() {
		return false
	}
	for k := 0; k < len(p); k++ {
		if u.at(i+k) != p[k] {
			return false
		}
	}
	return true
}

// index returns the index of the first sep (ASCII, at most 9 characters)
// at or after character from, or -1. It looks for sep's bytes as the
// encoding writes them with bytes.Index, then checks that they start a
// character: a character equals an ASCII byte exactly when it is that
// byte followed or preceded by zeros.
func (u units) index(from int, sep string) int {
	var buf [36]byte
	pat := buf[:len(sep)*u.width]
	clear(pat)
	low := 0 // where the ASCII byte of a character is
	if u.be {
		low = u.width - 1
	}
	for k := 0; k < len(sep); k++ {
		pat[k*u.width+low] = sep[k]
	}
	for pos := from * u.width; pos < len(u.data); {
		k := bytes.Index(u.data[pos:], pat)
		if k < 0 {
			return -1
		}
		p := pos + k
		if p%u.width == 0 {
			return p / u.width
		}
		pos = p + 1
	}
	return -1
}

// wideOf returns data as UTF-32 or UTF-16 text when it looks like it: a
// byte order mark, or a first character ("<", a space...) encoded with zero
// bytes.
func wideOf(data []byte) (units, bool) {
	switch {
	case len(data) < 2:
		return units{}, false
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return units{data[4:], 4, true}, true
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return units{data[4:], 4, false}, true
	case data[0] == 0xFE && data[1] == 0xFF:
		return units{data[2:], 2, true}, true
	case data[0] == 0xFF && data[1] == 0xFE:
		return units{data[2:], 2, false}, true
	case len(data) >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] != 0:
		return units{data, 4, true}, true
	case len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[2] == 0 && data[3] == 0:
		return units{data, 4, false}, true
	case data[0] == 0 && data[1] != 0:
		return units{data, 2, true}, true
	case data[0] != 0 && data[1] == 0:
		return units{data, 2, false}, true
	}
	return units{}, false
}

func scanDeclarations(data units) string {
	n := data.len()
	// Only "<!" and "<?" start what is looked for: each is searched for
	// again once passed, so that the tags between cost bytes.Index's
	// speed, not a step of this loop each (a 64 MiB part of UTF-16 tags
	// took a second).
	i, bang, quest := 0, -2, -2 // -2: to search; -1: none left
	for {
		if bang != -1 && bang < i {
			bang = data.index(i, "<!")
		}
		if quest != -1 && quest < i {
			quest = data.index(i, "<?")
		}
		switch {
		case bang < 0 && quest < 0:
			return ""
		case bang < 0 || quest >= 0 && quest < bang:
			i = quest
		default:
			i = bang
		}
		var end string
		switch {
		case data.hasPrefix(i, "<!--"):
			i, end = i+4, "-->"
		case data.hasPrefix(i, "<![CDATA["):
			i, end = i+9, "]]>"
		case data.hasPrefix(i, "<?"):
			i, end = i+2, "?>"
		default: // "<!"
			var word []byte
			for k := i + 2; k < n && len(word) < 16 && isNameByte(data.at(k)); k++ {
				word = append(word, data.at(k))
			}
			if len(word) == 0 {
				return "<! markup declaration"
			}
			return "<!" + strings.ToUpper(string(word)) + " declaration"
		}
		k := data.index(i, end)
		if k < 0 {
			return "" // unterminated: not well-formed, nothing declared
		}
		i = k + len(end)
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
