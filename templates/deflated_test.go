package templates

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"io/fs"
	"os"
	"testing"

	"github.com/esante/labelkit/internal/opc"
)

var update = flag.Bool("update", false, "rewrite deflated.bin from the templates' parts")

// makeDeflated builds deflated.bin from the embedded parts: every part
// without an action ("{{"), in the registry's order then the walk's.
func makeDeflated(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, in := range registry {
		err := fs.WalkDir(embedded, in.Name, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(embedded, path)
			if err != nil || bytes.Contains(data, []byte("{{")) {
				return err
			}
			comp := opc.Deflate(data)
			out.Write(binary.AppendUvarint(nil, uint64(len(path))))
			out.WriteString(path)
			out.Write(binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(data)))
			out.Write(binary.AppendUvarint(nil, uint64(len(data))))
			out.Write(binary.AppendUvarint(nil, uint64(len(comp))))
			out.Write(comp)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}

// TestDeflated keeps deflated.bin in step with the parts: after editing a
// template, go test -update ./templates rewrites it.
func TestDeflated(t *testing.T) {
	want := makeDeflated(t)
	if *update {
		if err := os.WriteFile("deflated.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(deflatedBin, want) {
		t.Fatal("deflated.bin is not what the parts give: run go test -update ./templates")
	}
}

// TestDeflatedUsed checks that the parts of the embedded templates read
// through FS come with their streams, and only the parts without actions.
func TestDeflatedUsed(t *testing.T) {
	for _, in := range registry {
		fsys, err := FS(in.Name)
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := opc.ReadFS(fsys, opc.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkg.Parts {
			if want := !bytes.Contains(p.Data, []byte("{{")); p.Compressed() != want {
				t.Errorf("%s: %s: compressed in advance %v, want %v", in.Name, p.Name, p.Compressed(), want)
			}
		}
	}
}
