package labelkit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/clienttest"
)

// notificationDate dates the notifications of the tests.
var notificationDate = &convention.Date{Year: 2026, Month: time.December, Day: 15}

// changeCases are the realistic pairs of testdata/changes: each folder
// holds old.toml and new.toml.
func changeCases(t testing.TB) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "changes", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases in testdata/changes: %v", err)
	}
	return dirs
}

func loadPair(t testing.TB, dir string) (old, new *convention.Convention) {
	t.Helper()
	old, err := convention.LoadFile(filepath.Join(dir, "old.toml"))
	if err != nil {
		t.Fatal(err)
	}
	new, err = convention.LoadFile(filepath.Join(dir, "new.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return old, new
}

func renderNotification(t testing.TB, old, new *convention.Convention) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderNotification(&buf, old, new, notificationDate); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestNotificationGolden renders the notification of each realistic pair
// and compares it with testdata/golden/notification-NAME: its readable text
// (revisionText: insertions {+…+}, deletions [-…-], rows and paragraph
// marks) and its document part.
func TestNotificationGolden(t *testing.T) {
	for _, dir := range changeCases(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			old, new := loadPair(t, dir)
			parts := unzip(t, renderNotification(t, old, new))
			for n, data := range parts {
				if strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") {
					clienttest.WellFormed(t, n, data)
				}
			}
			doc := parts["word/document.xml"]
			files := map[string][]byte{"text.txt": []byte(revisionText(t, doc)), "word/document.xml": doc}
			checkGolden(t, filepath.Join("testdata", "golden", "notification-"+name), files)
		})
	}
}

// revisionText writes a document part as text, one paragraph a line,
// showing its tracked changes: {+inserted+}, [-deleted-], a paragraph whose
// mark is inserted or deleted ends with ¶+ or ¶-, a table row is « | »
// between cells, prefixed with « +row » or « -row » when inserted or
// deleted.
func revisionText(t testing.TB, doc []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var b, line strings.Builder
	var stack []string
	in := func(name string) bool { return slices.Contains(stack, name) }
	rowMark, paraMark := "", ""
	var cells []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := x.Name.Local
			switch {
			case n == "ins" && in("trPr"):
				rowMark = "+row "
			case n == "del" && in("trPr"):
				rowMark = "-row "
			case n == "ins" && in("pPr"):
				paraMark = " ¶+"
			case n == "del" && in("pPr"):
				paraMark = " ¶-"
			case n == "ins":
				line.WriteString("{+")
			case n == "del":
				line.WriteString("[-")
			case n == "br":
				line.WriteString("↵")
			case n == "tab":
				line.WriteString("→")
			case n == "tr":
				rowMark, cells = "", nil
			case n == "p":
				line.Reset()
				paraMark = ""
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			n := x.Name.Local
			switch {
			case (n == "ins" || n == "del") && (in("trPr") || in("pPr")):
			case n == "ins":
				line.WriteString("+}")
			case n == "del":
				line.WriteString("-]")
			case n == "p":
				text := line.String() + paraMark
				if in("tc") {
					if len(cells) > 0 && in("tc") && cells[len(cells)-1] != "" && !strings.HasSuffix(cells[len(cells)-1], "\x00") {
						cells[len(cells)-1] += " / " + text
					} else if len(cells) > 0 && strings.HasSuffix(cells[len(cells)-1], "\x00") {
						cells[len(cells)-1] = strings.TrimSuffix(cells[len(cells)-1], "\x00") + text
					} else {
						cells = append(cells, text)
					}
				} else {
					b.WriteString(text + "\n")
				}
			case n == "tc":
				cells = append(cells, "\x00") // the next cell starts
			case n == "tr":
				for i := range cells {
					cells[i] = strings.TrimSuffix(cells[i], "\x00")
				}
				b.WriteString(rowMark + strings.Join(cells[:max(len(cells)-1, 0)], " | ") + "\n")
			}
		case xml.CharData:
			if in("t") || in("delText") {
				line.Write(x)
			}
		}
	}
	return b.String()
}

// TestNotificationAcceptReject checks the notification's article 3.1 table
// on many generated pairs: accepting every tracked change gives the table
// of the notification of NEW with itself (no change), rejecting them the
// table of OLD with itself.
func TestNotificationAcceptReject(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var bases []*convention.Convention
	for _, f := range []string{"examples/monosite-standard.toml", "examples/multisite-avance-renouvellement.toml", "testdata/inputs/maximal.toml", "testdata/inputs/minimal.toml"} {
		c, err := convention.LoadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, c)
	}
	n := 80
	if testing.Short() {
		n = 20
	}
	for i := range n {
		old := mutate(r, bases[r.IntN(len(bases))])
		new := mutate(r, old)
		if i%5 == 0 {
			new = mutate(r, bases[r.IntN(len(bases))]) // unrelated pairs too
		}
		tracked := table(t, renderNotification(t, old, new))
		for _, accept := range []bool{true, false} {
			side := new
			if !accept {
				side = old
			}
			want, err := clienttest.Canonical(table(t, renderNotification(t, side, side)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := clienttest.AcceptAll(tracked)
			if !accept {
				got, err = clienttest.RejectAll(tracked)
			}
			if err != nil {
				t.Fatalf("pair %d: %v\n%s", i, err, tracked)
			}
			if got != want {
				cs, _ := convention.Diff(old, new)
				t.Fatalf("pair %d (accept %v), changes %+v:\ngot  %s\nwant %s", i, accept, cs, got, want)
			}
		}
	}
}

var tableRE = regexp.MustCompile(`(?s)<w:tbl>.*?</w:tbl>`)

// table returns the article 3.1 table of a notification (its only table).
func table(t testing.TB, docx []byte) []byte {
	t.Helper()
	doc := unzip(t, docx)["word/document.xml"]
	tables := tableRE.FindAll(doc, -1)
	if len(tables) != 1 {
		t.Fatalf("%d tables in the notification, want 1", len(tables))
	}
	return tables[0]
}

// mutate returns a valid copy of c with random changes to what the
// article 3.1 table and the annexes show.
func mutate(r *rand.Rand, c *convention.Convention) *convention.Convention {
	m := c.Clone()
	s := &m.Solution
	pick := func(all []string) []string {
		var out []string
		for _, x := range all {
			if r.IntN(3) > 0 {
				out = append(out, x)
			}
		}
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}
	if r.IntN(2) == 0 {
		s.Version = []string{"1.0", "2.0", "2026.1.3", "4.2.1"}[r.IntN(4)]
	}
	if r.IntN(2) == 0 {
		s.Components = pick([]string{"Agenda", "Dossier patient", "Facturation", "Pilotage", "Téléconsultation"})
	}
	if r.IntN(2) == 0 {
		var ps []convention.Profession
		for _, p := range convention.AllProfessions() {
			if r.IntN(3) == 0 {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			ps = []convention.Profession{convention.Infirmier}
		}
		s.Professions = ps
	}
	if r.IntN(3) == 0 {
		s.OtherProfessions = pick([]string{"Assistant de service social", "Psychomotricien"})
	}
	if len(s.Professions) == 0 && len(s.OtherProfessions) == 0 {
		s.Professions = []convention.Profession{convention.Infirmier}
	}
	if r.IntN(3) == 0 {
		if r.IntN(2) == 0 {
			s.Deployment, s.MaxSites = convention.Monosite, 0
		} else {
			s.Deployment, s.MaxSites = convention.Multisite, 2+r.IntN(2000)
		}
	}
	if r.IntN(3) == 0 {
		if r.IntN(2) == 0 {
			s.Hosting = convention.Hosting{}
		} else {
			s.Hosting = convention.Hosting{Hosted: true, Provider: []string{"Nuage SAS", "Héberge & Cie"}[r.IntN(2)], Scope: "Hébergement\nsauvegarde"}
		}
	}
	if r.IntN(3) == 0 {
		if s.LAP == nil {
			s.LAP = &convention.LAP{Certificate: "Prescription", Number: "LAP-1"}
		} else {
			s.LAP = nil
		}
	}
	if r.IntN(3) == 0 {
		s.DMP = nil
	}
	if r.IntN(3) == 0 {
		s.SesamVitale = &convention.SesamVitale{Approval: "SV-2", CoversThirdParty: r.IntN(2) == 0, Specialties: pick([]string{"Médecine générale", "Soins infirmiers"})}
	}
	if r.IntN(3) == 0 {
		m.Level = []convention.Level{convention.LevelStandard, convention.LevelAdvanced}[r.IntN(2)]
	}
	if r.IntN(3) == 0 {
		var as []convention.Annex
		for _, t := range pick([]string{"Dossier de candidature", "Plan de tests", "Manuel"}) {
			as = append(as, convention.Annex{Title: t})
		}
		m.Annexes = as
	}
	return m
}

func TestNotificationNoChange(t *testing.T) {
	old, _ := loadPair(t, filepath.Join("testdata", "changes", "nouvelle-version"))
	text := revisionText(t, unzip(t, renderNotification(t, old, old))["word/document.xml"])
	if !strings.Contains(text, "aucune modification") || strings.Contains(text, "{+") || strings.Contains(text, "[-") {
		t.Errorf("notification without changes:\n%s", text)
	}
}

func TestNotificationErrors(t *testing.T) {
	old, new := loadPair(t, filepath.Join("testdata", "changes", "nouvelle-version"))
	new.Company.Email = "pas une adresse"
	var buf bytes.Buffer
	err := RenderNotification(&buf, old, new, nil)
	var ps convention.Problems
	if !errors.As(err, &ps) || buf.Len() != 0 {
		t.Errorf("invalid new side: err %v, %d bytes written", err, buf.Len())
	}
	if err := RenderNotification(&buf, nil, new, nil); !errors.Is(err, ErrNilConvention) {
		t.Errorf("nil: %v", err)
	}
	// the inputs are left as they were
	a, b := loadPair(t, filepath.Join("testdata", "changes", "hebergeur"))
	ca, _ := convention.Canonical(a)
	b.Solution.Version = " 9.9 "
	if err := RenderNotification(io.Discard, a, b, nil); err != nil {
		t.Fatal(err)
	}
	if cb, _ := convention.Canonical(a); !bytes.Equal(ca, cb) || b.Solution.Version != " 9.9 " {
		t.Error("RenderNotification changed its inputs")
	}
}

// TestNotificationRealClients: the notifications pass the validator, and
// LibreOffice shows their tracked changes (its PDF export prints the
// deleted text beside the inserted one).
func TestNotificationRealClients(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	want := map[string][]string{}
	for _, c := range changeCases(t) {
		old, new := loadPair(t, c)
		path := filepath.Join(dir, filepath.Base(c)+".docx")
		if err := os.WriteFile(path, renderNotification(t, old, new), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		cs, err := convention.Diff(old, new)
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range cs {
			if ch.Section == convention.SectionSolution {
				want[path] = append(want[path], ch.Old, ch.New)
			}
		}
	}
	clienttest.Validate(t, paths...)
	texts := clienttest.PDFText(t, paths...)
	for _, p := range paths {
		text, ok := texts[p]
		if !ok {
			continue // skipped
		}
		for _, w := range want[p] {
			if w != "" && !clienttest.Contains(text, w) {
				t.Errorf("%s: LibreOffice's PDF lacks %q", filepath.Base(p), w)
			}
		}
	}
}
