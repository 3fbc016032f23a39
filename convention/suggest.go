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

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// quoteList writes values as « a », « b », « c ».
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "« " + v + " »"
	}
	return strings.Join(q, ", ")
}
