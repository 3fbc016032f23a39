//go:build !unix

package main

import (
	"io"
	"os"
)

// readData reads the data file at path, at most maxDataSize+1 bytes.
func readData(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxDataSize+1))
}
