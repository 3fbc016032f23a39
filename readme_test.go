package labelkit

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeFormat keeps the README's input format section equal to
// convention/FORMAT.md (less its title, headings one level deeper), so the
// reference users read is the one the convention tests check against the code.
func TestReadmeFormat(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	format, err := os.ReadFile("convention/FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "<!-- format:begin -->\n")
	section, _, ok2 := strings.Cut(section, "<!-- format:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md lacks the <!-- format:begin --> … <!-- format:end --> markers")
	}
	_, body, _ := strings.Cut(string(format), "\n")
	lines := strings.Split(strings.TrimRight(strings.TrimLeft(body, "\n"), "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			lines[i] = "#" + l
		}
	}
	if want := strings.Join(lines, "\n") + "\n"; section != want {
		t.Errorf("README.md's input format section differs from convention/FORMAT.md; copy FORMAT.md into it (less its title, headings one level deeper)")
	}
}
