package templates

import (
	_ "embed"
	"encoding/binary"
	"io/fs"
	"strings"
	"sync"

	"github.com/esante/labelkit/internal/opc"
)

// deflatedBin holds the DEFLATE streams of the embedded templates' parts
// that have no action, made in advance (opc.Deflate), so that parsing a
// template does not compress them: the compressor's tables are most of
// the memory a first document touches otherwise. Each entry: the file's
// path in the embedded FS (uvarint length, bytes), its CRC-32 (4 bytes,
// little-endian), its size, the stream's length (uvarints), the stream.
// TestDeflated keeps it in step with the parts (go test -update).
//
//go:embed deflated.bin
var deflatedBin []byte

// deflated returns the streams of deflatedBin by template name, then
// by part name. A part edited since has a different CRC-32: opc.ReadFS
// then ignores its stream, and the part is compressed when parsed.
var deflated = sync.OnceValue(func() map[string]map[string]opc.Deflated {
	m := map[string]map[string]opc.Deflated{}
	b := deflatedBin
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			break
		}
		path := string(b[k : k+int(n)])
		b = b[k+int(n):]
		if len(b) < 4 {
			break
		}
		crc := binary.LittleEndian.Uint32(b)
		b = b[4:]
		size, k := binary.Uvarint(b)
		if k <= 0 {
			break
		}
		b = b[k:]
		clen, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < clen {
			break
		}
		comp := b[k : k+int(clen) : k+int(clen)]
		b = b[k+int(clen):]
		tmpl, part, ok := strings.Cut(path, "/")
		if !ok {
			continue
		}
		if m[tmpl] == nil {
			m[tmpl] = map[string]opc.Deflated{}
		}
		m[tmpl][part] = opc.Deflated{Comp: comp, CRC: crc, Size: int(size)}
	}
	return m
})

// withDeflated gives fsys, the parts of the template called name, the
// streams made in advance for them.
func withDeflated(name string, fsys fs.FS) fs.FS {
	if d := deflated()[name]; len(d) > 0 {
		return opc.WithDeflated(fsys, d)
	}
	return fsys
}
