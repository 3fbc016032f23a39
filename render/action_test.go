package render

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestDeclaresVar compares declaresVar with the expression it replaces.
func TestDeclaresVar(t *testing.T) {
	re := regexp.MustCompile(`^\$[\p{L}\p{Nd}_]*\s*(,\s*\$[\p{L}\p{Nd}_]*\s*)?(:=|=[^=])`)
	cases := []string{"$x := 1", "$x = 1", "$x == 1", "$ := 1", "$é_1:=.a", "$i, $e := range .l", "$i ,$e = 2",
		"$i, e := 1", "$x", "$x =", "$x =\n1", "$x\t\f\r\n:= 1", ".x := 1", "$x.y := 1", "$٣ := 1", "$x:=", "$x, := 1",
		"$x \xff := 1", "$\xff := 1", "x", "", "$", "$x ,", "$x = = 1"}
	alphabet := []string{"$", "x", "é", "٣", "_", " ", "\t", "\n", ",", ":", "=", ".", "\xff", "-"}
	sameAsRegexp(t, "declaresVar", declaresVar, re, cases, alphabet, 8, rand.NewPCG(1, 2), 100)
}

// TestCallsRevFunc compares callsRevFunc with the expression it replaces.
func TestCallsRevFunc(t *testing.T) {
	re := regexp.MustCompile(`(?:^|[^\pL\pN_.$])(?:` + strings.Join(revFuncNames, "|") + `)(?:[^\pL\pN_]|$)`)
	cases := []string{"ins .x", ".ins", "$del", "index .a 1", "delivery", "x|del", "(change .a .b)", "insParagraph", "insP",
		"éins", "ins٣", "ins\xff", "\xffdel", "a.b del", "_ins", "ins_", "revision", "", "revisions", "x revision"}
	alphabet := []string{"ins", "del", "change", "Paragraph", "Row", "revision", " ", ".", "$", "_", "é", "٣", "\xff", "x", "(", "|", "Ⅻ"}
	sameAsRegexp(t, "callsRevFunc", callsRevFunc, re, cases, alphabet, 6, rand.NewPCG(3, 4), 1000)
}

// sameAsRegexp fails when f and re disagree on one of cases or on 200,000
// texts of up to words-1 pieces of alphabet drawn from src, or when fewer
// than minMatched of them all match.
func sameAsRegexp(t *testing.T, name string, f func(string) bool, re *regexp.Regexp, cases, alphabet []string, words int, src rand.Source, minMatched int) {
	t.Helper()
	r := rand.New(src)
	for range 200000 {
		s := ""
		for range r.IntN(words) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	matched := 0
	for _, s := range cases {
		got, want := f(s), re.MatchString(s)
		if got != want {
			t.Fatalf("%s(%q) = %v, the expression says %v", name, s, got, want)
		}
		if got {
			matched++
		}
	}
	if matched < minMatched {
		t.Errorf("only %d of %d cases match", matched, len(cases))
	}
}
