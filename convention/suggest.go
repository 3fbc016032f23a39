package convention

import (
	"strings"

	"github.com/esante/labelkit/internal/editdist"
)

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a likely typo. Case, '_' and '-' are ignored first, so
// "postalCode" suggests "postal_code"; then an edit distance of at most a
// third of the candidate's length (1 to 3) is a match.
func suggest(s string, candidates []string) string {
	ks := squash(s)
	best, bestD := "", 1<<30
	for _, c := range candidates {
		kc := squash(c)
		d := editdist.Distance(ks, kc)
		limit := len([]rune(kc)) / 3
		if limit < 1 {
			limit = 1
		}
		if limit > 3 {
			limit = 3
		}
		if d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func squash(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(s)
}
