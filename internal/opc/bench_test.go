package opc

import (
	"bytes"
	"compress/flate"
	"io"
	"os"
	"testing"
)

// benchDocx is a copy of ../shared/bench/peers/bench-go.docx.
const benchDocx = "testdata/bench-go.docx"

// benchParts returns the parts of the peers' benchmark template (7 parts,
// 62 KB uncompressed; word/document.xml is 55,815 bytes).
func benchParts(tb testing.TB) *Package {
	tb.Helper()
	b, err := os.ReadFile(benchDocx)
	if err != nil {
		tb.Fatalf("benchmark document: %v", err)
	}
	p, err := ReadZip(bytes.NewReader(b), int64(len(b)), Limits{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func stdDeflater(level int) *deflater {
	return newDeflater("stdlib/flate", func(w io.Writer) flateWriter {
		fw, err := flate.NewWriter(w, level)
		if err != nil {
			panic(err)
		}
		return fw
	})
}

// BenchmarkDeflate compares compressors on the benchmark document's parts:
// ns/op is the time to compress all parts once, "ratio" the compressed size
// over the uncompressed size.
func BenchmarkDeflate(b *testing.B) {
	p := benchParts(b)
	var total int64
	for _, pt := range p.Parts {
		total += int64(len(pt.Data))
	}
	for _, c := range []struct {
		name string
		d    *deflater
	}{
		{"stdlib-6-default", stdDeflater(flate.DefaultCompression)},
		{"stdlib-1", stdDeflater(1)},
		{"klauspost-5-default", kflateDeflater(5)},
		{"klauspost-4", kflateDeflater(4)},
		{"klauspost-3", kflateDeflater(3)},
		{"klauspost-2", kflateDeflater(2)},
		{"klauspost-1", kflateDeflater(1)},
	} {
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.SetBytes(total)
			b.ReportAllocs()
			var out int
			for b.Loop() {
				out = 0
				for _, pt := range p.Parts {
					buf.Reset()
					c.d.compress(&buf, pt.Data)
					out += buf.Len()
				}
			}
			b.ReportMetric(float64(out)/float64(total), "ratio")
		})
	}
}

// BenchmarkWriter writes the benchmark document's parts as a complete zip:
// "write" compresses every part (WritePart), "copy" copies the compressed
// bytes read from the source (CopyPart), "mixed" compresses
// word/document.xml and copies the others, as render does.
func BenchmarkWriter(b *testing.B) {
	p := benchParts(b)
	main := p.Part("word/document.xml")
	var size int
	for _, mode := range []string{"write", "copy", "mixed"} {
		b.Run(mode, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				w := NewWriter(&buf)
				for _, pt := range p.Parts {
					var err error
					switch {
					case mode == "write", mode == "mixed" && pt == main:
						err = w.WritePart(pt.Name, pt.Data)
					default:
						err = w.CopyPart(pt)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "zipbytes")
		})
	}
}

// BenchmarkReadZip reads and checks the benchmark document.
func BenchmarkReadZip(b *testing.B) {
	data, err := os.ReadFile(benchDocx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadZip(bytes.NewReader(data), int64(len(data)), Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriterParallel writes the benchmark document ("mixed": the main
// part compressed, the others copied) from many goroutines sharing the
// Parts and the compressor pool.
func BenchmarkWriterParallel(b *testing.B) {
	p := benchParts(b)
	main := p.Part("word/document.xml")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			w := NewWriter(&buf)
			for _, pt := range p.Parts {
				var err error
				if pt == main {
					err = w.WritePart(pt.Name, pt.Data)
				} else {
					err = w.CopyPart(pt)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
