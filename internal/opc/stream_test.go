package opc

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math/rand/v2"
	"regexp"
	"testing"
)

// refBits is the plain bit writer the Stream's coding is checked against:
// one put per code, flushed 32 bits at a time.
type refBits struct {
	buf []byte
	acc uint64
	n   uint
}

func (w *refBits) put(v uint64, nb uint) {
	w.acc |= v << w.n
	w.n += nb
	if w.n >= 32 {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

func (w *refBits) append(b []byte, nbits int) {
	for nbits >= 8 {
		w.put(uint64(b[0]), 8)
		b, nbits = b[1:], nbits-8
	}
	if nbits > 0 {
		w.put(uint64(b[0])&(1<<nbits-1), uint(nbits))
	}
}

func (w *refBits) literal(c *codes, b byte) { w.put(uint64(c.lit[b].code), uint(c.lit[b].len)) }

func (w *refBits) match(c *codes, length, dist int) {
	lc := lenCode[length]
	h := c.lit[257+int(lc)]
	w.put(uint64(h.code), uint(h.len))
	w.put(uint64(length-int(lenBase[lc])), uint(lenExtra[lc]))
	dc := distCode(dist)
	h = c.dist[dc]
	w.put(uint64(h.code), uint(h.len))
	w.put(uint64(dist-int(distBase[dc])), uint(distExtra[dc]))
}

// refStream codes ops as Stream does (see streamBytes), the plain way:
// byte by byte comparisons, one CRC update per write.
func refStream(p *Prepared, ops []int, dyn [][]byte) ([]byte, uint32) {
	var bw refBits
	var hist []byte
	var head [dynHash]int
	for i := range head {
		head[i] = -1
	}
	last := make([]int, p.Len())
	for i := range last {
		last[i] = -1
	}
	crc := uint32(0)
	bw.put(0b100, 3)
	bw.append(p.header, p.headerBits)
	for _, op := range ops {
		if op >= 0 {
			t := &p.texts[op]
			start := len(hist)
			for _, pc := range t.pieces {
				bw.append(pc.bits, pc.nbits)
				if pc.src < 0 {
					break
				}
				d := -1
				if at := last[pc.src]; at >= 0 {
					d = start + pc.off - (at + pc.srcOff)
				}
				if d > 0 && d <= window {
					bw.match(&p.codes, pc.n, d)
				} else {
					for _, b := range t.data[pc.off : pc.off+pc.n] {
						bw.literal(&p.codes, b)
					}
				}
			}
			last[op] = start
			hist = append(hist, t.data...)
			crc = crc32.Update(crc, crc32.IEEETable, t.data)
			continue
		}
		d := dyn[-op-1]
		base := len(hist)
		hist = append(hist, d...)
		for g := base; g < len(hist); {
			if g+minMatch <= len(hist) {
				k := hash4(binary.LittleEndian.Uint32(hist[g:])) & (dynHash - 1)
				c := head[k]
				head[k] = g
				if c >= 0 && g-c <= window {
					n := 0
					for n < min(maxMatch, len(hist)-g) && hist[c+n] == hist[g+n] {
						n++
					}
					if n >= minMatch {
						bw.match(&p.codes, n, g-c)
						g += n
						continue
					}
				}
			}
			bw.literal(&p.codes, hist[g])
			g++
		}
		crc = crc32.Update(crc, crc32.IEEETable, d)
	}
	eob := p.codes.lit[256]
	bw.put(uint64(eob.code), uint(eob.len))
	bw.put(0b011, 3)
	bw.put(0, 7)
	for bw.n > 0 {
		bw.buf = append(bw.buf, byte(bw.acc))
		bw.acc >>= 8
		bw.n -= min(bw.n, 8)
	}
	return bw.buf, crc
}

// TestStreamSameAsPlain checks the Stream's coding bit for bit against
// the plain one, on random texts and values (many matches, within and
// across texts and values, some far, some past the kept history).
func TestStreamSameAsPlain(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func(n int) []byte {
		b := make([]byte, n)
		for j := range b {
			b[j] = "abc<>/w:\"é"[r.IntN(10)]
		}
		return b
	}
	for iter := range 300 {
		texts := make([][]byte, 1+r.IntN(12))
		for i := range texts {
			texts[i] = word(1 + r.IntN(3000))
		}
		p := Prepare(texts)
		dyn := [][]byte{[]byte("valeur"), bytes.Repeat([]byte("z"), 1+r.IntN(70000)), word(r.IntN(500)), {}, word(r.IntN(40))}
		var ops []int
		for range r.IntN(80) {
			if r.IntN(3) == 0 {
				ops = append(ops, -1-r.IntN(len(dyn)))
			} else {
				ops = append(ops, r.IntN(len(texts)))
			}
		}
		got, gotCRC, want := streamBytes(p, ops, dyn)
		ref, refCRC := refStream(p, ops, dyn)
		if !bytes.Equal(got, ref) || gotCRC != refCRC {
			t.Fatalf("iteration %d: %d bytes (crc %08x), plain coding %d (crc %08x)", iter, len(got), gotCRC, len(ref), refCRC)
		}
		if iter < 20 {
			if in := inflate(t, got); !bytes.Equal(in, want) {
				t.Fatalf("iteration %d: round trip differs", iter)
			}
		}
	}
}

// benchStream splits the benchmark document's main part into the markup
// between text nodes (prepared) and the text nodes' contents (written as
// values), as render does with a template.
func benchStream(tb testing.TB) (*Prepared, []int, [][]byte) {
	doc := benchParts(tb).Part("word/document.xml").Data
	var texts, dyn [][]byte
	var ops []int
	at := 0
	for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllSubmatchIndex(doc, -1) {
		texts = append(texts, doc[at:m[2]])
		dyn = append(dyn, doc[m[2]:m[3]])
		ops = append(ops, len(texts)-1, -len(dyn))
		at = m[3]
	}
	texts = append(texts, doc[at:])
	ops = append(ops, len(texts)-1)
	return Prepare(texts), ops, dyn
}

func TestStreamBench(t *testing.T) {
	p, ops, dyn := benchStream(t)
	got, crc, want := streamBytes(p, ops, dyn)
	ref, refCRC := refStream(p, ops, dyn)
	if !bytes.Equal(got, ref) || crc != refCRC {
		t.Fatal("the Stream's coding differs from the plain one")
	}
	if in := inflate(t, got); !bytes.Equal(in, want) {
		t.Fatal("round trip differs")
	}
}

// BenchmarkStream codes the benchmark document's main part, its text
// nodes' contents written as values.
func BenchmarkStream(b *testing.B) {
	p, ops, dyn := benchStream(b)
	var n int64
	for _, op := range ops {
		if op >= 0 {
			n += int64(len(p.Text(op)))
		} else {
			n += int64(len(dyn[-op-1]))
		}
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		s := p.Stream()
		for _, op := range ops {
			if op >= 0 {
				s.WriteText(op)
			} else {
				s.Write(dyn[-op-1])
			}
		}
		s.finish()
		s.Release()
	}
}
