package render

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/costtest"
)

// parseCost parses the template of parts, measured by costtest (at most
// maxAlloc bytes allocated), and returns Parse's error.
func parseCost(t *testing.T, parts map[string]string, maxAlloc uint64) error {
	t.Helper()
	b := zipParts(t, parts)
	t.Logf("%d-byte docx", len(b))
	var err error
	costtest.Run(t, maxAlloc, func() {
		_, err = Parse(bytes.NewReader(b), int64(len(b)))
	})
	return err
}

// TestParseLinear: shapes of one paragraph or one element that parsing
// handled in quadratic time (each is a few kilobytes compressed).
func TestParseLinear(t *testing.T) {
	skipUnderRace(t)
	manyAttrs := func(n int) string {
		var b strings.Builder
		b.WriteString(`<w:p><w:r><w:t>{{.x}}</w:t></w:r><w:r`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, ` a%d=""`, i)
		}
		b.WriteString(`/></w:p>`)
		return b.String()
	}
	for _, tc := range []struct {
		name, body string
		msg        string // "" if the template is valid
	}{
		// more than two minutes (each action compared with every run)
		{"99,999 runs each holding an action", `<w:p>` + strings.Repeat(`<w:r><w:t>{{.x}}</w:t></w:r>`, 99_999) + `</w:p>`, ""},
		{"an action over 99,999 runs", `<w:p><w:r><w:t>{{.x</w:t></w:r>` + strings.Repeat(`<w:r><w:t> </w:t></w:r>`, 99_999) + `<w:r><w:t>}}</w:t></w:r></w:p>`, ""},
		{"99,999 paragraphs of an action", strings.Repeat(`<w:p><w:r><w:t>{{.x}}</w:t></w:r></w:p>`, 99_999), ""},
		{"99,998 paragraphs of block actions", strings.Repeat(p("{{if true}}")+p("{{end}}"), 49_999), ""},
		{"a cell of 40,000 paragraphs of block actions", `<w:tbl><w:tr><w:tc>` + strings.Repeat(p("{{range .l}}"), 20_000) + strings.Repeat(p("{{end}}"), 20_000) + `</w:tc></w:tr></w:tbl>` + p(""), ""},
		// 19 CPU-seconds (each attribute compared with every other)
		{"100,000 distinct attributes", manyAttrs(100_000), ""},
		{"a duplicate past 100,000 attributes", strings.Replace(manyAttrs(100_000), `/></w:p>`, ` a7=""/></w:p>`, 1), "duplicate attribute a7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// allocated in all, for 100,000 actions: labelkit vars peaks
			// at about 250 MB (max RSS) on these
			err := parseCost(t, spec{body: tc.body}.parts(), 700<<20)
			switch {
			case tc.msg == "" && err != nil:
				t.Fatal(err)
			case tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)):
				t.Fatalf("got %v, want %q", err, tc.msg)
			}
		})
	}
}

// manyHeaders returns the parts of a template whose n headers each hold an
// action and body.
func manyHeaders(n int, body string) map[string]string {
	parts := spec{body: p("{{.x}}")}.parts()
	var rels, types strings.Builder
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("header%d.xml", i+1)
		parts["word/"+name] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:hdr ` + wNS + `>` + p("{{.x}}") + body + `</w:hdr>`
		fmt.Fprintf(&rels, `<Relationship Id="rIdH%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="%s"/>`, i, name)
		fmt.Fprintf(&types, `<Override PartName="/word/%s" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`, name)
	}
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], "</Relationships>", rels.String()+"</Relationships>", 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>", types.String()+"</Types>", 1)
	return parts
}

// TestParseMemory: templates of a few hundred kilobytes compressed whose
// parts held gigabytes once parsed. Parsing keeps no element tree: what a
// template retains is measured too.
func TestParseMemory(t *testing.T) {
	skipUnderRace(t)
	small := []Option{WithLimits(Limits{MaxPartSize: 1 << 20})}
	for _, tc := range []struct {
		name     string
		parts    map[string]string
		opts     []Option
		msg      string // "" if the template is valid
		retained uint64 // most bytes the parsed template may hold
	}{
		// 40 headers: fatal out of memory (every part's element tree kept);
		// 8: 1.1 GB
		{"40 headers of a million elements", manyHeaders(40, strings.Repeat("<a/>", 1_000_000)), nil, "templated parts together (main document, headers, footers, notes, comments, charts, properties) are too large", 0},
		{"8 headers of a million elements", manyHeaders(8, strings.Repeat("<a/>", 1_000_000)), nil, "more than 2097152 elements in the templated parts together", 0},
		{"two headers of a million elements", manyHeaders(2, strings.Repeat("<a/>", 1_000_000)), nil, "", 40 << 20}, // 23 MB
		{"a header of 1,100,000 elements", manyHeaders(1, strings.Repeat("<a/>", 1_100_000)), nil, "more than 1048576 elements", 0},
		// three headers of 60 MB of text took 852 MB; here the same at a
		// smaller MaxPartSize
		{"three headers of 600 KB of text", manyHeaders(3, p(strings.Repeat("a", 600_000))), small, "templated parts together (main document, headers, footers, notes, comments, charts, properties) are too large", 0},
		{"a header of 600 KB of text", manyHeaders(1, p(strings.Repeat("a", 600_000))), small, "", 4 << 20},
		// the most text prepared for compression at parse time (opc.MaxPrepared),
		// letters that repeat little: 204 MB allocated, 34 MB held
		{"a header of 8 MiB of prepared text", manyHeaders(1, p(noise(8<<20-1024))), nil, "", 60 << 20},
		// a table of line starts took 8 bytes per newline
		{"a header of 8 million newlines", manyHeaders(1, strings.Repeat("\n", 8<<20)), nil, "", 40 << 20}, // 25 MB
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := zipParts(t, tc.parts)
			t.Logf("%d-byte docx", len(b))
			var (
				tmpl *Template
				err  error
			)
			costtest.Run(t, 500<<20, func() {
				tmpl, err = Parse(bytes.NewReader(b), int64(len(b)), tc.opts...)
			})
			switch {
			case tc.msg == "" && err != nil:
				t.Fatal(err)
			case tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)):
				t.Fatalf("got %v, want %q", err, tc.msg)
			case err != nil:
				t.Log(err)
				return
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			tmpl.forgetParts()
			runtime.GC()
			runtime.ReadMemStats(&after)
			held := before.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
			t.Logf("the template holds %d MB besides its parts' bytes", held>>20)
			if held > tc.retained {
				t.Errorf("the template holds %d MB, more than %d MB", held>>20, tc.retained>>20)
			}
			runtime.KeepAlive(b)
		})
	}
}

// forgetParts drops the template, keeping its package's parts, for
// TestParseMemory to measure what the rest held.
func (t *Template) forgetParts() {
	for _, tp := range t.parts {
		*tp = tpart{part: tp.part}
	}
}

// skipUnderRace skips a test measuring what large inputs cost: the race
// detector makes building and parsing them ten times slower (minutes).
func skipUnderRace(t *testing.T) {
	if raceEnabled {
		t.Skip("measures costs: run without -race")
	}
}

// noise returns n letters that repeat little (deflate finds few matches).
func noise(n int) string {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = 'a' + byte(x>>24)%26
	}
	return string(b)
}
