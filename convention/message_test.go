package convention

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/esante/labelkit/internal/gosrc"
)

// keyArg is, for each function that takes a problem message's French
// format, the index of that argument.
// (labelkit.Extract's problem and warn, whose formats are in this
// catalogue too.)
var keyArg = map[string]int{"fr": 0, "errorf": 0, "NewProblem": 2, "problem": 2, "warn": 2}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]`)

// TestEnglish fails when a French format of the package's sources has no
// English entry, when the two sides' verbs differ, when an entry is no
// longer used, and when a Problem is made with a Message but no Key (a
// message Text cannot translate).
func TestEnglish(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../extract.go")
	fset := token.NewFileSet()
	parsed, err := gosrc.Parse(fset, files)
	if err != nil {
		t.Fatal(err)
	}
	eval := gosrc.Strings(parsed)
	used := map[string]bool{"%v": true, "": true}
	for _, f := range fields {
		if f.what != "" {
			used[f.what] = true
		}
	}
	for _, f := range parsed {
		name := fset.Position(f.Pos()).Filename
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "Problem" && name != "message.go" {
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Message" {
								t.Errorf("%s: a Problem with a Message but no Key: make it with problem(path, code, fr(...))", fset.Position(n.Pos()))
							}
						}
					}
				}
			case *ast.CallExpr:
				var fn string
				switch fun := n.Fun.(type) {
				case *ast.Ident:
					fn = fun.Name
				case *ast.SelectorExpr:
					fn = fun.Sel.Name
				}
				i, ok := keyArg[fn]
				if !ok || len(n.Args) <= i {
					return true
				}
				key, ok := eval(n.Args[i])
				if !ok {
					return true // a variable: f.what, checked above
				}
				used[key] = true
			}
			return true
		})
	}
	for key := range used {
		en, ok := english[key]
		if !ok {
			t.Errorf("no English for %q: add it to english (english.go)", key)
			continue
		}
		if a, b := verbRE.FindAllString(key, -1), verbRE.FindAllString(en, -1); !slices.Equal(a, b) {
			t.Errorf("%q: verbs %v, English %q has %v", key, a, en, b)
		}
	}
	for key := range english {
		if !used[key] {
			t.Errorf("English entry %q is no longer used", key)
		}
	}
}

// TestText checks Text on problems of every kind of argument: the French
// is Message, the agreement's words stay as they are in English.
func TestText(t *testing.T) {
	c, err := Decode(strings.NewReader(string(Starter())), TOML)
	if err != nil {
		t.Fatal(err)
	}
	ps := c.Check()
	ps = append(ps, (&Convention{}).Check()...)
	_, err = Decode(strings.NewReader("reason = 1\n[company]\nnom = 2\n"), TOML)
	ps = append(ps, err.(Problems)...)
	for _, p := range ps {
		if p.Key == "" {
			t.Errorf("%v: no Key", p)
		}
		if got := p.Text(language.French); got != p.Message {
			t.Errorf("Text(fr) = %q, want Message %q", got, p.Message)
		}
		en := p.Text(language.MustParse("en-GB"))
		if en == p.Message {
			t.Errorf("%v: no English", p)
		}
		if l := Label(p.Path); l != "" && strings.Contains(p.Message, "« "+l+" »") && !strings.Contains(en, "« "+l+" »") {
			t.Errorf("%q: the label « %s » is not quoted as it is in %q", p.Message, l, en)
		}
	}
	p := problem("company.name", CodeRequired, fr("obligatoire : renseignez « %s »", Label("company.name")))
	if got, want := p.ErrorText(language.English), "company.name: required: fill in « Et la société (raison sociale) »"; got != want {
		t.Errorf("ErrorText = %q, want %q", got, want)
	}
	if p.Error() != "company.name: obligatoire : renseignez « Et la société (raison sociale) »" {
		t.Errorf("Error = %q", p.Error())
	}
}

// TestDecoderWords checks that the decoders' commonest syntax errors read
// in French in Message and as the decoder wrote them in English.
func TestDecoderWords(t *testing.T) {
	for _, tc := range []struct {
		src    string
		format Format
		fr, en string
	}{
		{"a = [\n", TOML, "fin du fichier inattendue : une valeur est attendue", "TOML syntax error: unexpected EOF; expected value"},
		{"a = \"b\n\"\n", TOML, "une chaîne ne peut pas contenir de retour à la ligne", "strings cannot contain newlines"},
		{"a = 1\na = 2\n", TOML, "la clé « a » est déjà définie", "Key 'a' has already been defined."},
		{"a = 1 b\n", TOML, "la ligne devrait finir après sa valeur", "expected a top-level item to end with a newline"},
		{`{"a": }`, JSON, "caractère '}' inattendu : une valeur est attendue", "invalid character '}' looking for beginning of value"},
		{`{"a": 1 "b": 2}`, JSON, "caractère '\"' inattendu après une paire clé : valeur", "after object key:value pair"},
	} {
		_, err := Decode(strings.NewReader(tc.src), tc.format)
		ps, _ := err.(Problems)
		if len(ps) != 1 {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if !strings.Contains(ps[0].Message, tc.fr) {
			t.Errorf("%q: Message %q, want %q in it", tc.src, ps[0].Message, tc.fr)
		}
		if en := ps[0].Text(language.English); !strings.Contains(en, tc.en) {
			t.Errorf("%q: English %q, want %q in it", tc.src, en, tc.en)
		}
	}
}
