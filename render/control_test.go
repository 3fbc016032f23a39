package render

import (
	"slices"
	"strings"
	"testing"
)

func TestCheckboxTag(t *testing.T) {
	tmpl := mustParse(t, spec{body: p(`{{checkbox .a "level=advanced" "Niveau \u00abAvancé\u00bb"}} oui`)})
	doc := string(mustExec(t, tmpl, map[string]any{"a": true}).parts["word/document.xml"])
	want := `<w:sdt><w:sdtPr><w:alias w:val="Niveau «Avancé»"/><w:tag w:val="level=advanced"/><w14:checkbox><w14:checked w14:val="1"/>`
	if !strings.Contains(doc, want) {
		t.Errorf("missing %q in\n%s", want, doc)
	}
	if err := mustParse(t, spec{body: p(`{{checkbox true "a" "b" "c"}}`)}).Execute(discard{}, nil); err == nil ||
		!strings.Contains(err.Error(), "checkbox: want a value, then optionally a tag and a title; got 4 arguments") {
		t.Errorf("four arguments: %v", err)
	}
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

func TestControl(t *testing.T) {
	body := `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Nom : {{control .name (dict "tag" "company.name" "title" .title "prompt" "Saisissez le nom" "promptStyle" "PlaceholderText")}} fin</w:t></w:r></w:p>` +
		p(`{{control .lines (dict "tag" "l" "multiLine" true)}}`) +
		p(`{{control .civ (dict "tag" "civ" "items" (list "Madame" "Monsieur") "prompt" "Civilité")}}`) +
		p(`{{control "1er juillet 2019" (dict "tag" "d" "date" "d MMMM yyyy" "lang" "fr-FR" "fullDate" .date)}}`) +
		p(`{{control .none (dict "tag" "empty")}}`)
	tmpl := mustParse(t, spec{body: body, title: `{{control "titre" (dict "tag" "x")}}`})
	for _, tc := range []struct {
		data  map[string]any
		want  []string
		lines string
	}{{
		data: map[string]any{"title": `Nom & "raison"`, "name": "", "lines": "a\nb\tc", "civ": "", "date": "2019-07-01", "none": nil},
		want: []string{
			`<w:t xml:space="preserve">Nom : </w:t></w:r><w:sdt><w:sdtPr><w:rPr><w:b/></w:rPr><w:alias w:val="Nom &amp; &quot;raison&quot;"/><w:tag w:val="company.name"/><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/><w:b/></w:rPr><w:t xml:space="preserve">Saisissez le nom</w:t></w:r></w:sdtContent></w:sdt><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> fin</w:t>`,
			`<w:tag w:val="l"/><w:text w:multiLine="1"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">a</w:t><w:br/><w:t xml:space="preserve">b</w:t><w:tab/><w:t xml:space="preserve">c</w:t></w:r></w:sdtContent>`,
			`<w:tag w:val="civ"/><w:showingPlcHdr/><w:dropDownList><w:listItem w:displayText="Madame" w:value="Madame"/><w:listItem w:displayText="Monsieur" w:value="Monsieur"/></w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve">Civilité</w:t>`,
			`<w:tag w:val="d"/><w:date w:fullDate="2019-07-01T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/><w:lid w:val="fr-FR"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>`,
			`<w:tag w:val="empty"/><w:text/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve"></w:t></w:r></w:sdtContent>`,
		},
		lines: "Nom : Saisissez le nom fin|abc|Civilité|1er juillet 2019|",
	}, {
		data: map[string]any{"title": "", "name": "ACME", "lines": "", "civ": "Madame", "date": nil, "none": nil},
		want: []string{
			`<w:tag w:val="company.name"/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">ACME</w:t>`,
			`<w:tag w:val="civ"/><w:dropDownList>`,
			`<w:date><w:dateFormat`,
		},
		lines: "Nom : ACME fin||Madame|1er juillet 2019|",
	}} {
		d := mustExec(t, tmpl, tc.data)
		doc := string(d.parts["word/document.xml"])
		for _, w := range tc.want {
			if !strings.Contains(doc, w) {
				t.Errorf("missing %s in\n%s", w, doc)
			}
		}
		if err := wellFormed(d.parts["word/document.xml"]); err != nil {
			t.Error(err)
		}
		if got := strings.Join(d.lines("word/document.xml"), "|"); got != tc.lines {
			t.Errorf("text %q, want %q", got, tc.lines)
		}
		if !strings.Contains(string(d.parts["docProps/core.xml"]), "<dc:title>titre</dc:title>") {
			t.Errorf("core.xml: %s", d.parts["docProps/core.xml"])
		}
	}
}

func TestControlErrors(t *testing.T) {
	for body, want := range map[string]string{
		`{{control "x" (dict "tga" "a")}}`:                               `control: unknown option "tga" (known: date, fullDate, items, lang, multiLine, prompt, promptStyle, tag, title)`,
		`{{control "x" (dict "items" "a")}}`:                             "control: option items: want a list, got string",
		`{{control "x" (dict "items" (list "a") "date" "d MMMM yyyy")}}`: "control: options items and date exclude each other",
		`{{control "x" (dict "fullDate" "juillet")}}`:                    `control: option fullDate: "juillet" is not a YYYY-MM-DD date`,
	} {
		err := mustParse(t, spec{body: p(body)}).Execute(discard{}, nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", body, err, want)
		}
	}
}

func TestWithRStyle(t *testing.T) {
	for _, tc := range [][3]string{
		{"", "S", `<w:rPr><w:rStyle w:val="S"/></w:rPr>`},
		{"<w:rPr/>", "S", `<w:rPr><w:rStyle w:val="S"/></w:rPr>`},
		{`<w:rPr><w:rStyle w:val="X"/><w:b/></w:rPr>`, "S", `<w:rPr><w:rStyle w:val="S"/><w:b/></w:rPr>`},
		{`<w:rPr><w:b/></w:rPr>`, "", `<w:rPr><w:b/></w:rPr>`},
		{`<w:rPr><w:b/></w:rPr>`, `a"<b`, `<w:rPr><w:rStyle w:val="a&quot;&lt;b"/><w:b/></w:rPr>`},
		{`<w:rPr><w:rStyleX/></w:rPr>`, "S", `<w:rPr><w:rStyle w:val="S"/><w:rStyleX/></w:rPr>`},
	} {
		if got := withRStyle("w", tc[0], tc[1]); got != tc[2] {
			t.Errorf("withRStyle(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

// control reads its options in controlOptions' order, which must be the
// order of their names (the order it reads them in when one is unknown).
func TestControlOptionsSorted(t *testing.T) {
	if !slices.IsSorted(controlOptions) {
		t.Errorf("controlOptions not sorted: %v", controlOptions)
	}
}
