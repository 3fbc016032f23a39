package opc

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/esante/labelkit/internal/bufpool"
)

// Writer writes a deterministic DOCX zip: entries in the order written, each
// DEFLATE-compressed by the package's fixed compressor, stamped 1980-01-01
// 00:00:00 (the zip epoch) with no extended time field, no directory
// entries, no archive comment, no data descriptors. The same parts written
// in the same order give the same bytes, whatever the clock, time zone or
// GOMAXPROCS; across versions, the bytes depend on the version of
// github.com/klauspost/compress in go.mod (the compressor) and on
// archive/zip's header layout, not on the Go release's compress/flate.
//
// A Writer is not safe for concurrent use; use one per output document. The
// Parts it copies may be shared by many Writers in many goroutines.
//
// The zip records are written here, byte for byte as archive/zip's
// Writer.CreateRaw and Close write them (TestWriterSameAsArchiveZip), without
// its allocations per entry and its 4 KiB buffer per archive.
type Writer struct {
	out   io.Writer     // a *bytes.Buffer, or bw
	bw    *bufio.Writer // for other writers, as archive/zip does
	n     uint64        // bytes written
	dir   []dirEntry
	names map[string]struct{} // folded names written so far
	err   error               // sticky
}

// dirEntry is an entry's record in the central directory.
type dirEntry struct {
	name         string
	crc          uint32
	csize, usize uint64
	offset       uint64
}

// NewWriter returns a Writer writing a zip archive to w. Call Close to
// finish the archive; Close does not close w.
func NewWriter(w io.Writer) *Writer {
	zw := &Writer{out: w, names: make(map[string]struct{}, 16)}
	if _, ok := w.(*bytes.Buffer); !ok {
		zw.bw = bufio.NewWriter(w)
		zw.out = zw.bw
	}
	return zw
}

// Zip record signatures, lengths and limits (APPNOTE.TXT).
const (
	fileHeaderSignature      = 0x04034b50
	directoryHeaderSignature = 0x02014b50
	directoryEndSignature    = 0x06054b50
	directory64LocSignature  = 0x07064b50
	directory64EndSignature  = 0x06064b50
	fileHeaderLen            = 30
	directoryHeaderLen       = 46
	directoryEndLen          = 22
	directory64LocLen        = 20
	directory64EndLen        = 56
	zip64ExtraID             = 0x0001
	zipVersion45             = 45
	methodDeflate            = 8
	uint16max                = 1<<16 - 1
	uint32max                = 1<<32 - 1
)

var le = binary.LittleEndian

// write writes b, keeping the first error.
func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.out.Write(b)
	w.n += uint64(n)
	if err != nil {
		w.err = err
	}
}

func (w *Writer) writeString(s string) {
	if w.err != nil {
		return
	}
	n, err := io.WriteString(w.out, s)
	w.n += uint64(n)
	if err != nil {
		w.err = err
	}
}

// dosDate1980 is 1980-01-01 in MS-DOS date format (day 1, month 1, year 0).
const dosDate1980 = 1<<5 | 1

// WritePart compresses data and writes it as the entry name.
func (w *Writer) WritePart(name string, data []byte) error {
	if err := w.check(name); err != nil {
		return err
	}
	buf := bufpool.Get()
	defaultDeflater.compress(buf, data)
	err := w.writeRaw(name, buf.Bytes(), crc(data), uint64(len(data)))
	bufpool.Put(buf)
	return err
}

// CopyPart writes p under p.Name. If p holds compressed bytes that still
// describe p.Data (a deflated entry read by ReadZip, or a Part after
// Precompress), they are copied as they are, without recompression;
// otherwise p.Data is compressed as WritePart does. CopyPart never modifies
// p, so Parts may be shared by Writers running concurrently.
func (w *Writer) CopyPart(p *Part) error {
	r := p.rawFor()
	if r == nil {
		return w.WritePart(p.Name, p.Data)
	}
	if err := w.check(p.Name); err != nil {
		return err
	}
	return w.writeRaw(p.Name, r.comp, r.crc, r.usize)
}

// Close writes the zip central directory. It does not close the underlying
// writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	w.writeDirectory()
	if w.err == nil && w.bw != nil {
		w.err = w.bw.Flush()
	}
	if w.err == nil {
		w.err = fmt.Errorf("opc: Writer is closed")
		return nil
	}
	return w.err
}

// writeDirectory writes the central directory and its end records.
func (w *Writer) writeDirectory() {
	start := w.n
	for _, e := range w.dir {
		var buf [directoryHeaderLen + 28]byte
		b := le.AppendUint32(buf[:0], directoryHeaderSignature)
		b = le.AppendUint16(b, 0) // version made by (CreateRaw leaves it 0)
		b = le.AppendUint16(b, 0) // version needed
		b = le.AppendUint16(b, 0) // flags
		b = le.AppendUint16(b, methodDeflate)
		b = le.AppendUint16(b, 0) // time
		b = le.AppendUint16(b, dosDate1980)
		b = le.AppendUint32(b, e.crc)
		var extra []byte
		if e.csize >= uint32max || e.usize >= uint32max || e.offset >= uint32max {
			// the sizes and offset in a zip64 extra field
			b = le.AppendUint32(b, uint32max)
			b = le.AppendUint32(b, uint32max)
			var eb [28]byte
			x := le.AppendUint16(eb[:0], zip64ExtraID)
			x = le.AppendUint16(x, 24)
			x = le.AppendUint64(x, e.usize)
			x = le.AppendUint64(x, e.csize)
			extra = le.AppendUint64(x, e.offset)
		} else {
			b = le.AppendUint32(b, uint32(e.csize))
			b = le.AppendUint32(b, uint32(e.usize))
		}
		b = le.AppendUint16(b, uint16(len(e.name)))
		b = le.AppendUint16(b, uint16(len(extra)))
		b = le.AppendUint16(b, 0) // comment
		b = le.AppendUint16(b, 0) // disk number start
		b = le.AppendUint16(b, 0) // internal attributes
		b = le.AppendUint32(b, 0) // external attributes
		b = le.AppendUint32(b, uint32(min(e.offset, uint32max)))
		w.write(b)
		w.writeString(e.name)
		w.write(extra)
	}
	end := w.n
	records, size, offset := uint64(len(w.dir)), end-start, start
	var buf [directory64EndLen + directory64LocLen + directoryEndLen]byte
	b := buf[:0]
	if records >= uint16max || size >= uint32max || offset >= uint32max {
		b = le.AppendUint32(b, directory64EndSignature)
		b = le.AppendUint64(b, directory64EndLen-12)
		b = le.AppendUint16(b, zipVersion45) // version made by
		b = le.AppendUint16(b, zipVersion45) // version needed
		b = le.AppendUint32(b, 0)            // this disk
		b = le.AppendUint32(b, 0)            // disk of the directory
		b = le.AppendUint64(b, records)      // entries on this disk
		b = le.AppendUint64(b, records)      // entries
		b = le.AppendUint64(b, size)
		b = le.AppendUint64(b, offset)
		b = le.AppendUint32(b, directory64LocSignature)
		b = le.AppendUint32(b, 0) // disk of the zip64 end record
		b = le.AppendUint64(b, end)
		b = le.AppendUint32(b, 1) // disks
		records, size, offset = uint16max, uint32max, uint32max
	}
	b = le.AppendUint32(b, directoryEndSignature)
	b = le.AppendUint16(b, 0) // this disk
	b = le.AppendUint16(b, 0) // disk of the directory
	b = le.AppendUint16(b, uint16(records))
	b = le.AppendUint16(b, uint16(records))
	b = le.AppendUint32(b, uint32(size))
	b = le.AppendUint32(b, uint32(offset))
	b = le.AppendUint16(b, 0) // comment
	w.write(b)
}

func (w *Writer) check(name string) error {
	if w.err != nil {
		return w.err
	}
	if why := checkName(name); why != "" {
		return errf(name, ErrUnsafeName, "%s", why)
	}
	key := foldName(name)
	if _, dup := w.names[key]; dup {
		return errf(name, ErrDuplicate, "already written")
	}
	w.names[key] = struct{}{}
	return nil
}

func (w *Writer) writeRaw(name string, comp []byte, crc32 uint32, usize uint64) error {
	if len(name) > uint16max {
		w.err = &Error{Part: name, Err: errors.New("zip: FileHeader.Name too long")}
		return w.err
	}
	csize := uint64(len(comp))
	w.dir = append(w.dir, dirEntry{name: name, crc: crc32, csize: csize, usize: usize, offset: w.n})
	var buf [fileHeaderLen]byte
	b := le.AppendUint32(buf[:0], fileHeaderSignature)
	b = le.AppendUint16(b, 0) // version needed (CreateRaw leaves it 0)
	b = le.AppendUint16(b, 0) // flags: no data descriptor
	b = le.AppendUint16(b, methodDeflate)
	b = le.AppendUint16(b, 0) // time
	b = le.AppendUint16(b, dosDate1980)
	b = le.AppendUint32(b, crc32)
	b = le.AppendUint32(b, uint32(min(csize, uint32max)))
	b = le.AppendUint32(b, uint32(min(usize, uint32max)))
	b = le.AppendUint16(b, uint16(len(name)))
	b = le.AppendUint16(b, 0) // extra field
	w.write(b)
	w.writeString(name)
	w.write(comp)
	if w.err != nil {
		if _, ok := w.err.(*Error); !ok {
			w.err = &Error{Part: name, Err: w.err}
		}
	}
	return w.err
}

// Precompress compresses p.Data once with the Writer's compressor, so that
// later CopyPart calls are raw copies. Use it on parts read by ReadFS (which
// have no compressed form) or read from stored (uncompressed) zip entries,
// or after replacing p.Data. It modifies p: call it before sharing p between
// goroutines. A part read from a deflated zip entry keeps the source's
// compressed bytes unless Precompress is called.
func (p *Part) Precompress() {
	p.raw = newRaw(p.Data, Deflate(p.Data), crc(p.Data))
}

func newRaw(data, comp []byte, crc uint32) *rawEntry {
	r := &rawEntry{comp: comp, crc: crc, usize: uint64(len(data))}
	if len(data) > 0 {
		r.src = &data[0]
	}
	return r
}
