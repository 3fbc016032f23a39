package opc

import (
	"archive/zip"
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
type Writer struct {
	zw    *zip.Writer
	names map[string]struct{} // folded names written so far
	err   error               // sticky
}

// NewWriter returns a Writer writing a zip archive to w. Call Close to
// finish the archive; Close does not close w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{zw: zip.NewWriter(w), names: make(map[string]struct{}, 16)}
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
	w.err = w.zw.Close()
	if w.err == nil {
		w.err = fmt.Errorf("opc: Writer is closed")
		return nil
	}
	return w.err
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
	fh := &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              crc32,
		CompressedSize64:   uint64(len(comp)),
		UncompressedSize64: usize,
	}
	//lint:ignore SA1019 Modified would add an extended-timestamp extra field.
	fh.ModifiedDate = dosDate1980
	fw, err := w.zw.CreateRaw(fh)
	if err == nil {
		_, err = fw.Write(comp)
	}
	if err != nil {
		w.err = &Error{Part: name, Err: err}
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
