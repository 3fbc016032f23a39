package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/esante/labelkit/internal/costtest"
)

// TestExecuteHostile runs templates that allocated by count before the
// output limit was checked (fatal out-of-memory errors, gigabytes): each
// ends fast with a clean error, having allocated a bounded amount.
func TestExecuteHostile(t *testing.T) {
	newlines := strings.Repeat("\n", 4<<20)
	for _, tc := range []struct {
		name, body string
		data       any
		want       error
	}{
		{"until", "{{range $i, $e := until 100000000}}{{end}}", nil, ErrTooManyItems},
		{"until negative", "{{range until -100000000}}{{end}}", nil, ErrTooManyItems},
		{"untilStep", "{{range untilStep 0 1000000000 3}}{{end}}", nil, ErrTooManyItems},
		{"seq", "{{seq 100000000}}", nil, ErrTooManyItems},
		{"seq down", "{{seq 0 -1 -100000000}}", nil, ErrTooManyItems},
		{"repeat", `{{repeat 1000000000 "x"}}`, nil, ErrOutputTooLarge},
		{"repeat unprinted", `{{$x := repeat 1000000000 "x"}}`, nil, ErrOutputTooLarge},
		{"repeat newlines", `{{repeat 20000000 "\n"}}`, nil, ErrOutputTooLarge},
		{"newlines in data", "{{.s}}", map[string]any{"s": newlines}, ErrOutputTooLarge},
		{"newlines in a link's text", `{{link "https://example.org" .s}}`, map[string]any{"s": newlines}, ErrOutputTooLarge},
		{"newlines in a link without target", `{{link "" .s}}`, map[string]any{"s": newlines}, ErrOutputTooLarge},
		{"quotes in a picture's alt text", `{{image .img .alt}}`,
			map[string]any{"img": solid("png", 2, 2, red), "alt": "alt=" + strings.Repeat(`"`, 12<<20)}, ErrOutputTooLarge},
		{"newlines inserted", `{{revision "A" "2026-12-01"}}{{ins .s}}`, map[string]any{"s": newlines}, ErrOutputTooLarge},
		{"newlines deleted", `{{revision "A" "2026-12-01"}}{{change .s "x"}}`, map[string]any{"s": newlines}, ErrOutputTooLarge},
		{"indent", `{{indent 100000000 "a\nb"}}`, nil, ErrOutputTooLarge},
		{"replace", `{{replace "" "xxxxxxxxxxxxxxxx" (repeat 10000000 "y")}}`, nil, ErrOutputTooLarge},
		{"printf width", `{{printf "%01000000000d" 1}}`, nil, ErrOutputTooLarge},
		{"printf star", `{{printf "%*d" 1000000000 1}}`, nil, ErrOutputTooLarge},
		{"printf precision", `{{printf "%.1000000000f" 1.5}}`, nil, ErrOutputTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := mustParse(t, spec{body: p(tc.body)})
			// a failing direct execution hands the part to text/template:
			// both must stay within the budget
			t.Logf("executed directly first: %v", tmpl.parts[tmpl.names["word/document.xml"]].direct != nil)
			var out bytes.Buffer
			var err error
			costtest.Run(t, 400<<20, func() { err = tmpl.Execute(&out, tc.data) })
			if !errors.Is(err, tc.want) || out.Len() != 0 {
				t.Fatalf("got %v (%d bytes written), want %v", err, out.Len(), tc.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Paragraph != 1 {
				t.Errorf("error %v does not name paragraph 1", err)
			}
		})
	}
}

// TestBoundedFuncsKeepSprig checks the bounded functions give what sprig's
// give within the limits.
func TestBoundedFuncsKeepSprig(t *testing.T) {
	body := p(`{{until 3}}|{{until -2}}|{{untilStep 1 10 4}}|{{untilStep 5 0 -2}}|{{untilStep 0 5 0}}|` +
		`{{seq 3}}|{{seq 0}}|{{seq 2 4}}|{{seq 4 2}}|{{seq 1 3 9}}|{{seq 9 -3 1}}|{{seq 1 -1 9}}|{{seq 5 -1 5}}|{{seq}}|` +
		`{{repeat 3 "ab"}}|{{indent 2 "a"}}|{{nindent 1 "b"}}|{{replace "a" "xy" "banana"}}|{{printf "%03d-%.1f" 7 2.25}}|` +
		`{{uniq (list 1 2 1 "a" "a" (list 1) (list 1) 2.5 2.5)}}|{{len (until 5)}}`)
	d := mustExec(t, mustParse(t, spec{body: body}), nil)
	want := "[0 1 2]|[0 -1]|[1 5 9]|[5 3 1]|[]|1 2 3|1 0|2 3 4|4 3 2|1 4 7|9 6 3||||ababab|  a| b|bxynxynxy|007-2.2|[1 2 a [1] 2.5]|5"
	if got := strings.Join(d.lines("word/document.xml"), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestExecuteContext stops templates that never finish at the deadline.
func TestExecuteContext(t *testing.T) {
	for _, body := range []string{
		"{{range until 100000}}{{range until 100000}}{{end}}{{end}}",
		"{{range $.l}}{{range $.l}}{{end}}{{end}}",
		"{{range $.l}}{{range $.l}}x{{end}}{{end}}",
		"{{range 100000}}{{range 100000}}{{end}}{{end}}",
	} {
		t.Run(body, func(t *testing.T) {
			tmpl := mustParse(t, spec{body: p(body)})
			if doc := tmpl.parts[tmpl.names["word/document.xml"]]; strings.Contains(body, "$.l") && doc.direct == nil {
				t.Error("not executed directly (direct.go): the ticks of empty range bodies must not prevent it")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			var out bytes.Buffer
			start := time.Now()
			err := tmpl.ExecuteContext(ctx, &out, map[string]any{"l": make([]int, 100000)})
			if !errors.Is(err, context.DeadlineExceeded) || out.Len() != 0 {
				t.Fatalf("got %v (%d bytes), want context.DeadlineExceeded", err, out.Len())
			}
			if d := time.Since(start); d > costtest.MaxTime/4 {
				t.Errorf("stopped after %v", d)
			}
			t.Log(err)
		})
	}
	// a done context stops before anything, with its cause
	tmpl := mustParse(t, spec{body: p("{{.a}}")})
	ctx, cancel := context.WithCancelCause(context.Background())
	cause := errors.New("interrupted")
	cancel(cause)
	err := tmpl.ExecuteContext(ctx, new(bytes.Buffer), map[string]any{"a": 1})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, cause) {
		t.Errorf("got %v", err)
	}
	// and the template is still good for the next one
	mustExec(t, tmpl, map[string]any{"a": 1})
}

// TestUniqLinear: sprig's uniq compared every item with every other.
func TestUniqLinear(t *testing.T) {
	tmpl := mustParse(t, spec{body: p("{{len (uniq .l)}}")})
	l := make([]string, 200000)
	for i := range l {
		l[i] = strconv.Itoa(i % 5000)
	}
	costtest.Run(t, 100<<20, func() {
		if got := mustExec(t, tmpl, map[string]any{"l": l}).lines("word/document.xml"); got[0] != "5000" {
			t.Errorf("got %v", got)
		}
	})
}

// TestParseManyActionsInOneParagraph: placing block actions asked, for
// every action, whether its whole paragraph held only silent actions, a
// pass over the paragraph each time ({{if true}}{{end}} 49,999 times took
// 56 CPU-seconds, 49,999 nested ifs 18).
func TestParseManyActionsInOneParagraph(t *testing.T) {
	n := 49_999
	if costtest.Race {
		n = 20_000 // ten times slower: quadratic, it would still take minutes
	}
	for name, body := range map[string]string{
		"sequential": p(strings.Repeat("{{if true}}{{end}}", n)),
		"nested":     p(strings.Repeat("{{if true}}", n) + strings.Repeat("{{end}}", n)),
	} {
		t.Run(name, func(t *testing.T) {
			costtest.Run(t, 1<<30, func() {
				if _, err := parseSpec(t, spec{body: body}); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

// FuzzExecuteShapes builds templates and data large in count or depth from
// small seeds (a unit repeated n times in one paragraph, data of n items):
// parsing and executing must end, within the limits and a deadline, with a
// document or a clean error.
func FuzzExecuteShapes(f *testing.F) {
	f.Add("{{if true}}{{end}}", uint16(20_000), uint32(0))
	f.Add("{{range .l}}", uint16(3), uint32(300))
	f.Add(`{{repeat 100000 "\n"}}`, uint16(100), uint32(0))
	f.Add("{{range until 1000}}", uint16(4), uint32(0))
	f.Add("{{.s}}", uint16(1000), uint32(100_000))
	f.Fuzz(func(t *testing.T, unit string, n uint16, items uint32) {
		if len(unit) > 64 {
			unit = unit[:64]
		}
		body := strings.Repeat(unit, int(n)%50_000)
		if strings.Count(body, "{{") != strings.Count(unit, "{{")*(int(n)%50_000) {
			return
		}
		// close what the unit opens, so that more templates parse
		opens := strings.Count(body, "{{range") + strings.Count(body, "{{if") + strings.Count(body, "{{with")
		body += strings.Repeat("{{end}}", min(opens, 50_000))
		tmpl, err := parseSpec(t, spec{body: p(body)}, WithLimits(Limits{MaxPartSize: 8 << 20, MaxTotalSize: 16 << 20}))
		if err != nil {
			return
		}
		data := map[string]any{"l": make([]int, int(items)%200_000), "s": strings.Repeat("\n", int(items)%1_000_000)}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		err = tmpl.ExecuteContext(ctx, io.Discard, data)
		if d := time.Since(start); d > costtest.MaxTime {
			t.Fatalf("executing took %v (%v)", d, err)
		}
	})
}
