package render

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestDeterminism renders the same template and data under different
// GOMAXPROCS, time zones and concurrently: the bytes never change.
func TestDeterminism(t *testing.T) {
	tmpl, data := benchInputs(t)
	render := func() []byte {
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, data); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want := render()
	openDocx(t, want)

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer func(l *time.Location) { time.Local = l }(time.Local)
	for i, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		time.Local = time.FixedZone("test", (i*7-11)*3600)
		if got := render(); !bytes.Equal(got, want) {
			t.Fatalf("GOMAXPROCS=%d: output differs", procs)
		}
	}
	// Concurrent executions of one *Template (run with -race).
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				var buf bytes.Buffer
				if err := tmpl.Execute(&buf, data); err != nil {
					errs <- err.Error()
					return
				}
				if !bytes.Equal(buf.Bytes(), want) {
					errs <- "concurrent output differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	// A second parse of the same template gives the same bytes.
	tmpl2, _ := benchInputs(t)
	var buf bytes.Buffer
	if err := tmpl2.Execute(&buf, data); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatal("output differs between two parses")
	}
}

// TestMapOrder: a template that reads a map every way a template can
// (range, keys, printing it whole, toJson) gives the same bytes each time,
// although Go iterates over maps in a random order.
func TestMapOrder(t *testing.T) {
	m := map[string]any{}
	for i := range 200 {
		m[fmt.Sprintf("k%03d", (i*37)%200)] = i
	}
	tmpl := mustParse(t, spec{body: p(`{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}`) + p(`{{keys .m | join ","}}`) +
		p(`{{.m}}`) + p(`{{toJson .m}}`)})
	var want []byte
	for i := range 20 {
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, map[string]any{"m": m}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = buf.Bytes()
		} else if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("rendering %d differs from the first", i)
		}
	}
}
