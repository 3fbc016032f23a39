//go:build unix

package main

import (
	"os"
	"syscall"
)

// readData reads the data file at path, at most maxDataSize+1 bytes, with
// an open, a stat and a read of the file's size. os.Open would also put the
// file in non-blocking mode, offer it to the poller and take it back: five
// more system calls for each document of a batch.
func readData(path string) ([]byte, error) {
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	size := 512
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		size = int(min(st.Size, maxDataSize)) + 1 // +1: the read that finds the end
	}
	b := make([]byte, 0, size)
	for len(b) <= maxDataSize {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		var n int
		err := retryEINTR(func() (err error) {
			n, err = syscall.Read(fd, b[len(b):min(cap(b), maxDataSize+1)])
			return err
		})
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break
		}
		b = b[:len(b)+n]
	}
	return b, nil
}

// retryEINTR calls f again while it is interrupted by a signal.
func retryEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
