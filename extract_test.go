package labelkit

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/esante/labelkit/convention"
)

// extractBytes runs Extract on a document held in memory.
func extractBytes(t testing.TB, docx []byte) *Extraction {
	t.Helper()
	x, err := Extract(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return x
}

// canonical returns convention.Canonical(c) as a string.
func canonical(t testing.TB, c *convention.Convention) string {
	t.Helper()
	b, err := convention.Canonical(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkRoundTrip checks that extract(render(c)) is c's canonical form and
// that rendering it again gives the same bytes.
func checkRoundTrip(t testing.TB, name string, c *convention.Convention) {
	t.Helper()
	want := canonical(t, c)
	var first bytes.Buffer
	if err := Render(&first, c); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	x := extractBytes(t, first.Bytes())
	if len(x.Problems) > 0 || len(x.Warnings) > 0 {
		t.Errorf("%s: problems %v, warnings %v", name, x.Problems, x.Warnings)
	}
	if got := canonical(t, x.Convention); got != want {
		t.Errorf("%s: extract(render(X)) =\n%s\nwant\n%s", name, got, want)
		return
	}
	var second bytes.Buffer
	if err := Render(&second, x.Convention); err != nil {
		t.Fatalf("%s: rendering the extracted input: %v", name, err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("%s: rendering the extracted input gives other bytes", name)
	}
}

func TestRoundTripGolden(t *testing.T) {
	for _, gc := range goldenCases {
		if gc.input == "" {
			continue
		}
		checkRoundTrip(t, gc.name, load(t, gc.input))
	}
}

func TestExtractBlank(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderBlank(&buf); err != nil {
		t.Fatal(err)
	}
	x := extractBytes(t, buf.Bytes())
	if len(x.Problems) > 0 || len(x.Warnings) > 0 {
		t.Errorf("problems %v, warnings %v", x.Problems, x.Warnings)
	}
	empty := new(convention.Convention)
	if got, want := canonical(t, x.Convention), canonical(t, empty); got != want {
		t.Errorf("the untouched blank form gives\n%s\nwant\n%s", got, want)
	}
}

func TestExtractNotForm(t *testing.T) {
	_, err := Extract(bytes.NewReader([]byte("not a zip")), 9)
	if err == nil || errors.Is(err, ErrNotForm) {
		t.Errorf("not a zip: %v", err)
	}
}

// FuzzRoundTrip: for generated valid conventions, extract(render(X)) is X's
// canonical form and renders to the same bytes.
func FuzzRoundTrip(f *testing.F) {
	f.Add("ACME Santé", "Dossier patient\nAgenda", "Ergothérapeute", uint16(0x0f0f), uint8(3), "Annexe « A » & <b>")
	f.Add("Société  « X » & Y", "", "", uint16(0xffff), uint8(0), "Hébergement\nsauvegarde")
	f.Add("O'Brien SAS", "a\n\nb\n", "Médiateur\nAutre", uint16(1), uint8(255), "titre\nsur deux lignes")
	f.Fuzz(func(t *testing.T, name, components, others string, flags uint16, n uint8, annex string) {
		if !roundTripCase(t, name, components, others, flags, n, annex) {
			t.Skip("not a valid convention")
		}
	})
}

// TestRoundTripGenerated runs the round trip on generated valid
// conventions (a fixed seed: the same cases every run).
func TestRoundTripGenerated(t *testing.T) {
	texts := []string{"ACME", "Société « Cœur » & fils", "O'Brien <SAS>", "a  b", "Ωmega — Ⅸ", "Évry-Courcouronnes", "x", "Dossier\nAgenda", "l'« Essentiel »", "50 %"}
	r := rand.New(rand.NewPCG(11, 2026))
	valid := 0
	for i := 0; i < 60; i++ {
		pick := func() string { return texts[r.IntN(len(texts))] }
		if roundTripCase(t, pick(), pick()+"\n"+pick(), pick(), uint16(r.Uint32()), uint8(r.Uint32()), pick()+"\n"+pick()) {
			valid++
		}
	}
	t.Logf("%d of 60 generated conventions valid, each round-tripped", valid)
	if valid < 30 {
		t.Errorf("only %d of 60 generated conventions were valid", valid)
	}
}

// roundTripCase builds a convention from the generator's values and checks
// the round trip; it reports false when the convention is not valid.
func roundTripCase(t *testing.T, name, components, others string, flags uint16, n uint8, annex string) bool {
	t.Helper()
	{
		c := load(t, "testdata/inputs/minimal.toml")
		c.Company.Name = name
		c.Solution.Components = lines(components)
		c.Solution.OtherProfessions = lines(others)
		c.Solution.Professions = nil
		for i, p := range convention.AllProfessions() {
			if flags&(1<<i) != 0 {
				c.Solution.Professions = append(c.Solution.Professions, p)
			}
		}
		if flags&(1<<12) != 0 {
			c.Solution.Deployment, c.Solution.MaxSites = convention.Multisite, 2+int(n)*97
		}
		if flags&(1<<13) != 0 {
			c.Solution.Hosting = convention.Hosting{Hosted: true, Provider: name, Scope: annex}
		}
		if flags&(1<<14) != 0 {
			c.Solution.LAP = &convention.LAP{Certificate: name, Number: "LAP-" + others}
			c.Solution.DMP = &convention.DMP{Homologation: "H-1", Module: others}
		}
		if flags&(1<<15) != 0 {
			c.ANS = &convention.Signatory{Name: "Monsieur " + name, Title: "Directeur"}
			d, _ := convention.NewDate(2026, time.Month(1+int(n)%12), 1+int(n)%28)
			c.Signature = &convention.Signature{Place: "Lyon", Date: &d}
		}
		for i := 0; i < int(n)%4; i++ {
			c.Annexes = append(c.Annexes, convention.Annex{Title: name + " " + string(rune('A'+i)), Description: annex})
		}
		c.Normalize()
		if c.Validate() != nil {
			return false
		}
		checkRoundTrip(t, "generated", c)
		return true
	}
}
