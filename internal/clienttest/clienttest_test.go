package clienttest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchDocx is a copy of ../shared/bench/peers/bench-go.docx.
const benchDocx = "testdata/bench-go.docx"

// fakeTB records failures and skips instead of acting on them; everything
// else (TempDir, Context, Logf...) goes to the real test.
type fakeTB struct {
	testing.TB
	mu      sync.Mutex
	errs    []string
	failed  bool
	skipped bool
	fatal   bool
}

func (f *fakeTB) record(fatal bool, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, msg)
	f.failed = true
	f.fatal = f.fatal || fatal
}
func (f *fakeTB) Error(args ...any)                 { f.record(false, fmt.Sprint(args...)) }
func (f *fakeTB) Errorf(format string, args ...any) { f.record(false, fmt.Sprintf(format, args...)) }
func (f *fakeTB) Fail()                             { f.record(false, "Fail") }
func (f *fakeTB) Fatal(args ...any)                 { f.record(true, fmt.Sprint(args...)); runtime.Goexit() }
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.record(true, fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (f *fakeTB) FailNow() { f.record(true, "FailNow"); runtime.Goexit() }
func (f *fakeTB) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failed
}
func (f *fakeTB) Skip(args ...any)                 { f.skip(fmt.Sprint(args...)) }
func (f *fakeTB) Skipf(format string, args ...any) { f.skip(fmt.Sprintf(format, args...)) }
func (f *fakeTB) SkipNow()                         { f.skip("SkipNow") }
func (f *fakeTB) skip(msg string) {
	f.mu.Lock()
	f.skipped = true
	f.errs = append(f.errs, "skip: "+msg)
	f.mu.Unlock()
	runtime.Goexit()
}
func (f *fakeTB) Skipped() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.skipped
}

// runFake runs fn with a fakeTB in its own goroutine (Fatal/Skip end it).
func runFake(t *testing.T, fn func(tb testing.TB)) *fakeTB {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

// brokenDocx writes a copy of the benchmark document whose first w:p holds
// an unknown element <w:bogus/>: well-formed XML, invalid WordprocessingML.
func brokenDocx(t *testing.T, dir string) string {
	t.Helper()
	zr, err := zip.OpenReader(benchDocx)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "word/document.xml" {
			if !bytes.Contains(data, []byte("<w:p>")) {
				t.Fatal("no <w:p> in the benchmark document")
			}
			data = bytes.Replace(data, []byte("<w:p>"), []byte("<w:p><w:bogus/>"), 1)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "broken.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func needBench(t *testing.T) {
	if testing.Short() && Mode() != "require" {
		t.Skip("real clients are slow (-short)")
	}
	if _, err := os.Stat(benchDocx); err != nil {
		t.Fatalf("benchmark document: %v", err)
	}
}

// TestValidate: one batch with a valid document, a broken one and a file
// that is not a zip. The valid one passes, the other two fail the (fake)
// test with messages naming the file and the problem.
func TestValidate(t *testing.T) {
	needBench(t)
	Need(t, "node")
	dir := t.TempDir()
	broken := brokenDocx(t, dir)
	junk := filepath.Join(dir, "junk.docx")
	if err := os.WriteFile(junk, []byte("<x"), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	f := runFake(t, func(tb testing.TB) { Validate(tb, benchDocx, broken, junk) })
	t.Logf("validated 3 files in %v", time.Since(start))
	if f.skipped {
		// A tool is missing (node alone, without ooxml-validate) and
		// LABELKIT_REAL_CLIENTS is not "require": skip, as Need does.
		t.Skip(strings.TrimPrefix(f.errs[len(f.errs)-1], "skip: "))
	}
	if f.fatal {
		t.Fatalf("validator unusable: %q", f.errs)
	}
	if len(f.errs) != 2 {
		t.Fatalf("want 2 failures (broken, junk), got %d: %q", len(f.errs), f.errs)
	}
	if e := f.errs[0]; !strings.Contains(e, "broken.docx") || !strings.Contains(e, "bogus") ||
		!strings.Contains(e, "/word/document.xml") || !strings.Contains(e, "/w:document[1]/w:body[1]/w:p[1]") {
		t.Errorf("broken document message lacks file, part, path or element:\n%s", e)
	}
	if e := f.errs[1]; !strings.Contains(e, "junk.docx") || !strings.Contains(e, "cannot open") {
		t.Errorf("junk message: %s", e)
	}
	for _, e := range f.errs {
		if strings.Contains(e, "bench-go.docx") {
			t.Errorf("valid document reported: %s", e)
		}
	}
	t.Log(f.errs[0])
}

// TestValidateSkipsWithoutValidator: on a machine with node but without
// ooxml-validate, TestValidate skips (unless LABELKIT_REAL_CLIENTS=require,
// where it fails). It runs the test binary again with a PATH holding node
// only, so that the validator's cached location is looked up afresh.
func TestValidateSkipsWithoutValidator(t *testing.T) {
	if os.Getenv("LABELKIT_CHILD") != "" {
		t.Skip("child process")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed: nothing to simulate")
	}
	bin := t.TempDir()
	if err := os.Symlink(node, filepath.Join(bin, "node")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mode   string
		wantOK bool
		want   string
	}{
		{"auto", true, "--- SKIP: TestValidate "},
		{"require", false, "--- FAIL: TestValidate "},
	} {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestValidate$", "-test.short=false", "-test.v")
		cmd.Env = append(os.Environ(), "PATH="+bin, "LABELKIT_CHILD=1", EnvVar+"="+tc.mode, LibEnvVar+"=")
		out, err := cmd.CombinedOutput()
		if (err == nil) != tc.wantOK || !strings.Contains(string(out), tc.want) {
			t.Errorf("%s=%s with node only: err = %v, want %q in:\n%s", EnvVar, tc.mode, err, tc.want, out)
		}
	}
}

// TestValidateFallback: with the batch script unusable, one ooxml-validate
// per file (here against Office 2007) still catches errors.
func TestValidateFallback(t *testing.T) {
	needBench(t)
	Need(t, "node", "ooxml-validate")
	t.Setenv(LibEnvVar, filepath.Join(t.TempDir(), "missing.js"))
	broken := brokenDocx(t, t.TempDir())
	start := time.Now()
	res := ValidateResultsFor(t, "Office2007", broken)
	t.Logf("fallback: 1 file in %v", time.Since(start))
	if len(res) != 1 || len(res[0].Problems) != 1 || res[0].Problems[0].ID != "Sch_InvalidElementContentExpectingComplex" {
		t.Fatalf("results: %+v", res)
	}
}

// TestConvert: two documents with the same base name in one LibreOffice
// run; a path LibreOffice cannot load fails the (fake) test although soffice
// exits 0; PNG renders a page.
func TestConvert(t *testing.T) {
	needBench(t)
	Need(t, "soffice", "pdftotext")
	dir := filepath.Join(t.TempDir(), "other")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	same := filepath.Join(dir, "bench-go.docx")
	data, err := os.ReadFile(benchDocx)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(same, data, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "folder.docx") // a directory: LibreOffice cannot load it
	if err := os.Mkdir(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var pdfs map[string]*PDF
	f := runFake(t, func(tb testing.TB) { pdfs = Convert(tb, benchDocx, same, bad) })
	t.Logf("converted 3 files in %v", time.Since(start))
	if f.skipped || f.fatal {
		t.Fatalf("LibreOffice unusable: %q", f.errs)
	}
	if len(f.errs) != 1 || !strings.Contains(f.errs[0], "folder.docx") {
		t.Fatalf("want one failure for folder.docx, got %q", f.errs)
	}
	for _, p := range []string{benchDocx, same} {
		pdf := pdfs[p]
		if pdf == nil {
			t.Fatalf("no PDF for %s", p)
		}
		if pdf.Pages < 10 || pdf.Pages > 20 {
			t.Errorf("%s: %d pages, want about 13", p, pdf.Pages)
		}
		if n := strings.Count(pdf.Text, "{{"); n != 84 {
			t.Errorf("%s: %d {{ in the text, want the template's 84", p, n)
		}
		for _, want := range []string{"CONVENTION DE PARTENARIAT", "{{.company_name}}", "☒"} {
			if !Contains(pdf.Text, want) {
				t.Errorf("%s: text lacks %q", p, want)
			}
		}
	}
	if pdfs[benchDocx].Text != pdfs[same].Text {
		t.Error("same document, different text")
	}
	if _, ok := pdfs[bad]; ok {
		t.Error("a PDF for the directory")
	}

	// PNG of the first page (of the PDF: no second conversion).
	Need(t, "pdftoppm")
	png := PNG(t, pdfs[benchDocx].Path, 1)
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 5000 {
		t.Errorf("%s: not a rendered page (%d bytes)", png, len(b))
	}
}

func TestValidateForUnknownVersion(t *testing.T) {
	f := runFake(t, func(tb testing.TB) { ValidateFor(tb, "Office95", "x.docx") })
	if !f.fatal || !strings.Contains(f.errs[0], "Office95") {
		t.Errorf("got %q", f.errs)
	}
}

func TestContains(t *testing.T) {
	text := "Atelier Lefèvre &\nFils, 179\u00a0942,00 €\f50 %"
	for _, want := range []string{"Atelier Lefèvre & Fils", "179 942,00 €", "€ 50\u00a0%", "Fils,"} {
		if !Contains(text, want) {
			t.Errorf("Contains(%q) = false", want)
		}
	}
	if Contains(text, "Lefèvre&") || Contains(text, "AtelierLefèvre") {
		t.Error("Contains ignores spaces entirely")
	}
}

func TestModeAndNeed(t *testing.T) {
	for env, want := range map[string]string{"": "auto", "require": "require", "REQUIRE": "require", "off": "off", "0": "off", "bogus": "auto"} {
		t.Setenv(EnvVar, env)
		if got := Mode(); got != want {
			t.Errorf("%s=%q: Mode() = %q, want %q", EnvVar, env, got, want)
		}
	}
	const nope = "labelkit-no-such-program"
	t.Setenv(EnvVar, "require")
	if f := runFake(t, func(tb testing.TB) { Need(tb, "go", nope) }); !f.fatal || f.skipped || !strings.Contains(f.errs[0], nope) {
		t.Errorf("require: %+v", f.errs)
	}
	t.Setenv(EnvVar, "")
	if f := runFake(t, func(tb testing.TB) { Need(tb, nope) }); !f.skipped || f.failed {
		t.Errorf("auto: %+v", f.errs)
	}
	t.Setenv(EnvVar, "off")
	if f := runFake(t, func(tb testing.TB) { Need(tb, "go") }); !f.skipped {
		t.Errorf("off: %+v", f.errs)
	}
	t.Setenv(EnvVar, "require")
	if f := runFake(t, func(tb testing.TB) { Need(tb, "go") }); f.failed || f.skipped {
		t.Errorf("require, present: %+v", f.errs)
	}
}
