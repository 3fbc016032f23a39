package labelkit

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/esante/labelkit/convention"
)

// docxEdit is a DOCX being edited the way Word edits it, for tests.
type docxEdit struct {
	t     testing.TB
	names []string
	parts map[string][]byte
}

func newDocxEdit(t testing.TB, docx []byte) *docxEdit {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	e := &docxEdit{t: t, parts: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		e.names = append(e.names, f.Name)
		e.parts[f.Name] = b
	}
	return e
}

func (e *docxEdit) bytes() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range e.names {
		w, err := zw.Create(n)
		if err != nil {
			e.t.Fatal(err)
		}
		w.Write(e.parts[n])
	}
	if err := zw.Close(); err != nil {
		e.t.Fatal(err)
	}
	return buf.Bytes()
}

func (e *docxEdit) doc() string { return string(e.parts["word/document.xml"]) }

func (e *docxEdit) setDoc(s string) { e.parts["word/document.xml"] = []byte(s) }

// control returns the bounds of the nth (from 0) content control tagged tag:
// the start of its w:sdt and of its content, and the end of its content.
func (e *docxEdit) control(tag string, nth int) (sdt, content, end int) {
	e.t.Helper()
	d := e.doc()
	from := 0
	for i := 0; ; i++ {
		k := strings.Index(d[from:], `<w:tag w:val="`+tag+`"/>`)
		if k < 0 {
			e.t.Fatalf("no control tagged %q", tag)
		}
		k += from
		if i == nth {
			sdt = strings.LastIndex(d[:k], "<w:sdt>")
			content = k + strings.Index(d[k:], "<w:sdtContent>") + len("<w:sdtContent>")
			end = content + strings.Index(d[content:], "</w:sdtContent>")
			return
		}
		from = k + 1
	}
}

// type_ replaces the content of the control tagged tag with runs, as Word
// does when the user types over the prompt: w:showingPlcHdr goes, the
// runs take the control's place.
func (e *docxEdit) typeRuns(tag, runs string) {
	e.t.Helper()
	sdt, content, end := e.control(tag, 0)
	d := e.doc()
	pr := strings.Replace(d[sdt:content], "<w:showingPlcHdr/>", "", 1)
	e.setDoc(d[:sdt] + pr + runs + d[end:])
}

// typeText types text in the control tagged tag: one run, line breaks as
// w:br as Word writes them in a multi-line control.
func (e *docxEdit) typeText(tag, text string) {
	e.t.Helper()
	r := `<w:r><w:t xml:space="preserve">` + strings.ReplaceAll(xmlEscape(text), "\n", `</w:t><w:br/><w:t xml:space="preserve">`) + `</w:t></w:r>`
	e.typeRuns(tag, r)
}

// tick ticks the box tagged tag with the mouse: w14:checked and the glyph.
func (e *docxEdit) tick(tag string) {
	e.t.Helper()
	sdt, content, end := e.control(tag, 0)
	d := e.doc()
	pr := strings.Replace(d[sdt:content], `<w14:checked w14:val="0"/>`, `<w14:checked w14:val="1"/>`, 1)
	body := strings.Replace(d[content:end], "☐", "☒", 1)
	e.setDoc(d[:sdt] + pr + body + d[end:])
}

// fillLikeWord fills the blank form with c's values, tag by tag, the way
// Word edits the XML.
func fillLikeWord(t testing.TB, c *convention.Convention) []byte {
	t.Helper()
	var blank bytes.Buffer
	if err := RenderBlank(&blank); err != nil {
		t.Fatal(err)
	}
	e := newDocxEdit(t, blank.Bytes())
	text := func(tag, v string) {
		if v != "" {
			e.typeText(tag, v)
		}
	}
	co := c.Company
	text("company.name", co.Name)
	text("company.address", co.Address)
	text("company.postal_code", co.PostalCode)
	text("company.city", co.City)
	text("company.country", co.Country)
	text("company.phone", co.Phone)
	text("company.fax", co.Fax)
	text("company.email", co.Email)
	text("company.registration_id", co.RegistrationID)
	text("company.registration_place", co.RegistrationPlace)
	text("company.registration_number", co.RegistrationNumber)
	text("company.representative.civility", string(co.Representative.Civility))
	text("company.representative.first_name", co.Representative.FirstName)
	text("company.representative.last_name", co.Representative.LastName)
	text("company.representative.title", co.Representative.Title)
	s := c.Solution
	text("solution.name", s.Name)
	text("solution.components", strings.Join(s.Components, "\n"))
	text("solution.version", s.Version)
	if s.MaxSites > 0 {
		text("solution.max_sites", "1 250")
	}
	text("solution.other_professions", strings.Join(s.OtherProfessions, "\n"))
	text("solution.hosting.provider", s.Hosting.Provider)
	text("solution.hosting.scope", s.Hosting.Scope)
	if s.LAP != nil {
		text("solution.lap.certificate", s.LAP.Certificate)
		text("solution.lap.number", s.LAP.Number)
	}
	if s.DMP != nil {
		text("solution.dmp.homologation", s.DMP.Homologation)
		text("solution.dmp.module", s.DMP.Module)
	}
	if sv := s.SesamVitale; sv != nil {
		text("solution.sesam_vitale.approval", sv.Approval)
		text("solution.sesam_vitale.specialties", strings.Join(sv.Specialties, "\n"))
		e.tick("solution.sesam_vitale.covers_third_party=" + map[bool]string{true: "true", false: "false"}[sv.CoversThirdParty])
	}
	e.tick("reason=" + string(c.Reason))
	e.tick("level=" + string(c.Level))
	e.tick("solution.deployment=" + string(s.Deployment))
	if s.CentresOnly {
		e.tick("solution.centres_only=true")
	}
	e.tick("solution.hosting.hosted=" + map[bool]string{true: "true", false: "false"}[s.Hosting.Hosted])
	for _, p := range s.Professions {
		e.tick("solution.professions=" + string(p))
	}
	if len(s.OtherProfessions) > 0 {
		e.tick("solution.other_professions=true")
	}
	if c.ANS != nil {
		text("ans.name", c.ANS.Name)
		text("ans.title", c.ANS.Title)
	}
	if c.Signature != nil {
		text("signature.place", c.Signature.Place)
		if d := c.Signature.Date; d != nil {
			text("signature.date", d.French())
		}
	}
	if len(c.Annexes) > 0 {
		text("title", c.Annexes[0].Title)
		text("description", c.Annexes[0].Description)
	}
	return e.bytes()
}

// TestWordFill: the blank form filled by tag as Word does gives the input.
func TestWordFill(t *testing.T) {
	for _, path := range []string{"examples/monosite-standard.toml", "testdata/inputs/minimal.toml"} {
		c := load(t, path)
		x := extractBytes(t, fillLikeWord(t, c))
		if len(x.Problems) > 0 || len(x.Warnings) > 0 {
			t.Errorf("%s: problems %v, warnings %v", path, x.Problems, x.Warnings)
		}
		if err := x.Convention.Validate(); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		if got, want := canonical(t, x.Convention), canonical(t, c); got != want {
			t.Errorf("%s: filled like Word, extracted\n%s\nwant\n%s", path, got, want)
		}
	}
}

// TestExtractWhatPeopleDo: each thing people do to a form, with its message.
func TestExtractWhatPeopleDo(t *testing.T) {
	c := load(t, "examples/monosite-standard.toml")
	base := fillLikeWord(t, c)
	edit := func(f func(e *docxEdit)) *Extraction {
		e := newDocxEdit(t, base)
		f(e)
		return extractBytes(t, e.bytes())
	}
	has := func(ps convention.Problems, path string, code convention.Code, text string) bool {
		for _, p := range ps {
			if p.Path == path && p.Code == code && strings.Contains(p.Message, text) {
				return true
			}
		}
		return false
	}

	// Several runs, formatting, a tracked insertion kept and a tracked
	// deletion left out.
	x := edit(func(e *docxEdit) {
		e.typeRuns("company.name", `<w:r><w:rPr><w:b/></w:rPr><w:t>ACME </w:t></w:r><w:ins w:id="1" w:author="X"><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Santé</w:t></w:r></w:ins><w:del w:id="2" w:author="X"><w:r><w:delText> Old</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> SAS</w:t></w:r>`)
	})
	if got := x.Convention.Company.Name; got != "ACME Santé SAS" {
		t.Errorf("runs and tracked changes: company.name = %q", got)
	}

	// An untouched prompt is not filled, even when an editor dropped
	// w:showingPlcHdr but left the prompt's text.
	x = edit(func(e *docxEdit) {
		sdt, content, end := e.control("company.fax", 0)
		d := e.doc()
		e.setDoc(d[:sdt] + d[sdt:content] + `<w:r><w:t>fax</w:t></w:r>` + d[end:])
	})
	if got := x.Convention.Company.Fax; got != "" {
		t.Errorf("a prompt's text read as a value: fax = %q", got)
	}

	// A box ticked by its glyph only.
	x = edit(func(e *docxEdit) {
		sdt, content, end := e.control("solution.professions=psychologue", 0)
		d := e.doc()
		e.setDoc(d[:sdt] + d[sdt:content] + strings.Replace(d[content:end], "☐", "☒", 1) + d[end:])
	})
	if !x.Convention.Solution.HasProfession(convention.Psychologue) {
		t.Error("a box ticked by its glyph only was not read")
	}

	// A line break and a tab typed in a one-line field: spaces and a warning.
	x = edit(func(e *docxEdit) {
		e.typeRuns("company.city", `<w:r><w:t>Lyon</w:t><w:br/><w:t>2e</w:t><w:tab/><w:t>arr.</w:t></w:r>`)
	})
	if x.Convention.Company.City != "Lyon 2e arr." || !has(x.Warnings, "company.city", CodeLineBreak, "« Commune » : les sauts de ligne et tabulations saisis dans ce champ d'une ligne sont devenus des espaces") {
		t.Errorf("line break in a one-line field: city %q, warnings %v", x.Convention.Company.City, x.Warnings)
	}

	// A control deleted by the user.
	x = edit(func(e *docxEdit) {
		sdt, _, end := e.control("company.email", 0)
		d := e.doc()
		end += len("</w:sdtContent></w:sdt>")
		e.setDoc(d[:sdt] + d[end:])
	})
	if !has(x.Problems, "company.email", CodeFieldDeleted, "« Adresse e-mail » : champ supprimé du formulaire") {
		t.Errorf("deleted control: %v", x.Problems)
	}
	if !hasEnglish(x.Problems, "company.email", "« Adresse e-mail »: field deleted from the form; start again from a blank form") {
		t.Errorf("deleted control, in English: %v", x.Problems)
	}

	// Text typed outside any control: a warning naming the paragraph.
	x = edit(func(e *docxEdit) {
		e.setDoc(strings.Replace(e.doc(), `<w:t xml:space="preserve">Et la société </w:t>`, `<w:t xml:space="preserve">Et la société (voir annexe) </w:t>`, 1))
	})
	if !has(x.Warnings, "", CodeOutsideText, "« Et la société (voir annexe) » : du texte a été saisi hors des champs du formulaire") {
		t.Errorf("text outside the controls: %v", x.Warnings)
	}
	if !hasEnglish(x.Warnings, "", "« Et la société (voir annexe) »: text was typed outside the form's fields") {
		t.Errorf("text outside the controls, in English: %v", x.Warnings)
	}

	// Two boxes that exclude each other.
	x = edit(func(e *docxEdit) { e.tick("level=advanced") })
	if !has(x.Problems, "level", CodeFieldConflict, "« Niveau de labellisation » : plusieurs cases cochées (standard, advanced)") {
		t.Errorf("two levels: %v", x.Problems)
	}

	// A number that is not one.
	x = edit(func(e *docxEdit) { e.typeText("solution.max_sites", "douze") })
	if !has(x.Problems, "solution.max_sites", CodeFieldValue, "« douze » n'est pas un nombre entier") {
		t.Errorf("max_sites: %v", x.Problems)
	}

	// A date typed by hand, and one picked in the calendar (w:fullDate).
	x = edit(func(e *docxEdit) { e.typeText("signature.date", "14/07/2026") })
	if d := x.Convention.SignatureDate(); d == nil || d.String() != "2026-07-14" {
		t.Errorf("typed date: %v (%v)", d, x.Problems)
	}
	x = edit(func(e *docxEdit) {
		e.typeText("signature.date", "3 août 2026")
		e.setDoc(strings.Replace(e.doc(), `<w:date>`, `<w:date w:fullDate="2026-08-03T00:00:00Z">`, 1))
	})
	if d := x.Convention.SignatureDate(); d == nil || d.String() != "2026-08-03" {
		t.Errorf("picked date: %v (%v)", d, x.Problems)
	}

	// Another template version.
	e := newDocxEdit(t, base)
	e.parts["docProps/custom.xml"] = bytes.Replace(e.parts["docProps/custom.xml"], []byte(">4.0.2<"), []byte(">4.1.0<"), 1)
	_, err := Extract(bytes.NewReader(e.bytes()), int64(len(e.bytes())))
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Found != "4.1.0" || ve.Want != "4.0.2" {
		t.Errorf("other version: %v", err)
	}

	// A document that is no labelkit form.
	e = newDocxEdit(t, base)
	e.setDoc(strings.NewReplacer(`<w:tag w:val=`, `<w:id w:val=`, `<w:alias w:val=`, `<w:id w:val=`).Replace(e.doc()))
	if _, err := Extract(bytes.NewReader(e.bytes()), int64(len(e.bytes()))); !errors.Is(err, ErrNotForm) {
		t.Errorf("not a form: %v", err)
	}
}

// hasEnglish reports whether ps holds a problem at path whose English text
// (Problem.Text) contains text.
func hasEnglish(ps convention.Problems, path, text string) bool {
	for _, p := range ps {
		if p.Path == path && strings.Contains(p.Text(language.English), text) {
			return true
		}
	}
	return false
}
