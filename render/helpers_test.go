package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// docx is an unzipped output.
type docx struct {
	names []string
	parts map[string][]byte
	files []*zip.File
}

// openDocx unzips b and checks that it is a valid zip whose XML parts are
// well-formed.
func openDocx(t testing.TB, b []byte) *docx {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("output is not a zip: %v", err)
	}
	d := &docx{parts: map[string][]byte{}, files: zr.File}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		d.names = append(d.names, f.Name)
		d.parts[f.Name] = data
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			if err := wellFormed(data); err != nil {
				t.Fatalf("%s is not well-formed XML: %v\n%s", f.Name, err, data)
			}
		}
	}
	return d
}

// partOf returns one part of a zip.
func partOf(t testing.TB, b []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("output is not a zip: %v", err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// wellFormed checks XML well-formedness with encoding/xml (reading only).
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	roots := 0
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return errors.New("not exactly one document element")
	}
	return nil
}

var (
	paraRE = regexp.MustCompile(`(?s)<w:p(?:\s[^>]*)?/>|<w:p(?:\s[^>]*)?>.*?</w:p>`)
	textRE = regexp.MustCompile(`(?s)<w:t(?:\s[^>]*)?>(.*?)</w:t>|<w:t(?:\s[^>]*)?/>`)
)

// docText returns one line per w:p: its w:t texts concatenated, unescaped
// (the peers README's docText). Paragraphs are not nested in the tests.
func docText(xmlData []byte) []string {
	var lines []string
	for _, p := range paraRE.FindAll(xmlData, -1) {
		var b strings.Builder
		for _, m := range textRE.FindAllSubmatch(p, -1) {
			b.WriteString(unescape(string(m[1])))
		}
		lines = append(lines, b.String())
	}
	return lines
}

func unescape(s string) string {
	var b strings.Builder
	d := xml.NewDecoder(strings.NewReader("<x>" + s + "</x>"))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String()
}

// Minimal package parts for templates built in code.
const (
	ctTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`
	pkgRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`
	docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`
	stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:eastAsia="DejaVu Sans" w:cs="DejaVu Sans"/><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`
	wNS      = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	sectPr   = `<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`
	coreTmpl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>labelkit tests</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2019-07-01T00:00:00Z</dcterms:created></cp:coreProperties>`
	customTmpl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Reference"><vt:lpwstr>%s</vt:lpwstr></property></Properties>`
)

// spec describes a template built in code.
type spec struct {
	body   string // inside <w:body>, before the sectPr
	header string // inside <w:hdr>; default: one plain paragraph
	footer string
	title  string // docProps/core.xml title
	custom string // docProps/custom.xml value
}

func (s spec) parts() map[string]string {
	hdr, ftr := s.header, s.footer
	if hdr == "" {
		hdr = `<w:p><w:r><w:t>En-tête</w:t></w:r></w:p>`
	}
	if ftr == "" {
		ftr = `<w:p><w:r><w:t>Pied de page</w:t></w:r></w:p>`
	}
	title, custom := s.title, s.custom
	if title == "" {
		title = "Document de test"
	}
	if custom == "" {
		custom = "REF"
	}
	return map[string]string{
		"[Content_Types].xml":          ctTypes,
		"_rels/.rels":                  pkgRels,
		"docProps/core.xml":            sprintf(coreTmpl, title),
		"docProps/custom.xml":          sprintf(customTmpl, custom),
		"word/document.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:document ` + wNS + `><w:body>` + s.body + sectPr + `</w:body></w:document>`,
		"word/_rels/document.xml.rels": docRels,
		"word/styles.xml":              stylesXML,
		"word/header1.xml":             `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + wNS + `>` + hdr + `</w:hdr>`,
		"word/footer1.xml":             `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:ftr ` + wNS + `>` + ftr + `</w:ftr>`,
	}
}

var partOrder = []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/custom.xml",
	"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/header1.xml", "word/footer1.xml"}

// zipParts builds a .docx from parts, in partOrder then name order.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var names []string
	seen := map[string]bool{}
	for _, n := range partOrder {
		if _, ok := parts[n]; ok {
			names = append(names, n)
			seen[n] = true
		}
	}
	var rest []string
	for n := range parts {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	names = append(names, rest...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sprintf(f string, a ...any) string { return fmt.Sprintf(f, a...) }

func parseSpec(t testing.TB, s spec, opts ...Option) (*Template, error) {
	t.Helper()
	b := zipParts(t, s.parts())
	return Parse(bytes.NewReader(b), int64(len(b)), opts...)
}

func mustParse(t testing.TB, s spec, opts ...Option) *Template {
	t.Helper()
	tmpl, err := parseSpec(t, s, opts...)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return tmpl
}

func mustExec(t testing.TB, tmpl *Template, data any) *docx {
	t.Helper()
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	return openDocx(t, buf.Bytes())
}

// body returns the text lines of the output's main document.
func (d *docx) lines(part string) []string { return docText(d.parts[part]) }

// drawingXML is a run holding an inline picture (word/media/image1.png,
// relationship rIdImg) whose drawing id is 7.
const drawingXML = `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="190500" cy="190500"/><wp:docPr id="7" name="Logo"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="190500" cy="190500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`

// imageParts is spec{body: body}.parts() plus the image drawingXML shows.
func imageParts(body string) map[string]string {
	parts := spec{body: body}.parts()
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2)))
	parts["word/media/image1.png"] = img.String()
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `<Default Extension="xml"`, `<Default Extension="png" ContentType="image/png"/><Default Extension="xml"`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`, `<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`, 1)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], "<w:document ", `<w:document xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" `, 1)
	return parts
}
