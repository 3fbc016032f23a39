package textpos

import (
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/costtest"
)

func TestPos(t *testing.T) {
	src := []byte("ab\né€x\n\nz")
	for _, tc := range []struct{ off, line, col int }{
		{-3, 1, 1}, {0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {8, 2, 3}, {9, 2, 4},
		{10, 3, 1}, {11, 4, 1}, {12, 4, 2}, {99, 4, 2},
	} {
		if l, c := Pos(src, tc.off); l != tc.line || c != tc.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
		// the index agrees, whatever the order of the questions
		x := New(src)
		for _, o := range []int{tc.off, 1, tc.off, 12, tc.off} {
			wl, wc := Pos(src, o)
			if l, c := x.Pos(o); l != wl || c != wc {
				t.Errorf("Index.Pos(%d) = %d:%d, want %d:%d", o, l, c, wl, wc)
			}
		}
	}
}

// TestLinear asks for every offset of a 4 MB one-line text: quadratic
// counting would take hours.
func TestLinear(t *testing.T) {
	src := []byte(strings.Repeat("é", 2<<20))
	x := New(src)
	costtest.Run(t, 1<<20, func() {
		for off := 0; off <= len(src); off += 2 {
			if _, c := x.Pos(off); c != off/2+1 {
				t.Fatalf("Pos(%d) column %d", off, c)
			}
		}
	})
}
