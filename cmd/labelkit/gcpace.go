package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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
	reserved int64 // added to batchMemoryLimit by reserveHeap
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
		gcPace.memLimit = debug.SetMemoryLimit(batchMemoryLimit + gcPace.reserved)
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

// minReserve is the least heap worth a reservation: smaller data fits in
// batchMemoryLimit's margin, and a batch of small documents does not take
// the lock for each.
const minReserve = 8 << 20

// reserveHeap raises the batch's memory limit by n bytes until release is
// called, for a document whose data takes about n bytes decoded: above the
// limit the collector runs back to back (fill data of 1,990,000 strings in
// 30 MiB decoded in 3.85 CPU-seconds under the 48 MiB limit, 1.85 without
// a limit). It does nothing when n is small or the batch pacing is not in
// force (no batch, or GOGC or GOMEMLIMIT set by the user).
func reserveHeap(n int64) (release func()) {
	if n < minReserve {
		return func() {}
	}
	gcPace.mu.Lock()
	defer gcPace.mu.Unlock()
	if gcPace.users == 0 {
		return func() {}
	}
	gcPace.reserved += n
	debug.SetMemoryLimit(batchMemoryLimit + gcPace.reserved)
	var once sync.Once
	return func() {
		once.Do(func() {
			gcPace.mu.Lock()
			defer gcPace.mu.Unlock()
			gcPace.reserved -= n
			if gcPace.users > 0 {
				debug.SetMemoryLimit(batchMemoryLimit + gcPace.reserved)
			}
		})
	}
}

// parseRoom is the room reserved while a user's template is parsed: a
// template of 100,000 actions holds about 130 MB at once while it parses,
// and under batchMemoryLimit the collector ran back to back (labelkit vars
// of 99,999 runs each holding an action: 2.5 CPU-seconds instead of 1.0).
// An ordinary template allocates a few megabytes: no collection either way.
const parseRoom = 256 << 20

// holdHeap reserves, for the rest of the run (the template lives as long
// as the command), the heap in use once a template is parsed: an upper
// bound of what the template holds (its parts, compiled source and
// prepared text), which the documents' work comes on top of. It returns
// the bytes reserved (0 when reserveHeap does nothing).
func holdHeap() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	n := int64(s[0].Value.Uint64())
	gcPace.mu.Lock()
	active := gcPace.users > 0
	gcPace.mu.Unlock()
	if !active || n < minReserve {
		return 0
	}
	reserveHeap(n)
	return n
}

// Heap room for batches.
//
// On some virtual machines the first touch of each 4 KiB page costs the
// kernel far more than the work done in it (see BENCH.md), and a batch
// touches its heap's pages as the heap grows to the size batchGCPercent
// allows. makeHeapRoom grows the heap once, by heapRoom, into pages the
// kernel may back with 2 MiB huge pages, and frees it at once: the
// template's parse and the documents then reuse those pages, a fault per
// 2 MiB instead of per 4 KiB. It costs one collection while the heap is
// almost empty, so only batches of at least roomBatch inputs get it.
const (
	heapRoom     = 32 << 20
	roomBatch    = 64
	hugePageSize = 2 << 20 // x86-64 and arm64 with 4 KiB pages
)

// makeHeapRoom gives a batch of n inputs its heap room (see above).
func makeHeapRoom(n int) {
	if n < roomBatch {
		return
	}
	adviseHugePages(make([]byte, heapRoom))
	runtime.GC() // frees the room for reuse: nothing refers to it any more
}

// hugeRange is the part [start, end) of the n bytes at p made of whole,
// aligned huge pages.
func hugeRange(p uintptr, n int) (start, end int) {
	start = int((p+hugePageSize-1)&^(hugePageSize-1) - p)
	if start >= n || n-start < hugePageSize {
		return 0, 0
	}
	return start, start + (n-start)/hugePageSize*hugePageSize
}
