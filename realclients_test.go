package labelkit

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/internal/clienttest"
	"github.com/esante/labelkit/render"
	"github.com/esante/labelkit/templates"
)

// TestRealClients renders every golden case, validates the files with the
// Open XML SDK validator and converts them to PDF with LibreOffice, in one
// batch each, and checks what a reader sees.
func TestRealClients(t *testing.T) {
	t.Parallel()
	clienttest.Need(t, "soffice", "pdftotext")
	dir := t.TempDir()
	var paths []string
	for _, gc := range goldenCases {
		p := filepath.Join(dir, gc.name+".docx")
		if err := os.WriteFile(p, renderCase(t, gc), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	clienttest.Validate(t, paths...)
	pdfs := clienttest.Convert(t, paths...)
	for i, gc := range goldenCases {
		pdf := pdfs[paths[i]]
		if pdf == nil {
			continue // Convert failed the test already
		}
		text := pdf.Text
		pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
		t.Logf("%s: %d pages", gc.name, pdf.Pages)
		if pdf.Pages < 12 || pdf.Pages > 16 {
			t.Errorf("%s: %d pages, want 12 to 16", gc.name, pdf.Pages)
		}
		if strings.Contains(text, "{{") || strings.Contains(text, "}}") {
			t.Errorf("%s: a template action shows in the PDF", gc.name)
		}
		if n := strings.Count(text, "☐") + strings.Count(text, "☒"); n != 25 {
			t.Errorf("%s: %d checkbox glyphs in the PDF, want 25", gc.name, n)
		}
		if !clienttest.Contains(pages[0], "Convention relative aux conditions d’utilisation du label « e-santé Logiciel Centres de santé » V2") {
			t.Errorf("%s: title not on page 1", gc.name)
		}
		if len(pages) > 1 && !strings.HasPrefix(strings.TrimSpace(pages[1]), "Préambule") {
			t.Errorf("%s: page 2 does not start with the preamble:\n%.200s", gc.name, pages[1])
		}
		// The signature block stays on one page, and the annexes are on the last.
		for _, p := range pages {
			if strings.Contains(p, "Fait en deux exemplaires originaux") && !strings.Contains(p, "Cachet de la société") {
				t.Errorf("%s: the signature block is split across pages", gc.name)
			}
		}
		last := pages[len(pages)-1]
		if !strings.HasPrefix(strings.TrimSpace(last), "ANNEXE 1") && !strings.Contains(last, "ANNEXE 4") {
			t.Errorf("%s: the annexes are not on their own last page:\n%.300s", gc.name, last)
		}
		if !strings.Contains(last, "Page "+strconv.Itoa(pdf.Pages)+" sur "+strconv.Itoa(pdf.Pages)) {
			t.Errorf("%s: footer « Page N sur M » missing on the last page", gc.name)
		}
		if gc.input == "" {
			continue
		}
		c := load(t, gc.input)
		for _, want := range []string{
			"Et la société " + c.Company.Name,
			c.Solution.Name,
			c.Company.Representative.Title,
			c.Company.Email,
		} {
			if !clienttest.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", gc.name, want)
			}
		}
	}
}

// TestLibreOfficeEditedTemplate follows a template editor's round trip: pack
// the embedded template, open and save it in LibreOffice (which rewrites
// every part, splitting runs its own way), unpack it and parse it.
// LibreOffice does not keep Word's repeating section (a block-level content
// control, w15:repeatingSection) around the annexes: it turns it into an
// inline control and the item into a FILLIN field, so the {{range}} over the
// annexes and its {{end}} end up in different places. The engine must say so
// clearly (templates/README.md: edit the template in Word or as XML).
func TestLibreOfficeEditedTemplate(t *testing.T) {
	t.Parallel()
	soffice := clienttest.Need(t, "soffice")[0]
	dir := t.TempDir()
	fsys, err := templates.FS(templates.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	var packed bytes.Buffer
	if err := templates.Pack(&packed, fsys); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "convention.docx")
	if err := os.WriteFile(src, packed.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The template itself, as a user opens it in Word, is a valid document.
	clienttest.Validate(t, src)
	outDir := filepath.Join(dir, "saved")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(outDir, "convention.docx"))
	if err != nil {
		t.Fatalf("LibreOffice did not save the template: %v", err)
	}
	unpacked := filepath.Join(dir, "unpacked")
	if err := templates.Unpack(bytes.NewReader(saved), int64(len(saved)), unpacked); err != nil {
		t.Fatal(err)
	}
	_, err = render.ParseFS(os.DirFS(unpacked), render.Funcs(frfuncs.FuncMap()))
	const want = "{{range (ternary (list (dict \"Title\" \"\" \"Description\" \"\")) .Annexes .Blank)}}"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "are in different places of the document structure") {
		t.Errorf("the template saved by LibreOffice: got %v, want an error naming the annexes' {{range}}", err)
	}
}

// TestLibreOfficeResave: a rendered agreement opened and saved as DOCX by
// LibreOffice stays extractable for what LibreOffice keeps (README: the
// text fields, found by their title, and the boxes, by their order).
func TestLibreOfficeResave(t *testing.T) {
	t.Parallel()
	soffice := clienttest.Need(t, "soffice")[0]
	dir := t.TempDir()
	orig := load(t, "testdata/inputs/maximal.toml")
	var buf bytes.Buffer
	if err := Render(&buf, orig); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "maximal.docx")
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "saved")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(outDir, "maximal.docx"))
	if err != nil {
		t.Fatalf("LibreOffice did not save the agreement: %v", err)
	}
	ext := extractBytes(t, saved).Convention
	for _, k := range []struct {
		name      string
		got, want any
	}{
		{"reason", ext.Reason, orig.Reason},
		{"level", ext.Level, orig.Level},
		{"company.name", ext.Company.Name, orig.Company.Name},
		{"company.email", ext.Company.Email, orig.Company.Email},
		{"company.representative.civility", ext.Company.Representative.Civility, orig.Company.Representative.Civility},
		{"solution.name", ext.Solution.Name, orig.Solution.Name},
		{"solution.deployment", ext.Solution.Deployment, orig.Solution.Deployment},
		{"solution.max_sites", ext.Solution.MaxSites, orig.Solution.MaxSites},
		{"solution.professions", fmt.Sprint(ext.Solution.Professions), fmt.Sprint(orig.Solution.Professions)},
		{"solution.hosting.hosted", ext.Solution.Hosting.Hosted, orig.Solution.Hosting.Hosted},
		{"solution.lap", fmt.Sprint(ext.Solution.LAP), fmt.Sprint(orig.Solution.LAP)},
	} {
		if k.got != k.want {
			t.Errorf("after a LibreOffice save, %s = %v, want %v", k.name, k.got, k.want)
		}
	}
}
