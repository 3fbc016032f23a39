package labelkit

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/templates"
)

// Document is the data an agreement template receives: the convention (its
// fields and methods are promoted, so a template writes {{.Company.Name}} or
// {{.SignatureDate}}) and what the template needs besides.
type Document struct {
	// Convention is never nil; for the blank form it is the zero Convention,
	// normalized.
	*convention.Convention
	// Blank is true for the blank form: the template writes its blank lines,
	// instructions and unticked boxes instead of the data.
	Blank bool
	// Template names the template in use (name, title, agreement version),
	// e.g. for the document's custom properties.
	Template templates.Info
	// InputSHA256 is the hex SHA-256 of convention.Canonical(c), for
	// traceability; "" for the blank form.
	InputSHA256 string
}

// NewDocument returns the Document for c, for the users of their own
// templates (render.Template.Execute) and for `labelkit fill`: c as it is
// (it is neither normalized nor validated here), its InputSHA256, and the
// default template's Info (set Template to describe another one). A nil c
// gives the blank form's Document.
func NewDocument(c *convention.Convention) Document {
	info, _ := templates.Lookup(templates.DefaultName)
	if c == nil {
		return blankDocument(info)
	}
	return newDocument(c, info, convention.Canonical)
}

// newDocument is NewDocument for c with the Info of its template, the
// input hash computed by canonical: convention.CanonicalNormalized when c
// is normalized already (Render's copy), which gives the same bytes as
// Canonical without normalizing a second copy.
func newDocument(c *convention.Convention, info templates.Info, canonical func(*convention.Convention) ([]byte, error)) Document {
	d := Document{Convention: c, Template: info}
	if b, err := canonical(c); err == nil {
		sum := sha256.Sum256(b)
		d.InputSHA256 = hex.EncodeToString(sum[:])
	}
	return d
}

func blankDocument(info templates.Info) Document {
	c := new(convention.Convention)
	c.Normalize()
	return Document{Convention: c, Blank: true, Template: info}
}

// docData is what Render and RenderBlank give the template: the Document,
// with copies of the convention's fields beside the embedded convention,
// so that {{.Company.Name}} finds Company at the top of the struct.
// text/template looks a field up by name at every evaluation, and reflect
// finds a field promoted from an embedded struct only by a breadth-first
// search that allocates; a field at the top is a plain scan. The embedded
// convention still gives its methods and {{.Convention}}.
type docData struct {
	*convention.Convention
	Reason      convention.Reason
	Level       convention.Level
	Company     convention.Company
	Solution    convention.Solution
	Annexes     []convention.Annex
	ANS         *convention.Signatory
	Signature   *convention.Signature
	Blank       bool
	Template    templates.Info
	InputSHA256 string
}

// data returns d as the template receives it.
func (d Document) data() *docData {
	c := d.Convention
	return &docData{
		Convention: c,
		Reason:     c.Reason,
		Level:      c.Level,
		Company:    c.Company,
		Solution:   c.Solution,
		Annexes:    c.Annexes,
		ANS:        c.ANS,
		Signature:  c.Signature,

		Blank:       d.Blank,
		Template:    d.Template,
		InputSHA256: d.InputSHA256,
	}
}
