package frfuncs_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/internal/costtest"
	"github.com/esante/labelkit/render"
)

// parse builds a one-paragraph template around body, with the French
// functions plugged in as a user would.
func parse(t *testing.T, body string, opts ...render.Option) *render.Template {
	t.Helper()
	fsys := fstest.MapFS{
		"[Content_Types].xml": {Data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		"_rels/.rels":         {Data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)},
		"word/document.xml":   {Data: []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">` + body + `</w:t></w:r></w:p></w:body></w:document>`)},
	}
	tmpl, err := render.ParseFS(fsys, append([]render.Option{render.Funcs(frfuncs.FuncMap())}, opts...)...)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return tmpl
}

var tags = regexp.MustCompile(`<[^>]*>`)

// exec renders body with data and returns the paragraph's text.
func exec(t *testing.T, tmpl *render.Template, data any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := io.ReadAll(f)
	s := string(doc)
	s = s[strings.Index(s, "<w:body>"):]
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(tags.ReplaceAllString(s, ""))
}

func execErr(t *testing.T, body string, data any) error {
	t.Helper()
	return parse(t, body).Execute(io.Discard, data)
}

func TestFuncs(t *testing.T) {
	got := exec(t, parse(t, `{{dateFR .d}}|{{dateFR "2019-07-01"}}|{{upperFR "Société générale"}}|{{joinFR .l}}|{{joinFR .x}}`), map[string]any{
		"d": time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), "l": []string{"a", "b", "c"}, "x": []string{"x"}})
	if want := "2 décembre 2026|1er juillet 2019|SOCIÉTÉ GÉNÉRALE|a, b et c|x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// civilDate is a date type with a Time method, as a data model might have.
type civilDate struct{ y, m, d int }

func (c civilDate) Time() time.Time {
	return time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
}

func TestDateFR(t *testing.T) {
	tm := time.Date(2019, 7, 1, 23, 59, 0, 0, time.FixedZone("Tahiti", -10*3600))
	got := exec(t, parse(t, `{{dateFR .t}}|{{dateFR .p}}|{{dateFR .c}}|{{dateFR "2026-02-28"}}|{{dateFR ""}}|{{dateFR .z}}`),
		map[string]any{"t": tm, "p": &tm, "c": civilDate{2027, 1, 2}, "z": time.Time{}})
	if want := "1er juillet 2019|1er juillet 2019|2 janvier 2027|28 février 2026||"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// RFC 3339 date-times, as JSON data holds them: their own calendar date.
	got = exec(t, parse(t, `{{dateFR "2019-07-01T23:30:00-05:00"}}|{{dateFR "2024-02-29T00:00:00Z"}}`), nil)
	if want := "1er juillet 2019|29 février 2024"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, bad := range []string{`{{dateFR "01/07/2019"}}`, `{{dateFR 3}}`} {
		if err := execErr(t, bad, nil); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	// The function's own message reaches the caller once, with the place.
	err := execErr(t, "Le {{dateFR .d}}", map[string]any{"d": "1er juillet"})
	want := `word/document.xml: paragraph 1 « Le {{dateFR .d}} »: dateFR: "1er juillet" is not a YYYY-MM-DD date (or an RFC 3339 date-time)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestNumberFR(t *testing.T) {
	got := exec(t, parse(t, `{{numberFR 2 .f}}|{{.i | numberFR 0}}|{{eurosFR .i}}|{{eurosFR "-1234.567"}}|{{numberFR 1 .u}}|{{numberFR 3 .n}}|{{eurosFR ""}}`),
		map[string]any{"f": 179942.5, "i": 1234567, "u": uint8(7), "n": json.Number("-0.5")})
	if want := "179\u00a0942,50|1\u00a0234\u00a0567|1\u00a0234\u00a0567,00\u00a0€|-1\u00a0234,57\u00a0€|7,0|-0,500|"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, bad := range []string{`{{numberFR 2 "abc"}}`, `{{numberFR 20 1}}`, `{{eurosFR .m}}`} {
		if err := execErr(t, bad, map[string]any{"m": map[string]any{}}); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestNumberFROddInputs: long integers keep their digits, amounts that
// round to zero have no sign, decimals written out round halves away from
// zero, pointers are followed, NaN and infinities are refused.
func TestNumberFROddInputs(t *testing.T) {
	f, nilF := -12.5, (*float64)(nil)
	got := exec(t, parse(t, `{{numberFR 0 .big}}|{{eurosFR .tiny}}|{{numberFR 2 "-0.004"}}|{{numberFR 1 .half}}|{{numberFR 2 "1."}}|{{numberFR 1 "+.25"}}|{{numberFR 0 "1e6"}}|{{eurosFR .p}}|{{eurosFR .nilp}}|{{numberFR 0 .neg}}`),
		map[string]any{"big": json.Number("12345678901234567890"), "tiny": -0.001, "half": json.Number("2.25"),
			"p": &f, "nilp": nilF, "neg": -1000})
	if want := "12\u00a0345\u00a0678\u00a0901\u00a0234\u00a0567\u00a0890|0,00\u00a0€|0,00|2,3|1,00|0,3|1\u00a0000\u00a0000|-12,50\u00a0€||-1\u00a0000"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, bad := range []string{`{{numberFR 2 .nan}}`, `{{eurosFR .inf}}`, `{{numberFR 0 "Inf"}}`, `{{numberFR 0 "NaN"}}`, `{{numberFR 0 "1e999"}}`} {
		err := execErr(t, bad, map[string]any{"nan": math.NaN(), "inf": math.Inf(-1)})
		if err == nil || !strings.Contains(err.Error(), "number") {
			t.Errorf("%s: got %v, want a not-a-number error", bad, err)
		}
	}
}

// TestNilInFuncs: nil values (JSON null, a missing key with AllowMissing)
// print nothing through upperFR and joinFR, as through a plain action.
func TestNilInFuncs(t *testing.T) {
	var np *string
	got := exec(t, parse(t, `[{{upperFR .null}}][{{upperFR .missing}}][{{upperFR .np}}][{{joinFR .l}}][{{joinFR .empty}}]`, render.AllowMissing()),
		map[string]any{"null": nil, "np": np, "l": []any{"a", nil, "", np, "b"}, "empty": []any{nil}})
	if want := "[][][][a et b][]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestFuncMapFresh: each call gives a new map, so a caller adding to it
// does not change what others get.
func TestFuncMapFresh(t *testing.T) {
	a := frfuncs.FuncMap()
	a["dateFR"] = nil
	if frfuncs.FuncMap()["dateFR"] == nil {
		t.Error("FuncMap shares its map between calls")
	}
}

// TestNumberFRHuge rounds a 4-million-digit number in linear time
// (math/big took 30 CPU-seconds).
func TestNumberFRHuge(t *testing.T) {
	huge := strings.Repeat("9", 4_000_000) + ".995"
	costtest.Run(t, 300<<20, func() {
		got := exec(t, parse(t, `{{len (numberFR 2 .n)}}`), map[string]any{"n": json.Number(huge)})
		// "1", 4,000,000 zeros in groups of three (no-break spaces: 2 bytes), ",00"
		if want := strconv.Itoa(1 + 4_000_000 + 1_333_333*2 + 3); got != want {
			t.Errorf("length %s, want %s", got, want)
		}
	})
}
