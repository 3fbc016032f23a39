package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"
)

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// runs makes a paragraph of one run per piece.
func runs(pieces ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, s := range pieces {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

func equalLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines:\n got %q\nwant %q", got, want)
	}
}

func TestFieldsAndEscaping(t *testing.T) {
	tmpl := mustParse(t, spec{body: p("Société {{.name}} !")})
	d := mustExec(t, tmpl, map[string]any{"name": `Lefèvre & Fils <"l'atelier"> 🎉`})
	equalLines(t, d.lines("word/document.xml"), `Société Lefèvre & Fils <"l'atelier"> 🎉 !`)
	if !bytes.Contains(d.parts["word/document.xml"], []byte("Lefèvre &amp; Fils &lt;")) {
		t.Errorf("value not escaped:\n%s", d.parts["word/document.xml"])
	}
}

func TestPreserveSpaces(t *testing.T) {
	body := `<w:p><w:r><w:t xml:space="default">a{{.v}}b</w:t></w:r><w:r><w:t>{{.v}}</w:t></w:r></w:p>`
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{"v": "  "})
	doc := string(d.parts["word/document.xml"])
	if strings.Count(doc, `<w:t xml:space="preserve">`) != 2 {
		t.Errorf("spaces not preserved:\n%s", doc)
	}
}

func TestNewlineTabIllegal(t *testing.T) {
	tmpl := mustParse(t, spec{body: p("{{.v}}")})
	d := mustExec(t, tmpl, map[string]any{"v": "a\nb\r\nc\td\x00e\x1ff\uFFFEg"})
	doc := string(d.parts["word/document.xml"])
	for _, want := range []string{`a</w:t><w:br/><w:t xml:space="preserve">b</w:t><w:br/>`, `c</w:t><w:tab/><w:t xml:space="preserve">d`, `defg</w:t>`} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q in\n%s", want, doc)
		}
	}
}

func TestSplitRuns(t *testing.T) {
	cases := map[string]string{
		"2 runs":                       runs("Nom : {{.na", "me}} fin"),
		"3 runs with proofErr":         `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Nom : {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>{.na</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">me}} fin</w:t></w:r></w:p>`,
		"5 runs, bookmark, page break": `<w:p><w:r><w:t xml:space="preserve">Nom : </w:t></w:r><w:r><w:t>{</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>{</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>.</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t>name</w:t></w:r><w:r><w:t xml:space="preserve">}} fin</w:t></w:r></w:p>`,
		"curly quotes":                 runs(`Nom : {{printf “%s” .name}} fin`),
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			tmpl := mustParse(t, spec{body: body})
			d := mustExec(t, tmpl, map[string]any{"name": "A&B"})
			equalLines(t, d.lines("word/document.xml"), "Nom : A&B fin")
		})
	}
	// The merged action keeps the first run's formatting.
	tmpl := mustParse(t, spec{body: cases["3 runs with proofErr"]})
	d := mustExec(t, tmpl, map[string]any{"name": "X"})
	if !strings.Contains(string(d.parts["word/document.xml"]), `<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Nom : X</w:t>`) {
		t.Errorf("action not merged into the first run:\n%s", d.parts["word/document.xml"])
	}
}

func TestParagraphBlocks(t *testing.T) {
	body := p("Début") + p("{{range .items}}") + p("- {{.}}") + p("{{end}}") +
		p("{{if .yes}}") + p("oui") + p("{{else}}") + p("non") + p("{{end}}") +
		p("{{if .no}}Jamais{{end}}") + p("{{if .yes}}Toujours {{.items | len}}{{end}}") +
		p("{{$x := 3}}") + p("x={{$x}}") + p("Fin")
	tmpl := mustParse(t, spec{body: body})
	d := mustExec(t, tmpl, map[string]any{"items": []string{"a", "b"}, "yes": true, "no": false})
	equalLines(t, d.lines("word/document.xml"), "Début", "- a", "- b", "oui", "Toujours 2", "x=3", "Fin")
}

func TestRemovableParagraphs(t *testing.T) {
	w14 := `<w:rPr><w14:ligatures xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" w14:val="standard"/></w:rPr>`
	body := `<w:p><w:pPr><w:jc w:val="left"/>` + w14 + `</w:pPr><w:r>` + w14 + `<w:t>{{if .a}}</w:t></w:r></w:p>` + p("oui") + p("{{end}}") +
		p("fin")
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{"a": true})
	equalLines(t, d.lines("word/document.xml"), "oui", "fin")
	// A paragraph holding a field cannot go: say so, naming the field.
	body = `<w:p><w:r><w:t>{{if .a}}</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` + p("section") + p("{{end}}")
	_, err := parseSpec(t, spec{body: body})
	if err == nil || !strings.Contains(err.Error(), "cannot be removed: it holds a field)") {
		t.Errorf("got %v", err)
	}
}

// TestBlockBesideNonText: a paragraph of block actions that also holds a
// page or column break, a drawing, section properties or bookmarks: breaks
// and drawings go with each repetition, section properties are never lost
// nor repeated outside a loop over them, bookmarks are kept once.
func TestBlockBesideNonText(t *testing.T) {
	const br = `<w:r><w:br w:type="page"/></w:r>`
	sect := `<w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:pPr>`
	pWith := func(extra, text string) string {
		return `<w:p>` + extra + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	data := map[string]any{"l": []string{"a", "b"}, "none": []string{}, "yes": true, "no": false}
	for _, tc := range []struct {
		name, body       string
		breaks, sections int
		lines            []string
	}{
		{"end and page break, same run", p("{{range .l}}") + p("{{.}}") + `<w:p><w:r><w:t>{{end}}</w:t><w:br w:type="page"/></w:r></w:p>` + p("fin"), 2, 1, []string{"a", "", "b", "", "fin"}},
		{"end then page break", p("{{range .l}}") + p("{{.}}") + `<w:p><w:r><w:t>{{end}}</w:t></w:r>` + br + `</w:p>` + p("fin"), 2, 1, []string{"a", "", "b", "", "fin"}},
		{"page break then range", `<w:p>` + br + `<w:r><w:t>{{range .l}}</w:t></w:r></w:p>` + p("{{.}}") + p("{{end}}") + p("fin"), 2, 1, []string{"", "a", "", "b", "fin"}},
		{"false condition takes its break", p("{{if .no}}") + p("x") + `<w:p><w:r><w:t>{{end}}</w:t></w:r>` + br + `</w:p>` + p("fin"), 0, 1, []string{"fin"}},
		{"section per item", p("{{range .l}}") + p("{{.}}") + pWith(sect, "{{end}}") + p("fin"), 0, 3, []string{"a", "", "b", "", "fin"}},
		{"section kept once by an empty loop", p("{{range .none}}") + p("{{.}}") + pWith(sect, "{{end}}") + p("fin"), 0, 2, []string{"", "fin"}},
		{"section kept once by a false condition", p("{{if .no}}") + p("x") + pWith(sect, "{{end}}") + p("fin"), 0, 2, []string{"", "fin"}},
		{"section before a loop", pWith(sect, "{{range .l}}") + p("{{.}}") + p("{{end}}") + p("fin"), 0, 2, []string{"", "a", "b", "fin"}},
		{"nested loop over sections", p("{{range .l}}") + p("{{range $.l}}") + p("{{.}}") + pWith(sect, "{{end}}") + p("{{end}}"), 0, 5, []string{"a", "", "b", "", "a", "", "b", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mustExec(t, mustParse(t, spec{body: tc.body}), data)
			doc := string(d.parts["word/document.xml"])
			if n := strings.Count(doc, `<w:br w:type="page"/>`); n != tc.breaks {
				t.Errorf("%d page breaks, want %d:\n%s", n, tc.breaks, doc)
			}
			if n := strings.Count(doc, `<w:sectPr>`); n != tc.sections {
				t.Errorf("%d sections, want %d:\n%s", n, tc.sections, doc)
			}
			equalLines(t, d.lines("word/document.xml"), tc.lines...)
		})
	}
	// Bookmarks beside block actions stay once, outside the loop.
	body := `<w:p><w:bookmarkStart w:id="3" w:name="liste"/><w:r><w:t>{{range .l}}</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>` + p("{{.}}") +
		`<w:p><w:r><w:t>{{end}}</w:t></w:r><w:bookmarkStart w:id="4" w:name="fin"/><w:bookmarkEnd w:id="4"/></w:p>`
	d := mustExec(t, mustParse(t, spec{body: body}), data)
	doc := string(d.parts["word/document.xml"])
	for _, id := range []string{"3", "4"} {
		if n := strings.Count(doc, `<w:bookmarkStart w:id="`+id+`"`); n != 1 {
			t.Errorf("bookmark %s printed %d times:\n%s", id, n, doc)
		}
	}
	equalLines(t, d.lines("word/document.xml"), "a", "b")
	// {{else}} beside section properties is ambiguous: refused, saying why.
	_, err := parseSpec(t, spec{body: p("{{if .a}}") + p("x") + pWith(sect, "{{else}}") + p("y") + p("{{end}}")})
	if err == nil || !strings.Contains(err.Error(), "section properties in the paragraph of {{else}}") {
		t.Errorf("got %v", err)
	}
}

func TestInlineConditional(t *testing.T) {
	tmpl := mustParse(t, spec{body: p("{{if .a}}☒{{else}}☐{{end}} choix {{range .l}}[{{.}}]{{end}}")})
	d := mustExec(t, tmpl, map[string]any{"a": false, "l": []int{1, 2}})
	equalLines(t, d.lines("word/document.xml"), "☐ choix [1][2]")
}

const (
	tblOpen  = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>`
	tblClose = `</w:tbl>`
)

func row(cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tr>")
	for _, c := range cells {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>` + c + `</w:tc>`)
	}
	b.WriteString("</w:tr>")
	return b.String()
}

func TestRowLoops(t *testing.T) {
	data := map[string]any{"items": []map[string]any{{"n": "a", "v": 1}, {"n": "b", "v": 2}}, "show": false}
	t.Run("first and last cell", func(t *testing.T) {
		body := tblOpen + row(p("Nom"), p("Valeur")) + row(p("{{range .items}}{{.n}}"), p("{{.v}}{{end}}")) + tblClose + p("fin")
		d := mustExec(t, mustParse(t, spec{body: body}), data)
		equalLines(t, d.lines("word/document.xml"), "Nom", "Valeur", "a", "1", "b", "2", "fin")
	})
	t.Run("rows of their own", func(t *testing.T) {
		body := tblOpen + row(p("Nom"), p("Valeur")) + row(p("{{range .items}}"), p("")) + row(p("{{.n}}"), p("{{.v}}")) +
			row(p("{{end}}"), p("")) + row(p("{{if .show}}"), p("")) + row(p("caché"), p("")) + row(p("{{end}}"), p("")) + tblClose + p("fin")
		d := mustExec(t, mustParse(t, spec{body: body}), data)
		equalLines(t, d.lines("word/document.xml"), "Nom", "Valeur", "a", "1", "b", "2", "fin")
	})
	t.Run("opener alone in its paragraph", func(t *testing.T) {
		body := tblOpen + row(p("{{range .items}}")+p("{{.n}}"), p("{{.v}}")+p("{{end}}")) + tblClose
		d := mustExec(t, mustParse(t, spec{body: body}), data)
		equalLines(t, d.lines("word/document.xml"), "a", "1", "b", "2")
	})
	t.Run("wrapped paragraph alone in a cell", func(t *testing.T) {
		body := tblOpen + row(p("{{if .show}}caché{{end}}"), p("{{if not .show}}visible{{end}}")) + tblClose
		d := mustExec(t, mustParse(t, spec{body: body}), data)
		equalLines(t, d.lines("word/document.xml"), "", "visible")
	})
	t.Run("blocks inside a cell keep the cell valid", func(t *testing.T) {
		body := tblOpen + row(p("{{if .show}}")+p("x")+p("{{end}}"), p("y")) + tblClose + p("fin")
		d := mustExec(t, mustParse(t, spec{body: body}), data)
		equalLines(t, d.lines("word/document.xml"), "", "y", "fin")
	})
}

func TestNestedLoops(t *testing.T) {
	body := p("{{range .groups}}") + p("Groupe {{.name}}") + p("{{range .members}}") + p("- {{.}} ({{$.org}})") + p("{{end}}") + p("{{end}}")
	data := map[string]any{"org": "ANS", "groups": []map[string]any{{"name": "A", "members": []string{"x", "y"}}, {"name": "B", "members": []string{}}}}
	d := mustExec(t, mustParse(t, spec{body: body}), data)
	equalLines(t, d.lines("word/document.xml"), "Groupe A", "- x (ANS)", "- y (ANS)", "Groupe B")
}

func TestHeaderFooterProperties(t *testing.T) {
	s := spec{body: p("corps"), header: p("En-tête {{.h}}"), footer: p("{{.f}} — page"), title: "Convention {{.t}}", custom: "{{.r}}"}
	d := mustExec(t, mustParse(t, s), map[string]any{"h": "H&", "f": "F<", "t": "T\"", "r": "R>"})
	equalLines(t, d.lines("word/header1.xml"), "En-tête H&")
	equalLines(t, d.lines("word/footer1.xml"), "F< — page")
	if !strings.Contains(string(d.parts["docProps/core.xml"]), "<dc:title>Convention T\"</dc:title>") {
		t.Errorf("core.xml: %s", d.parts["docProps/core.xml"])
	}
	if !strings.Contains(string(d.parts["docProps/custom.xml"]), "<vt:lpwstr>R&gt;</vt:lpwstr>") {
		t.Errorf("custom.xml: %s", d.parts["docProps/custom.xml"])
	}
}

func TestCheckbox(t *testing.T) {
	tmpl := mustParse(t, spec{body: `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{checkbox .a}} oui {{checkbox .b}} non</w:t></w:r></w:p>`, title: "{{checkbox true}}"})
	d := mustExec(t, tmpl, map[string]any{"a": true, "b": false})
	doc := string(d.parts["word/document.xml"])
	for _, want := range []string{`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"`, `mc:Ignorable="w14"`,
		`<w14:checked w14:val="1"/>`, `<w14:checked w14:val="0"/>`,
		`<w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/><w:b/></w:rPr><w:t>☒</w:t>`} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q in\n%s", want, doc)
		}
	}
	equalLines(t, d.lines("word/document.xml"), "☒ oui ☐ non")
	if !strings.Contains(string(d.parts["docProps/core.xml"]), "<dc:title>☒</dc:title>") {
		t.Errorf("core.xml: %s", d.parts["docProps/core.xml"])
	}
}

func TestFuncs(t *testing.T) {
	body := p(`{{keys .m | join ","}}|{{keys .m .n | join ","}}`)
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{
		"m": map[string]any{"z": 1, "a": 2, "m": 3}, "n": map[string]any{"b": 1, "a": 1}})
	equalLines(t, d.lines("word/document.xml"), "a,m,z|a,b,m,z")
}

// TestFuncList pins the whole function list a template gets (sprig's
// hermetic set minus removedSprig, plus keys, checkbox and the
// tracked-change functions) in
// testdata/funcs.txt, so that a sprig upgrade adding a function, or an
// edit of removedSprig, shows in review (-update rewrites it).
func TestFuncList(t *testing.T) {
	var names []string
	for name := range baseFuncs() {
		names = append(names, name)
	}
	sort.Strings(names)
	got := strings.Join(names, "\n") + "\n"
	const golden = "testdata/funcs.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("the function list differs from %s (run with -update and review the diff):\n%s", golden, got)
	}
	for _, name := range names {
		if _, err := parseSpec(t, spec{body: p("{{" + name + " 1}}")}); err != nil && strings.Contains(err.Error(), "not defined") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Removed functions and locale formatting are not defined: the latter
	// comes in through Funcs (package frfuncs).
	for _, name := range append(slices.Clone(removedSprig), "dateFR", "numberFR", "eurosFR", "upperFR", "joinFR") {
		_, err := parseSpec(t, spec{body: p("{{" + name + "}}")})
		if err == nil || !strings.Contains(err.Error(), "not defined") {
			t.Errorf("%s: got %v, want a 'not defined' error", name, err)
		}
	}
}

func TestMissing(t *testing.T) {
	tmpl := mustParse(t, spec{body: p("Société {{.Company.Nme}}")})
	var out bytes.Buffer
	err := tmpl.Execute(&out, map[string]any{"Company": map[string]any{"Name": "x"}})
	if out.Len() != 0 {
		t.Errorf("Execute wrote %d bytes before failing", out.Len())
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want *Error", err)
	}
	if e.Part != "word/document.xml" || e.Paragraph != 1 || e.Action != "{{.Company.Nme}}" {
		t.Errorf("got %+v", e)
	}
	var xe template.ExecError
	if !errors.As(err, &xe) {
		t.Errorf("ExecError not wrapped: %v", err)
	}
	want := `word/document.xml: paragraph 1 « Société {{.Company.Nme}} »: map has no entry for key "Nme"`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	// AllowMissing renders empty.
	tmpl = mustParse(t, spec{body: p("Société {{.Company.Nme}}{{if .x}}x{{end}}")}, AllowMissing())
	d := mustExec(t, tmpl, map[string]any{"Company": map[string]any{}})
	equalLines(t, d.lines("word/document.xml"), "Société ")
}

func TestRawXML(t *testing.T) {
	body := p("a {{.r}} b")
	data := map[string]any{"r": RawXML(`<w:r><w:rPr><w:b/></w:rPr><w:t>gras</w:t></w:r>`)}
	err := mustParse(t, spec{body: body}).Execute(new(bytes.Buffer), data)
	if !errors.Is(err, ErrRawXML) {
		t.Errorf("got %v, want ErrRawXML", err)
	}
	d := mustExec(t, mustParse(t, spec{body: body}, AllowRawXML()), data)
	equalLines(t, d.lines("word/document.xml"), "a gras b")
}

func TestSyntaxErrorsTogether(t *testing.T) {
	body := p("ok {{.a}}") + p("bad {{.b | nofunc}}") + p("unclosed {{.c") + p("{{end}}") + p("{{if .x}}") + p("also bad {{.d.}}")
	_, err := parseSpec(t, spec{body: body})
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %v, want Errors", err)
	}
	var paras []int
	for _, e := range es {
		paras = append(paras, e.Paragraph)
	}
	if !reflect.DeepEqual(paras, []int{2, 3, 4, 5, 6}) {
		t.Errorf("got paragraphs %v:\n%v", paras, err)
	}
	for _, want := range []string{`paragraph 2 « bad {{.b | nofunc}} »: function "nofunc" not defined`, "paragraph 3", "paragraph 4", "paragraph 5", "paragraph 6"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func TestStructureAcrossContainers(t *testing.T) {
	body := tblOpen + row(p("{{if .a}}"), p("x")) + tblClose + p("{{end}}")
	_, err := parseSpec(t, spec{body: body})
	if err == nil || !strings.Contains(err.Error(), "at different levels of the document: a table cell in paragraph 1 « {{if .a}} », the body in paragraph 3 « {{end}} »") {
		t.Fatalf("got %v", err)
	}
	t.Log(err)
}

// TestStructureAcrossRunWrappers: an {{if}} in a hyperlink (field, tracked
// insertion, content control) whose {{end}} is outside it, in the same
// paragraph, is refused with a message saying which wrapper differs (it
// described both places as « inside the text of paragraph 1 »).
func TestStructureAcrossRunWrappers(t *testing.T) {
	for _, tc := range []struct{ open, close, want string }{
		{`<w:hyperlink w:anchor="x">`, `</w:hyperlink>`, "(inside the text of paragraph 1, in a hyperlink)"},
		{`<w:fldSimple w:instr=" PAGE ">`, `</w:fldSimple>`, "(inside the text of paragraph 1, in a field)"},
		{`<w:ins w:id="1" w:author="A">`, `</w:ins>`, "(inside the text of paragraph 1, in a tracked insertion)"},
		{`<w:sdt><w:sdtContent>`, `</w:sdtContent></w:sdt>`, "(inside the text of paragraph 1, in a content control)"},
		{`<w:hyperlink w:anchor="x"><w:ins w:id="1" w:author="A">`, `</w:ins></w:hyperlink>`, "(inside the text of paragraph 1, in a tracked insertion in a hyperlink)"},
	} {
		body := `<w:p>` + tc.open + `<w:r><w:t>a {{if .x}}b</w:t></w:r>` + tc.close + `<w:r><w:t>c{{end}}</w:t></w:r></w:p>`
		_, err := parseSpec(t, spec{body: body})
		if err == nil || !strings.Contains(err.Error(), "{{if}} "+tc.want+" and its {{end}} (inside the text of paragraph 1) are in different places") {
			t.Errorf("%s: got %v, want %q", tc.open, err, tc.want)
		}
	}
}

func TestFields(t *testing.T) {
	body := p("{{.company_name}} {{.Company.Address.City}}") + p("{{range .items}}") + p("{{.designation}} {{$.currency}} {{.}}") + p("{{end}}") +
		p("{{with .signer}}{{.name}}{{end}}") + p("{{$c := .contact}}{{$c.email}}") +
		p("{{range $i, $e := .rows}}{{$e.x}}{{end}}") + p("{{if and .a (eq .b \"x\")}}{{printf \"%s\" .c | upper}}{{end}}") +
		p("{{range .groups}}{{range .members}}{{.id}}{{end}}{{end}}")
	tmpl := mustParse(t, spec{body: body, title: "{{.title}}", header: p("{{.hdr}}")})
	want := []string{".Company.Address.City", ".a", ".b", ".c", ".company_name", ".contact", ".contact.email", ".currency",
		".groups", ".groups[].members", ".groups[].members[].id", ".hdr", ".items", ".items[]", ".items[].designation",
		".rows", ".rows[].x", ".signer", ".signer.name", ".title"}
	if got := tmpl.Fields(); !reflect.DeepEqual(got, want) {
		t.Errorf("Fields:\n got %q\nwant %q", got, want)
	}
}

func TestAutoCorrect(t *testing.T) {
	// French Word types « » with no-break spaces for ", and a no-break space before ":".
	body := p("{{printf « %s ! » .name}}{{printf «\u00a0-\u00a0» }}") + p("{{$x\u00a0:= .name}}{{$x}}") + p("{{if eq .name “Zoé”}}oui{{end}}") + p("{{print ‘x’}}")
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{"name": "Zoé"})
	equalLines(t, d.lines("word/document.xml"), "Zoé !-", "Zoé", "oui", "120")
}

func TestContainerFallbacks(t *testing.T) {
	data := map[string]any{"no": false, "none": []string{}}
	s := spec{
		body:   tblOpen + row(p("{{range .none}}{{.}}"), p("{{end}}")) + tblClose + p("{{if .no}}") + tblOpen + row(p("x"), p("y")) + tblClose + p("{{end}}") + p("fin"),
		header: p("{{if .no}}") + p("en-tête") + p("{{end}}"),
		footer: p("{{if .no}}pied{{end}}"),
	}
	d := mustExec(t, mustParse(t, s), data)
	doc := string(d.parts["word/document.xml"])
	// The table whose rows all disappeared is gone, not left empty.
	if strings.Contains(doc, "<w:tbl>") {
		t.Errorf("table without rows left in:\n%s", doc)
	}
	equalLines(t, d.lines("word/document.xml"), "fin")
	equalLines(t, d.lines("word/header1.xml"), "")
	equalLines(t, d.lines("word/footer1.xml"), "")
	// And nothing added when content is printed.
	d = mustExec(t, mustParse(t, s), map[string]any{"no": true, "none": []string{"a"}})
	equalLines(t, d.lines("word/document.xml"), "a", "", "x", "y", "fin")
	equalLines(t, d.lines("word/header1.xml"), "en-tête")
	equalLines(t, d.lines("word/footer1.xml"), "pied")
}

// TestTableWithoutRows: a table whose rows all disappear disappears, nested
// or repeated, and one that keeps a row stays whole.
func TestTableWithoutRows(t *testing.T) {
	inner := tblOpen + row(p("{{range .l}}{{.}}"), p("{{end}}")) + tblClose
	body := p("avant") + tblOpen + row(p("{{range .groups}}{{.name}}"), p("x")+inner+p("{{end}}")) + tblClose +
		tblOpen + row(p("{{if .yes}}"), p("")) + row(p("gardé"), p("")) + row(p("{{end}}"), p("")) + tblClose + p("après")
	tmpl := mustParse(t, spec{body: body})
	for _, tc := range []struct {
		data   map[string]any
		tables int
		want   []string
	}{
		{map[string]any{"groups": nil, "yes": false}, 0, []string{"avant", "après"}},
		{map[string]any{"groups": []map[string]any{{"name": "A", "l": nil}, {"name": "B", "l": []string{"b1"}}}, "yes": true}, 3,
			[]string{"avant", "A", "x", "", "B", "x", "b1", "", "", "gardé", "", "après"}},
	} {
		d := mustExec(t, tmpl, tc.data)
		doc := string(d.parts["word/document.xml"])
		if n := strings.Count(doc, "<w:tbl>"); n != tc.tables {
			t.Errorf("%v: %d tables, want %d:\n%s", tc.data, n, tc.tables, doc)
		}
		equalLines(t, d.lines("word/document.xml"), tc.want...)
	}
}

// TestContentControlRows: rows whose cells are wrapped in content controls
// (w:tr/w:sdt/w:sdtContent/w:tc) and rows wrapped in a row-level content
// control repeat and disappear like any other row; the repeated controls
// lose their ids (optional, and unique in a document).
func TestContentControlRows(t *testing.T) {
	sdtCell := func(id, content string) string {
		return `<w:sdt><w:sdtPr><w:id w:val="` + id + `"/></w:sdtPr><w:sdtContent><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>` + content + `</w:tc></w:sdtContent></w:sdt>`
	}
	sdtRow := func(id, r string) string {
		return `<w:sdt><w:sdtPr><w:id w:val="` + id + `"/></w:sdtPr><w:sdtContent>` + r + `</w:sdtContent></w:sdt>`
	}
	cellRow := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	data := map[string]any{"items": []map[string]any{{"n": "a", "v": 1}, {"n": "b", "v": 2}}, "no": false}
	for name, tc := range map[string]struct {
		body string
		want []string
	}{
		"cells in controls, one row": {
			tblOpen + cellRow(sdtCell("1", p("{{range .items}}{{.n}}")), sdtCell("2", p("{{.v}}{{end}}"))) + tblClose + p("fin"),
			[]string{"a", "1", "b", "2", "fin"}},
		"cells in controls, rows of their own": {
			tblOpen + cellRow(sdtCell("1", p("{{range .items}}")), sdtCell("2", p(""))) + cellRow(sdtCell("3", p("{{.n}}")), sdtCell("4", p("{{.v}}"))) +
				cellRow(sdtCell("5", p("{{end}}")), sdtCell("6", p(""))) + row(p("{{if .no}}"), p("")) + row(p("caché"), p("")) + row(p("{{end}}"), p("")) + tblClose + p("fin"),
			[]string{"a", "1", "b", "2", "fin"}},
		"row in a row-level control": {
			tblOpen + row(p("Nom"), p("Valeur")) + sdtRow("7", row(p("{{range .items}}{{.n}}"), p("{{.v}}{{end}}"))) + tblClose + p("fin"),
			[]string{"Nom", "Valeur", "a", "1", "b", "2", "fin"}},
		"rows of their own in row-level controls": {
			tblOpen + row(p("Nom"), p("Valeur")) + sdtRow("7", row(p("{{range .items}}"), p(""))) + sdtRow("8", row(p("{{.n}}"), p("{{.v}}"))) +
				sdtRow("9", row(p("{{end}}"), p(""))) + sdtRow("10", row(p("{{if .no}}"), p(""))) + row(p("caché"), p("")) + sdtRow("11", row(p("{{end}}"), p(""))) + tblClose + p("fin"),
			[]string{"Nom", "Valeur", "a", "1", "b", "2", "fin"}},
	} {
		t.Run(name, func(t *testing.T) {
			d := mustExec(t, mustParse(t, spec{body: tc.body}), data)
			equalLines(t, d.lines("word/document.xml"), tc.want...)
			doc := string(d.parts["word/document.xml"])
			if strings.Count(doc, "<w:tr>") != strings.Count(doc, "</w:tr>") || strings.Contains(doc, "<w:sdtContent></w:sdtContent>") {
				t.Errorf("unbalanced or empty controls:\n%s", doc)
			}
			ids := regexp.MustCompile(`<w:id w:val="(\d+)"/>`).FindAllStringSubmatch(doc, -1)
			seen := map[string]bool{}
			for _, m := range ids {
				if seen[m[1]] {
					t.Errorf("content control id %s repeated:\n%s", m[1], doc)
				}
				seen[m[1]] = true
			}
		})
	}
}

// TestBodyNeverEndsOnTable: the paragraph after a table that a block action
// leaves empty is emptied, not removed, when it is the last of its cell or
// body (Word refuses a cell ending on a table).
func TestBodyNeverEndsOnTable(t *testing.T) {
	inner := tblOpen + row(p("{{.}}"), p("")) + tblClose
	body := p("{{range .l}}") + tblOpen + row(p("{{.}}"), p("")) + tblClose + p("{{end}}")
	cell := tblOpen + row(p("{{range .l}}")+inner+p("{{end}}"), p("")) + tblClose + p("fin")
	for _, b := range []string{body, cell} {
		d := mustExec(t, mustParse(t, spec{body: b}), map[string]any{"l": []string{"a", "b"}})
		doc := string(d.parts["word/document.xml"])
		if strings.Contains(doc, "</w:tbl><w:sectPr>") || strings.Contains(doc, "</w:tbl></w:tc>") {
			t.Errorf("a body or cell ends on a table:\n%s", doc)
		}
	}
}

// TestCrossParagraphBlocks: a block from inside one paragraph to inside a
// later one at the same level repeats the content between its two cut
// points; paragraphs are cut at the action's last run and stay well-formed.
func TestCrossParagraphBlocks(t *testing.T) {
	data := map[string]any{"proofs": []map[string]any{{"reason": "r1"}, {"reason": "r2"}}, "no": false}
	for _, tc := range []struct {
		body string
		want []string
	}{
		{p("Intro") + p("{{range .proofs}} It works because {{.reason}}") + p("Détail {{.reason}}") + p("{{end}}") + p("Fin"),
			[]string{"Intro", " It works because r1", "Détail r1", " It works because r2", "Détail r2", "Fin"}},
		{p("{{range .proofs}}Because {{.reason}}") + p("Fin du détail{{end}}") + p("Fin"),
			[]string{"Because r1", "Fin du détail", "Because r2", "Fin du détail", "Fin"}},
		{p("Intro {{range .proofs}}because {{.reason}}") + runs("Fin du {{e", "nd}} suite"),
			[]string{"Intro ", "because r1", "Fin du ", "because r2", "Fin du ", " suite"}},
		{p("Intro {{if .no}}oui") + p("Détail") + p("Fin {{else}}non{{end}} suite"),
			[]string{"Intro ", "non", " suite"}},
		{`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:hyperlink w:anchor="x"><w:r><w:rPr><w:b/></w:rPr><w:t>A {{with .proofs}}B</w:t></w:r></w:hyperlink></w:p>` + p("C{{end}} D"),
			[]string{"A ", "B", "C", " D"}},
	} {
		d := mustExec(t, mustParse(t, spec{body: tc.body}), data)
		equalLines(t, d.lines("word/document.xml"), tc.want...)
	}
	// The cut paragraph keeps its properties and its run's.
	d := mustExec(t, mustParse(t, spec{body: `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>A {{if .proofs}}B</w:t></w:r></w:p>` + p("C{{end}}")}), data)
	if doc := string(d.parts["word/document.xml"]); !strings.Contains(doc, `A </w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">B`) {
		t.Errorf("cut paragraph:\n%s", doc)
	}
	// Ends at different levels: an error quoting both paragraphs.
	_, err := parseSpec(t, spec{body: tblOpen + row(p("a {{range .proofs}} b"), p("x")) + tblClose + p("c {{end}} d")})
	if err == nil || !strings.Contains(err.Error(), "at different levels of the document: a table cell in paragraph 1 « a {{range .proofs}} b », the body in paragraph 3 « c {{end}} d »") {
		t.Errorf("got %v", err)
	}
}

func TestVariableScope(t *testing.T) {
	_, err := parseSpec(t, spec{body: p("ok") + p("{{if .a}}{{$y := 1}}{{end}}") + p("valeur {{$y}}")})
	want := `word/document.xml: paragraph 3 « valeur {{$y}} »: undefined variable "$y"`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestTrimMarkers(t *testing.T) {
	body := p("Nom :  {{- .x}} ; {{.x -}}   fin") + runs("a ", "{{- .x -}}", " b")
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{"x": "X"})
	// Trim markers trim spaces of the same run only.
	equalLines(t, d.lines("word/document.xml"), "Nom :X ; Xfin", "a X b")
}

func TestRepeatedIDs(t *testing.T) {
	body := p("{{range .l}}") + `<w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A10000"><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>{{.}}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>` +
		`<w:sdt><w:sdtPr><w:id w:val="12"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>x</w:t></w:r></w:p></w:sdtContent></w:sdt>` + p("{{end}}") +
		`<w:p><w:bookmarkStart w:id="1" w:name="kept"/><w:r><w:t>Liste : {{range .l}}{{.}}{{end}}</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>`
	parts := spec{body: body}.parts()
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], "<w:document ", `<w:document xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" `, 1)
	b := zipParts(t, parts)
	tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	d := mustExec(t, tmpl, map[string]any{"l": []string{"a", "b"}})
	doc := string(d.parts["word/document.xml"])
	if !strings.Contains(doc, `<w:p w:rsidR="00A10000">`) {
		t.Errorf("w14:paraId not removed:\n%s", doc)
	}
	if strings.Contains(doc, `w:id="0"`) || strings.Contains(doc, `<w:id `) {
		t.Errorf("ids repeated by a loop:\n%s", doc)
	}
	if strings.Count(doc, `w:id="1"`) != 2 {
		t.Errorf("bookmark around a whole loop removed:\n%s", doc)
	}
	equalLines(t, d.lines("word/document.xml"), "a", "x", "b", "x", "Liste : ab")
}

// revisionIDRE finds the ids of tracked changes.
var revisionIDRE = regexp.MustCompile(`<w:(?:ins|del|rPrChange|pPrChange) w:id="(\d+)"`)

// TestRepeatedRevisionIDs: tracked changes repeated by a {{range}}, and the
// formatting change of a run reopened after a line break or a checkbox, kept
// their w:id, which must be unique (validator: Sem_UniqueAttributeValue).
func TestRepeatedRevisionIDs(t *testing.T) {
	const date = ` w:author="A" w:date="2020-01-01T00:00:00Z"`
	rPr := `<w:rPr><w:b/><w:rPrChange w:id="3"` + date + `><w:rPr/></w:rPrChange></w:rPr>`
	body := p("{{range .l}}") +
		`<w:p><w:pPr><w:pPrChange w:id="4"` + date + `><w:pPr/></w:pPrChange></w:pPr><w:ins w:id="1"` + date + `><w:r><w:t>ins {{.}}</w:t></w:r></w:ins>` +
		`<w:del w:id="2"` + date + `><w:r><w:delText>old</w:delText></w:r></w:del><w:r>` + rPr + `<w:t>x</w:t></w:r></w:p>` + p("{{end}}") +
		`<w:p><w:r>` + strings.Replace(rPr, `"3"`, `"5"`, 1) + `<w:t>{{.m}} {{checkbox true}} fin</w:t></w:r></w:p>`
	d := mustExec(t, mustParse(t, spec{body: body}), map[string]any{"l": []int{1, 2, 3}, "m": "a\nb"})
	doc := string(d.parts["word/document.xml"])
	seen := map[string]bool{}
	for _, m := range revisionIDRE.FindAllStringSubmatch(doc, -1) {
		if seen[m[1]] {
			t.Errorf("revision id %s repeated:\n%s", m[1], doc)
		}
		seen[m[1]] = true
	}
	if len(seen) != 3*4+1 {
		t.Errorf("%d revision ids, want 13 (4 per repetition, and one kept by the run after the loop):\n%s", len(seen), doc)
	}
	if strings.Count(doc, "<w:b/>") != 3+3 { // loop; the run, the glyph, the run after the checkbox
		t.Errorf("the glyph and the run reopened after the checkbox lost their formatting:\n%s", doc)
	}
	equalLines(t, d.lines("word/document.xml"), "ins 1x", "ins 2x", "ins 3x", "ab ☒ fin")
}

// TestFuncErrorMessage: a function's error that names the function itself
// is reported once, with the place.
func TestFuncErrorMessage(t *testing.T) {
	ref := func(s string) (string, error) { return "", fmt.Errorf("ref: %q is not a reference", s) }
	err := mustParse(t, spec{body: p("Le {{ref .d}}")}, Funcs(template.FuncMap{"ref": ref})).Execute(new(bytes.Buffer), map[string]any{"d": "1er juillet"})
	want := `word/document.xml: paragraph 1 « Le {{ref .d}} »: ref: "1er juillet" is not a reference`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestUnpreparedPart renders a part with more text than is prepared at
// parse time: it is compressed at execution, with the same result.
func TestUnpreparedPart(t *testing.T) {
	defer func(n int) { prepareLimit = n }(prepareLimit)
	doc := spec{body: `<w:p><w:r><w:t>Société {{.name}} – ` + strings.Repeat("texte ", 50) + `</w:t></w:r></w:p>`}
	want := mustExec(t, mustParse(t, doc), map[string]any{"name": "A & B"}).parts["word/document.xml"]
	prepareLimit = 10
	tmpl := mustParse(t, doc)
	if tmpl.parts[indexOfPart(tmpl, "word/document.xml")].texts != nil {
		t.Fatal("part prepared despite the limit")
	}
	if got := mustExec(t, tmpl, map[string]any{"name": "A & B"}).parts["word/document.xml"]; !bytes.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func indexOfPart(t *Template, name string) int {
	for i, p := range t.parts {
		if p.name == name {
			return i
		}
	}
	return -1
}

// TestErrorKind: each error says what kind it is, so that programs need not
// read messages.
func TestErrorKind(t *testing.T) {
	type user struct{ Name string }
	fail := func(string) (string, error) { return "", errors.New("refused") }
	for _, tc := range []struct {
		name string
		body string
		opts []Option
		data any
		want Kind
	}{
		{"syntax", "{{.a.}}", nil, nil, KindSyntax},
		{"structure", "{{if .a}}", nil, nil, KindSyntax},
		{"missing key", "{{.a.b}}", nil, map[string]any{"a": map[string]any{}}, KindMissingKey},
		{"missing key through index", `{{index .a "b"}}`, nil, map[string]any{"a": map[string]any{}}, KindMissingKey},
		{"output limit", "{{range .l}}{{.}} ligne assez longue{{end}}", []Option{WithLimits(Limits{MaxPartSize: 8 << 10})},
			map[string]any{"l": make([]int, 10000)}, KindLimit},
		{"missing struct field", "{{.Nme}}", nil, user{}, KindExec},
		{"function error", "{{fail .a}}", []Option{Funcs(template.FuncMap{"fail": fail})}, map[string]any{"a": "x"}, KindExec},
	} {
		tmpl, err := parseSpec(t, spec{body: p(tc.body)}, tc.opts...)
		if err == nil {
			err = tmpl.Execute(io.Discard, tc.data)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v (%T) is not an *Error", tc.name, err, err)
			continue
		}
		if e.Kind != tc.want {
			t.Errorf("%s: kind %v, want %v (%v)", tc.name, e.Kind, tc.want, err)
		}
	}
	defer func(a int) { maxActions = a }(maxActions)
	maxActions = 100
	_, err := parseSpec(t, spec{body: p(strings.Repeat("{{.a}}", 101))})
	if e := (*Error)(nil); !errors.As(err, &e) || e.Kind != KindLimit {
		t.Errorf("too many actions: %v", err)
	}
}

// TestPackageErrorTypes: the error types a caller inspects are reachable
// from this package.
func TestPackageErrorTypes(t *testing.T) {
	_, err := Parse(strings.NewReader("junk"), 4)
	var pe *PackageError
	if !errors.As(err, &pe) || !errors.Is(err, ErrNotZip) {
		t.Errorf("junk: %v (%T), want a *PackageError wrapping ErrNotZip", err, err)
	}
	if got, want := err.Error(), "render: not a zip archive: zip: not a valid zip file"; got != want {
		t.Errorf("junk: %q, want %q (wrapped once)", got, want)
	}
	b := zipParts(t, spec{}.parts())
	_, err = Parse(bytes.NewReader(b), int64(len(b)), WithLimits(Limits{MaxParts: 2}))
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxParts" || le.Max != 2 || !errors.Is(err, ErrTooLarge) {
		t.Errorf("limit: %v, want a *LimitError on MaxParts", err)
	}
}
