package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRenderBatch renders a batch of 100 inputs per iteration through
// the command (in-process, no progress), into a fresh folder each time.
// ns/op / 100 is the cost of one agreement, file writes included.
func BenchmarkRenderBatch(b *testing.B) {
	src, err := os.ReadFile("../../examples/multisite-avance-renouvellement.toml")
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(b.TempDir(), "in")
	os.Mkdir(in, 0o777)
	for i := range 100 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("c%03d.toml", i)), src, 0o666)
	}
	outs := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		a, _, stderr := testApp()
		if code := a.run([]string{"render", "-q", "-o", filepath.Join(outs, fmt.Sprint(i)), in}); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr)
		}
	}
}

// BenchmarkStages splits one `labelkit fill` document of the peers
// benchmark (render/testdata/bench) into the steps a batch takes for it,
// each timed alone, with floors beside them: decode the data file, execute
// the template (coding and zipping included), create and write the
// temporary file, make it durable (syncfs, fsync), publish it (link, then
// remove the temporary name); floors: os.WriteFile of the same bytes, and
// a copy in memory. Outputs go to LABELKIT_BENCH_DIR (default: a temporary
// folder; give a folder on the disk the batch writes to).
// bench/batch/run.sh prints it beside the whole-process figures.
func BenchmarkStages(b *testing.B) {
	const data = "../../render/testdata/bench/data.json"
	t, err := anyTemplate("../../render/testdata/bench/bench-go.docx")
	if err != nil {
		b.Fatal(err)
	}
	a, _, _ := testApp()
	m, release, err := a.loadDataFile(data, "json")
	defer release()
	if err != nil {
		b.Fatal(err)
	}
	var doc bytes.Buffer
	if err := t.Execute(&doc, m); err != nil {
		b.Fatal(err)
	}
	dir := os.Getenv("LABELKIT_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else {
		dir, err = os.MkdirTemp(dir, "stages-")
		if err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
	d, err := openOutDir(dir, false)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	n := 0
	name := func() string { n++; return fmt.Sprintf("d%06d.docx", n) }
	written := func(b *testing.B) (*os.File, string) {
		f, tmp, err := d.createTemp(name())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Write(doc.Bytes()); err != nil {
			b.Fatal(err)
		}
		return f, tmp
	}
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			_, release, err := a.loadDataFile(data, "json")
			if err != nil {
				b.Fatal(err)
			}
			release()
		}
	})
	b.Run("execute", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if err := t.Execute(&buf, m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("create+write", func(b *testing.B) {
		for b.Loop() {
			f, _ := written(b)
			f.Close()
		}
	})
	b.Run("syncfs", func(b *testing.B) {
		for b.Loop() {
			f, _ := written(b)
			if err := syncFS(f); err != nil {
				b.Skip("syncfs:", err)
			}
			f.Close()
		}
	})
	b.Run("fsync", func(b *testing.B) {
		for b.Loop() {
			f, _ := written(b)
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
	b.Run("link+remove", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			f, tmp := written(b)
			f.Close()
			b.StartTimer()
			if err := d.publish(tmp, name()); err != nil {
				b.Fatal(err)
			}
			d.root.Remove(tmp)
		}
	})
	b.Run("floor-writefile", func(b *testing.B) {
		for b.Loop() {
			if err := os.WriteFile(filepath.Join(dir, name()), doc.Bytes(), 0o666); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("floor-memcopy", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			buf.Write(doc.Bytes())
		}
	})
}
