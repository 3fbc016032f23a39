package labelkit

import (
	"bytes"
	"testing"
)

// BenchmarkRender renders the maximal agreement (validation included) into
// a reused buffer.
func BenchmarkRender(b *testing.B) {
	c := load(b, "testdata/inputs/maximal.toml")
	var buf bytes.Buffer
	if err := Render(&buf, c); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderBlank(b *testing.B) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := RenderBlank(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderNotification renders the notification of the largest
// realistic pair of testdata/changes.
func BenchmarkRenderNotification(b *testing.B) {
	old, new := loadPair(b, "testdata/changes/avenant-et-evolutions")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := RenderNotification(&buf, old, new, notificationDate); err != nil {
			b.Fatal(err)
		}
	}
}
