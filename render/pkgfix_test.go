package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestTemplateKinds: a .dotx, and a .docm or .dotm without macros, render
// to a .docx (document content type); with a VBA project the file stays
// refused; encrypted and Word 97-2003 files say what they are.
func TestTemplateKinds(t *testing.T) {
	const docType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	for _, typ := range []string{
		"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
		"application/vnd.ms-word.document.macroEnabled.main+xml",
		"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
	} {
		parts := spec{body: `<w:p><w:r><w:t>Bonjour {{.name}}</w:t></w:r></w:p>`}.parts()
		parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], docType, typ, 1)
		b := zipParts(t, parts)
		tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		d := mustExec(t, tmpl, map[string]any{"name": "Dupont"})
		ct := string(d.parts["[Content_Types].xml"])
		if !strings.Contains(ct, `<Override PartName="/word/document.xml" ContentType="`+docType+`"/>`) || strings.Contains(ct, typ) {
			t.Errorf("%s: content types not rewritten:\n%s", typ, ct)
		}
		if got := d.lines("word/document.xml"); got[0] != "Bonjour Dupont" {
			t.Errorf("%s: %q", typ, got)
		}

		parts["word/vbaProject.bin"] = "\xd0\xcf\x11\xe0"
		b = zipParts(t, parts)
		if _, err := Parse(bytes.NewReader(b), int64(len(b))); !errors.Is(err, ErrMacroEnabled) {
			t.Errorf("%s with macros: %v, want ErrMacroEnabled", typ, err)
		}
	}

	ole := func(stream string) []byte {
		b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
		for _, c := range stream {
			b = append(b, byte(c), 0)
		}
		return b
	}
	for _, tc := range []struct {
		stream string
		want   error
		msg    string
	}{
		{"EncryptedPackage", ErrEncrypted, "password-protected"},
		{"WordDocument", ErrLegacyDoc, "save it as .docx"},
	} {
		b := ole(tc.stream)
		_, err := Parse(bytes.NewReader(b), int64(len(b)))
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v", tc.stream, err)
		}
	}
}

// TestFragmentRelationship: an internal hyperlink written as a relationship
// whose target is a fragment ("#_Toc1") is valid.
func TestFragmentRelationship(t *testing.T) {
	parts := spec{body: `<w:p><w:hyperlink r:id="rIdToc"><w:r><w:t>Sommaire</w:t></w:r></w:hyperlink><w:r><w:t> {{.x}}</w:t></w:r></w:p>`}.parts()
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`,
		`<Relationship Id="rIdToc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="#_Toc1"/></Relationships>`, 1)
	b := zipParts(t, parts)
	tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	d := mustExec(t, tmpl, map[string]any{"x": "ok"})
	if got := d.lines("word/document.xml")[0]; got != "Sommaire ok" {
		t.Errorf("got %q", got)
	}
}
