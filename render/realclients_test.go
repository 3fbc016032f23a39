package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/clienttest"
)

// TestRealClients renders every golden case, validates all outputs with the
// Open XML SDK validator and converts them with LibreOffice in one batch,
// then checks that each PDF shows what a reader must see. It skips when the
// clients are missing, unless LABELKIT_REAL_CLIENTS=require.
func TestRealClients(t *testing.T) {
	if testing.Short() && clienttest.Mode() != "require" {
		t.Skip("real clients are slow; skipped with -short")
	}
	clienttest.Need(t, "soffice", "pdftotext", "node")
	dir := t.TempDir()
	cases := goldenCases()
	var paths []string
	for _, c := range cases {
		path := filepath.Join(dir, c.name+".docx")
		if err := os.WriteFile(path, renderCase(t, c), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	clienttest.Validate(t, paths...)
	texts := clienttest.PDFText(t, paths...)
	for i, c := range cases {
		text := texts[paths[i]]
		for _, want := range c.see {
			if !clienttest.Contains(text, want) {
				t.Errorf("%s: PDF text lacks %q:\n%s", c.name, want, text)
			}
		}
		for _, bad := range c.absent {
			if strings.Contains(text, bad) {
				t.Errorf("%s: PDF text has %q", c.name, bad)
			}
		}
	}
}
