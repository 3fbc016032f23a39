package convention

import (
	"encoding/json"
)

// Canonical returns the deterministic JSON encoding of c once normalized:
// fields in the input format's order, no insignificant space, absent
// optional values left out. Two inputs that say the same thing (TOML or JSON,
// extra spaces, SIRET with or without spaces) give the same bytes, so a
// SHA-256 of Canonical identifies the data of an agreement. c itself is not
// changed.
func Canonical(c *Convention) ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	cp := clone(c)
	cp.Normalize()
	return json.Marshal(cp)
}

// clone returns a deep copy of c.
func clone(c *Convention) *Convention {
	cp := *c
	cp.Annexes = append([]Annex(nil), c.Annexes...)
	cp.ANS = clonePtr(c.ANS)
	if c.Signature != nil {
		s := *c.Signature
		s.Date = clonePtr(s.Date)
		cp.Signature = &s
	}
	s := &cp.Solution
	s.Components = append([]string(nil), s.Components...)
	s.Professions = append([]Profession(nil), s.Professions...)
	s.OtherProfessions = append([]string(nil), s.OtherProfessions...)
	s.LAP = clonePtr(s.LAP)
	s.DMP = clonePtr(s.DMP)
	if s.SesamVitale != nil {
		sv := *s.SesamVitale
		sv.Specialties = append([]string(nil), sv.Specialties...)
		s.SesamVitale = &sv
	}
	return &cp
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
