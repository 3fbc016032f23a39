package opc

import (
	"bytes"
	"encoding/xml"
	"os"
	"strings"
	"testing"
)

// FuzzReadZip: arbitrary bytes never panic, and what is accepted can be
// written back and read again to the same parts. Limits are small so that
// memory stays bounded (a few MiB per input).
func FuzzReadZip(f *testing.F) {
	if b, err := os.ReadFile(benchDocx); err == nil {
		f.Add(b)
	}
	f.Add(mkzip(f, minimal()))
	f.Add(mkzip(f, with(entry{name: "word/styles.xml", data: "<w:styles/>", stored: true})))
	f.Add(mkzip(f, with(entry{name: "word/media/bomb.bin", raw: zeroBomb(f, 2), usize: 10})))
	f.Add(mkzip(f, with(entry{name: "../evil", data: "x"})))
	f.Add(mkzip(f, with(entry{name: "word/document.xml", data: "<!DOCTYPE x><x/>"})))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	lim := Limits{MaxParts: 50, MaxPartSize: 1 << 20, MaxTotalSize: 2 << 20}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ReadZip(bytes.NewReader(b), int64(len(b)), lim)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			return
		}
		var total int
		for _, pt := range p.Parts {
			total += len(pt.Data)
		}
		if len(p.Parts) > lim.MaxParts || int64(total) > lim.MaxTotalSize {
			t.Fatalf("limits exceeded: %d parts, %d bytes", len(p.Parts), total)
		}
		_, _ = p.Related(p.Parts[0].Name)
		var out bytes.Buffer
		w := NewWriter(&out)
		for _, pt := range p.Parts {
			if err := w.CopyPart(pt); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		q, err := ReadZip(bytes.NewReader(out.Bytes()), int64(out.Len()), lim)
		if err != nil {
			t.Fatalf("rewritten package refused: %v", err)
		}
		if len(q.Parts) != len(p.Parts) {
			t.Fatalf("%d parts, then %d", len(p.Parts), len(q.Parts))
		}
		for i := range p.Parts {
			if q.Parts[i].Name != p.Parts[i].Name || !bytes.Equal(q.Parts[i].Data, p.Parts[i].Data) {
				t.Fatalf("part %d changed", i)
			}
		}
	})
}

// FuzzCheckDeclarations: the scanner never panics, and always finds a
// DOCTYPE put after any prefix without '<'.
func FuzzCheckDeclarations(f *testing.F) {
	f.Add([]byte("<?xml version='1.0'?><!-- c --><a/>"), "\xEF\xBB\xBF ")
	f.Add([]byte("<![CDATA[x"), "")
	f.Fuzz(func(t *testing.T, b []byte, prefix string) {
		_ = checkDeclarations(b)
		if bytes.IndexByte([]byte(prefix), '<') >= 0 || bytes.IndexByte([]byte(prefix), 0) >= 0 || len(prefix) > 0 && prefix[0] >= 0xFE || len(prefix) > 1 && prefix[1] == 0 {
			return
		}
		if checkDeclarations([]byte(prefix+"<!DOCTYPE x>")) == "" {
			t.Fatalf("missed DOCTYPE after %q", prefix)
		}
	})
}

// FuzzReadParts gets past the zip layer: a valid zip of a minimal document
// plus one fuzzed part (name, bytes, content type override), and fuzzed
// relationships. Whatever is accepted has safe names and no declaration in
// its XML parts.
func FuzzReadParts(f *testing.F) {
	f.Add("word/styles.xml", []byte("<w:styles/>"), "application/xml", "styles.xml")
	f.Add("../x", []byte("x"), "", "../x")
	f.Add("word/media/a.bin", []byte("<!DOCTYPE a>"), "application/x+xml", "media/a.bin")
	f.Add("word/vbaProject.bin", []byte{0xd0, 0xcf}, "", "vbaProject.bin")
	f.Add("Word/Document.xml", []byte("<a/>"), "", "%2e%2e/%2e%2e/x")
	f.Fuzz(func(t *testing.T, name string, data []byte, ct, target string) {
		if name == "" || len(name) > 200 || strings.HasSuffix(name, "/") {
			return
		}
		docRels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="t" Target="` + xmlEscape(target) + `"/></Relationships>`
		z := mkzip(t, with(
			entry{name: "[Content_Types].xml", data: contentTypesXML(ctMain,
				`<Override PartName="/`+xmlEscape(name)+`" ContentType="`+xmlEscape(ct)+`"/>`)},
			entry{name: "word/_rels/document.xml.rels", data: docRels},
			entry{name: name, data: string(data)},
		))
		p, err := readBytes(z, Limits{MaxPartSize: 1 << 20, MaxTotalSize: 2 << 20})
		if err != nil {
			return
		}
		for _, pt := range p.Parts {
			if why := checkName(pt.Name); why != "" {
				t.Fatalf("accepted %q: %s", pt.Name, why)
			}
			if p.IsXML(pt.Name) && checkDeclarations(pt.Data) != "" {
				t.Fatalf("accepted a declaration in %q", pt.Name)
			}
		}
		if rels, err := p.Related("word/document.xml"); err == nil {
			for _, r := range rels {
				if !r.External && checkName(r.Target) != "" && r.Target != "" {
					// Targets are resolved inside the package.
					if strings.HasPrefix(r.Target, "/") || strings.Contains("/"+r.Target+"/", "/../") {
						t.Fatalf("target %q escapes", r.Target)
					}
				}
			}
		}
	})
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}
