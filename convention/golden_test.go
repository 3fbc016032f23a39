package convention_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/esante/labelkit/convention"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestInvalidGolden loads every file of testdata/invalid, validates it when
// it decodes, and compares the full list of problems with the .golden file
// beside it (regenerate with go test ./convention -update, then read it).
func TestInvalidGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			compareGolden(t, f+".golden", problemsText(t, f, language.French))
			compareGolden(t, f+".en.golden", problemsText(t, f, language.English))
		})
	}
	if n < 8 {
		t.Fatalf("only %d invalid inputs", n)
	}
}

// compareGolden compares got with the file golden, or rewrites it with
// -update.
func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./convention -update)", err)
	}
	if got != string(want) {
		t.Errorf("problems differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
	}
}

// problemsText loads f, validates it if it decodes, and writes the problems
// one a line: "[code] error", the messages in lang.
func problemsText(t *testing.T, f string, lang language.Tag) string {
	t.Helper()
	var stage string
	c, err := convention.LoadFile(filepath.ToSlash(f))
	if err == nil {
		stage = "validate"
		err = c.Validate()
	} else {
		stage = "decode"
	}
	if err == nil {
		t.Fatalf("%s: no problem", f)
	}
	var ps convention.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("%s: error %T is not Problems: %v", f, err, err)
	}
	var b strings.Builder
	b.WriteString("# " + stage + "\n")
	for _, p := range ps {
		if p.Code == "" || p.Message == "" {
			t.Errorf("problem without code or message: %#v", p)
		}
		b.WriteString("[" + string(p.Code) + "] " + p.ErrorText(lang) + "\n")
	}
	return b.String()
}
