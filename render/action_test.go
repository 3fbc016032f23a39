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
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"$", "x", "é", "٣", "_", " ", "\t", "\n", ",", ":", "=", ".", "\xff", "-"}
	for range 200000 {
		s := ""
		for range r.IntN(8) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	matched := 0
	for _, s := range cases {
		got, want := declaresVar(s), re.MatchString(s)
		if got != want {
			t.Fatalf("declaresVar(%q) = %v, the expression says %v", s, got, want)
		}
		if got {
			matched++
		}
	}
	if matched < 100 {
		t.Errorf("only %d cases declare a variable", matched)
	}
}

// TestCallsRevFunc compares callsRevFunc with the expression it replaces.
func TestCallsRevFunc(t *testing.T) {
	re := regexp.MustCompile(`(?:^|[^\pL\pN_.$])(?:` + strings.Join(revFuncNames, "|") + `)(?:[^\pL\pN_]|$)`)
	cases := []string{"ins .x", ".ins", "$del", "index .a 1", "delivery", "x|del", "(change .a .b)", "insParagraph", "insP",
		"éins", "ins٣", "ins\xff", "\xffdel", "a.b del", "_ins", "ins_", "revision", "", "revisions", "x revision"}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"ins", "del", "change", "Paragraph", "Row", "revision", " ", ".", "$", "_", "é", "٣", "\xff", "x", "(", "|", "Ⅻ"}
	for range 200000 {
		s := ""
		for range r.IntN(6) {
			s += alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, s)
	}
	matched := 0
	for _, s := range cases {
		got, want := callsRevFunc(s), re.MatchString(s)
		if got != want {
			t.Fatalf("callsRevFunc(%q) = %v, the expression says %v", s, got, want)
		}
		if got {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d cases call a function", matched)
	}
}
