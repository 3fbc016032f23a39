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
	cp := c.Clone()
	cp.Normalize()
	return json.Marshal(cp)
}
