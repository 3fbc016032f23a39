package clienttest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// PDF is one document converted by LibreOffice.
type PDF struct {
	Path  string // the PDF, in a temporary directory of the test
	Text  string // pdftotext -raw output, "-\n" line ends re-joined as "-"; pages end with "\f"
	Pages int    // number of pages
}

// PDFText converts the files to PDF and returns the text of each, keyed by
// the path given. See Convert.
func PDFText(t testing.TB, docxPaths ...string) map[string]string {
	t.Helper()
	pdfs := Convert(t, docxPaths...)
	out := make(map[string]string, len(pdfs))
	for k, p := range pdfs {
		out[k] = p.Text
	}
	return out
}

// Convert converts all the files to PDF with ONE LibreOffice headless
// invocation (a private user profile, so parallel tests don't clash), checks
// that every PDF exists (soffice exits 0 even when a conversion fails), and
// extracts the text of each with pdftotext -raw (text in content-stream
// order: a paragraph's words stay together; the default mode would join
// "Haute-" / "Garonne" into "HauteGaronne"). Lines ending with "-" are
// re-joined to the next line without removing the hyphen, and each page
// ends with a form feed. The test fails for any file not converted. Use
// Contains to look for values regardless of line wrapping. Start-up costs
// most (see BENCH.md): convert many files in one call.
func Convert(t testing.TB, docxPaths ...string) map[string]*PDF {
	t.Helper()
	if len(docxPaths) == 0 {
		return nil
	}
	tools := Need(t, "soffice", "pdftotext")
	if tools == nil {
		return nil
	}
	soffice, pdftotext := tools[0], tools[1]

	// Stage the inputs under unique names: LibreOffice names each PDF after
	// its input's base name.
	stage, outDir, profile := t.TempDir(), t.TempDir(), t.TempDir()
	staged := make([]string, len(docxPaths))
	for i, p := range docxPaths {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatalf("clienttest: %v", err)
		}
		if _, err := os.Stat(abs); err != nil {
			t.Fatalf("clienttest: %v", err)
		}
		staged[i] = filepath.Join(stage, fmt.Sprintf("%03d-%s", i, filepath.Base(p)))
		if err := os.Symlink(abs, staged[i]); err != nil {
			data, rerr := os.ReadFile(abs)
			if rerr != nil {
				t.Fatalf("clienttest: %v", rerr)
			}
			if err := os.WriteFile(staged[i], data, 0o644); err != nil {
				t.Fatalf("clienttest: %v", err)
			}
		}
	}
	ctx, cancel := commandContext(t, 120*time.Second, 20*time.Second, len(staged))
	defer cancel()
	args := []string{
		"-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--convert-to", "pdf", "--outdir", outDir,
	}
	cmd := exec.CommandContext(ctx, soffice, append(args, staged...)...)
	cmd.Env = append(os.Environ(), "HOME="+profile) // no writes to the real home
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		t.Fatalf("clienttest: soffice: %v\n%s", err, tail(output.String()))
	}

	out := make(map[string]*PDF, len(docxPaths))
	for i, p := range docxPaths {
		base := filepath.Base(staged[i])
		pdfPath := filepath.Join(outDir, strings.TrimSuffix(base, filepath.Ext(base))+".pdf")
		if st, err := os.Stat(pdfPath); err != nil || st.Size() == 0 {
			t.Errorf("clienttest: LibreOffice did not convert %s (no %s)\nsoffice said: %s", p, filepath.Base(pdfPath), tail(output.String()))
			continue
		}
		s, err := pdfText(ctx, pdftotext, pdfPath)
		if err != nil {
			t.Errorf("clienttest: %v", err)
			continue
		}
		out[p] = &PDF{Path: pdfPath, Text: s, Pages: strings.Count(s, "\f")}
	}
	return out
}

// pdfText runs pdftotext -raw on a PDF and re-joins the lines ending with
// "-" (see Convert).
func pdfText(ctx context.Context, pdftotext, pdfPath string) (string, error) {
	cmd := exec.CommandContext(ctx, pdftotext, "-raw", "-enc", "UTF-8", pdfPath, "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	text, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext %s: %v: %s", pdfPath, err, tail(stderr.String()))
	}
	return strings.ReplaceAll(string(text), "-\n", "-"), nil
}

// Text returns the text of a PDF file, extracted as Convert does.
func Text(t testing.TB, pdfPath string) string {
	t.Helper()
	tools := Need(t, "pdftotext")
	if tools == nil {
		return ""
	}
	ctx, cancel := commandContext(t, 60*time.Second, 0, 1)
	defer cancel()
	s, err := pdfText(ctx, tools[0], pdfPath)
	if err != nil {
		t.Fatalf("clienttest: %v", err)
	}
	return s
}

// NotEmbedded returns the fonts of a PDF file that pdffonts lists as not
// embedded, and how many fonts it lists in all.
func NotEmbedded(t testing.TB, pdfPath string) (missing []string, fonts int) {
	t.Helper()
	tools := Need(t, "pdffonts")
	if tools == nil {
		return nil, 0
	}
	ctx, cancel := commandContext(t, 60*time.Second, 0, 1)
	defer cancel()
	out, err := exec.CommandContext(ctx, tools[0], pdfPath).CombinedOutput()
	if err != nil {
		t.Fatalf("clienttest: pdffonts %s: %v: %s", pdfPath, err, tail(string(out)))
	}
	// Columns: name type encoding emb sub uni object-ID; the name and type
	// may contain spaces, so "emb" is read from the end of the line.
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, l := range lines[min(2, len(lines)):] {
		f := strings.Fields(l)
		if len(f) < 7 {
			continue
		}
		fonts++
		if f[len(f)-5] != "yes" {
			missing = append(missing, f[0])
		}
	}
	return missing, fonts
}

// Contains reports whether text contains want, comparing with every run of
// white space (spaces, line breaks, form feeds, no-break spaces U+00A0 and
// U+202F) reduced to one space, so that a value wrapped over two lines or
// two pages still matches.
func Contains(text, want string) bool {
	return strings.Contains(Squeeze(text), Squeeze(want))
}

// Squeeze reduces every run of white space (including U+00A0 and U+202F) to
// one space and trims the ends.
func Squeeze(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u202f', '\u2009':
			return true
		}
		return false
	}), " ")
}

// PNG renders page (1-based) of a PDF or of a document (converted to PDF
// first) to a PNG at 80 dpi with pdftoppm, for humans to look at, and
// returns its path. The file is written to t.ArtifactDir(): run
// `go test -artifacts` to keep it.
func PNG(t testing.TB, path string, page int) string {
	t.Helper()
	tools := Need(t, "pdftoppm")
	if tools == nil {
		return ""
	}
	pdf := path
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		p := Convert(t, path)[path]
		if p == nil {
			t.FailNow()
		}
		pdf = p.Path
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	prefix := filepath.Join(t.ArtifactDir(), fmt.Sprintf("%s-p%d", base, page))
	ctx, cancel := commandContext(t, 60*time.Second, 0, 1)
	defer cancel()
	n := fmt.Sprint(page)
	cmd := exec.CommandContext(ctx, tools[0], "-png", "-r", "80", "-f", n, "-l", n, "-singlefile", pdf, prefix)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("clienttest: pdftoppm %s page %d: %v: %s", pdf, page, err, tail(string(out)))
	}
	png := prefix + ".png"
	if _, err := os.Stat(png); err != nil {
		t.Fatalf("clienttest: pdftoppm wrote no %s", png)
	}
	t.Logf("clienttest: page %d of %s: %s", page, path, png)
	return png
}
