package convention

import "strings"

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a likely typo. Case, '_' and '-' are ignored first, so
// "postalCode" suggests "postal_code"; then an edit distance of at most a
// third of the candidate's length (1 to 3) is a match.
func suggest(s string, candidates []string) string {
	ks := squash(s)
	best, bestD := "", 1<<30
	for _, c := range candidates {
		kc := squash(c)
		d := levenshtein(ks, kc)
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

// levenshtein is the optimal string alignment distance between a and b, in
// runes: insertions, deletions, substitutions and transpositions of two
// adjacent runes ("levle" → "level") cost 1.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
