package convention

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestStarter(t *testing.T) {
	s := Starter()
	canonical, err := os.ReadFile("starter.toml")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../examples/starter/starter.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s, canonical) || !bytes.Equal(example, canonical) {
		t.Fatal("examples/starter/starter.toml differs from convention/starter.toml: copy convention/starter.toml over it")
	}
	s[0] = 'X'
	if Starter()[0] == 'X' {
		t.Fatal("Starter shares its bytes")
	}

	// It decodes: no unknown key, no wrong type.
	c, err := Decode(bytes.NewReader(canonical), TOML)
	if err != nil {
		t.Fatalf("starter does not decode: %v", err)
	}

	// It holds every key of the format (the date as a commented line).
	var tree map[string]any
	md, err := toml.Decode(string(canonical), &tree)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, k := range md.Keys() {
		have[strings.Join(k, ".")] = true
	}
	for _, k := range formatKeys(reflect.TypeFor[Convention](), "") {
		if k == "signature.date" {
			if !strings.Contains(string(canonical), "\n# date = ") {
				t.Error("starter lacks the commented signature.date line")
			}
			continue
		}
		if !have[k] {
			t.Errorf("starter lacks key %s", k)
		}
	}

	// Every placeholder is reported, and nothing else.
	ps := c.Check()
	if len(ps) == 0 {
		t.Fatal("starter validates with its placeholders")
	}
	n := strings.Count(string(canonical), "\""+Placeholder)
	placeholders := 0
	for _, p := range ps {
		if p.Code != CodePlaceholder {
			t.Errorf("starter: unexpected problem %v", p)
			continue
		}
		placeholders++
		// an instruction for this field: « remplacez « À COMPLÉTER : code
		// postal » par le code postal de la société », and how to drop an
		// optional one, naming its table or block as written in the file
		f := lookupField(patternOf(p.Path))
		if want := "valeur à compléter : remplacez « " + Placeholder; !strings.HasPrefix(p.Message, want) ||
			!strings.Contains(p.Message, " » par "+f.what) {
			t.Errorf("%s: %q, want it to say to replace the placeholder by %q", p.Path, p.Message, f.what)
		}
		for prefix, hint := range map[string]string{
			"annexes[":              "ou retirez ce bloc [[annexes]] (facultatif)",
			"ans.":                  "ou retirez la table [ans] (facultative)",
			"solution.lap.":         "ou retirez la table [solution.lap] (facultative)",
			"solution.components[":  "ou retirez-le de la liste (facultative)",
			"company.fax":           "ou retirez la clé (facultative)",
			"solution.dmp.module":   "ou retirez la clé (facultative)",
			"solution.dmp.homolog":  "ou retirez la table [solution.dmp] (facultative)",
			"company.postal_code":   "par le code postal de la société",
			"solution.hosting.scop": "par le périmètre de l'agrément de l'hébergeur",
		} {
			if strings.HasPrefix(p.Path, prefix) && !strings.HasSuffix(p.Message, hint) {
				t.Errorf("%s: %q, want it to end with %q", p.Path, p.Message, hint)
			}
		}
	}
	if placeholders != n {
		t.Errorf("%d placeholder problems for %d placeholders", placeholders, n)
	}
}

// TestStarterFilled replaces every placeholder of the starter by a value
// and checks that the result is a valid agreement: the starter's structure
// (hosted with provider and scope, multisite with max_sites...) is right.
func TestStarterFilled(t *testing.T) {
	values := map[string]string{
		"postal_code":     "75015",
		"phone":           "01 23 45 67 89",
		"fax":             "01 23 45 67 90",
		"email":           "contact@societe.example.fr",
		"registration_id": "812 345 676 00017",
	}
	re := regexp.MustCompile(`"` + Placeholder + ` : [^"]*"`)
	var out []string
	n := 0
	for _, line := range strings.Split(string(Starter()), "\n") {
		key, _, _ := strings.Cut(line, " =")
		line = re.ReplaceAllStringFunc(line, func(string) string {
			n++
			if v, ok := values[key]; ok {
				return `"` + v + `"`
			}
			return fmt.Sprintf(`"Valeur %d"`, n)
		})
		out = append(out, line)
	}
	if n < 20 {
		t.Fatalf("only %d placeholders replaced", n)
	}
	filled := strings.Join(out, "\n")
	if strings.Contains(filled, `"`+Placeholder) {
		t.Fatal("a placeholder is left")
	}
	c, err := Decode(strings.NewReader(filled), TOML)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("filled starter: %v", err)
	}
}
