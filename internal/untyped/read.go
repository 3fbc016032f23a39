package untyped

import "io"

// ReadAll reads r to its end, at most max+1 bytes (enough to know the input
// is larger than max). size is the input's size when known (a file's), or
// -1: the buffer then starts at that size, so that a file takes one read and
// the one that finds its end, rather than io.ReadAll's reads from 512 bytes
// up. On an error it returns what it read and the error.
func ReadAll(r io.Reader, size int64, max int) ([]byte, error) {
	n := 512
	if size >= 0 {
		n = int(min(size, int64(max))) + 1
	}
	b := make([]byte, 0, n)
	for len(b) <= max {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):min(cap(b), max+1)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return b, err
		}
	}
	return b, nil
}
