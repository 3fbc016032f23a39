package main

import (
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
