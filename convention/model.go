package convention

import (
	"slices"

	"github.com/esante/labelkit/internal/frtext"
)

// DefaultCountry is the company's country when the input gives none.
const DefaultCountry = "France"

// DefaultSignaturePlace is the place of signature when the input gives none
// (« Fait … A Paris, le … »).
const DefaultSignaturePlace = "Paris"

// IsFrench reports whether the company is French: its country is empty (the
// default, France), "France" in any case, with or without accents, or the
// ISO 3166 codes "FR" and "FRA". French companies get the French checks
// (SIRET/SIREN, postal code, telephone).
func (c Company) IsFrench() bool {
	switch frtext.Fold(c.Country) {
	case "", "france", "fr", "fra":
		return true
	}
	return false
}

// ProfessionOptions returns the 12 professions of article 3.1 in the
// agreement's order, each marked Selected when s lists it: what a template
// needs to print the check boxes.
func (s Solution) ProfessionOptions() []Option {
	all := AllProfessions()
	opts := make([]Option, len(all))
	for i, p := range all {
		opts[i] = Option{Value: string(p), Label: p.Label(), Selected: s.HasProfession(p)}
	}
	return opts
}

// HasProfession reports whether s lists the profession p.
func (s Solution) HasProfession(p Profession) bool {
	return slices.Contains(s.Professions, p)
}

// SignaturePlace returns the place of signature: Signature.Place, or
// DefaultSignaturePlace ("Paris") when there is no signature table or its
// place is blank. Safe on a nil Convention.
func (c *Convention) SignaturePlace() string {
	if c == nil || c.Signature == nil || c.Signature.Place == "" {
		return DefaultSignaturePlace
	}
	return c.Signature.Place
}

// SignatureDate returns the date of signature, or nil when it is left blank
// (no signature table, no date, or a zero date). Safe on a nil Convention.
func (c *Convention) SignatureDate() *Date {
	if c == nil || c.Signature == nil || c.Signature.Date == nil || c.Signature.Date.IsZero() {
		return nil
	}
	return c.Signature.Date
}
