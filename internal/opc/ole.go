package opc

import (
	"bytes"
	"io"
)

// oleMagic starts every OLE compound file (Word 97-2003 documents, and
// Word documents encrypted with a password).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Stream names as the OLE directory stores them (UTF-16LE).
var (
	oleEncrypted = utf16le("EncryptedPackage")
	oleWordDoc   = utf16le("WordDocument")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// checkOLE returns ErrEncrypted or ErrLegacyDoc when r is an OLE compound
// file, nil otherwise. It looks for the stream names in the directory
// entries by scanning the file rather than walking the FAT: both names are
// distinctive enough, and the file is refused either way.
func checkOLE(r io.ReaderAt, size int64) error {
	head := make([]byte, len(oleMagic))
	if _, err := r.ReadAt(head, 0); err != nil || !bytes.Equal(head, oleMagic) {
		return nil
	}
	const chunk = 1 << 16
	overlap := len(oleEncrypted)
	buf := make([]byte, chunk+overlap)
	word := false
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf, off)
		if n == 0 && err != nil {
			break
		}
		b := buf[:n]
		if bytes.Contains(b, oleEncrypted) {
			return errf("", ErrEncrypted, "")
		}
		word = word || bytes.Contains(b, oleWordDoc)
	}
	if word {
		return errf("", ErrLegacyDoc, "")
	}
	return errf("", ErrNotZip, "an OLE compound file (an old Office format such as .doc or .xls), not a DOCX")
}
