package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/esante/labelkit/frfuncs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCase is a template, data, and what a reader must see in the
// rendered document (checked in the PDF LibreOffice makes of it).
type goldenCase struct {
	name   string
	load   func(t testing.TB) *Template
	data   any
	see    []string // present in the PDF text
	absent []string // absent from the PDF text
}

func fromSpec(s spec, opts ...Option) func(t testing.TB) *Template {
	return func(t testing.TB) *Template { return mustParse(t, s, opts...) }
}

// hostileValue exercises escaping: markup characters, quotes, a newline, a
// tab, emoji, accents, and characters XML forbids (dropped).
const hostileValue = "Lefèvre & Fils <SARL> \"l'atelier\"\nligne 2\tcolonne 🎉 œuvre\x00\x0b\uFFFF fin"

func goldenCases() []goldenCase {
	professions := []map[string]any{
		{"label": "Médecin généraliste", "selected": true, "note": ""},
		{"label": "Infirmier", "selected": false, "note": "en centre"},
		{"label": "Chirurgien-dentiste", "selected": true, "note": ""},
	}
	return append([]goldenCase{
		{
			name: "paragraphs",
			load: fromSpec(spec{body: p("Début") + p("{{range .items}}") + p("Élément {{.}}") + p("{{end}}") +
				p("{{if .yes}}") + p("Affiché") + p("{{else}}") + p("Masqué") + p("{{end}}") +
				p("{{if .no}}Ligne jamais affichée{{end}}") + p("{{if .yes}}Ligne conditionnelle {{len .items}}{{end}}") +
				p("{{/* un commentaire */}}") + p("{{$n := len .items}}") + p("Nombre : {{$n}} ; {{if .yes}}oui{{else}}non{{end}}") + p("Fin")}),
			data:   map[string]any{"items": []string{"un", "deux", "trois"}, "yes": true, "no": false},
			see:    []string{"Début", "Élément un", "Élément trois", "Affiché", "Ligne conditionnelle 3", "Nombre : 3 ; oui", "Fin"},
			absent: []string{"Masqué", "jamais", "{{", "}}"},
		},
		{
			name: "split-runs",
			load: fromSpec(spec{body: runs("Deux runs : {{.na", "me}}.") +
				`<w:p><w:r><w:t xml:space="preserve">Trois runs : {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>{.na</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">me}}.</w:t></w:r></w:p>` +
				`<w:p><w:r><w:t xml:space="preserve">Cinq runs : </w:t></w:r><w:r><w:t>{</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>{</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>.</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t>na</w:t></w:r><w:proofErr w:type="gramStart"/><w:r><w:t xml:space="preserve">me}}.</w:t></w:r><w:proofErr w:type="gramEnd"/></w:p>` +
				runs("Guillemets : {{printf “%s !” .name}}", " et {{if eq .name “X”}}{{end}}fin.")}),
			data:   map[string]any{"name": "Zoé"},
			see:    []string{"Deux runs : Zoé.", "Trois runs : Zoé.", "Cinq runs : Zoé.", "Guillemets : Zoé ! et fin."},
			absent: []string{"{{", "}}"},
		},
		{
			name: "tables",
			load: fromSpec(spec{body: tblOpen + row(p("Désignation"), p("Montant")) +
				row(p("{{range .items}}{{.name}}"), p("{{.amount}}{{end}}")) +
				row(p("{{range .items}}"), p("")) + row(p("Bis {{.name}}"), p("{{.amount}}")) + row(p("{{end}}"), p("")) +
				row(p("{{if .total}}"), p("")) + row(p("Total"), p("{{.total}}")) + row(p("{{end}}"), p("")) +
				row(p("{{if .none}}"), p("")) + row(p("Jamais"), p("")) + row(p("{{end}}"), p("")) +
				row(p("{{if .none}}")+p("cellule conditionnelle")+p("{{end}}"), p("{{range .items}}")+p("{{.name}}")+p("{{end}}")) +
				row(p("{{range .items}}")+p("Ter {{.name}}"), p("{{.amount}}")+p("{{end}}")) +
				row(p("{{if .none}}jamais{{end}}"), p("{{if not .none}}Toujours{{end}}")) +
				tblClose + p("Après le tableau")}),
			data: map[string]any{"items": []map[string]any{{"name": "Audit", "amount": "1 200,00 €"}, {"name": "Formation", "amount": "800,00 €"}},
				"total": "2 000,00 €", "none": false},
			see:    []string{"Audit", "Formation", "Bis Audit", "Bis Formation", "Total", "2 000,00 €", "Ter Formation", "Toujours", "Après le tableau"},
			absent: []string{"Jamais", "cellule conditionnelle", "{{"},
		},
		{
			name: "nested",
			load: fromSpec(spec{body: p("{{range .groups}}") + p("Groupe {{.name}} ({{$.org}})") + p("{{range .members}}") +
				p("{{if .lead}}Responsable{{else}}Membre{{end}} : {{.name}}") + p("{{end}}") + p("{{end}}") +
				tblOpen + row(p("{{range .groups}}{{.name}}"), p("{{range .members}}{{.name}} {{end}}{{end}}")) + tblClose}),
			data: map[string]any{"org": "ANS", "groups": []map[string]any{
				{"name": "A", "members": []map[string]any{{"name": "Ana", "lead": true}, {"name": "Bob", "lead": false}}},
				{"name": "B", "members": []map[string]any{}}}},
			see:    []string{"Groupe A (ANS)", "Responsable : Ana", "Membre : Bob", "Groupe B (ANS)", "Ana Bob"},
			absent: []string{"{{"},
		},
		{
			name: "repeated-ids",
			load: func(t testing.TB) *Template {
				parts := spec{body: p("{{range .l}}") + `<w:p w14:paraId="1A2B3C4D" w14:textId="77777777"><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>Élément {{.}}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>` +
					`<w:sdt><w:sdtPr><w:id w:val="12"/></w:sdtPr><w:sdtContent><w:p w14:paraId="1A2B3C4E" w14:textId="77777777"><w:r><w:t>Contrôle</w:t></w:r></w:p></w:sdtContent></w:sdt>` + p("{{end}}") +
					`<w:p w14:paraId="1A2B3C4F" w14:textId="77777777"><w:bookmarkStart w:id="1" w:name="liste"/><w:r><w:t>Liste : {{range .l}}{{.}} {{end}}</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>`}.parts()
				parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], "<w:document ",
					`<w:document xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14" `, 1)
				b := zipParts(t, parts)
				tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Fatal(err)
				}
				return tmpl
			},
			data:   map[string]any{"l": []string{"un", "deux"}},
			see:    []string{"Élément un", "Élément deux", "Contrôle", "Liste : un deux"},
			absent: []string{"{{"},
		},
		{
			name: "word-features",
			load: fromSpec(spec{body: `<w:p><w:r><w:t xml:space="preserve">Voir </w:t></w:r><w:hyperlink w:anchor="annexe" w:history="1"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>l’annexe {{.annex}}</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>` +
				`<w:p><w:ins w:id="1" w:author="ANS" w:date="2019-07-01T00:00:00Z"><w:r><w:t>Ajout : {{.added}}</w:t></w:r></w:ins><w:del w:id="2" w:author="ANS" w:date="2019-07-01T00:00:00Z"><w:r><w:delText>{{retiré}}</w:delText></w:r></w:del></w:p>` +
				`<w:p><w:sdt><w:sdtPr><w:alias w:val="Société"/></w:sdtPr><w:sdtContent><w:r><w:t>{{.company}}</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space="preserve"> – page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
				tblOpen + row(p("{{range .groups}}{{.name}}"), tblOpen+row(p("{{range .members}}{{.}}"), p("{{end}}"))+tblClose+p("{{end}}")) + tblClose +
				`<w:p><w:bookmarkStart w:id="3" w:name="annexe"/><w:r><w:t>Annexe {{.annex}}</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>`}),
			data: map[string]any{"annex": "2", "added": "oui", "company": "Lefèvre & Fils",
				"groups": []map[string]any{{"name": "G1", "members": []string{"m1", "m2"}}, {"name": "G2", "members": []string{"m3"}}}},
			see:    []string{"Voir l’annexe 2.", "Ajout : oui", "Lefèvre & Fils – page 1", "G1", "m1", "m2", "G2", "m3", "Annexe 2"},
			absent: []string{"{{."},
		},
		{
			name: "drawings",
			load: func(t testing.TB) *Template {
				body := p("{{range .l}}") + `<w:p><w:r><w:t xml:space="preserve">Logo {{.}} </w:t></w:r>` + drawingXML + `</w:p>` + p("{{end}}") +
					`<w:p><w:r><w:t xml:space="preserve">Hors boucle </w:t></w:r>` + strings.Replace(drawingXML, `id="7"`, `id="8"`, 1) + `</w:p>`
				b := zipParts(t, imageParts(body))
				tmpl, err := Parse(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Fatal(err)
				}
				return tmpl
			},
			data: map[string]any{"l": []string{"un", "deux", "trois"}},
			see:  []string{"Logo un", "Logo deux", "Logo trois", "Hors boucle"},
		},
		{
			name: "fallbacks",
			load: fromSpec(spec{
				body: p("Avant") + tblOpen + row(p("{{range .none}}{{.}}"), p("{{end}}")) + tblClose +
					tblOpen + row(p("{{if .no}}")+p("x")+p("{{end}}"), p("{{if .no}}y{{end}}")) + tblClose + p("Après"),
				header: p("{{if .no}}") + p("en-tête") + p("{{end}}"),
				footer: p("{{if .no}}pied{{end}}"),
			}),
			data:   map[string]any{"no": false, "none": []string{}},
			see:    []string{"Avant", "Après"},
			absent: []string{"en-tête", "pied", "{{"},
		},
		{
			name: "controlled-rows",
			load: fromSpec(spec{body: p("Avant") + tblOpen + row(p("Nom"), p("Valeur")) +
				`<w:tr><w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{range .items}}{{.name}}</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>` +
				`<w:sdt><w:sdtPr><w:id w:val="2"/></w:sdtPr><w:sdtContent><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{.amount}}{{end}}</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr>` +
				`<w:sdt><w:sdtPr><w:id w:val="3"/></w:sdtPr><w:sdtContent>` + row(p("{{range .items}}Bis {{.name}}"), p("{{.amount}}{{end}}")) + `</w:sdtContent></w:sdt>` +
				tblClose + tblOpen + row(p("{{range .none}}{{.}}"), p("{{end}}")) + tblClose + p("Entre") +
				p("{{range .items}}") + tblOpen + row(p("{{.name}}"), p("{{.amount}}")) + tblClose + p("{{end}}")}),
			data:   map[string]any{"items": []map[string]any{{"name": "Audit", "amount": "1 200,00 €"}, {"name": "Formation", "amount": "800,00 €"}}, "none": []string{}},
			see:    []string{"Avant", "Audit", "800,00 €", "Bis Formation", "Entre"},
			absent: []string{"{{"},
		},
		{
			name: "non-text-blocks",
			load: fromSpec(spec{body: p("Début") + `<w:p><w:bookmarkStart w:id="3" w:name="liste"/><w:r><w:t>{{range .items}}</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>` +
				p("Élément {{.}}") + `<w:p><w:r><w:t>{{end}}</w:t><w:br w:type="page"/></w:r></w:p>` +
				p("{{range .items}}") + p("Section {{.}}") + `<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:pPr><w:r><w:t>{{end}}</w:t></w:r></w:p>` +
				p("{{if .no}}") + p("Jamais") + `<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:pPr><w:r><w:t>{{end}}</w:t></w:r></w:p>` +
				p("Fin")}),
			data:   map[string]any{"items": []string{"un", "deux"}, "no": false},
			see:    []string{"Début", "Élément un", "Élément deux", "Section un", "Section deux", "Fin"},
			absent: []string{"Jamais", "{{"},
		},
		{
			name: "header-footer-props",
			load: fromSpec(spec{body: p("Corps du document"), header: p("En-tête : {{.ref}}"), footer: p("{{.org}} – pied de page"),
				title: "Convention {{.ref}}", custom: "{{.ref}}"}),
			data: map[string]any{"ref": "CONV-2019/07 & co", "org": "Agence <numérique>"},
			see:  []string{"En-tête : CONV-2019/07 & co", "Agence <numérique> – pied de page", "Corps du document"},
		},
		{
			name:   "every-part",
			load:   func(t testing.TB) *Template { return parseParts(t, everyPart()) },
			data:   everyPartData,
			see:    []string{"Convention CONV-2026/12", "Encadré : Lefèvre & Fils <SARL>", "Objet : Lefèvre & Fils <SARL>", "Activité 2026 du centre", "Consultations", "Axe Nature", "Actes", "Étape Signature", "Référence CONV-2026/12 du registre.", "Signée par Mme Durand."},
			absent: []string{"{{", "}}"},
		},
		{
			name: "checkbox",
			load: fromSpec(spec{body: p("{{range .professions}}") + `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{{checkbox .selected}} {{.label}}</w:t></w:r></w:p>` + p("{{end}}") +
				p("Inline : {{if .yes}}☒{{else}}☐{{end}} oui")}),
			data:   map[string]any{"professions": professions, "yes": true},
			see:    []string{"☒ Médecin généraliste", "☐ Infirmier", "☒ Chirurgien-dentiste", "Inline : ☒ oui"},
			absent: []string{"{{"},
		},
		{
			name:   "values",
			load:   fromSpec(spec{body: p("Valeur : {{.v}}") + p("Titre : {{upperFR .v}}") + p("Date : {{dateFR .d}} / {{dateFR \"2019-07-01\"}}") + p("Liste : {{joinFR .l}}"), title: "{{.v}}"}, Funcs(frfuncs.FuncMap())),
			data:   map[string]any{"v": hostileValue, "d": time.Date(2026, 12, 1, 23, 30, 0, 0, time.FixedZone("x", -10*3600)), "l": []string{"Paris", "Lyon", "Toulouse"}},
			see:    []string{"Lefèvre & Fils <SARL> \"l'atelier\"", "ligne 2", "🎉 œuvre", "LEFÈVRE & FILS", "1er décembre 2026", "1er juillet 2019", "Paris, Lyon et Toulouse"},
			absent: []string{"&amp;", "&lt;"},
		},
		{
			name: "libreoffice",
			load: func(t testing.TB) *Template {
				tmpl, err := ParseFile("testdata/libreoffice.docx", Funcs(frfuncs.FuncMap()))
				if err != nil {
					t.Fatal(err)
				}
				return tmpl
			},
			data: map[string]any{"number": "2019-042", "agency": "l’Agence du numérique en santé", "signer": "Mme Durand",
				"company": "Société Générale d’Édition & Cie", "date": "2019-07-01", "professions": professions, "cofinancing": true,
				"rate": "50 %", "audit": false, "auditor": "Cabinet X", "contacts": []string{"A", "B"}, "notes": "ligne 1\nligne 2",
				"items": []map[string]any{{"name": "Audit", "amount": "1 200,00 €"}, {"name": "Formation", "amount": "800,00 €"}}, "total": "2 000,00 €"},
			see:    []string{"Convention n° 2019-042", "SOCIÉTÉ GÉNÉRALE D’ÉDITION & CIE", "Fait le 1er juillet 2019.", "☒ Médecin généraliste", "cofinancé à hauteur de 50 %", "Formation", "Contacts : A et B.", "Réf. 2019-042"},
			absent: []string{"Cabinet X", "{{"},
		},
		{
			name: "unpacked",
			load: func(t testing.TB) *Template {
				tmpl, err := ParseFS(os.DirFS("testdata/unpacked"), Funcs(frfuncs.FuncMap()))
				if err != nil {
					t.Fatal(err)
				}
				return tmpl
			},
			data: map[string]any{"number": "2019-042", "company": "Atelier Lefèvre & Fils", "siret": "123 456 789 00012",
				"signer": map[string]any{"name": "M. Martin", "title": "gérant"}, "professions": professions,
				"multi_year": true, "years": []int{2019, 2020, 2021}, "audit": false, "auditor": "Cabinet X",
				"modules":    []map[string]any{{"name": "Agenda", "ok": true, "features": []string{"rendez-vous", "rappels"}}, {"name": "DMP", "ok": false, "features": []string{}}},
				"show_total": true, "city": "Paris", "date": "2019-07-01", "notes": "Première ligne\nSeconde ligne", "ref_version": "4.0.2"},
			see: []string{"Convention n° 2019-042", "ATELIER LEFÈVRE & FILS", "Représentant : M. Martin, gérant", "Infirmier (en centre)",
				"pluriannuelle : 2019, 2020 et 2021.", "Agenda", "– rappels", "à compléter", "2 modules", "Fait à Paris, le 1er juillet 2019.",
				"Seconde ligne", "version 4.0.2", "Atelier Lefèvre & Fils – page"},
			absent: []string{"Cabinet X", "{{"},
		},
		{
			name: "bench",
			load: func(t testing.TB) *Template { tmpl, _ := benchInputs(t); return tmpl },
			data: func() any {
				raw, _ := os.ReadFile("testdata/bench/data.json")
				var m map[string]any
				json.Unmarshal(raw, &m)
				return m
			}(),
			see:    []string{"Atelier Lefèvre & Fils"},
			absent: []string{"{{"},
		},
	}, mediaCases()...)
}

// manifest describes a zip's entries: order, name, method, timestamps,
// sizes, checksum.
func manifest(d *docx) string {
	var b strings.Builder
	for _, f := range d.files {
		fmt.Fprintf(&b, "%s method=%d modified=%s dosdate=%#04x dostime=%#04x size=%d crc32=%08x extra=%d comment=%q\n",
			f.Name, f.Method, f.Modified.UTC().Format(time.DateTime), f.ModifiedDate, f.ModifiedTime,
			f.UncompressedSize64, f.CRC32, len(f.Extra), f.Comment)
	}
	return b.String()
}

func renderCase(t testing.TB, c goldenCase) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := c.load(t).Execute(&buf, c.data); err != nil {
		t.Fatalf("%s: Execute: %v", c.name, err)
	}
	return buf.Bytes()
}

// TestGolden renders every case and compares the manifest and the parts
// with testdata/golden/<case>/ (go test -run TestGolden -update rewrites).
func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			out := renderCase(t, c)
			d := openDocx(t, out)
			dir := filepath.Join("testdata", "golden", c.name)
			files := map[string][]byte{"manifest.txt": []byte(manifest(d))}
			for _, n := range d.names {
				if strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") {
					files[n] = d.parts[n] // other parts: in the manifest (size, CRC-32)
				}
			}
			if *update {
				os.RemoveAll(dir)
				for n, data := range files {
					path := filepath.Join(dir, filepath.FromSlash(n))
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			for n, data := range files {
				want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
				if err != nil {
					t.Errorf("%v (run with -update)", err)
					continue
				}
				if !bytes.Equal(data, want) {
					t.Errorf("%s differs from the golden file (run with -update and review the diff):\n got %.2000s\nwant %.2000s", n, data, want)
				}
			}
			// No stale golden files.
			filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					rel, _ := filepath.Rel(dir, path)
					if _, ok := files[filepath.ToSlash(rel)]; !ok {
						t.Errorf("stale golden file %s", path)
					}
				}
				return nil
			})
		})
	}
}
