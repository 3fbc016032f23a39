package labelkit

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/clienttest"
)

// FuzzRender puts arbitrary text in the fields of a valid agreement: either
// validation refuses it, or the output is well-formed, every table cell keeps
// a paragraph, and the company name shows as typed.
func FuzzRender(f *testing.F) {
	f.Add("Médilogic & Fils", "1 rue <A>\nBât. B", "{{.Blank}}")
	f.Add("]]>", "\t", "€ « » ’")
	f.Add("a", "b", "")
	base, err := convention.LoadFile("examples/multisite-avance-renouvellement.toml")
	if err != nil {
		f.Fatal(err)
	}
	canon, err := convention.Canonical(base)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, address, item string) {
		c, err := convention.Decode(bytes.NewReader(canon), convention.JSON)
		if err != nil {
			t.Fatal(err)
		}
		c.Company.Name = name
		c.Company.Address = address
		c.Solution.Components = []string{item}
		c.Solution.Hosting.Scope = address
		c.Annexes[0].Description = item
		var buf bytes.Buffer
		err = Render(&buf, c)
		var ps convention.Problems
		if errors.As(err, &ps) {
			if buf.Len() != 0 {
				t.Fatal("bytes written despite a validation error")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		parts := unzip(t, buf.Bytes())
		for name, data := range parts {
			if strings.HasSuffix(name, ".xml") {
				clienttest.WellFormed(t, name, data)
			}
		}
		checkCells(t, parts["word/document.xml"])
		if text := plainText(t, parts); !strings.Contains(text, "Et la société "+c.Company.Name+"\n") {
			t.Fatalf("company name %q not shown as typed", c.Company.Name)
		}
	})
}
