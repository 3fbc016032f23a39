package labelkit

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// formControl is one content control read from a document.
type formControl struct {
	tag, alias  string
	placeholder bool   // w:showingPlcHdr: the prompt is showing, nothing was typed
	greyPrompt  bool   // a run of its content is in the style PlaceholderText
	checkbox    bool   // w14:checkbox
	checked     bool   // w14:checked, or a ticked glyph
	dropDown    bool   // w:dropDownList
	multiLine   bool   // w:text w:multiLine
	fullDate    string // w:date w:fullDate
	isItem      bool   // w15:repeatingSectionItem
	item        int    // index of the repeating-section item holding it (or that it is), or -1
	text        strings.Builder
	paragraphs  int // paragraphs that ended inside the control
}

// formParagraph is the text of one paragraph outside any content control.
type formParagraph struct {
	index int // from 1, in document order
	text  string
}

// formDoc is what a main document part holds for extraction.
type formDoc struct {
	controls   []*formControl
	paragraphs []formParagraph
}

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsW14 = "http://schemas.microsoft.com/office/word/2010/wordml"
	nsW15 = "http://schemas.microsoft.com/office/word/2012/wordml"
)

// readForm tokenizes a main document part (reading only: nothing is
// re-encoded) and returns its content controls and the text outside them.
// Deleted text (w:delText, w:moveFrom) is left out and inserted text kept:
// tracked changes read as if accepted.
func readForm(data []byte) (*formDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	doc := &formDoc{}
	type frame struct {
		c       *formControl
		content bool // inside w:sdtContent (else w:sdtPr)
	}
	var (
		stack      []*frame
		items      int // repeating-section items seen
		inText     bool
		skip       int // depth inside w:moveFrom or w:instrText
		pIndex     int
		pDepth     int
		outside    strings.Builder
		paraInCtrl []int // stack depth at each open paragraph
	)
	cur := func() *frame {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	write := func(s string) {
		if f := cur(); f != nil {
			if f.content {
				f.c.text.WriteString(s)
			}
			return
		}
		if pDepth > 0 {
			outside.WriteString(s)
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("labelkit: reading the document: %w", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			f := cur()
			switch x.Name.Space {
			case nsW14:
				if f != nil && !f.content {
					switch x.Name.Local {
					case "checkbox":
						f.c.checkbox = true
					case "checked":
						v := attrOf(x, "val")
						f.c.checked = v == "1" || v == "true" || v == "on"
					}
				}
				continue
			case nsW15:
				if f != nil && !f.content {
					if x.Name.Local == "repeatingSectionItem" {
						f.c.isItem, f.c.item = true, items
						items++
					}
				}
				continue
			case nsW:
			default:
				continue
			}
			switch x.Name.Local {
			case "sdt":
				c := &formControl{item: -1}
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].c.isItem {
						c.item = stack[i].c.item
						break
					}
				}
				stack = append(stack, &frame{c: c})
				doc.controls = append(doc.controls, c)
			case "sdtContent":
				if f != nil {
					f.content = true
				}
			case "alias":
				if f != nil && !f.content {
					f.c.alias = attrOf(x, "val")
				}
			case "tag":
				if f != nil && !f.content {
					f.c.tag = attrOf(x, "val")
				}
			case "showingPlcHdr":
				if f != nil && !f.content {
					v := attrOf(x, "val")
					f.c.placeholder = v == "" || v == "1" || v == "true" || v == "on"
				}
			case "text":
				if f != nil && !f.content {
					v := attrOf(x, "multiLine")
					f.c.multiLine = v == "1" || v == "true" || v == "on"
				}
			case "dropDownList":
				if f != nil && !f.content {
					f.c.dropDown = true
				}
			case "date":
				if f != nil && !f.content {
					f.c.fullDate = attrOf(x, "fullDate")
				}
			case "p":
				pDepth++
				if pDepth == 1 {
					pIndex++
					outside.Reset()
				}
				paraInCtrl = append(paraInCtrl, len(stack))
			case "t":
				inText = true
			case "tab":
				if f == nil || f.content {
					write("\t")
				}
			case "br", "cr":
				if t := attrOf(x, "type"); t != "page" && t != "column" {
					write("\n")
				}
			case "noBreakHyphen":
				write("-")
			case "rStyle":
				if f != nil && f.content && attrOf(x, "val") == "PlaceholderText" {
					f.c.greyPrompt = true
				}
			case "moveFrom", "instrText", "delText", "pPr":
				// moved-away text, field codes, deleted text and properties are
				// not the text a reader sees
				skip = 1
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if x.Name.Space != nsW {
				continue
			}
			switch x.Name.Local {
			case "t":
				inText = false
			case "sdt":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "p":
				if n := len(paraInCtrl); n > 0 {
					depth := paraInCtrl[n-1]
					paraInCtrl = paraInCtrl[:n-1]
					// A paragraph ending inside a control: its text goes on a
					// new line.
					if depth > 0 && depth == len(stack) {
						f := stack[depth-1]
						f.c.paragraphs++
						if f.content {
							f.c.text.WriteString("\n")
						}
					}
				}
				pDepth--
				if pDepth == 0 {
					doc.paragraphs = append(doc.paragraphs, formParagraph{index: pIndex, text: outside.String()})
				}
			}
		case xml.CharData:
			if inText && skip == 0 {
				write(string(x))
			}
		}
	}
	return doc, nil
}

func attrOf(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// value returns the text a control holds: "" for a prompt left showing;
// trailing paragraph ends dropped.
func (c *formControl) value() string {
	if c.placeholder {
		return ""
	}
	return strings.TrimRight(c.text.String(), "\n")
}

// isChecked reports whether a checkbox is ticked: w14:checked, or the glyph
// of a ticked box when an editor changed the text only.
func (c *formControl) isChecked() bool {
	if c.checked {
		return true
	}
	return strings.ContainsAny(c.text.String(), "☒☑✓✔✗✘")
}

// customProperties returns the document's custom properties (name → text),
// or nil when the part is missing or unreadable.
func customProperties(data []byte) map[string]string {
	if data == nil {
		return nil
	}
	props := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	name := ""
	var text strings.Builder
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return props
			}
			return props
		}
		switch x := tok.(type) {
		case xml.StartElement:
			depth++
			if x.Name.Local == "property" {
				name = attrOf(x, "name")
				text.Reset()
			}
		case xml.EndElement:
			depth--
			if x.Name.Local == "property" && name != "" {
				props[name] = text.String()
				name = ""
			}
		case xml.CharData:
			if name != "" {
				text.Write(x)
			}
		}
	}
}
