package opc

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf16"
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
// comments or PIs cannot hide a declaration. UTF-16 parts (with or without
// BOM) are also scanned transcoded. The scan is linear and allocation-free
// for UTF-8.
func checkDeclarations(data []byte) string {
	if what := scanDeclarations(data); what != "" {
		return what
	}
	if u := utf16ToUTF8(data); u != nil {
		return scanDeclarations(u)
	}
	return ""
}

func scanDeclarations(data []byte) string {
	i := 0
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return ""
		}
		i += j
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest[4:], []byte("-->"))
			if k < 0 {
				return "" // unterminated comment: not well-formed, nothing declared
			}
			i += 4 + k + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest[9:], []byte("]]>"))
			if k < 0 {
				return ""
			}
			i += 9 + k + 3
		case bytes.HasPrefix(rest, []byte("<?")):
			k := bytes.Index(rest[2:], []byte("?>"))
			if k < 0 {
				return ""
			}
			i += 2 + k + 2
		case bytes.HasPrefix(rest, []byte("<!")):
			word := rest[2:]
			n := 0
			for n < len(word) && n < 16 && isNameByte(word[n]) {
				n++
			}
			if n == 0 {
				return "<! markup declaration"
			}
			return "<!" + strings.ToUpper(string(word[:n])) + " declaration"
		default:
			i++
		}
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// utf16ToUTF8 returns data transcoded to UTF-8 if it looks like UTF-16 (BOM,
// or "<" encoded on two bytes with a zero byte), else nil.
func utf16ToUTF8(data []byte) []byte {
	if len(data) < 2 {
		return nil
	}
	var be bool
	switch {
	case data[0] == 0xFE && data[1] == 0xFF:
		be, data = true, data[2:]
	case data[0] == 0xFF && data[1] == 0xFE:
		be, data = false, data[2:]
	case data[0] == 0 && data[1] != 0:
		be = true
	case data[0] != 0 && data[1] == 0:
		be = false
	default:
		return nil
	}
	u := make([]uint16, len(data)/2)
	for k := range u {
		if be {
			u[k] = uint16(data[2*k])<<8 | uint16(data[2*k+1])
		} else {
			u[k] = uint16(data[2*k+1])<<8 | uint16(data[2*k])
		}
	}
	return []byte(string(utf16.Decode(u)))
}
