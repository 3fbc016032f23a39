//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// TestAdviseHugePages checks in /proc/self/smaps that the advice took: the
// mapping holding a room's first whole huge page may have huge pages.
func TestAdviseHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || bytes.Contains(mode, []byte("[never]")) {
		t.Skipf("transparent huge pages are off here (%q, %v)", mode, err)
	}
	b := make([]byte, heapRoom)
	adviseHugePages(b)
	start, _ := hugeRange(uintptr(unsafe.Pointer(&b[0])), len(b))
	p := uintptr(unsafe.Pointer(&b[start]))
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") {
			in = lo <= p && p < hi
			continue
		}
		if in && strings.HasPrefix(line, "THPeligible:") {
			if strings.TrimSpace(strings.TrimPrefix(line, "THPeligible:")) != "1" {
				t.Errorf("mapping of %#x: %s, want 1", p, line)
			}
			return
		}
	}
	t.Errorf("no THPeligible line for the mapping of %#x in /proc/self/smaps", p)
}
