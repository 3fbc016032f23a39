package opc

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeAll writes p's parts with CopyPart (or WritePart if compress).
func writeAll(tb testing.TB, p *Package, compress bool) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, pt := range p.Parts {
		var err error
		if compress {
			err = w.WritePart(pt.Name, pt.Data)
		} else {
			err = w.CopyPart(pt)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriterFormat(t *testing.T) {
	p, err := readBytes(mkzip(t, with(entry{name: "word/médias/é.xml", data: "<a/>"}, entry{name: "word/empty.xml"})), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	out := writeAll(t, p, true)
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Comment != "" {
		t.Errorf("archive comment %q", zr.Comment)
	}
	if len(zr.File) != len(p.Parts) {
		t.Fatalf("%d entries for %d parts", len(zr.File), len(p.Parts))
	}
	epoch := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, f := range zr.File {
		if f.Name != p.Parts[i].Name {
			t.Errorf("entry %d is %q, want %q", i, f.Name, p.Parts[i].Name)
		}
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d", f.Name, f.Method)
		}
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, epoch)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x", f.Name, f.Extra)
		}
		if f.Flags&0x8 != 0 {
			t.Errorf("%s: data descriptor", f.Name)
		}
		if f.Comment != "" || f.FileInfo().IsDir() {
			t.Errorf("%s: comment or directory", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(got, p.Parts[i].Data) {
			t.Errorf("%s: content differs", f.Name)
		}
	}
}

// TestWriterDeterministic writes the same parts under various GOMAXPROCS
// and time zones, concurrently, by WritePart and CopyPart: always the same
// bytes.
func TestWriterDeterministic(t *testing.T) {
	p := benchParts(t)
	// Parts as templates has them: no compressed form, then precompressed.
	fresh := &Package{}
	for _, pt := range p.Parts {
		fresh.Parts = append(fresh.Parts, &Part{Name: pt.Name, Data: pt.Data})
	}
	want := writeAll(t, fresh, true)
	if got := writeAll(t, fresh, false); !bytes.Equal(got, want) {
		t.Fatal("CopyPart without compressed form differs from WritePart")
	}
	for _, pt := range fresh.Parts {
		pt.Precompress()
	}
	if got := writeAll(t, fresh, false); !bytes.Equal(got, want) {
		t.Fatal("raw copy after Precompress differs from recompression")
	}
	// Read back our own output: its compressed bytes are copied as is.
	again, err := readBytes(want, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := writeAll(t, again, false); !bytes.Equal(got, want) {
		t.Fatal("raw copy of our own output differs")
	}

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer func(l *time.Location) { time.Local = l }(time.Local)
	for i, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		time.Local = time.FixedZone(fmt.Sprintf("Z%d", i), (i*5-7)*3600)
		var wg sync.WaitGroup
		results := make([][]byte, 8)
		for g := range results {
			wg.Go(func() {
				// Alternate the two paths; pooled compressors are shared.
				results[g] = writeAll(t, fresh, g%2 == 0)
			})
		}
		wg.Wait()
		for g, got := range results {
			if !bytes.Equal(got, want) {
				t.Fatalf("GOMAXPROCS=%d goroutine %d: bytes differ", procs, g)
			}
		}
	}
}

func TestCopyPartDoesNotMutate(t *testing.T) {
	p := benchParts(t)
	pt := p.Part("word/document.xml")
	before := *pt.raw
	data := bytes.Clone(pt.Data)
	_ = writeAll(t, p, false)
	if !bytes.Equal(pt.Data, data) || pt.raw.crc != before.crc || !bytes.Equal(pt.raw.comp, before.comp) {
		t.Fatal("CopyPart changed the part")
	}
}

// TestCopyPartStale: a Part whose Data was replaced is recompressed, not
// copied with stale bytes.
func TestCopyPartStale(t *testing.T) {
	p := benchParts(t)
	pt := p.Part("word/styles.xml")
	pt.Data = []byte("<w:styles/>")
	out := writeAll(t, p, false)
	q, err := readBytes(out, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(q.Part("word/styles.xml").Data); got != "<w:styles/>" {
		t.Fatalf("styles = %q", got)
	}
	// Empty data too.
	pt.Data = nil
	q, err = readBytes(writeAll(t, p, false), Limits{})
	if err != nil || len(q.Part("word/styles.xml").Data) != 0 {
		t.Fatalf("empty part: %v", err)
	}
}

func TestWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.WritePart("../x", nil); !errors.Is(err, ErrUnsafeName) {
		t.Errorf("../x: %v", err)
	}
	if err := w.WritePart("a/b.xml", nil); err != nil {
		t.Fatal(err)
	}
	if err := w.WritePart("A/B.XML", nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	if err := w.CopyPart(&Part{Name: "/abs"}); !errors.Is(err, ErrUnsafeName) {
		t.Errorf("/abs: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.WritePart("c.xml", nil); err == nil {
		t.Error("WritePart after Close succeeded")
	}
	// A failing destination is reported and sticks.
	w = NewWriter(failWriter{})
	err := w.WritePart("big.bin", bytes.Repeat([]byte("x"), 1<<16))
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		t.Fatal("no error from a failing io.Writer")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestPackageConcurrentReads: the read-only methods of a Package may be
// called from many goroutines (render shares templates).
func TestPackageConcurrentReads(t *testing.T) {
	p := benchParts(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if p.ContentType("word/document.xml") != ctMain {
					t.Error("content type")
					return
				}
				if m, err := p.MainDocument(); err != nil || m != "word/document.xml" {
					t.Error("main", err)
					return
				}
				if rels, err := p.Related("word/document.xml"); err != nil || len(rels) != 1 {
					t.Error("rels", err)
					return
				}
				if p.Part("WORD/STYLES.XML") == nil {
					t.Error("part")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestCopyPartIsRaw: CopyPart writes the source's compressed bytes (here
// from compress/flate, which differ from this package's compressor), and
// WritePart recompresses.
func TestCopyPartIsRaw(t *testing.T) {
	src := mkzip(t, with(entry{name: "word/styles.xml", data: strings.Repeat("<w:style w:styleId=\"Titre\"/>", 200)}))
	p, err := readBytes(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rawOf := func(z []byte, name string) []byte {
		zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == name {
				r, err := f.OpenRaw()
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(r)
				return b
			}
		}
		t.Fatalf("no %s", name)
		return nil
	}
	want := rawOf(src, "word/styles.xml")
	if got := rawOf(writeAll(t, p, false), "word/styles.xml"); !bytes.Equal(got, want) {
		t.Error("CopyPart did not copy the compressed bytes")
	}
	if got := rawOf(writeAll(t, p, true), "word/styles.xml"); bytes.Equal(got, want) {
		t.Error("WritePart output equals compress/flate's: the test cannot tell copy from recompression")
	}
}

// TestWriterSameAsArchiveZip checks that Writer writes the bytes
// archive/zip's Writer writes for the same raw entries (CreateRaw with the
// header Writer used to give it, then Close): to a bytes.Buffer and to
// another writer, and past 65,535 entries (the zip64 end records).
func TestWriterSameAsArchiveZip(t *testing.T) {
	type ent struct {
		name string
		comp []byte
		crc  uint32
		n    uint64
	}
	var small []ent
	for i, name := range []string{"[Content_Types].xml", "word/médias/é.xml", "word/document.xml", "docProps/vide.xml", "_rels/.rels"} {
		small = append(small, ent{name, bytes.Repeat([]byte{byte(i)}, i*37), uint32(i) * 0x9e3779b1, uint64(i * 101)})
	}
	var many []ent
	for i := range 70000 {
		many = append(many, ent{fmt.Sprintf("p/%d.xml", i), []byte{3, 0}, uint32(i), 0})
	}
	for _, ents := range [][]ent{small, many} {
		var want bytes.Buffer
		zw := zip.NewWriter(&want)
		for _, e := range ents {
			fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: e.crc,
				CompressedSize64: uint64(len(e.comp)), UncompressedSize64: e.n}
			//lint:ignore SA1019 as Writer did with archive/zip: Modified would add an extra field.
			fh.ModifiedDate = dosDate1980
			fw, err := zw.CreateRaw(fh)
			if err != nil {
				t.Fatal(err)
			}
			fw.Write(e.comp)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		var other struct{ io.Writer } // not a *bytes.Buffer: through a bufio.Writer
		other.Writer = &buf
		for _, out := range []io.Writer{new(bytes.Buffer), other} {
			w := NewWriter(out)
			for _, e := range ents {
				if err := w.writeRaw(e.name, e.comp, e.crc, e.n); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if b, ok := out.(*bytes.Buffer); ok {
				got = b.Bytes()
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("%d entries, %T: %d bytes differ from archive/zip's %d", len(ents), out, len(got), want.Len())
			}
		}
	}
}
