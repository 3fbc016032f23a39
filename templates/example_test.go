package templates_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"

	"github.com/esante/labelkit/templates"
)

func ExampleList() {
	for _, in := range templates.List() {
		fmt.Printf("%s (version %s)\n", in.Name, in.Version)
	}
	// Output:
	// centres-sante-v2 (version 4.0.2)
	// notification-modification (version 4.0.2)
}

// Pack the default template into a .docx to open in Word or LibreOffice.
func ExamplePack() {
	fsys, err := templates.FS(templates.DefaultName)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := templates.Pack(&buf, fsys); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File[:3] {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// docProps/app.xml
}

func ExampleGet() {
	t, err := templates.Get(templates.DefaultName)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(t.Fields()) > 50)
	// Output: true
}
