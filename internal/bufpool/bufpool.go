// Package bufpool recycles the byte buffers documents are built in: a batch
// builds thousands of documents, and a fresh buffer would grow by doubling
// to the document's size each time.
package bufpool

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxKept is the largest buffer Put keeps: a larger one, left by an unusual
// document, is left to the garbage collector rather than kept alive.
const maxKept = 4 << 20

// Get returns an empty buffer.
func Get() *bytes.Buffer {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// Put gives b back for reuse, unless it is nil or larger than maxKept. b
// must not be used afterwards.
func Put(b *bytes.Buffer) {
	if b != nil && b.Cap() <= maxKept {
		pool.Put(b)
	}
}
