package convention

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// valid returns a complete, valid agreement using every optional part.
func valid() *Convention {
	return &Convention{
		Reason: ReasonRenewal,
		Level:  LevelAdvanced,
		Company: Company{
			Name: "Santéa Systèmes SA", Address: "Parc d'activités\n3 allée des Platanes",
			PostalCode: "69003", City: "Lyon", Country: "France",
			Phone: "+33 4 72 00 11 22", Fax: "04.72.00.11.23", Email: "contact@santea.example.fr",
			RegistrationID: "85296374300020", RegistrationPlace: "RCS de Lyon", RegistrationNumber: "852 963 743",
			Representative: Representative{Civility: Monsieur, FirstName: "Julien", LastName: "Lefèvre", Title: "Directeur général"},
		},
		Solution: Solution{
			Name: "Santéa Centres", Components: []string{"Agenda", "Dossier"}, Version: "2026.1",
			CentresOnly: true, Deployment: Multisite, MaxSites: 40,
			Professions:      []Profession{MedecinGeneraliste, Infirmier},
			OtherProfessions: []string{"Assistant de service social"},
			Hosting:          Hosting{Hosted: true, Provider: "Hébergeur SAS", Scope: "Hébergement\nSauvegarde"},
			LAP:              &LAP{Certificate: "Santéa Prescription", Number: "LAP-1"},
			DMP:              &DMP{Homologation: "DMPi-1", Module: "Connecteur"},
			SesamVitale:      &SesamVitale{Approval: "SV-1", CoversThirdParty: true, Specialties: []string{"Médecine générale"}},
		},
		Annexes:   []Annex{{Title: "Dossier", Description: "Ligne 1\nLigne 2"}},
		ANS:       &Signatory{Name: "Madame Annie Prévot", Title: "Directrice"},
		Signature: &Signature{Place: "Paris", Date: &Date{2026, time.December, 1}},
	}
}

func TestValidateValid(t *testing.T) {
	if err := valid().Validate(); err != nil {
		t.Fatal(err)
	}
	// The minimal agreement: no optional part at all.
	c := valid()
	c.Company.Fax, c.Company.Country = "", ""
	c.Solution.Components, c.Solution.OtherProfessions = nil, nil
	c.Solution.LAP, c.Solution.DMP, c.Solution.SesamVitale = nil, nil, nil
	c.Solution.Deployment, c.Solution.MaxSites = Monosite, 0
	c.Solution.Hosting = Hosting{}
	c.Annexes, c.ANS, c.Signature = nil, nil, nil
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRules(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name string
		edit func(c *Convention)
		path string
		code Code // "" means: valid
	}{
		// Enumerations.
		{"reason missing", func(c *Convention) { c.Reason = "" }, "reason", CodeRequired},
		{"reason unknown", func(c *Convention) { c.Reason = "second" }, "reason", CodeEnum},
		{"reason first", func(c *Convention) { c.Reason = ReasonFirst }, "", ""},
		{"level unknown", func(c *Convention) { c.Level = "Standard" }, "level", CodeEnum},
		{"level standard", func(c *Convention) { c.Level = LevelStandard }, "", ""},
		{"civility unknown", func(c *Convention) { c.Company.Representative.Civility = "Mme" }, "company.representative.civility", CodeEnum},
		{"civility missing", func(c *Convention) { c.Company.Representative.Civility = "" }, "company.representative.civility", CodeRequired},
		{"deployment unknown", func(c *Convention) { c.Solution.Deployment = "cloud" }, "solution.deployment", CodeEnum},

		// Required texts.
		{"name blank", func(c *Convention) { c.Company.Name = "  " }, "company.name", CodeRequired},
		{"address missing", func(c *Convention) { c.Company.Address = "" }, "company.address", CodeRequired},
		{"city missing", func(c *Convention) { c.Company.City = "" }, "company.city", CodeRequired},
		{"phone missing", func(c *Convention) { c.Company.Phone = "" }, "company.phone", CodeRequired},
		{"email missing", func(c *Convention) { c.Company.Email = "" }, "company.email", CodeRequired},
		{"registration_place missing", func(c *Convention) { c.Company.RegistrationPlace = "" }, "company.registration_place", CodeRequired},
		{"registration_number missing", func(c *Convention) { c.Company.RegistrationNumber = "" }, "company.registration_number", CodeRequired},
		{"first_name missing", func(c *Convention) { c.Company.Representative.FirstName = "" }, "company.representative.first_name", CodeRequired},
		{"rep title missing", func(c *Convention) { c.Company.Representative.Title = "" }, "company.representative.title", CodeRequired},
		{"solution name missing", func(c *Convention) { c.Solution.Name = "" }, "solution.name", CodeRequired},
		{"version missing", func(c *Convention) { c.Solution.Version = "" }, "solution.version", CodeRequired},
		{"lap certificate missing", func(c *Convention) { c.Solution.LAP.Certificate = "" }, "solution.lap.certificate", CodeRequired},
		{"lap number missing", func(c *Convention) { c.Solution.LAP.Number = "" }, "solution.lap.number", CodeRequired},
		{"dmp homologation missing", func(c *Convention) { c.Solution.DMP.Homologation = "" }, "solution.dmp.homologation", CodeRequired},
		{"dmp module optional", func(c *Convention) { c.Solution.DMP.Module = "" }, "", ""},
		{"sesam approval missing", func(c *Convention) { c.Solution.SesamVitale.Approval = "" }, "solution.sesam_vitale.approval", CodeRequired},
		{"annex title missing", func(c *Convention) { c.Annexes[0].Title = "" }, "annexes[0].title", CodeRequired},
		{"annex description optional", func(c *Convention) { c.Annexes[0].Description = "" }, "", ""},
		{"ans name missing", func(c *Convention) { c.ANS.Name = "" }, "ans.name", CodeRequired},
		{"ans title missing", func(c *Convention) { c.ANS.Title = "" }, "ans.title", CodeRequired},
		{"signature without place", func(c *Convention) { c.Signature.Place = "" }, "", ""},
		{"signature without date", func(c *Convention) { c.Signature.Date = nil }, "", ""},
		{"signature impossible date", func(c *Convention) { c.Signature.Date = &Date{2026, time.February, 30} }, "signature.date", CodeDate},
		{"signature date in year 1", func(c *Convention) { c.Signature.Date = &Date{1, time.January, 1} }, "signature.date", CodeDate},
		{"signature date before version 4.0.2", func(c *Convention) { c.Signature.Date = &Date{2019, time.June, 30} }, "signature.date", CodeDate},
		{"signature date on version 4.0.2", func(c *Convention) { c.Signature.Date = &Date{2019, time.July, 1} }, "", ""},

		// Registration id.
		{"siret bad key", func(c *Convention) { c.Company.RegistrationID = "85296374300021" }, "company.registration_id", CodeRegistration},
		{"siret with spaces", func(c *Convention) { c.Company.RegistrationID = "852 963 743 00020" }, "", ""},
		{"siren", func(c *Convention) { c.Company.RegistrationID = "852963743" }, "", ""},
		{"siren bad key", func(c *Convention) { c.Company.RegistrationID = "852963744" }, "company.registration_id", CodeRegistration},
		{"la poste siret", func(c *Convention) { c.Company.RegistrationID = "35600000049837" }, "", ""},
		{"la poste bad", func(c *Convention) { c.Company.RegistrationID = "35600000049838" }, "company.registration_id", CodeRegistration},
		{"wrong length", func(c *Convention) { c.Company.RegistrationID = "8529637430002" }, "company.registration_id", CodeRegistration},
		{"text id in France", func(c *Convention) { c.Company.RegistrationID = "RCS Lyon B 852 963 743" }, "company.registration_id", CodeRegistration},
		{"country case and accents", func(c *Convention) { c.Company.Country = "FRANCÉ"; c.Company.RegistrationID = "12" }, "company.registration_id", CodeRegistration},
		{"foreign free id", func(c *Convention) {
			c.Company.Country, c.Company.RegistrationID = "Belgique", "BE 0123.456.789"
			c.Company.PostalCode, c.Company.Phone, c.Company.Fax = "1050", "+32 2 123 45 67", "+32 2 123 45 68"
		}, "", ""},

		// French formats.
		{"postal code 4 digits", func(c *Convention) { c.Company.PostalCode = "6903" }, "company.postal_code", CodePostalCode},
		{"postal code letters", func(c *Convention) { c.Company.PostalCode = "2A004" }, "company.postal_code", CodePostalCode},
		{"phone short", func(c *Convention) { c.Company.Phone = "04 72 00 11" }, "company.phone", CodePhone},
		{"phone foreign in France", func(c *Convention) { c.Company.Phone = "+32 2 123 45 67" }, "company.phone", CodePhone},
		{"phone dots", func(c *Convention) { c.Company.Phone = "04.72.00.11.22" }, "", ""},
		{"fax bad", func(c *Convention) { c.Company.Fax = "fax" }, "company.fax", CodePhone},
		{"phone trunk in brackets", func(c *Convention) { c.Company.Phone = "+33 (0)4 78 12 34 56" }, "", ""},
		{"phone 0033", func(c *Convention) { c.Company.Phone = "0033 4 78 12 34 56" }, "", ""},
		{"phone Réunion", func(c *Convention) { c.Company.Phone = "+262 262 12 34 56" }, "", ""},
		{"phone Guadeloupe", func(c *Convention) { c.Company.Phone = "+590 590 12 34 56" }, "", ""},
		{"phone Guyane", func(c *Convention) { c.Company.Phone = "+594 594 12 34 56" }, "", ""},
		{"phone Martinique", func(c *Convention) { c.Company.Fax = "+596 596 12 34 56" }, "", ""},
		{"phone Saint-Pierre-et-Miquelon", func(c *Convention) { c.Company.Phone = "+508 41 12 34" }, "", ""},
		{"phone Wallis-et-Futuna", func(c *Convention) { c.Company.Phone = "+681 72 12 34" }, "", ""},
		{"phone Nouvelle-Calédonie", func(c *Convention) { c.Company.Phone = "+687 27 12 34" }, "", ""},
		{"phone Polynésie", func(c *Convention) { c.Company.Phone = "+689 40 12 34 56" }, "", ""},
		{"phone Polynésie short", func(c *Convention) { c.Company.Phone = "+689 40 12 34" }, "company.phone", CodePhone},
		{"email display name", func(c *Convention) { c.Company.Email = "Jean <jean@santea.fr>" }, "company.email", CodeEmail},
		{"email no at", func(c *Convention) { c.Company.Email = "jean.santea.fr" }, "company.email", CodeEmail},
		{"email foreign company checked too", func(c *Convention) { c.Company.Country = "Suisse"; c.Company.Email = "x" }, "company.email", CodeEmail},

		// Deployment and sites.
		{"multisite without max_sites", func(c *Convention) { c.Solution.MaxSites = 0 }, "solution.max_sites", CodeRequired},
		{"multisite with 1 site", func(c *Convention) { c.Solution.MaxSites = 1 }, "solution.max_sites", CodeRange},
		{"multisite negative", func(c *Convention) { c.Solution.MaxSites = -3 }, "solution.max_sites", CodeRange},
		{"multisite 2 sites", func(c *Convention) { c.Solution.MaxSites = 2 }, "", ""},
		{"multisite too many", func(c *Convention) { c.Solution.MaxSites = MaxSites + 1 }, "solution.max_sites", CodeRange},
		{"monosite with max_sites", func(c *Convention) { c.Solution.Deployment = Monosite }, "solution.max_sites", CodeForbidden},
		{"monosite", func(c *Convention) { c.Solution.Deployment, c.Solution.MaxSites = Monosite, 0 }, "", ""},

		// Hosting.
		{"hosted without provider", func(c *Convention) { c.Solution.Hosting.Provider = "" }, "solution.hosting.provider", CodeRequired},
		{"hosted without scope", func(c *Convention) { c.Solution.Hosting.Scope = " " }, "solution.hosting.scope", CodeRequired},
		{"not hosted with provider", func(c *Convention) { c.Solution.Hosting.Hosted = false; c.Solution.Hosting.Scope = "" }, "solution.hosting.provider", CodeForbidden},
		{"not hosted with scope", func(c *Convention) { c.Solution.Hosting.Hosted = false; c.Solution.Hosting.Provider = "" }, "solution.hosting.scope", CodeForbidden},
		{"not hosted", func(c *Convention) { c.Solution.Hosting = Hosting{} }, "", ""},

		// Centres only.
		{"not centres only", func(c *Convention) { c.Solution.CentresOnly = false }, "solution.centres_only", CodeNotCentres},

		// Professions.
		{"no profession", func(c *Convention) { c.Solution.Professions, c.Solution.OtherProfessions = nil, nil }, "solution.professions", CodeNoProfession},
		{"only other professions", func(c *Convention) { c.Solution.Professions = nil }, "", ""},
		{"only listed professions", func(c *Convention) { c.Solution.OtherProfessions = nil }, "", ""},
		{"unknown profession", func(c *Convention) { c.Solution.Professions[1] = "infirmiere" }, "solution.professions[1]", CodeEnum},
		{"duplicate profession", func(c *Convention) { c.Solution.Professions[1] = MedecinGeneraliste }, "solution.professions[1]", CodeDuplicate},
		{"all professions", func(c *Convention) { c.Solution.Professions = AllProfessions() }, "", ""},
		{"duplicate other profession", func(c *Convention) {
			c.Solution.OtherProfessions = []string{"Ergothérapeute", "ergothérapeute"}
		}, "solution.other_professions[1]", CodeDuplicate},
		{"duplicate component", func(c *Convention) { c.Solution.Components = []string{"A", "A"} }, "solution.components[1]", CodeDuplicate},
		{"empty component", func(c *Convention) { c.Solution.Components = []string{"A", ""} }, "solution.components[1]", CodeRequired},
		{"too many other professions", func(c *Convention) {
			c.Solution.OtherProfessions = nil
			for i := 0; i <= maxOtherProfessions; i++ {
				c.Solution.OtherProfessions = append(c.Solution.OtherProfessions, "P"+strings.Repeat("x", i))
			}
		}, "solution.other_professions", CodeTooMany},
		{"too many annexes", func(c *Convention) {
			c.Annexes = make([]Annex, maxAnnexes+1)
			for i := range c.Annexes {
				c.Annexes[i].Title = "Annexe"
			}
		}, "annexes", CodeTooMany},

		// Control characters and lengths.
		{"newline in one-line field", func(c *Convention) { c.Company.Name = "A\nB" }, "company.name", CodeControlChar},
		{"newline in address", func(c *Convention) { c.Company.Address = "A\nB" }, "", ""},
		{"newline in scope", func(c *Convention) { c.Solution.Hosting.Scope = "A\nB" }, "", ""},
		{"newline in annex description", func(c *Convention) { c.Annexes[0].Description = "A\nB" }, "", ""},
		{"newline in annex title", func(c *Convention) { c.Annexes[0].Title = "A\nB" }, "annexes[0].title", CodeControlChar},
		{"tab", func(c *Convention) { c.Solution.Version = "1\t2" }, "solution.version", CodeControlChar},
		{"NUL in address", func(c *Convention) { c.Company.Address = "A\x00" }, "company.address", CodeControlChar},
		{"DEL in list item", func(c *Convention) { c.Solution.Components[0] = "A\x7f" }, "solution.components[0]", CodeControlChar},
		{"invalid UTF-8", func(c *Convention) { c.Company.City = "Ly\xffon" }, "company.city", CodeControlChar},
		{"name at max", func(c *Convention) { c.Company.Name = long(200) }, "", ""},
		{"name too long", func(c *Convention) { c.Company.Name = long(201) }, "company.name", CodeTooLong},
		{"address too long", func(c *Convention) { c.Company.Address = long(501) }, "company.address", CodeTooLong},
		{"version too long", func(c *Convention) { c.Solution.Version = long(51) }, "solution.version", CodeTooLong},
		{"scope too long", func(c *Convention) { c.Solution.Hosting.Scope = long(1001) }, "solution.hosting.scope", CodeTooLong},
		{"specialty too long", func(c *Convention) { c.Solution.SesamVitale.Specialties[0] = long(101) }, "solution.sesam_vitale.specialties[0]", CodeTooLong},
		{"annex description too long", func(c *Convention) { c.Annexes[0].Description = long(2001) }, "annexes[0].description", CodeTooLong},
		{"placeholder", func(c *Convention) { c.Company.City = Placeholder + " : commune" }, "company.city", CodePlaceholder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.edit(c)
			ps := c.Check()
			err := c.Validate()
			if tt.code == "" {
				if err != nil || len(ps) != 0 {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want %s %s, got no problem", tt.path, tt.code)
			}
			if !ps.Has(tt.path, tt.code) {
				t.Fatalf("want %s [%s], got:\n%v", tt.path, tt.code, err)
			}
			if len(ps) != 1 {
				t.Errorf("want one problem, got:\n%v", err)
			}
			for _, p := range ps {
				if p.Message == "" || !strings.Contains(p.Error(), p.Path+": ") {
					t.Errorf("bad problem text %q", p.Error())
				}
			}
		})
	}
}

func TestValidateAllAtOnceInOrder(t *testing.T) {
	c := valid()
	c.Signature.Date = &Date{2026, time.April, 31}
	c.Reason = "x"
	c.Solution.Hosting.Provider = ""
	c.Company.Phone = "1"
	c.Annexes[0].Title = ""
	err := c.Validate()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("%T is not Problems", err)
	}
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path)
	}
	want := "reason company.phone solution.hosting.provider annexes[0].title signature.date"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
	var p *Problem
	if !errors.As(err, &p) || p.Path != "reason" {
		t.Errorf("errors.As(*Problem) = %v", p)
	}
	if !strings.HasPrefix(err.Error(), "5 problèmes :\nreason: ") {
		t.Errorf("Error() = %q", err.Error())
	}
	var nilc *Convention
	if nilc.Validate() == nil {
		t.Error("nil Convention validates")
	}
}

// TestFieldsTable checks that every text field of the model has its row in
// the fields table, so that Validate never panics on a missing row.
func TestFieldsTable(t *testing.T) {
	for _, f := range fields {
		if f.label == "" {
			t.Errorf("%s: no label", f.path)
		}
		// a text field says what to write in a placeholder's message
		if (f.max > 0) != (f.what != "") {
			t.Errorf("%s: max %d, what %q: a text field, and only one, says what to write", f.path, f.max, f.what)
		}
	}
	c := valid()
	c.Normalize()
	if ps := c.Check(); len(ps) != 0 {
		t.Fatal(ps)
	}
}

func TestProblemsHelpers(t *testing.T) {
	ps := Problems{
		{File: "f.toml", Line: 3, Column: 2, Path: "a.b", Code: CodeRequired, Message: "m1"},
		{Line: 4, Path: "", Code: CodeSyntax, Message: "m2", Err: errors.New("inner")},
		{Code: CodeRead, Message: "m3"},
	}
	if got := ps.Codes(); len(got) != 3 || got[0] != CodeRequired || got[2] != CodeRead {
		t.Errorf("Codes %v", got)
	}
	want := "3 problèmes :\nf.toml:3:2: a.b: m1\n4: m2\nm3"
	if ps.Error() != want {
		t.Errorf("Error:\n%s\nwant\n%s", ps.Error(), want)
	}
	if Problems(nil).err() != nil || (Problems{}).Error() == "" {
		t.Error("empty Problems")
	}
	if !errors.Is(ps, ps[1].Err) {
		t.Error("errors.Is does not reach a problem's Err")
	}
}

// TestLowerEqual compares lowerEqual with strings.ToLower on both sides,
// over random strings of letters whose case mapping is irregular, and
// bytes that are not UTF-8.
func TestLowerEqual(t *testing.T) {
	alphabet := []string{"a", "A", "k", "K", "\u212a", "i", "I", "\u0130", "\u0131", "ß", "ẞ", "σ", "ς", "Σ", "é", "É",
		"\ufffd", "\xff", "\xc3", "\xe2\x84", " ", "\u01c5", "\u01c4", "\u01c6"}
	r := rand.New(rand.NewPCG(3, 4))
	gen := func() string {
		var b strings.Builder
		for range r.IntN(4) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	equal := 0
	for range 200000 {
		a, b := gen(), gen()
		//lint:ignore SA6005 ToLower's equality is what lowerEqual stands for (EqualFold differs: İ, i)
		want := strings.ToLower(a) == strings.ToLower(b)
		if got := lowerEqual(a, b); got != want {
			t.Fatalf("lowerEqual(%q, %q) = %v, want %v", a, b, got, want)
		}
		if want {
			equal++
		}
	}
	if equal < 1000 {
		t.Errorf("only %d equal pairs", equal)
	}
}

// TestListDuplicatesLong checks that a long list (its duplicates found with
// a map) reports the same duplicates as a short one.
func TestListDuplicatesLong(t *testing.T) {
	for _, n := range []int{3, 40} {
		c := valid()
		c.Solution.Components = nil
		for i := range n {
			c.Solution.Components = append(c.Solution.Components, "Module "+strconv.Itoa(i))
		}
		c.Solution.Components = append(c.Solution.Components, "MODULE 1", " ", "module 2")
		ps := c.Check()
		for _, i := range []int{n, n + 2} {
			if !ps.Has("solution.components["+strconv.Itoa(i)+"]", CodeDuplicate) {
				t.Errorf("%d items: no duplicate reported at %d: %v", n, i, ps)
			}
		}
		if ps.Has("solution.components["+strconv.Itoa(n+1)+"]", CodeDuplicate) {
			t.Errorf("%d items: a blank item reported as a duplicate", n)
		}
	}
}
