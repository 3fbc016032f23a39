//go:build !linux

package main

import (
	"errors"
	"os"
)

// createUnnamed: unnamed files are Linux's (O_TMPFILE); ok is false.
func createUnnamed(dir *os.File, name string) (f *os.File, ok bool, err error) {
	return nil, false, nil
}

func linkUnnamed(f, dir *os.File, name string) error { return errors.ErrUnsupported }
