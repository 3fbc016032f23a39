// Command peers times labelkit's render engine with the protocol of the shared
// docxtemplater benchmark (../shared/bench/peers, its README "Timing the Go
// library later"), so that both engines are measured in one run on the same
// document, data and expected text:
//
//   - bench-go.docx read once, data.json decoded into a map[string]any;
//   - one cold document (parse + execute) written to OUT/sample-go.docx and
//     checked line by line against expected.txt;
//   - N documents, each a complete .docx rendered into a bytes.Buffer;
//   - total seconds, docs/s, median, p99 and peak RSS (getrusage maxrss).
//
// Usage:
//
//	go run ./bench/peers -dir ../shared/bench/peers -n 1000 [-out DIR] [-json]
//
// bench/peers/run.sh alternates this command with docxtemplater's
// bench-dt.js, three times each, and prints the medians.
package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"archive/zip"

	"github.com/esante/labelkit/render"
)

func main() {
	dir := flag.String("dir", "../shared/bench/peers", "folder holding bench-go.docx, data.json and expected.txt")
	n := flag.Int("n", 1000, "number of documents to render after the cold one")
	out := flag.String("out", os.TempDir(), "folder where sample-go.docx is written")
	asJSON := flag.Bool("json", false, "also print one line RESULT {...}")
	flag.Parse()
	if err := run(*dir, *out, *n, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run(dir, out string, n int, asJSON bool) error {
	tmplBytes, err := os.ReadFile(filepath.Join(dir, "bench-go.docx"))
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(filepath.Join(dir, "data.json"))
	if err != nil {
		return err
	}
	var data map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		return fmt.Errorf("data.json: %w", err)
	}
	expected, err := os.ReadFile(filepath.Join(dir, "expected.txt"))
	if err != nil {
		return err
	}

	// Cold document: parse the template, then execute it once.
	start := time.Now()
	t, err := render.Parse(bytes.NewReader(tmplBytes), int64(len(tmplBytes)))
	if err != nil {
		return err
	}
	var first bytes.Buffer
	if err := t.Execute(&first, data); err != nil {
		return err
	}
	coldMs := ms(time.Since(start))
	sample := filepath.Join(out, "sample-go.docx")
	if err := os.WriteFile(sample, first.Bytes(), 0o644); err != nil {
		return err
	}
	if err := check(first.Bytes(), string(expected)); err != nil {
		return fmt.Errorf("%s: %w", sample, err)
	}

	per := make([]float64, n)
	var buf bytes.Buffer
	all := time.Now()
	for i := range n {
		s := time.Now()
		buf.Reset()
		if err := t.Execute(&buf, data); err != nil {
			return err
		}
		per[i] = ms(time.Since(s))
	}
	total := time.Since(all).Seconds()
	slices.Sort(per)
	q := func(p float64) float64 { return per[min(n-1, max(0, int(float64(n)*p+0.999999)-1))] }
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)

	fmt.Printf("labelkit render (%s, GOMAXPROCS=%d): output checked against expected.txt\n", runtime.Version(), runtime.GOMAXPROCS(0))
	fmt.Printf("1st doc (cold, parse + execute): %.2f ms, %d bytes\n", coldMs, first.Len())
	fmt.Printf("%d docs: %.3f s, %.1f docs/s, median %.3f ms, p99 %.3f ms\n", n, total, float64(n)/total, q(0.5), q(0.99))
	fmt.Printf("peak RSS: %.1f MiB\n", float64(ru.Maxrss)/1024)
	if asJSON {
		b, _ := json.Marshal(map[string]any{
			"engine": "labelkit render " + runtime.Version(), "n": n, "first_doc_ms": coldMs,
			"total_s": total, "docs_per_s": float64(n) / total, "median_ms": q(0.5), "p99_ms": q(0.99),
			"peak_rss_mib": float64(ru.Maxrss) / 1024, "out_zip_bytes": first.Len(),
		})
		fmt.Printf("RESULT %s\n", b)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// check compares the text of docx (one line per w:p: its w:t text, in
// document order) with want, as the peers README's "Output check" says.
func check(docx []byte, want string) error {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return err
	}
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			doc, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
		}
	}
	var lines []string
	var cur strings.Builder
	inT, inP := false, false
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("word/document.xml: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				inP = true
				cur.Reset()
			case "t":
				inT = inP
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				lines = append(lines, cur.String())
				inP = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(tok)
			}
		}
	}
	wantLines := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	for i := range max(len(lines), len(wantLines)) {
		var got, exp string
		if i < len(lines) {
			got = lines[i]
		}
		if i < len(wantLines) {
			exp = wantLines[i]
		}
		if got != exp {
			return fmt.Errorf("text differs from expected.txt at line %d:\n got  %q\n want %q", i+1, got, exp)
		}
	}
	return nil
}
