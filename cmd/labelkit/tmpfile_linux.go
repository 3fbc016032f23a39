//go:build linux

package main

import (
	"errors"
	"os"
	"strconv"
	"sync"

	"golang.org/x/sys/unix"
)

// procFD reports whether /proc/self/fd is there, through which an unnamed
// file is given its name (linkat(2) with AT_EMPTY_PATH needs a privilege).
var procFD = sync.OnceValue(func() bool {
	_, err := os.Stat("/proc/self/fd")
	return err == nil
})

// createUnnamed creates an unnamed file in the folder dir (O_TMPFILE), for
// reading and writing. ok is false when the kernel or the file system
// cannot (err is then nil): the caller uses a named temporary file.
func createUnnamed(dir *os.File, name string) (f *os.File, ok bool, err error) {
	if !procFD() {
		return nil, false, nil
	}
	rc, err := dir.SyscallConn()
	if err != nil {
		return nil, false, nil
	}
	fd := -1
	var oerr error
	if err := rc.Control(func(dfd uintptr) {
		fd, oerr = unix.Openat(int(dfd), ".", unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o666)
	}); err != nil {
		return nil, false, nil
	}
	switch {
	case oerr == nil:
		return os.NewFile(uintptr(fd), name), true, nil
	case errors.Is(oerr, unix.EOPNOTSUPP), errors.Is(oerr, unix.EISDIR), errors.Is(oerr, unix.EINVAL), errors.Is(oerr, unix.ENOENT):
		return nil, false, nil // no O_TMPFILE here
	}
	return nil, true, oerr
}

// linkUnnamed gives f, made by createUnnamed, the name name in dir; the
// error is fs.ErrExist-compatible when name exists.
func linkUnnamed(f, dir *os.File, name string) error {
	frc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	drc, err := dir.SyscallConn()
	if err != nil {
		return err
	}
	var lerr error
	cerr := frc.Control(func(fd uintptr) {
		err := drc.Control(func(dfd uintptr) {
			lerr = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(fd)), int(dfd), name, unix.AT_SYMLINK_FOLLOW)
		})
		if lerr == nil {
			lerr = err
		}
	})
	if lerr == nil {
		lerr = cerr
	}
	return lerr
}
