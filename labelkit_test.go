package labelkit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/internal/clienttest"
	"github.com/esante/labelkit/render"
	"github.com/esante/labelkit/templates"
)

func load(t testing.TB, path string) *convention.Convention {
	t.Helper()
	c, err := convention.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRenderValidationError(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	c.Solution.CentresOnly = false
	c.Company.Email = "pas une adresse"
	var buf bytes.Buffer
	err := Render(&buf, c)
	var ps convention.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v (%T), want convention.Problems", err, err)
	}
	if len(ps) != 2 {
		t.Errorf("%d problems, want 2: %v", len(ps), ps)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written despite the validation error", buf.Len())
	}
}

func TestRenderNil(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, nil); !errors.Is(err, ErrNilConvention) || buf.Len() != 0 {
		t.Fatalf("err = %v, %d bytes", err, buf.Len())
	}
}

// TestRenderLeavesInputAlone: Render normalizes a copy (the document shows
// the trimmed name and the default country) and never writes into the
// caller's convention.
func TestRenderLeavesInputAlone(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	c.Company.Name = "  Médilogic SAS  "
	c.Company.Country = ""
	before := c.Clone()
	var buf bytes.Buffer
	if err := Render(&buf, c); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, before) {
		t.Errorf("Render modified its input:\n got %+v\nwant %+v", c, before)
	}
	text := plainText(t, unzip(t, buf.Bytes()))
	if !strings.Contains(text, "Médilogic SAS") || strings.Contains(text, "  Médilogic SAS") || !strings.Contains(text, "France") {
		t.Errorf("the document does not show the normalized company:\n%.3000s", text)
	}
}

// TestRenderFrenchCompany: a company written the way real French
// companies write themselves (ISO country code, phone dialled from abroad,
// an overseas number) renders, and the country reads « France ».
func TestRenderFrenchCompany(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	c.Company.Country = "FR"
	c.Company.Phone = "+33 (0)4 78 12 34 56"
	c.Company.Fax = "+262 262 12 34 56"
	var buf bytes.Buffer
	if err := Render(&buf, c); err != nil {
		t.Fatal(err)
	}
	text := plainText(t, unzip(t, buf.Bytes()))
	for _, want := range []string{"Pays\u00a0: France\n", "+33 (0)4 78 12 34 56", "+262 262 12 34 56"} {
		if !strings.Contains(text, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	for _, gc := range goldenCases {
		a, b := renderCase(t, gc), renderCase(t, gc)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", gc.name)
		}
	}
}

func TestRenderConcurrent(t *testing.T) {
	want := renderCase(t, goldenCases[2])
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := convention.LoadFile(goldenCases[2].input)
			if err != nil {
				errs <- err.Error()
				return
			}
			var buf bytes.Buffer
			if err := Render(&buf, c); err != nil {
				errs <- err.Error()
			} else if !bytes.Equal(buf.Bytes(), want) {
				errs <- "concurrent rendering differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestRenderSharedConvention: one *Convention, not yet normalized, rendered
// from several goroutines at once (run with -race): no data race, the same
// bytes each time, the convention unchanged.
func TestRenderSharedConvention(t *testing.T) {
	c := load(t, goldenCases[2].input)
	c.Company.Name = " " + c.Company.Name + " "
	c.Company.Country = ""
	before := c.Clone()
	want := new(bytes.Buffer)
	if err := Render(want, c); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := Render(&buf, c); err != nil {
				errs <- err.Error()
			} else if !bytes.Equal(buf.Bytes(), want.Bytes()) {
				errs <- "concurrent rendering differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if !reflect.DeepEqual(c, before) {
		t.Errorf("Render modified the shared convention")
	}
}

func TestTemplateOptions(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	var def, named bytes.Buffer
	if err := Render(&def, c); err != nil {
		t.Fatal(err)
	}
	if err := Render(&named, c, WithTemplateName(templates.DefaultName)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(def.Bytes(), named.Bytes()) {
		t.Error("WithTemplateName(DefaultName) differs from the default")
	}

	var nilTmpl bytes.Buffer
	if err := Render(&nilTmpl, c, WithTemplate(nil)); err != nil || !bytes.Equal(nilTmpl.Bytes(), def.Bytes()) {
		t.Errorf("WithTemplate(nil) should keep the default: %v", err)
	}

	err := Render(&bytes.Buffer{}, c, WithTemplateName("nope"))
	var ue *templates.UnknownError
	if !errors.As(err, &ue) {
		t.Errorf("unknown template: err = %v", err)
	}
	if err := RenderBlank(&bytes.Buffer{}, WithTemplateName("nope")); !errors.As(err, &ue) {
		t.Errorf("unknown template, blank: err = %v", err)
	}

	// A template of the other kind says so before executing anything,
	// instead of failing on the first field its data lacks.
	var ke *TemplateKindError
	for _, err := range []error{
		Render(&bytes.Buffer{}, c, WithTemplateName(templates.NotificationName)),
		RenderBlank(&bytes.Buffer{}, WithTemplateName(templates.NotificationName)),
	} {
		if !errors.As(err, &ke) || !ke.Notification || ke.Name != templates.NotificationName ||
			!strings.Contains(err.Error(), "RenderNotification") {
			t.Errorf("notification template given to Render: %v", err)
		}
	}
	err = RenderNotification(&bytes.Buffer{}, c, c, nil, WithTemplateName(templates.DefaultName))
	if !errors.As(err, &ke) || ke.Notification || !strings.Contains(err.Error(), "Render or RenderBlank") {
		t.Errorf("agreement template given to RenderNotification: %v", err)
	}

	// A user's own template: here the default packed to a .docx, as a user
	// would save it from Word, and parsed by the caller.
	fsys, _ := templates.FS(templates.DefaultName)
	var docx bytes.Buffer
	if err := templates.Pack(&docx, fsys); err != nil {
		t.Fatal(err)
	}
	tmpl, err := render.Parse(bytes.NewReader(docx.Bytes()), int64(docx.Len()), render.Funcs(frfuncs.FuncMap()))
	if err != nil {
		t.Fatal(err)
	}
	var custom bytes.Buffer
	if err := Render(&custom, c, WithTemplate(tmpl)); err != nil {
		t.Fatal(err)
	}
	dp, cp := unzip(t, def.Bytes()), unzip(t, custom.Bytes())
	if !bytes.Equal(dp["word/document.xml"], cp["word/document.xml"]) {
		t.Error("the same template given with WithTemplate renders another document.xml")
	}
	if !strings.Contains(string(cp["docProps/custom.xml"]), "<vt:lpwstr>custom</vt:lpwstr>") {
		t.Errorf("custom template's Info not in custom.xml:\n%s", cp["docProps/custom.xml"])
	}
	// A custom template has no agreement version: the subject says none
	// (it read « version  du 1er juillet 2019 »).
	for doc, want := range map[string]string{
		string(cp["docProps/core.xml"]): "<dc:subject>Convention du label « e-santé Logiciel Centres de santé » V2</dc:subject>",
		string(dp["docProps/core.xml"]): "<dc:subject>Convention du label « e-santé Logiciel Centres de santé » V2, version 4.0.2 du 1er juillet 2019</dc:subject>",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("core.xml lacks %s:\n%s", want, doc)
		}
	}
}

func TestNewDocument(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	d := NewDocument(c)
	canon, err := convention.Canonical(c)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(canon)
	if d.InputSHA256 != hex.EncodeToString(sum[:]) || d.Blank || d.Convention != c {
		t.Errorf("NewDocument = %+v", d)
	}
	if d.Template.Name != templates.DefaultName || d.Template.Version != "4.0.2" {
		t.Errorf("Template = %+v", d.Template)
	}
	b := NewDocument(nil)
	if !b.Blank || b.Convention == nil || b.InputSHA256 != "" {
		t.Errorf("NewDocument(nil) = %+v", b)
	}
	// Another input, another hash.
	c2 := load(t, "examples/monosite-standard.toml")
	c2.Solution.Version = "4.2.2"
	if NewDocument(c2).InputSHA256 == d.InputSHA256 {
		t.Error("the hash does not depend on the data")
	}
}

// TestDocData checks that the template's data (docData) offers what a
// Document does, with the same values: every field of the convention at the
// top, Document's own fields, the convention's methods, and nothing else.
func TestDocData(t *testing.T) {
	c := load(t, "testdata/inputs/maximal.toml")
	d := NewDocument(c)
	dd := d.data()
	dv := reflect.ValueOf(dd).Elem()
	want := map[string]reflect.Value{}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Document]()) {
		if f.IsExported() {
			want[f.Name] = reflect.ValueOf(d).FieldByIndex(f.Index)
		}
	}
	for _, f := range reflect.VisibleFields(dv.Type()) {
		if !f.IsExported() || len(f.Index) > 1 {
			continue // promoted from the embedded convention: shadowed
		}
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("docData.%s: not a field of Document", f.Name)
			continue
		}
		delete(want, f.Name)
		if f.Type != w.Type() || !reflect.DeepEqual(dv.FieldByIndex(f.Index).Interface(), w.Interface()) {
			t.Errorf("docData.%s = %v, Document's is %v", f.Name, dv.FieldByIndex(f.Index), w)
		}
	}
	for name := range want {
		t.Errorf("Document.%s: missing from docData", name)
	}
	for m := range reflect.TypeFor[Document]().Methods() {
		if _, ok := reflect.TypeFor[*docData]().MethodByName(m.Name); !ok {
			t.Errorf("Document's method %s: missing from docData", m.Name)
		}
	}
}

// TestFilledAndBlank checks what the issue asks of each form beyond the
// golden files: instructions only in the blank form, data in place,
// properties.
func TestFilledAndBlank(t *testing.T) {
	instructions := []string{"(A compléter par le Candidat", "(Tableau à compléter par le Candidat)",
		"(Cochez les cases correspondantes)", "(Cochez une des deux cases suivantes :)", "(civilité, nom, prénom)",
		"[Civilité] [Nom] [Prénom]", "[Titre]"}
	blank := unzip(t, renderCase(t, goldenCases[0]))
	// The template sets no-break spaces where French typography wants them
	// (« », before : ; ! ?); the wanted strings below are typed with plain spaces.
	bt := spaces(plainText(t, blank))
	for _, s := range instructions {
		if !strings.Contains(bt, s) {
			t.Errorf("blank form lacks %q", s)
		}
	}
	if strings.Contains(bt, "☒") {
		t.Error("blank form has a ticked box")
	}
	if n := strings.Count(bt, "☐"); n != 25 {
		t.Errorf("blank form has %d boxes, want 25", n)
	}
	if !strings.Contains(string(blank["docProps/custom.xml"]), "<vt:lpwstr>blank</vt:lpwstr>") ||
		strings.Contains(string(blank["docProps/core.xml"]), "<cp:keywords>x") {
		t.Errorf("blank form properties:\n%s", blank["docProps/custom.xml"])
	}

	for _, gc := range goldenCases[1:] {
		c := load(t, gc.input)
		parts := unzip(t, renderCase(t, gc))
		text := spaces(plainText(t, parts))
		for _, s := range instructions {
			if strings.Contains(text, s) {
				t.Errorf("%s: filled agreement shows the instruction %q", gc.name, s)
			}
		}
		if n := strings.Count(text, "☐") + strings.Count(text, "☒"); n != 25 {
			t.Errorf("%s: %d boxes, want 25 (every option stays a box)", gc.name, n)
		}
		rep := c.Company.Representative
		for _, want := range []string{
			"Et la société " + c.Company.Name + "\n",
			"Représentée par " + string(rep.Civility) + " " + rep.LastName + " " + rep.FirstName + ", dûment " + rep.Civility.Agree("habilité", "habilitée") + " en sa qualité de " + rep.Title + ".\n",
			"☒ " + c.Reason.Label() + "\n",
			"☒ : Labellisation " + c.Level.Label(),
			"\n" + c.Solution.Name + "\n",
			"\n" + c.Solution.Version + "\n",
			"Numéro d’immatriculation : " + c.Company.RegistrationNumber + "\n",
			"La société " + c.Company.Name + "\n",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: text lacks %q", gc.name, want)
			}
		}
		for _, p := range c.Solution.ProfessionOptions() {
			box := "☐"
			if p.Selected {
				box = "☒"
			}
			if !strings.Contains(text, "\n"+box+" "+p.Label+"\n") {
				t.Errorf("%s: %s %s missing", gc.name, box, p.Label)
			}
		}
		if d := c.SignatureDate(); d != nil {
			if !strings.Contains(text, "A "+c.SignaturePlace()+", le "+d.French()+"\n") {
				t.Errorf("%s: signature date missing", gc.name)
			}
			if !strings.Contains(string(parts["docProps/core.xml"]), d.String()+"T00:00:00Z") {
				t.Errorf("%s: core.xml dates are not the signature date", gc.name)
			}
		} else if !strings.Contains(text, "A "+c.SignaturePlace()+", le ___/___/_______ (A remplir par l’ANS)\n") {
			t.Errorf("%s: blank date line missing", gc.name)
		}
		core := string(parts["docProps/core.xml"])
		if !strings.Contains(core, "<cp:keywords>"+xmlEscape(c.Company.Name)+"</cp:keywords>") {
			t.Errorf("%s: company not in keywords:\n%s", gc.name, core)
		}
		custom := string(parts["docProps/custom.xml"])
		if !strings.Contains(custom, NewDocument(c).InputSHA256) || !strings.Contains(custom, "<vt:lpwstr>filled</vt:lpwstr>") {
			t.Errorf("%s: custom properties:\n%s", gc.name, custom)
		}
		for _, a := range c.Annexes {
			if !strings.Contains(text, "• "+a.Title+"\n") {
				t.Errorf("%s: annex %q missing", gc.name, a.Title)
			}
		}
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// TestOptionalRows covers the article 3.1 rows that may not apply, and the
// ANS signatory's default wording.
func TestOptionalRows(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	c.Solution.LAP, c.Solution.DMP, c.Solution.SesamVitale, c.ANS, c.Annexes = nil, nil, nil, nil, nil
	var buf bytes.Buffer
	if err := Render(&buf, c); err != nil {
		t.Fatal(err)
	}
	text := plainText(t, unzip(t, buf.Bytes()))
	if n := strings.Count(text, "Sans objet"); n < 5 {
		t.Errorf("%d « Sans objet », want at least 5 (components, hosting ×2, LAP, DMP, SESAM-Vitale)", n)
	}
	for _, want := range []string{"Représenté par Madame Annie Prévot en sa qualité de Directeur\n", "\nMadame Annie Prévot\nDirectrice\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if !strings.HasSuffix(text, "conformément à la liste des annexes)\n") {
		t.Errorf("without annexes the document should end with the Annexe 4 title:\n…%s", text[len(text)-200:])
	}
}

// TestMaxSitesGrouped: the number of sites is written the French way
// (« 100 000 », it printed « 100000 »).
func TestMaxSitesGrouped(t *testing.T) {
	c := load(t, "examples/multisite-avance-renouvellement.toml")
	c.Solution.MaxSites = 100000
	var buf bytes.Buffer
	if err := Render(&buf, c); err != nil {
		t.Fatal(err)
	}
	text := plainText(t, unzip(t, buf.Bytes()))
	if want := "nombre maximum de sites\u00a0: 100\u00a0000\n"; !strings.Contains(text, want) {
		i := strings.Index(text, "nombre maximum de sites")
		t.Errorf("text lacks %q:\n%q", want, text[i:min(i+60, len(text))])
	}
}

// TestHostileValues fills every text field with markup and template syntax:
// the output stays well-formed and shows the values as typed.
func TestHostileValues(t *testing.T) {
	const v = `a & b <w:p> "c" 'd' {{.Blank}} ]]> é`
	c := load(t, "examples/multisite-avance-renouvellement.toml")
	c.Company.Name = v
	c.Company.Address = v + "\n" + v
	c.Company.Representative.Title = v
	c.Company.RegistrationPlace = v
	c.Solution.Name = v
	c.Solution.Components = []string{v, v + "2"}
	c.Solution.OtherProfessions = []string{v}
	c.Solution.Hosting.Scope = v
	c.Solution.LAP.Certificate = v
	c.Annexes[0].Title = v
	c.Annexes[0].Description = v
	var buf bytes.Buffer
	if err := Render(&buf, c); err != nil {
		t.Fatal(err)
	}
	parts := unzip(t, buf.Bytes())
	for name, data := range parts {
		if strings.HasSuffix(name, ".xml") {
			clienttest.WellFormed(t, name, data)
		}
	}
	checkCells(t, parts["word/document.xml"])
	text := plainText(t, parts)
	if n := strings.Count(text, v); n < 12 {
		t.Errorf("the value shows %d times as typed, want at least 12", n)
	}
	if !strings.Contains(string(parts["docProps/core.xml"]), "<cp:keywords>"+xmlEscape(v)+"</cp:keywords>") {
		t.Errorf("keywords:\n%s", parts["docProps/core.xml"])
	}
}

// spaces turns no-break spaces into plain spaces.
func spaces(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// TestFilledWritingLines: a filled agreement writes its values without the
// dotted writing lines of the blank form (the dot-leader tab stops of the
// styles Champ – deux/trois colonnes), and keeps « n° » with the LAP number
// that follows it (a no-break space).
func TestFilledWritingLines(t *testing.T) {
	var blank, filled bytes.Buffer
	if err := RenderBlank(&blank); err != nil {
		t.Fatal(err)
	}
	if err := Render(&filled, load(t, "testdata/inputs/maximal.toml")); err != nil {
		t.Fatal(err)
	}
	b, f := string(unzip(t, blank.Bytes())["word/document.xml"]), string(unzip(t, filled.Bytes())["word/document.xml"])
	for _, style := range []string{"FormField2", "FormField3"} {
		if !strings.Contains(b, `<w:pStyle w:val="`+style+`"/>`) || strings.Contains(b, `<w:pStyle w:val="`+style+`Filled"/>`) {
			t.Errorf("the blank form should use %s (dotted lines), not %[1]sFilled", style)
		}
		if strings.Contains(f, `<w:pStyle w:val="`+style+`"/>`) || !strings.Contains(f, `<w:pStyle w:val="`+style+`Filled"/>`) {
			t.Errorf("the filled agreement should use %sFilled (no dotted lines), not %[1]s", style)
		}
	}
	text := plainText(t, unzip(t, filled.Bytes()))
	if !strings.Contains(text, "– n°\u00a0LAP-MA-2026-0007/bis") {
		t.Errorf("no no-break space after « n° » in the LAP row:\n%s", text)
	}
	styles := string(unzip(t, filled.Bytes())["word/styles.xml"])
	for _, id := range []string{"FormField2Filled", "FormField3Filled"} {
		i := strings.Index(styles, `w:styleId="`+id+`"`)
		j := strings.Index(styles[i:], "</w:style>")
		if i < 0 || strings.Contains(styles[i:i+j], "leader") || strings.Contains(styles[i:i+j], `w:basedOn w:val="FormField`) {
			t.Errorf("style %s must not draw or inherit dot leaders", id)
		}
	}
}
