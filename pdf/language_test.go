package pdf

import (
	"bytes"
	"testing"

	"github.com/esante/labelkit/internal/clienttest"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// TestRealLanguage: WithLanguage is LibreOffice's default language, so a
// DOCX that declares none comes out in it (the catalog's /Lang and the XMP
// dc:language); a DOCX's own language is kept: its core property's in the
// XMP packet, or else its default language's (the catalog's /Lang).
func TestRealLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversions skipped in -short mode")
	}
	clienttest.Need(t, "soffice")
	c := New(WithLanguage("de-DE"), WithProcesses(1), WithTempDir(t.TempDir()))
	defer c.Close()
	docs := [][]byte{tinyDocxLang(t, "Guten Tag", "", ""), tinyDocxLang(t, "Good morning", "en-GB", ""),
		tinyDocxLang(t, "Good evening", "", "en-GB")}
	outs, errs := convertAll(c, t.Context(), docs)
	for i, want := range []struct{ catalog, xmp string }{{"de-DE", "de-DE"}, {"de-DE", "en-GB"}, {"en-GB", "en-GB"}} {
		if errs[i] != nil {
			t.Errorf("document %d: %v", i, errs[i])
			continue
		}
		if err := api.Validate(bytes.NewReader(outs[i]), readConfig(model.ValidationStrict)); err != nil {
			t.Errorf("document %d: pdfcpu validate: %v", i, err)
		}
		ctx, err := api.ReadContext(bytes.NewReader(outs[i]), readConfig(model.ValidationRelaxed))
		if err != nil {
			t.Fatal(err)
		}
		catalog, err := ctx.XRefTable.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		if lang, _ := model.Text(catalog["Lang"]); lang != want.catalog {
			t.Errorf("document %d: catalog /Lang %q, want %q", i, lang, want.catalog)
		}
		if x := "<dc:language><rdf:Bag><rdf:li>" + want.xmp + "</rdf:li>"; !bytes.Contains(outs[i], []byte(x)) {
			t.Errorf("document %d: no %s in the XMP packet", i, x)
		}
	}
	// The text's own language reaches the PDF's structure.
	if !bytes.Contains(outs[1], []byte("/Lang(en-GB)")) {
		t.Error("document 1: no /Lang(en-GB) in the PDF")
	}
}
