package templates

import (
	"testing"

	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/render"
)

// BenchmarkParseAgreement parses the default template as Get does, without
// its cache: what a process pays once before its first agreement.
func BenchmarkParseAgreement(b *testing.B) {
	fsys, err := FS(DefaultName)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render.ParseFS(fsys, render.Funcs(frfuncs.FuncMap())); err != nil {
			b.Fatal(err)
		}
	}
}
