package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
)

// zeroBomb returns a raw DEFLATE stream that inflates to n MiB of zeros,
// built without allocating the inflated bytes: one sync-flushed chunk for
// 1 MiB of zeros, repeated (its back-references only see zeros), then an
// empty final block. 1 GiB costs about 1 MB.
func zeroBomb(tb testing.TB, mib int) []byte {
	tb.Helper()
	var chunk bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestCompression)
	if _, err := fw.Write(make([]byte, 1<<20)); err != nil {
		tb.Fatal(err)
	}
	if err := fw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var final bytes.Buffer
	fw.Reset(&final)
	if err := fw.Close(); err != nil {
		tb.Fatal(err)
	}
	out := bytes.Repeat(chunk.Bytes(), mib)
	return append(out, final.Bytes()...)
}

func TestZeroBombIsValid(t *testing.T) {
	// The bomb really inflates to what it claims (checked on a small one).
	r := flate.NewReader(bytes.NewReader(zeroBomb(t, 3)))
	var n int64
	buf := make([]byte, 1<<16)
	for {
		k, err := r.Read(buf)
		for _, c := range buf[:k] {
			if c != 0 {
				t.Fatal("non-zero byte")
			}
		}
		n += int64(k)
		if err != nil {
			break
		}
	}
	if n != 3<<20 {
		t.Fatalf("inflated %d bytes, want %d", n, 3<<20)
	}
}

func TestReadZipHostile(t *testing.T) {
	bomb := zeroBomb(t, 1024) // 1 GiB of zeros in ~1 MB
	big := strings.Repeat("a", 3000)
	utf16Doctype := func() string {
		u := utf16.Encode([]rune(`<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><w:document/>`))
		b := []byte{0xFF, 0xFE}
		for _, c := range u {
			b = append(b, byte(c), byte(c>>8))
		}
		return string(b)
	}()
	tests := []struct {
		name  string
		zip   []byte
		lim   Limits
		want  error
		part  string // expected Error.Part
		limit string // expected LimitError.Limit
	}{
		{name: "not a zip", zip: []byte("PK\x03\x04 this is not a zip"), want: ErrNotZip},
		{name: "empty input", zip: []byte{}, want: ErrNotZip},
		{name: "text file", zip: []byte(documentXML), want: ErrNotZip},
		{name: "empty zip", zip: mkzip(t, nil), want: ErrNotDocx},
		{name: "no content types", zip: mkzip(t, with(entry{name: "-[Content_Types].xml"})), want: ErrNotDocx},
		{name: "no package rels", zip: mkzip(t, with(entry{name: "-_rels/.rels"})), want: ErrNotDocx},
		{name: "no main relationship", zip: mkzip(t, with(entry{name: "_rels/.rels",
			data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`})), want: ErrNotDocx, part: "_rels/.rels"},
		{name: "main part missing", zip: mkzip(t, with(entry{name: "-word/document.xml"})), want: ErrNotDocx, part: "word/document.xml"},
		{name: "spreadsheet", zip: mkzip(t, with(entry{name: "[Content_Types].xml",
			data: contentTypesXML("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")})), want: ErrNotDocx},
		{name: "main without content type", zip: mkzip(t, with(entry{name: "[Content_Types].xml",
			data: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`})), want: ErrNotDocx},
		{name: "vba relationship", zip: mkzip(t, with(entry{name: "word/_rels/document.xml.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="macros.dat"/></Relationships>`})), want: ErrMacroEnabled, part: "word/macros.dat"},
		{name: "vba relationship from a header", zip: mkzip(t, with(entry{name: "word/_rels/header1.xml.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="media/image9.png"/></Relationships>`})), want: ErrMacroEnabled, part: "word/media/image9.png"},
		{name: "vba relationship from the package", zip: mkzip(t, with(entry{name: "_rels/.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="x.bin"/></Relationships>`})), want: ErrMacroEnabled, part: "x.bin"},
		{name: "OLE: encrypted", zip: oleFile("EncryptionInfo", "EncryptedPackage"), want: ErrEncrypted},
		{name: "OLE: Word 97-2003", zip: oleFile("WordDocument", "1Table"), want: ErrLegacyDoc},
		{name: "OLE: other", zip: oleFile("Workbook"), want: ErrNotZip},
		{name: "vba project", zip: mkzip(t, with(entry{name: "word/vbaProject.bin", data: "\xd0\xcf\x11\xe0"})), want: ErrMacroEnabled, part: "word/vbaProject.bin"},
		{name: "vba project upper case", zip: mkzip(t, with(entry{name: "word/VBAPROJECT.BIN", data: "x"})), want: ErrMacroEnabled},
		{name: "dot dot", zip: mkzip(t, with(entry{name: "../evil", data: "x"})), want: ErrUnsafeName, part: "../evil"},
		{name: "inner dot dot", zip: mkzip(t, with(entry{name: "word/../../evil", data: "x"})), want: ErrUnsafeName},
		{name: "absolute", zip: mkzip(t, with(entry{name: "/abs", data: "x"})), want: ErrUnsafeName},
		{name: "backslash", zip: mkzip(t, with(entry{name: `word\..\evil`, data: "x"})), want: ErrUnsafeName},
		{name: "drive", zip: mkzip(t, with(entry{name: `C:/evil`, data: "x"})), want: ErrUnsafeName},
		{name: "empty segment", zip: mkzip(t, with(entry{name: "word//x.xml", data: "<a/>"})), want: ErrUnsafeName},
		{name: "dot segment", zip: mkzip(t, with(entry{name: "word/./x.xml", data: "<a/>"})), want: ErrUnsafeName},
		{name: "NUL", zip: mkzip(t, with(entry{name: "word/x\x00.xml", data: "<a/>"})), want: ErrUnsafeName},
		{name: "duplicate", zip: mkzip(t, append(minimal(), entry{name: "word/document.xml", data: documentXML})), want: ErrDuplicate, part: "word/document.xml"},
		{name: "duplicate case", zip: mkzip(t, append(minimal(), entry{name: "Word/Document.XML", data: documentXML})), want: ErrDuplicate, part: "Word/Document.XML"},
		{name: "deep content types", zip: mkzip(t, with(entry{name: "[Content_Types].xml", data: strings.Repeat("<a>", 100000)})), want: ErrCorrupt},
		{name: "deep rels", zip: mkzip(t, with(entry{name: "_rels/.rels", data: strings.Repeat("<a>", 100000)})), want: ErrCorrupt},
		{name: "entry count announced", zip: mkzip(t, append(minimal(), manyEntries(100)...)),
			lim: Limits{MaxParts: 10}, want: ErrTooLarge, limit: "MaxParts"},
		{name: "long name", zip: mkzip(t, with(entry{name: strings.Repeat("a/", 600) + "x", data: "x"})), want: ErrUnsafeName},
		{name: "part is a folder of another", zip: mkzip(t, with(entry{name: "word", data: "x"})), want: ErrDuplicate, part: "word"},
		{name: "doctype", zip: mkzip(t, with(entry{name: "word/document.xml",
			data: `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">]>` + documentXML[55:]})), want: ErrDoctype, part: "word/document.xml"},
		{name: "doctype after BOM, space, comment, PI", zip: mkzip(t, with(entry{name: "word/document.xml",
			data: "\xEF\xBB\xBF \n\t<?xml version=\"1.0\"?><!-- <w:document> --><?pi <!-- ?>\n<!doctype x SYSTEM \"file:///etc/passwd\"><w:document/>"})), want: ErrDoctype},
		{name: "doctype in a VML drawing", zip: mkzip(t, with(entry{name: "word/vmlDrawing1.vml", data: `<!DOCTYPE x [<!ENTITY a "b">]><xml/>`})), want: ErrDoctype, part: "word/vmlDrawing1.vml"},
		{name: "entity alone", zip: mkzip(t, with(entry{name: "word/styles.xml", data: `<!ENTITY x "y"><a/>`})), want: ErrDoctype, part: "word/styles.xml"},
		{name: "doctype in rels", zip: mkzip(t, with(entry{name: "_rels/.rels", data: `<!DOCTYPE r>` + relsXML[55:]})), want: ErrDoctype, part: "_rels/.rels"},
		{name: "doctype in content types", zip: mkzip(t, with(entry{name: "[Content_Types].xml", data: `<!DOCTYPE t>` + contentTypesXML(ctMain)[55:]})), want: ErrDoctype},
		{name: "doctype in xml by content type", zip: mkzip(t, with(
			entry{name: "[Content_Types].xml", data: contentTypesXML(ctMain, `<Override PartName="/word/custom.bin" ContentType="application/vnd.example+xml"/>`)},
			entry{name: "word/custom.bin", data: `<!DOCTYPE x><x/>`})), want: ErrDoctype, part: "word/custom.bin"},
		{name: "doctype UTF-16", zip: mkzip(t, with(entry{name: "word/document.xml", data: utf16Doctype})), want: ErrDoctype},
		{name: "doctype late in the part", zip: mkzip(t, with(entry{name: "word/document.xml", data: documentXML + `<!DOCTYPE x>`})), want: ErrDoctype},
		{name: "bad checksum", zip: mkzip(t, with(entry{name: "word/styles.xml", raw: []byte("<a/>"), stored: true, usize: 4, crc: 1})), want: ErrCorrupt},
		{name: "size lies up", zip: mkzip(t, with(entry{name: "word/styles.xml", raw: []byte("<a/>"), stored: true, usize: 40, crc: crcOf("<a/>")})), want: ErrCorrupt},
		{name: "bad deflate", zip: mkzip(t, with(entry{name: "word/styles.xml", raw: []byte("\xff\xff\xff\xff"), usize: 4})), want: ErrCorrupt},
		{name: "zip bomb, 1 GiB declared 1 KiB", zip: mkzip(t, with(entry{name: "word/media/bomb.bin", raw: bomb, usize: 1024})),
			want: ErrTooLarge, part: "word/media/bomb.bin", limit: "MaxPartSize"},
		{name: "zip bomb under a small total", zip: mkzip(t, with(entry{name: "word/media/bomb.bin", raw: bomb, usize: 1024})),
			lim: Limits{MaxPartSize: 8 << 20, MaxTotalSize: 1 << 20}, want: ErrTooLarge, limit: "MaxTotalSize"},
		{name: "declared huge", zip: mkzip(t, with(entry{name: "word/media/x.bin", raw: []byte{3, 0}, usize: 1 << 40})),
			want: ErrTooLarge, part: "word/media/x.bin", limit: "MaxPartSize"},
		{name: "part size limit", zip: mkzip(t, with(entry{name: "word/x.txt", data: big})), lim: Limits{MaxPartSize: 2000},
			want: ErrTooLarge, limit: "MaxPartSize"},
		{name: "total size limit", zip: mkzip(t, with(entry{name: "word/x.txt", data: big}, entry{name: "word/y.txt", data: big})),
			lim: Limits{MaxTotalSize: 5000}, want: ErrTooLarge, part: "word/y.txt", limit: "MaxTotalSize"},
		{name: "part count limit", zip: mkzip(t, with(entry{name: "a", data: "1"}, entry{name: "b", data: "2"})),
			lim: Limits{MaxParts: 4}, want: ErrTooLarge, limit: "MaxParts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := readBytes(tc.zip, tc.lim)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if p != nil {
				t.Errorf("got a package with the error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err %T is not an *opc.Error", err)
			}
			if tc.part != "" && e.Part != tc.part {
				t.Errorf("Part = %q, want %q (err: %v)", e.Part, tc.part, err)
			}
			// The public package that returns it adds its own name
			// ("render: "): the internal one adds none (wrap once).
			if strings.HasPrefix(err.Error(), "opc: ") {
				t.Errorf("message %q names the internal package", err)
			}
			if tc.limit != "" {
				var le *LimitError
				if !errors.As(err, &le) || le.Limit != tc.limit {
					t.Fatalf("err = %v, want a LimitError on %s", err, tc.limit)
				}
				if !strings.Contains(err.Error(), "Limits."+tc.limit) {
					t.Errorf("message %q does not name Limits.%s", err, tc.limit)
				}
			}
			t.Log(err)
		})
	}
}

// TestReadZipBombMemory checks that inflating a 1 GiB bomb under default
// limits allocates about MaxPartSize, not the bomb's size.
func TestReadZipBombMemory(t *testing.T) {
	z := mkzip(t, with(entry{name: "word/media/bomb.bin", raw: zeroBomb(t, 1024), usize: 1024}))
	lim := Limits{MaxPartSize: 4 << 20}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := readBytes(z, lim)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	// Compressed copy (~1 MB) + inflated bytes up to the limit (4 MiB,
	// grown by doubling: 2×) + the inflater's state.
	if max := uint64(int64(len(z)) + 2*lim.MaxPartSize + 2<<20); alloc > max {
		t.Errorf("allocated %d bytes reading the bomb, want at most %d", alloc, max)
	}
	t.Logf("allocated %d bytes for a %d-byte bomb of 1 GiB", alloc, len(z))
}

func TestReadZipAccepts(t *testing.T) {
	tests := []struct {
		name string
		zip  []byte
		lim  Limits
	}{
		{"minimal", mkzip(t, minimal()), Limits{}},
		{"stored entries", mkzip(t, []entry{
			{name: "[Content_Types].xml", data: contentTypesXML(ctMain), stored: true},
			{name: "_rels/.rels", data: relsXML, stored: true},
			{name: "word/document.xml", data: documentXML, stored: true},
		}), Limits{}},
		{"archive comment", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, e := range minimal() {
				w, _ := zw.Create(e.name)
				_, _ = w.Write([]byte(e.data))
			}
			_ = zw.SetComment(strings.Repeat("commentaire ", 100))
			_ = zw.Close()
			return buf.Bytes()
		}(), Limits{MaxParts: 3}},
		{"directory entries skipped", mkzip(t, append([]entry{{name: "word/"}, {name: "_rels/"}}, minimal()...)), Limits{}},
		{"template content type", mkzip(t, with(entry{name: "[Content_Types].xml",
			data: contentTypesXML("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")})), Limits{}},
		{"comment and CDATA mentioning DOCTYPE", mkzip(t, with(entry{name: "word/document.xml",
			data: `<?xml version="1.0"?><!-- <!DOCTYPE x> --><w:document><![CDATA[<!ENTITY y>]]></w:document>`})), Limits{}},
		{"binary part with <! bytes", mkzip(t, with(entry{name: "word/media/image1.png", data: "\x89PNG<!DOCTYPE"})), Limits{}},
		{"exactly at the limits", mkzip(t, minimal()), Limits{MaxParts: 3, MaxPartSize: int64(max(len(documentXML), len(relsXML), len(contentTypesXML(ctMain)))),
			MaxTotalSize: int64(len(documentXML) + len(relsXML) + len(contentTypesXML(ctMain)))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := readBytes(tc.zip, tc.lim)
			if err != nil {
				t.Fatal(err)
			}
			if m, err := p.MainDocument(); err != nil || m != "word/document.xml" {
				t.Fatalf("MainDocument = %q, %v", m, err)
			}
			for _, pt := range p.Parts {
				if strings.HasSuffix(pt.Name, "/") {
					t.Errorf("directory entry %q kept", pt.Name)
				}
			}
			if got := string(p.Part("/WORD/document.xml").Data); got == "" {
				t.Errorf("case-insensitive Part lookup failed")
			}
		})
	}
}

func TestReadZipOrderAndRaw(t *testing.T) {
	z := mkzip(t, with(entry{name: "word/styles.xml", data: "<w:styles/>", stored: true}, entry{name: "docProps/core.xml", data: "<cp/>"}))
	p, err := readBytes(z, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, pt := range p.Parts {
		names = append(names, pt.Name)
	}
	want := "[Content_Types].xml _rels/.rels word/document.xml word/styles.xml docProps/core.xml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
	if p.Part("word/document.xml").rawFor() == nil {
		t.Error("deflated entry lost its compressed bytes")
	}
	if p.Part("word/styles.xml").rawFor() != nil {
		t.Error("stored entry has compressed bytes")
	}
	if p.Part("missing.xml") != nil {
		t.Error("Part(missing) != nil")
	}
	// The zip reader must not have kept directory entries or anything else.
	zr, _ := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if len(zr.File) != len(p.Parts) {
		t.Errorf("%d entries, %d parts", len(zr.File), len(p.Parts))
	}
}

func TestReadCapped(t *testing.T) {
	for _, tc := range []struct {
		n, hint, limit int64
		over           bool
	}{
		{0, 0, 0, false}, {1, 0, 0, true}, {10, 0, 10, false}, {11, 0, 10, true},
		{5000, 1, 5000, false}, {5001, 1, 5000, true}, {5000, 1 << 30, 5000, false},
		{100000, 100, 1 << 20, false}, {3, 100, 1 << 20, false},
	} {
		src := bytes.Repeat([]byte{'x'}, int(tc.n))
		// iotest-like one-byte reader to exercise the loop
		data, over, err := readCapped(oneByte{bytes.NewReader(src)}, tc.hint, tc.limit)
		if err != nil || over != tc.over || !over && int64(len(data)) != tc.n {
			t.Errorf("%+v: len %d, over %v, err %v", tc, len(data), over, err)
		}
		if int64(cap(data)) > max(tc.limit, 512) {
			t.Errorf("%+v: capacity %d beyond the limit", tc, cap(data))
		}
	}
}

type oneByte struct{ r *bytes.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

func manyEntries(n int) []entry {
	es := make([]entry, n)
	for i := range es {
		es[i] = entry{name: fmt.Sprintf("word/media/%d.bin", i), data: "x"}
	}
	return es
}

// TestReadZipAcceptsWithoutMacros checks that Word templates and
// macro-enabled types without a VBA project are read, and that a
// relationship whose target is only a fragment is not "empty".
func TestReadZipAcceptsWithoutMacros(t *testing.T) {
	for _, tc := range []struct{ typ, kind string }{
		{ctMain, "docx"},
		{CTTemplate, "dotx"},
		{ctMainMacro, "docm"},
		{CTMacroTemplate, "dotm"},
	} {
		b := mkzip(t, with(
			entry{name: "[Content_Types].xml", data: contentTypesXML(tc.typ)},
			entry{name: "word/_rels/document.xml.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="#_Toc1"/></Relationships>`}))
		p, err := ReadZip(bytes.NewReader(b), int64(len(b)), Limits{})
		if err != nil {
			t.Errorf("%s: %v", tc.kind, err)
			continue
		}
		if got := MainKind(p.ContentType("word/document.xml")); got != tc.kind {
			t.Errorf("MainKind = %q, want %q", got, tc.kind)
		}
		rels, err := p.Related("word/document.xml")
		if err != nil || len(rels) != 1 || rels[0].Target != "word/document.xml" {
			t.Errorf("%s: fragment relationship: %+v, %v", tc.kind, rels, err)
		}
	}
}

// TestIsXML: a part is XML by its name (.xml, .rels, .vml) or by its
// content type, whatever its name.
func TestIsXML(t *testing.T) {
	p := &Package{Parts: []*Part{{Name: contentTypesName, Data: []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="bin" ContentType="application/octet-stream"/>` +
		`<Override PartName="/customXml/item1.dat" ContentType="application/xml"/>` +
		`<Override PartName="/word/x.data" ContentType="application/vnd.ms-office.chartstyle+xml; charset=utf-8"/></Types>`)}}}
	for name, want := range map[string]bool{
		"word/document.xml": true, "_rels/.rels": true, "word/vmlDrawing1.VML": true,
		"customXml/item1.dat": true, "word/x.data": true, "word/media/image1.png": false, "word/vbaData.bin": false,
	} {
		if got := p.IsXML(name); got != want {
			t.Errorf("IsXML(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestHidden: the one dot-file rule ReadFS and templates' Unpack share.
func TestHidden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		isDir bool
		want  bool
	}{
		{".git", true, true},
		{"word/.DS_Store", false, true},
		{".gitkeep", false, true},
		{"_rels/.rels", false, false},
		{"word/_rels/.rels", false, false},
		{"word/_rels/document.xml.rels", false, false},
		{"_rels/.rels", true, true}, // a folder named .rels is no part
		{"word/.rels", false, true}, // .rels outside _rels
		{"word/document.xml", false, false},
		{".hidden/document.xml", false, false}, // the file itself; its folder is skipped
	} {
		if got := Hidden(tc.name, tc.isDir); got != tc.want {
			t.Errorf("Hidden(%q, %v) = %v, want %v", tc.name, tc.isDir, got, tc.want)
		}
	}
}

func TestRelsSource(t *testing.T) {
	for name, want := range map[string]string{
		"_rels/.rels":                  "",
		"word/_rels/document.xml.rels": "word/document.xml",
		"WORD/_RELS/header1.xml.RELS":  "WORD/header1.xml",
		"a/b/_rels/c.xml.rels":         "a/b/c.xml",
	} {
		if got, ok := relsSource(name); !ok || got != want {
			t.Errorf("relsSource(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"word/document.xml", "word/x_rels/a.rels", "word/_rels/a.xml", "rels/.rels"} {
		if got, ok := relsSource(name); ok {
			t.Errorf("relsSource(%q) = %q, want none", name, got)
		}
	}
}
