package labelkit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/clienttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCase is one agreement of the golden tests.
type goldenCase struct {
	name  string
	input string // "" for the blank form
}

var goldenCases = []goldenCase{
	{"blank", ""},
	{"monosite-standard", "examples/monosite-standard.toml"},
	{"multisite-avance-renouvellement", "examples/multisite-avance-renouvellement.toml"},
	{"maximal", "testdata/inputs/maximal.toml"},
	{"minimal", "testdata/inputs/minimal.toml"}, // optional rows empty, place without date
}

// templatedParts are the parts the agreement template fills in; the golden
// files hold them as they come out, plus text.txt (see docText).
var templatedParts = []string{"word/document.xml", "docProps/core.xml", "docProps/custom.xml", "word/footer1.xml"}

// renderCase renders one golden case to a .docx.
func renderCase(t testing.TB, gc goldenCase) []byte {
	t.Helper()
	var buf bytes.Buffer
	if gc.input == "" {
		if err := RenderBlank(&buf); err != nil {
			t.Fatalf("%s: %v", gc.name, err)
		}
		return buf.Bytes()
	}
	c, err := convention.LoadFile(gc.input)
	if err != nil {
		t.Fatalf("%s: %v", gc.name, err)
	}
	if err := Render(&buf, c); err != nil {
		t.Fatalf("%s: %v", gc.name, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			parts := unzip(t, renderCase(t, gc))
			for name, data := range parts {
				if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
					clienttest.WellFormed(t, name, data)
				}
			}
			checkCells(t, parts["word/document.xml"])
			files := map[string][]byte{"text.txt": []byte(plainText(t, parts))}
			for _, name := range templatedParts {
				data, ok := parts[name]
				if !ok {
					t.Fatalf("%s missing from the output", name)
				}
				files[name] = data
			}
			checkGolden(t, filepath.Join("testdata", "golden", gc.name), files)
		})
	}
}

// checkGolden compares files (name: bytes, names slash-separated) with
// those under dir, or writes them there with -update.
func checkGolden(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, got := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create the golden files)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it; read the diff first):\n%s", name, path, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return "(no line differs)"
}
