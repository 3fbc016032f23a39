package labelkit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/frtext"
	"github.com/esante/labelkit/internal/opc"
	"github.com/esante/labelkit/templates"
)

// The codes of the problems Extract reports besides convention's.
const (
	// CodeFieldDeleted: a field of the form is missing (the user deleted its
	// content control).
	CodeFieldDeleted convention.Code = "field_deleted"
	// CodeFieldConflict: boxes that exclude each other are ticked together,
	// or a field copied twice holds two different values.
	CodeFieldConflict convention.Code = "field_conflict"
	// CodeFieldValue: a value the form holds cannot be read (a number, a
	// date).
	CodeFieldValue convention.Code = "field_value"
	// CodeOutsideText: text typed outside any field (a warning: it is not
	// extracted).
	CodeOutsideText convention.Code = "outside_text"
	// CodeLineBreak: line breaks or tabs typed in a one-line field became
	// spaces (a warning).
	CodeLineBreak convention.Code = "line_break"
)

// ErrNotForm is returned by Extract for a document that is not a labelkit
// form: no content control carries a field of the agreement.
var ErrNotForm = errors.New("labelkit: not a labelkit form (no content control tagged with a field of the agreement)")

// VersionError is returned by Extract for a form made from another version
// of the agreement's template.
type VersionError struct {
	Template, Found, Want string
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("labelkit: form of template %s version %q; this labelkit reads version %q", e.Template, e.Found, e.Want)
}

// Extraction is what Extract reads from a form.
type Extraction struct {
	// Convention holds the values of the form's fields, normalized, not
	// validated: call Validate (Problems locates each problem by its key
	// path; FieldLabel names the form's field).
	Convention *convention.Convention
	// Problems are what the form holds that cannot become input: deleted
	// fields, boxes that exclude each other ticked together, unreadable
	// numbers and dates. Each has a key path and a French message.
	Problems convention.Problems
	// Warnings are what was left out or changed: text typed outside the
	// fields, line breaks typed in a one-line field.
	Warnings convention.Problems
}

// Extract reads a filled form (the blank form filled in Word or LibreOffice)
// or an agreement labelkit rendered, and returns the input its content
// controls hold: each control's tag is the field's key path (checkboxes
// PATH=VALUE, annexes a repeating section of title and description). A
// prompt left showing is a field not filled in. A document of another
// template version gives a *VersionError; one with no field of the
// agreement gives ErrNotForm; one that is no DOCX an error of internal/opc.
func Extract(r io.ReaderAt, size int64) (*Extraction, error) {
	pkg, err := opc.ReadZip(r, size, opc.Limits{})
	if err != nil {
		return nil, fmt.Errorf("labelkit: %w", err)
	}
	main, err := pkg.MainDocument()
	if err != nil {
		return nil, fmt.Errorf("labelkit: %w", err)
	}
	part := pkg.Part(main)
	if part == nil {
		return nil, fmt.Errorf("labelkit: the main document %s is missing", main)
	}
	info, _ := templates.Lookup(templates.DefaultName)
	var props map[string]string
	if p := pkg.Part("docProps/custom.xml"); p != nil {
		props = customProperties(p.Data)
	}
	if v, ok := props["labelkit.template_version"]; ok && v != "" && v != info.Version {
		return nil, &VersionError{Template: props["labelkit.template"], Found: v, Want: info.Version}
	}
	doc, err := readForm(part.Data)
	if err != nil {
		return nil, err
	}
	ref, err := reference()
	if err != nil {
		return nil, err
	}
	known := 0
	retag(doc, ref)
	for _, c := range doc.controls {
		if _, ok := ref.byTag[c.tag]; ok {
			known++
		}
	}
	if known == 0 {
		return nil, ErrNotForm
	}
	retagBoxes(doc, ref)
	x := &Extraction{Convention: new(convention.Convention)}
	x.fill(doc, ref)
	x.Convention.Normalize()
	x.checkOutside(doc, ref)
	return x, nil
}

// retag gives the controls an editor saved without their tag (LibreOffice
// keeps the title, w:alias, and drops w:tag) the tag of the blank form's
// control with the same title.
func retag(doc *formDoc, ref *refForm) {
	byAlias := map[string]string{}
	for _, key := range ref.tags {
		if a := ref.byTag[key].alias; a != "" {
			byAlias[a] = strings.TrimPrefix(key, "annexes[].")
		}
	}
	for _, c := range doc.controls {
		if c.tag != "" {
			continue
		}
		if t, ok := byAlias[c.alias]; ok && (c.item >= 0) == (t == "title" || t == "description") {
			c.tag = t
		}
	}
}

// retagBoxes gives the boxes an editor saved without tag nor title
// (LibreOffice) the blank form's tags, in order, when there are as many; a
// drop-down list without either is the civility, the form's only one.
func retagBoxes(doc *formDoc, ref *refForm) {
	for _, c := range doc.controls {
		if c.dropDown && c.tag == "" && c.alias == "" {
			c.tag = "company.representative.civility"
		}
	}
	var refBoxes []string
	for _, key := range ref.tags {
		if ref.byTag[key].checkbox {
			refBoxes = append(refBoxes, key)
		}
	}
	var bare []*formControl
	for _, c := range doc.controls {
		if c.checkbox && c.tag == "" && c.alias == "" {
			bare = append(bare, c)
		}
	}
	if len(bare) == len(refBoxes) {
		for i, c := range bare {
			c.tag = refBoxes[i]
		}
	}
}

// refForm is what the blank form says about each field: its label and
// prompt, and the text of the paragraphs outside the fields.
type refForm struct {
	byTag    map[string]*formControl
	tags     []string // in document order
	outside  map[string]bool
	multiple map[string]bool // multi-line fields
}

// reference reads the embedded blank form, once.
var reference = sync.OnceValues(func() (*refForm, error) {
	var buf bytes.Buffer
	if err := RenderBlank(&buf); err != nil {
		return nil, err
	}
	doc, err := readDocx(buf.Bytes())
	if err != nil {
		return nil, err
	}
	ref := &refForm{byTag: map[string]*formControl{}, outside: map[string]bool{}, multiple: map[string]bool{}}
	for _, c := range doc.controls {
		if c.tag == "" {
			continue
		}
		key := c.tag
		if c.item >= 0 {
			key = "annexes[]." + c.tag
		}
		if _, dup := ref.byTag[key]; !dup {
			ref.byTag[key] = c
			ref.tags = append(ref.tags, key)
		}
		if c.multiLine {
			ref.multiple[key] = true
		}
	}
	for _, p := range doc.paragraphs {
		ref.outside[normSpace(p.text)] = true
	}
	return ref, nil
})

// readDocx reads the main document of a rendered DOCX.
func readDocx(b []byte) (*formDoc, error) {
	pkg, err := opc.ReadZip(bytes.NewReader(b), int64(len(b)), opc.Limits{})
	if err != nil {
		return nil, err
	}
	main, err := pkg.MainDocument()
	if err != nil {
		return nil, err
	}
	return readForm(pkg.Part(main).Data)
}

// FieldLabel returns the label of the form's field at a key path
// ("company.phone", "annexes[2].title", "solution.professions[1]"): the
// title (w:alias) of its content control in the blank form, or "" when the
// path is no field of the form.
func FieldLabel(path string) string {
	ref, err := reference()
	if err != nil {
		return ""
	}
	key := path
	if i := strings.Index(key, "["); i >= 0 {
		if j := strings.Index(key[i:], "]"); j >= 0 {
			key = key[:i] + "[]" + key[i+j+1:]
		}
	}
	key = strings.TrimSuffix(key, "[]")
	if c, ok := ref.byTag[key]; ok {
		return c.alias
	}
	// a group of boxes: the part of a box's title before « : »
	for _, t := range ref.tags {
		if strings.HasPrefix(t, key+"=") {
			a := ref.byTag[t].alias
			if i := strings.IndexAny(a, ":"); i >= 0 {
				return strings.TrimRight(a[:i], " \u00a0")
			}
			return a
		}
	}
	return ""
}

// fill sets the convention's fields from the document's controls.
func (x *Extraction) fill(doc *formDoc, ref *refForm) {
	c := x.Convention
	values := map[string]string{}
	seen := map[string]bool{}
	boxes := map[string][]string{} // path → ticked values, in document order
	type annex struct{ title, description string }
	var annexes []annex
	itemIndex := map[int]int{}
	for _, fc := range doc.controls {
		if fc.tag == "" {
			continue
		}
		key := fc.tag
		if fc.item >= 0 && !fc.isItem {
			key = "annexes[]." + fc.tag
		}
		seen[key] = true
		if fc.checkbox {
			if fc.isChecked() {
				path, val, _ := strings.Cut(fc.tag, "=")
				boxes[path] = append(boxes[path], val)
			}
			continue
		}
		v := fc.value()
		if r, ok := ref.byTag[key]; ok && r.placeholder && r.greyPrompt && v == r.text.String() {
			v = "" // our prompt, whose placeholder mark an editor dropped
		}
		if !ref.multiple[key] && strings.ContainsAny(v, "\n\t") {
			v = strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\t' }), " ")
			x.warn(pathOf(key, fc.item, itemIndex), CodeLineBreak, "« %s » : les sauts de ligne et tabulations saisis dans ce champ d'une ligne sont devenus des espaces ; vérifiez la valeur « %s »", labelOf(fc, ref, key), v)
		}
		if fc.item >= 0 && !fc.isItem {
			i, ok := itemIndex[fc.item]
			if !ok {
				i = len(annexes)
				itemIndex[fc.item] = i
				annexes = append(annexes, annex{})
			}
			switch fc.tag {
			case "title":
				annexes[i].title = v
			case "description":
				annexes[i].description = v
			}
			continue
		}
		if old, dup := values[key]; dup && old != "" && v != "" && old != v {
			x.problem(key, CodeFieldConflict, "« %s » figure deux fois dans le formulaire avec deux valeurs (« %s » et « %s ») : n'en gardez qu'une", labelOf(fc, ref, key), old, v)
			continue
		}
		if v != "" || values[key] == "" {
			values[key] = v
		}
	}
	// Deleted fields: every field of the blank form must be there.
	for _, key := range ref.tags {
		if strings.HasPrefix(key, "annexes[].") || seen[key] {
			continue
		}
		path, _, _ := strings.Cut(key, "=")
		x.problem(path, CodeFieldDeleted, "« %s » : champ supprimé du formulaire ; repartez d'un formulaire vierge (labelkit render --blank) ou complétez le fichier extrait", ref.byTag[key].alias)
	}

	co := &c.Company
	for key, dst := range map[string]*string{
		"company.name": &co.Name, "company.address": &co.Address, "company.postal_code": &co.PostalCode,
		"company.city": &co.City, "company.country": &co.Country, "company.phone": &co.Phone,
		"company.fax": &co.Fax, "company.email": &co.Email, "company.registration_id": &co.RegistrationID,
		"company.registration_place": &co.RegistrationPlace, "company.registration_number": &co.RegistrationNumber,
		"company.representative.first_name": &co.Representative.FirstName,
		"company.representative.last_name":  &co.Representative.LastName,
		"company.representative.title":      &co.Representative.Title,
		"solution.name":                     &c.Solution.Name, "solution.version": &c.Solution.Version,
		"solution.hosting.provider": &c.Solution.Hosting.Provider, "solution.hosting.scope": &c.Solution.Hosting.Scope,
	} {
		*dst = values[key]
	}
	co.Representative.Civility = convention.Civility(values["company.representative.civility"])
	s := &c.Solution
	s.Components = lines(values["solution.components"])
	s.OtherProfessions = lines(values["solution.other_professions"])
	if v := values["solution.max_sites"]; v != "" {
		digits := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '\u202f' || r == '.' {
				return -1
			}
			return r
		}, v)
		n, err := strconv.Atoi(digits)
		if err != nil || n < 0 {
			x.problem("solution.max_sites", CodeFieldValue, "« %s » : « %s » n'est pas un nombre entier de sites ; écrivez par exemple 12", FieldLabel("solution.max_sites"), v)
		} else {
			s.MaxSites = n
		}
	}
	if cert, num := values["solution.lap.certificate"], values["solution.lap.number"]; cert != "" || num != "" {
		s.LAP = &convention.LAP{Certificate: cert, Number: num}
	}
	if h, m := values["solution.dmp.homologation"], values["solution.dmp.module"]; h != "" || m != "" {
		s.DMP = &convention.DMP{Homologation: h, Module: m}
	}
	approval, specialties := values["solution.sesam_vitale.approval"], lines(values["solution.sesam_vitale.specialties"])
	if n, v := values["ans.name"], values["ans.title"]; n != "" || v != "" {
		c.ANS = &convention.Signatory{Name: n, Title: v}
	}
	place := values["signature.place"]
	var date *convention.Date
	if v := values["signature.date"]; v != "" {
		d, err := readDate(v, x.fullDate(doc))
		if err != nil {
			x.problem("signature.date", CodeFieldValue, "« %s » : date « %s » illisible ; choisissez-la dans le calendrier du champ ou écrivez-la JJ/MM/AAAA", FieldLabel("signature.date"), v)
		} else {
			date = &d
		}
	}
	if place != "" || date != nil {
		c.Signature = &convention.Signature{Place: place, Date: date}
	}

	// Boxes.
	one := func(path string) string {
		v := boxes[path]
		if len(v) > 1 {
			x.problem(path, CodeFieldConflict, "« %s » : plusieurs cases cochées (%s) ; n'en cochez qu'une", FieldLabel(path), strings.Join(v, ", "))
			return ""
		}
		if len(v) == 1 {
			return v[0]
		}
		return ""
	}
	c.Reason = convention.Reason(one("reason"))
	c.Level = convention.Level(one("level"))
	s.Deployment = convention.Deployment(one("solution.deployment"))
	s.CentresOnly = one("solution.centres_only") == "true"
	s.Hosting.Hosted = one("solution.hosting.hosted") == "true"
	for _, p := range boxes["solution.professions"] {
		s.Professions = append(s.Professions, convention.Profession(p))
	}
	if len(boxes["solution.other_professions"]) > 0 && len(s.OtherProfessions) == 0 {
		x.problem("solution.other_professions", CodeFieldValue, "« %s » est cochée mais aucune profession n'est précisée : écrivez-les (une par ligne) ou décochez la case", FieldLabel("solution.other_professions"))
	}
	covers := one("solution.sesam_vitale.covers_third_party")
	if approval != "" || len(specialties) > 0 || covers != "" {
		s.SesamVitale = &convention.SesamVitale{Approval: approval, CoversThirdParty: covers == "true", Specialties: specialties}
	}
	for _, a := range annexes {
		if a.title != "" || a.description != "" {
			c.Annexes = append(c.Annexes, convention.Annex{Title: a.title, Description: a.description})
		}
	}
}

// fullDate returns the w:fullDate of the signature date's control.
func (x *Extraction) fullDate(doc *formDoc) string {
	for _, c := range doc.controls {
		if c.tag == "signature.date" && !c.placeholder {
			return c.fullDate
		}
	}
	return ""
}

// checkOutside warns about paragraphs whose text outside the fields is
// neither the blank form's nor the agreement's for the values read.
func (x *Extraction) checkOutside(doc *formDoc, ref *refForm) {
	want := map[string]bool{}
	for k := range ref.outside {
		want[k] = true
	}
	c := x.Convention
	if t, err := templates.Get(templates.DefaultName); err == nil {
		var buf bytes.Buffer
		info, _ := templates.Lookup(templates.DefaultName)
		d := NewDocument(c)
		d.Template = info
		if t.Execute(&buf, d) == nil {
			if filled, err := readDocx(buf.Bytes()); err == nil {
				for _, p := range filled.paragraphs {
					want[normSpace(p.text)] = true
				}
			}
		}
	}
	for _, p := range doc.paragraphs {
		t := normSpace(p.text)
		if t == "" || want[t] {
			continue
		}
		x.warn("", CodeOutsideText, "paragraphe %d « %s » : du texte a été saisi hors des champs du formulaire ; il n'est pas extrait (reportez-le dans le champ voulu)", p.index, snippet(t))
	}
}

// problem adds the problem whose message is the French format key and its
// arguments (its English is in convention's catalogue, for Problem.Text).
func (x *Extraction) problem(path string, code convention.Code, key string, args ...any) {
	x.Problems = append(x.Problems, convention.NewProblem(path, code, key, args...))
}

// warn is problem for a warning.
func (x *Extraction) warn(path string, code convention.Code, key string, args ...any) {
	x.Warnings = append(x.Warnings, convention.NewProblem(path, code, key, args...))
}

// labelOf names a field: the title of its control, else the blank form's.
func labelOf(fc *formControl, ref *refForm, key string) string {
	if r, ok := ref.byTag[key]; ok && r.alias != "" {
		return r.alias
	}
	if fc.alias != "" {
		return fc.alias
	}
	return key
}

// pathOf is the key path of a control: annexes[i].title for an annex's.
func pathOf(key string, item int, index map[int]int) string {
	if rest, ok := strings.CutPrefix(key, "annexes[]."); ok {
		i, ok := index[item]
		if !ok {
			i = len(index)
		}
		return "annexes[" + strconv.Itoa(i) + "]." + rest
	}
	return key
}

// lines splits a list field, one item a line; empty lines are dropped.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// normSpace trims s and turns every run of white space into one space.
func normSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) }), " ")
}

// snippet shortens a paragraph's text for a message.
func snippet(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// readDate reads the signature date: the date picker's w:fullDate when
// Word set it, else the text: « 1er juillet 2019 », « 1 juillet 2019 »,
// 01/07/2019 or 2019-07-01.
func readDate(text, full string) (convention.Date, error) {
	if len(full) >= 10 {
		if d, err := convention.ParseDate(full[:10]); err == nil {
			return d, nil
		}
	}
	t := strings.ToLower(normSpace(strings.ReplaceAll(text, "\u00a0", " ")))
	if d, err := convention.ParseDate(t); err == nil {
		return d, nil
	}
	if tm, err := time.Parse("02/01/2006", t); err == nil {
		return convention.NewDate(tm.Year(), tm.Month(), tm.Day())
	}
	if tm, err := time.Parse("2/1/2006", t); err == nil {
		return convention.NewDate(tm.Year(), tm.Month(), tm.Day())
	}
	f := strings.Fields(t)
	if len(f) == 3 {
		day, err := strconv.Atoi(strings.TrimSuffix(f[0], "er"))
		year, err2 := strconv.Atoi(f[2])
		if err == nil && err2 == nil {
			for m := time.January; m <= time.December; m++ {
				if frtext.Fold(frtext.Month(m)) == frtext.Fold(f[1]) {
					return convention.NewDate(year, m, day)
				}
			}
		}
	}
	return convention.Date{}, fmt.Errorf("unreadable date %q", text)
}
