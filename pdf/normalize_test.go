package pdf

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

var update = flag.Bool("update", false, "rewrite testdata/lo74-a.pdf and lo74-b.pdf with the installed soffice")

// samples returns two PDFs LibreOffice 7.4 wrote for the same tinyDocx at
// different times (so their dates, IDs and ICC profile dates differ). With
// -update they are made again by the installed soffice.
func samples(t *testing.T) (a, b []byte) {
	t.Helper()
	names := []string{"lo74-a.pdf", "lo74-b.pdf"}
	if *update {
		dir := t.TempDir()
		in := filepath.Join(dir, "tiny.docx")
		if err := os.WriteFile(in, tinyDocx(t, "Texte d’essai « tiny » &amp; co."), 0o644); err != nil {
			t.Fatal(err)
		}
		for i, name := range names {
			if i > 0 {
				time.Sleep(1100 * time.Millisecond) // another second in the dates
			}
			cmd := exec.Command("soffice", "-env:UserInstallation="+fileURL(filepath.Join(dir, "profile")), "--headless",
				"--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", filter, "--outdir", dir, in)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			data, err := os.ReadFile(filepath.Join(dir, "tiny.pdf"))
			if err != nil {
				t.Fatalf("%v; soffice said:\n%s", err, out)
			}
			if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out [2][]byte
	for i, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = data
	}
	return out[0], out[1]
}

func sampleMeta(t *testing.T) meta {
	p, err := readProps(tinyDocx(t, "x"))
	if err != nil {
		t.Fatal(err)
	}
	return meta{props: p, created: p.created, modified: p.modified}
}

func TestNormalizeReproducible(t *testing.T) {
	a, b := samples(t)
	if bytes.Equal(a, b) {
		t.Fatal("the two samples are identical: they cannot show that normalisation works")
	}
	m := sampleMeta(t)
	na, err := normalize(a, m)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := normalize(b, m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(na, nb) {
		t.Errorf("two LibreOffice runs give different normalised PDFs (%d and %d bytes)", len(na), len(nb))
	}
	again, _ := normalize(na, m)
	if !bytes.Equal(again, na) {
		t.Error("normalising a normalised PDF changes it")
	}
	checkNormalized(t, na)
}

// checkNormalized checks a normalised PDF: it parses and validates
// (pdfcpu), its Info dictionary and XMP packet carry the DOCX's
// metadata and the same ID and dates, and it says PDF/A-2b.
func checkNormalized(t *testing.T, data []byte) {
	t.Helper()
	if err := api.Validate(bytes.NewReader(data), readConfig(model.ValidationStrict)); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(data), readConfig(model.ValidationRelaxed))
	if err != nil {
		t.Fatal(err)
	}
	info, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title": "Essai « tiny » & co", "Subject": "Sujet", "Author": "labelkit",
		"Keywords": "Cœur & Soins SAS", "CreationDate": "D:20190701000000+00'00'", "ModDate": "D:20190701000000+00'00'",
	}
	for k, v := range want {
		if got := infoText(info, k); got != v {
			t.Errorf("Info %s = %q, want %q", k, got, v)
		}
	}
	for _, re := range []string{
		`<pdfaid:part>2</pdfaid:part>`, `<pdfaid:conformance>B</pdfaid:conformance>`,
		`<xmp:CreateDate>2019-07-01T00:00:00Z</xmp:CreateDate>`, `<xmp:ModifyDate>2019-07-01T00:00:00Z</xmp:ModifyDate>`,
		`<pdf:Keywords>Cœur &amp; Soins SAS</pdf:Keywords>`, `<rdf:li xml:lang="x-default">Essai « tiny » &amp; co</rdf:li>`,
		`<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li>`,
	} {
		if !regexp.MustCompile(regexp.QuoteMeta(re)).Match(data) {
			t.Errorf("XMP lacks %s", re)
		}
	}
	// The trailer ID and the XMP DocumentID are the same 16 bytes.
	id := regexp.MustCompile(`/ID \[?<([0-9A-F]{32})><([0-9A-F]{32})>\]`).FindSubmatch(data)
	if id == nil {
		id = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-F]{32})>\s*<([0-9A-F]{32})>\s*\]`).FindSubmatch(data)
	}
	doc := regexp.MustCompile(`<xmpMM:DocumentID>uuid:([0-9a-f-]{36})</xmpMM:DocumentID>`).FindSubmatch(data)
	if id == nil || doc == nil {
		t.Fatalf("no ID (%q) or DocumentID (%q)", id, doc)
	}
	if got := bytes.ToUpper(bytes.ReplaceAll(doc[1], []byte("-"), nil)); !bytes.Equal(got, id[1]) || !bytes.Equal(id[1], id[2]) {
		t.Errorf("trailer ID %s/%s and XMP DocumentID %s differ", id[1], id[2], doc[1])
	}
	if bytes.Contains(data, []byte(idPlaceholder)) {
		t.Error("ID placeholder left in the output")
	}
}

func TestNormalizeDateOverrideAndNoDate(t *testing.T) {
	a, b := samples(t)
	m := sampleMeta(t)
	m.created, m.modified = time.Time{}, time.Time{}
	out, err := normalize(a, m)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("CreationDate")) || bytes.Contains(out, []byte("xmp:CreateDate")) {
		t.Error("a document without dates got dates")
	}
	// Without dates, the ICC profile's date is zeroed rather than left at
	// LibreOffice's clock: still reproducible.
	outB, err := normalize(b, m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, outB) {
		t.Error("without dates, two LibreOffice runs give different PDFs")
	}
}

func TestNormalizeRefusesNonPDFA(t *testing.T) {
	a, _ := samples(t)
	notA := bytes.Replace(a, []byte("<pdfaid:part>2</pdfaid:part>"), []byte("<pdfaid:part>1</pdfaid:part>"), 1)
	if _, err := normalize(notA, sampleMeta(t)); err == nil {
		t.Error("a PDF/A-1 was accepted")
	}
	if _, err := normalize([]byte("%PDF-1.4 garbage"), sampleMeta(t)); err == nil {
		t.Error("garbage was accepted")
	}
}

func TestParseCore(t *testing.T) {
	p, err := readProps(tinyDocx(t, "x"))
	if err != nil {
		t.Fatal(err)
	}
	if p.title != "Essai « tiny » & co" || p.keywords != "Cœur & Soins SAS" || p.language != "fr-FR" ||
		!p.created.Equal(time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v", p)
	}
}
