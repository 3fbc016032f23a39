package convention

import (
	"strings"
	"testing"
	"time"
)

func TestEnumLabels(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{ReasonFirst.Label(), "Première demande de labellisation"},
		{ReasonRenewal.Label(), "Demande de renouvellement de labellisation V1 en V2"},
		{Reason("").Label(), ""},
		{Reason("First").Label(), ""},
		{LevelStandard.Label(), "Niveau Standard"},
		{LevelAdvanced.Label(), "Niveau Avancé"},
		{Level("expert").Label(), ""},
		{Madame.Label(), "Madame"},
		{Monsieur.Label(), "Monsieur"},
		{Civility("Mme").Label(), ""},
		{Monosite.Label(), "Monosite"},
		{Multisite.Label(), "Multisites"},
		{Deployment("").Label(), ""},
		{Profession("").Label(), ""},
		{Profession("dentiste").Label(), ""},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: label %q, want %q", i, tt.got, tt.want)
		}
	}
}

// TestProfessionLabelsInSeed checks every profession label against the
// official text, in order.
func TestProfessionLabelsInOrder(t *testing.T) {
	want := []string{"Médecin généraliste", "Médecin spécialiste", "Infirmier",
		"Masseur Kinésithérapeute", "Pédicure - Podologue", "Orthophoniste", "Orthoptiste",
		"Diététicien", "Sage-femme", "Psychologue", "Pharmacien", "Chirurgien-dentiste"}
	keys := []string{"medecin_generaliste", "medecin_specialiste", "infirmier",
		"masseur_kinesitherapeute", "pedicure_podologue", "orthophoniste", "orthoptiste",
		"dieteticien", "sage_femme", "psychologue", "pharmacien", "chirurgien_dentiste"}
	all := AllProfessions()
	if len(all) != len(want) {
		t.Fatalf("AllProfessions: %d, want %d", len(all), len(want))
	}
	for i, p := range all {
		if p.Label() != want[i] || string(p) != keys[i] || p.String() != keys[i] || !p.Valid() {
			t.Errorf("profession %d: %q %q, want %q %q", i, p, p.Label(), keys[i], want[i])
		}
	}
	all[0] = "mutated"
	if AllProfessions()[0] != MedecinGeneraliste {
		t.Error("AllProfessions shares its slice")
	}
}

func TestPredicates(t *testing.T) {
	var r Reason
	var l Level
	var d Deployment
	var c Civility
	if r.IsFirst() || r.IsRenewal() || l.IsStandard() || l.IsAdvanced() || d.IsMonosite() || d.IsMultisite() {
		t.Error("a zero enum answers true")
	}
	if r.Valid() || l.Valid() || d.Valid() || c.Valid() {
		t.Error("a zero enum is valid")
	}
	if !ReasonFirst.IsFirst() || ReasonFirst.IsRenewal() || !ReasonRenewal.IsRenewal() {
		t.Error("Reason predicates")
	}
	if !LevelStandard.IsStandard() || !LevelAdvanced.IsAdvanced() || LevelAdvanced.IsStandard() {
		t.Error("Level predicates")
	}
	if LevelStandard.Number() != 1 || LevelAdvanced.Number() != 2 || l.Number() != 0 {
		t.Error("Level.Number")
	}
	if !Monosite.IsMonosite() || !Multisite.IsMultisite() || Multisite.IsMonosite() {
		t.Error("Deployment predicates")
	}
	if got := Madame.Agree("dûment habilité", "dûment habilitée"); got != "dûment habilitée" {
		t.Errorf("Madame.Agree = %q", got)
	}
	if got := Monsieur.Agree("dûment habilité", "dûment habilitée"); got != "dûment habilité" {
		t.Errorf("Monsieur.Agree = %q", got)
	}
	if got := c.Agree("habilité", "habilitée"); got != "habilité" {
		t.Errorf("zero Civility.Agree = %q", got)
	}
	if !Madame.IsFeminine() || Monsieur.IsFeminine() {
		t.Error("IsFeminine")
	}
	if ReasonRenewal.String() != "renewal" || LevelAdvanced.String() != "advanced" ||
		Multisite.String() != "multisite" || Madame.String() != "Madame" {
		t.Error("String")
	}
}

func TestProfessionOptions(t *testing.T) {
	var zero Solution
	opts := zero.ProfessionOptions()
	if len(opts) != 12 {
		t.Fatalf("%d options", len(opts))
	}
	for _, o := range opts {
		if o.Selected {
			t.Errorf("zero Solution selects %s", o.Value)
		}
	}
	s := Solution{Professions: []Profession{Infirmier, ChirurgienDentiste, "inconnu"}}
	var sel []string
	for _, o := range s.ProfessionOptions() {
		if o.Selected {
			sel = append(sel, o.Value+"="+o.Label)
		}
	}
	if got := strings.Join(sel, ","); got != "infirmier=Infirmier,chirurgien_dentiste=Chirurgien-dentiste" {
		t.Errorf("selected %s", got)
	}
	if !s.HasProfession(Infirmier) || s.HasProfession(SageFemme) {
		t.Error("HasProfession")
	}
}

func TestIsFrench(t *testing.T) {
	for country, want := range map[string]bool{
		"": true, "France": true, "FRANCE": true, " france ": true, "Francé": true,
		"FR": true, "fra": true, "Belgique": false, "French Polynesia": false, "FRL": false,
	} {
		if got := (Company{Country: country}).IsFrench(); got != want {
			t.Errorf("IsFrench(%q) = %v", country, got)
		}
	}
}

func TestSignatureAccessors(t *testing.T) {
	var nilc *Convention
	if nilc.SignaturePlace() != "Paris" || nilc.SignatureDate() != nil {
		t.Error("nil Convention")
	}
	c := &Convention{}
	if c.SignaturePlace() != "Paris" || c.SignatureDate() != nil {
		t.Error("no signature")
	}
	c.Signature = &Signature{Place: "Lyon", Date: &Date{}}
	if c.SignaturePlace() != "Lyon" || c.SignatureDate() != nil {
		t.Error("place / zero date")
	}
	c.Signature.Date = &Date{2026, time.December, 1}
	if d := c.SignatureDate(); d == nil || d.French() != "1er décembre 2026" {
		t.Errorf("date %v", d)
	}
}

func TestNormalize(t *testing.T) {
	c := &Convention{
		Reason: " first ",
		Company: Company{
			Name:           "  ACME  ",
			Address:        "1 rue A\r\nBâtiment B\r\n",
			RegistrationID: "732 829 320 00074",
			Representative: Representative{Civility: " Madame", FirstName: "\tClaire "},
		},
		Solution: Solution{
			Components:       []string{" a ", "", "  ", "b"},
			Professions:      []Profession{" infirmier ", ""},
			OtherProfessions: []string{" "},
			SesamVitale:      &SesamVitale{Specialties: []string{" x "}},
		},
		Signature: &Signature{Place: "  "},
	}
	c.Normalize()
	if c.Reason != ReasonFirst || c.Company.Name != "ACME" || c.Company.Address != "1 rue A\nBâtiment B" {
		t.Errorf("trim: %+v", c)
	}
	if c.Company.RegistrationID != "73282932000074" {
		t.Errorf("registration_id %q", c.Company.RegistrationID)
	}
	if c.Company.Country != "France" || c.Signature.Place != "Paris" || c.ANS != nil {
		t.Errorf("defaults: %q %q %v", c.Company.Country, c.Signature.Place, c.ANS)
	}
	if c.Company.Representative.Civility != Madame || c.Company.Representative.FirstName != "Claire" {
		t.Error("representative")
	}
	if strings.Join(c.Solution.Components, "|") != "a|b" || len(c.Solution.Professions) != 1 ||
		c.Solution.OtherProfessions != nil || c.Solution.SesamVitale.Specialties[0] != "x" {
		t.Errorf("lists: %q %q %q", c.Solution.Components, c.Solution.Professions, c.Solution.OtherProfessions)
	}
	before := *c
	c.Normalize()
	if c.Company != before.Company || c.Signature.Place != "Paris" {
		t.Error("not idempotent")
	}

	// An ISO code of France is printed as the country's name; other
	// spellings are the writer's choice.
	for in, want := range map[string]string{"FR": "France", "fra": "France", " Fr ": "France", "FRANCE": "FRANCE", "Belgique": "Belgique", "FRL": "FRL"} {
		co := &Convention{Company: Company{Country: in}}
		co.Normalize()
		if co.Company.Country != want {
			t.Errorf("country %q normalized to %q, want %q", in, co.Company.Country, want)
		}
	}

	// Foreign registration ids are free text: spaces stay.
	f := &Convention{Company: Company{Country: "Belgique", RegistrationID: "BE 0123 456 789"}}
	f.Normalize()
	if f.Company.RegistrationID != "BE 0123 456 789" {
		t.Errorf("foreign id %q", f.Company.RegistrationID)
	}
	// A French id that is not all digits once spaces are gone is left for Validate.
	g := &Convention{Company: Company{RegistrationID: "RCS Paris 732 829 320"}}
	g.Normalize()
	if g.Company.RegistrationID != "RCS Paris 732 829 320" {
		t.Errorf("french text id %q", g.Company.RegistrationID)
	}
	var nilc *Convention
	nilc.Normalize()
}
