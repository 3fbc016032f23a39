package untyped

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

// TestReadAll compares ReadAll with io.ReadAll(io.LimitReader(r, max+1)) on
// files and readers, with right, unknown and wrong (stale) sizes.
func TestReadAll(t *testing.T) {
	const max = 1 << 20
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 9000, max, max + 1, max + 700} {
		src := bytes.Repeat([]byte("name = \"x\"\n"), n/11+1)[:n]
		path := filepath.Join(dir, fmt.Sprint(n))
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		want, _ := io.ReadAll(io.LimitReader(bytes.NewReader(src), max+1))
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			r    io.Reader
			size int64
		}{
			{"file", f, int64(n)},
			{"bytes, size unknown", bytes.NewReader(src), -1},
			{"size too small", bytes.NewReader(src), int64(n / 2)},
			{"size too large", bytes.NewReader(src), int64(2*n + 10)},
			{"one byte at a time", iotest.OneByteReader(bytes.NewReader(src)), int64(n)},
			{"data with EOF", iotest.DataErrReader(bytes.NewReader(src)), -1},
		} {
			got, err := ReadAll(c.r, c.size, max)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%d bytes, %s: %d bytes, %v; want %d bytes", n, c.name, len(got), err, len(want))
			}
		}
		f.Close()
	}
	boom := errors.New("boom")
	got, err := ReadAll(io.MultiReader(bytes.NewReader([]byte("abc")), iotest.ErrReader(boom)), -1, max)
	if !errors.Is(err, boom) || string(got) != "abc" {
		t.Errorf("failing reader: %q, %v; want \"abc\", boom", got, err)
	}
}
