package labelkit_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/templates"
)

// Render an agreement from an input file into a buffer.
func ExampleRender() {
	c, err := convention.LoadFile("examples/monosite-standard.toml")
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := labelkit.Render(&buf, c); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("a .docx of", len(zr.File), "parts, first:", zr.File[0].Name)
	// Output: a .docx of 12 parts, first: [Content_Types].xml
}

// Validation problems come back together, before anything is written.
func ExampleRender_invalid() {
	c, err := convention.LoadFile("examples/monosite-standard.toml")
	if err != nil {
		log.Fatal(err)
	}
	c.Solution.CentresOnly = false
	var buf bytes.Buffer
	err = labelkit.Render(&buf, c)
	var problems convention.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p.Path, p.Code)
		}
	}
	fmt.Println(buf.Len(), "bytes written")
	// Output:
	// solution.centres_only centres_only
	// 0 bytes written
}

// The official blank form, to fill by hand.
func ExampleRenderBlank() {
	var buf bytes.Buffer
	if err := labelkit.RenderBlank(&buf); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(buf.String(), "PK"))
	// Output: true
}

// Execute a template yourself (here the embedded one; a user's own template
// would come from render.ParseFile, with render.Funcs(frfuncs.FuncMap()))
// with the data Render would give it.
func ExampleNewDocument() {
	c, err := convention.LoadFile("examples/monosite-standard.toml")
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		log.Fatal(err)
	}
	doc := labelkit.NewDocument(c)
	fmt.Println(doc.Company.Name, doc.Blank, len(doc.InputSHA256))
	t, err := templates.Get(templates.DefaultName)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, doc); err != nil {
		log.Fatal(err)
	}
	fmt.Println(buf.Len() > 0)
	// Output:
	// Médilogic SAS false 64
	// true
}
