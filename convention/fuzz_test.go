package convention

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode in both formats. Decoding must
// never panic; a decoded agreement must validate without panicking, and its
// Canonical JSON must decode back to the same Canonical JSON.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{"../examples", "../examples/json", "../examples/starter", "testdata/invalid"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, name := range files {
			if fi, err := os.Stat(name); filepath.Ext(name) == ".golden" || (err == nil && fi.IsDir()) {
				continue
			}
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, filepath.Ext(name) == ".json")
		}
	}
	f.Add([]byte(minimalTOML), false)
	f.Add([]byte(`{"signature": {"date": "2026-12-01"}, "company": {"name": "a", "name": "b"}}`), true)
	f.Add([]byte("a = { b = { c = 1 } }\n[[x]]\n[x.y]\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		format := TOML
		if isJSON {
			format = JSON
		}
		c, err := Decode(bytes.NewReader(data), format)
		if err != nil {
			if c != nil {
				t.Fatal("Convention with an error")
			}
			_ = err.Error()
			return
		}
		_ = c.Validate()
		canon, err := Canonical(c)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := Decode(bytes.NewReader(canon), JSON)
		if err != nil {
			t.Fatalf("Canonical output does not decode: %v\n%s", err, canon)
		}
		canon2, _ := Canonical(c2)
		if !bytes.Equal(canon, canon2) {
			t.Fatalf("Canonical not stable:\n%s\n%s", canon, canon2)
		}
	})
}
