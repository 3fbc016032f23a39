//go:build linux

package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// adviseHugePages asks the kernel to back the whole huge pages inside b with
// huge pages (madvise MADV_HUGEPAGE). The advice belongs to the mapping, so
// it stays when the runtime later releases and reuses these pages. Errors
// are ignored: a kernel without transparent huge pages keeps 4 KiB pages.
func adviseHugePages(b []byte) {
	start, end := hugeRange(uintptr(unsafe.Pointer(unsafe.SliceData(b))), len(b))
	if start < end {
		_ = unix.Madvise(b[start:end], unix.MADV_HUGEPAGE)
	}
}
