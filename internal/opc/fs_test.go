package opc

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(es []entry) fstest.MapFS {
	m := fstest.MapFS{}
	for _, e := range es {
		m[e.name] = &fstest.MapFile{Data: []byte(e.data)}
	}
	return m
}

func TestReadFSOrder(t *testing.T) {
	m := mapFS(with(
		entry{name: "word/styles.xml", data: "<w:styles/>"},
		entry{name: "docProps/core.xml", data: "<cp/>"},
		entry{name: "word/_rels/document.xml.rels", data: `<Relationships/>`},
		entry{name: "a.txt", data: "a"},
	))
	m[".DS_Store"] = &fstest.MapFile{Data: []byte("junk")}
	m["word/.DS_Store"] = &fstest.MapFile{Data: []byte("junk")}
	m[".git/config"] = &fstest.MapFile{Data: []byte("junk")}
	m["word/.rels"] = &fstest.MapFile{Data: []byte("junk")} // not in a _rels folder
	m["empty"] = &fstest.MapFile{Mode: fs.ModeDir}
	p, err := ReadFS(m, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, pt := range p.Parts {
		names = append(names, pt.Name)
		if pt.rawFor() != nil {
			t.Errorf("%s: ReadFS part has compressed bytes", pt.Name)
		}
	}
	want := "[Content_Types].xml _rels/.rels a.txt docProps/core.xml word/_rels/document.xml.rels word/document.xml word/styles.xml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
	if string(p.Part("word/styles.xml").Data) != "<w:styles/>" {
		t.Error("content lost")
	}
}

func TestReadFSHostile(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		lim  Limits
		want error
	}{
		{"empty", fstest.MapFS{}, Limits{}, ErrNotDocx},
		{"no rels", mapFS(with(entry{name: "-_rels/.rels"})), Limits{}, ErrNotDocx},
		{"doctype", mapFS(with(entry{name: "word/document.xml", data: "<!DOCTYPE x><x/>"})), Limits{}, ErrDoctype},
		{"macro", mapFS(with(entry{name: "word/vbaProject.bin", data: "x"})), Limits{}, ErrMacroEnabled},
		{"case duplicate", mapFS(with(entry{name: "word/Document.xml", data: "<x/>"})), Limits{}, ErrDuplicate},
		{"backslash", mapFS(with(entry{name: `word/a\b.xml`, data: "<x/>"})), Limits{}, ErrUnsafeName},
		{"symlink", func() fstest.MapFS {
			m := mapFS(minimal())
			m["word/link.xml"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}
			return m
		}(), Limits{}, ErrUnsafeName},
		{"part size", mapFS(with(entry{name: "word/big.bin", data: strings.Repeat("x", 5000)})), Limits{MaxPartSize: 4000}, ErrTooLarge},
		{"total size", mapFS(with(entry{name: "word/big.bin", data: strings.Repeat("x", 5000)})), Limits{MaxTotalSize: 5100}, ErrTooLarge},
		{"count", mapFS(with(entry{name: "x", data: "x"})), Limits{MaxParts: 3}, ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFS(tc.fs, tc.lim)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not *Error", err)
			}
			t.Log(err)
		})
	}
}

// TestReadFSMatchesZip: the unpacked benchmark document reads to the same
// parts as the zip.
func TestReadFSMatchesZip(t *testing.T) {
	p := benchParts(t)
	m := fstest.MapFS{}
	for _, pt := range p.Parts {
		m[pt.Name] = &fstest.MapFile{Data: pt.Data}
	}
	q, err := ReadFS(m, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Parts) != len(p.Parts) {
		t.Fatalf("%d parts, want %d", len(q.Parts), len(p.Parts))
	}
	for _, pt := range p.Parts {
		qt := q.Part(pt.Name)
		if qt == nil || string(qt.Data) != string(pt.Data) {
			t.Errorf("%s differs", pt.Name)
		}
	}
}

func TestRelated(t *testing.T) {
	docRels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image%201.png"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://esante.gouv.fr/?a=1&amp;b=2" TargetMode="External"/>` +
		`<Relationship Id="rId4" Type="t" Target="../customXml/item1.xml"/>` +
		`<Relationship Id="rId5" Type="t" Target="/word/footer1.xml"/>` +
		`</Relationships>`
	p, err := ReadFS(mapFS(with(entry{name: "word/_rels/document.xml.rels", data: docRels})), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rels, err := p.Related("/word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Relationship{
		{"rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "word/styles.xml", false},
		{"rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", "word/media/image 1.png", false},
		{"rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", "https://esante.gouv.fr/?a=1&b=2", true},
		{"rId4", "t", "customXml/item1.xml", false},
		{"rId5", "t", "word/footer1.xml", false},
	}
	if len(rels) != len(want) {
		t.Fatalf("got %d relationships: %+v", len(rels), rels)
	}
	for i := range want {
		if rels[i] != want[i] {
			t.Errorf("rel %d = %+v, want %+v", i, rels[i], want[i])
		}
	}
	if rels, err := p.Related("word/styles.xml"); rels != nil || err != nil {
		t.Errorf("no rels part: %v, %v", rels, err)
	}
	if ct := p.ContentType("/WORD/DOCUMENT.XML"); ct != ctMain {
		t.Errorf("ContentType(main) = %q", ct)
	}
	if ct := p.ContentType("word/_rels/document.xml.rels"); ct != "application/vnd.openxmlformats-package.relationships+xml" {
		t.Errorf("ContentType(rels) = %q", ct)
	}
	if ct := p.ContentType("word/media/x.png"); ct != "" {
		t.Errorf("ContentType(png) = %q, want none", ct)
	}

	// A target leaving the package is refused.
	bad := strings.Replace(docRels, "../customXml/item1.xml", "../../etc/passwd", 1)
	p, err = ReadFS(mapFS(with(entry{name: "word/_rels/document.xml.rels", data: bad})), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Related("word/document.xml"); !errors.Is(err, ErrUnsafeName) {
		t.Errorf("escaping target: %v", err)
	}
	// Malformed relationships are ErrCorrupt.
	p.Part("word/_rels/document.xml.rels").Data = []byte("<Relationships><Relationship")
	if _, err := p.Related("word/document.xml"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("malformed rels: %v", err)
	}
}

// TestContentTypeCache: replacing [Content_Types].xml's data is seen.
func TestContentTypeCache(t *testing.T) {
	p, err := ReadFS(mapFS(minimal()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p.ContentType("word/document.xml") != ctMain {
		t.Fatal("main type")
	}
	p.Part("[Content_Types].xml").Data = []byte(contentTypesXML(ctMainMacro))
	if got := p.ContentType("word/document.xml"); got != ctMainMacro {
		t.Errorf("after change: %q", got)
	}
	// A Package built by hand works too.
	q := &Package{Parts: []*Part{{Name: "[Content_Types].xml", Data: []byte(contentTypesXML(ctMain))}}}
	if q.ContentType("word/document.xml") != ctMain {
		t.Error("hand-built package")
	}
	if (&Package{}).ContentType("x.xml") != "" {
		t.Error("empty package")
	}
}

// TestWithDeflated: ReadFS takes a stream made in advance for a part whose
// bytes are the stream's, and ignores it for a part changed since; the
// Writer copies the stream as it is.
func TestWithDeflated(t *testing.T) {
	styles, core := []byte("<w:styles/>"), []byte("<cp/>")
	m := mapFS(with(
		entry{name: "word/styles.xml", data: string(styles)},
		entry{name: "docProps/core.xml", data: "<cp>changed</cp>"},
	))
	d := map[string]Deflated{
		"word/styles.xml":   {Comp: Deflate(styles), CRC: crc(styles), Size: len(styles)},
		"docProps/core.xml": {Comp: Deflate(core), CRC: crc(core), Size: len(core)},
	}
	p, err := ReadFS(WithDeflated(m, d), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range p.Parts {
		if want := pt.Name == "word/styles.xml"; pt.Compressed() != want {
			t.Errorf("%s: compressed %v, want %v", pt.Name, pt.Compressed(), want)
		}
	}
	st := p.Part("word/styles.xml")
	if &st.raw.comp[0] != &d["word/styles.xml"].Comp[0] {
		t.Error("styles.xml: the stream made in advance is not the one kept")
	}
}
