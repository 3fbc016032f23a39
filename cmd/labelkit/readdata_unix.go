//go:build unix

package main

import (
	"io"
	"os"
	"syscall"

	"github.com/esante/labelkit/internal/untyped"
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
	size := int64(-1)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		size = st.Size
	}
	b, err := untyped.ReadAll(fdReader(fd), size, maxDataSize)
	if err != nil {
		return nil, &os.PathError{Op: "read", Path: path, Err: err}
	}
	return b, nil
}

// fdReader reads a file descriptor with read(2).
type fdReader int

func (fd fdReader) Read(b []byte) (int, error) {
	var n int
	err := retryEINTR(func() (err error) {
		n, err = syscall.Read(int(fd), b)
		return err
	})
	if n == 0 && err == nil && len(b) > 0 {
		return 0, io.EOF
	}
	return max(n, 0), err
}

// retryEINTR calls f again while it is interrupted by a signal.
func retryEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
