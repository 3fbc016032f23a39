//go:build linux

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the whole file system holding f to disk: syncfs(2). One
// call makes every output written so far durable, however many there are.
func syncFS(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.Syncfs(int(fd)) }); err != nil {
		return err
	}
	return serr
}
