package main

import (
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
