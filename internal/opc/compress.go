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

// defaultDeflater is the compressor used by Writer and Precompress:
// github.com/klauspost/compress/flate at its default level 5.
//
// Chosen by measurement (BenchmarkDeflate, figures in BENCH.md): about 6x
// faster than the standard library's default for output 5% larger; the
// faster levels save little more time for larger files.
//
// Determinism: the bytes depend only on the input and on the version of
// github.com/klauspost/compress pinned in go.mod (pure Go, no assembly in
// the encoder, no dependence on GOMAXPROCS), not on the Go release;
// compress/flate's output may change between Go releases, which is one more
// reason not to use it. ExampleWriter_deterministic pins a hash of a known
// output, so a dependency upgrade that changes the bytes is noticed.
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
