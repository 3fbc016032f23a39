package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// Not parallel: the GC settings are the process's.
func TestPaceGC(t *testing.T) {
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
