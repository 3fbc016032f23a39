package render

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// zipRaw builds a zip with entries in the given order (names not checked).
func zipRaw(t testing.TB, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func baseEntries(doc string) [][2]string {
	parts := spec{body: p("x")}.parts()
	if doc != "" {
		parts["word/document.xml"] = doc
	}
	var out [][2]string
	for _, n := range partOrder {
		out = append(out, [2]string{n, parts[n]})
	}
	return out
}

func TestHostileTemplates(t *testing.T) {
	docWith := func(body string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
	}
	bomb := strings.Repeat("<w:p/>", 200000) // 1.2 MB, compresses to a few KB
	cases := []struct {
		name string
		data []byte
		opts []Option
		is   error  // errors.Is target, or nil
		msg  string // substring of the message
	}{
		{"empty input", nil, nil, ErrNotZip, ""},
		{"not a zip", []byte("PK\x03\x04 this is not a zip at all"), nil, ErrNotZip, ""},
		{"empty zip", zipRaw(t), nil, ErrNotDocx, ""},
		{"zip without document", zipRaw(t, [2]string{"hello.txt", "hi"}), nil, ErrNotDocx, ""},
		{"dot-dot entry", zipRaw(t, append(baseEntries(""), [2]string{"../evil.xml", "<x/>"})...), nil, ErrUnsafeName, ""},
		{"absolute entry", zipRaw(t, append(baseEntries(""), [2]string{"/etc/evil.xml", "<x/>"})...), nil, ErrUnsafeName, ""},
		{"duplicate entry", zipRaw(t, append(baseEntries(""), [2]string{"WORD/document.xml", "<x/>"})...), nil, ErrDuplicate, ""},
		{"macro-enabled", zipRaw(t, append(baseEntries(""), [2]string{"word/vbaProject.bin", "macro"})...), nil, ErrMacroEnabled, ""},
		{"doctype", zipRaw(t, baseEntries(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document `+wNS+`/>`)...), nil, ErrDoctype, ""},
		{"too large part", zipRaw(t, baseEntries(docWith(bomb))...), []Option{WithLimits(Limits{MaxPartSize: 1 << 20})}, ErrTooLarge, "MaxPartSize"},
		{"too many parts", zipRaw(t, baseEntries("")...), []Option{WithLimits(Limits{MaxParts: 3})}, ErrTooLarge, "MaxParts"},
		{"malformed XML", zipRaw(t, baseEntries(docWith(`<w:p><w:r><w:t>a</w:r></w:p>`))...), nil, nil, "word/document.xml: malformed XML"},
		{"unknown entity", zipRaw(t, baseEntries(docWith(`<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>`))...), nil, nil, "entity"},
		{"control character", zipRaw(t, baseEntries(docWith("<w:p><w:r><w:t>a\x01{{.x}}\x02</w:t></w:r></w:p>"))...), nil, nil, "U+0001"},
		{"deep nesting", zipRaw(t, baseEntries(docWith(strings.Repeat("<w:sdt>", 1000)+strings.Repeat("</w:sdt>", 1000)))...), nil, nil, "nested deeper"},
		{"define refused", zipRaw(t, baseEntries(docWith(p(`{{define "x"}}y{{end}}`)))...), nil, nil, "not supported"},
		// break and continue skipped the markup closing the repeated paragraph: malformed output
		{"break refused", zipRaw(t, baseEntries(docWith(p(`{{range .l}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}}`)))...), nil, nil, "{{break}} is not supported"},
		{"continue refused", zipRaw(t, baseEntries(docWith(p(`{{range .l}}{{.}}`)+p(`{{continue}}`)+p(`{{end}}`)))...), nil, nil, "{{continue}} is not supported"},
		{"reserved function name", zipRaw(t, baseEntries("")...), []Option{Funcs(map[string]any{"_lk_esc": strings.ToUpper})}, nil, "reserved"},
	}
	defer func(n int) { maxElements = n }(maxElements)
	maxElements = 5000
	cases = append(cases, struct {
		name string
		data []byte
		opts []Option
		is   error
		msg  string
	}{"too many elements", zipRaw(t, baseEntries(docWith(strings.Repeat("<w:p/>", 6000)))...), nil, nil, "more than 5000 elements"})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := Parse(bytes.NewReader(c.data), int64(len(c.data)), c.opts...)
			if err == nil {
				t.Fatalf("got a template (%d parts), want an error", len(tmpl.parts))
			}
			t.Log(err)
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("got %v, want errors.Is %v", err, c.is)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %v, want it to contain %q", err, c.msg)
			}
		})
	}
}

func TestManyActionsAndErrors(t *testing.T) {
	defer func(a, e int) { maxActions, maxErrors = a, e }(maxActions, maxErrors)
	maxActions, maxErrors = 100, 3
	_, err := parseSpec(t, spec{body: p(strings.Repeat("{{.a}}", 101))})
	if err == nil || !strings.Contains(err.Error(), "more than 100 actions") {
		t.Errorf("got %v", err)
	}
	_, err = parseSpec(t, spec{body: strings.Repeat(p("{{.a.}}"), 5)})
	var es Errors
	if !errors.As(err, &es) || len(es) != 4 || es[3].Error() != "word/document.xml: and 2 more errors" {
		t.Errorf("got %v", err)
	}
}

func TestOutputLimit(t *testing.T) {
	body := p("{{range .l}}") + p("{{.}} ligne assez longue pour grossir vite") + p("{{end}}")
	tmpl := mustParse(t, spec{body: body}, WithLimits(Limits{MaxPartSize: 64 << 10}))
	var out bytes.Buffer
	err := tmpl.Execute(&out, map[string]any{"l": make([]int, 10000)})
	if !errors.Is(err, ErrOutputTooLarge) || out.Len() != 0 {
		t.Fatalf("got %v (%d bytes written), want ErrOutputTooLarge", err, out.Len())
	}
	t.Log(err)
	mustExec(t, tmpl, map[string]any{"l": make([]int, 10)})
}
