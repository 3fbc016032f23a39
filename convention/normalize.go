package convention

import (
	"strings"

	"github.com/esante/labelkit/internal/ident"
)

// Normalize tidies c in place, and nothing more:
//   - every text field and list item is trimmed of surrounding white space,
//     and "\r\n" line ends become "\n"; empty list items are dropped;
//   - a French company's registration_id that is a SIREN or SIRET written
//     with spaces (or dots, dashes) keeps only its digits;
//   - Company.Country becomes "France" when empty or an ISO 3166 code of
//     France ("FR", "FRA", in any case), which the agreement would otherwise
//     print as it is;
//   - Signature.Place becomes "Paris" when the signature table is present
//     with a blank place.
//
// It does not fill ANS (nil ANS means the template prints the agreement's
// own wording), does not change letter case and does not correct anything
// else: Validate reports what is wrong. Normalize is idempotent; Decode and
// LoadFile call it.
func (c *Convention) Normalize() {
	if c == nil {
		return
	}
	c.Reason = Reason(clean(string(c.Reason)))
	c.Level = Level(clean(string(c.Level)))

	co := &c.Company
	for _, p := range []*string{&co.Name, &co.Address, &co.PostalCode, &co.City, &co.Country,
		&co.Phone, &co.Fax, &co.Email, &co.RegistrationID, &co.RegistrationPlace, &co.RegistrationNumber} {
		*p = clean(*p)
	}
	if co.Country == "" || isFranceCode(co.Country) {
		co.Country = DefaultCountry
	}
	if co.IsFrench() {
		if d := ident.Digits(co.RegistrationID); d != co.RegistrationID && ident.AllDigits(d) {
			co.RegistrationID = d
		}
	}
	r := &co.Representative
	r.Civility = Civility(clean(string(r.Civility)))
	r.FirstName, r.LastName, r.Title = clean(r.FirstName), clean(r.LastName), clean(r.Title)

	s := &c.Solution
	s.Name, s.Version = clean(s.Name), clean(s.Version)
	s.Components = cleanList(s.Components)
	s.Deployment = Deployment(clean(string(s.Deployment)))
	s.Professions = cleanList(s.Professions)
	s.OtherProfessions = cleanList(s.OtherProfessions)
	s.Hosting.Provider, s.Hosting.Scope = clean(s.Hosting.Provider), clean(s.Hosting.Scope)
	if s.LAP != nil {
		s.LAP.Certificate, s.LAP.Number = clean(s.LAP.Certificate), clean(s.LAP.Number)
	}
	if s.DMP != nil {
		s.DMP.Homologation, s.DMP.Module = clean(s.DMP.Homologation), clean(s.DMP.Module)
	}
	if s.SesamVitale != nil {
		s.SesamVitale.Approval = clean(s.SesamVitale.Approval)
		s.SesamVitale.Specialties = cleanList(s.SesamVitale.Specialties)
	}

	for i := range c.Annexes {
		a := &c.Annexes[i]
		a.Title, a.Description = clean(a.Title), clean(a.Description)
	}
	if c.ANS != nil {
		c.ANS.Name, c.ANS.Title = clean(c.ANS.Name), clean(c.ANS.Title)
	}
	if c.Signature != nil {
		c.Signature.Place = clean(c.Signature.Place)
		if c.Signature.Place == "" {
			c.Signature.Place = DefaultSignaturePlace
		}
	}
}

// clean trims s and turns CRLF (and lone CR) line ends into LF.
func clean(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// cleanList cleans each item and drops the empty ones; it returns nil for an
// empty result so that absent and empty lists look alike. A list whose items
// are all clean already is returned as it is, without a copy.
func cleanList[T ~string](l []T) []T {
	for i, s := range l {
		if c := T(clean(string(s))); c == "" || c != s {
			// a new list from here (l may be shared: it is not changed)
			out := make([]T, i, len(l))
			copy(out, l[:i])
			for _, s := range l[i:] {
				if s = T(clean(string(s))); s != "" {
					out = append(out, s)
				}
			}
			if len(out) == 0 {
				return nil
			}
			return out
		}
	}
	if len(l) == 0 {
		return nil
	}
	return l
}

// isFranceCode reports whether country is an ISO 3166 code of France.
func isFranceCode(country string) bool {
	return strings.EqualFold(country, "FR") || strings.EqualFold(country, "FRA")
}
