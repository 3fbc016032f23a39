package convention

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestFormatDoc keeps FORMAT.md in step with the code: every text field's
// row gives its maximum length, every multi-line field is marked ¶, and
// every problem code is documented.
func TestFormatDoc(t *testing.T) {
	b, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	section := map[string]string{
		"company":                "## `[company]`",
		"company.representative": "### `[company.representative]`",
		"solution":               "## `[solution]`",
		"solution.hosting":       "### `[solution.hosting]`",
		"solution.lap":           "### `[solution.lap]`",
		"solution.dmp":           "### `[solution.dmp]`",
		"solution.sesam_vitale":  "### `[solution.sesam_vitale]`",
		"annexes[]":              "## `[[annexes]]`",
		"ans":                    "## `[ans]`",
		"signature":              "## `[signature]`",
	}
	for _, f := range fields {
		if f.max == 0 {
			continue
		}
		// "solution.components[]" is the key components of [solution];
		// "annexes[].title" the key title of [[annexes]].
		p := strings.TrimSuffix(f.path, "[]")
		table, key := parentPath(p), p[strings.LastIndexByte(p, '.')+1:]
		head, ok := section[table]
		if !ok {
			t.Errorf("%s: no section for %q", f.path, table)
			continue
		}
		i := strings.Index(doc, head)
		if i < 0 {
			t.Errorf("FORMAT.md lacks %s", head)
			continue
		}
		body := doc[i+len(head):]
		if j := strings.Index(body, "\n#"); j >= 0 {
			body = body[:j]
		}
		mark := ""
		if f.multiline {
			mark = " ¶"
		}
		re := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(key) + "`" + mark + " \\|.*\\| " + strconv.Itoa(f.max) + "( each)? \\|$")
		if !re.MatchString(body) {
			t.Errorf("FORMAT.md: no row for %s (max %d%s) under %s", f.path, f.max, mark, head)
		}
	}
	codes := []Code{CodeRead, CodeTooLarge, CodeFormat, CodeSyntax, CodeUnknownKey, CodeDuplicateKey,
		CodeType, CodeDate, CodeRequired, CodeForbidden, CodeEnum, CodeDuplicate, CodeTooLong,
		CodeTooMany, CodeControlChar, CodeRegistration, CodePostalCode, CodePhone, CodeEmail,
		CodeRange, CodeNotCentres, CodeNoProfession, CodePlaceholder}
	for _, c := range codes {
		if !strings.Contains(doc, "`"+string(c)+"`") {
			t.Errorf("FORMAT.md does not document code %s", c)
		}
	}
	for _, p := range AllProfessions() {
		if !strings.Contains(doc, "| `"+string(p)+"` | "+p.Label()+" |") {
			t.Errorf("FORMAT.md: profession %s", p)
		}
	}
	if !strings.Contains(doc, strconv.Itoa(MaxSites)) {
		t.Error("FORMAT.md: MaxSites")
	}
}
