package pdf

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// tinyDocx returns a one-paragraph DOCX with the given body text and core
// properties (dates 2019-07-01). Parts are stored, not deflated, so that
// the fake soffice can look for markers in the text (HANG, CRASH...).
func tinyDocx(t testing.TB, text string) []byte {
	t.Helper()
	return tinyDocxLang(t, text, "fr-FR", "")
}

// tinyDocxLang is tinyDocx in language lang (in its text and its core
// properties), or in none if lang is empty; if styleLang is not empty, the
// document's default language (a styles part's w:docDefaults) is styleLang.
func tinyDocxLang(t testing.TB, text, lang, styleLang string) []byte {
	t.Helper()
	runLang, coreLang := "", ""
	if lang != "" {
		runLang = `<w:rPr><w:lang w:val="` + lang + `"/></w:rPr>`
		coreLang = `<dc:language>` + lang + `</dc:language>`
	}
	stylesType := ""
	if styleLang != "" {
		stylesType = `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` + stylesType + `</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>` + runLang + `<w:t xml:space="preserve">` + text + `</w:t></w:r></w:p></w:body></w:document>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Essai « tiny » &amp; co</dc:title><dc:subject>Sujet</dc:subject><dc:creator>labelkit</dc:creator><cp:keywords>Cœur &amp; Soins SAS</cp:keywords>` + coreLang + `<dcterms:created xsi:type="dcterms:W3CDTF">2019-07-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2019-07-01T00:00:00Z</dcterms:modified></cp:coreProperties>`},
	}
	if styleLang != "" {
		parts = append(parts, []struct{ name, data string }{
			{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
			{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="` + styleLang + `"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>`},
		}...)
	}
	for _, p := range parts {
		// CreateRaw with the sizes known: LibreOffice refuses stored
		// entries followed by a data descriptor.
		f, err := w.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte(p.data)),
			CompressedSize64: uint64(len(p.data)), UncompressedSize64: uint64(len(p.data))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readConfig is a pdfcpu configuration for reading and validating in the
// tests. It is built here, not by model.NewDefaultConfiguration, which
// writes a config.yml under the user's configuration folder on first use
// and sets a package variable without synchronisation.
func readConfig(mode int) *model.Configuration {
	return &model.Configuration{
		Reader15:                  true,
		ValidationMode:            mode,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		Offline:                   true,
		Limits:                    model.DefaultResourceLimits(),
	}
}
