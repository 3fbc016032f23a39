//go:build !unix

package main

import (
	"os"

	"github.com/esante/labelkit/internal/untyped"
)

// readData reads the data file at path, at most maxDataSize+1 bytes.
func readData(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return untyped.ReadAll(f, size, maxDataSize)
}
