package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// ErrNotPDFA reports a PDF from LibreOffice without the PDF/A-2b
// identification (a LibreOffice too old, or a filter that ignored the
// options).
var ErrNotPDFA = errors.New("LibreOffice did not produce a PDF/A-2b document")

// meta is what the normalised PDF says about itself.
type meta struct {
	props
	created, modified time.Time // zero: left out
	// defaultLanguage is the XMP dc:language when neither the DOCX's core
	// properties nor the PDF's catalog give one.
	defaultLanguage string
}

// normalize rewrites the PDF LibreOffice wrote so that the same DOCX gives
// the same bytes: the Info dictionary and the XMP packet are written anew
// from the DOCX's core properties (dates included, instead of the time of
// the conversion), the sRGB output profile gets the same date in its header
// (lcms stamps the current time there) and is stored uncompressed, with
// its length object (if any) updated, the file identifier is derived from
// the content, and the cross-reference table is rebuilt for the new
// offsets. Every other object is copied byte for byte.
//
// The file is read by parsePDF, which reads only what this needs (see
// pdfobj.go); a PDF writer is not used because pdfcpu's, the one tried,
// stamps the current time and its own producer into the Info dictionary
// (which would also contradict the XMP packet, breaking PDF/A), and
// re-serialises every object.
func normalize(raw []byte, m meta) ([]byte, error) {
	f, err := parsePDF(raw)
	if err != nil {
		return nil, fmt.Errorf("reading LibreOffice's PDF: %w", err)
	}
	size, sizeOK := f.trailer["Size"].(int64)
	infoRef, infoOK := f.trailer["Info"].(pdfRef)
	rootRef, rootOK := f.trailer["Root"].(pdfRef)
	if !infoOK || !sizeOK {
		return nil, errors.New("LibreOffice's PDF has no Info dictionary")
	}
	if !rootOK {
		return nil, fmt.Errorf("reading LibreOffice's PDF: %w (no catalog)", errStructure)
	}
	catalog, err := f.dict(rootRef)
	if err != nil {
		return nil, err
	}
	metaRef, ok := catalog["Metadata"].(pdfRef)
	if !ok {
		return nil, ErrNotPDFA
	}
	oldXMP, xmpContent, err := f.stream(metaRef)
	if err != nil {
		return nil, fmt.Errorf("reading the XMP metadata: %w", err)
	}
	part, conformance := pdfaID(xmpContent)
	if part != "2" || !strings.EqualFold(conformance, "B") {
		return nil, fmt.Errorf("%w (XMP says part %q, conformance %q)", ErrNotPDFA, part, conformance)
	}
	iccRef, err := outputProfile(f, catalog)
	if err != nil {
		return nil, err
	}
	oldInfo, err := f.dict(infoRef)
	if err != nil {
		return nil, fmt.Errorf("reading the Info dictionary: %v", err)
	}
	creator := infoText(oldInfo, "Creator")
	producer := infoText(oldInfo, "Producer")
	// The catalog's /Lang is the DOCX's default language, or LibreOffice's
	// (WithLanguage) if the DOCX has none.
	if m.language == "" {
		if s, ok := catalog["Lang"]; ok {
			m.language, _ = pdfText(s)
		}
	}
	if m.language == "" {
		m.language = m.defaultLanguage
	}

	repl := map[int][]byte{}
	repl[infoRef.num] = dictBytes(infoDict(m, creator, producer))
	xmp := buildXMP(m, part, conformance, creator, producer)
	putStream(repl, metaRef.num, oldXMP["Length"], pdfDict{"Type": pdfName("Metadata"), "Subtype": pdfName("XML")}, xmp)
	if iccRef != nil {
		sd, content, err := f.stream(*iccRef)
		if err != nil {
			return nil, fmt.Errorf("reading the output intent's ICC profile: %w", err)
		}
		icc, err := stampICC(content, m.created)
		if err != nil {
			return nil, err
		}
		d := pdfDict{}
		for k, v := range sd {
			switch k {
			case "Length", "Filter", "DecodeParms":
			default:
				d[k] = v
			}
		}
		// Stored uncompressed: the bytes then depend on nothing but the
		// profile, not on a compressor's version.
		putStream(repl, iccRef.num, sd["Length"], d, icc)
	}
	return rebuild(raw, f.table, int(size), rootRef.num, infoRef.num, repl)
}

// outputProfile returns the reference to the ICC profile of the PDF/A
// output intent, or nil if there is none.
func outputProfile(f *pdfFile, catalog pdfDict) (*pdfRef, error) {
	v, err := f.resolve(catalog["OutputIntents"])
	if err != nil {
		return nil, err
	}
	arr, _ := v.(pdfArray)
	for _, o := range arr {
		d, err := f.dict(o)
		if err != nil {
			continue
		}
		if ref, ok := d["DestOutputProfile"].(pdfRef); ok {
			return &ref, nil
		}
	}
	return nil, nil
}

func infoText(d pdfDict, key string) string {
	o, ok := d[key]
	if !ok {
		return ""
	}
	s, err := pdfText(o)
	if err != nil {
		return ""
	}
	return s
}

// pdfaID returns the pdfaid:part and pdfaid:conformance of an XMP packet
// (element or attribute form).
func pdfaID(xmp []byte) (part, conformance string) {
	d := xml.NewDecoder(bytes.NewReader(xmp))
	var cur *string
	for {
		tok, err := d.Token()
		if err != nil {
			return part, conformance
		}
		switch t := tok.(type) {
		case xml.StartElement:
			cur = nil
			for _, a := range t.Attr {
				if a.Name.Space == nsPDFAID {
					switch a.Name.Local {
					case "part":
						part = a.Value
					case "conformance":
						conformance = a.Value
					}
				}
			}
			if t.Name.Space == nsPDFAID {
				switch t.Name.Local {
				case "part":
					cur = &part
				case "conformance":
					cur = &conformance
				}
			}
		case xml.CharData:
			if cur != nil {
				*cur += strings.TrimSpace(string(t))
			}
		case xml.EndElement:
			cur = nil
		}
	}
}

// textString is a PDF text string: UTF-16BE with its byte order mark, as
// LibreOffice writes them (safe for any character).
func textString(s string) pdfHex {
	b := []byte{0xFE, 0xFF}
	for _, r := range utf16.Encode([]rune(s)) {
		b = append(b, byte(r>>8), byte(r))
	}
	return pdfHex(hex.EncodeToString(b))
}

// pdfDate formats t as a PDF date (UTC).
func pdfDate(t time.Time) pdfString {
	return pdfString(t.UTC().Format("D:20060102150405+00'00'"))
}

// xmpDate formats t as an XMP date (UTC), the same instant as pdfDate.
func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// infoDict is the document information dictionary. Every entry has its
// XMP equivalent in buildXMP, as PDF/A requires.
func infoDict(m meta, creator, producer string) pdfDict {
	d := pdfDict{}
	add := func(k, v string) {
		if v != "" {
			d[k] = textString(v)
		}
	}
	add("Title", m.title)
	add("Author", m.creator)
	add("Subject", m.subject)
	add("Keywords", m.keywords)
	add("Creator", creator)
	add("Producer", producer)
	if !m.created.IsZero() {
		d["CreationDate"] = pdfDate(m.created)
	}
	if !m.modified.IsZero() {
		d["ModDate"] = pdfDate(m.modified)
	}
	return d
}

const (
	nsPDFAID = "http://www.aiim.org/pdfa/ns/id/"
	// uuidPlaceholder stands for the document ID while the file is hashed.
	uuidPlaceholder = "uuid:00000000-0000-0000-0000-000000000000"
	idPlaceholder   = "00000000000000000000000000000000"
)

// buildXMP writes the XMP packet. It is not derived from LibreOffice's,
// which escapes "&" twice in pdf:Keywords and splits the keywords at every
// space (so it would contradict the Info dictionary).
func buildXMP(m meta, part, conformance, creator, producer string) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	fmt.Fprintf(&b, "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"%s\">\n   <pdfaid:part>%s</pdfaid:part>\n   <pdfaid:conformance>%s</pdfaid:conformance>\n  </rdf:Description>\n",
		nsPDFAID, esc(part), esc(strings.ToUpper(conformance)))
	b.WriteString("  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n   <dc:format>application/pdf</dc:format>\n")
	alt := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, "   <dc:%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:%s>\n", name, esc(v), name)
		}
	}
	alt("title", m.title)
	if m.creator != "" {
		fmt.Fprintf(&b, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(m.creator))
	}
	alt("description", m.subject)
	if m.language != "" {
		fmt.Fprintf(&b, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(m.language))
	}
	b.WriteString("  </rdf:Description>\n")
	b.WriteString("  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
	if producer != "" {
		fmt.Fprintf(&b, "   <pdf:Producer>%s</pdf:Producer>\n", esc(producer))
	}
	if m.keywords != "" {
		fmt.Fprintf(&b, "   <pdf:Keywords>%s</pdf:Keywords>\n", esc(m.keywords))
	}
	b.WriteString("  </rdf:Description>\n")
	b.WriteString("  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	if creator != "" {
		fmt.Fprintf(&b, "   <xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(creator))
	}
	if !m.created.IsZero() {
		fmt.Fprintf(&b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n", xmpDate(m.created))
	}
	if !m.modified.IsZero() {
		fmt.Fprintf(&b, "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n   <xmp:MetadataDate>%[1]s</xmp:MetadataDate>\n", xmpDate(m.modified))
	}
	b.WriteString("  </rdf:Description>\n")
	fmt.Fprintf(&b, "  <rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n   <xmpMM:DocumentID>%s</xmpMM:DocumentID>\n   <xmpMM:InstanceID>%[1]s</xmpMM:InstanceID>\n  </rdf:Description>\n", uuidPlaceholder)
	b.WriteString(" </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}

// stampICC sets the creation date in an ICC profile header (bytes 24-35,
// six big-endian 16-bit numbers) to t (or to zero when t is zero).
func stampICC(icc []byte, t time.Time) ([]byte, error) {
	if len(icc) < 128 || string(icc[36:40]) != "acsp" {
		return nil, errors.New("the output intent's ICC profile has no valid header")
	}
	out := slices.Clone(icc)
	var f [6]uint16
	if !t.IsZero() {
		t = t.UTC()
		f = [6]uint16{uint16(t.Year()), uint16(t.Month()), uint16(t.Day()), uint16(t.Hour()), uint16(t.Minute()), uint16(t.Second())}
	}
	for i, v := range f {
		binary.BigEndian.PutUint16(out[24+2*i:], v)
	}
	return out, nil
}

// putStream sets in repl the new body of stream object nr: dictionary d
// and (unfiltered) content. If the old stream's Length was an object of its
// own (LibreOffice writes the ICC profile's so), the new dictionary refers
// to it and that object is given the new length: left as it was, it would
// keep the old deflated length, which varies with what is replaced (for
// the profile, by a byte or so with the date lcms stamps into it).
func putStream(repl map[int][]byte, nr int, oldLength any, d pdfDict, content []byte) {
	d = maps.Clone(d)
	d["Length"] = int64(len(content))
	if ref, ok := oldLength.(pdfRef); ok {
		d["Length"] = ref
		repl[ref.num] = []byte(strconv.Itoa(len(content)))
	}
	var b bytes.Buffer
	pdfBytes(&b, d)
	b.WriteString("\nstream\n")
	b.Write(content)
	b.WriteString("\nendstream")
	repl[nr] = b.Bytes()
}

// rebuild writes the file anew: the header and every object as in raw,
// except the objects in repl whose bodies (between "N G obj" and "endobj")
// are replaced, then a cross-reference table for the new offsets and a
// trailer whose ID is a hash of everything else.
func rebuild(raw []byte, table map[int]xrefEntry, size, root, info int, repl map[int][]byte) ([]byte, error) {
	type obj struct {
		nr, gen int
		off     int64
	}
	var objs []obj
	var free []int
	for nr := 0; nr < size; nr++ {
		e, ok := table[nr]
		if !ok || e.free {
			if nr != 0 {
				free = append(free, nr)
			}
			continue
		}
		objs = append(objs, obj{nr, e.gen, e.off})
	}
	slices.SortFunc(objs, func(a, b obj) int { return int(a.off - b.off) })
	xrefAt, err := startXRef(raw)
	if err != nil {
		return nil, err
	}
	if len(objs) == 0 || objs[0].off <= 0 || objs[len(objs)-1].off >= xrefAt {
		return nil, errors.New("unexpected PDF structure (object offsets)")
	}
	var out bytes.Buffer
	out.Grow(len(raw) + 16<<10)
	out.Write(raw[:objs[0].off])
	offsets := make(map[int]int, len(objs))
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		chunk := raw[o.off:end]
		head := fmt.Sprintf("%d %d obj", o.nr, o.gen)
		if !bytes.HasPrefix(chunk, []byte(head)) {
			return nil, fmt.Errorf("object %d: not at its offset", o.nr)
		}
		offsets[o.nr] = out.Len()
		body, ok := repl[o.nr]
		if !ok {
			out.Write(chunk)
			continue
		}
		fmt.Fprintf(&out, "%s\n", head)
		out.Write(body)
		out.WriteString("\nendobj\n\n")
		delete(repl, o.nr)
	}
	if len(repl) > 0 {
		return nil, errors.New("unexpected PDF structure (a metadata object is missing)")
	}
	xrefOff := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n", size)
	nextFree := func(after int) int {
		for _, f := range free {
			if f > after {
				return f
			}
		}
		return 0
	}
	fmt.Fprintf(&out, "%010d 65535 f \n", nextFree(0))
	for nr := 1; nr < size; nr++ {
		if off, ok := offsets[nr]; ok {
			fmt.Fprintf(&out, "%010d %05d n \n", off, table[nr].gen)
			continue
		}
		gen := 0
		if e, ok := table[nr]; ok {
			gen = e.gen
		}
		fmt.Fprintf(&out, "%010d %05d f \n", nextFree(nr), gen)
	}
	fmt.Fprintf(&out, "trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/ID [<%s><%[4]s>]>>\nstartxref\n%d\n%%%%EOF\n",
		size, root, info, idPlaceholder, xrefOff)
	b := out.Bytes()
	sum := sha256.Sum256(b)
	id := sum[:16]
	id[6] = id[6]&0x0f | 0x50 // a name-based UUID (RFC 9562 version 5 layout)
	id[8] = id[8]&0x3f | 0x80
	hexID := strings.ToUpper(hex.EncodeToString(id))
	uuid := fmt.Sprintf("uuid:%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
	if n := bytes.Count(b, []byte(uuidPlaceholder)); n != 2 {
		return nil, fmt.Errorf("document ID placeholder found %d times", n)
	}
	b = bytes.ReplaceAll(b, []byte(uuidPlaceholder), []byte(uuid))
	tail := bytes.LastIndex(b, []byte("trailer\n"))
	copy(b[tail:], bytes.ReplaceAll(b[tail:], []byte(idPlaceholder), []byte(hexID)))
	return b, nil
}

// startXRef returns the offset given after the last "startxref".
func startXRef(raw []byte) (int64, error) {
	i := bytes.LastIndex(raw, []byte("startxref"))
	if i < 0 {
		return 0, errors.New("unexpected PDF structure (no startxref)")
	}
	f := strings.Fields(string(raw[i+len("startxref"):]))
	if len(f) == 0 {
		return 0, errors.New("unexpected PDF structure (no startxref)")
	}
	n, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || n <= 0 || n >= int64(len(raw)) {
		return 0, errors.New("unexpected PDF structure (bad startxref)")
	}
	return n, nil
}
