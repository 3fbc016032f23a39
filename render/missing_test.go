package render

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestAllowMissingNested: with AllowMissing, a missing key prints nothing
// at any depth, through fields and index, in if, with and range; without
// it, index on a missing key is the same error as a field.
func TestAllowMissingNested(t *testing.T) {
	body := p(`[{{.client.nom}}][{{index . "x"}}][{{index .client "nom"}}][{{index . "a" "b"}}][{{.client.adresse.ville | default "?"}}]`) +
		p(`{{if .client.nom}}oui{{else}}non{{end}}|{{with .client.nom}}{{.}}{{else}}vide{{end}}|{{range .client.tel}}{{.}}{{end}}|{{with index . "x"}}x{{end}}`) +
		p(`[{{.present.nom}}][{{index .present "nom"}}][{{index .list 1}}]`)
	data := map[string]any{"present": map[string]any{"nom": "Dupont"}, "list": []any{"a", "b"}}
	d := mustExec(t, mustParse(t, spec{body: body}, AllowMissing()), data)
	equalLines(t, d.lines("word/document.xml"), "[][][][][?]", "non|vide||", "[Dupont][Dupont][b]")

	for _, tc := range []struct{ action, want string }{
		{`{{index . "x"}}`, `« Texte {{index . "x"}} »: map has no entry for key "x"`},
		{`{{.x}}`, `« Texte {{.x}} »: map has no entry for key "x"`},
		{`{{index .present "prenom"}}`, `map has no entry for key "prenom"`},
		{`{{.client.nom}}`, `map has no entry for key "client"`},
		{`{{index .list 5}}`, `index out of range: 5`},
	} {
		tmpl := mustParse(t, spec{body: p("Texte " + tc.action)})
		err := tmpl.Execute(new(bytes.Buffer), data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.action, err, tc.want)
		}
	}
	// index keeps text/template's conversions.
	d = mustExec(t, mustParse(t, spec{body: p(`{{index .m 2}} {{index .s 1}} {{index .str 0}}`)}),
		map[string]any{"m": map[int64]string{2: "deux"}, "s": []int{7, 8}, "str": "A"})
	equalLines(t, d.lines("word/document.xml"), "deux 8 65")
}

type varsData struct {
	Name  string
	When  time.Time
	Items []varsItem
	Ref   *varsItem
}

type varsItem struct{ Label string }

func (varsItem) Upper() string            { return "" }
func (varsData) Greet(name string) string { return name }

// TestFieldsOf: data paths apart from methods, index paths with constant
// keys.
func TestFieldsOf(t *testing.T) {
	body := p(`{{.Name}} {{.When.Year}} {{.Greet "x"}} {{index .Extra "a key"}} {{index .Extra "k"}} {{index . "Top"}} {{index .L 0}}`) +
		p(`{{range .Items}}{{.Label}} {{.Upper}}{{end}} {{.Ref.Label}} {{.Ref.Upper}}`)
	tmpl := mustParse(t, spec{body: body})
	fields, methods := tmpl.FieldsOf(varsData{})
	want := []string{".Extra", ".Extra.k", `.Extra["a key"]`, ".Items", ".Items[].Label", ".L", ".L[0]", ".Name", ".Ref", ".Ref.Label", ".Top", ".When"}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("fields\n got %q\nwant %q", fields, want)
	}
	wantM := []string{".Greet", ".Items[].Upper", ".Ref.Upper", ".When.Year"}
	if !reflect.DeepEqual(methods, wantM) {
		t.Errorf("methods\n got %q\nwant %q", methods, wantM)
	}
	// Without a type, only calls with arguments are known methods.
	_, methods = tmpl.FieldsOf(nil)
	if !reflect.DeepEqual(methods, []string{".Greet"}) {
		t.Errorf("untyped methods: %q", methods)
	}
}
