package opc

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// streamBytes runs ops on a Stream of p (op >= 0: text op; op < 0: the
// dynamic bytes dyn[-op-1]) and returns the raw DEFLATE bytes, the CRC and
// the bytes the stream stands for.
func streamBytes(p *Prepared, ops []int, dyn [][]byte) ([]byte, uint32, []byte) {
	s := p.Stream()
	var want []byte
	for _, op := range ops {
		if op >= 0 {
			s.WriteText(op)
			want = append(want, p.Text(op)...)
		} else {
			s.Write(dyn[-op-1])
			want = append(want, dyn[-op-1]...)
		}
	}
	comp := bytes.Clone(s.finish())
	crc := s.crc
	s.Release()
	return comp, crc, want
}

func inflate(t testing.TB, comp []byte) []byte {
	t.Helper()
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(comp)))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return got
}

func TestPreparedRoundTrip(t *testing.T) {
	xml := `<w:p><w:pPr><w:pStyle w:val="Corps"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">`
	texts := [][]byte{
		[]byte(`<?xml version="1.0"?><w:document><w:body>` + xml),
		[]byte(`</w:t></w:r></w:p>` + xml + `Article 1 – Objet de la convention. `),
		[]byte(`</w:t></w:r></w:p>` + strings.Repeat(xml+"La société s'engage. </w:t></w:r></w:p>", 3)),
		[]byte(`x`),
		[]byte(`</w:body></w:document>`),
	}
	p := Prepare(texts)
	dyn := [][]byte{[]byte("Atelier Lefèvre & Fils"), {}, bytes.Repeat([]byte{0, 255, 7}, 40000)}
	for _, ops := range [][]int{
		{},
		{0, -1, 1, -1, 2, 4},
		{0, 1, 1, 1, 2, 2, 3, -1, 2, 4},
		{4, 3, 2, 1, 0},
		{0, -3, 1, 2, -3, 2, 4}, // far: references fall back to literals
		{-2, 3, -2},
		{0, -3, -1, -3, 1, -3, -1, -3, 2, -1, 1, 4}, // past the kept history: trimmed
	} {
		comp, crc, want := streamBytes(p, ops, dyn)
		got := inflate(t, comp)
		if !bytes.Equal(got, want) {
			t.Fatalf("ops %v: inflated %d bytes, want %d", ops, len(got), len(want))
		}
		if crc != crc32.ChecksumIEEE(want) {
			t.Fatalf("ops %v: crc", ops)
		}
		// Deterministic.
		again, _, _ := streamBytes(p, ops, dyn)
		if !bytes.Equal(again, comp) {
			t.Fatalf("ops %v: two streams differ", ops)
		}
	}
}

// TestPreparedRandom prepares random texts over a small alphabet (many
// matches, within and across texts) and writes them in random orders.
func TestPreparedRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 200; iter++ {
		texts := make([][]byte, 1+r.IntN(12))
		for i := range texts {
			b := make([]byte, 1+r.IntN(3000))
			for j := range b {
				b[j] = "abc<>/w:"[r.IntN(8)]
			}
			texts[i] = b
		}
		p := Prepare(texts)
		var ops []int
		dyn := [][]byte{[]byte("valeur"), bytes.Repeat([]byte("z"), 33000)}
		for range r.IntN(40) {
			if r.IntN(5) == 0 {
				ops = append(ops, -1-r.IntN(2))
			} else {
				ops = append(ops, r.IntN(len(texts)))
			}
		}
		comp, _, want := streamBytes(p, ops, dyn)
		if got := inflate(t, comp); !bytes.Equal(got, want) {
			t.Fatalf("iteration %d: round trip differs", iter)
		}
	}
}

func TestHuffLengthsLimited(t *testing.T) {
	// Fibonacci frequencies make the deepest Huffman trees.
	f := make([]int, 40)
	a, b := 1, 1
	for i := range f {
		f[i] = a
		a, b = b, a+b
	}
	for _, max := range []int{7, 15} {
		ls := huffLengths(f, max, new(huffWork))
		kraft := 0
		for _, l := range ls {
			if l == 0 || int(l) > max {
				t.Fatalf("length %d with max %d", l, max)
			}
			kraft += 1 << (max - int(l))
		}
		if kraft != 1<<max {
			t.Fatalf("max %d: Kraft sum %d, want %d", max, kraft, 1<<max)
		}
	}
}

func FuzzPrepared(f *testing.F) {
	f.Add([]byte("<w:t>a</w:t><w:t>b</w:t>"), []byte("x&y"), uint8(3))
	f.Fuzz(func(t *testing.T, text, dyn []byte, cut uint8) {
		// Texts: text cut in pieces; written in order with dyn between.
		var texts [][]byte
		step := int(cut) + 1
		for i := 0; i < len(text); i += step {
			texts = append(texts, text[i:min(len(text), i+step)])
		}
		p := Prepare(texts)
		var ops []int
		for i := range texts {
			ops = append(ops, i, -1, len(texts)-1-i)
		}
		comp, _, want := streamBytes(p, ops, [][]byte{dyn})
		if got := inflate(t, comp); !bytes.Equal(got, want) {
			t.Fatal("round trip differs")
		}
	})
}
