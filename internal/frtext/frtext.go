// Package frtext holds small French text helpers shared by the convention
// model and the render engine: dates written out in French and a folding
// used for accent- and case-insensitive comparisons.
//
// Nothing here depends on the process locale, the clock or the environment.
package frtext

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

var months = [...]string{
	time.January:   "janvier",
	time.February:  "février",
	time.March:     "mars",
	time.April:     "avril",
	time.May:       "mai",
	time.June:      "juin",
	time.July:      "juillet",
	time.August:    "août",
	time.September: "septembre",
	time.October:   "octobre",
	time.November:  "novembre",
	time.December:  "décembre",
}

// Month returns the French name of m in lower case (« janvier », « août »),
// or "" when m is not a month.
func Month(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return months[m]
}

// Date writes a calendar date the way French legal texts do: « 1er décembre
// 2026 », « 2 janvier 2027 ». The first day of a month is an ordinal (« 1er »),
// the other days are plain numbers, the month is in lower case. It returns ""
// when month is not a month or day is not in 1..31; it does not check that
// the day exists in that month (see time.Date for that).
func Date(year int, month time.Month, day int) string {
	m := Month(month)
	if m == "" || day < 1 || day > 31 {
		return ""
	}
	d := strconv.Itoa(day)
	if day == 1 {
		d = "1er"
	}
	return d + " " + m + " " + strconv.Itoa(year)
}

// Fold returns s in lower case without diacritics and with surrounding space
// removed, for comparisons that ignore case and accents: Fold(" FRANCE ") ==
// Fold("france"), Fold("Été") == "ete". Ligatures œ and æ become "oe" and
// "ae". Letters outside Latin-1 Supplement and Latin Extended-A are kept as
// they are (lower-cased).
func Fold(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a",
	'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o",
	'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ÿ': "y",
}

// Integer writes n the French way, thousands separated by a no-break space:
// « 1 250 », « -12 000 ».
func Integer(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(d)
	}
	return b.String()
}
