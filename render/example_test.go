package render_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/render"
)

// tinyDocx builds a one-paragraph-per-line DOCX, as Word would save it
// (without styles).
func tinyDocx(paragraphs ...string) []byte {
	var body strings.Builder
	for _, p := range paragraphs {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r></w:p>`)
	}
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.Create(p[0])
		io.WriteString(w, p[1])
	}
	zw.Close()
	return buf.Bytes()
}

// text prints the paragraphs of a rendered DOCX, one per line.
func text(docx []byte) string {
	zr, _ := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	f, _ := zr.Open("word/document.xml")
	xml, _ := io.ReadAll(f)
	var lines []string
	for _, p := range regexp.MustCompile(`<w:p>.*?</w:p>|<w:p/>`).FindAllString(string(xml), -1) {
		t := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(p, "")
		lines = append(lines, strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(t))
	}
	return strings.Join(lines, "\n")
}

func Example() {
	docx := tinyDocx(
		"Convention n° {{.Number}} avec {{.Company}}",
		"{{range .Professions}}",
		"{{checkbox .Selected}} {{.Label}}",
		"{{end}}",
		"{{if .Audit}}",
		"Un audit est prévu.",
		"{{end}}",
		"Fait le {{dateFR .Date}}.",
	)
	// French dates come from package frfuncs, plugged in like any
	// functions of one's own.
	t, err := render.Parse(bytes.NewReader(docx), int64(len(docx)), render.Funcs(frfuncs.FuncMap()))
	if err != nil {
		fmt.Println(err)
		return
	}
	type profession struct {
		Label    string
		Selected bool
	}
	data := map[string]any{
		"Number":      "2019-042",
		"Company":     "Lefèvre & Fils",
		"Professions": []profession{{"Médecin", true}, {"Infirmier", false}},
		"Audit":       false,
		"Date":        "2019-07-01",
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text(out.Bytes()))
	fmt.Println(t.Fields())
	// Output:
	// Convention n° 2019-042 avec Lefèvre & Fils
	// ☒ Médecin
	// ☐ Infirmier
	// Fait le 1er juillet 2019.
	// [.Audit .Company .Date .Number .Professions .Professions[].Label .Professions[].Selected]
}

func ExampleError() {
	docx := tinyDocx("Et la société {{.Company.Nme}} s'engage.")
	t, _ := render.Parse(bytes.NewReader(docx), int64(len(docx)))
	type company struct{ Name string }
	err := t.Execute(io.Discard, map[string]any{"Company": company{"ACME"}})
	fmt.Println(err)
	// Output:
	// word/document.xml: paragraph 1 « Et la société {{.Company.Nme}} s'engage. »: can't evaluate field Nme in type interface {}
}

func ExampleErrors() {
	docx := tinyDocx("{{.a | nosuchfunc}}", "ok", "{{if .b}}", "{{.c.}}")
	_, err := render.Parse(bytes.NewReader(docx), int64(len(docx)))
	fmt.Println(err)
	// Output:
	// 3 errors:
	//	word/document.xml: paragraph 1 « {{.a | nosuchfunc}} »: function "nosuchfunc" not defined
	//	word/document.xml: paragraph 3 « {{if .b}} »: {{if}} never closed: its {{end}} is missing
	//	word/document.xml: paragraph 4 « {{.c.}} »: unexpected <.> in operand
}

// Templates can be kept unpacked in version control, one file per part, and
// parsed from any fs.FS (with go:embed, use "//go:embed all:dir" so that the
// _rels folders are included).
func ExampleParseFS() {
	t, err := render.ParseFS(os.DirFS("testdata/unpacked"), render.Funcs(frfuncs.FuncMap()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range t.Fields() {
		if strings.HasPrefix(f, ".modules") || strings.HasPrefix(f, ".signer") {
			fmt.Println(f)
		}
	}
	// Output:
	// .modules
	// .modules[].features
	// .modules[].features[]
	// .modules[].name
	// .modules[].ok
	// .signer
	// .signer.name
	// .signer.title
}
