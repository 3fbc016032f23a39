package opc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/esante/labelkit/internal/costtest"
)

// TestHostileSmallParts: content types and relationships parts of millions
// of attributes or elements, a few kilobytes compressed, took gigabytes in
// encoding/xml; they are refused in one pass over their bytes.
func TestHostileSmallParts(t *testing.T) {
	manyAttrs := func(n int) string {
		var b strings.Builder
		b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"`)
		for i := 0; i < n; i++ {
			b.WriteString(` a`)
			b.WriteString(strings.Repeat("b", i%7))
			b.WriteString(`=""`)
		}
		b.WriteString(`/></Types>`)
		return b.String()
	}
	manyRels := strings.TrimSuffix(relsXML, `</Relationships>`) +
		strings.Repeat(`<Relationship Id="r" Type="t" Target="a.xml"/>`, 1_000_000) + `</Relationships>`
	for _, tc := range []struct {
		name string
		es   []entry
	}{
		{"content types of 3 million attributes", with(entry{name: "[Content_Types].xml", data: manyAttrs(3_000_000)})},
		{"relationships of a million elements", with(entry{name: "_rels/.rels", data: manyRels})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := mkzip(t, tc.es)
			var err error
			costtest.Run(t, 250<<20, func() {
				_, err = readBytes(z, Limits{})
			})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
			t.Logf("%d-byte zip: %v", len(z), err)
		})
	}
	// a real part stays accepted
	if err := checkShape([]byte(contentTypesXML(ctMain))); err != nil {
		t.Error(err)
	}
}

func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.BigEndian.AppendUint16(b, u)
	}
	return b
}

func utf32(s string, be bool) []byte {
	var b []byte
	for _, r := range s {
		if be {
			b = binary.BigEndian.AppendUint32(b, uint32(r))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
		}
	}
	return b
}

func TestDeclarationsWide(t *testing.T) {
	const doc = `<?xml version="1.0"?><!-- é <!DOCTYPE no --><![CDATA[<!ENTITY no>]]><?pi <!NO?><!doctype x [<!ENTITY a "b">]><x/>`
	const clean = `<?xml version="1.0"?><!-- <!DOCTYPE no --><x>é</x>`
	for name, data := range map[string][]byte{
		"UTF-16BE":         utf16BE(doc),
		"UTF-16BE BOM":     append([]byte{0xFE, 0xFF}, utf16BE(doc)...),
		"UTF-16LE":         utf16le(doc),
		"UTF-16LE BOM":     append([]byte{0xFF, 0xFE}, utf16le(doc)...),
		"UTF-32BE":         utf32(doc, true),
		"UTF-32BE BOM":     append([]byte{0, 0, 0xFE, 0xFF}, utf32(doc, true)...),
		"UTF-32LE":         utf32(doc, false),
		"UTF-32LE BOM":     append([]byte{0xFF, 0xFE, 0, 0}, utf32(doc, false)...),
		"UTF-8":            []byte(doc),
		"UTF-32LE no decl": utf32(clean, false),
	} {
		want := "<!DOCTYPE declaration"
		if strings.Contains(name, "no decl") {
			want = ""
		}
		if got := checkDeclarations(data); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestDeclarationsWideMemory: a 64 MiB part starting with a UTF-16 "<" was
// transcoded with several full copies (692 MB); it is scanned in place.
func TestDeclarationsWideMemory(t *testing.T) {
	data := bytes.Repeat([]byte{'<', 0, 'a', 0}, 16<<20)
	costtest.Run(t, 1<<20, func() {
		if got := checkDeclarations(data); got != "" {
			t.Errorf("got %q", got)
		}
	})
}

// TestZip64EntryCount: a ZIP64 end record announcing a million entries is
// refused before archive/zip makes a File for each (305 MB).
func TestZip64EntryCount(t *testing.T) {
	var b []byte
	rec := make([]byte, 56)
	copy(rec, "PK\x06\x06")
	binary.LittleEndian.PutUint64(rec[4:], 44)
	binary.LittleEndian.PutUint64(rec[24:], 1_000_000)
	binary.LittleEndian.PutUint64(rec[32:], 1_000_000)
	b = append(b, rec...)
	loc := make([]byte, 20)
	copy(loc, "PK\x06\x07")
	binary.LittleEndian.PutUint64(loc[8:], 0) // the record's offset
	binary.LittleEndian.PutUint32(loc[16:], 1)
	b = append(b, loc...)
	eocd := make([]byte, 22)
	copy(eocd, "PK\x05\x06")
	for _, i := range []int{8, 10} {
		binary.LittleEndian.PutUint16(eocd[i:], 0xFFFF)
	}
	binary.LittleEndian.PutUint32(eocd[12:], 0xFFFFFFFF)
	binary.LittleEndian.PutUint32(eocd[16:], 0xFFFFFFFF)
	b = append(b, eocd...)
	_, err := readBytes(b, Limits{})
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "MaxParts" {
		t.Fatalf("err = %v, want MaxParts", err)
	}
}
