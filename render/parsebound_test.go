package render

import (
	"bytes"
	"fmt"
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
		// 19 CPU-seconds (each attribute compared with every other)
		{"100,000 distinct attributes", manyAttrs(100_000), ""},
		{"a duplicate past 100,000 attributes", strings.Replace(manyAttrs(100_000), `/></w:p>`, ` a7=""/></w:p>`, 1), "duplicate attribute a7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := parseCost(t, spec{body: tc.body}.parts(), 500<<20)
			switch {
			case tc.msg == "" && err != nil:
				t.Fatal(err)
			case tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)):
				t.Fatalf("got %v, want %q", err, tc.msg)
			}
		})
	}
}
