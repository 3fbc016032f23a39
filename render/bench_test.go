package render

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
)

func benchInputs(t testing.TB) (*Template, map[string]any) {
	t.Helper()
	tmpl, err := ParseFile("testdata/bench/bench-go.docx")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/bench/data.json")
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	return tmpl, data
}

// TestBenchExpected checks the agreement-size benchmark output against the
// peers' expected text, line for line.
func TestBenchExpected(t *testing.T) {
	tmpl, data := benchInputs(t)
	d := mustExec(t, tmpl, data)
	want, err := os.ReadFile("testdata/bench/expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	wantLines := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
	got := d.lines("word/document.xml")
	if len(got) != len(wantLines) {
		t.Errorf("got %d lines, want %d", len(got), len(wantLines))
	}
	for i := 0; i < min(len(got), len(wantLines)); i++ {
		if got[i] != wantLines[i] {
			t.Fatalf("line %d:\n got %q\nwant %q", i+1, got[i], wantLines[i])
		}
	}
}

func BenchmarkExecute(b *testing.B) {
	tmpl, data := benchInputs(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := tmpl.Execute(&buf, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "docx-bytes")
}

func BenchmarkExecuteParallel(b *testing.B) {
	tmpl, data := benchInputs(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := tmpl.Execute(&buf, data); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	raw, err := os.ReadFile("testdata/bench/bench-go.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(raw), int64(len(raw))); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = io.Discard
