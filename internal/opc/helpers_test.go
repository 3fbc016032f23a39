package opc

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"testing"
)

// entry is one zip entry for mkzip. If raw is set, it is written as is with
// the given method and declared sizes/CRC (a lying header); otherwise data
// is compressed honestly.
type entry struct {
	name   string
	data   string
	stored bool // zip.Store instead of zip.Deflate

	raw   []byte // raw entry bytes (already compressed)
	usize uint64 // declared uncompressed size (raw only)
	crc   uint32 // declared CRC-32 (raw only)
}

const (
	ctMain      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctMainMacro = "application/vnd.ms-word.document.macroEnabled.main+xml"
)

func contentTypesXML(mainType string, extra ...string) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + mainType + `"/>`
	for _, e := range extra {
		s += e
	}
	return s + `</Types>`
}

const relsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const documentXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bonjour</w:t></w:r></w:p></w:body></w:document>`

// minimal returns the entries of a minimal valid DOCX.
func minimal() []entry {
	return []entry{
		{name: "[Content_Types].xml", data: contentTypesXML(ctMain)},
		{name: "_rels/.rels", data: relsXML},
		{name: "word/document.xml", data: documentXML},
	}
}

// with returns the minimal entries with the named ones replaced (or
// appended), and entries whose replacement has name "-" + name removed.
func with(es ...entry) []entry {
	out := minimal()
	for _, e := range es {
		if len(e.name) > 0 && e.name[0] == '-' {
			for i := range out {
				if out[i].name == e.name[1:] {
					out = append(out[:i], out[i+1:]...)
					break
				}
			}
			continue
		}
		replaced := false
		for i := range out {
			if out[i].name == e.name {
				out[i], replaced = e, true
			}
		}
		if !replaced {
			out = append(out, e)
		}
	}
	return out
}

// mkzip builds a zip archive with archive/zip (not with the Writer under
// test), allowing any name and lying headers.
func mkzip(tb testing.TB, es []entry) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		if e.raw != nil {
			fh := &zip.FileHeader{Name: e.name, Method: method(e), CRC32: e.crc,
				CompressedSize64: uint64(len(e.raw)), UncompressedSize64: e.usize}
			w, err := zw.CreateRaw(fh)
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := w.Write(e.raw); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method(e)})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func readBytes(b []byte, lim Limits) (*Package, error) {
	return ReadZip(bytes.NewReader(b), int64(len(b)), lim)
}

func crcOf(s string) uint32 { return crc32.ChecksumIEEE([]byte(s)) }

func method(e entry) uint16 {
	if e.stored {
		return zip.Store
	}
	return zip.Deflate
}

// oleFile returns the start of an OLE compound file whose directory names
// the given streams (enough for the reader's sniffing, not a real file).
func oleFile(streams ...string) []byte {
	b := append([]byte{}, oleMagic...)
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		entry := make([]byte, 128)
		copy(entry, utf16le(s))
		b = append(b, entry...)
	}
	return b
}
