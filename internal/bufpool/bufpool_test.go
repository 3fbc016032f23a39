package bufpool

import "testing"

func TestGetIsEmpty(t *testing.T) {
	b := Get()
	b.WriteString("left over")
	Put(b)
	for range 10 {
		if b := Get(); b.Len() != 0 {
			t.Fatalf("Get returned %d bytes", b.Len())
		}
	}
	Put(nil) // allowed
}
