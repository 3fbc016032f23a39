package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/clienttest"
	"github.com/esante/labelkit/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// shared is the one Converter of the real-client tests: its processes'
// profiles are created once.
var shared struct {
	once sync.Once
	c    *pdf.Converter
}

func converter(t *testing.T) *pdf.Converter {
	t.Helper()
	if testing.Short() {
		t.Skip("LibreOffice conversions skipped in -short mode")
	}
	clienttest.Need(t, "soffice", "pdftotext", "pdffonts")
	shared.once.Do(func() { shared.c = pdf.New() })
	return shared.c
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.c != nil {
		shared.c.Close()
	}
	os.Exit(code)
}

// golden are the agreements of the root package's golden tests.
var golden = []struct{ name, input string }{
	{"blank", ""},
	{"monosite-standard", "examples/monosite-standard.toml"},
	{"multisite-avance-renouvellement", "examples/multisite-avance-renouvellement.toml"},
	{"maximal", "testdata/inputs/maximal.toml"},
	{"minimal", "testdata/inputs/minimal.toml"},
}

func render(t *testing.T, input string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if input == "" {
		if err := labelkit.RenderBlank(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	c, err := convention.LoadFile(filepath.Join("..", input))
	if err != nil {
		t.Fatal(err)
	}
	if err := labelkit.Render(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	pageFooter = regexp.MustCompile(`Page \d+ sur \d+`)
	dotLeader  = regexp.MustCompile(`\.{3,}`) // a tab's leader dots
)

// words splits text into words, leaving out what the PDF adds to the
// paragraph text (page footers, tab leaders) and the golden text's marks
// (line breaks, placeholder brackets).
func words(s string) []string {
	s = pageFooter.ReplaceAllString(s, " ")
	s = dotLeader.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "⏎", " ")
	// The ‹ › around a content control's placeholder text are not printed.
	s = strings.NewReplacer("‹", "", "›", "").Replace(s)
	return strings.Fields(s)
}

// TestGoldenAgreements converts every golden agreement (concurrently, so in
// shared batches) and checks each PDF with real clients, then converts one
// again in a new process and compares the bytes.
func TestGoldenAgreements(t *testing.T) {
	c := converter(t)
	docs := make([][]byte, len(golden))
	for i, g := range golden {
		docs[i] = render(t, g.input)
	}
	pdfs := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i := range docs {
		wg.Go(func() {
			var buf bytes.Buffer
			errs[i] = c.Convert(t.Context(), &buf, bytes.NewReader(docs[i]))
			pdfs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	dir := t.TempDir()
	for i, g := range golden {
		t.Run(g.name, func(t *testing.T) {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			path := filepath.Join(dir, g.name+".pdf")
			if err := os.WriteFile(path, pdfs[i], 0o644); err != nil {
				t.Fatal(err)
			}
			checkPDF(t, path, pdfs[i])
			want, err := os.ReadFile(filepath.Join("..", "testdata", "golden", g.name, "text.txt"))
			if err != nil {
				t.Fatal(err)
			}
			// Compared character for character, white space aside: a line
			// break inside a paragraph (w:br) may come out of pdftotext with
			// no space.
			g := strings.Join(words(clienttest.Text(t, path)), "")
			e := strings.Join(words(string(want)), "")
			if g != e {
				i := 0
				for i < min(len(g), len(e)) && g[i] == e[i] {
					i++
				}
				t.Fatalf("the PDF's text differs from the DOCX's at byte %d:\nPDF:  …%s…\nDOCX: …%s…", i,
					g[max(0, i-60):min(len(g), i+60)], e[max(0, i-60):min(len(e), i+60)])
			}
		})
	}

	// Same input, new process (another start, other clock): same bytes.
	before := c.Starts()
	var again bytes.Buffer
	if err := c.Convert(t.Context(), &again, bytes.NewReader(docs[3])); err != nil {
		t.Fatal(err)
	}
	if c.Starts() == before {
		t.Error("the second conversion did not start a new process")
	}
	if !bytes.Equal(again.Bytes(), pdfs[3]) {
		// Kept for diagnosis: the test's temporary folder goes at its end.
		keep, err := os.MkdirTemp("", "labelkit-pdf-differ-")
		if err == nil {
			err = errors.Join(os.WriteFile(filepath.Join(keep, "batch.pdf"), pdfs[3], 0o644),
				os.WriteFile(filepath.Join(keep, "alone.pdf"), again.Bytes(), 0o644))
		}
		if err != nil {
			keep = fmt.Sprintf("(not kept: %v)", err)
		}
		t.Errorf("converting %s twice gave different bytes (%d and %d), kept in %s as batch.pdf and alone.pdf; objects that differ: %s",
			golden[3].name, len(pdfs[3]), again.Len(), keep, strings.Join(diffObjects(t, pdfs[3], again.Bytes()), "; "))
	}
}

// TestGroupings: a document's PDF does not depend on what the same
// LibreOffice process converted before it: two agreements converted in one
// batch, then in the other order in another, give the same bytes.
func TestGroupings(t *testing.T) {
	converter(t)
	c := pdf.New(pdf.WithProcesses(1))
	defer c.Close()
	docs := [][]byte{render(t, "testdata/inputs/maximal.toml"), render(t, "testdata/inputs/minimal.toml")}
	first := inOrder(t, c, docs[0], docs[1])
	second := inOrder(t, c, docs[1], docs[0])
	if n := c.Starts(); n != 2 {
		t.Logf("%d LibreOffice starts, not 2: the documents were not batched as intended (a loaded machine)", n)
	}
	for i, name := range []string{"maximal", "minimal"} {
		a, b := first[i], second[1-i]
		if !bytes.Equal(a, b) {
			t.Errorf("%s converted in another batch, at another place, gave other bytes (%d and %d); objects that differ: %s",
				name, len(a), len(b), strings.Join(diffObjects(t, a, b), "; "))
		}
	}
}

// inOrder converts docs with c, submitted 20 ms apart so that they reach
// its one process in this order, in one batch (the gathering window is
// 100 ms).
func inOrder(t *testing.T, c *pdf.Converter, docs ...[]byte) [][]byte {
	t.Helper()
	outs := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i, doc := range docs {
		wg.Go(func() {
			var buf bytes.Buffer
			errs[i] = c.Convert(t.Context(), &buf, bytes.NewReader(doc))
			outs[i] = buf.Bytes()
		})
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return outs
}

// diffObjects names the objects that differ between two PDFs, streams
// compared decoded, with an excerpt of each difference (at most ten).
func diffObjects(t *testing.T, a, b []byte) []string {
	t.Helper()
	objects := func(data []byte) map[int][]byte {
		conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationRelaxed, Offline: true,
			UnsupportedResourcePolicy: model.UnsupportedResourceSkip, Limits: model.DefaultResourceLimits()}
		ctx, err := api.ReadContext(bytes.NewReader(data), conf)
		if err != nil {
			t.Errorf("reading a PDF to compare it: %v", err)
			return nil
		}
		objs := map[int][]byte{}
		for nr, e := range ctx.XRefTable.Table {
			if e == nil || e.Free || e.Object == nil {
				continue
			}
			sd, ok := e.Object.(types.StreamDict)
			if !ok {
				objs[nr] = []byte(e.Object.PDFString())
				continue
			}
			body := append([]byte(sd.Dict.PDFString()), " stream "...)
			if err := sd.Decode(); err == nil {
				body = append(body, sd.Content...)
			} else {
				body = append(body, sd.Raw...)
			}
			objs[nr] = body
		}
		return objs
	}
	oa, ob := objects(a), objects(b)
	var nrs []int
	for nr := range oa {
		nrs = append(nrs, nr)
	}
	for nr := range ob {
		if _, ok := oa[nr]; !ok {
			nrs = append(nrs, nr)
		}
	}
	slices.Sort(nrs)
	var diffs []string
	for _, nr := range nrs {
		x, y := oa[nr], ob[nr]
		if bytes.Equal(x, y) {
			continue
		}
		if len(diffs) == 10 {
			diffs = append(diffs, "…")
			break
		}
		i := 0
		for i < min(len(x), len(y)) && x[i] == y[i] {
			i++
		}
		from := max(0, i-20)
		diffs = append(diffs, fmt.Sprintf("object %d (%d and %d bytes) at byte %d: %q | %q", nr, len(x), len(y), i,
			x[from:min(len(x), i+40)], y[from:min(len(y), i+40)]))
	}
	return diffs
}

// TestDiffObjects: the diagnosis of TestGoldenAgreements names the objects
// that differ between two of LibreOffice's PDFs of the same DOCX (the dates
// of the Info dictionary, of the XMP packet and of the ICC profile), and
// none between a PDF and itself.
func TestDiffObjects(t *testing.T) {
	a, err := os.ReadFile(filepath.Join("testdata", "lo74-a.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "lo74-b.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffObjects(t, a, a); len(d) != 0 {
		t.Errorf("a PDF differs from itself: %v", d)
	}
	d := strings.Join(diffObjects(t, a, b), "\n")
	for _, want := range []string{"Date(D:", "</xmp:CreateDate>", "acspAPPL"} {
		if !strings.Contains(d, want) {
			t.Errorf("no difference naming %s in:\n%s", want, d)
		}
	}
}

// checkPDF checks one agreement's PDF: valid (pdfcpu), fonts embedded
// (pdffonts), PDF/A-2b identification, French, the agreement's dates.
func checkPDF(t *testing.T, path string, data []byte) {
	t.Helper()
	// Not model.NewDefaultConfiguration: it writes a config.yml under the
	// user's configuration folder.
	conf := &model.Configuration{Reader15: true, ValidationMode: model.ValidationStrict, Offline: true,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip, Limits: model.DefaultResourceLimits()}
	if err := api.Validate(bytes.NewReader(data), conf); err != nil {
		t.Errorf("pdfcpu validate (strict): %v", err)
	}
	missing, fonts := clienttest.NotEmbedded(t, path)
	if fonts == 0 || len(missing) > 0 {
		t.Errorf("pdffonts: %d fonts, not embedded: %v", fonts, missing)
	}
	for _, want := range []string{
		"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"/Lang(fr-FR)", "<xmp:CreateDate>", "<xmpMM:DocumentID>uuid:",
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Convention relative aux conditions d’utilisation du label",
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
}
