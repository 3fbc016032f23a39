package labelkit

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// officialText is the text extraction of the official agreement, version
// 4.0.2 (a copy of the project's seed text), which the blank form must
// reproduce.
const officialText = "testdata/official/convention-centres-sante-v4.0.2.txt"

// officialWords returns the words of the official text, without the
// extraction's artefacts: lines that are a bare link target left by the PDF
// (mailto:…, http…) are dropped; page-break marks and line wraps are only
// whitespace.
func officialWords(text string) []string {
	var words []string
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if (strings.HasPrefix(l, "mailto:") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && !strings.ContainsAny(l, " \t") {
			continue
		}
		words = appendWords(words, l)
	}
	return words
}

// appendWords appends the words of s to words, leaving out writing lines:
// a word made of underscores, ellipses, dots and slashes (« ____ »,
// « ___/___/_______ », « …………. ») is a place to write, not wording; the
// punctuation after it stays.
func appendWords(words []string, s string) []string {
	for _, w := range strings.Fields(s) {
		body := strings.TrimRight(w, ",.;")
		if body != "" && strings.ContainsAny(body, "_…") && strings.Trim(body, "_…./") == "" {
			if w = w[len(body):]; w == "" {
				continue
			}
		}
		words = append(words, w)
	}
	return words
}

// promptRE matches a placeholder prompt in docText's rendering.
var promptRE = regexp.MustCompile(`‹[^›]*›`)

// formWords returns the words of a docText rendering, without what the
// extraction could not show (checkbox glyphs and line-break marks), the
// form's placeholder prompts (our text, shown where the candidate types)
// with the bullet of a list item holding only a prompt, and writing lines,
// as officialWords.
func formWords(text string) []string {
	var words []string
	for _, line := range strings.Split(text, "\n") {
		ws := appendWords(nil, promptRE.ReplaceAllString(line, " "))
		if len(ws) == 1 && promptRE.MatchString(line) && (ws[0] == "•" || ws[0] == "-") {
			continue // the bullet of a list item that holds only a prompt
		}
		for _, w := range ws {
			if w == "☐" || w == "☒" || w == "⏎" {
				continue
			}
			words = append(words, w)
		}
	}
	return words
}

// lcsDiff returns the length of the longest common subsequence of a and b
// and the edit script: for each step, ' ' (common), '-' (only in a), '+'
// (only in b), with the word.
func lcsDiff(a, b []string) (int, []edit) {
	n, m := len(a), len(b)
	// table[i][j] = LCS of a[i:] and b[j:]
	table := make([][]uint16, n+1)
	for i := range table {
		table[i] = make([]uint16, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				table[i][j] = table[i+1][j+1] + 1
			case table[i+1][j] >= table[i][j+1]:
				table[i][j] = table[i+1][j]
			default:
				table[i][j] = table[i][j+1]
			}
		}
	}
	var script []edit
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			script = append(script, edit{' ', a[i], i})
			i++
			j++
		case table[i+1][j] >= table[i][j+1]:
			script = append(script, edit{'-', a[i], i})
			i++
		default:
			script = append(script, edit{'+', b[j], i})
			j++
		}
	}
	for ; i < n; i++ {
		script = append(script, edit{'-', a[i], i})
	}
	for ; j < m; j++ {
		script = append(script, edit{'+', b[j], n})
	}
	return int(table[0][0]), script
}

type edit struct {
	op   byte
	word string
	pos  int // index in a
}

// differences groups the edit script into runs of changes, each shown with
// a few words of context from a.
func differences(a []string, script []edit, max int) []string {
	var out []string
	for k := 0; k < len(script) && len(out) < max; {
		if script[k].op == ' ' {
			k++
			continue
		}
		var del, ins []string
		pos := script[k].pos
		for ; k < len(script) && script[k].op != ' '; k++ {
			if script[k].op == '-' {
				del = append(del, script[k].word)
			} else {
				ins = append(ins, script[k].word)
			}
		}
		from := max0(pos - 5)
		out = append(out, fmt.Sprintf("after « %s »: official has %q, form has %q",
			strings.Join(a[from:pos], " "), strings.Join(del, " "), strings.Join(ins, " ")))
	}
	return out
}

func max0(i int) int {
	if i < 0 {
		return 0
	}
	return i
}

// TestFidelity compares the blank form, word by word, with the official
// text: every official word appears, in order, and the form adds none (the
// README states 100 %).
func TestFidelity(t *testing.T) {
	raw, err := os.ReadFile(officialText)
	if err != nil {
		t.Fatal(err)
	}
	official := officialWords(string(raw))
	form := formWords(plainText(t, unzip(t, renderCase(t, goldenCases[0]))))
	common, script := lcsDiff(official, form)
	t.Logf("fidelity: %d of %d official words in order; form has %d words", common, len(official), len(form))
	if common != len(official) || len(form) != len(official) {
		t.Errorf("the blank form has %d of the %d official words in order, and %d words of its own; want all of them and none:",
			common, len(official), len(form)-common)
		for _, d := range differences(official, script, 20) {
			t.Error(d)
		}
	}
}

func TestLCSDiff(t *testing.T) {
	a := strings.Fields("a b c d e")
	b := strings.Fields("a x c d f e")
	n, script := lcsDiff(a, b)
	if n != 4 {
		t.Fatalf("LCS = %d, want 4", n)
	}
	got := differences(a, script, 10)
	want := []string{
		`after « a »: official has "b", form has "x"`,
		`after « a b c d »: official has "", form has "f"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
