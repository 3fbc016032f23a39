//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockTemp takes an advisory lock on a temporary file of ours while it is
// open, so that a concurrent run's stale-file sweep (removeStale) leaves it
// alone. The lock goes with the process.
func lockTemp(f *os.File) {
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { unix.Flock(int(fd), unix.LOCK_EX|unix.LOCK_NB) })
	}
}

// lockedByOther reports whether another process holds the lock of the file
// at name in root.
func lockedByOther(root *os.Root, name string) bool {
	f, err := root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	rc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	locked := false
	rc.Control(func(fd uintptr) {
		if unix.Flock(int(fd), unix.LOCK_EX|unix.LOCK_NB) != nil {
			locked = true
		}
	})
	return locked
}
