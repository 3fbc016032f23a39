package opc

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/esante/labelkit/internal/clienttest"
)

// TestRealClients: packages written by Writer (recompressed, raw-copied,
// and a minimal one) pass the Open XML SDK validator and open in
// LibreOffice.
func TestRealClients(t *testing.T) {
	if testing.Short() && clienttest.Mode() != "require" {
		t.Skip("real clients are slow (-short)")
	}
	clienttest.Need(t, "node", "soffice", "pdftotext")
	dir := t.TempDir()
	p := benchParts(t)
	minimalPkg, err := readBytes(mkzip(t, minimal()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"recompressed.docx": writeAll(t, p, true),
		"copied.docx":       writeAll(t, p, false),
		"minimal.docx":      writeAll(t, minimalPkg, true),
	}
	var paths []string
	for _, name := range []string{"recompressed.docx", "copied.docx", "minimal.docx"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	clienttest.Validate(t, paths...)
	texts := clienttest.PDFText(t, paths...)
	for _, path := range paths[:2] {
		if !clienttest.Contains(texts[path], "CONVENTION DE PARTENARIAT") {
			t.Errorf("%s: text lacks the title", path)
		}
	}
	if !clienttest.Contains(texts[paths[2]], "Bonjour") {
		t.Errorf("minimal: text %q", texts[paths[2]])
	}
}
