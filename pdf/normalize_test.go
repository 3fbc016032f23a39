package pdf

import (
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

var update = flag.Bool("update", false, "rewrite testdata/lo74-a.pdf and lo74-b.pdf with the installed soffice")

// samples returns two PDFs LibreOffice 7.4 wrote for the same tinyDocx at
// different times (so their dates, IDs and ICC profile dates differ). With
// -update they are made again by the installed soffice.
func samples(t *testing.T) (a, b []byte) {
	t.Helper()
	names := []string{"lo74-a.pdf", "lo74-b.pdf"}
	if *update {
		dir := t.TempDir()
		in := filepath.Join(dir, "tiny.docx")
		if err := os.WriteFile(in, tinyDocx(t, "Texte d’essai « tiny » &amp; co."), 0o644); err != nil {
			t.Fatal(err)
		}
		for i, name := range names {
			if i > 0 {
				time.Sleep(1100 * time.Millisecond) // another second in the dates
			}
			cmd := exec.Command("soffice", "-env:UserInstallation="+fileURL(filepath.Join(dir, "profile")), "--headless",
				"--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", filter, "--outdir", dir, in)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			data, err := os.ReadFile(filepath.Join(dir, "tiny.pdf"))
			if err != nil {
				t.Fatalf("%v; soffice said:\n%s", err, out)
			}
			if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out [2][]byte
	for i, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = data
	}
	return out[0], out[1]
}

func sampleMeta(t *testing.T) meta {
	p, err := readProps(tinyDocx(t, "x"))
	if err != nil {
		t.Fatal(err)
	}
	return meta{props: p, created: p.created, modified: p.modified}
}

func TestNormalizeReproducible(t *testing.T) {
	a, b := samples(t)
	if bytes.Equal(a, b) {
		t.Fatal("the two samples are identical: they cannot show that normalisation works")
	}
	m := sampleMeta(t)
	na, nb := normalizeBoth(t, a, b, m)
	if !bytes.Equal(na, nb) {
		t.Errorf("two LibreOffice runs give different normalised PDFs (%d and %d bytes)", len(na), len(nb))
	}
	again, _ := normalize(na, m)
	if !bytes.Equal(again, na) {
		t.Error("normalising a normalised PDF changes it")
	}
	checkNormalized(t, na)
}

// checkNormalized checks a normalised PDF: it parses and validates
// (pdfcpu), its Info dictionary and XMP packet carry the DOCX's
// metadata and the same ID and dates, and it says PDF/A-2b.
func checkNormalized(t *testing.T, data []byte) {
	t.Helper()
	if err := api.Validate(bytes.NewReader(data), readConfig(model.ValidationStrict)); err != nil {
		t.Errorf("pdfcpu validate: %v", err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(data), readConfig(model.ValidationRelaxed))
	if err != nil {
		t.Fatal(err)
	}
	info, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title": "Essai « tiny » & co", "Subject": "Sujet", "Author": "labelkit",
		"Keywords": "Cœur & Soins SAS", "CreationDate": "D:20190701000000+00'00'", "ModDate": "D:20190701000000+00'00'",
	}
	for k, v := range want {
		if got, _ := model.Text(info[k]); got != v {
			t.Errorf("Info %s = %q, want %q", k, got, v)
		}
	}
	for _, re := range []string{
		`<pdfaid:part>2</pdfaid:part>`, `<pdfaid:conformance>B</pdfaid:conformance>`,
		`<xmp:CreateDate>2019-07-01T00:00:00Z</xmp:CreateDate>`, `<xmp:ModifyDate>2019-07-01T00:00:00Z</xmp:ModifyDate>`,
		`<pdf:Keywords>Cœur &amp; Soins SAS</pdf:Keywords>`, `<rdf:li xml:lang="x-default">Essai « tiny » &amp; co</rdf:li>`,
		`<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li>`,
	} {
		if !regexp.MustCompile(regexp.QuoteMeta(re)).Match(data) {
			t.Errorf("XMP lacks %s", re)
		}
	}
	// The trailer ID and the XMP DocumentID are the same 16 bytes.
	id := regexp.MustCompile(`/ID \[?<([0-9A-F]{32})><([0-9A-F]{32})>\]`).FindSubmatch(data)
	if id == nil {
		id = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-F]{32})>\s*<([0-9A-F]{32})>\s*\]`).FindSubmatch(data)
	}
	doc := regexp.MustCompile(`<xmpMM:DocumentID>uuid:([0-9a-f-]{36})</xmpMM:DocumentID>`).FindSubmatch(data)
	if id == nil || doc == nil {
		t.Fatalf("no ID (%q) or DocumentID (%q)", id, doc)
	}
	if got := bytes.ToUpper(bytes.ReplaceAll(doc[1], []byte("-"), nil)); !bytes.Equal(got, id[1]) || !bytes.Equal(id[1], id[2]) {
		t.Errorf("trailer ID %s/%s and XMP DocumentID %s differ", id[1], id[2], doc[1])
	}
	if bytes.Contains(data, []byte(idPlaceholder)) {
		t.Error("ID placeholder left in the output")
	}
}

func TestNormalizeDateOverrideAndNoDate(t *testing.T) {
	a, b := samples(t)
	m := sampleMeta(t)
	m.created, m.modified = time.Time{}, time.Time{}
	out, err := normalize(a, m)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("CreationDate")) || bytes.Contains(out, []byte("xmp:CreateDate")) {
		t.Error("a document without dates got dates")
	}
	// Without dates, the ICC profile's date is zeroed rather than left at
	// LibreOffice's clock: still reproducible.
	outB, err := normalize(b, m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, outB) {
		t.Error("without dates, two LibreOffice runs give different PDFs")
	}
}

func TestNormalizeRefusesNonPDFA(t *testing.T) {
	a, _ := samples(t)
	notA := bytes.Replace(a, []byte("<pdfaid:part>2</pdfaid:part>"), []byte("<pdfaid:part>1</pdfaid:part>"), 1)
	if _, err := normalize(notA, sampleMeta(t)); err == nil {
		t.Error("a PDF/A-1 was accepted")
	}
	if _, err := normalize([]byte("%PDF-1.4 garbage"), sampleMeta(t)); err == nil {
		t.Error("garbage was accepted")
	}
}

func TestParseCore(t *testing.T) {
	p, err := readProps(tinyDocx(t, "x"))
	if err != nil {
		t.Fatal(err)
	}
	if p.title != "Essai « tiny » & co" || p.keywords != "Cœur & Soins SAS" || p.language != "fr-FR" ||
		!p.created.Equal(time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v", p)
	}
}

// TestNormalizeICCLength: LibreOffice gives the length of the deflated ICC
// profile in an object of its own, and lcms stamps the time of the
// conversion into the profile, so that length varies by a byte or so from
// one conversion to the next: normalisation must not leave it as it was.
func TestNormalizeICCLength(t *testing.T) {
	a, _ := samples(t)
	b := recompressICC(t, a, zlib.BestSpeed)
	m := sampleMeta(t)
	na, nb := normalizeBoth(t, a, b, m)
	if !bytes.Equal(na, nb) {
		t.Errorf("the same ICC profile deflated to another length gives other bytes (%d and %d)", len(na), len(nb))
	}
	checkNormalized(t, nb)
	// The length object holds the profile's length as now stored.
	ctx, err := api.ReadContext(bytes.NewReader(nb), readConfig(model.ValidationStrict))
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := ctx.XRefTable.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := pdfcpuOutputProfile(ctx.XRefTable, catalog)
	if err != nil || ref == nil {
		t.Fatalf("no output profile: %v", err)
	}
	sd, _, err := ctx.XRefTable.DereferenceStreamDict(*ref)
	if err != nil {
		t.Fatal(err)
	}
	n, err := ctx.XRefTable.DereferenceInteger(sd.Dict["Length"])
	if err != nil || n == nil || n.Value() != len(sd.Raw) || sd.FilterPipeline != nil {
		t.Errorf("profile stored in %d bytes, unfiltered %v, Length says %v (%v)", len(sd.Raw), sd.FilterPipeline == nil, n, err)
	}
}

// recompressICC returns raw (a PDF as LibreOffice writes it, with a
// cross-reference table) with its ICC output profile deflated again at
// level, its length object and cross-reference table updated.
func recompressICC(t *testing.T, raw []byte, level int) []byte {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(raw), readConfig(model.ValidationRelaxed))
	if err != nil {
		t.Fatal(err)
	}
	xt := ctx.XRefTable
	catalog, err := xt.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := pdfcpuOutputProfile(xt, catalog)
	if err != nil || ref == nil {
		t.Fatalf("no output profile: %v", err)
	}
	sd, _, err := xt.DereferenceStreamDict(*ref)
	if err != nil {
		t.Fatal(err)
	}
	lenRef, ok := sd.Dict["Length"].(types.IndirectRef)
	if !ok {
		t.Fatal("the sample's ICC profile length is not an object of its own: the test shows nothing")
	}
	oldZ := sd.Raw
	if err := sd.Decode(); err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, level)
	zw.Write(sd.Content)
	zw.Close()
	if z.Len() == len(oldZ) {
		t.Fatalf("deflated at level %d, the profile has the same length (%d)", level, z.Len())
	}

	// Two edits: the stream's data, and the length object's number.
	type edit struct {
		at, end int
		with    []byte
	}
	iccOff := int(*xt.Table[ref.ObjectNumber.Value()].Offset)
	data := iccOff + bytes.Index(raw[iccOff:], []byte("stream\n")) + len("stream\n")
	if !bytes.Equal(raw[data:data+len(oldZ)], oldZ) {
		t.Fatal("the profile's data is not where expected")
	}
	lenOff := int(*xt.Table[lenRef.ObjectNumber.Value()].Offset)
	head := fmt.Sprintf("%d 0 obj\n", lenRef.ObjectNumber.Value())
	old := head + strconv.Itoa(len(oldZ))
	if !bytes.HasPrefix(raw[lenOff:], []byte(old)) {
		t.Fatalf("length object %q not where expected", raw[lenOff:lenOff+len(old)])
	}
	edits := []edit{{data, data + len(oldZ), z.Bytes()}, {lenOff + len(head), lenOff + len(old), []byte(strconv.Itoa(z.Len()))}}
	slices.SortFunc(edits, func(a, b edit) int { return a.at - b.at })
	moved := func(off int) int {
		n := off
		for _, e := range edits {
			if e.end <= off {
				n += len(e.with) - (e.end - e.at)
			}
		}
		return n
	}
	xrefAt, err := startXRef(raw)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	prev := 0
	for _, e := range edits {
		out.Write(raw[prev:e.at])
		out.Write(e.with)
		prev = e.end
	}
	out.Write(raw[prev:xrefAt])
	// The table: "xref", "0 N", then N entries of 20 bytes.
	tail := raw[xrefAt:]
	lines := bytes.SplitAfterN(tail, []byte("\n"), 3)
	if string(lines[0]) != "xref\n" || !bytes.HasPrefix(lines[1], []byte("0 ")) {
		t.Fatalf("unexpected cross-reference table %q", tail[:min(len(tail), 40)])
	}
	out.Write(lines[0])
	out.Write(lines[1])
	n, _ := strconv.Atoi(strings.TrimSpace(string(lines[1][2:])))
	entries := lines[2]
	for i := range n {
		e := entries[20*i : 20*i+20]
		if e[17] == 'n' {
			off, _ := strconv.Atoi(string(e[:10]))
			fmt.Fprintf(&out, "%010d", moved(off))
			out.Write(e[10:])
		} else {
			out.Write(e)
		}
	}
	rest := string(entries[20*n:])
	i := strings.LastIndex(rest, "startxref\n")
	if i < 0 {
		t.Fatal("no startxref")
	}
	fmt.Fprintf(&out, "%sstartxref\n%d\n%%%%EOF\n", rest[:i], moved(int(xrefAt)))
	return out.Bytes()
}

// normalizeBoth normalises a and b with m.
func normalizeBoth(t *testing.T, a, b []byte, m meta) (na, nb []byte) {
	t.Helper()
	na, err := normalize(a, m)
	if err != nil {
		t.Fatal(err)
	}
	nb, err = normalize(b, m)
	if err != nil {
		t.Fatal(err)
	}
	return na, nb
}

// pdfcpuOutputProfile is outputProfile read by pdfcpu: the reference to
// the ICC profile of the PDF/A output intent, or nil.
func pdfcpuOutputProfile(xt *model.XRefTable, catalog types.Dict) (*types.IndirectRef, error) {
	arr, err := xt.DereferenceArray(catalog["OutputIntents"])
	if err != nil || len(arr) == 0 {
		return nil, err
	}
	for _, o := range arr {
		d, err := xt.DereferenceDict(o)
		if err != nil || d == nil {
			continue
		}
		if ref, ok := d["DestOutputProfile"].(types.IndirectRef); ok {
			return &ref, nil
		}
	}
	return nil, nil
}
