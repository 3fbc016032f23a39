package render

import (
	"strings"
	"testing"
)

// TestSyntaxFirst: the actions' syntax is checked one by one only once
// something failed (syntaxFirst); a syntax error is still reported rather
// than the placement error it comes with, and a placement error alone is
// reported as before.
func TestSyntaxFirst(t *testing.T) {
	misplaced := tblOpen + row(p("{{if .a}}"), p("x")) + tblClose + p("{{end}}")
	_, err := parseSpec(t, spec{body: misplaced})
	if err == nil {
		t.Fatal("a block from a table cell to after the table was accepted")
	}
	placement := err.Error()

	_, err = parseSpec(t, spec{body: misplaced + p("Nom : {{.b)}}")})
	if err == nil {
		t.Fatal("a syntax error was accepted")
	}
	if got := err.Error(); got == placement || !strings.Contains(got, "paragraph 4") || strings.Contains(got, "paragraph 1 ") {
		t.Errorf("with a syntax error, got:\n%s\nwant the syntax error (paragraph 4) alone, not:\n%s", got, placement)
	}

	_, err = parseSpec(t, spec{body: p("{{.a}}") + p("Nom : {{.b)}}") + p("{{if .c}}fin")})
	if err == nil || !strings.Contains(err.Error(), "paragraph 2") {
		t.Errorf("a syntax error with an unclosed block: %v", err)
	}
}
