package render

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
)

var (
	fuzzOnce sync.Once
	fuzzTmpl *Template
)

// fuzzTemplate has a value in every context: plain run, bold run split over
// two runs, a table cell, a header, the core title, a custom property.
func fuzzTemplate(t testing.TB) *Template {
	fuzzOnce.Do(func() {
		body := p("A{{.v}}Z") +
			`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">B{{.</w:t></w:r><w:r><w:t>v}}Y</w:t></w:r></w:p>` +
			tblOpen + row(p("{{range .l}}C{{$.v}}"), p("{{.}}{{end}}")) + tblClose
		fuzzTmpl = mustParse(t, spec{body: body, header: p("H{{.v}}"), title: "T{{.v}}", custom: "U{{.v}}"})
	})
	return fuzzTmpl
}

// sanitized is what a reader sees of s in a run: line breaks and tabs are
// elements, characters XML forbids are gone, invalid UTF-8 is U+FFFD.
func sanitized(s string, inRun bool) string {
	var b strings.Builder
	for _, r := range s { // invalid bytes come as U+FFFD
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			if !inRun {
				b.WriteRune(r)
			}
		case legalXMLRune(r):
			b.WriteRune(r)
		}
	}
	out := b.String()
	if !inRun { // XML readers normalise line ends
		out = strings.ReplaceAll(strings.ReplaceAll(out, "\r\n", "\n"), "\r", "\n")
	}
	return out
}

func FuzzExecute(f *testing.F) {
	for _, s := range []string{"", "x", "Lefèvre & Fils", "<w:p>", "]]>", "a\nb\r\nc\rd\te", "\x00\x01\x1f", "\uFFFE\uFFFF\U0010FFFF",
		"\xff\xfe", "🎉", "{{.v}}", "&amp;", "\"'", "\u2028", " espace "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		tmpl := fuzzTemplate(t)
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, map[string]any{"v": v, "l": []string{"1"}}); err != nil {
			t.Fatal(err)
		}
		d := openDocx(t, buf.Bytes()) // checks well-formedness
		run := sanitized(v, true)
		want := []string{"A" + run + "Z", "B" + run + "Y", "C" + run, "1"}
		got := d.lines("word/document.xml")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("document text:\n got %q\nwant %q", got, want)
		}
		if got := d.lines("word/header1.xml"); len(got) != 1 || got[0] != "H"+run {
			t.Fatalf("header: got %q, want %q", got, "H"+run)
		}
		plain := sanitized(v, false)
		core := unescape(string(d.parts["docProps/core.xml"]))
		if !strings.Contains(core, "T"+plain+"labelkit tests") {
			t.Fatalf("core.xml lacks %q:\n%s", "T"+plain, d.parts["docProps/core.xml"])
		}
	})
}

// FuzzParse feeds arbitrary bytes to Parse: an error or a template, never a
// panic; memory stays bounded by the limits.
func FuzzParse(f *testing.F) {
	for _, path := range []string{"testdata/bench/bench-go.docx", "testdata/libreoffice.docx"} {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
			f.Add(b[:len(b)/2])
		}
	}
	f.Add(zipParts(f, spec{body: p("{{.a}}")}.parts()))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add([]byte{})
	lim := WithLimits(Limits{MaxParts: 50, MaxPartSize: 1 << 20, MaxTotalSize: 4 << 20})
	f.Fuzz(func(t *testing.T, b []byte) {
		tmpl, err := Parse(bytes.NewReader(b), int64(len(b)), lim, AllowMissing())
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if tmpl.Execute(&buf, map[string]any{"a": "x"}) == nil {
			openDocx(t, buf.Bytes())
		}
	})
}

// FuzzParseDocument fuzzes the main document's XML: whatever the template,
// Parse gives a template or an error, and when both Parse and Execute
// succeed the output is well-formed (block placement never unbalances the XML).
func FuzzParseDocument(f *testing.F) {
	for _, body := range []string{
		p("{{.s}}"), p("{{if .a}}") + p("x") + p("{{end}}"), runs("{{ran", "ge .l}}", "{{.}}{{end}}"),
		tblOpen + row(p("{{range .l}}{{.}}"), p("{{end}}")) + tblClose,
		tblOpen + row(p("{{if .a}}")+p("x")+p("{{end}}"), p("{{range .l}}")) + row(p("{{end}}"), p("")) + tblClose,
		p("{{if .a}}") + tblOpen + row(p("{{end}}"), p("")) + tblClose,
		p("{{with .s}}{{.}}{{else}}none{{end}}"), p("{{range .l}}a{{else}}b{{end}}"), p("{{checkbox .a}}"),
		p("{{range .l}}") + `<w:p w14:paraId="1"><w:bookmarkStart w:id="0" w:name="b"/><w:r><w:t>{{.}}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>` + p("{{end}}"),
		`<w:p><w:r><w:t>{{range .l}}</w:t></w:r>` + drawingXML + `<w:r><w:t>{{end}}</w:t></w:r></w:p>`,
	} {
		f.Add(`<w:document ` + wNS + ` xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>` + body + `</w:body></w:document>`)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		parts := spec{}.parts()
		parts["word/document.xml"] = doc
		b := zipParts(t, parts)
		tmpl, err := Parse(bytes.NewReader(b), int64(len(b)), AllowMissing(), WithLimits(Limits{MaxPartSize: 1 << 20}))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, map[string]any{"a": true, "s": "x&y", "l": []int{1, 2}}); err != nil {
			return
		}
		out := partOf(t, buf.Bytes(), "word/document.xml")
		if err := wellFormed([]byte(doc)); err == nil {
			if err := wellFormed(out); err != nil {
				t.Fatalf("well-formed template, malformed output: %v\n%s", err, out)
			}
		}
	})
}
