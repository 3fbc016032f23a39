package main

import (
	"runtime/debug"
	"sync"
)

// Garbage-collector pacing for batches.
//
// A batch keeps little alive (the parsed template, the pools, the outputs in
// flight) and allocates much per document (decoding, template execution),
// so with the default GOGC=100 the heap goal stays small and a collection
// runs every few documents (figures in BENCH.md). Each one costs more with
// two cores than with one
// (mark workers and assists on both Ps, futex wake-ups, sync.Pool caches
// emptied, so the deflate writers and buffers are allocated afresh, cleared
// and later returned to the OS by the scavenger: memclrNoHeapPointers,
// madvise). batchGCPercent spaces collections out; batchMemoryLimit is the
// safety net that keeps the heap, whatever the template and outputs, well
// under the 64 MiB budget of BENCH.md (the runtime collects more often as
// it nears the limit). The gain and its cost in memory are measured in
// BENCH.md.
//
// Both are left alone when the user set GOGC or GOMEMLIMIT.
const (
	batchGCPercent   = 400
	batchMemoryLimit = 48 << 20
)

var gcPace struct {
	mu       sync.Mutex
	users    int   // batches running (tests run several in one process)
	percent  int   // settings to restore when the last one ends
	memLimit int64 // idem
}

// paceGC sets the batch GC pacing, unless getenv shows GOGC or GOMEMLIMIT,
// and returns the function that restores the previous settings (once every
// batch that called paceGC has ended).
func paceGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gcPace.mu.Lock()
	defer gcPace.mu.Unlock()
	if gcPace.users == 0 {
		gcPace.percent = debug.SetGCPercent(batchGCPercent)
		gcPace.memLimit = debug.SetMemoryLimit(batchMemoryLimit)
	}
	gcPace.users++
	return func() {
		gcPace.mu.Lock()
		defer gcPace.mu.Unlock()
		gcPace.users--
		if gcPace.users == 0 {
			debug.SetGCPercent(gcPace.percent)
			debug.SetMemoryLimit(gcPace.memLimit)
		}
	}
}
