package render

import (
	"fmt"
	"strings"

	"github.com/esante/labelkit/internal/opc"
)

// asDocument makes a Word template (.dotx) or a macro-enabled file without
// macros (.docm, .dotm; the reader refuses those with a VBA project) render
// to a plain .docx, as Word's "New from template" does: the main part's
// content type becomes the document one.
func asDocument(pkg *opc.Package, main string) error {
	if opc.MainKind(pkg.ContentType(main)) == "docx" {
		return nil
	}
	ct := pkg.Part("[Content_Types].xml")
	data, err := setOverride(ct.Data, main, opc.CTDocument)
	if err != nil {
		return fmt.Errorf("%s: %w", ct.Name, err)
	}
	np := &opc.Part{Name: ct.Name, Data: data}
	np.Precompress()
	for i, p := range pkg.Parts {
		if p == ct {
			pkg.Parts[i] = np
		}
	}
	return nil
}

// setOverride returns the content types part data with the Override of
// part name set to typ (added if the type came from a Default), splicing
// the original bytes.
func setOverride(data []byte, name, typ string) ([]byte, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	prefix := ""
	if i := strings.IndexByte(root.name, ':'); i >= 0 {
		prefix = root.name[:i+1]
	}
	for _, e := range root.children {
		if e.name != prefix+"Override" {
			continue
		}
		pn, _ := e.attr(data, "PartName")
		if !strings.EqualFold(strings.TrimPrefix(pn, "/"), name) {
			continue
		}
		for _, a := range e.attrs(data) {
			if a.name == "ContentType" {
				return splice(data, a.valStart, a.valEnd, typ), nil
			}
		}
	}
	el := fmt.Sprintf(`<%sOverride PartName="/%s" ContentType="%s"/>`, prefix, escapeAttr(name), typ)
	if root.empty {
		return nil, fmt.Errorf("no content types")
	}
	return splice(data, root.closeStart, root.closeStart, el), nil
}

// splice returns data with data[from:to] replaced by s, in a new slice.
func splice(data []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(data)-(to-from)+len(s))
	out = append(out, data[:from]...)
	out = append(out, s...)
	return append(out, data[to:]...)
}

// appendEscapeAttr appends escapeAttr(s) to b.
func appendEscapeAttr(b []byte, s string) []byte {
	if !needsEscape(s) && !strings.Contains(s, `"`) {
		return append(b, s...)
	}
	return append(b, escapeAttr(s)...)
}

// escapeAttr escapes s for a double-quoted attribute value; characters
// XML forbids are dropped, invalid UTF-8 becomes U+FFFD.
func escapeAttr(s string) string {
	if !needsEscape(s) && !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			fmt.Fprintf(&b, "&#%d;", r)
		case legalXMLRune(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
