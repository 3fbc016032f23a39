package render

import (
	"bytes"
	"errors"
	"html"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// genTemplate builds, from the bytes of src, a body of paragraphs whose
// actions are the shapes the direct execution handles (and a few it hands
// back to text/template), blocks balanced.
func genTemplate(src []byte) string {
	i := 0
	next := func(n int) int {
		if i >= len(src) {
			return 0
		}
		i++
		return int(src[i-1]) % n
	}
	chains := []string{".a", ".b", ".c", ".l", ".m", ".a.x", ".m.x", ".m.y.z", ".", "$.a", "$", ".nil.x", ".s",
		"$v", "$v.x", ".a.X", ".a.Val", ".a.Ptr", ".a.Inner.Y", ".a.Inner.Hello", ".a.Emb", ".a.hidden", ".a.Err",
		".a.Inner", ".m.x.X", ".a.L", ".a.M.k", ".a.Civ.Agree", `(eq .a.Civ "Madame")`, `(.a.Civ.Pick "e" "")`, `(.s | .a.Civ.Pick "e")`, `(.a.Rep 2 ",")`,
		`(.a.Rep 2.5 ",")`, `(.a.Civ.Pick 1 "")`, "(.a)", "(upper .s)", "(print .a .b)", "(and .a .b)", "(or .a .c)", "(not .a)",
		`(eq .s "x&<y>\n")`, `(ne .s "")`, "(eq .b true false)", "(eq .a 3)", "(len .l)", `(default "d" .a)`,
		`(ternary "y" "n" .b)`, `(join "," .l)`, `(.a | default "z")`, `(toString .a)`, `(dict "k" .a)`,
		`(printf "%s-%v" .s .a)`, "(.s | upper)", "(list .a .b)", "(keys .m)", `(index .m "x")`, "(first .l)",
		`(.a | and)`, "(2.5)", "(nil | default 1)", `(coalesce .nil .a "c")`, `(empty .a)`, `(repeat 2 .s)`}
	chain := func() string { return chains[next(len(chains))] }
	// The engine refuses {{break}} and {{continue}} in documents; a
	// template in four prints through printf, which is not direct.
	indirect := next(4) == 0
	var gen func(depth int, inRange bool) string
	gen = func(depth int, inRange bool) string {
		var b strings.Builder
		for n := next(4) + 1; n > 0; n-- {
			switch k := next(12); {
			case k < 3:
				b.WriteString("t" + string(rune('0'+k)))
			case k < 6:
				b.WriteString("{{" + chain() + "}}")
			case k == 6 && depth < 3:
				b.WriteString("{{if " + chain() + "}}" + gen(depth+1, inRange))
				if next(3) == 0 {
					b.WriteString("{{else if " + chain() + "}}" + gen(depth+1, inRange))
				}
				if next(2) == 0 {
					b.WriteString("{{else}}" + gen(depth+1, inRange))
				}
				b.WriteString("{{end}}")
			case k == 7 && depth < 3:
				b.WriteString("{{with " + chain() + "}}" + gen(depth+1, inRange))
				if next(3) == 0 {
					b.WriteString("{{else with " + chain() + "}}" + gen(depth+1, inRange))
				}
				b.WriteString("{{end}}")
			case k == 8 && depth < 3:
				b.WriteString("{{range " + chain() + "}}" + gen(depth+1, true))
				if next(2) == 0 {
					b.WriteString("{{else}}" + gen(depth+1, inRange))
				}
				b.WriteString("{{end}}")
			case k == 9 && indirect:
				b.WriteString("{{" + chain() + " | printf \"%v\"}}") // not direct
			case k == 10 && next(2) == 0:
				b.WriteString("{{$v := " + chain() + "}}") // in a block: shadows the outer $v
			case k == 10:
				b.WriteString("{{$v = " + chain() + "}}")
			case k == 11:
				b.WriteString("{{range $i, $e := " + chain() + "}}{{$i}}={{$e}};" + gen(depth+1, true) + "{{end}}")
			case k >= 9:
				b.WriteString("{{if " + chain() + "}}t3{{end}}")
			}
		}
		return b.String()
	}
	var body strings.Builder
	body.WriteString(p("{{$v := .m}}v"))
	for n := next(3) + 1; n > 0; n-- {
		body.WriteString(p(html.EscapeString(gen(0, false))))
	}
	return body.String()
}

// genValue builds a data value from r, of the kinds JSON and TOML decode
// to and a few others that the direct execution hands back.
func genValue(r *rand.Rand, depth int) any {
	switch k := r.IntN(16); {
	case k == 0:
		return nil
	case k == 1:
		return ""
	case k == 2:
		return "x&<y>\n"
	case k == 3:
		return 0.0
	case k == 4:
		return 2.5
	case k == 5:
		return true
	case k == 6:
		return false
	case k == 7 && depth < 3:
		return []any{genValue(r, depth+1), genValue(r, depth+1), map[string]any{"x": 1.0, "a": "e"}}
	case k == 8 && depth < 3:
		return map[string]any{"x": genValue(r, depth+1), "y": genValue(r, depth+1), "z": genValue(r, depth+1)}
	case k == 9 && depth < 3:
		return []map[string]any{{"x": genValue(r, depth+1)}, {}}
	case k == 10:
		return []string{"p", "q"}
	case k == 11:
		return 3
	case k == 12 && depth < 3:
		return genStruct(r)
	case k == 12:
		return struct{ X string }{"struct"}
	case k == 13:
		return map[string]string{"x": "typed"}
	case k == 14:
		s := "ptr"
		return &s
	}
	return []any{}
}

// Types of struct data: value and pointer methods, an embedded struct,
// unexported fields, a named string type with a method.
type (
	tStruct struct {
		X      string
		Inner  *tInner
		L      []tInner
		M      map[string]string
		Civ    tCiv
		hidden string
		tEmb
	}
	tInner struct{ Y any }
	tEmb   struct{ Emb string }
	tCiv   string
)

func (s tStruct) Val() string  { return "val:" + s.X }
func (s *tStruct) Ptr() string { return "ptr:" + s.X }
func (s tStruct) Err() (string, error) {
	if s.X == "" {
		return "", errors.New("empty X")
	}
	return s.X, nil
}
func (i tInner) Hello() any  { return i.Y }
func (c tCiv) Agree() string { return string(c) + "e" }
func (c tCiv) Pick(f, m string) string {
	if c == "Madame" {
		return f
	}
	return m
}
func (s *tStruct) Rep(n int, sep string) string { return strings.Repeat(s.X+sep, n) }

func genStruct(r *rand.Rand) any {
	s := tStruct{X: []string{"", "x&y", "Zoé"}[r.IntN(3)], hidden: "h", tEmb: tEmb{"emb"}, Civ: tCiv([]string{"Madame", "Monsieur"}[r.IntN(2)])}
	if r.IntN(3) > 0 {
		s.Inner = &tInner{Y: genValue(r, 2)}
	}
	if r.IntN(2) > 0 {
		s.L = []tInner{{Y: "l0"}, {Y: genValue(r, 2)}}
		s.M = map[string]string{"k": "mk"}
	}
	if r.IntN(2) == 0 {
		return &s
	}
	return s
}

func genData(seed uint64) map[string]any {
	r := rand.New(rand.NewPCG(seed, 1))
	data := map[string]any{}
	for _, k := range []string{"a", "b", "c", "l", "m", "s", "nil"} {
		switch n := r.IntN(10); {
		case n == 0: // missing
		case n < 3 && k == "a":
			data[k] = genStruct(r)
		case n < 5 && (k == "a" || k == "m"):
			data[k] = map[string]any{"x": genValue(r, 1), "y": map[string]any{"z": genValue(r, 2)}}
		case n < 7 && k == "s":
			data[k] = []string{"", "x&<y>\n", "Zoé"}[n%3]
		case n < 7 && k == "b":
			data[k] = n%2 == 0
		case n < 5 && k == "l":
			data[k] = []any{genValue(r, 1), map[string]any{"x": "lx"}, genValue(r, 1)}
		default:
			data[k] = genValue(r, 0)
		}
	}
	return data
}

// checkDirect executes tmpl on data directly and with text/template, and
// compares the bytes and the errors.
func checkDirect(t *testing.T, body string, data any, opts ...Option) {
	t.Helper()
	tmpl, err := parseSpec(t, spec{body: body}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	var direct, indirect bytes.Buffer
	errD := tmpl.Execute(&direct, data)
	for _, p := range tmpl.parts {
		p.direct = nil
	}
	errI := tmpl.Execute(&indirect, data)
	if (errD == nil) != (errI == nil) || (errD != nil && errD.Error() != errI.Error()) {
		t.Fatalf("template %s\ndata %#v\ndirect error: %v\ntext/template error: %v", body, data, errD, errI)
	}
	if !bytes.Equal(direct.Bytes(), indirect.Bytes()) {
		t.Fatalf("template %s\ndata %#v\ndirect:\n%s\ntext/template:\n%s", body, data,
			partOf(t, direct.Bytes(), "word/document.xml"), partOf(t, indirect.Bytes(), "word/document.xml"))
	}
}

// TestDirectSameAsTextTemplate compares the direct execution with
// text/template's on generated templates and data.
func TestDirectSameAsTextTemplate(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 50
	}
	r := rand.New(rand.NewPCG(7, 7))
	for i := range n {
		src := make([]byte, 40)
		for j := range src {
			src[j] = byte(r.UintN(256))
		}
		body := genTemplate(src)
		data := genData(uint64(i))
		checkDirect(t, body, data)
		checkDirect(t, body, data, AllowMissing())
	}
}

func FuzzDirect(f *testing.F) {
	f.Add([]byte("\x06\x04\x08\x05\x02"), uint64(1), false)
	f.Add([]byte("\x08\x03\x09\x05\x0a\x00"), uint64(2), true)
	f.Fuzz(func(t *testing.T, src []byte, seed uint64, allowMissing bool) {
		var opts []Option
		if allowMissing {
			opts = append(opts, AllowMissing())
		}
		checkDirect(t, genTemplate(src), genData(seed), opts...)
	})
}

// TestDirectUsed checks that the benchmark template runs directly on its
// JSON data, without falling back to text/template.
func TestDirectUsed(t *testing.T) {
	tmpl, data := benchInputs(t)
	n := 0
	for _, p := range tmpl.parts {
		if p.tmpl == nil {
			continue
		}
		if p.direct == nil {
			t.Errorf("%s: not directly executable", p.name)
			continue
		}
		lw := &limitWriter{tp: p, part: tmpl.maxPart, total: tmpl.maxTotal}
		if p.texts != nil {
			lw.s = p.texts.Stream()
		} else {
			lw.b = new(bytes.Buffer)
		}
		if err := runDirect(t, tmpl, p, lw, data); err != nil {
			t.Errorf("%s: %v", p.name, err)
		}
		lw.release()
		n++
	}
	if n == 0 {
		t.Fatal("no templated part")
	}
}

// TestDirectCoverage checks that the generated cases of
// TestDirectSameAsTextTemplate do exercise the direct execution: most
// templates are direct, and of the executions text/template completes
// (many of the generated ones fail: a field of a string…), nine in ten run
// directly to the end.
func TestDirectCoverage(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	parsed, direct, ran, handed := 0, 0, 0, 0
	for i := range 400 {
		src := make([]byte, 40)
		for j := range src {
			src[j] = byte(r.UintN(256))
		}
		tmpl, err := parseSpec(t, spec{body: genTemplate(src)}, AllowMissing())
		if err != nil {
			t.Fatal(err)
		}
		parsed++
		p := tmpl.parts[tmpl.names["word/document.xml"]]
		if p.direct == nil {
			continue
		}
		direct++
		lw := &limitWriter{tp: p, part: tmpl.maxPart, total: tmpl.maxTotal, s: p.texts.Stream()}
		data := genData(uint64(i))
		if runDirect(t, tmpl, p, lw, data) == nil {
			ran++
		} else if tmpl.Execute(io.Discard, data) == nil {
			handed++
		}
		lw.release()
	}
	t.Logf("%d templates, %d direct, %d ran directly to the end, %d handed back to text/template which succeeded", parsed, direct, ran, handed)
	if direct < parsed*2/3 || ran < 50 || handed*10 > ran+handed {
		t.Error("too few direct cases")
	}
}

// TestDirectCases runs chosen templates directly and with text/template;
// each runs directly to the end unless marked.
func TestDirectCases(t *testing.T) {
	data := map[string]any{
		"l": []any{"a", nil, 2.5}, "m": map[string]any{"z": 1.0, "a": "x", "k": map[string]any{"x": "kx"}},
		"t": []map[string]any{{"x": "t0"}, {"x": "t1"}}, "s": "Zoé & co", "b": true, "n": nil, "e": "",
		"strs": []string{"p", "q"},
		"st":   tStruct{X: "x", Inner: &tInner{Y: "y"}, L: []tInner{{"l0"}, {nil}}, M: map[string]string{"k": "mk"}, Civ: "Madame", tEmb: tEmb{"emb"}},
		"sp":   &tStruct{Civ: "Monsieur"},
	}
	cases := []struct {
		tmpl   string
		handed bool // handed back to text/template
	}{
		{tmpl: "{{range $i, $e := .l}}{{$i}}={{$e}};{{end}}"},
		{tmpl: "{{range $e := .t}}{{$e.x}};{{end}}"},
		{tmpl: "{{range $k, $v := .m}}{{$k}};{{end}}"},
		{tmpl: "{{range .strs}}{{.}}{{else}}none{{end}}"},
		{tmpl: "{{range $x := .n}}{{.}}{{else}}none{{$x}}{{end}}"},
		{tmpl: "{{$v := 1}}{{range .l}}{{$v := .}}{{$v}}{{end}}{{$v}}"},
		{tmpl: "{{$v := 1}}{{range .l}}{{$v = .}}{{end}}{{$v}}"},
		{tmpl: "{{$v := 1}}{{range .l}}{{$v}}{{$v := .}}{{end}}"},
		{tmpl: "{{$i := 0}}{{$e := 0}}{{range $i, $e = .t}}{{end}}{{$i}}{{$e.x}}"},
		{tmpl: "{{if $x := .s}}{{$x}}{{end}}{{with $y := .m.k}}{{$y.x}}{{.x}}{{end}}"},
		{tmpl: "{{with .n}}no{{else with .m.a}}{{.}}{{end}}{{if .e}}no{{else if .b}}yes{{end}}"},
		{tmpl: "{{and .b .s}}|{{or .e .n .s}}|{{.s | and .b}}|{{not .e}}|{{not .n}}"},
		{tmpl: `{{eq .s "Zoé & co"}}{{ne .m.a "y"}}{{eq .m.z 1.0 2.0}}{{len .l}}{{len .s}}{{len .m}}`},
		{tmpl: `{{printf "%s-%v-%d" .s .m.z 3}}{{print .b .n}}{{println .l}}`},
		{tmpl: `{{upper .s}}{{.s | lower}}{{default "d" .n}}{{default "d" .e}}{{.m.a | default "z"}}{{ternary "y" "n" .b}}`},
		{tmpl: `{{join "," .strs}}{{list .s .b | toString}}{{dict "k" .s | toJson}}{{coalesce .n .e .s}}{{repeat 2 .m.a}}`},
		{tmpl: `{{(upper .s)}}{{(print (.m.a))}}{{title (lower .s)}}`},
		{tmpl: `{{with .m}}{{$.s}}{{$.m.k.x}}{{end}}`},
		{tmpl: "{{.st.X}}{{.st.Val}}{{.st.Inner.Y}}{{.st.Inner.Hello}}{{.st.Emb}}{{.st.M.k}}{{.st.Civ.Agree}}{{.st.Err}}"},
		{tmpl: "{{range .st.L}}{{.Y}}{{.Hello}};{{end}}{{with .st.Inner}}{{.Y}}{{end}}{{if .sp.Inner}}no{{end}}"},
		{tmpl: "{{.sp.Ptr}}{{.sp.Val}}{{.sp.X}}"},
		{tmpl: `{{.st.Civ.Pick "e" ""}}{{.sp.Civ.Pick "e" "x"}}{{"m" | .st.Civ.Pick "f"}}{{.sp.Rep 2 ";"}}`},
		{tmpl: `{{.st.Rep 2 ";"}}`, handed: true},
		{tmpl: `{{.st.Civ.Pick 1 ""}}`, handed: true},
		{tmpl: "{{.st.Ptr}}", handed: true},     // a copy is not addressable: text/template decides
		{tmpl: "{{.st.hidden}}", handed: true},  // unexported
		{tmpl: "{{.sp.Err}}", handed: true},     // the method's error
		{tmpl: "{{.sp.Inner.Y}}", handed: true}, // nil pointer
		{tmpl: `{{eq .st.Civ "Madame"}}{{ne .st.Civ "Madame"}}{{eq .m.z 1.0 2.0}}`},
		{tmpl: "{{.s.x}}", handed: true},         // a field of a string: text/template's error
		{tmpl: "{{upper .m.z}}", handed: true},   // a number for a string parameter
		{tmpl: "{{eq .m.z 1}}", handed: true},    // float64 and int: text/template's error
		{tmpl: `{{index .m "a"}}`, handed: true}, // index takes reflect.Values
		{tmpl: "{{.n.x}}", handed: true},         // nil pointer evaluating
		{tmpl: "{{range 3}}{{.}}{{end}}", handed: true},
		{tmpl: "{{len .strs}}{{len .st.L}}{{len .st.M}}{{len .st.Civ}}"},
		{tmpl: "{{len .sp}}", handed: true}, // a pointer: text/template's
		{tmpl: `{{revision "Zoé" "2026-01-02"}}{{ins .s}}{{del .m.a}}{{change .s .m.a}}`},
	}
	for _, c := range cases {
		body := p(html.EscapeString(c.tmpl))
		checkDirect(t, body, data)
		tmpl, err := parseSpec(t, spec{body: body})
		if err != nil {
			t.Fatal(err)
		}
		tp := tmpl.parts[tmpl.names["word/document.xml"]]
		checkHanded(t, tmpl, tp, c.tmpl, data, c.handed)
	}
}

// runDirect executes part p of tmpl directly, with an executor's escaper,
// state and functions, as Execute does.
func runDirect(t *testing.T, tmpl *Template, p *tpart, lw *limitWriter, data any) error {
	t.Helper()
	e, err := tmpl.getExecutor()
	if err != nil {
		t.Fatal(err)
	}
	defer tmpl.putExecutor(e)
	lw.st, e.st.lw = &e.st, lw
	return p.executeDirect(lw, data, e)
}

// TestDirectLimitError checks that a value past the output limit fails the
// direct execution with text/template's located message, without handing
// the part back.
func TestDirectLimitError(t *testing.T) {
	lim := WithLimits(Limits{MaxPartSize: 64 << 10, MaxTotalSize: 1 << 20})
	data := map[string]any{"s": strings.Repeat("a\n", 40<<10), "l": []any{1, 2}}
	for _, body := range []string{
		p("Avant") + p("A{{.s}}B"),
		p("x") + p("{{range .l}}Ligne {{$.s}} fin{{end}}"),
	} {
		checkDirect(t, body, data, lim)
		tmpl, err := parseSpec(t, spec{body: body}, lim)
		if err != nil {
			t.Fatal(err)
		}
		err = tmpl.Execute(io.Discard, data)
		var re *Error
		if !errors.Is(err, ErrOutputTooLarge) || !errors.As(err, &re) || re.Paragraph != 2 {
			t.Errorf("%s: %v, want paragraph 2 too large", body, err)
		}
		tp := tmpl.parts[tmpl.names["word/document.xml"]]
		lw := &limitWriter{tp: tp, part: tmpl.maxPart, total: tmpl.maxTotal, s: tp.texts.Stream()}
		if err := runDirect(t, tmpl, tp, lw, data); err == errIndirect || !errors.Is(err, ErrOutputTooLarge) {
			t.Errorf("%s: direct execution: %v, want the limit error", body, err)
		}
		lw.release()
	}
}

// TestDirectControl checks control V (dict ...) compiled as one command
// (fusedControl) against text/template, and the shapes left to the
// general call.
func TestDirectControl(t *testing.T) {
	data := map[string]any{"s": "Zoé & co\nligne 2", "e": "", "b": true, "n": nil, "l": []any{"Madame", "Monsieur"},
		"d": "2024-03-05", "st": tStruct{Civ: "Madame"}}
	cases := []struct {
		tmpl          string
		fused, handed bool
	}{
		{tmpl: `{{control .s (dict "tag" "t.x" "title" "Titre \"q\" & <b>")}}`, fused: true},
		{tmpl: `{{control .e (dict "tag" "t" "prompt" "Saisissez" "promptStyle" "PlaceholderText")}}`, fused: true},
		{tmpl: `{{control .s (dict "multiLine" true "prompt" (ternary "p" "" .b))}}`, fused: true},
		{tmpl: `{{control .n (dict "prompt" .s "multiLine" .b "tag" .e)}}`, fused: true},
		{tmpl: `{{control .s (dict "items" .l "title" "Civilité")}}`, fused: true},
		{tmpl: `{{control .st.Civ (dict "items" (list "Madame" "Monsieur") "tag" "civ")}}`, fused: true},
		{tmpl: `{{control .s (dict "date" "d MMMM yyyy" "lang" "fr-FR" "fullDate" .d)}}`, fused: true},
		{tmpl: `{{control .s (dict "date" "d" "fullDate" .n)}}`, fused: true},
		{tmpl: `{{control .s (dict)}}`, fused: true},
		{tmpl: `{{with .s}}{{control . (dict "tag" $.e "title" .)}}{{end}}`, fused: true},
		{tmpl: `{{if control .e (dict "tag" "x")}}oui{{end}}`, fused: true},
		{tmpl: `{{control .missing (dict "tag" "x")}}`, fused: true, handed: true}, // missing key
		{tmpl: `{{control .s (dict "items" .s)}}`, fused: true, handed: true},      // control's error
		{tmpl: `{{control .s (dict "items" .l "date" "d")}}`, fused: true, handed: true},
		{tmpl: `{{control .s (dict "fullDate" "mardi" "date" "d")}}`, fused: true, handed: true},
		{tmpl: `{{control .s (dict "tag" "a" "tag" .s)}}`},         // a repeated key: the general call
		{tmpl: `{{control .s (dict "nope" 1)}}`, handed: true},     // an unknown option: control's error
		{tmpl: `{{control .s (dict "tag")}}`},                      // odd: dict gives ""
		{tmpl: `{{control .s (dict .s "x")}}`, handed: true},       // a key from data
		{tmpl: `{{"x" | control (dict "tag" "x")}}`, handed: true}, // text/template's error
		{tmpl: `{{control .s (dict "tag" "x") | printf "%v"}}`, fused: true},
		// checkbox and print, called without a slice of their arguments
		{tmpl: `{{checkbox .b "t" "T"}}{{checkbox .e (print "a=" .s) (print "b : " .e "" .s)}}{{checkbox .n}}{{checkbox .s "t"}}`},
		{tmpl: `{{checkbox .b "t" "T" "x"}}`, handed: true}, // checkbox's error
		{tmpl: `{{checkbox .b .b}}`, handed: true},          // not a string: text/template's error
		{tmpl: `{{print .s "-" .e}}{{print}}{{print .s}}{{print .s 1 .e}}{{print .st.Civ "x"}}{{print .n .s}}`},
	}
	for _, c := range cases {
		body := p(html.EscapeString(c.tmpl))
		checkDirect(t, body, data)
		checkDirect(t, body, data, AllowMissing())
		tmpl, err := parseSpec(t, spec{body: body})
		if err != nil {
			t.Fatal(err)
		}
		tp := tmpl.parts[tmpl.names["word/document.xml"]]
		if fused := hasKind(tp.direct, cmdControl); fused != c.fused {
			t.Errorf("%s: compiled as one command %v, want %v", c.tmpl, fused, c.fused)
		}
		checkHanded(t, tmpl, tp, c.tmpl, data, c.handed)
	}
}

// hasKind reports whether a command of kind k is in l.
func hasKind(l dlist, k cmdKind) bool {
	var inPipe func(p *dpipe) bool
	var inCmd func(c *dcmd) bool
	inCmd = func(c *dcmd) bool {
		if c == nil {
			return false
		}
		if c.kind == k || (c.pipe != nil && inPipe(c.pipe)) {
			return true
		}
		for _, a := range c.args {
			if inCmd(a.cmd) {
				return true
			}
		}
		return false
	}
	inPipe = func(p *dpipe) bool {
		return p != nil && slices.ContainsFunc(p.cmds, inCmd)
	}
	for _, n := range l {
		switch n := n.(type) {
		case *dprint:
			if inPipe(n.pipe) {
				return true
			}
		case *dpipe:
			if inPipe(n) {
				return true
			}
		case *dbranch:
			if inPipe(n.pipe) || hasKind(n.list, k) || hasKind(n.elseList, k) {
				return true
			}
		}
	}
	return false
}

// needsEscapeRunes is needsEscape rune by rune, as it was written first.
func needsEscapeRunes(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '&' || c == '<' || c == '>' {
			return true
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || !legalXMLRune(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

func TestNeedsEscape(t *testing.T) {
	cases := []string{"", "abc", "é", "Zoé & co", "a<b", "x\ny", "\t", "\x7f", "\uFFFD", "\uFFFE", "a\uFFFFb",
		"\U0010FFFF", "\xed\xa0\x80", "\xff", "é\xc3", "€ 🎉", "\u2028"}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("a&<>\n\x00\x7f\xc3\xa9\xef\xbf\xbe\xbd\xed\xa0\x80\xf0\x9f\x8e\x89\xff")
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := needsEscape(s), needsEscapeRunes(s); got != want {
			t.Fatalf("needsEscape(%q) = %v, want %v", s, got, want)
		}
	}
}

// escapeTextRunes is escapeText rune by rune, without a budget.
func escapeTextRunes(s string, c *escCtx) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r' || r == '\n':
			if r == '\r' && i < len(s) && s[i] == '\n' {
				i++
			}
			if c.run {
				b.WriteString(c.br)
			} else {
				b.WriteByte('\n')
			}
		case r == '\t' && c.run:
			b.WriteString(c.tab)
		case r == '\t':
			b.WriteByte('\t')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r < 0x20 || !legalXMLRune(r):
			// dropped
		default:
			b.WriteString(s[i-size : i])
		}
	}
	return b.String()
}

func TestEscapeTextRandom(t *testing.T) {
	run, plain := newRunCtx("w", "w14", "<w:rPr><w:b/></w:rPr>", ""), escCtx{}
	r := rand.New(rand.NewPCG(8, 9))
	alphabet := []byte("ab &<>\r\n\t\x00\x1f\x7f\xc3\xa9\xef\xbf\xbe\xed\xa0\x80\xf0\x9f\x8e\x89\xff")
	for range 20000 {
		b := make([]byte, r.IntN(5000)/(1+r.IntN(50)))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		for _, c := range []*escCtx{&run, &plain} {
			got, err := escapeText(string(b), c, nil)
			if want := escapeTextRunes(string(b), c); err != nil || got != want {
				t.Fatalf("escapeText(%q) = %q, %v, want %q", b, got, err, want)
			}
		}
	}
}

// checkHanded runs tp directly and checks that it hands the part back to
// text/template (or is not compiled for direct execution) when handed
// says so, and runs to the end otherwise.
func checkHanded(t *testing.T, tmpl *Template, tp *tpart, src string, data any, handed bool) {
	t.Helper()
	if tp.direct == nil {
		if !handed {
			t.Errorf("%s: not compiled for direct execution", src)
		}
		return
	}
	lw := &limitWriter{tp: tp, part: tmpl.maxPart, total: tmpl.maxTotal}
	if tp.texts != nil {
		lw.s = tp.texts.Stream()
	} else {
		lw.b = new(bytes.Buffer) // an output edited after execution
	}
	err := runDirect(t, tmpl, tp, lw, data)
	lw.release()
	if (err != nil) != handed {
		t.Errorf("%s: direct execution: %v, want handed back %v", src, err, handed)
	}
}

// TestDirectPlainContext checks control and checkbox values printed
// outside a run (docProps/core.xml's title), where the escaper, not the
// direct execution, makes their text: the same output as text/template's.
func TestDirectPlainContext(t *testing.T) {
	data := map[string]any{"s": "Zoé & co", "b": true}
	title := html.EscapeString(`{{control .s (dict "tag" "t")}} {{checkbox .b "t" "T"}} {{checkbox .b}}`)
	tmpl, err := parseSpec(t, spec{body: p("x"), title: title})
	if err != nil {
		t.Fatal(err)
	}
	var direct, indirect bytes.Buffer
	errD := tmpl.Execute(&direct, data)
	tp := tmpl.parts[tmpl.names["docprops/core.xml"]]
	if tp.direct == nil {
		t.Fatal("docProps/core.xml not compiled for direct execution")
	}
	checkHanded(t, tmpl, tp, title, data, false)
	for _, p := range tmpl.parts {
		p.direct = nil
	}
	errI := tmpl.Execute(&indirect, data)
	if errD != nil || errI != nil {
		t.Fatalf("errors: direct %v, text/template %v", errD, errI)
	}
	got, want := string(partOf(t, direct.Bytes(), "docProps/core.xml")), string(partOf(t, indirect.Bytes(), "docProps/core.xml"))
	if got != want || !strings.Contains(got, "Zoé &amp; co ☒ ☒") {
		t.Errorf("direct:\n%s\ntext/template:\n%s", got, want)
	}
}
