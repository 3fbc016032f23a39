package opc

import (
	"encoding/binary"
	"hash/crc32"
	"math/bits"
	"slices"
	"sync"
)

// Prepared holds the texts that a templated part repeats in every output
// (the text between its actions), compressed once: each text is turned
// into DEFLATE symbols when the template is parsed, back-references to
// earlier texts included, and coded in advance. An output (a Stream) then
// costs what copying those bits costs, plus coding the bytes that change
// (the printed values) and the back-references that reach into another
// text, whose distance depends on what was printed in between: they are
// resolved against where that text last appeared in this output, or
// written as literals when it did not appear or is too far. No output
// byte is ever compressed at execution time by a match finder.
//
// Each part is one DEFLATE block (RFC 1951) with a Huffman code fitted at
// parse time to the part's texts, in which every symbol has a code, then
// an empty final block. A Prepared is safe for concurrent use.
type Prepared struct {
	texts      []prepText
	codes      codes
	header     []byte // the block's code description, coded
	headerBits int
	pool       sync.Pool // of *Stream
}

// prepText is one text: its bytes, CRC-32, and its coded form as pieces.
type prepText struct {
	data   []byte
	pieces []piece
}

// piece is a run of coded symbols (bits, nbits), followed by a
// back-reference into another text (src >= 0) of length n copying
// text src's bytes from srcOff, for the bytes at off in this text.
type piece struct {
	bits   []byte
	nbits  int
	src    int
	srcOff int
	off    int
	n      int
}

// Tuning of the parse-time match finder: matches of minMatch bytes or
// more, maxChain candidates tried at each position.
const (
	minMatch = 4
	maxMatch = 258
	window   = 32768
	maxChain = 16
	hashBits = 15
)

// MaxPrepared is the most text Prepare takes: the parse-time work and
// memory (about five bytes per byte of text) stay bounded; a template part
// with more text is compressed at execution instead.
const MaxPrepared = 8 << 20

// Prepare codes texts, given in the order they appear in the template;
// it returns nil if they hold more than MaxPrepared bytes. texts must not
// change afterwards.
func Prepare(texts [][]byte) *Prepared {
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	if total > MaxPrepared {
		return nil
	}
	all := make([]byte, 0, total)
	starts := make([]int, len(texts)+1)
	for i, t := range texts {
		starts[i] = len(all)
		all = append(all, t...)
	}
	starts[len(texts)] = len(all)
	// owner returns the text holding byte g of all.
	owner := func(g int) int {
		i, _ := slices.BinarySearch(starts, g+1)
		return i - 1
	}
	// Hash chains over the last window bytes (zlib's scheme: prev is
	// indexed by position modulo the window), holding positions plus one:
	// zero is the end of a chain. The tables come cleared from a pool: a
	// template's parts, and the templates a process parses, share them.
	tables := chainPool.Get().(*chainTables)
	defer chainPool.Put(tables)
	head := tables.head[:]
	prev := tables.prev[:min(window, total)]
	clear(head)
	clear(prev)
	insert := func(g int) {
		if g+minMatch > len(all) {
			return
		}
		h := hash4(binary.LittleEndian.Uint32(all[g:]))
		prev[g&(window-1)] = head[h]
		head[h] = int32(g + 1)
	}

	// Pass 1: find the symbols of every text, counting them. The texts'
	// symbols are in one slice, text k's from tokAt[k] (one allocation,
	// not one per text).
	toks := make([]uint32, 0, total/3+len(texts))
	tokAt := make([]int, len(texts)+1)
	var cross []token
	var freq codeFreqs
	for k := range texts {
		start, end := starts[k], starts[k+1]
		tokAt[k] = len(toks)
		ts := toks
		for g := start; g < end; {
			bestLen, bestSrc, bestOwner := 0, -1, -1
			if g+minMatch <= end {
				h := hash4(binary.LittleEndian.Uint32(all[g:]))
				for c, tries := head[h], 0; c > 0 && tries < maxChain; c, tries = prev[int(c-1)&(window-1)], tries+1 {
					ci := int(c - 1)
					if g-ci > window || ci >= g {
						break
					}
					limit := min(maxMatch, end-g)
					n := matchLen(all[ci:ci+limit], all[g:g+limit])
					if n < bestLen {
						continue // shorter still once cut at its text's end
					}
					j := k
					if ci < start {
						j = owner(ci)
						n = min(n, starts[j+1]-ci)
					}
					// Prefer a match inside this text (its distance never
					// changes) over an equally long one elsewhere.
					if n > bestLen || (n == bestLen && n > 0 && j == k && bestOwner != k) {
						bestLen, bestSrc, bestOwner = n, ci, j
					}
				}
			}
			if bestLen < minMatch {
				ts = append(ts, uint32(all[g]))
				freq.lit[all[g]]++
				insert(g)
				g++
				continue
			}
			if j := bestOwner; j != k {
				ts = append(ts, tokCross|uint32(len(cross)))
				cross = append(cross, token{src: int32(j), srcOff: int32(bestSrc - starts[j]), off: int32(g - start), n: uint16(bestLen)})
			} else {
				ts = append(ts, tokMatch|uint32(bestLen)<<15|uint32(g-bestSrc-1))
			}
			freq.lit[257+int(lenCode[bestLen])]++
			freq.dist[distCode(g-bestSrc)]++
			for i := 0; i < bestLen; i++ {
				insert(g + i)
			}
			g += bestLen
		}
		toks = ts
	}
	tokAt[len(texts)] = len(toks)

	// Pass 2: one Huffman code for the part, fitted to its texts, with a
	// code for every symbol (the printed values may hold any byte).
	p := &Prepared{texts: make([]prepText, len(texts))}
	p.codes.build(&freq, &tables.huff)
	var bw bitWriter
	p.codes.writeHeader(&bw, &tables.huff)
	p.header, p.headerBits = bw.bytes(), bw.nbits()
	// The pieces' bits are slices of one buffer, capped so that none
	// grows into the next; a new buffer once one is full.
	var arena []byte
	bitsOf := func(w *bitWriter) []byte {
		if cap(arena)-len(arena) < len(w.buf)+8 {
			arena = make([]byte, 0, max(64<<10, len(w.buf)+8))
		}
		start := len(arena)
		arena = w.appendPadded(arena)
		return arena[start:len(arena):len(arena)]
	}
	// Every text has one piece per match into another text, plus its last:
	// all of them in one slice, each text's capped at its own.
	pieces := make([]piece, 0, len(cross)+len(texts))
	for k, t := range texts {
		pt := &p.texts[k]
		pt.data = t
		first := len(pieces)
		bw.reset()
		for _, tk := range toks[tokAt[k]:tokAt[k+1]] {
			switch {
			case tk&tokCross != 0:
				c := cross[tk&^tokCross]
				pieces = append(pieces, piece{bits: bitsOf(&bw), nbits: bw.nbits(), src: int(c.src), srcOff: int(c.srcOff), off: int(c.off), n: int(c.n)})
				bw.reset()
			case tk&tokMatch != 0:
				bw.match(&p.codes, int(tk>>15&0x1ff), int(tk&0x7fff)+1)
			default:
				bw.literal(&p.codes, byte(tk))
			}
		}
		pieces = append(pieces, piece{bits: bitsOf(&bw), nbits: bw.nbits(), src: -1})
		pt.pieces = pieces[first:len(pieces):len(pieces)]
	}
	return p
}

// Symbols of pass 1, one uint32 each: a literal byte; tokMatch with the
// length (bits 15-23) and the distance minus one (bits 0-14) of a match
// inside its text; tokCross with an index into the matches into other
// texts.
const (
	tokMatch = 1 << 31
	tokCross = 1 << 30
)

// token is a match into text src, from srcOff, for the n bytes at off.
type token struct {
	src    int32
	srcOff int32
	off    int32
	n      uint16
}

// chainTables are Prepare's hash chains, and the work space of its
// Huffman codes.
type chainTables struct {
	head [1 << hashBits]int32
	prev [window]int32
	huff huffWork
}

var chainPool = sync.Pool{New: func() any { return new(chainTables) }}

func hash4(u uint32) uint32 { return (u * 0x9E3779B1) >> (32 - hashBits) }

// Len returns the number of texts.
func (p *Prepared) Len() int { return len(p.texts) }

// Text returns text i, as given to Prepare.
func (p *Prepared) Text(i int) []byte { return p.texts[i].data }

// Stream is one output part being coded: the Prepared texts and other
// bytes written in output order. Get one with Prepared.Stream, give it to
// Writer.WriteStream, which returns it to its pool.
type Stream struct {
	p     *Prepared
	bw    bitWriter
	last  []int64 // output offset where each text last started, or -1
	pos   int64
	crc   uint32         // of the output up to hist[crcAt]
	crcAt int            // in hist
	hist  []byte         // the end of the output (at least the last window bytes), for Write's matches
	hbase int            // output offset of hist[0]
	head  [dynHash]int32 // Write's match finder: position+1 by hash
}

// Stream returns an empty Stream for one output part.
func (p *Prepared) Stream() *Stream {
	s, _ := p.pool.Get().(*Stream)
	if s == nil {
		s = &Stream{p: p, last: make([]int64, len(p.texts))}
	}
	s.bw.reset()
	for i := range s.last {
		s.last[i] = -1
	}
	s.pos, s.crc, s.crcAt = 0, 0, 0
	s.hist, s.hbase = s.hist[:0], 0
	clear(s.head[:])
	// Block header: not final, dynamic Huffman codes, then the codes.
	s.bw.put(0b100, 3)
	s.bw.append(p.header, p.headerBits)
	return s
}

// Len returns the number of bytes written so far.
func (s *Stream) Len() int64 { return s.pos }

// Write appends p. It never fails. Repeats of earlier bytes written by
// Write (a value printed twice, the same markup returned by a function)
// are found by a small match finder over those bytes only: the rest of
// the output is coded already.
func (s *Stream) Write(p []byte) (int, error) {
	s.trimHist()
	base := len(s.hist)
	s.hist = append(s.hist, p...)
	h := s.hist
	end := len(h)
	c := &s.p.codes
	buf, acc, n := s.bw.buf, s.bw.acc, s.bw.n // in registers while coding
	for g := base; g < end; {
		if g+minMatch <= end {
			k := hash4(binary.LittleEndian.Uint32(h[g:])) & (dynHash - 1)
			at := int(s.head[k]) - 1 - s.hbase // position in hist, < 0 if dropped
			s.head[k] = int32(s.hbase + g + 1)
			if at >= 0 && g-at <= window {
				if m := matchLen(h[at:], h[g:min(end, g+maxMatch)]); m >= minMatch {
					v, nb := c.lengthBits(m)
					buf, acc, n = putBits(buf, acc, n, v, nb)
					v, nb = c.distBits(g - at)
					buf, acc, n = putBits(buf, acc, n, v, nb)
					g += m
					continue
				}
			}
		}
		l := c.lit[h[g]]
		buf, acc, n = putBits(buf, acc, n, uint64(l.code), uint(l.len))
		g++
	}
	s.bw.buf, s.bw.acc, s.bw.n = buf, acc, n
	s.pos += int64(len(p))
	return len(p), nil
}

// matchLen returns the length of the common prefix of a and b, len(a) >=
// len(b).
func matchLen(a, b []byte) int {
	n := 0
	for len(b)-n >= 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// trimHist keeps the last window bytes of hist once it holds four times
// that: matches reach no further back, and memory stays bounded whatever
// the part's size. The CRC is computed over hist's bytes before they go
// (in long runs, where crc32 is fastest).
func (s *Stream) trimHist() {
	if n := len(s.hist); n > 4*window {
		s.updateCRC()
		drop := n - window
		s.hist = s.hist[:copy(s.hist, s.hist[drop:])]
		s.hbase += drop
		s.crcAt -= drop
	}
}

// updateCRC adds the bytes of hist from crcAt to the CRC.
func (s *Stream) updateCRC() {
	s.crc = crc32.Update(s.crc, crc32.IEEETable, s.hist[s.crcAt:])
	s.crcAt = len(s.hist)
}

// dynHash is the size of the hash table of Write's match finder.
const dynHash = 1 << 12

// WriteText appends Prepared text i.
func (s *Stream) WriteText(i int) {
	t := &s.p.texts[i]
	start := s.pos
	c := &s.p.codes
	buf, acc, n := s.bw.buf, s.bw.acc, s.bw.n
	for _, pc := range t.pieces {
		buf, acc, n = appendBits(buf, acc, n, pc.bits, pc.nbits)
		if pc.src < 0 {
			break
		}
		d := int64(-1)
		if at := s.last[pc.src]; at >= 0 {
			d = start + int64(pc.off) - (at + int64(pc.srcOff))
		}
		if d > 0 && d <= window {
			v, nb := c.lengthBits(pc.n)
			buf, acc, n = putBits(buf, acc, n, v, nb)
			v, nb = c.distBits(int(d))
			buf, acc, n = putBits(buf, acc, n, v, nb)
		} else {
			for _, b := range t.data[pc.off : pc.off+pc.n] {
				l := c.lit[b]
				buf, acc, n = putBits(buf, acc, n, uint64(l.code), uint(l.len))
			}
		}
	}
	s.bw.buf, s.bw.acc, s.bw.n = buf, acc, n
	s.last[i] = start
	s.trimHist()
	s.hist = append(s.hist, t.data...)
	s.pos += int64(len(t.data))
}

// finish ends the stream: end of block, then an empty final block.
func (s *Stream) finish() []byte {
	s.updateCRC()
	eob := s.p.codes.lit[256]
	s.bw.put(uint64(eob.code), uint(eob.len))
	s.bw.put(0b011, 3)     // final block, fixed codes
	s.bw.put(0, 7)         // end of block
	return s.bw.flushAll() // pad to a byte
}

// WriteStream ends s and writes it as the entry name; s goes back to its
// pool and must not be used again.
func (w *Writer) WriteStream(name string, s *Stream) error {
	if err := w.check(name); err != nil {
		return err
	}
	err := w.writeRaw(name, s.finish(), s.crc, uint64(s.pos))
	s.Release()
	return err
}

// Release returns s to its pool without writing it.
func (s *Stream) Release() {
	if cap(s.bw.buf) <= 4<<20 && cap(s.hist) <= 4<<20 {
		s.p.pool.Put(s)
	}
}

// bitWriter writes DEFLATE's bit stream: least significant bit first.
type bitWriter struct {
	buf []byte
	acc uint64
	n   uint
}

func (w *bitWriter) reset() { w.buf, w.acc, w.n = w.buf[:0], 0, 0 }

// put writes the nb (<= 32) low bits of v.
func (w *bitWriter) put(v uint64, nb uint) {
	w.buf, w.acc, w.n = putBits(w.buf, w.acc, w.n, v, nb)
}

// putBits is put on a bitWriter's fields held in local variables (the
// coding loops keep them in registers): it adds the nb (<= 32) low bits
// of v to the n (< 32) bits pending in acc, moving whole 32-bit words to
// buf.
func putBits(buf []byte, acc uint64, n uint, v uint64, nb uint) ([]byte, uint64, uint) {
	acc |= v << n
	n += nb
	if n >= 32 {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(acc))
		acc >>= 32
		n -= 32
	}
	return buf, acc, n
}

// bytes returns a copy of the bits written so far, padded to a byte.
func (w *bitWriter) bytes() []byte { return w.appendPadded(nil) }

// appendPadded appends the bits written so far, padded to a byte, to dst.
func (w *bitWriter) appendPadded(dst []byte) []byte {
	dst = append(dst, w.buf...)
	acc, n := w.acc, w.n
	for n > 0 {
		dst = append(dst, byte(acc))
		acc >>= 8
		n = n - min(n, 8)
	}
	return dst
}

func (w *bitWriter) nbits() int { return len(w.buf)*8 + int(w.n) }

// append writes the first nbits bits of b (as bytes returned).
func (w *bitWriter) append(b []byte, nbits int) {
	w.buf, w.acc, w.n = appendBits(w.buf, w.acc, w.n, b, nbits)
}

// appendBits is append on a bit writer's state (buf, acc, n) held in
// variables: a caller writing many pieces stores the state back once, not
// once a piece (each store of buf is a write barrier while a collection
// runs).
func appendBits(buf []byte, acc uint64, n uint, b []byte, nbits int) ([]byte, uint64, uint) {
	if nbits >= 64 {
		// Eight bytes at a time: with the n < 32 bits pending, they fill
		// a word, whose top n bits stay pending.
		buf = slices.Grow(buf, nbits/8+8)
		for nbits >= 64 {
			v := binary.LittleEndian.Uint64(b)
			buf = binary.LittleEndian.AppendUint64(buf, acc|v<<n)
			acc = v >> (64 - n) // 0 when n == 0
			b, nbits = b[8:], nbits-64
		}
	}
	if nbits == 0 {
		return buf, acc, n
	}
	// The last bits (fewer than 64): in two puts at most.
	var v uint64
	if len(b) >= 8 {
		v = binary.LittleEndian.Uint64(b)
	} else {
		for i := len(b) - 1; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
	}
	v &= 1<<nbits - 1
	if nbits > 32 {
		buf, acc, n = putBits(buf, acc, n, v&(1<<32-1), 32)
		v, nbits = v>>32, nbits-32
	}
	return putBits(buf, acc, n, v, uint(nbits))
}

// flushAll pads to a byte and returns the bytes.
func (w *bitWriter) flushAll() []byte {
	for w.n > 0 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.n = w.n - min(w.n, 8)
	}
	return w.buf
}

func (w *bitWriter) literal(c *codes, b byte) {
	h := c.lit[b]
	w.put(uint64(h.code), uint(h.len))
}

// match writes a length (3..258) and a distance (1..32768).
func (w *bitWriter) match(c *codes, length, dist int) {
	w.put(c.lengthBits(length))
	w.put(c.distBits(dist))
}

// lengthBits returns the code of a match's length (3..258), extra bits
// included: at most 20 bits.
func (c *codes) lengthBits(length int) (uint64, uint) {
	l := c.length[length]
	return uint64(l.code), uint(l.len)
}

// distBits returns the code of a match's distance (1..32768), extra bits
// included: at most 28 bits.
func (c *codes) distBits(dist int) (uint64, uint) {
	dc := distCode(dist)
	h := c.dist[dc]
	return uint64(h.code) | uint64(dist-int(distBase[dc]))<<h.len, uint(h.len) + uint(distExtra[dc])
}

var lenCode [maxMatch + 1]uint8

var lenBase = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
var lenExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var distBase = [30]uint32{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
var distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

func init() {
	for lc := range lenBase {
		hi := maxMatch
		if lc+1 < len(lenBase) {
			hi = int(lenBase[lc+1]) - 1
		}
		for l := int(lenBase[lc]); l <= hi; l++ {
			lenCode[l] = uint8(lc)
		}
	}
}

// distCode returns the distance code of d (1..32768).
func distCode(d int) int {
	if d <= 4 {
		return d - 1
	}
	// Codes come in pairs per power of two: 2*log2(d-1) plus the bit
	// below the top one.
	x := uint32(d - 1)
	l := bits.Len32(x) - 1
	return 2*l + int(x>>(l-1)&1)
}
