package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/esante/labelkit/internal/clienttest"
)

// The differential test renders the same templates with docxtemplater (the
// market leader, Node; paragraphLoop and linebreaks on, as in the peers
// benchmark) and with this package, and compares what a reader sees: the
// text of each paragraph, and the number of tables (with rows), rows,
// sections, page breaks, pictures and hyperlinks.
//
// Each case writes its template once, through tags, which gives the
// docxtemplater tags ({#items}, {/items}, {^x}, {name}) or the Go actions
// ({{range .items}}, {{end}}, {{if not .x}}, {{.name}}). Paragraphs are
// written as Word writes them (wordP: runs split every few characters, with
// w:rsid attributes and proofing marks between them), so that tags split
// across runs are exercised in both engines.
//
// To add a case (pictures, links...): append a diffCase to diffCases; if it
// needs a new kind of tag, add a method to tags and write it in both
// goTags and dtTags (e.g. image(key) giving "{%logo}" for docxtemplater's
// image module, which is not installed here: a case whose engine cannot
// render it sets goOnly and states what it checks); if it needs files
// besides the document (media, relationships), set parts. counts already
// compares pictures (w:drawing) and hyperlinks (w:hyperlink).
//
// docxtemplater is installed as a test tool from
// testdata/docxtemplater/package-lock.json (npm ci, as .ci/run does); the
// test is skipped when node or the package is missing, unless
// LABELKIT_REAL_CLIENTS=require.

// tags writes actions in one engine's syntax.
type tags interface {
	open(keyword, key string) string // range, if or with over .key: {#key}
	not(key string) string           // {{if not .key}}: {^key}
	end() string                     // closes the last open: {/key}
	val(key string) string           // prints .key: {key}
}

type goTags struct{}

func (goTags) open(kw, key string) string { return "{{" + kw + " ." + key + "}}" }
func (goTags) not(key string) string      { return "{{if not ." + key + "}}" }
func (goTags) end() string                { return "{{end}}" }
func (goTags) val(key string) string      { return "{{." + key + "}}" }

type dtTags struct{ stack []string }

func (d *dtTags) open(_, key string) string { d.stack = append(d.stack, key); return "{#" + key + "}" }
func (d *dtTags) not(key string) string     { d.stack = append(d.stack, key); return "{^" + key + "}" }
func (d *dtTags) end() string {
	k := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	return "{/" + k + "}"
}
func (d *dtTags) val(key string) string { return "{" + key + "}" }

// wordP writes text as one Word paragraph: runs of at most 4 characters,
// w:rsid attributes, a proofing mark between every other run, and extra
// (pPr, trailing run content such as a page break) where given.
func wordP(text string, extra ...string) string {
	var b strings.Builder
	b.WriteString(`<w:p w:rsidR="00B2310F" w:rsidRDefault="00B2310F">`)
	rest := ""
	for _, x := range extra {
		if strings.HasPrefix(x, "<w:pPr>") {
			b.WriteString(x)
		} else {
			rest += x
		}
	}
	for i, n := 0, 0; i < len(text); n++ {
		j := i
		for k := 0; k < 4 && j < len(text); k++ {
			_, size := utf8.DecodeRuneInString(text[j:])
			j += size
		}
		if n%2 == 1 {
			b.WriteString(`<w:proofErr w:type="spellStart"/>`)
		}
		fmt.Fprintf(&b, `<w:r w:rsidRPr="00C4%04d"><w:t xml:space="preserve">%s</w:t></w:r>`, n, text[i:j])
		if n%2 == 1 {
			b.WriteString(`<w:proofErr w:type="spellEnd"/>`)
		}
		i = j
	}
	b.WriteString(rest)
	b.WriteString(`</w:p>`)
	return b.String()
}

const (
	pageBreak   = `<w:r><w:br w:type="page"/></w:r>`
	columnBreak = `<w:r><w:br w:type="column"/></w:r>`
)

// diffCase is one template written for both engines.
type diffCase struct {
	name   string
	bullet string // what of the issue it covers
	body   func(t tags) string
	data   map[string]any
	parts  func(body string) map[string]string // the package; default spec{body: body}.parts()
	// differs, when set, is a deliberate difference of structure: both
	// engines' counts are checked against it.
	differs *deviation
	// blankLines, when set, says why docxtemplater leaves empty paragraphs
	// that labelkit removes: text is compared without empty paragraphs.
	blankLines string
}

// deviation is a structure where labelkit deliberately differs from
// docxtemplater, and why.
type deviation struct{ labelkit, docxtemplater, why string }

func diffCases() []diffCase {
	items := []map[string]any{{"name": "Audit", "amount": "1 200 €"}, {"name": "Formation", "amount": "800 €"}, {"name": "Suivi", "amount": "300 €"}}
	data := map[string]any{"items": items, "none": []any{}, "yes": true, "no": false, "title": "Convention & co",
		"signer": map[string]any{"name": "Mme Durand"}}
	cell := func(s string) string {
		return `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>` + s + `</w:tc>`
	}
	sdtCell := func(id, s string) string {
		return `<w:sdt><w:sdtPr><w:id w:val="` + id + `"/></w:sdtPr><w:sdtContent>` + cell(s) + `</w:sdtContent></w:sdt>`
	}
	tr := func(cells ...string) string { return `<w:tr w:rsidR="00B2310F">` + strings.Join(cells, "") + `</w:tr>` }
	return []diffCase{
		{name: "paragraph loop", bullet: "base", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items")) + wordP("Élément "+t.val("name")+" : "+t.val("amount")) + wordP(t.end()) + wordP("Fin")
		}},
		{name: "conditions", bullet: "base", data: data, body: func(t tags) string {
			return wordP(t.open("if", "yes")) + wordP("Affiché") + wordP(t.end()) + wordP(t.open("if", "no")) + wordP("Masqué") + wordP(t.end()) +
				wordP("Avant "+t.open("if", "yes")+"oui"+t.end()+t.not("yes")+"non"+t.end()+" après") +
				wordP(t.open("with", "signer")) + wordP("Signé : "+t.val("name")) + wordP(t.end())
		}},
		{name: "row loop", bullet: "rows", data: data, body: func(t tags) string {
			return wordP("Tableau") + tblOpen + tr(cell(wordP("Nom")), cell(wordP("Montant"))) +
				tr(cell(wordP(t.open("range", "items")+t.val("name"))), cell(wordP(t.val("amount")+t.end()))) + tblClose + wordP("Fin")
		}},
		{name: "row loop, cells in content controls", bullet: "4", data: data, body: func(t tags) string {
			return wordP("Tableau") + tblOpen + tr(cell(wordP("Nom")), cell(wordP("Montant"))) +
				tr(sdtCell("11", wordP(t.open("range", "items")+t.val("name"))), sdtCell("12", wordP(t.val("amount")+t.end()))) + tblClose + wordP("Fin")
		}},
		{name: "row loop, row in a content control", bullet: "4", data: data, body: func(t tags) string {
			return wordP("Tableau") + tblOpen + tr(cell(wordP("Nom")), cell(wordP("Montant"))) +
				`<w:sdt><w:sdtPr><w:id w:val="13"/></w:sdtPr><w:sdtContent>` +
				tr(cell(wordP(t.open("range", "items")+t.val("name"))), cell(wordP(t.val("amount")+t.end()))) +
				`</w:sdtContent></w:sdt>` + tblClose + wordP("Fin")
		}},
		{name: "page break after each item", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items")) + wordP("Élément "+t.val("name")) + wordP(t.end(), pageBreak) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 1, page breaks 3, column breaks 0, pictures 0, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 1, column breaks 0, pictures 0, hyperlinks 0",
			why:           "the page break beside {{end}} goes with each item (each starts a page), as issue #10 asks; docxtemplater prints it once, after the last item",
		}},
		{name: "page break before each item", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items"), pageBreak) + wordP("Élément "+t.val("name")) + wordP(t.end()) + wordP("Fin")
		}},
		{name: "page break, condition", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("if", "yes")) + wordP("Annexe") + wordP(t.end(), pageBreak) +
				wordP(t.open("if", "no")) + wordP("Jamais") + wordP(t.end(), pageBreak) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 1, page breaks 1, column breaks 0, pictures 0, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 2, column breaks 0, pictures 0, hyperlinks 0",
			why:           "the page break beside {{end}} goes with the conditional content: a false {{if}} leaves no page break (docxtemplater leaves a blank page)",
		}},
		{name: "column break", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items")) + wordP("Élément "+t.val("name")) + wordP(t.end(), columnBreak) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 3, pictures 0, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			why:           "a column break goes with each item like a page break; docxtemplater drops it",
		}},
		{name: "section per item", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items")) + wordP("Élément "+t.val("name")) +
				wordP(t.end(), `<w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:pPr>`) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 4, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			why:           "section properties beside {{end}} end each item's section (a loop over a section); docxtemplater loses them",
		}},
		{name: "section, empty loop", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "none")) + wordP("Élément "+t.val("name")) +
				wordP(t.end(), `<w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:pPr>`) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 2, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 2, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			why:           "(same counts) an empty loop keeps the section once, as docxtemplater does",
		}},
		{name: "section before a loop", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items"), `<w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:pPr>`) +
				wordP("Élément "+t.val("name")) + wordP(t.end()) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 2, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			why:           "section properties beside an opening action end the section before the block, once; docxtemplater loses them",
		}},
		{name: "drawing anchored beside a loop", bullet: "2", data: data, parts: imageParts, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items"), drawingXML) + wordP("Élément "+t.val("name")) + wordP(t.end()) + wordP("Fin")
		}},
		{name: "bookmarks", bullet: "2", data: data, body: func(t tags) string {
			return wordP("Début") + wordP(t.open("range", "items"), `<w:bookmarkStart w:id="5" w:name="liste"/><w:bookmarkEnd w:id="5"/>`) + wordP("Élément "+t.val("name")) + wordP(t.end()) + wordP("Fin")
		}},
		{name: "loop from inside a paragraph to a later one", bullet: "3", data: data, body: func(t tags) string {
			return wordP("Intro") + wordP(t.open("range", "items")+" Poste "+t.val("name")) + wordP("Montant "+t.val("amount")) + wordP(t.end()) + wordP("Fin")
		}, blankLines: "docxtemplater's paragraphLoop needs both tags alone in their paragraphs; otherwise it keeps the {/items} paragraph as a blank line"},
		{name: "condition from inside a paragraph to the end of a later one", bullet: "3", data: data, body: func(t tags) string {
			return wordP("Intro") + wordP(t.open("if", "yes")+"Oui, ") + wordP("vraiment"+t.end()) + wordP(t.open("if", "no")+"Non, ") + wordP("jamais"+t.end()) + wordP("Fin")
		}, blankLines: "docxtemplater keeps the paragraph where a false block that spans paragraphs started, as a blank line"},
		{name: "table whose rows all disappear", bullet: "6", data: data, body: func(t tags) string {
			return wordP("Avant") + tblOpen + tr(cell(wordP(t.open("range", "none")+t.val("name"))), cell(wordP(t.val("amount")+t.end()))) + tblClose + wordP("Après")
		}},
	}
}

var (
	tableRE     = regexp.MustCompile(`(?s)<w:tbl>.*?<w:tr[ >]`)
	rowRE       = regexp.MustCompile(`<w:tr[ >]`)
	sectRE      = regexp.MustCompile(`<w:sectPr[ >]`)
	pageBreakRE = regexp.MustCompile(`<w:br w:type="page"/>|<w:pageBreakBefore/>`)
	colBreakRE  = regexp.MustCompile(`<w:br w:type="column"/>`)
	drawingRE   = regexp.MustCompile(`<w:drawing>`)
	linkRE      = regexp.MustCompile(`<w:hyperlink[ >]`)
)

// counts describes a rendered document's structure for comparison.
func counts(doc []byte) string {
	return fmt.Sprintf("tables with rows %d, rows %d, sections %d, page breaks %d, column breaks %d, pictures %d, hyperlinks %d",
		len(tableRE.FindAll(doc, -1)), len(rowRE.FindAll(doc, -1)), len(sectRE.FindAll(doc, -1)),
		len(pageBreakRE.FindAll(doc, -1)), len(colBreakRE.FindAll(doc, -1)), len(drawingRE.FindAll(doc, -1)), len(linkRE.FindAll(doc, -1)))
}

func noBlankLines(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// readerText returns the text of each paragraph of doc, leaving out the
// paragraphs without text that hold a break or section properties: those
// are structure, compared by counts.
func readerText(doc []byte) string {
	var lines []string
	for _, p := range paraRE.FindAll(doc, -1) {
		line := strings.Join(docText(p), "")
		if line == "" && (pageBreakRE.Match(p) || colBreakRE.Match(p) || sectRE.Match(p)) {
			continue
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func TestDifferentialDocxtemplater(t *testing.T) {
	if testing.Short() && clienttest.Mode() != "require" {
		t.Skip("real clients are slow; skipped with -short")
	}
	node := clienttest.Need(t, "node")[0]
	tool, err := filepath.Abs("testdata/docxtemplater")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(tool, "node_modules", "docxtemplater")); err != nil {
		if clienttest.Mode() == "require" {
			t.Fatalf("docxtemplater not installed (run npm ci in %s): %v", tool, err)
		}
		t.Skipf("docxtemplater not installed (run npm ci in %s; %s=require fails instead)", tool, clienttest.EnvVar)
	}
	dir := t.TempDir()
	cases := diffCases()
	type job struct {
		In   string         `json:"in"`
		Out  string         `json:"out"`
		Data map[string]any `json:"data"`
	}
	var jobs []job
	var goOuts []string
	for i, c := range cases {
		base := filepath.Join(dir, fmt.Sprintf("case%02d", i))
		parts := c.parts
		if parts == nil {
			parts = func(body string) map[string]string { return spec{body: body}.parts() }
		}
		dt := zipParts(t, parts(c.body(&dtTags{})))
		if err := os.WriteFile(base+"-dt-template.docx", dt, 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{In: base + "-dt-template.docx", Out: base + "-dt.docx", Data: c.data})
		goOuts = append(goOuts, "")
		goTmpl := zipParts(t, parts(c.body(goTags{})))
		tmpl, err := Parse(bytes.NewReader(goTmpl), int64(len(goTmpl)))
		if err != nil {
			t.Errorf("%s: Parse: %v", c.name, err)
			continue
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, c.data); err != nil {
			t.Errorf("%s: Execute: %v", c.name, err)
			continue
		}
		if err := os.WriteFile(base+"-go.docx", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		goOuts[i] = base + "-go.docx"
	}
	raw, err := json.Marshal(jobs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "jobs.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), node, filepath.Join(tool, "render.js"), filepath.Join(dir, "jobs.json"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("docxtemplater: %v\n%s", err, out)
	}
	results := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(results) != len(cases) {
		t.Fatalf("docxtemplater printed %d results for %d cases:\n%s", len(results), len(cases), out)
	}
	for i, c := range cases {
		var res struct{ Out, Error string }
		if err := json.Unmarshal([]byte(results[i]), &res); err != nil || res.Error != "" {
			t.Errorf("%s: docxtemplater failed: %v %s", c.name, err, res.Error)
			continue
		}
		dtRaw, err := os.ReadFile(res.Out)
		if err != nil {
			t.Fatal(err)
		}
		if goOuts[i] == "" {
			t.Logf("%s: docxtemplater gives %s: %q", c.name, counts(partOf(t, dtRaw, "word/document.xml")), docText(partOf(t, dtRaw, "word/document.xml")))
			continue
		}
		goRaw, err := os.ReadFile(goOuts[i])
		if err != nil {
			t.Fatal(err)
		}
		dtDoc := partOf(t, dtRaw, "word/document.xml")
		goDoc := partOf(t, goRaw, "word/document.xml")
		g, d := readerText(goDoc), readerText(dtDoc)
		if c.blankLines != "" {
			g, d = noBlankLines(g), noBlankLines(d)
		}
		if g != d {
			t.Errorf("%s (%s): paragraph text differs:\n--- labelkit\n%s\n--- docxtemplater\n%s", c.name, c.bullet, g, d)
		}
		g, d = counts(goDoc), counts(dtDoc)
		switch {
		case c.differs != nil && (g != c.differs.labelkit || d != c.differs.docxtemplater):
			t.Errorf("%s (%s): structure is not the known deviation (%s):\nlabelkit:      %s\n         want: %s\ndocxtemplater: %s\n         want: %s",
				c.name, c.bullet, c.differs.why, g, c.differs.labelkit, d, c.differs.docxtemplater)
		case c.differs == nil && g != d:
			t.Errorf("%s (%s): structure differs:\nlabelkit:      %s\ndocxtemplater: %s", c.name, c.bullet, g, d)
		}
	}
	var valid []string
	for _, o := range goOuts {
		if o != "" {
			valid = append(valid, o)
		}
	}
	clienttest.Validate(t, valid...)
}
