package convention

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func changeLines(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s %s %q→%q", c.Section, c.Kind, c.Path, c.Old, c.New))
	}
	return out
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name   string
		modify func(c *Convention)
		want   []string
	}{
		{"identical", func(c *Convention) {}, nil},
		{"same after normalizing", func(c *Convention) {
			c.Solution.Version = "  2026.1 "
			c.Company.RegistrationID = "852 963 743 00020"
			c.Solution.Professions = []Profession{Infirmier, MedecinGeneraliste} // order of the input
			c.Signature.Place = ""                                               // Paris by default
		}, nil},
		{"new version", func(c *Convention) { c.Solution.Version = "2026.2" },
			[]string{`solution changed solution.version "2026.1"→"2026.2"`}},
		{"hosting provider", func(c *Convention) { c.Solution.Hosting.Provider = "Nuage Santé" },
			[]string{`solution changed solution.hosting.provider "Hébergeur SAS"→"Nuage Santé"`}},
		{"profession added", func(c *Convention) {
			c.Solution.Professions = append(c.Solution.Professions, MasseurKinesitherapeute, ChirurgienDentiste)
		}, []string{
			`solution added solution.professions[2] ""→"Masseur Kinésithérapeute"`,
			`solution added solution.professions[3] ""→"Chirurgien-dentiste"`,
		}},
		{"component removed", func(c *Convention) { c.Solution.Components = []string{"Dossier"} },
			[]string{`solution removed solution.components[0] "Agenda"→""`}},
		{"component inserted in the middle", func(c *Convention) {
			c.Solution.Components = []string{"Agenda", "Facturation", "Dossier"}
		}, []string{`solution added solution.components[1] ""→"Facturation"`}},
		{"component renamed", func(c *Convention) { c.Solution.Components = []string{"Agenda partagé", "Dossier"} },
			[]string{
				`solution removed solution.components[0] "Agenda"→""`,
				`solution added solution.components[0] ""→"Agenda partagé"`,
			}},
		{"level", func(c *Convention) { c.Level = LevelStandard },
			[]string{`level changed level "Niveau Avancé"→"Niveau Standard"`}},
		{"not hosted any more", func(c *Convention) { c.Solution.Hosting = Hosting{} },
			[]string{
				`solution changed solution.hosting.hosted "Oui"→"Non"`,
				`solution removed solution.hosting.provider "Hébergeur SAS"→""`,
				`solution removed solution.hosting.scope "Hébergement\nSauvegarde"→""`,
			}},
		{"monosite", func(c *Convention) { c.Solution.Deployment, c.Solution.MaxSites = Monosite, 0 },
			[]string{
				`solution changed solution.deployment "Multisites"→"Monosite"`,
				`solution removed solution.max_sites "40"→""`,
			}},
		{"more sites", func(c *Convention) { c.Solution.MaxSites = 1250 },
			[]string{`solution changed solution.max_sites "40"→"1\u00a0250"`}},
		{"LAP dropped, SESAM Vitale changed", func(c *Convention) {
			c.Solution.LAP = nil
			c.Solution.SesamVitale.CoversThirdParty = false
			c.Solution.SesamVitale.Specialties = append(c.Solution.SesamVitale.Specialties, "Soins infirmiers")
		}, []string{
			`solution removed solution.lap.certificate "Santéa Prescription"→""`,
			`solution removed solution.lap.number "LAP-1"→""`,
			`solution changed solution.sesam_vitale.covers_third_party "Oui"→"Non"`,
			`solution added solution.sesam_vitale.specialties[1] ""→"Soins infirmiers"`,
		}},
		{"parties", func(c *Convention) {
			c.Company.Name = "Santéa Groupe SA"
			c.Company.Representative = Representative{Civility: Madame, FirstName: "Inès", LastName: "Moreau", Title: "Présidente"}
			c.Company.Phone = "04 72 00 11 99"
			c.ANS = nil
		}, []string{
			`parties removed ans.name "Madame Annie Prévot"→""`,
			`parties removed ans.title "Directrice"→""`,
			`parties changed company.name "Santéa Systèmes SA"→"Santéa Groupe SA"`,
			`parties changed company.representative.civility "Monsieur"→"Madame"`,
			`parties changed company.representative.last_name "Lefèvre"→"Moreau"`,
			`parties changed company.representative.first_name "Julien"→"Inès"`,
			`parties changed company.representative.title "Directeur général"→"Présidente"`,
			`contact changed company.phone "+33 4 72 00 11 22"→"04 72 00 11 99"`,
		}},
		{"annexes", func(c *Convention) {
			c.Annexes = []Annex{{Title: "Plan de tests"}, {Title: "Dossier", Description: "Ligne 1"}, {Title: "Manuel", Description: "v2"}}
		}, []string{
			`annexes added annexes[0].title ""→"Plan de tests"`,
			`annexes changed annexes[1].description "Ligne 1\nLigne 2"→"Ligne 1"`,
			`annexes added annexes[2].title ""→"Manuel"`,
			`annexes added annexes[2].description ""→"v2"`,
		}},
		{"annex description dropped", func(c *Convention) { c.Annexes[0].Description = "" },
			[]string{`annexes removed annexes[0].description "Ligne 1\nLigne 2"→""`}},
		{"signature date", func(c *Convention) { c.Signature.Date = &Date{2027, time.January, 2} },
			[]string{`agreement changed signature.date "1er décembre 2026"→"2 janvier 2027"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := valid(), valid()
			tc.modify(new)
			oldJSON, _ := Canonical(old)
			before := new.Clone()
			cs, err := Diff(old, new)
			if err != nil {
				t.Fatal(err)
			}
			if got := changeLines(cs); !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, c := range cs {
				if c.Label == "" {
					t.Errorf("%s: no label", c.Path)
				}
			}
			if j, _ := Canonical(old); string(j) != string(oldJSON) || !reflect.DeepEqual(before, new) {
				t.Error("Diff changed its inputs")
			}
			// the reverse diff swaps every change
			back, err := Diff(new, old)
			if err != nil {
				t.Fatal(err)
			}
			if len(back) != len(cs) {
				t.Errorf("reverse: %d changes, want %d", len(back), len(cs))
			}
		})
	}
}

func TestDiffLabels(t *testing.T) {
	old, new := valid(), valid()
	new.Solution.Version = "3"
	new.Level = LevelStandard
	new.Solution.Professions = append(new.Solution.Professions, PedicurePodologue)
	cs, err := Diff(old, new)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: "solution.version", Label: "N° de version de la solution logicielle", Section: SectionSolution, Kind: Changed, Old: "2026.1", New: "3"},
		{Path: "solution.professions[2]", Label: "Professions de santé", Section: SectionSolution, Kind: Added, New: "Pédicure - Podologue"},
		{Path: "level", Label: "Niveau de labellisation", Section: SectionLevel, Kind: Changed, Old: "Niveau Avancé", New: "Niveau Standard"},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("got %+v\nwant %+v", cs, want)
	}
	if !(Change{Section: SectionParties}).Amendment() || cs[0].Amendment() {
		t.Error("Amendment")
	}
}

func TestDiffInvalid(t *testing.T) {
	bad := valid()
	bad.Company.Email = "pas une adresse"
	_, err := Diff(valid(), bad)
	var ps Problems
	if !errors.As(err, &ps) || !strings.HasPrefix(err.Error(), "new convention: ") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Diff(nil, valid()); err == nil || !strings.HasPrefix(err.Error(), "old convention: ") {
		t.Fatalf("nil: err = %v", err)
	}
}

// TestDiffLists checks the list alignment on random pairs: the changes of a
// list, applied to the old list in order, give the new list, and the number
// of items kept is the longest common subsequence.
func TestDiffLists(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"A", "B", "C", "D", "E", "F"}
	pick := func() []string {
		var l []string
		for _, w := range words {
			if r.IntN(2) == 0 {
				l = append(l, w)
			}
		}
		r.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
		return l
	}
	for range 2000 {
		old, new := valid(), valid()
		old.Solution.Components, new.Solution.Components = pick(), pick()
		all, err := Compare(old, new)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		kept := 0
		for _, c := range all {
			if !strings.HasPrefix(c.Path, "solution.components[") {
				if c.Kind != Same {
					t.Fatalf("%v: unexpected change %+v", new.Solution.Components, c)
				}
				continue
			}
			switch c.Kind {
			case Same:
				kept++
				got = append(got, c.New)
			case Added:
				got = append(got, c.New)
			case Removed:
			default:
				t.Fatalf("list item %+v", c)
			}
		}
		if !slices.Equal(got, new.Solution.Components) || kept != lcsLen(old.Solution.Components, new.Solution.Components) {
			t.Fatalf("%v → %v: got %v, kept %d", old.Solution.Components, new.Solution.Components, got, kept)
		}
	}
}

func lcsLen(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if a[0] == b[0] {
		return 1 + lcsLen(a[1:], b[1:])
	}
	return max(lcsLen(a[1:], b), lcsLen(a, b[1:]))
}
