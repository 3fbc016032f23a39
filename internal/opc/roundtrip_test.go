package opc

import (
	"bytes"
	"os"
	"testing"
)

func TestQuickBench(t *testing.T) {
	b, err := os.ReadFile("/work/shared/bench/peers/bench-go.docx")
	if err != nil {
		t.Skip(err)
	}
	p, err := ReadZip(bytes.NewReader(b), int64(len(b)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range p.Parts {
		t.Logf("%s %d %q raw=%v", pt.Name, len(pt.Data), p.ContentType(pt.Name), pt.raw != nil)
	}
	m, err := p.MainDocument()
	t.Log(m, err)
	rels, err := p.Related(m)
	t.Log(rels, err)
	var out bytes.Buffer
	w := NewWriter(&out)
	for _, pt := range p.Parts {
		if err := w.CopyPart(pt); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	t.Log(len(b), out.Len())
	if _, err := ReadZip(bytes.NewReader(out.Bytes()), int64(out.Len()), Limits{}); err != nil {
		t.Fatal(err)
	}
}
