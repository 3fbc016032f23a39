package convention

import (
	"encoding/json"
	"slices"
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
	rank := map[Profession]int{}
	for i, p := range AllProfessions() {
		rank[p] = i + 1
	}
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
	return json.Marshal(cp)
}
