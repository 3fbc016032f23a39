package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// TestPDFTextAsPdfcpu: text strings decode as pdfcpu decoded them when
// normalize used it (literal and hexadecimal, UTF-16 with surrogates,
// UTF-8, PDFDocEncoding, escapes).
func TestPDFTextAsPdfcpu(t *testing.T) {
	texts := []string{"", "Writer", "LibreOffice 7.4", "fr-FR", "a\\(b\\) \\\\ \\101\\7 \\n\\t x\\\ny", "caf\xe9 \x80\x92 \x18", "Cœur", "\xef\xbb\xbfbom"}
	texts = append(texts, "\xfe\xff\x00W\x00r\xd8\x34\xdd\x1e", "\xfe\xff\x00\xe9\x20\xac")
	for _, s := range texts {
		want, werr := model.Text(types.StringLiteral(s))
		got, err := pdfText(pdfString(s))
		if got != want || (err == nil) != (werr == nil) {
			t.Errorf("literal %q: got %q (%v), pdfcpu %q (%v)", s, got, err, want, werr)
		}
		h := hex.EncodeToString([]byte(s))
		want, werr = model.Text(types.HexLiteral(h))
		got, err = pdfText(pdfHex(h))
		if got != want || (err == nil) != (werr == nil) {
			t.Errorf("hex %q: got %q (%v), pdfcpu %q (%v)", s, got, err, want, werr)
		}
	}
}

// TestPDFBytesAsPdfcpu: dictionaries are written as pdfcpu wrote them.
func TestPDFBytesAsPdfcpu(t *testing.T) {
	ours := pdfDict{
		"N": int64(3), "Alternate": pdfName("DeviceRGB"), "Range": pdfArray{0.0, 1.5, int64(2), pdfName("x"), pdfRef{4, 0}, pdfHex("ab"), pdfString("s"), true, nil},
		"Length": pdfRef{12, 0}, "Sub": pdfDict{"A b": pdfName("c#d"), "E": pdfArray{}}, "Title": pdfHex("feff0041"), "D": pdfString("D:2019"),
	}
	theirs := types.Dict{
		"N": types.Integer(3), "Alternate": types.Name("DeviceRGB"), "Range": types.Array{types.Float(0), types.Float(1.5), types.Integer(2), types.Name("x"), *types.NewIndirectRef(4, 0), types.HexLiteral("ab"), types.StringLiteral("s"), types.Boolean(true), nil},
		"Length": *types.NewIndirectRef(12, 0), "Sub": types.Dict{"A b": types.Name("c#d"), "E": types.Array{}}, "Title": types.HexLiteral("feff0041"), "D": types.StringLiteral("D:2019"),
	}
	if got, want := string(dictBytes(ours)), theirs.PDFString(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestParsePDF reads a few objects and the values normalize needs.
func TestParsePDF(t *testing.T) {
	raw := []byte("%PDF-1.4\n1 0 obj\n<</Type/Catalog/Lang(fr\\055FR)/A [1 2.5 /N#20x (s\\)) <0a 0B> 3 0 R true null] /Metadata 3 0 R>>\nendobj\n" +
		"2 0 obj\n5\nendobj\n3 0 obj\n<</Length 2 0 R>>\nstream\nhello\nendstream\nendobj\n")
	xref := len(raw)
	raw = append(raw, "xref\n0 4\n0000000000 65535 f \n"...)
	for _, obj := range []string{"1 0 obj", "2 0 obj", "3 0 obj"} {
		raw = fmt.Appendf(raw, "%010d 00000 n \n", bytes.Index(raw, []byte(obj)))
	}
	raw = fmt.Appendf(raw, "trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", xref)
	f, err := parsePDF(raw)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := f.dict(f.trailer["Root"])
	if err != nil {
		t.Fatal(err)
	}
	if lang, _ := pdfText(cat["Lang"]); lang != "fr-FR" {
		t.Errorf("Lang %q", lang)
	}
	if got, want := string(dictBytes(pdfDict{"A": cat["A"]})), "<</A[1 2.500000000000/N#20x (s\\)) <0a 0B> 3 0 R true null]>>"; got != want {
		t.Errorf("A: got %s, want %s", got, want)
	}
	_, data, err := f.stream(cat["Metadata"].(pdfRef))
	if err != nil || string(data) != "hello" {
		t.Errorf("stream %q, %v", data, err)
	}
	if _, err := parsePDF(raw[:len(raw)-20]); err == nil {
		t.Error("a truncated file was read")
	}
}
