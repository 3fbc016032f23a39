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
// Chosen by measurement (BenchmarkDeflate: compress the 7 parts of
// ../shared/bench/peers/bench-go.docx, 61.8 KB, once; Go 1.26.8, AMD
// EPYC "Turin" VM, -cpu 1, shared machine at load ~5; ratio = compressed /
// uncompressed):
//
//	compressor                         µs/op   ratio
//	compress/flate level 6 (default)     773   0.153
//	compress/flate level 1               267   0.201
//	klauspost level 5 (default)          130   0.161   <- chosen
//	klauspost level 4                    120   0.171
//	klauspost level 3                    106   0.179
//	klauspost level 2                    103   0.181
//	klauspost level 1                     87   0.188
//
// klauspost level 5 is about 6x faster than the standard library's default
// for output 5% larger; the faster klauspost levels save little more time
// (the zip of a rendered agreement is dominated by word/document.xml) for
// 6-17% larger files. Later runs under heavier load (7-14) kept the same
// order; user CPU time per op (median of 3 runs of 2000 ops, load 7-8):
// stdlib-6 1150 µs, stdlib-1 370, klauspost-5 210, -4 210, -3 160,
// -2 165, -1 135.
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
