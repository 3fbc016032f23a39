package render

import (
	"bytes"
	"encoding/json"
	"errors"
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

// TestAllowMissingNull: a JSON null (a nil value in map[string]any or
// []any, as encoding/json decodes it) is missing with AllowMissing, at any
// depth and as an item of a list of objects (another list keeps its nil
// items, for functions), and the caller's data is left as it was;
// without the option the error names the null key.
func TestAllowMissingNull(t *testing.T) {
	var data map[string]any
	if err := json.Unmarshal([]byte(`{"client": null, "c2": {"a": null, "b": "B"}, "items": [{"nom": "x"}, null, {"nom": null}], "ok": "oui", "l": ["a", null, "b"]}`), &data); err != nil {
		t.Fatal(err)
	}
	body := p(`[{{.client.nom}}][{{.c2.a.b}}][{{.client}}][{{.c2.b}}][{{index .client "nom"}}][{{.client.nom.x | default "?"}}]`) +
		p(`{{if .client.nom}}oui{{else}}non{{end}}|{{with .client}}{{.nom}}{{else}}vide{{end}}|{{range .items}}({{.nom}}{{.}}){{end}}|{{.ok}}|{{range .l}}[{{.}}]{{end}}`)
	d := mustExec(t, mustParse(t, spec{body: body}, AllowMissing()), data)
	equalLines(t, d.lines("word/document.xml"), "[][][][B][][?]", "non|vide|(xmap[nom:x])()(map[])|oui|[a][][b]")
	if _, ok := data["client"]; !ok || data["items"].([]any)[1] != nil || len(data["c2"].(map[string]any)) != 2 {
		t.Errorf("the caller's data was modified: %v", data)
	}

	for _, tc := range []struct{ action, want string }{
		{`{{.client.nom}}`, `« T {{.client.nom}} »: .client is null in the data: it has no key "nom"`},
		{`{{.c2.a.b}}`, `.c2.a is null in the data: it has no key "b"`},
		{`{{if .client.nom.nom}}x{{end}}`, `a null value on the way of .client.nom.nom has no key "nom"`},
		{`{{$c := .client}}{{$c.nom}}`, `$c is null in the data: it has no key "nom"`},
		{`{{range .items}}{{.nom}}{{end}}`, `the value is null in the data: it has no key "nom"`},
	} {
		err := mustParse(t, spec{body: p("T " + tc.action)}).Execute(new(bytes.Buffer), data)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) || e.Kind != KindMissingKey {
			t.Errorf("%s: got %v, want %q (kind missing key)", tc.action, err, tc.want)
		}
	}
}

// TestNullsAsMissingCycle: a map that holds itself does not loop forever.
func TestNullsAsMissingCycle(t *testing.T) {
	m := map[string]any{"x": nil}
	m["self"] = m
	out := nullsAsMissing(m).(map[string]any)
	if _, ok := out["x"]; ok {
		t.Errorf("the null was kept: %v", out)
	}
}
