package convention

import "slices"

// Clone returns a deep copy of c: no pointer, slice or list item is shared
// with c, so the copy can be normalized or edited while other goroutines
// read c. Clone of nil is nil.
func (c *Convention) Clone() *Convention {
	if c == nil {
		return nil
	}
	n := *c
	n.Annexes = slices.Clone(c.Annexes)
	n.ANS = clonePtr(c.ANS)
	if c.Signature != nil {
		s := *c.Signature
		s.Date = clonePtr(c.Signature.Date)
		n.Signature = &s
	}
	s := &n.Solution
	s.Components = slices.Clone(s.Components)
	s.Professions = slices.Clone(s.Professions)
	s.OtherProfessions = slices.Clone(s.OtherProfessions)
	s.LAP = clonePtr(s.LAP)
	s.DMP = clonePtr(s.DMP)
	if s.SesamVitale != nil {
		sv := *s.SesamVitale
		sv.Specialties = slices.Clone(sv.Specialties)
		s.SesamVitale = &sv
	}
	return &n
}

// clonePtr returns a pointer to a copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
