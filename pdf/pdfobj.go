package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The few PDF objects normalize reads from LibreOffice's output: the
// trailer, the catalog, the Info dictionary, the XMP and ICC streams. They
// are read here rather than with pdfcpu, which normalize used before: its
// packages and their initialisers (font metrics, image codecs, TLS and HTTP
// for signatures) were linked into every labelkit process, PDF or not,
// and were a large share of each process's start. The tests still check
// the results with pdfcpu.

// PDF objects as read: pdfDict, pdfArray, pdfName, int64 (integer),
// float64 (real), bool, nil (null), pdfRef, pdfString (a literal string's
// bytes as written, escapes included), pdfHex (a hexadecimal string's
// digits).
type (
	pdfDict   map[string]any
	pdfArray  []any
	pdfName   string
	pdfString string
	pdfHex    string
	pdfRef    struct{ num, gen int }
)

// xrefEntry is an object's entry in the cross-reference table.
type xrefEntry struct {
	free bool
	off  int64
	gen  int
}

// pdfFile is a parsed PDF: its bytes, cross-reference table and trailer.
type pdfFile struct {
	raw     []byte
	table   map[int]xrefEntry
	trailer pdfDict
}

var errStructure = errors.New("unexpected PDF structure")

// parsePDF reads raw's cross-reference tables (the last one, then those it
// updates through /Prev) and trailer. Cross-reference streams are refused.
func parsePDF(raw []byte) (*pdfFile, error) {
	at, err := startXRef(raw)
	if err != nil {
		return nil, err
	}
	f := &pdfFile{raw: raw, table: map[int]xrefEntry{}}
	seen := map[int64]bool{}
	for {
		if seen[at] {
			return nil, fmt.Errorf("%w (a cross-reference loop)", errStructure)
		}
		seen[at] = true
		trailer, err := f.readXRef(at)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		prev, ok := trailer["Prev"].(int64)
		if !ok {
			break
		}
		at = prev
	}
	return f, nil
}

// readXRef reads the cross-reference section at off, keeping the entries
// not already read (a later section wins), and returns its trailer.
func (f *pdfFile) readXRef(off int64) (pdfDict, error) {
	if off <= 0 || off >= int64(len(f.raw)) {
		return nil, fmt.Errorf("%w (bad startxref)", errStructure)
	}
	p := &pdfParser{b: f.raw, i: int(off)}
	if !p.keyword("xref") {
		return nil, fmt.Errorf("%w (no cross-reference table; a cross-reference stream?)", errStructure)
	}
	for {
		p.space()
		if p.keyword("trailer") {
			break
		}
		first, ok1 := p.integer()
		count, ok2 := p.integer()
		if !ok1 || !ok2 || first < 0 || count < 0 || count > int64(len(f.raw))/18 {
			return nil, fmt.Errorf("%w (cross-reference table)", errStructure)
		}
		for k := range count {
			o, ok1 := p.integer()
			g, ok2 := p.integer()
			p.space()
			if !ok1 || !ok2 || p.i >= len(p.b) || (p.b[p.i] != 'n' && p.b[p.i] != 'f') {
				return nil, fmt.Errorf("%w (cross-reference entry)", errStructure)
			}
			free := p.b[p.i] == 'f'
			p.i++
			nr := int(first + k)
			if _, ok := f.table[nr]; !ok {
				f.table[nr] = xrefEntry{free: free, off: o, gen: int(g)}
			}
		}
	}
	t, err := p.object()
	if err != nil {
		return nil, err
	}
	d, ok := t.(pdfDict)
	if !ok {
		return nil, fmt.Errorf("%w (trailer)", errStructure)
	}
	return d, nil
}

// object returns the body of object ref, and the stream's bytes after it
// (still encoded) if it is a stream.
func (f *pdfFile) object(ref pdfRef) (any, []byte, error) {
	e, ok := f.table[ref.num]
	if !ok || e.free || e.gen != ref.gen || e.off <= 0 || e.off >= int64(len(f.raw)) {
		return nil, nil, fmt.Errorf("%w (object %d %d)", errStructure, ref.num, ref.gen)
	}
	p := &pdfParser{b: f.raw, i: int(e.off)}
	nr, ok1 := p.integer()
	gen, ok2 := p.integer()
	if !ok1 || !ok2 || int(nr) != ref.num || int(gen) != ref.gen || !p.keyword("obj") {
		return nil, nil, fmt.Errorf("%w (object %d not at its offset)", errStructure, ref.num)
	}
	v, err := p.object()
	if err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", ref.num, err)
	}
	d, isDict := v.(pdfDict)
	if !isDict || !p.keyword("stream") {
		return v, nil, nil
	}
	// The keyword stream ends with CRLF or LF.
	if p.i < len(p.b) && p.b[p.i] == '\r' {
		p.i++
	}
	if p.i < len(p.b) && p.b[p.i] == '\n' {
		p.i++
	}
	n, err := f.int(d["Length"])
	if err != nil || n < 0 || n > int64(len(p.b)-p.i) {
		return nil, nil, fmt.Errorf("%w (object %d: stream length)", errStructure, ref.num)
	}
	return d, p.b[p.i : p.i+int(n)], nil
}

// resolve returns v, or the object it refers to.
func (f *pdfFile) resolve(v any) (any, error) {
	if r, ok := v.(pdfRef); ok {
		o, _, err := f.object(r)
		return o, err
	}
	return v, nil
}

func (f *pdfFile) int(v any) (int64, error) {
	o, err := f.resolve(v)
	if err != nil {
		return 0, err
	}
	n, ok := o.(int64)
	if !ok {
		return 0, fmt.Errorf("%w (an integer expected)", errStructure)
	}
	return n, nil
}

func (f *pdfFile) dict(v any) (pdfDict, error) {
	o, err := f.resolve(v)
	if err != nil {
		return nil, err
	}
	d, ok := o.(pdfDict)
	if !ok {
		return nil, fmt.Errorf("%w (a dictionary expected)", errStructure)
	}
	return d, nil
}

// stream returns the dictionary and decoded content of stream object ref.
// FlateDecode is the only filter read, without predictor (what LibreOffice
// writes for the XMP packet and the ICC profile).
func (f *pdfFile) stream(ref pdfRef) (pdfDict, []byte, error) {
	v, data, err := f.object(ref)
	if err != nil {
		return nil, nil, err
	}
	d, ok := v.(pdfDict)
	if !ok || data == nil {
		return nil, nil, fmt.Errorf("%w (object %d is not a stream)", errStructure, ref.num)
	}
	var filters []any
	switch x := d["Filter"].(type) {
	case nil:
	case pdfName:
		filters = []any{x}
	case pdfArray:
		filters = x
	default:
		return nil, nil, fmt.Errorf("%w (object %d: filter)", errStructure, ref.num)
	}
	if _, ok := d["DecodeParms"]; ok && len(filters) > 0 {
		return nil, nil, fmt.Errorf("%w (object %d: decode parameters)", errStructure, ref.num)
	}
	for _, fl := range filters {
		if fl != pdfName("FlateDecode") {
			return nil, nil, fmt.Errorf("%w (object %d: filter %v)", errStructure, ref.num, fl)
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, nil, fmt.Errorf("object %d: %w", ref.num, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, nil, fmt.Errorf("object %d: %w", ref.num, err)
		}
	}
	return d, data, nil
}

// pdfParser reads objects from b at i.
type pdfParser struct {
	b []byte
	i int
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

// space skips white space and comments.
func (p *pdfParser) space() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isPDFSpace(c):
			p.i++
		case c == '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

// token returns the regular characters at i (a keyword or a number).
func (p *pdfParser) token() string {
	p.space()
	s := p.i
	for p.i < len(p.b) && !isPDFSpace(p.b[p.i]) && !isPDFDelim(p.b[p.i]) {
		p.i++
	}
	return string(p.b[s:p.i])
}

// keyword consumes kw if it is the next token.
func (p *pdfParser) keyword(kw string) bool {
	save := p.i
	if p.token() == kw {
		return true
	}
	p.i = save
	return false
}

func (p *pdfParser) integer() (int64, bool) {
	save := p.i
	n, err := strconv.ParseInt(p.token(), 10, 64)
	if err != nil {
		p.i = save
		return 0, false
	}
	return n, true
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 64

func (p *pdfParser) object() (any, error) { return p.value(0) }

func (p *pdfParser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%w (objects nested too deep)", errStructure)
	}
	p.space()
	if p.i >= len(p.b) {
		return nil, fmt.Errorf("%w (truncated)", errStructure)
	}
	switch c := p.b[p.i]; c {
	case '/':
		p.i++
		return p.name()
	case '(':
		p.i++
		return p.literal()
	case '<':
		if p.i+1 < len(p.b) && p.b[p.i+1] == '<' {
			p.i += 2
			d := pdfDict{}
			for {
				p.space()
				if p.i+1 < len(p.b) && p.b[p.i] == '>' && p.b[p.i+1] == '>' {
					p.i += 2
					return d, nil
				}
				if p.i >= len(p.b) || p.b[p.i] != '/' {
					return nil, fmt.Errorf("%w (dictionary key)", errStructure)
				}
				p.i++
				k, err := p.name()
				if err != nil {
					return nil, err
				}
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if v != nil { // a null value is no entry
					d[string(k)] = v
				}
			}
		}
		p.i++
		s := p.i
		for p.i < len(p.b) && p.b[p.i] != '>' {
			p.i++
		}
		if p.i >= len(p.b) {
			return nil, fmt.Errorf("%w (hexadecimal string)", errStructure)
		}
		h := pdfHex(p.b[s:p.i])
		p.i++
		return h, nil
	case '[':
		p.i++
		a := pdfArray{}
		for {
			p.space()
			if p.i < len(p.b) && p.b[p.i] == ']' {
				p.i++
				return a, nil
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	}
	t := p.token()
	switch t {
	case "":
		return nil, fmt.Errorf("%w (unexpected %q)", errStructure, p.b[p.i])
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		r, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return nil, fmt.Errorf("%w (unexpected %q)", errStructure, t)
		}
		return r, nil
	}
	// "N G R" is a reference.
	save := p.i
	if g, ok := p.integer(); ok && n >= 0 && g >= 0 && p.keyword("R") {
		return pdfRef{int(n), int(g)}, nil
	}
	p.i = save
	return n, nil
}

// name reads a name after its '/', #xx escapes decoded.
func (p *pdfParser) name() (pdfName, error) {
	s := p.i
	for p.i < len(p.b) && !isPDFSpace(p.b[p.i]) && !isPDFDelim(p.b[p.i]) {
		p.i++
	}
	raw := p.b[s:p.i]
	if bytes.IndexByte(raw, '#') < 0 {
		return pdfName(raw), nil
	}
	var out []byte
	for j := 0; j < len(raw); j++ {
		if raw[j] == '#' && j+2 < len(raw) {
			if v, err := hex.DecodeString(string(raw[j+1 : j+3])); err == nil && v[0] != 0 {
				out = append(out, v[0])
				j += 2
				continue
			}
		}
		out = append(out, raw[j])
	}
	return pdfName(out), nil
}

// literal reads a literal string after its '(': its bytes as written,
// escapes included, up to the matching ')'.
func (p *pdfParser) literal() (pdfString, error) {
	s, depth := p.i, 1
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case '\\':
			p.i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				v := pdfString(p.b[s:p.i])
				p.i++
				return v, nil
			}
		}
		p.i++
	}
	return "", fmt.Errorf("%w (literal string)", errStructure)
}

// pdfText decodes a text string (PDF 32000-1, 7.9.2.2): UTF-16BE after
// its byte order mark, else UTF-8 if valid (what some writers put there),
// else PDFDocEncoding. Any other object is an error.
func pdfText(v any) (string, error) {
	var b []byte
	switch s := v.(type) {
	case pdfString:
		b = unescapeLiteral([]byte(s))
	case pdfHex:
		h := strings.Map(func(r rune) rune {
			if r < 0x80 && isPDFSpace(byte(r)) {
				return -1
			}
			return r
		}, string(s))
		if len(h)%2 == 1 {
			h += "0"
		}
		var err error
		if b, err = hex.DecodeString(h); err != nil {
			return "", err
		}
		if !isUTF16BE(b) {
			b = unescapeLiteral(b) // as pdfcpu did
		}
	default:
		return "", fmt.Errorf("not a text string: %v", v)
	}
	if isUTF16BE(b) {
		u := make([]uint16, 0, len(b)/2-1)
		for j := 2; j < len(b); j += 2 {
			u = append(u, uint16(b[j])<<8|uint16(b[j+1]))
		}
		for j := 0; j < len(u); j++ { // surrogates must come in pairs
			if utf16.IsSurrogate(rune(u[j])) {
				if u[j] >= 0xDC00 || j+1 >= len(u) || u[j+1] < 0xDC00 || u[j+1] > 0xDFFF {
					return "", errors.New("invalid UTF-16 text string")
				}
				j++
			}
		}
		return string(utf16.Decode(u)), nil
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if utf8.Valid(b) && !slices.ContainsFunc(b, func(c byte) bool { return c >= 0x18 && c <= 0x1f }) {
		return string(b), nil
	}
	r := make([]rune, len(b))
	for j, c := range b {
		r[j] = pdfDocRune(c)
	}
	return string(r), nil
}

func isUTF16BE(b []byte) bool { return len(b) >= 2 && len(b)%2 == 0 && b[0] == 0xFE && b[1] == 0xFF }

// unescapeLiteral decodes the escapes of a literal string's bytes.
func unescapeLiteral(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c != '\\' || j+1 >= len(s) {
			out = append(out, c)
			continue
		}
		j++
		switch c = s[j]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r': // a line continuation
			if j+1 < len(s) && s[j+1] == '\n' {
				j++
			}
		case '\n':
		default:
			if c >= '0' && c <= '7' {
				v := 0
				k := j
				for ; k < len(s) && k < j+3 && s[k] >= '0' && s[k] <= '7'; k++ {
					v = v*8 + int(s[k]-'0')
				}
				out = append(out, byte(v))
				j = k - 1
				continue
			}
			out = append(out, c) // \( \) \\ and any other
		}
	}
	return out
}

// pdfDocRune is the character of PDFDocEncoding byte c (U+FFFD if none).
func pdfDocRune(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1f:
		return rune([]uint16{0x02d8, 0x02c7, 0x02c6, 0x02d9, 0x02dd, 0x02db, 0x02da, 0x02dc}[c-0x18])
	case c >= 0x80 && c <= 0x9e:
		return rune(pdfDoc80[c-0x80])
	case c == 0xa0:
		return 0x20ac
	case c == 0x09 || c == 0x0a || c == 0x0d || c >= 0x20 && c <= 0x7e || c >= 0xa1 && c != 0xad:
		return rune(c)
	}
	return utf8.RuneError
}

var pdfDoc80 = [...]uint16{
	0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
	0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e,
}

// pdfBytes writes v as normalize writes objects: a dictionary's keys
// sorted, no space before a delimiter, reals with 12 decimals (pdfcpu's
// writing, which normalize used before, so that outputs stay the same).
func pdfBytes(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case pdfDict:
		b.WriteString("<<")
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.WriteByte('/')
			b.WriteString(encodeName(k))
			if !startsWithDelim(x[k]) {
				b.WriteByte(' ')
			}
			pdfBytes(b, x[k])
		}
		b.WriteString(">>")
	case pdfArray:
		b.WriteByte('[')
		for i, e := range x {
			switch e.(type) {
			case pdfDict, pdfArray, pdfName:
			default:
				if i > 0 {
					b.WriteByte(' ')
				}
			}
			pdfBytes(b, e)
		}
		b.WriteByte(']')
	case pdfName:
		b.WriteByte('/')
		if x == "" {
			b.WriteByte(' ')
		} else {
			b.WriteString(encodeName(string(x)))
		}
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'f', 12, 64))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case pdfRef:
		fmt.Fprintf(b, "%d %d R", x.num, x.gen)
	case pdfString:
		b.WriteByte('(')
		b.WriteString(string(x))
		b.WriteByte(')')
	case pdfHex:
		b.WriteByte('<')
		b.WriteString(string(x))
		b.WriteByte('>')
	default:
		panic(fmt.Sprintf("pdf: cannot write %T", v))
	}
}

// startsWithDelim reports whether v is written starting with a delimiter
// (no space is written before it).
func startsWithDelim(v any) bool {
	switch v.(type) {
	case pdfDict, pdfArray, pdfName, pdfString, pdfHex:
		return true
	}
	return false
}

// encodeName writes the bytes of a name that need it as #xx.
func encodeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || strings.IndexByte("()<>[]{}/%#", c) >= 0 {
			fmt.Fprintf(&b, "#%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// dictBytes returns d as pdfBytes writes it.
func dictBytes(d pdfDict) []byte {
	var b bytes.Buffer
	pdfBytes(&b, d)
	return b.Bytes()
}
