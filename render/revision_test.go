package render

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esante/labelkit/internal/clienttest"
)

// revBody is a template using every tracked-change function: a replaced
// value, inserted and deleted rows, paragraphs in a cell and in the body.
const revBody = `<w:p><w:r><w:t>{{revision .Author .Date}}</w:t></w:r></w:p>` +
	`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Version : {{change .Old .New}}.</w:t></w:r></w:p>` +
	`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="2500"/><w:gridCol w:w="2500"/></w:tblGrid>` +
	`<w:tr><w:tc><w:p><w:r><w:t>Clé</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Valeur</w:t></w:r></w:p></w:tc></w:tr>` +
	`<w:tr><w:tc><w:p><w:r><w:t>{{range .Rows}}</w:t></w:r></w:p></w:tc></w:tr>` +
	`<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="2500" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{{if eq .K "ins"}}{{insRow}}{{else if eq .K "del"}}{{delRow}}{{end}}{{.Text}}</w:t></w:r></w:p></w:tc>` +
	`<w:tc><w:tcPr><w:tcW w:w="2500" w:type="dxa"/></w:tcPr><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>{{change .Old .New}}</w:t></w:r></w:p></w:tc></w:tr>` +
	`<w:tr><w:tc><w:p><w:r><w:t>{{end}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
	`<w:p><w:r><w:t>{{range .Paras}}</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{{if eq .K "ins"}}{{insParagraph}}{{else if eq .K "del"}}{{delParagraph}}{{end}}– {{.Text}}</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t>{{end}}</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t>Fin.</w:t></w:r></w:p>`

type revRow struct{ K, Text, Old, New string }

type revData struct {
	Author, Date string
	Old, New     string
	Rows, Paras  []revRow
}

// side returns the data of one side of d, without tracked changes: the old
// side (accept false) or the new one.
func (d revData) side(newSide bool) revData {
	pick := func(old, new string) string {
		if newSide {
			return new
		}
		return old
	}
	gone := "del"
	if !newSide {
		gone = "ins"
	}
	filter := func(rs []revRow) []revRow {
		var out []revRow
		for _, r := range rs {
			if r.K == gone {
				continue
			}
			v := pick(r.Old, r.New)
			out = append(out, revRow{Text: r.Text, Old: v, New: v})
		}
		return out
	}
	v := pick(d.Old, d.New)
	return revData{Author: d.Author, Date: d.Date, Old: v, New: v, Rows: filter(d.Rows), Paras: filter(d.Paras)}
}

func randRevData(r *rand.Rand) revData {
	words := []string{"", "a", "b", "Hébergeur SAS", "x & y < z", "ligne 1\nligne 2", "tab\tulé"}
	w := func() string { return words[r.IntN(len(words))] }
	kinds := []string{"", "", "ins", "del"}
	rows := func() []revRow {
		var rs []revRow
		for i := range r.IntN(5) {
			rs = append(rs, revRow{K: kinds[r.IntN(len(kinds))], Text: "r" + string(rune('0'+i)), Old: w(), New: w()})
		}
		return rs
	}
	return revData{Author: "Éditeur « X »", Date: "2026-12-01", Old: w(), New: w(), Rows: rows(), Paras: rows()}
}

// TestRevisionAcceptReject checks on random data that accepting every
// tracked change gives the document rendered from the new side, and
// rejecting them the one rendered from the old side.
func TestRevisionAcceptReject(t *testing.T) {
	tmpl := mustParse(t, spec{body: revBody})
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		d := randRevData(r)
		if i == 0 {
			d.Rows = append(d.Rows, revRow{K: "del", Text: "last", Old: "a", New: "a"})
		}
		tracked := mustExec(t, tmpl, d).parts["word/document.xml"]
		for _, newSide := range []bool{true, false} {
			plain := mustExec(t, tmpl, d.side(newSide)).parts["word/document.xml"]
			if bytes.Contains(plain, []byte(":ins ")) || bytes.Contains(plain, []byte(":del ")) {
				t.Fatalf("a side without changes has tracked changes:\n%s", plain)
			}
			want, err := clienttest.Canonical(plain)
			if err != nil {
				t.Fatal(err)
			}
			got, err := clienttest.AcceptAll(tracked)
			if !newSide {
				got, err = clienttest.RejectAll(tracked)
			}
			if err != nil {
				t.Fatalf("%+v: %v\n%s", d, err, tracked)
			}
			if got != want {
				t.Fatalf("%+v (new side %v):\ngot  %s\nwant %s\ntracked %s", d, newSide, got, want, tracked)
			}
		}
		checkRevisionIDs(t, tracked)
	}
}

var revIDRE = regexp.MustCompile(`<w:(?:ins|del) w:id="(\d+)"`)

// checkRevisionIDs fails when two tracked changes share an id.
func checkRevisionIDs(t *testing.T, doc []byte) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range revIDRE.FindAllSubmatch(doc, -1) {
		if seen[string(m[1])] {
			t.Fatalf("duplicate revision id %s:\n%s", m[1], doc)
		}
		seen[string(m[1])] = true
	}
}

func TestRevisionMarkup(t *testing.T) {
	tmpl := mustParse(t, spec{body: revBody})
	d := revData{Author: `A "B" & C`, Date: "2026-12-01", Old: "1.0", New: "2.0",
		Rows:  []revRow{{K: "ins", Text: "a", Old: "", New: "n"}, {K: "del", Text: "b", Old: "o", New: ""}, {Text: "c", Old: "p", New: "q"}},
		Paras: []revRow{{K: "del", Text: "old"}, {K: "ins", Text: "new"}}}
	doc := string(mustExec(t, tmpl, d).parts["word/document.xml"])
	for _, want := range []string{
		// the replaced value keeps the run's formatting, deleted text is w:delText
		`<w:del w:id="` + "", `w:author="A &quot;B&quot; &amp; C" w:date="2026-12-01T00:00:00Z"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">1.0</w:delText></w:r></w:del>`,
		`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">2.0</w:t></w:r></w:ins>`,
		// rows: the mark after the row's own properties
		`<w:trPr><w:cantSplit/><w:ins w:id=`, `<w:trPr><w:cantSplit/><w:del w:id=`,
		// paragraph marks: in w:pPr/w:rPr, after the paragraph's properties
		`<w:pPr><w:jc w:val="center"/><w:rPr><w:del w:id=`, `<w:pPr><w:jc w:val="center"/><w:rPr><w:ins w:id=`,
		`<w:delText xml:space="preserve">– old</w:delText>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("no %s in\n%s", want, doc)
		}
	}
	if strings.Contains(doc, markElem) || strings.Contains(doc, revVar) {
		t.Errorf("a marker is left:\n%s", doc)
	}
	checkRevisionIDs(t, []byte(doc))

	// same bytes at each execution, also run at the same time
	var want bytes.Buffer
	if err := tmpl.Execute(&want, d); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			var b bytes.Buffer
			if err := tmpl.Execute(&b, d); err != nil {
				t.Error(err)
			} else if !bytes.Equal(b.Bytes(), want.Bytes()) {
				t.Error("executions differ")
			}
		})
	}
	wg.Wait()
}

func TestRevisionErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`<w:p><w:r><w:t>{{ins "x"}}</w:t></w:r></w:p>`, "ins: no revision author: call {{revision AUTHOR DATE}} first"},
		{`<w:p><w:r><w:t>{{revision "" "2026-12-01"}}{{ins "x"}}</w:t></w:r></w:p>`, "revision: the author is empty"},
		{`<w:p><w:r><w:t>{{revision "a" "1er décembre"}}</w:t></w:r></w:p>`, `revision: date "1er décembre": want 2006-01-02`},
		{`<w:p><w:r><w:t>{{revision "a" ""}}{{insRow}}</w:t></w:r></w:p>`, "insRow or delRow outside a table row"},
		{`<w:p><w:r><w:t>{{revision "a" ""}}{{insParagraph}}{{delParagraph}}</w:t></w:r></w:p>`, "marked both inserted and deleted"},
	} {
		tmpl := mustParse(t, spec{body: tc.body})
		err := tmpl.Execute(new(bytes.Buffer), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.body, err, tc.want)
		}
	}
	if _, err := parseSpec(t, spec{body: `<w:p><_lk_mark k="pi"/></w:p>`}); err == nil || !strings.Contains(err.Error(), "reserved") {
		t.Errorf("template holding the marker: %v", err)
	}
}

func TestRevisionDate(t *testing.T) {
	for in, want := range map[any]string{
		nil: "", "": "", "2026-12-01": "2026-12-01T00:00:00Z", "2026-12-01T10:30:00+02:00": "2026-12-01T08:30:00Z",
		time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC): "2027-01-02T03:04:05Z", time.Time{}: "",
	} {
		if got, err := revisionDate(in); err != nil || got != want {
			t.Errorf("revisionDate(%v) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestRevisionOverride: a caller's own function named like a tracked-change
// function is called as it is, escaped like any value.
func TestRevisionOverride(t *testing.T) {
	tmpl := mustParse(t, spec{body: `<w:p><w:r><w:t>{{revision "a" "b"}}|{{ins "x"}}</w:t></w:r></w:p>`},
		Funcs(map[string]any{"revision": func(a, b string) string { return a + "<" + b }, "ins": func(s string) string { return "+" + s }}))
	got := mustExec(t, tmpl, nil).lines("word/document.xml")
	if len(got) == 0 || got[0] != "a<b|+x" {
		t.Errorf("got %q", got)
	}
}

// TestRevisionRealClients: the validator accepts the tracked changes, and
// LibreOffice shows them (its PDF export prints the deleted text struck
// through beside the inserted one).
func TestRevisionRealClients(t *testing.T) {
	tmpl := mustParse(t, spec{body: revBody})
	d := revData{Author: "labelkit", Date: "2026-12-01", Old: "ANCIENNE-1.0", New: "NOUVELLE-2.0",
		Rows:  []revRow{{K: "ins", Text: "LIGNEAJOUTEE", New: "n"}, {K: "del", Text: "LIGNERETIREE", Old: "o"}, {Text: "c", Old: "p", New: "q"}},
		Paras: []revRow{{K: "del", Text: "PARAGRAPHERETIRE"}, {K: "ins", Text: "PARAGRAPHEAJOUTE"}}}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "revisions.docx")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	clienttest.Validate(t, path)
	text := clienttest.PDFText(t, path)[path]
	if text == "" {
		return // skipped
	}
	for _, w := range []string{"ANCIENNE-1.0", "NOUVELLE-2.0", "LIGNEAJOUTEE", "LIGNERETIREE", "PARAGRAPHERETIRE", "PARAGRAPHEAJOUTE"} {
		if !clienttest.Contains(text, w) {
			t.Errorf("LibreOffice's PDF lacks %q:\n%s", w, text)
		}
	}
}
