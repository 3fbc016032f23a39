package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/costtest"
)

// noReservations sets aside, for a test of exact limits, the room other
// tests of the process left reserved (holdHeap's is never given back).
func noReservations(t *testing.T) {
	gcPace.mu.Lock()
	saved := gcPace.reserved
	gcPace.reserved = 0
	gcPace.mu.Unlock()
	t.Cleanup(func() {
		gcPace.mu.Lock()
		gcPace.reserved += saved
		gcPace.mu.Unlock()
	})
}

// Not parallel: the GC settings are the process's.
func TestPaceGC(t *testing.T) {
	noReservations(t)
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	noEnv := func(string) string { return "" }

	restore := paceGC(noEnv)
	inner := paceGC(noEnv) // a second batch in the same process
	if got := debug.SetGCPercent(batchGCPercent); got != batchGCPercent {
		t.Errorf("GC percent during a batch = %d, want %d", got, batchGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != batchMemoryLimit {
		t.Errorf("memory limit during a batch = %d, want %d", got, batchMemoryLimit)
	}
	inner()
	if got := debug.SetGCPercent(batchGCPercent); got != batchGCPercent {
		t.Errorf("GC percent restored while a batch still runs: %d", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the batches = %d, want 100", got)
	}

	userSet := func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	}
	restore = paceGC(userSet)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent with GOGC set = %d, want it left at 100", got)
	}
	restore()
}

// Not parallel: the memory limit is the process's.
func TestReserveHeap(t *testing.T) {
	noReservations(t)
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	noEnv := func(string) string { return "" }
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	outside := limit()

	// no batch: nothing to raise
	reserveHeap(100 << 20)()
	if got := limit(); got != outside {
		t.Fatalf("limit %d outside a batch", got)
	}
	restore := paceGC(noEnv)
	small := reserveHeap(minReserve - 1)
	if got := limit(); got != batchMemoryLimit {
		t.Errorf("small data: limit %d, want %d", got, batchMemoryLimit)
	}
	a := reserveHeap(100 << 20)
	b := reserveHeap(50 << 20)
	if got, want := limit(), int64(batchMemoryLimit+150<<20); got != want {
		t.Errorf("two documents in flight: limit %d, want %d", got, want)
	}
	a()
	a() // once only
	if got, want := limit(), int64(batchMemoryLimit+50<<20); got != want {
		t.Errorf("one released: limit %d, want %d", got, want)
	}
	b()
	small()
	if got := limit(); got != batchMemoryLimit {
		t.Errorf("all released: limit %d, want %d", got, batchMemoryLimit)
	}
	restore()
	if got := limit(); got != outside {
		t.Errorf("after the batch: limit %d, want %d", got, outside)
	}
	// the heap a parsed template holds
	restore = paceGC(noEnv)
	held := make([]byte, 32<<20)
	base := limit()
	n := holdHeap()
	if n < int64(len(held)) || limit() != base+n {
		t.Errorf("holdHeap reserved %d bytes (32 MiB in use): limit %d -> %d", n, base, limit())
	}
	runtime.KeepAlive(held)
	gcPace.mu.Lock()
	gcPace.reserved -= n // what a run never gives back
	gcPace.mu.Unlock()
	restore()
	// GOMEMLIMIT set by the user: left alone
	restore = paceGC(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	reserveHeap(100 << 20)()
	if got := limit(); got != outside {
		t.Errorf("with GOMEMLIMIT set: limit %d, want %d", got, outside)
	}
	restore()
}

// TestPacedCollections: a large template or data file, loaded under the
// batch pacing, runs a few collections, not one after the other above the
// soft memory limit (99,999 actions parsed under the bare 48 MiB limit ran
// 52 collections and took 3 CPU-seconds instead of 1).
func TestPacedCollections(t *testing.T) {
	if costtest.Race {
		t.Skip("counts collections: run without -race")
	}
	noReservations(t)
	dir := t.TempDir()
	for name, data := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>` +
			strings.Repeat(`<w:r><w:t>{{.x}}</w:t></w:r>`, 99_999) + `</w:p></w:body></w:document>`,
	} {
		p := filepath.Join(dir, "tpl", name)
		os.MkdirAll(filepath.Dir(p), 0o777)
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	var keys strings.Builder
	keys.WriteString(`{"a":{`)
	for i := range maxDataValues/2 - 10 {
		if i > 0 {
			keys.WriteString(",")
		}
		fmt.Fprintf(&keys, `"k%07d":"abcdefghijklmnopqrstuvwxyz"`, i)
	}
	keys.WriteString("}}")

	defer paceGC(func(string) string { return "" })()
	collections := func(f func()) uint32 {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		f()
		runtime.ReadMemStats(&m1)
		return m1.NumGC - m0.NumGC
	}
	n := collections(func() {
		_, release, err := loadDataHeap(strings.NewReader(keys.String()), "json")
		release()
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("data of %d keys: %d collections", maxDataValues/2-10, n)
	if n > 15 {
		t.Errorf("decoding the data ran %d collections", n)
	}
	n = collections(func() {
		if _, _, err := loadTemplate(filepath.Join(dir, "tpl")); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("template of 99,999 actions: %d collections", n)
	if n > 15 {
		t.Errorf("parsing the template ran %d collections", n)
	}
	gcPace.mu.Lock()
	gcPace.reserved = 0 // holdHeap's, which a run never gives back
	debug.SetMemoryLimit(batchMemoryLimit)
	gcPace.mu.Unlock()
}

func TestHugeRange(t *testing.T) {
	const h = hugePageSize
	for _, c := range []struct {
		p          uintptr
		n          int
		start, end int
	}{
		{0, 0, 0, 0},
		{h, h, 0, h},                      // exactly one aligned page
		{h, 3*h - 1, 0, 2 * h},            // the tail is not a whole page
		{h - 4096, h, 0, 0},               // straddles a boundary: no whole page
		{h - 4096, 2 * h, 4096, h + 4096}, // starts at the next boundary
		{h + 1, h, 0, 0},
		{5*h + 8192, 16 * h, h - 8192, 16*h - 8192},
	} {
		start, end := hugeRange(c.p, c.n)
		if start != c.start || end != c.end {
			t.Errorf("hugeRange(%#x, %d) = %d, %d; want %d, %d", c.p, c.n, start, end, c.start, c.end)
		}
		if start < end && ((c.p+uintptr(start))%h != 0 || (end-start)%h != 0 || end > c.n) {
			t.Errorf("hugeRange(%#x, %d) = %d, %d: not whole aligned pages inside", c.p, c.n, start, end)
		}
	}
}
