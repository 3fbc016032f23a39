package convention

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEncodeTOML: every example and test input written by EncodeTOML
// decodes to the same canonical input.
func TestEncodeTOML(t *testing.T) {
	files, _ := filepath.Glob("../testdata/inputs/*.toml")
	more, _ := filepath.Glob("../examples/*.toml")
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "starter.toml") {
			continue
		}
		c, err := LoadFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var buf bytes.Buffer
		if err := EncodeTOML(&buf, c); err != nil {
			t.Fatal(err)
		}
		back, err := Decode(bytes.NewReader(buf.Bytes()), TOML)
		if err != nil {
			t.Fatalf("%s: the encoded TOML does not decode: %v\n%s", f, err, buf.String())
		}
		a, _ := Canonical(c)
		b, _ := Canonical(back)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: round trip through EncodeTOML:\n%s\nwant\n%s", f, b, a)
		}
		if !strings.Contains(buf.String(), "# Identification de la société") {
			t.Errorf("%s: no comments:\n%s", f, buf.String())
		}
	}
	if _, err := os.Stat("../testdata/inputs"); err != nil {
		t.Fatal(err)
	}
}
