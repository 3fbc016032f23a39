package labelkit

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// unzip returns the parts of a .docx by name.
func unzip(t testing.TB, docx []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("output is not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// listMarkers maps paragraph style IDs to the bullet their numbering shows,
// read from styles.xml (pStyle numPr, following basedOn) and numbering.xml
// (level 0's lvlText).
func listMarkers(t testing.TB, styles, numbering []byte) map[string]string {
	t.Helper()
	type style struct{ basedOn, numID string }
	st := map[string]*style{}
	var cur *style
	dec := xml.NewDecoder(bytes.NewReader(styles))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("styles.xml: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != wNS {
			continue
		}
		switch se.Name.Local {
		case "style":
			cur = &style{}
			st[attr(se, "styleId")] = cur
		case "basedOn":
			if cur != nil {
				cur.basedOn = attr(se, "val")
			}
		case "numId":
			if cur != nil {
				cur.numID = attr(se, "val")
			}
		}
	}
	abstractOf := map[string]string{}
	lvlText := map[string]string{}
	dec = xml.NewDecoder(bytes.NewReader(numbering))
	var abs, num string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("numbering.xml: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != wNS {
			continue
		}
		switch se.Name.Local {
		case "abstractNum":
			abs, num = attr(se, "abstractNumId"), ""
		case "num":
			num, abs = attr(se, "numId"), ""
		case "abstractNumId":
			if num != "" {
				abstractOf[num] = attr(se, "val")
			}
		case "lvlText":
			if abs != "" {
				if _, seen := lvlText[abs]; !seen {
					lvlText[abs] = attr(se, "val")
				}
			}
		}
	}
	out := map[string]string{}
	for id := range st {
		for s, n := st[id], 0; s != nil && n < 10; s, n = st[s.basedOn], n+1 {
			if s.numID != "" {
				if m := lvlText[abstractOf[s.numID]]; m != "" {
					out[id] = m
				}
				break
			}
		}
	}
	return out
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docText is the plain-text rendering of a document part that reviewers read
// and tests compare: one line per paragraph (w:p) in document order, table
// cells included; the text of its w:t elements, a tab as "\t", a line break
// as " ⏎ " (a page break as nothing), list paragraphs prefixed with their bullet and a space;
// checkboxes read ☒ or ☐ (their glyph is text); a form's placeholder prompt
// (a run in the character style PlaceholderText) reads ‹prompt›. An empty
// paragraph is an empty line.
func docText(t testing.TB, document []byte, markers map[string]string) string {
	t.Helper()
	var out, line strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(document))
	depth, inText, inPPr, prompt := 0, false, false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Space != wNS {
				continue
			}
			switch x.Name.Local {
			case "p":
				depth++
				if depth == 1 {
					line.Reset()
				}
			case "pStyle":
				if m := markers[attr(x, "val")]; m != "" && depth == 1 && line.Len() == 0 {
					line.WriteString(m + " ")
				}
			case "t":
				inText = true
				if prompt {
					line.WriteString("‹")
				}
			case "r":
				prompt = false
			case "rStyle":
				prompt = attr(x, "val") == "PlaceholderText"
			case "pPr":
				inPPr = true
			case "tab":
				if depth > 0 && !inPPr {
					line.WriteString("\t")
				}
			case "br", "cr":
				// A page or column break is layout, not text.
				if typ := attr(x, "type"); typ != "page" && typ != "column" {
					line.WriteString(" ⏎ ")
				}
			}
		case xml.EndElement:
			if x.Name.Space != wNS {
				continue
			}
			switch x.Name.Local {
			case "p":
				depth--
				if depth == 0 {
					out.WriteString(line.String())
					out.WriteByte('\n')
				}
			case "t":
				inText = false
				if prompt {
					line.WriteString("›")
				}
			case "pPr":
				inPPr = false
			}
		case xml.CharData:
			if inText {
				line.Write(x)
			}
		}
	}
	return out.String()
}

// plainText renders the body of a .docx's parts with docText.
func plainText(t testing.TB, parts map[string][]byte) string {
	t.Helper()
	return docText(t, parts["word/document.xml"], listMarkers(t, parts["word/styles.xml"], parts["word/numbering.xml"]))
}

// checkCells fails the test if a table cell (w:tc) of document holds no
// paragraph of its own: Word refuses such a document.
func checkCells(t testing.TB, document []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(document))
	type cell struct{ paragraphs, depth int }
	var cells []*cell
	depth, n := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("document: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			depth++
			if x.Name.Space != wNS {
				continue
			}
			switch x.Name.Local {
			case "tc":
				n++
				cells = append(cells, &cell{depth: depth})
			case "p":
				if len(cells) > 0 && cells[len(cells)-1].depth == depth-1 {
					cells[len(cells)-1].paragraphs++
				}
			}
		case xml.EndElement:
			if x.Name.Space == wNS && x.Name.Local == "tc" {
				if c := cells[len(cells)-1]; c.paragraphs == 0 {
					t.Errorf("table cell %d has no paragraph", n)
				}
				cells = cells[:len(cells)-1]
			}
			depth--
		}
	}
}

func TestCheckCells(t *testing.T) {
	ft := &fakeTB{TB: t}
	checkCells(ft, []byte(`<w:document xmlns:w="`+wNS+`"><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:tcPr/></w:tc></w:tr></w:tbl></w:document>`))
	if !ft.failed {
		t.Error("checkCells accepted a cell without a paragraph")
	}
}

// fakeTB records failures instead of failing the test.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Errorf(string, ...any) { f.failed = true }
func (f *fakeTB) Helper()               {}
