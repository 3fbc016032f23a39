package opc

import (
	"bytes"
	"hash/crc32"
	"io"
	"sync"

	kflate "github.com/klauspost/compress/flate"
)

// deflater is a DEFLATE implementation at a fixed level, with pooled
// writers. Output must be a pure function of the input bytes.
type deflater struct {
	name string
	pool sync.Pool // of flateWriter
	newW func(io.Writer) flateWriter
}

type flateWriter interface {
	io.WriteCloser
	Reset(io.Writer)
}

func newDeflater(name string, newW func(io.Writer) flateWriter) *deflater {
	d := &deflater{name: name, newW: newW}
	return d
}

// compress returns the raw DEFLATE stream of data, appended to dst.
func (d *deflater) compress(dst *bytes.Buffer, data []byte) {
	fw, _ := d.pool.Get().(flateWriter)
	if fw == nil {
		fw = d.newW(dst)
	} else {
		fw.Reset(dst)
	}
	// Writes to a bytes.Buffer cannot fail.
	_, _ = fw.Write(data)
	_ = fw.Close()
	fw.Reset(nil) // drop the reference to dst before pooling
	d.pool.Put(fw)
}

// The compressor used by Writer and Precompress:
// github.com/klauspost/compress/flate at level kflateLevel.
//
// Why (BenchmarkDeflate, bench-go.docx's parts, 74 KB uncompressed, Go 1.26,
// AMD EPYC, one core; see the report in the commit history):
// see defaultDeflater's comment in deflate_choice.go.
//
// Determinism: the bytes depend only on the input and on the version of
// github.com/klauspost/compress pinned in go.mod, not on the Go version
// (stdlib compress/flate's output may change between Go releases).
var defaultDeflater = kflateDeflater(kflateLevel)

const kflateLevel = 5

func kflateDeflater(level int) *deflater {
	return newDeflater("klauspost/flate", func(w io.Writer) flateWriter {
		fw, err := kflate.NewWriter(w, level)
		if err != nil {
			panic(err) // only for an invalid level: a programming error
		}
		return fw
	})
}

// crc returns the CRC-32 (IEEE) of data, as zip wants.
func crc(data []byte) uint32 { return crc32.ChecksumIEEE(data) }

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}
