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
// To add a case: append a diffCase to diffCases; if it needs a new kind of
// tag, add a method to tags and write it in both goTags and dtTags; if it
// needs files besides the document (media, relationships), set parts, and
// compared for the parts whose text is compared besides the document.
//
// Pictures and links: docxtemplater's image and link modules are paid and
// not installed here, so dtTags writes nothing for {{image}} and only the
// text for {{link}}. Their cases compare the text around them and the
// structure, with the pictures and hyperlinks counted as a known
// deviation; the pictures themselves (sizes, media parts, ids) and the
// links (relationships, style) are compared by the golden files (cases
// pictures, word-picture, libreoffice-picture and links of TestGolden).
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
	image(key string) string         // a picture from .key, 2 cm wide
	link(url, text string) string    // a hyperlink to .url showing .text
}

type goTags struct{}

func (goTags) open(kw, key string) string { return "{{" + kw + " ." + key + "}}" }
func (goTags) not(key string) string      { return "{{if not ." + key + "}}" }
func (goTags) end() string                { return "{{end}}" }
func (goTags) val(key string) string      { return "{{." + key + "}}" }
func (goTags) image(key string) string    { return "{{image " + goKey(key) + ` "2cm"}}` }
func (goTags) link(url, text string) string {
	return "{{link " + goKey(url) + " " + goKey(text) + "}}"
}

// goKey writes key as a Go field: .key, or as it is for $.key (the data
// from inside a loop; docxtemplater finds {key} in the enclosing scopes by
// itself).
func goKey(key string) string {
	if strings.HasPrefix(key, "$") {
		return key
	}
	return "." + key
}

type dtTags struct{ stack []string }

func (d *dtTags) open(_, key string) string { d.stack = append(d.stack, key); return "{#" + key + "}" }
func (d *dtTags) not(key string) string     { d.stack = append(d.stack, key); return "{^" + key + "}" }
func (d *dtTags) end() string {
	k := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	return "{/" + k + "}"
}
func (d *dtTags) val(key string) string { return "{" + key + "}" }

// image writes nothing: docxtemplater's image module is not installed.
func (d *dtTags) image(string) string { return "" }

// link writes the text alone: docxtemplater's link module is not installed.
func (d *dtTags) link(_, text string) string { return "{" + strings.TrimPrefix(text, "$.") + "}" }

// inTags rewrites a part written with Go value actions ({{.key}}, possibly
// split across runs as "{{." "key" "}}") into t's syntax.
func inTags(t tags, s string) string {
	if _, ok := t.(*dtTags); ok {
		return strings.NewReplacer("{{.", "{", "}}", "}").Replace(s)
	}
	return s
}

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
	// tagged gives parts written in t's syntax, replacing those of parts.
	tagged func(t tags) map[string]string
	// compared lists the parts whose text is compared besides the document
	// (every text element of a part that is not WordprocessingML).
	compared []string
	// check, when set, checks more of both outputs (the whole packages).
	check func(t *testing.T, goRaw, dtRaw []byte)
}

// deviation is a structure where labelkit deliberately differs from
// docxtemplater, and why.
type deviation struct{ labelkit, docxtemplater, why string }

func diffCases() []diffCase {
	items := []map[string]any{{"name": "Audit", "amount": "1 200 €"}, {"name": "Formation", "amount": "800 €"}, {"name": "Suivi", "amount": "300 €"}}
	data := map[string]any{"items": items, "none": []any{}, "yes": true, "no": false, "title": "Convention & co",
		"signer": map[string]any{"name": "Mme Durand"}}
	pics := map[string]any{"items": items, "logo": solid("png", 200, 100, red), "url": "https://esante.gouv.fr/", "site": "l'ANS"}
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
		{name: "pictures from data", bullet: "pictures", data: pics, body: func(t tags) string {
			return wordP("Logo : "+t.image("logo")+" fin.") + wordP(t.open("range", "items")) + wordP("Poste "+t.val("name")+" "+t.image("$.logo")) + wordP(t.end()) + wordP("Fin")
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 4, hyperlinks 0",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			why:           "docxtemplater's image module is paid and not installed; the pictures are compared by golden files",
		}},
		{name: "picture whose alt text is an action", bullet: "pictures", data: pics, parts: imageParts, body: func(t tags) string {
			return wordP(t.open("range", "items")) + `<w:p>` + textRun("Poste "+t.val("name")+" ") + altPicture("{{$.logo}}") + `</w:p>` + wordP(t.end())
		}, check: func(t *testing.T, goRaw, _ []byte) {
			// docxtemplater keeps the template's picture (alt text is not
			// its text); labelkit puts the data's in its place.
			d := openDocx(t, goRaw)
			if got := strings.Count(string(d.parts["word/_rels/document.xml.rels"]), "/image\""); got < 2 {
				t.Errorf("labelkit: %d picture relationships, want the template's and the data's", got)
			}
		}},
		{name: "links", bullet: "links", data: pics, body: func(t tags) string {
			return wordP("Site : "+t.link("url", "site")+".") + wordP(t.open("range", "items")) + wordP(t.val("name")+" : "+t.link("$.url", "$.site")) + wordP(t.end())
		}, differs: &deviation{
			labelkit:      "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 0, hyperlinks 4",
			docxtemplater: "tables with rows 0, rows 0, sections 1, page breaks 0, column breaks 0, pictures 0, hyperlinks 0",
			why:           "docxtemplater's link module is paid and not installed: the link text is compared, the links by the golden file links",
		}},
		{name: "every text part docxtemplater templates", bullet: "parts", data: everyPartData,
			parts: func(string) map[string]string { return everyPart() },
			body:  func(t tags) string { return "" },
			tagged: func(t tags) map[string]string {
				parts := everyPart()
				for n, s := range parts {
					parts[n] = inTags(t, s)
				}
				parts["word/header1.xml"] = strings.Replace(parts["word/header1.xml"], "En-tête", "En-tête "+t.val("ref"), 1)
				parts["word/footer1.xml"] = strings.Replace(parts["word/footer1.xml"], "Pied de page", t.val("company")+" – pied de page", 1)
				parts["docProps/core.xml"] = strings.Replace(parts["docProps/core.xml"], "Document de test", "Convention "+t.val("ref"), 1)
				parts["docProps/custom.xml"] = strings.Replace(parts["docProps/custom.xml"], ">REF<", ">"+t.val("ref")+"<", 1)
				return parts
			},
			// Charts and endnotes are left out: docxtemplater does not
			// template them (labelkit does: golden case every-part).
			compared: []string{"word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/comments.xml", "docProps/core.xml",
				"docProps/app.xml", "docProps/custom.xml", "word/diagrams/data1.xml", "word/diagrams/drawing1.xml"},
		},
		{name: "footnote in a loop", bullet: "notes", data: data,
			parts: func(body string) map[string]string {
				return notesParts(body, footnote("1", " Source."), "", "", false)
			},
			body: func(t tags) string {
				return wordP("Début") + wordP(t.open("range", "items")) + `<w:p>` + textRun("Poste "+t.val("name")) + footnoteRef("1") + `</w:p>` + wordP(t.end()) + wordP("Fin")
			},
			check: func(t *testing.T, goRaw, dtRaw []byte) {
				// labelkit: one note per repetition, ids 1, 2, 3;
				// docxtemplater repeats the reference with its id (one
				// note shown three times; the validator flags it).
				for _, x := range []struct {
					engine      string
					raw         []byte
					refs, notes string
				}{{"labelkit", goRaw, "1 2 3", "-1 0 1 2 3"}, {"docxtemplater", dtRaw, "1 1 1", "-1 0 1"}} {
					d := openDocx(t, x.raw)
					refs := strings.Join(noteIDs(d.parts["word/document.xml"])["footnoteReference"], " ")
					notes := strings.Join(noteIDs(d.parts["word/footnotes.xml"])["footnote"], " ")
					if refs != x.refs || notes != x.notes {
						t.Errorf("%s: footnote references %q and notes %q, want %q and %q", x.engine, refs, notes, x.refs, x.notes)
					}
				}
			},
		},
	}
}

// textRun is a run of text (tr, in diffCases, is a table row).
func textRun(text string) string { return tr(text) }

// leafText returns the text of a part's elements that hold only text, one
// per line (properties, DrawingML).
func leafText(part []byte) string {
	var lines []string
	for _, m := range leafRE.FindAllSubmatch(part, -1) {
		lines = append(lines, unescape(string(m[1])))
	}
	return strings.Join(lines, "\n")
}

var leafRE = regexp.MustCompile(`>([^<>]+)</`)

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
		build := func(tt tags) map[string]string {
			ps := parts(c.body(tt))
			if c.tagged != nil {
				for n, s := range c.tagged(tt) {
					ps[n] = s
				}
			}
			return ps
		}
		dt := zipParts(t, build(&dtTags{}))
		if err := os.WriteFile(base+"-dt-template.docx", dt, 0o644); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{In: base + "-dt-template.docx", Out: base + "-dt.docx", Data: c.data})
		goOuts = append(goOuts, "")
		goTmpl := zipParts(t, build(goTags{}))
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
		for _, name := range c.compared {
			gp, dp := partOf(t, goRaw, name), partOf(t, dtRaw, name)
			g, d := leafText(gp), leafText(dp)
			if strings.HasPrefix(name, "word/") && !strings.HasPrefix(name, "word/diagrams/") {
				g, d = readerText(gp), readerText(dp)
			}
			if g != d {
				t.Errorf("%s (%s): text of %s differs:\n--- labelkit\n%s\n--- docxtemplater\n%s", c.name, c.bullet, name, g, d)
			}
		}
		if c.check != nil {
			c.check(t, goRaw, dtRaw)
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
