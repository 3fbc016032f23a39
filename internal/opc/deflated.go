package opc

import (
	"bytes"
	"io/fs"
)

// Deflated is the DEFLATE stream of a file made in advance by Deflate,
// with the size and CRC-32 of the bytes it holds.
type Deflated struct {
	Comp []byte
	CRC  uint32
	Size int
}

// Deflate returns the DEFLATE stream of data that Precompress makes.
func Deflate(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/4 + 64)
	defaultDeflater.compress(&buf, data)
	return buf.Bytes()
}

// WithDeflated returns fsys with the DEFLATE streams of some of its files
// made in advance (by Deflate), by name: ReadFS gives a part read from it
// the stream of its name, as if read from a deflated zip entry, when the
// size and CRC-32 of the bytes read are the stream's; otherwise (the file
// changed since) the part has none, as from any fs.FS.
func WithDeflated(fsys fs.FS, deflated map[string]Deflated) fs.FS {
	return &deflatedFS{FS: fsys, deflated: deflated}
}

type deflatedFS struct {
	fs.FS
	deflated map[string]Deflated
}

// ReadDir implements fs.ReadDirFS (ReadFS walks the folders).
func (d *deflatedFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

// deflatedFor gives p the stream made in advance for it in fsys, if any
// still describes p.Data.
func deflatedFor(fsys fs.FS, p *Part) {
	d, ok := fsys.(*deflatedFS)
	if !ok {
		return
	}
	e, ok := d.deflated[p.Name]
	if ok && e.Size == len(p.Data) && e.CRC == crc(p.Data) {
		p.raw = newRaw(p.Data, e.Comp, e.CRC)
	}
}

// Compressed reports whether p has a compressed form of its Data (read from
// a deflated zip entry, made in advance, or by Precompress).
func (p *Part) Compressed() bool { return p.rawFor() != nil }
