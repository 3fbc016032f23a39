package templates

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func packDefault(t *testing.T) []byte {
	t.Helper()
	fsys, err := FS(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Pack(&buf, fsys); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPackUnpackRoundTrip(t *testing.T) {
	docx := packDefault(t)
	if again := packDefault(t); !bytes.Equal(docx, again) {
		t.Fatal("Pack is not deterministic")
	}
	dir := t.TempDir()
	if err := Unpack(bytes.NewReader(docx), int64(len(docx)), dir); err != nil {
		t.Fatal(err)
	}
	fsys, _ := FS(DefaultName)
	want := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		want[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("unpacked %d files, the template has %d", len(got), len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing after pack → unpack", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: changed by pack → unpack", name)
		}
	}
	// Pack of the unpacked folder gives the same bytes again.
	var buf bytes.Buffer
	if err := Pack(&buf, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), docx) {
		t.Error("pack → unpack → pack changed the .docx bytes")
	}
}

func TestPackOrderAndParts(t *testing.T) {
	docx := packDefault(t)
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if len(names) < 2 || names[0] != "[Content_Types].xml" || names[1] != "_rels/.rels" {
		t.Fatalf("entries: %v", names)
	}
	for _, want := range []string{"word/_rels/document.xml.rels", "word/document.xml", "word/numbering.xml", "docProps/custom.xml", "word/footer1.xml"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("%s missing from the packed template (is go:embed using all:?)", want)
		}
	}
}

// wordStyle is a document.xml as Word writes it: one line.
const wordStyle = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
	`<w:p><w:r><w:t xml:space="preserve">a &lt;w:p&gt; </w:t></w:r></w:p>` +
	`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
	`<w:p w:rsidR="00A1"><w:r><w:t>"></w:t></w:r><!-- <w:p> --></w:p><w:p/>` +
	`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`

func TestReadable(t *testing.T) {
	got := string(Readable([]byte(wordStyle)))
	want := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
<w:p><w:r><w:t xml:space="preserve">a &lt;w:p&gt; </w:t></w:r></w:p>
<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>
<w:tr>
<w:tc>
<w:p><w:r><w:t>x</w:t></w:r></w:p>
</w:tc>
</w:tr>
</w:tbl>
<w:p w:rsidR="00A1"><w:r><w:t>"></w:t></w:r><!-- <w:p> --></w:p>
<w:p/>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</w:body>
</w:document>
`
	if got != want {
		t.Errorf("Readable:\n%s\nwant:\n%s", got, want)
	}
	if again := string(Readable([]byte(got))); again != got {
		t.Errorf("Readable is not idempotent:\n%s", again)
	}
}

// TestReadableOnlyInsertsNewlines checks the layout changes whitespace between
// elements only, on every XML part of the template with its newlines removed.
func TestReadableOnlyInsertsNewlines(t *testing.T) {
	fsys, _ := FS(DefaultName)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		oneLine := bytes.ReplaceAll(b, []byte("\n"), nil)
		out := Readable(oneLine)
		if !bytes.Equal(bytes.ReplaceAll(out, []byte("\n"), nil), oneLine) {
			t.Errorf("%s: Readable changed more than newlines", p)
		}
		checkWellFormed(t, p, out)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkWellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: not well-formed: %v", name, err)
			return
		}
	}
}

func TestTemplatePartsWellFormed(t *testing.T) {
	fsys, _ := FS(DefaultName)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err == nil {
			checkWellFormed(t, p, b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUnpackWordSavedDocx(t *testing.T) {
	// A package as Word saves it: one-line parts, no trailing newline.
	parts := fstest.MapFS{
		"[Content_Types].xml": {Data: []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		"_rels/.rels":         {Data: []byte(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)},
		"word/document.xml":   {Data: []byte(wordStyle)},
	}
	var buf bytes.Buffer
	if err := Pack(&buf, parts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// A stale part from an earlier unpack, and a dot file to keep.
	must(t, os.MkdirAll(filepath.Join(dir, "word", "media"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "[Content_Types].xml"), []byte("old"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "word", "media", "old.png"), []byte("old"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, ".gitkeep"), nil, 0o644))
	if err := Unpack(bytes.NewReader(buf.Bytes()), int64(buf.Len()), dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "word", "media")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale part's folder still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitkeep")); err != nil {
		t.Errorf("dot file removed: %v", err)
	}
	doc, err := os.ReadFile(filepath.Join(dir, "word", "document.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(doc), "\n<w:p"); n != 4 {
		t.Errorf("%d paragraphs start a line, want 4:\n%s", n, doc)
	}
	// Unpack → Pack → Unpack is stable.
	var again bytes.Buffer
	must(t, Pack(&again, os.DirFS(dir)))
	dir2 := t.TempDir()
	must(t, Unpack(bytes.NewReader(again.Bytes()), int64(again.Len()), dir2))
	doc2, _ := os.ReadFile(filepath.Join(dir2, "word", "document.xml"))
	if !bytes.Equal(doc, doc2) {
		t.Error("unpack → pack → unpack changed word/document.xml")
	}
}

func TestUnpackRefusesForeignFolder(t *testing.T) {
	docx := packDefault(t)
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644))
	err := Unpack(bytes.NewReader(docx), int64(len(docx)), dir)
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("the user's file was touched")
	}
}

func TestUnpackNotDocx(t *testing.T) {
	data := []byte("not a zip")
	if err := Unpack(bytes.NewReader(data), int64(len(data)), t.TempDir()); err == nil {
		t.Fatal("no error for a non-zip")
	}
}

func FuzzReadable(f *testing.F) {
	f.Add([]byte(wordStyle))
	f.Add([]byte(`<a><b x=">"/><c><![CDATA[<w:p>]]></c></a>`))
	f.Add([]byte(`<a`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out := Readable(data)
		in := bytes.ReplaceAll(data, []byte("\n"), nil)
		if !bytes.Equal(bytes.ReplaceAll(out, []byte("\n"), nil), in) {
			t.Fatalf("Readable changed more than newlines: %q → %q", data, out)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
