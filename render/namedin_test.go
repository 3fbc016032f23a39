package render

import (
	"maps"
	"slices"
	"testing"
	"text/template"
)

// TestNamedIn: the functions kept are those named in actions only, names
// written in any script included; the parse of a part whose functions
// namedIn missed is redone with all of them (the golden and differential
// tests cover the outputs).
func TestNamedIn(t *testing.T) {
	f := func() {}
	funcs := template.FuncMap{"upper": f, "été": f, "printf": f, "lower": f, "x": f, "b": f}
	src := "b lower\x01 upper .x | été \x02 b lower \x01printf\"x\"\x02 lower \x01 trailing b"
	got := slices.Sorted(maps.Keys(namedIn(src, funcs)))
	if want := []string{"b", "printf", "upper", "x", "été"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
