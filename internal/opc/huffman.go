package opc

import (
	"math/bits"
	"slices"
)

// Symbol counts of DEFLATE's two alphabets: literals, end of block and
// lengths (0..285), distances (0..29).
const (
	numLit  = 286
	numDist = 30
)

type codeFreqs struct {
	lit  [numLit]int
	dist [numDist]int
}

// codes is a dynamic Huffman code for one block.
type codes struct {
	lit    [numLit]hcode
	dist   [numDist]hcode
	length [maxMatch + 1]lcode // a match's length: its code and extra bits
}

// lcode is a code followed by extra bits.
type lcode struct {
	code uint32
	len  uint8
}

type hcode struct {
	code uint16 // bit-reversed, ready to write least significant bit first
	len  uint8
}

// build fits codes to f. Every symbol gets a code (count + 1), so any
// byte, length or distance can be written, whatever the data.
func (c *codes) build(f *codeFreqs, w *huffWork) {
	var lit [numLit]int
	var dist [numDist]int
	for i, n := range f.lit {
		lit[i] = n + 1
	}
	for i, n := range f.dist {
		dist[i] = n + 1
	}
	assign(c.lit[:], huffLengths(lit[:], 15, w))
	assign(c.dist[:], huffLengths(dist[:], 15, w))
	for l := 3; l <= maxMatch; l++ {
		lc := lenCode[l]
		h := c.lit[257+int(lc)]
		c.length[l] = lcode{code: uint32(h.code) | uint32(l-int(lenBase[lc]))<<h.len, len: h.len + lenExtra[lc]}
	}
}

// huffWork is huffLengths's work space. Weights fit in int32 (they count
// symbols of at most MaxPrepared bytes), node and symbol numbers in int16.
type huffWork struct {
	nodes        [2 * numLit]huffNode
	order, inner [numLit]int16
	depth        [2 * numLit]uint16
}

type huffNode struct {
	w           int32
	left, right int16 // children, -1 for a leaf
}

// huffLengths returns Huffman code lengths for freq (all > 0, at most
// numLit symbols), none longer than maxLen (at most 15): a Huffman tree,
// then the lengths over maxLen cut and the code made complete again by
// lengthening the longest shorter codes (the Kraft sum stays exactly 1).
// Its work space is w (it runs three times for every templated part).
func huffLengths(freq []int, maxLen int, w *huffWork) []uint8 {
	n := len(freq)
	nodes := w.nodes[:0]
	order := w.order[:n]
	for i := range order {
		order[i] = int16(i)
		nodes = append(nodes, huffNode{w: int32(freq[i]), left: -1, right: -1})
	}
	// Leaves sorted by weight (symbol as tie-break: deterministic), then
	// the two-queue construction.
	slices.SortStableFunc(order, func(a, b int16) int { return freq[a] - freq[b] })
	leaves, inner := order, w.inner[:0]
	pop := func() int16 {
		if len(inner) == 0 || (len(leaves) > 0 && nodes[leaves[0]].w <= nodes[inner[0]].w) {
			x := leaves[0]
			leaves = leaves[1:]
			return x
		}
		x := inner[0]
		inner = inner[1:]
		return x
	}
	for len(leaves)+len(inner) > 1 {
		a, b := pop(), pop()
		nodes = append(nodes, huffNode{w: nodes[a].w + nodes[b].w, left: a, right: b})
		inner = append(inner, int16(len(nodes)-1))
	}
	depth := w.depth[:len(nodes)]
	clear(depth)
	lengths := make([]uint8, n)
	for i := len(nodes) - 1; i >= 0; i-- {
		if nd := nodes[i]; nd.left >= 0 {
			depth[nd.left] = depth[i] + 1
			depth[nd.right] = depth[i] + 1
		}
	}
	var countA [16]int
	count := countA[:maxLen+1] // codes of each length
	for i := 0; i < n; i++ {
		count[min(int(depth[i]), maxLen)]++
	}
	// Kraft sum in units of 2^-maxLen; too many codes after the cut: take
	// a code of the longest length and lengthen a shorter one (a code of
	// length l becomes two of length l+1).
	total := 0
	for l := 1; l <= maxLen; l++ {
		total += count[l] << (maxLen - l)
	}
	for total > 1<<maxLen {
		count[maxLen]--
		for l := maxLen - 1; l > 0; l-- {
			if count[l] > 0 {
				count[l]--
				count[l+1] += 2
				break
			}
		}
		total--
	}
	// Shortest codes to the most frequent symbols.
	byFreq := w.order[:n] // order is used up
	for i := range byFreq {
		byFreq[i] = int16(i)
	}
	slices.SortStableFunc(byFreq, func(a, b int16) int { return freq[b] - freq[a] })
	k := 0
	for l := 1; l <= maxLen; l++ {
		for range count[l] {
			lengths[byFreq[k]] = uint8(l)
			k++
		}
	}
	return lengths
}

// assign gives the canonical codes of lengths (RFC 1951, 3.2.2).
func assign(dst []hcode, lengths []uint8) {
	var blCount [16]int
	for _, l := range lengths {
		blCount[l]++
	}
	blCount[0] = 0
	var next [16]int
	code := 0
	for l := 1; l < 16; l++ {
		code = (code + blCount[l-1]) << 1
		next[l] = code
	}
	for i, l := range lengths {
		if l == 0 {
			dst[i] = hcode{}
			continue
		}
		dst[i] = hcode{code: bits.Reverse16(uint16(next[l])) >> (16 - l), len: l}
		next[l]++
	}
}

// clOrder is the order in which code length code lengths are written.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// writeHeader writes the dynamic block's code description (after the
// 3-bit block header): the code lengths of both alphabets, run-length
// coded with the code length code.
func (c *codes) writeHeader(w *bitWriter, hw *huffWork) {
	lengths := make([]uint8, 0, numLit+numDist)
	for _, h := range c.lit {
		lengths = append(lengths, h.len)
	}
	for _, h := range c.dist {
		lengths = append(lengths, h.len)
	}
	// Run-length coding: symbols 0..15 (a length), 16 (repeat the
	// previous 3..6 times), 17 (3..10 zeros), 18 (11..138 zeros).
	type clSym struct{ sym, extra, nbits uint8 }
	var syms []clSym
	for i := 0; i < len(lengths); {
		l := lengths[i]
		run := 1
		for i+run < len(lengths) && lengths[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				r := min(run, 138)
				syms = append(syms, clSym{18, uint8(r - 11), 7})
				run -= r
			}
			if run >= 3 {
				syms = append(syms, clSym{17, uint8(run - 3), 3})
				run = 0
			}
			for ; run > 0; run-- {
				syms = append(syms, clSym{0, 0, 0})
			}
			continue
		}
		syms = append(syms, clSym{l, 0, 0})
		run--
		for run >= 3 {
			r := min(run, 6)
			syms = append(syms, clSym{16, uint8(r - 3), 2})
			run -= r
		}
		for ; run > 0; run-- {
			syms = append(syms, clSym{l, 0, 0})
		}
	}
	var clFreq [19]int
	for _, s := range syms {
		clFreq[s.sym]++
	}
	// The code length code: only the symbols used (a code of one symbol
	// still needs a length: give it two, with a dummy, to stay complete).
	var used []int
	for i, n := range clFreq {
		if n > 0 {
			used = append(used, i)
		}
	}
	if len(used) == 1 {
		dummy := 0
		if used[0] == 0 {
			dummy = 1
		}
		clFreq[dummy] = 1
		used = append(used, dummy)
	}
	fs := make([]int, len(used))
	for i, s := range used {
		fs[i] = clFreq[s]
	}
	ls := huffLengths(fs, 7, hw)
	var clLen [19]uint8
	for i, s := range used {
		clLen[s] = ls[i]
	}
	var cl [19]hcode
	assign(cl[:], clLen[:])
	hclen := 19
	for hclen > 4 && clLen[clOrder[hclen-1]] == 0 {
		hclen--
	}
	w.put(numLit-257, 5)
	w.put(numDist-1, 5)
	w.put(uint64(hclen-4), 4)
	for _, s := range clOrder[:hclen] {
		w.put(uint64(clLen[s]), 3)
	}
	for _, s := range syms {
		h := cl[s.sym]
		w.put(uint64(h.code), uint(h.len))
		if s.nbits > 0 {
			w.put(uint64(s.extra), uint(s.nbits))
		}
	}
}
