package convention

import (
	"encoding/json"
	"slices"
	"sync"
)

// Canonical returns the deterministic JSON encoding of c once normalized:
// fields in the input format's order, no insignificant space, absent
// optional values left out. Two inputs that say the same thing (TOML or JSON,
// extra spaces, SIRET with or without spaces) give the same bytes, so a
// SHA-256 of Canonical identifies the data of an agreement. c itself is not
// changed. Professions are a set: they are listed in the agreement's order
// (the order of their boxes), so that a form read back gives the same bytes.
func Canonical(c *Convention) ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	cp := c.Clone()
	cp.Normalize()
	return CanonicalNormalized(cp)
}

// CanonicalNormalized is Canonical for a c that is normalized already (as
// Decode, LoadFile and Normalize leave it): the same bytes, without the
// normalized copy of c that Canonical makes. For a c that is not
// normalized, the bytes are not Canonical's. c itself is not changed.
func CanonicalNormalized(c *Convention) ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	rank := professionRank()
	cp := *c // a shallow copy: only the professions are reordered
	cp.Solution.Professions = slices.Clone(c.Solution.Professions)
	slices.SortStableFunc(cp.Solution.Professions, func(a, b Profession) int {
		ra, rb := rank[a], rank[b]
		if ra == 0 {
			ra = len(rank) + 1 // unknown keys after the known ones
		}
		if rb == 0 {
			rb = len(rank) + 1
		}
		return ra - rb
	})
	return json.Marshal(&cp)
}

// professionRank gives each profession its place in the agreement's order,
// from 1.
var professionRank = sync.OnceValue(func() map[Profession]int {
	rank := map[Profession]int{}
	for i, p := range AllProfessions() {
		rank[p] = i + 1
	}
	return rank
})
