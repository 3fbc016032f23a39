package convention

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/esante/labelkit/internal/frtext"
	"github.com/esante/labelkit/internal/ident"
)

// Validate checks c against the rules of the agreement and of the input
// format and returns every problem at once as a Problems error (nil when
// there is none). Problems come in the order of the input format's fields;
// each has the key path, a stable Code and a French message saying what to
// do. Validate does not change c; call Normalize first (Decode does) so that
// surrounding spaces are not reported.
func (c *Convention) Validate() error {
	return c.Check().err()
}

// Check is Validate returning the Problems list itself (empty when c is
// valid), for programs that want to walk it without errors.As. Like every
// list of problems, it stops at MaxProblems.
func (c *Convention) Check() Problems {
	if c == nil {
		return Problems{problem("", CodeRequired, fr("aucune convention"))}
	}
	v := &validator{}
	v.enum("reason", string(c.Reason), enumValues(AllReasons()), true)
	v.enum("level", string(c.Level), enumValues(AllLevels()), true)
	v.company(&c.Company)
	v.solution(&c.Solution)
	v.annexes(c.Annexes)
	if c.ANS != nil {
		v.text("ans.name", c.ANS.Name, true)
		v.text("ans.title", c.ANS.Title, true)
	}
	if c.Signature != nil {
		v.text("signature.place", c.Signature.Place, false)
		if d := c.Signature.Date; d != nil && !d.IsZero() {
			if _, err := NewDate(d.Year, d.Month, d.Day); err != nil {
				v.add("signature.date", CodeDate, fr("%s : donnez une date réelle AAAA-MM-JJ", phraseOf(err)))
			} else if d.Time().Before(versionDate) {
				// 0001-01-01 also printed as no date at all (a zero time)
				v.add("signature.date", CodeDate, fr("la date %s précède la version 4.0.2 de la convention (1er juillet 2019) : vérifiez l'année, ou retirez la date pour une ligne à remplir par l'ANS", d.String()))
			}
		}
	}
	return capped(v.ps.list, v.ps.dropped)
}

// versionDate is the date of the agreement's version 4.0.2: no signature
// date can precede it.
var versionDate = time.Date(2019, time.July, 1, 0, 0, 0, 0, time.UTC)

// optionalHint tells how to drop an optional value instead of filling it.
func optionalHint(path string) phrase {
	switch patternOf(path) {
	case "company.fax", "solution.dmp.module":
		return fr(", ou retirez la clé (facultative)")
	case "solution.components[]", "solution.other_professions[]":
		return fr(", ou retirez-le de la liste (facultative)")
	}
	for _, t := range []string{"solution.lap", "solution.dmp", "solution.sesam_vitale", "ans", "annexes"} {
		if strings.HasPrefix(path, t+".") || strings.HasPrefix(path, t+"[") {
			if t == "annexes" {
				return fr(", ou retirez ce bloc [[annexes]] (facultatif)")
			}
			return fr(", ou retirez la table [%s] (facultative)", t)
		}
	}
	return fr("")
}

type validator struct{ ps bounded }

func (v *validator) add(path string, code Code, msg phrase) {
	v.ps.add(problem(path, code, msg))
}

// text checks one text field: required, length, control characters. The
// field's rules come from the fields table, found by the path with list
// indexes removed. It reports whether the value is present and clean enough
// for further checks.
func (v *validator) text(path, s string, required bool) bool {
	return v.textField(lookupField(patternOf(path)), func() string { return path }, s, required)
}

// textField is text for a field whose rules are f, at the path at returns
// (made only for a problem).
func (v *validator) textField(f field, at func() string, s string, required bool) bool {
	if strings.TrimSpace(s) == "" {
		if required {
			v.add(at(), CodeRequired, fr("obligatoire : renseignez « %s »", f.label))
		}
		return false
	}
	ok := true
	if strings.HasPrefix(s, Placeholder) {
		v.add(at(), CodePlaceholder, fr("valeur à compléter : remplacez « %s » par %s%s", s, fr(f.what), optionalHint(at())))
		return false
	}
	if !utf8.ValidString(s) {
		v.add(at(), CodeControlChar, fr("texte invalide (pas de l'UTF-8) : enregistrez le fichier en UTF-8"))
		return false
	}
	for _, r := range s {
		if r == '\n' && f.multiline {
			continue
		}
		if unicode.IsControl(r) {
			if r == '\n' {
				v.add(at(), CodeControlChar, fr("retour à la ligne interdit dans ce champ : écrivez-le sur une seule ligne"))
			} else {
				v.add(at(), CodeControlChar, fr("caractère de contrôle %U interdit : retirez-le", r))
			}
			ok = false
			break
		}
	}
	if n := utf8.RuneCountInString(s); f.max > 0 && n > f.max {
		v.add(at(), CodeTooLong, fr("trop long (%d caractères, %d au plus) : abrégez", n, f.max))
		ok = false
	}
	return ok
}

// itemPath is the path of item i of the list at path.
func itemPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// list checks a list of texts: number of items, each item, duplicates.
func (v *validator) list(path string, items []string, max int) {
	if len(items) > max {
		v.add(path, CodeTooMany, fr("trop d'éléments (%d, %d au plus)", len(items), max))
	}
	var seen map[string]bool // for a long list; a short one is compared item by item
	if len(items) > 32 {
		seen = map[string]bool{}
	}
	var f field // every item's
	if len(items) > 0 {
		f = lookupField(patternOf(path) + "[]")
	}
	for i, s := range items {
		if strings.TrimSpace(s) == "" {
			v.add(itemPath(path, i), CodeRequired, fr("élément vide : retirez-le ou remplissez-le"))
			continue
		}
		v.textField(f, func() string { return itemPath(path, i) }, s, true)
		dup := false
		if seen != nil {
			key := strings.ToLower(s)
			dup = seen[key]
			seen[key] = true
		} else {
			dup = slices.ContainsFunc(items[:i], func(e string) bool {
				return strings.TrimSpace(e) != "" && lowerEqual(e, s)
			})
		}
		if dup {
			v.add(itemPath(path, i), CodeDuplicate, fr("« %s » figure déjà dans la liste : ne le donnez qu'une fois", s))
		}
	}
}

// lowerEqual reports whether strings.ToLower(a) == strings.ToLower(b),
// without making them: ToLower maps each rune with unicode.ToLower, and
// each byte that is not UTF-8 to U+FFFD, as DecodeRuneInString reads it.
func lowerEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

// enumAliases suggests the value people mean by a common French spelling.
var enumAliases = map[string]string{
	"mme":              "Madame",
	"mme.":             "Madame",
	"mlle":             "Madame",
	"mademoiselle":     "Madame",
	"m":                "Monsieur",
	"m.":               "Monsieur",
	"mr":               "Monsieur",
	"mr.":              "Monsieur",
	"premiere":         "first",
	"premiere demande": "first",
	"renouvellement":   "renewal",
	"1":                "standard",
	"niveau 1":         "standard",
	"niveau standard":  "standard",
	"2":                "advanced",
	"niveau 2":         "advanced",
	"avance":           "advanced",
	"niveau avance":    "advanced",
	"multisites":       "multisite",
	"multi-sites":      "multisite",
	"mono-site":        "monosite",
}

type labelled interface {
	~string
	Label() string
}

type enumValue struct{ value, label string }

func enumValues[T labelled](all []T) []enumValue {
	out := make([]enumValue, len(all))
	for i, e := range all {
		out[i] = enumValue{string(e), e.Label()}
	}
	return out
}

// enum checks a value against its enumeration.
func (v *validator) enum(path, s string, values []enumValue, required bool) bool {
	if s == "" {
		if required {
			v.add(path, CodeRequired, fr("obligatoire : choisissez parmi %s", describeEnum(values)))
		}
		return false
	}
	var keys []string
	for _, e := range values {
		if s == e.value {
			return true
		}
		keys = append(keys, e.value)
	}
	sg := enumAliases[frtext.Fold(s)]
	if sg == "" {
		sg = suggest(s, keys)
	}
	v.add(path, CodeEnum, fr("valeur « %s » inconnue%s ; valeurs possibles : %s", s, didYouMean(sg), describeEnum(values)))
	return false
}

// didYouMean is the suggestion « (vouliez-vous dire « sg » ?) », nothing
// without one.
func didYouMean(sg string) phrase {
	if sg == "" {
		return fr("")
	}
	return fr(" (vouliez-vous dire « %s » ?)", sg)
}

func describeEnum(values []enumValue) string {
	parts := make([]string, len(values))
	for i, e := range values {
		parts[i] = strconv.Quote(e.value) + " (" + e.label + ")"
	}
	return strings.Join(parts, ", ")
}

// phoneHint says what a French telephone number looks like.
const phoneHint = `10 chiffres commençant par 0, par exemple "01 23 45 67 89" ou "0262 12 34 56", ou au format international : +33 (ou 0033) puis 9 chiffres ; outre-mer +262, +590, +594 ou +596 puis 9 chiffres, +508, +681 ou +687 puis 6, +689 puis 8`

func (v *validator) company(co *Company) {
	french := co.IsFrench()
	v.text("company.name", co.Name, true)
	v.text("company.address", co.Address, true)
	if v.text("company.postal_code", co.PostalCode, true) && french && !ident.IsFrenchPostalCode(co.PostalCode) {
		v.add("company.postal_code", CodePostalCode, fr("code postal français invalide « %s » : 5 chiffres, par exemple \"75015\" (ou indiquez le pays dans company.country)", co.PostalCode))
	}
	v.text("company.city", co.City, true)
	v.text("company.country", co.Country, false)
	if v.text("company.phone", co.Phone, true) && french && !ident.IsFrenchPhone(co.Phone) {
		v.add("company.phone", CodePhone, fr("numéro de téléphone français invalide « %s » : %s", co.Phone, fr(phoneHint)))
	}
	if v.text("company.fax", co.Fax, false) && french && !ident.IsFrenchPhone(co.Fax) {
		v.add("company.fax", CodePhone, fr("numéro de fax français invalide « %s » : %s (ou retirez la clé fax)", co.Fax, fr(phoneHint)))
	}
	if v.text("company.email", co.Email, true) && !ident.IsPlainEmail(co.Email) {
		v.add("company.email", CodeEmail, fr("adresse e-mail invalide « %s » : une adresse simple est attendue, par exemple \"contact@societe.fr\" (sans nom ni chevrons)", co.Email))
	}
	if v.text("company.registration_id", co.RegistrationID, true) && french {
		v.registrationID(co.RegistrationID)
	}
	v.text("company.registration_place", co.RegistrationPlace, true)
	v.text("company.registration_number", co.RegistrationNumber, true)
	r := &co.Representative
	v.enum("company.representative.civility", string(r.Civility), enumValues(AllCivilities()), true)
	v.text("company.representative.first_name", r.FirstName, true)
	v.text("company.representative.last_name", r.LastName, true)
	v.text("company.representative.title", r.Title, true)
}

func (v *validator) registrationID(id string) {
	const path = "company.registration_id"
	d := ident.Digits(id)
	switch {
	case !ident.AllDigits(d):
		v.add(path, CodeRegistration, fr("pour une société française, indiquez le SIRET (14 chiffres) ou le SIREN (9 chiffres), « %s » n'est pas un numéro (ou indiquez le pays dans company.country)", id))
	case len(d) == 14:
		if !ident.IsSIRET(d) {
			v.add(path, CodeRegistration, fr("SIRET « %s » invalide : sa clé de contrôle (Luhn) est fausse ; vérifiez les 14 chiffres", id))
		}
	case len(d) == 9:
		if !ident.IsSIREN(d) {
			v.add(path, CodeRegistration, fr("SIREN « %s » invalide : sa clé de contrôle (Luhn) est fausse ; vérifiez les 9 chiffres", id))
		}
	default:
		v.add(path, CodeRegistration, fr("« %s » a %d chiffres : un SIRET en a 14, un SIREN 9", id, len(d)))
	}
}

func (v *validator) solution(s *Solution) {
	v.text("solution.name", s.Name, true)
	v.list("solution.components", s.Components, maxComponents)
	v.text("solution.version", s.Version, true)
	if !s.CentresOnly {
		v.add("solution.centres_only", CodeNotCentres,
			fr("doit valoir true : cette convention couvre les seules solutions destinées aux centres de santé ; "+
				"pour une solution destinée aussi aux maisons et pôles de santé, c'est la convention relative aux conditions "+
				"d'utilisation du label « %s » qui s'applique", "e-santé Logiciel Maisons et Centres de santé"))
	}
	if v.enum("solution.deployment", string(s.Deployment), enumValues(AllDeployments()), true) {
		switch {
		case s.Deployment == Multisite && s.MaxSites == 0:
			v.add("solution.max_sites", CodeRequired, fr("obligatoire en multisite : indiquez le nombre maximum de sites (2 ou plus)"))
		case s.Deployment == Multisite && s.MaxSites < 2:
			v.add("solution.max_sites", CodeRange, fr("%d site(s) : en multisite, le nombre maximum de sites est d'au moins 2 (sinon choisissez deployment = \"monosite\")", s.MaxSites))
		case s.Deployment == Multisite && s.MaxSites > MaxSites:
			v.add("solution.max_sites", CodeRange, fr("%d sites : %d au plus", s.MaxSites, MaxSites))
		case s.Deployment == Monosite && s.MaxSites != 0:
			v.add("solution.max_sites", CodeForbidden, fr("à ne pas donner en monosite : retirez max_sites (ou choisissez deployment = \"multisite\")"))
		}
	} else if s.MaxSites < 0 {
		v.add("solution.max_sites", CodeRange, fr("le nombre maximum de sites ne peut pas être négatif"))
	}
	v.professions(s)
	v.list("solution.other_professions", s.OtherProfessions, maxOtherProfessions)

	h := &s.Hosting
	if h.Hosted {
		v.requiredWhenHosted("solution.hosting.provider", h.Provider)
		v.requiredWhenHosted("solution.hosting.scope", h.Scope)
	} else {
		for _, f := range []struct{ path, value string }{
			{"solution.hosting.provider", h.Provider}, {"solution.hosting.scope", h.Scope},
		} {
			if f.value != "" {
				v.add(f.path, CodeForbidden, fr("à ne pas donner lorsque solution.hosting.hosted = false : retirez-le, ou mettez hosted = true si la solution est hébergée"))
			}
		}
	}
	if s.LAP != nil {
		v.text("solution.lap.certificate", s.LAP.Certificate, true)
		v.text("solution.lap.number", s.LAP.Number, true)
	}
	if s.DMP != nil {
		v.text("solution.dmp.homologation", s.DMP.Homologation, true)
		v.text("solution.dmp.module", s.DMP.Module, false)
	}
	if s.SesamVitale != nil {
		v.text("solution.sesam_vitale.approval", s.SesamVitale.Approval, true)
		v.list("solution.sesam_vitale.specialties", s.SesamVitale.Specialties, maxSpecialties)
	}
}

func (v *validator) requiredWhenHosted(path, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(path, CodeRequired, fr("obligatoire lorsque solution.hosting.hosted = true : renseignez « %s »", lookupField(path).label))
		return
	}
	v.text(path, value, true)
}

func (v *validator) professions(s *Solution) {
	if len(s.Professions) == 0 && len(s.OtherProfessions) == 0 {
		v.add("solution.professions", CodeNoProfession,
			fr("au moins une profession de santé est requise : cochez-en dans professions (%s) ou précisez-en dans other_professions", strings.Join(professionKeys(), ", ")))
		return
	}
	seen := map[Profession]bool{}
	for i, p := range s.Professions {
		if !p.Valid() {
			path := itemPath("solution.professions", i)
			v.add(path, CodeEnum, fr("profession « %s » inconnue%s ; clés possibles : %s ; une autre profession va dans other_professions",
				string(p), didYouMean(suggest(string(p), professionKeys())), strings.Join(professionKeys(), ", ")))
			continue
		}
		if seen[p] {
			v.add(itemPath("solution.professions", i), CodeDuplicate, fr("« %s » figure déjà dans la liste : ne la donnez qu'une fois", string(p)))
		}
		seen[p] = true
	}
}

func professionKeys() []string {
	all := AllProfessions()
	keys := make([]string, len(all))
	for i, p := range all {
		keys[i] = string(p)
	}
	return keys
}

func (v *validator) annexes(as []Annex) {
	if len(as) > maxAnnexes {
		v.add("annexes", CodeTooMany, fr("trop d'annexes (%d, %d au plus)", len(as), maxAnnexes))
	}
	if len(as) == 0 {
		return
	}
	title, description := lookupField("annexes[].title"), lookupField("annexes[].description")
	for i, a := range as {
		v.textField(title, func() string { return itemPath("annexes", i) + ".title" }, a.Title, true)
		v.textField(description, func() string { return itemPath("annexes", i) + ".description" }, a.Description, false)
	}
}

// patternOf replaces the list indexes of a path by "[]": "annexes[2].title"
// → "annexes[].title".
func patternOf(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	b := make([]byte, 0, len(path))
	skip := false
	for i := 0; i < len(path); i++ { // brackets are ASCII: bytes will do
		switch c := path[i]; {
		case c == '[':
			b = append(b, "[]"...)
			skip = true
		case c == ']':
			skip = false
		case !skip:
			b = append(b, c)
		}
	}
	return string(b)
}
