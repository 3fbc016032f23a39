package convention

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// TestReadInput compares readInput with what it replaces,
// io.ReadAll(io.LimitReader(r, MaxInputSize+1)), on files and readers.
func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 9000, MaxInputSize, MaxInputSize + 1, MaxInputSize + 700} {
		src := bytes.Repeat([]byte("name = \"x\"\n"), n/11+1)[:n]
		path := filepath.Join(dir, fmt.Sprint(n))
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		want, _ := io.ReadAll(io.LimitReader(bytes.NewReader(src), MaxInputSize+1))
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		readers := map[string]io.Reader{
			"file":     f,
			"bytes":    bytes.NewReader(src),
			"one byte": iotest.OneByteReader(bytes.NewReader(src)),
			"data+EOF": iotest.DataErrReader(bytes.NewReader(src)),
		}
		for name, r := range readers {
			got, err := readInput(r)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%d bytes, %s: %d bytes, %v; want %d bytes", n, name, len(got), err, len(want))
			}
		}
		f.Close()
	}
	boom := errors.New("boom")
	got, err := readInput(io.MultiReader(bytes.NewReader([]byte("abc")), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) || string(got) != "abc" {
		t.Errorf("failing reader: %q, %v; want \"abc\", boom", got, err)
	}
}
