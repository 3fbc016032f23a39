package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/gosrc"
	"github.com/esante/labelkit/render"
)

// translatedArg is, for each function or method that takes a catalogue key,
// the index of that argument (see i18n.go).
var translatedArg = map[string]int{
	"msg":        0,
	"errorf":     0,
	"sprintf":    0,
	"eprintf":    0,
	"printf":     1,
	"usageError": 1,
}

// untranslatedOK are the format strings given to fmt or errors that hold
// no sentence for a person (names, versions).
var untranslatedOK = map[string]bool{
	"labelkit %s %s %s/%s": true, // versionLine: names and versions
	"message %q: %v":       true, // a panic for the developer: a bad catalogue entry
	".tmp-":                true, // the temporary file marker
}

var (
	verbRE   = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]`)
	wordRE   = regexp.MustCompile(`\pL{3,}`)
	letterRE = regexp.MustCompile(`\pL`)
)

// sourceMessages reads the package's sources (tests left out) and returns
// the catalogue keys they use, and the sentences they print through fmt or
// errors instead.
func sourceMessages(t *testing.T) (keys map[string][]string, untranslated []string) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := gosrc.Parse(fset, files)
	if err != nil {
		t.Fatal(err)
	}
	eval := gosrc.Strings(parsed)
	keys = map[string][]string{}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name, pkg string
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = fun.Name
			case *ast.SelectorExpr:
				name = fun.Sel.Name
				if id, ok := fun.X.(*ast.Ident); ok {
					pkg = id.Name
				}
			}
			pos := fset.Position(call.Pos()).String()
			if pkg == "fmt" || pkg == "errors" || (pkg == "io" && name == "WriteString") {
				for _, arg := range call.Args {
					s, ok := eval(arg)
					if !ok || untranslatedOK[s] {
						continue
					}
					if wordRE.MatchString(verbRE.ReplaceAllString(s, "")) {
						untranslated = append(untranslated, pos+": "+strconv.Quote(s))
					}
				}
				return true
			}
			i, ok := translatedArg[name]
			if !ok || i >= len(call.Args) {
				return true
			}
			if s, ok := eval(call.Args[i]); ok {
				keys[s] = append(keys[s], pos)
			}
			return true
		})
	}
	return keys, untranslated
}

// TestMessagesTranslated: every text printed to a person has its French
// entry, every entry is used, both sides have the same verbs, and no
// sentence is printed outside the catalogue.
func TestMessagesTranslated(t *testing.T) {
	keys, untranslated := sourceMessages(t)
	for _, u := range untranslated {
		t.Errorf("%s: text printed outside the catalogue: use a.sprintf, errorf or msg (see i18n.go)", u)
	}
	var missing []string
	for k, where := range keys {
		if !letterRE.MatchString(verbRE.ReplaceAllString(k, "")) {
			continue // only verbs and punctuation: the same in both languages
		}
		_, ok1 := messages[k]
		_, ok2 := plurals[k]
		if !ok1 && !ok2 {
			missing = append(missing, where[0]+": "+strconv.Quote(k))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("%s: no French entry in messages.go", m)
	}
	for k, fr := range messages {
		if _, ok := keys[k]; !ok {
			t.Errorf("messages.go: entry %q is not used", k)
			continue
		}
		if got, want := verbsOf(fr), verbsOf(k); !slices.Equal(got, want) {
			t.Errorf("messages.go: entry %q: French verbs %q, English %q", k, got, want)
		}
	}
	for k := range plurals {
		if _, ok := keys[k]; !ok {
			t.Errorf("messages.go: plural entry %q is not used", k)
		}
		if _, ok := messages[k]; ok {
			t.Errorf("messages.go: %q is both in messages and plurals", k)
		}
	}
}

// verbsOf returns the verbs of a format string in argument order.
func verbsOf(format string) []string {
	type verb struct {
		arg  int
		text string
	}
	var vs []verb
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		v := m[0]
		if strings.HasSuffix(v, "%") {
			continue
		}
		arg := next
		if m[1] != "" {
			arg, _ = strconv.Atoi(strings.Trim(m[1], "[]"))
			v = strings.Replace(v, m[1], "", 1)
		}
		vs = append(vs, verb{arg, v})
		next = arg + 1
	}
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].arg < vs[j].arg })
	var out []string
	for _, v := range vs {
		out = append(out, v.text)
	}
	return out
}

func TestUserLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{nil, "fr"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "C.UTF-8"}, "fr"},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "en", "LC_MESSAGES": "fr_FR"}, "en"},
	} {
		got := userLanguage(func(k string) string { return tc.env[k] })
		if base, _ := got.Base(); base.String() != tc.want {
			t.Errorf("%v: %v, want %s", tc.env, got, tc.want)
		}
	}
}

// TestErrText: operating-system errors are named and translated; our own
// errors stay reachable with errors.Is and errors.As.
func TestErrText(t *testing.T) {
	fr, _, _ := testApp()
	en, _, _ := testApp()
	en.getenv = englishEnv
	pe := &fs.PathError{Op: "open", Path: "out/.a.docx.tmp-1", Err: syscall.EACCES}
	wrapped := errorf("cannot write in folder %s: %v", fileName("out"), pe)
	if !errors.Is(wrapped, fs.ErrPermission) {
		t.Error("errorf does not wrap its error argument")
	}
	for _, tc := range []struct {
		a    *app
		err  error
		want string
	}{
		{fr, &fs.PathError{Op: "open", Path: "a.toml", Err: syscall.EACCES}, "a.toml: ouverture impossible : permission refusée"},
		{en, &fs.PathError{Op: "open", Path: "a.toml", Err: syscall.EACCES}, "a.toml: cannot open: permission denied"},
		{fr, &fs.PathError{Op: "write", Path: "a\nb.docx", Err: syscall.ENOSPC}, `"a\nb.docx": écriture impossible : plus de place sur le disque`},
		{fr, errorf("%s: no such file or folder", fileName("x\x1b[31m.toml")), `"x\x1b[31m.toml": fichier ou dossier introuvable`},
		{en, signalError{syscall.SIGTERM}, "terminated (SIGTERM)"},
		{fr, signalError{syscall.SIGINT}, "interrompu (SIGINT)"},
	} {
		if got := tc.a.errText(tc.err); got != tc.want {
			t.Errorf("errText(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestProblemLines checks that the convention's problems print in the
// user's language, the agreement's labels quoted as they are in both.
func TestProblemLines(t *testing.T) {
	fr, _, _ := testApp()
	en, _, _ := testApp()
	en.getenv = englishEnv
	_, err := convention.DecodeNamed(strings.NewReader("level = \"standard\"\n[company]\nname = \"\"\nfoo = 1\n"), convention.TOML, "bad.toml")
	if err == nil {
		t.Fatal("no problem")
	}
	c, _ := convention.DecodeNamed(strings.NewReader("[company]\nname = \"\"\n"), convention.TOML, "bad.toml")
	verr := c.Validate()
	_, derr := convention.ParseDate("2026-02-30")
	for _, tc := range []struct {
		a    *app
		err  error
		want string
	}{
		{fr, err, "bad.toml:4:1: company.foo: clé inconnue « foo » : retirez-la ou corrigez son nom ; clés possibles dans [company] : "},
		{en, err, "bad.toml:4:1: company.foo: unknown key « foo »: remove it or correct its name; possible keys in [company]: "},
		{fr, verr, "bad.toml: company.name: obligatoire : renseignez « Et la société (raison sociale) »"},
		{en, verr, "bad.toml: company.name: required: fill in « Et la société (raison sociale) »"},
		{fr, errorf("--date: %v", derr), `bad.toml: --date : date invalide "2026-02-30" : écrivez-la AAAA-MM-JJ, par exemple 2026-12-01`},
		{en, errorf("--date: %v", derr), `bad.toml: --date: invalid date "2026-02-30": write it YYYY-MM-DD, for example 2026-12-01`},
	} {
		lines := tc.a.errorLines("bad.toml", tc.err)
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, tc.want) }) {
			t.Errorf("errorLines(%v) = %q, want a line starting %q", tc.err, lines, tc.want)
		}
	}
}

func TestSafeLine(t *testing.T) {
	if got := safeLine("a\x1b[31mb\tc\u202e"); got != `a\x1b[31mb	c\u202e` {
		t.Errorf("safeLine = %q", got)
	}
	if quoteName("été.toml") != "été.toml" || quoteName("a\nb") != `"a\nb"` || quoteName("\xff") != `"\xff"` {
		t.Error("quoteName")
	}
}

// TestPrinterConcurrent: batch workers print concurrently from the first
// message on (run with -race).
func TestPrinterConcurrent(t *testing.T) {
	a, _, _ := testApp()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := a.sprintf("<stdin>"); got != "<entrée standard>" {
				t.Errorf("got %q", got)
			}
		}()
	}
	wg.Wait()
}

// TestPackageText: the template reader's errors reach the terminal in the
// user's language, once, with the part they concern and the reader's
// detail where it helps.
func TestPackageText(t *testing.T) {
	fr, _, _ := testApp()
	en, _, _ := testApp()
	en.getenv = englishEnv
	wrapped := fmt.Errorf("render: %w", &render.PackageError{Part: "word/document.xml",
		Err: fmt.Errorf("%w: checksum error", render.ErrCorrupt)})
	limit := fmt.Errorf("render: %w", &render.PackageError{Err: &render.LimitError{Limit: "MaxParts", Max: 10}})
	for _, tc := range []struct {
		a    *app
		err  error
		want string
	}{
		{fr, wrapped, "word/document.xml: document endommagé : ouvrez-le dans Word et enregistrez-le à nouveau (checksum error)"},
		{en, wrapped, "word/document.xml: damaged document: open it in Word and save it again (checksum error)"},
		{fr, limit, "document trop grand : au-delà de la limite MaxParts = 10"},
		{fr, prefixed("t.docx", fmt.Errorf("render: %w", &render.PackageError{Err: fmt.Errorf("%w: zip: not a valid zip file", render.ErrNotZip)})),
			"t.docx: ce n'est pas un document Word (.docx) : le fichier n'est pas une archive zip"},
	} {
		if got := tc.a.errText(tc.err); got != tc.want {
			t.Errorf("errText(%v) =\n%q, want\n%q", tc.err, got, tc.want)
		}
	}
}

// TestLimitTexts: every kind of template limit error reaches the user in
// French (English on request), naming the part and paragraph; other
// template errors keep the engine's words.
func TestLimitTexts(t *testing.T) {
	fr, _, _ := testApp()
	en, _, _ := testApp()
	en.getenv = englishEnv
	at := func(err error) *render.Error {
		return &render.Error{Part: "word/header1.xml", Paragraph: 3, Snippet: "{{.x}}", Kind: render.KindLimit, Err: err}
	}
	for _, tc := range []struct {
		err    *render.Error
		fr, en string
	}{
		{at(fmt.Errorf("error calling repeat: %w", render.ErrOutputTooLarge)), "le document produit serait trop grand", "the document made would be too large"},
		{at(fmt.Errorf("error calling until: %w: 100000000 items, at most 1048576", render.ErrTooManyItems)), "liste trop longue : 100\u00a0000\u00a0000 éléments, au plus 1\u00a0048\u00a0576", "list too long: 100,000,000 items, at most 1,048,576"},
		{at(&render.CountError{Count: render.CountElements, Max: 1 << 20, Offset: 12}), "plus de 1\u00a0048\u00a0576 éléments XML dans cette partie", "more than 1,048,576 XML elements in this part"},
		{at(&render.CountError{Count: render.CountTemplateElements, Max: 2 << 20, Offset: 12}), "plus de 2\u00a0097\u00a0152 éléments XML dans les parties à remplir ensemble", "more than 2,097,152 XML elements in the templated parts together"},
		{at(&render.CountError{Count: render.CountActions, Max: 100000, Offset: -1}), "plus de 100\u00a0000 actions de modèle dans une partie", "more than 100,000 template actions in one part"},
		{at(fmt.Errorf("the templated parts together are too large: %w", &render.LimitError{Limit: "MaxPartSize", Max: 64 << 20})), "dépassent ensemble render.Limits.MaxPartSize = 67\u00a0108\u00a0864 octets", "are larger than render.Limits.MaxPartSize = 67,108,864 bytes"},
	} {
		got := fr.errText(render.Errors{tc.err})
		if loc := "word/header1.xml: paragraphe 3 « {{.x}} »: "; !strings.HasPrefix(got, loc) || !strings.Contains(got, tc.fr) {
			t.Errorf("French:\n%s\nwant %q then %q", got, loc, tc.fr)
		}
		got = en.errText(tc.err)
		if loc := "word/header1.xml: paragraph 3 « {{.x}} »: "; !strings.HasPrefix(got, loc) || !strings.Contains(got, tc.en) {
			t.Errorf("English:\n%s\nwant %q then %q", got, loc, tc.en)
		}
	}
	// not a limit: the engine's words
	other := &render.Error{Part: "word/document.xml", Paragraph: 1, Kind: render.KindExec, Err: errors.New("boom")}
	if got := fr.errText(other); got != other.Error() {
		t.Errorf("got %q, want %q", got, other.Error())
	}
}
