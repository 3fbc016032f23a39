package opc_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"log"
	"testing/fstest"

	"github.com/esante/labelkit/internal/opc"
)

// An unpacked template (as kept in git) is read with ReadFS, its main part
// replaced, and the package written as a deterministic DOCX.
func Example() {
	fsys := fstest.MapFS{
		"[Content_Types].xml": {Data: []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		"_rels/.rels": {Data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)},
		"word/document.xml": {Data: []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`)},
		".DS_Store":         {Data: []byte("skipped")},
	}
	pkg, err := opc.ReadFS(fsys, opc.Limits{})
	if err != nil {
		log.Fatal(err)
	}
	main, _ := pkg.MainDocument()
	fmt.Println("main:", main, pkg.ContentType(main))
	for _, p := range pkg.Parts {
		p.Precompress() // once, before sharing
	}

	var out bytes.Buffer
	w := opc.NewWriter(&out)
	for _, p := range pkg.Parts {
		if p.Name == main {
			err = w.WritePart(p.Name, []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>`))
		} else {
			err = w.CopyPart(p) // raw copy, no recompression
		}
		if err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	back, err := opc.ReadZip(bytes.NewReader(out.Bytes()), int64(out.Len()), opc.Limits{})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range back.Parts {
		fmt.Println(p.Name)
	}
	// Output:
	// main: word/document.xml application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml
	// [Content_Types].xml
	// _rels/.rels
	// word/document.xml
}

// Errors name the part and wrap a sentinel error.
func ExampleReadZip_errors() {
	_, err := opc.ReadZip(bytes.NewReader([]byte("not a zip")), 9, opc.Limits{})
	fmt.Println(errors.Is(err, opc.ErrNotZip))
	var e *opc.Error
	if errors.As(err, &e) {
		fmt.Printf("part %q\n", e.Part)
	}
	// Output:
	// true
	// part ""
}

// The same parts always give the same bytes. This hash changes only if the
// compressor (github.com/klauspost/compress in go.mod) or archive/zip's
// header layout changes: update it knowingly, and say so in the changelog.
func ExampleWriter_deterministic() {
	var out bytes.Buffer
	w := opc.NewWriter(&out)
	_ = w.WritePart("[Content_Types].xml", []byte(`<Types/>`))
	_ = w.WritePart("word/document.xml", bytes.Repeat([]byte(`<w:p><w:r><w:t>Convention relative aux conditions d'utilisation</w:t></w:r></w:p>`), 100))
	_ = w.Close()
	fmt.Printf("%d bytes, sha256 %x\n", out.Len(), sha256.Sum256(out.Bytes()))
	// Output:
	// 374 bytes, sha256 4e2d0c5da61bc173ee1cfd8aa72cdd31d2b67b99bc888674d2c2dd4259724698
}
