package convention

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	utf16pkg "unicode/utf16"

	"github.com/BurntSushi/toml"
)

const minimalTOML = `
reason = "first"
level = "standard"
[company]
name = " Médilogic SAS "
address = "14 rue des Tanneurs"
postal_code = "67000"
city = "Strasbourg"
phone = "03 88 12 34 56"
email = "contact@medilogic.example.fr"
registration_id = "812 345 676 00017"
registration_place = "RCS de Strasbourg"
registration_number = "812 345 676"
[company.representative]
civility = "Madame"
first_name = "Claire"
last_name = "Martin"
title = "Présidente"
[solution]
name = "CentreSanté Pro"
version = "4.2.1"
centres_only = true
deployment = "monosite"
professions = ["infirmier"]
`

func decodeString(t *testing.T, src string, f Format) (*Convention, Problems) {
	t.Helper()
	c, err := Decode(strings.NewReader(src), f)
	if err == nil {
		if c == nil {
			t.Fatal("nil Convention without error")
		}
		return c, nil
	}
	if c != nil {
		t.Fatal("Convention with an error")
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("%T is not Problems: %v", err, err)
	}
	return nil, ps
}

func TestDecodeNormalizesAndValidates(t *testing.T) {
	c, ps := decodeString(t, minimalTOML, TOML)
	if ps != nil {
		t.Fatal(ps)
	}
	if c.Company.Name != "Médilogic SAS" || c.Company.RegistrationID != "81234567600017" || c.Company.Country != "France" {
		t.Errorf("not normalized: %+v", c.Company)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeDates(t *testing.T) {
	tests := []struct {
		format Format
		value  string
		want   string // "" = problem expected
	}{
		{TOML, `2026-12-01`, "2026-12-01"},
		{TOML, `"2026-12-01"`, "2026-12-01"},
		{TOML, `2026-12-01T10:00:00`, ""},
		{TOML, `2026-12-01T10:00:00Z`, ""},
		{TOML, `2026-12-01 10:00:00+01:00`, ""},
		{TOML, `10:00:00`, ""},
		{TOML, `"2026-02-30"`, ""},
		{TOML, `"01/12/2026"`, ""},
		{TOML, `20261201`, ""},
		{JSON, `"2026-12-01"`, "2026-12-01"},
		{JSON, `"2024-02-29"`, "2024-02-29"},
		{JSON, `"2026-02-30"`, ""},
		{JSON, `"2026-12-1"`, ""},
		{JSON, `"2026-12-01T00:00:00Z"`, ""},
		{JSON, `20261201`, ""},
		{JSON, `null`, "nil"},
		{JSON, `""`, "nil"},
		{TOML, `""`, "nil"},
	}
	for _, tt := range tests {
		var src string
		if tt.format == TOML {
			src = "[signature]\ndate = " + tt.value + "\n"
		} else {
			src = `{"signature": {"date": ` + tt.value + `}}`
		}
		c, ps := decodeString(t, src, tt.format)
		switch {
		case tt.want == "":
			if ps == nil || (ps[0].Code != CodeDate && ps[0].Code != CodeSyntax) || ps[0].Path != "signature.date" && ps[0].Code != CodeSyntax {
				t.Errorf("%v %s: want a date problem, got %v %v", tt.format, tt.value, c, ps)
			}
		case tt.want == "nil":
			if ps != nil || c.Signature.Date != nil {
				t.Errorf("%v %s: %v %v", tt.format, tt.value, c.Signature.Date, ps)
			}
		default:
			if ps != nil {
				t.Errorf("%v %s: %v", tt.format, tt.value, ps)
				continue
			}
			if got := c.SignatureDate().String(); got != tt.want {
				t.Errorf("%v %s: got %s", tt.format, tt.value, got)
			}
		}
	}
}

// TestDateThroughBurntSushi checks that a Convention decoded with
// BurntSushi/toml directly (not through Decode) gets its local date.
func TestDateThroughBurntSushi(t *testing.T) {
	var c Convention
	if _, err := toml.Decode("[signature]\ndate = 2027-01-02\n", &c); err != nil {
		t.Fatal(err)
	}
	if c.SignatureDate() == nil || c.SignatureDate().French() != "2 janvier 2027" {
		t.Fatalf("date %v", c.Signature.Date)
	}
	if _, err := toml.Decode("[signature]\ndate = 2027-01-02T08:00:00Z\n", &c); err == nil {
		t.Fatal("offset datetime accepted")
	}
}

func TestDateMethods(t *testing.T) {
	d := Date{2026, time.December, 1}
	if d.String() != "2026-12-01" || d.French() != "1er décembre 2026" || d.Numeric() != "01/12/2026" || d.IsZero() {
		t.Errorf("%s %s %s", d, d.French(), d.Numeric())
	}
	if !d.Time().Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) || d.Time().Location() != time.UTC {
		t.Error("Time")
	}
	var z Date
	if z.String() != "" || z.French() != "" || !z.IsZero() {
		t.Error("zero Date")
	}
	b, _ := json.Marshal(struct{ D Date }{d})
	if string(b) != `{"D":"2026-12-01"}` {
		t.Errorf("MarshalJSON %s", b)
	}
	if _, err := NewDate(2026, time.February, 29); err == nil {
		t.Error("NewDate accepts 29 February 2026")
	}
	if _, err := NewDate(2028, time.February, 29); err != nil {
		t.Error(err)
	}
	var u Date
	if err := json.Unmarshal([]byte(`"2027-01-02"`), &u); err != nil || u != (Date{2027, time.January, 2}) {
		t.Errorf("UnmarshalJSON %v %v", u, err)
	}
	if err := json.Unmarshal([]byte(`12`), &u); err == nil {
		t.Error("UnmarshalJSON accepts a number")
	}
}

// TestJSONRoundTrip checks that json.Marshal of a Convention decodes back
// to the same Convention.
func TestJSONRoundTrip(t *testing.T) {
	want := valid()
	want.Normalize()
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, ps := decodeString(t, string(b), JSON)
	if ps != nil {
		t.Fatal(ps)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestCanonical(t *testing.T) {
	c := valid()
	c.Company.Name = "  Santéa Systèmes SA "
	c.Company.RegistrationID = "852 963 743 00020"
	before, _ := json.Marshal(c)
	a, err := Canonical(c)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(c)
	if !bytes.Equal(before, after) {
		t.Error("Canonical changed its argument")
	}
	d := valid()
	d.Normalize()
	b, _ := Canonical(d)
	if !bytes.Equal(a, b) {
		t.Errorf("Canonical differs:\n%s\n%s", a, b)
	}
	if !bytes.Contains(a, []byte(`"registration_id":"85296374300020"`)) || !bytes.Contains(a, []byte(`"date":"2026-12-01"`)) {
		t.Errorf("Canonical: %s", a)
	}
	again, _ := Canonical(c)
	if !bytes.Equal(a, again) {
		t.Error("Canonical is not deterministic")
	}
}

func TestDecodeUnknownKeysAndTypesAllAtOnce(t *testing.T) {
	src := `{"reason": "first", "levle": 1, "company": {"nam": "x", "phone": 3, "representative": {"civilite": "Madame"}},
 "solution": {"hosting": {"hosted": "yes"}, "professions": ["infirmier", null]}, "annexes": [{"title": "a"}, "b"]}`
	_, ps := decodeString(t, src, JSON)
	want := []struct {
		path string
		code Code
	}{
		{"levle", CodeUnknownKey},
		{"company.nam", CodeUnknownKey},
		{"company.phone", CodeType},
		{"company.representative.civilite", CodeUnknownKey},
		{"solution.hosting.hosted", CodeType},
		{"solution.professions[1]", CodeType},
		{"annexes[1]", CodeType},
	}
	for _, w := range want {
		if !ps.Has(w.path, w.code) {
			t.Errorf("missing %s [%s]", w.path, w.code)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems:\n%v", len(ps), ps)
	}
	for _, p := range ps {
		if p.Line != 1 && p.Line != 2 || p.Column == 0 {
			t.Errorf("no position: %v", p)
		}
	}
	if !strings.Contains(ps.Error(), "vouliez-vous dire « level »") || !strings.Contains(ps.Error(), "« name »") {
		t.Errorf("no suggestion:\n%v", ps)
	}
}

func TestDecodeJSONNullIsAbsent(t *testing.T) {
	c, ps := decodeString(t, `{"reason": null, "ans": null, "solution": {"lap": null, "max_sites": null}}`, JSON)
	if ps != nil {
		t.Fatal(ps)
	}
	if c.Reason != "" || c.ANS != nil || c.Solution.LAP != nil {
		t.Errorf("%+v", c)
	}
}

func TestDecodeSyntaxErrors(t *testing.T) {
	_, ps := decodeString(t, "reason = \"first\"\nlevel = = 2\n", TOML)
	if len(ps) != 1 || ps[0].Code != CodeSyntax || ps[0].Line != 2 || ps[0].Column == 0 {
		t.Fatalf("%#v", ps)
	}
	var pe toml.ParseError
	if !errors.As(Problems(ps), &pe) {
		t.Error("toml.ParseError not reachable with errors.As")
	}

	_, ps = decodeString(t, "{\n  \"reason\": \"first\",\n  \"level\" \"standard\"\n}", JSON)
	if len(ps) != 1 || ps[0].Code != CodeSyntax || ps[0].Line != 3 {
		t.Fatalf("%v", ps)
	}
	var se *json.SyntaxError
	if !errors.As(Problems(ps), &se) {
		t.Error("*json.SyntaxError not reachable with errors.As")
	}
	for _, src := range []string{"", "{", `{"a": [1, 2}`, `{"reason": "first"} {}`, `"text"`, `{"a": 1,}`, "\xff"} {
		_, ps = decodeString(t, src, JSON)
		if len(ps) == 0 {
			t.Errorf("%q: no problem", src)
		}
	}
	_, ps = decodeString(t, `{"company": {"name": "a", "name": "b"}}`, JSON)
	if !ps.Has("company.name", CodeDuplicateKey) || ps[0].Line != 1 || ps[0].Column != 27 {
		t.Errorf("duplicate key: %v", ps)
	}
	_, ps = decodeString(t, strings.Repeat("[", 100)+strings.Repeat("]", 100), JSON)
	if len(ps) != 1 || ps[0].Code != CodeSyntax {
		t.Errorf("deep nesting: %v", ps)
	}
}

func TestDecodeTooLarge(t *testing.T) {
	src := "# " + strings.Repeat("x", MaxInputSize) + "\n"
	_, ps := decodeString(t, src, TOML)
	if len(ps) != 1 || ps[0].Code != CodeTooLarge {
		t.Fatal(ps)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrClosedPipe }

// TestDecodeDeepNesting: BurntSushi/toml's cost explodes with nesting
// (50,000 levels of 3 bytes: tens of GB); Decode refuses it first.
func TestDecodeDeepNesting(t *testing.T) {
	src := "reason = \"first\"\ncompany = " + strings.Repeat("{x=", 50000) + "1" + strings.Repeat("}", 50000)
	start := time.Now()
	_, err := Decode(strings.NewReader(src), TOML)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code != CodeSyntax || ps[0].Line != 2 || ps[0].Column != 11+3*32 {
		t.Fatalf("Decode = %v, want one syntax problem at 2:%d", err, 11+3*32)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Decode took %v", d)
	}
}

func TestDecodeReadError(t *testing.T) {
	_, err := DecodeNamed(failingReader{}, JSON, "pipe")
	if !errors.Is(err, io.ErrClosedPipe) || !strings.HasPrefix(err.Error(), "pipe: ") {
		t.Fatalf("%v", err)
	}
}

func TestLoadFSAndFileNames(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.toml":   {Data: []byte(minimalTOML)},
		"bad.json":  {Data: []byte(`{"reason": "first", "x": 1}`)},
		"note.yaml": {Data: []byte("a: 1")},
	}
	if _, err := LoadFS(fsys, "ok.toml"); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFS(fsys, "bad.json")
	if err == nil || !strings.HasPrefix(err.Error(), "bad.json:1:21: x: clé inconnue") {
		t.Errorf("%v", err)
	}
	_, err = LoadFS(fsys, "note.yaml")
	var p *Problem
	if !errors.As(err, &p) || p.Code != CodeFormat || p.File != "note.yaml" {
		t.Errorf("%v", err)
	}
	_, err = LoadFS(fsys, "missing.toml")
	if !errors.As(err, &p) || p.Code != CodeRead || !strings.Contains(err.Error(), "introuvable") {
		t.Errorf("%v", err)
	}
	_, err = LoadFile(t.TempDir() + "/missing.json")
	if !errors.As(err, &p) || p.Code != CodeRead {
		t.Errorf("%v", err)
	}
}

func TestFormatFromPath(t *testing.T) {
	for name, want := range map[string]Format{"a.toml": TOML, "A.TOML": TOML, "dir.x/b.json": JSON, `C:\x\c.Json`: JSON} {
		if got, err := FormatFromPath(name); err != nil || got != want {
			t.Errorf("%s: %v %v", name, got, err)
		}
	}
	for _, name := range []string{"a.yaml", "toml", "a.toml.bak", ""} {
		if _, err := FormatFromPath(name); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if TOML.String() != "TOML" || JSON.String() != "JSON" {
		t.Error("Format.String")
	}
}

func TestTOMLLocator(t *testing.T) {
	src := `# comment
reason = "first" # trailing
"level" = "standard"
company.name = "dotted"
notes = """
fake = "inside a multi-line string"
"""
[solution]
hosting = { hosted = true, "provider" = "P", scope = "S" }
  version = "1"
[[annexes]]
title = "a"
[[annexes]]
title = "b"
[solution.lap]
number = "1"
`
	loc := tomlLocator([]byte(src))
	want := map[string][2]int{
		"reason":                    {2, 1},
		"level":                     {3, 1},
		"company.name":              {4, 1},
		"notes":                     {5, 1},
		"solution":                  {8, 1},
		"solution.hosting":          {9, 1},
		"solution.hosting.hosted":   {9, 13},
		"solution.hosting.provider": {9, 28},
		"solution.hosting.scope":    {9, 46},
		"solution.version":          {10, 3},
		"annexes[0]":                {11, 1},
		"annexes[0].title":          {12, 1},
		"annexes[1].title":          {14, 1},
		"solution.lap.number":       {16, 1},
		"solution.lap.number.x":     {16, 1}, // falls back on the parent
		"unknown":                   {0, 0},
	}
	for path, w := range want {
		l, c := loc.find(path)
		if l != w[0] || c != w[1] {
			t.Errorf("%s: %d:%d, want %d:%d", path, l, c, w[0], w[1])
		}
	}
	if _, ok := loc["fake"]; ok {
		t.Error("key inside a multi-line string located")
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"name", "postal_code", "level", "first_name", "registration_id"}
	for in, want := range map[string]string{
		"nam": "name", "postalCode": "postal_code", "levle": "level", "firstname": "first_name",
		"Postal-Code": "postal_code", "registrationid": "registration_id", "website": "", "x": "",
	} {
		if got := suggest(in, keys); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidateFileWithPositions(t *testing.T) {
	src := strings.Replace(minimalTOML, `phone = "03 88 12 34 56"`, `phone = "03 88"`, 1)
	src = strings.Replace(src, `deployment = "monosite"`, `deployment = "multisite"`, 1)
	fsys := fstest.MapFS{"c.toml": {Data: []byte(src)}, "bad.toml": {Data: []byte("x = 1")}}
	c, err := ValidateFS(fsys, "c.toml")
	if c == nil {
		t.Fatal("no Convention for a file that decodes")
	}
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("%v", err)
	}
	if got := ps[0].Error(); !strings.HasPrefix(got, "c.toml:9:1: company.phone: ") {
		t.Errorf("%s", got)
	}
	// A missing key points at its table.
	if got := ps[1].Error(); !strings.HasPrefix(got, "c.toml:19:1: solution.max_sites: ") {
		t.Errorf("%s", got)
	}
	c, err = ValidateFS(fsys, "bad.toml")
	if c != nil || err == nil || !strings.Contains(err.Error(), "bad.toml:1:1: x: clé inconnue") {
		t.Errorf("%v %v", c, err)
	}
	// An unknown key does not hide the validation problems of the rest.
	fsys["typo.toml"] = &fstest.MapFile{Data: []byte("levle = 1\n" + src)}
	c, err = ValidateFS(fsys, "typo.toml")
	if c != nil || !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("%v %v", c, err)
	}
	for i, want := range []string{"typo.toml:1:1: levle: clé inconnue", "typo.toml:10:1: company.phone: ", "typo.toml:20:1: solution.max_sites: "} {
		if got := ps[i].Error(); !strings.HasPrefix(got, want) {
			t.Errorf("problem %d = %s, want %s…", i, got, want)
		}
	}
	_, err = ValidateReader(failingReader{}, TOML, "in")
	if !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("%v", err)
	}
	c, err = ValidateFile("../examples/multisite-avance-renouvellement.toml")
	if c == nil || err != nil {
		t.Errorf("%v", err)
	}
}

func TestDecodeByteOrderMark(t *testing.T) {
	for _, f := range []Format{TOML, JSON} {
		src := "\ufeff" + `{"reason": "first"}`
		if f == TOML {
			src = "\ufeff" + `reason = "first"`
		}
		c, ps := decodeString(t, src, f)
		if ps != nil || c.Reason != ReasonFirst {
			t.Errorf("%v: %v", f, ps)
		}
	}
}

func TestUnknownKeyInWrongTable(t *testing.T) {
	src := "[solution]\nname = \"x\"\n[solution.hosting]\nhosted = false\nprofessions = [\"infirmier\"]\n[[annexes]]\ntitre_x = 1\n"
	_, ps := decodeString(t, src, TOML)
	if len(ps) != 2 {
		t.Fatalf("%v", ps)
	}
	if got := ps[0].Error(); got != "5:1: solution.hosting.professions: clé inconnue « professions » dans [solution.hosting] : cette clé va dans [solution] ; en TOML, une clé écrite après un en-tête [table] appartient à cette table : placez-la avant l'en-tête" {
		t.Errorf("%s", got)
	}
	if !strings.Contains(ps[1].Message, "dans [[annexes]] : title, description") {
		t.Errorf("%s", ps[1].Message)
	}
	_, ps = decodeString(t, `{"company": {"reason": "first"}}`, JSON)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "cette clé va au premier niveau") || strings.Contains(ps[0].Message, "TOML") {
		t.Errorf("%v", ps)
	}
}

// utf16 encodes s as UTF-16, with a byte order mark when bom is set.
func utf16(s string, bigEndian, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16pkg.Encode([]rune(s)) {
		put(u)
	}
	return out
}

// TestDecodeWideEncodings: a file saved as UTF-16 or UTF-32 (Notepad's
// « Unicode ») is named as such, in both formats, through every entry
// point, instead of a syntax error on its first NUL byte.
func TestDecodeWideEncodings(t *testing.T) {
	const js = `{"reason": "first", "company": {"name": "Médilogic"}}`
	const tm = "reason = \"first\"\n[company]\nname = \"Médilogic\"\n"
	utf32le := func(s string) []byte {
		var out []byte
		for _, r := range "\ufeff" + s {
			out = append(out, byte(r), byte(r>>8), byte(r>>16), 0)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		format Format
		src    []byte
		want   string
	}{
		{"json utf-16le bom", JSON, utf16(js, false, true), "UTF-16 (little-endian)"},
		{"json utf-16be bom", JSON, utf16(js, true, true), "UTF-16 (big-endian)"},
		{"json utf-16le", JSON, utf16(js, false, false), "UTF-16 (little-endian)"},
		{"json utf-16be", JSON, utf16(js, true, false), "UTF-16 (big-endian)"},
		{"json utf-32le bom", JSON, utf32le(js), "UTF-32 (little-endian)"},
		{"toml utf-16le bom", TOML, utf16(tm, false, true), "UTF-16 (little-endian)"},
		{"toml utf-16be", TOML, utf16(tm, true, false), "UTF-16 (big-endian)"},
	} {
		for _, entry := range []struct {
			name string
			fn   func(io.Reader, Format, string) (*Convention, error)
		}{{"DecodeNamed", DecodeNamed}, {"ValidateReader", ValidateReader}} {
			c, err := entry.fn(bytes.NewReader(tc.src), tc.format, "in")
			var ps Problems
			if c != nil || !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code != CodeEncoding ||
				!strings.Contains(ps[0].Message, tc.want) || !strings.Contains(ps[0].Message, "UTF-8") {
				t.Errorf("%s, %s: got %v, want one %s problem naming %s", tc.name, entry.name, err, CodeEncoding, tc.want)
			}
		}
	}
	// Text with a stray NUL byte that is not UTF-16 stays a syntax error.
	if _, ps := decodeString(t, "reason = \"fi\x00rst\"\n", TOML); len(ps) != 1 || ps[0].Code != CodeSyntax {
		t.Errorf("stray NUL: %v", ps)
	}
}

// TestDecodeEmpty: an empty file (or only white space, or only a byte
// order mark) says it is empty, once, instead of a syntax error (JSON) or
// every required key missing (TOML).
func TestDecodeEmpty(t *testing.T) {
	for _, f := range []Format{TOML, JSON} {
		for _, src := range []string{"", " \n\t\r\n", "\ufeff", "\ufeff\n"} {
			for _, entry := range []struct {
				name string
				fn   func(io.Reader, Format, string) (*Convention, error)
			}{{"DecodeNamed", DecodeNamed}, {"ValidateReader", ValidateReader}} {
				c, err := entry.fn(strings.NewReader(src), f, "vide."+f.String())
				var ps Problems
				if c != nil || !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code != CodeEmpty {
					t.Errorf("%v %q %s: got %v, want one %s problem", f, src, entry.name, err, CodeEmpty)
					continue
				}
				if want := "vide." + f.String() + ": le fichier est vide"; !strings.HasPrefix(err.Error(), want) {
					t.Errorf("%v %q: %q, want it to start with %q", f, src, err, want)
				}
			}
		}
	}
}

// TestCanonicalNormalized checks that CanonicalNormalized of a normalized
// convention gives Canonical's bytes, professions reordered and an unknown
// one last, without changing its argument.
func TestCanonicalNormalized(t *testing.T) {
	all := AllProfessions()
	for _, c := range []*Convention{valid(), new(Convention)} {
		c.Company.Name = " Santéa\r\nSystèmes SA "
		c.Company.Country = "fr"
		c.Solution.Components = []string{" a ", "", "b\r\nc"}
		c.Solution.OtherProfessions = []string{"x", "y"} // clean: kept as it is
		c.Solution.Professions = []Profession{all[5], " zzz ", all[0], all[3]}
		want, err := Canonical(c)
		if err != nil {
			t.Fatal(err)
		}
		c.Normalize()
		before, _ := json.Marshal(c)
		got, err := CanonicalNormalized(c)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("CanonicalNormalized:\n%s\nCanonical:\n%s", got, want)
		}
		if after, _ := json.Marshal(c); !bytes.Equal(before, after) {
			t.Error("CanonicalNormalized changed its argument")
		}
		if !slices.Equal(c.Solution.Professions, []Profession{all[5], "zzz", all[0], all[3]}) {
			t.Errorf("professions: %q", c.Solution.Professions)
		}
	}
}

// TestCleanListShared checks that Normalize never writes into a list it
// was given, and keeps a clean one as it is.
func TestCleanListShared(t *testing.T) {
	l := []string{"a", " b ", "", "c"}
	orig := slices.Clone(l)
	if got := cleanList(l); !slices.Equal(got, []string{"a", "b", "c"}) || !slices.Equal(l, orig) {
		t.Errorf("cleanList(%q) = %q, list now %q", orig, got, l)
	}
	clean := []string{"a", "b"}
	if got := cleanList(clean); &got[0] != &clean[0] {
		t.Error("a clean list was copied")
	}
	for _, l := range [][]string{nil, {}, {" ", ""}} {
		if got := cleanList(l); got != nil {
			t.Errorf("cleanList(%q) = %#v, want nil", l, got)
		}
	}
	if got := cleanList([]string{"a\rb"}); got[0] != "a\nb" {
		t.Errorf("lone CR: %q", got)
	}
}
