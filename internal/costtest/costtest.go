// Package costtest measures what a piece of code costs, for the tests that
// feed hostile inputs to the decoders and the template engine: each must end
// fast, having allocated a bounded amount of memory.
package costtest

import (
	"runtime"
	"testing"
	"time"
)

// MaxTime bounds the CPU time (the process's, user and system, where the
// system tells it; else the wall time) of one measured call. The bound the
// hostile-input tests defend is 2 s on the project machine; the race
// detector makes code up to ten times slower, and a quadratic cost still
// blows far past it.
const MaxTime = 20 * time.Second

// raceAlloc multiplies the allocation bound under the race detector:
// sync.Pool then drops items at random, so code that reuses pooled state
// (regexp's backtracker, buffers) allocates again and again, though what it
// holds at once does not grow.
const raceAlloc = 10

// Run calls f and fails t if it took longer than MaxTime or allocated more
// than maxAlloc bytes in all (the total allocated bounds the peak; raceAlloc
// times more under the race detector). It returns what f allocated.
func Run(t testing.TB, maxAlloc uint64, f func()) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start, cpu0 := time.Now(), cpuTime()
	f()
	wall, d := time.Since(start), cpuTime()-cpu0
	if cpu0 < 0 {
		d = wall
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%v CPU (%v wall), %d MB allocated", d.Round(time.Millisecond), wall.Round(time.Millisecond), alloc>>20)
	if Race {
		maxAlloc *= raceAlloc
	}
	if alloc > maxAlloc {
		t.Errorf("allocated %d MB, more than %d MB", alloc>>20, maxAlloc>>20)
	}
	if d > MaxTime {
		t.Errorf("took %v, more than %v", d, MaxTime)
	}
	return alloc
}
