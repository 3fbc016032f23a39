package convention

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/esante/labelkit/internal/costtest"
)

// TestHostileInputs feeds inputs of the maximum size (MaxInputSize) whose
// shape made decoding quadratic or exhausted memory: each ends fast, with
// a short list of problems.
func TestHostileInputs(t *testing.T) {
	list := func(open, item, close string) string {
		n := (MaxInputSize - len(open) - len(close)) / (len(item) + 1)
		return open + strings.Repeat(item+",", n-1) + item + close
	}
	// keys returns open, distinct keys made from format, close
	keys := func(open, format, close string) string {
		var b strings.Builder
		b.WriteString(open)
		for i := 0; ; i++ {
			k := fmt.Sprintf(format, i)
			if b.Len()+len(k)+1+len(close) > MaxInputSize {
				break
			}
			if i > 0 && !strings.HasSuffix(format, "\n") {
				b.WriteString(",")
			}
			b.WriteString(k)
		}
		b.WriteString(close)
		return b.String()
	}
	for _, tc := range []struct {
		name   string
		format Format
		src    string
		code   Code // of the first problem
		more   bool // a CodeMore problem ends the list
	}{
		// a line and column for each value: every value rescanned the file
		{"JSON one-line array", JSON, list(`{"annexes":[`, "0", `]}`), CodeTooMany, false},
		{"JSON array under the item limit", JSON, list(`{"annexes":[`, "0", `]}`)[:maxListItems*2], CodeSyntax, false},
		{"JSON repeated keys", JSON, list(`{`, `"a":1`, `}`), CodeDuplicateKey, true},
		{"JSON unknown keys", JSON, keys(`{"company":{`, `"k%d":{"x":1}`, `}}`), CodeUnknownKey, true},
		{"TOML one-line array", TOML, list("annexes = [", "0", "]\n"), CodeTooMany, false},
		{"TOML unknown keys", TOML, keys("company = {", "k%d=1", "}\n"), CodeUnknownKey, true},
		{"TOML unknown tables", TOML, keys("", "[k%d]\n", ""), CodeUnknownKey, true},
		{"TOML many annexes", TOML, strings.Repeat("[[annexes]]\n", maxListItems) + "x=1\n", CodeUnknownKey, true},
		{"TOML header parts", TOML, "[" + strings.Repeat("a.", 50000) + "a]\n", CodeSyntax, false},
		{"TOML dotted key", TOML, strings.Repeat("a.", 50000) + "a = 1\n", CodeSyntax, false},
		{"TOML inline tables", TOML, "a = " + strings.Repeat("{x=", 50000) + "1" + strings.Repeat("}", 50000), CodeSyntax, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.src) > MaxInputSize {
				t.Fatalf("input of %d bytes", len(tc.src))
			}
			var err error
			costtest.Run(t, 200<<20, func() {
				_, err = ValidateReader(strings.NewReader(tc.src), tc.format, "f")
			})
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("err = %v, want Problems", err)
			}
			if len(ps) > MaxProblems+1 {
				t.Errorf("%d problems, more than %d", len(ps), MaxProblems+1)
			}
			if ps[0].Code != tc.code {
				t.Errorf("first problem %v, want code %s", ps[0], tc.code)
			}
			last := ps[len(ps)-1]
			if got := last.Code == CodeMore; got != tc.more {
				t.Errorf("last problem %v, want CodeMore %v", last, tc.more)
			}
			if len(err.Error()) > 64<<10 {
				t.Errorf("the error prints %d bytes", len(err.Error()))
			}
		})
	}
}

func TestProblemsCapped(t *testing.T) {
	src := `{"annexes":[` + strings.Repeat(`{"x":1},`, 300) + `{"x":1}]}`
	_, err := ValidateReader(strings.NewReader(src), JSON, "big.json")
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatal(err)
	}
	if len(ps) != MaxProblems+1 {
		t.Fatalf("%d problems, want %d", len(ps), MaxProblems+1)
	}
	// each annex: an unknown key x, a missing title; and the parties missing
	total := ps.Total()
	if total < 2*301 {
		t.Errorf("Total() = %d", total)
	}
	more := ps[MaxProblems]
	if more.Code != CodeMore || more.Omitted != total-MaxProblems || more.File != "big.json" {
		t.Errorf("last problem %+v", more)
	}
	if want := fmt.Sprintf("big.json: … et %d autres problèmes", total-MaxProblems); more.Error() != want {
		t.Errorf("last problem prints %q, want %q", more.Error(), want)
	}
	if want := fmt.Sprintf("%d problèmes :", total); !strings.HasPrefix(ps.Error(), want) {
		t.Errorf("Error() starts %q, want %q", ps.Error()[:40], want)
	}
	// decoding alone is capped too
	_, err = DecodeNamed(bytes.NewReader([]byte(src)), JSON, "big.json")
	if !errors.As(err, &ps) || len(ps) != MaxProblems+1 || ps.Total() != 301 {
		t.Errorf("Decode: %d problems, total %d", len(ps), ps.Total())
	}
}

// FuzzHostileShapes builds large inputs from small seeds (a unit repeated
// n times, in one of a few shapes) so that the fuzzer explores size and
// nesting, not only syntax: decoding must stay fast and the problem list
// short.
func FuzzHostileShapes(f *testing.F) {
	f.Add(uint8(0), uint32(50_000), "a.", false)
	f.Add(uint8(1), uint32(50_000), "a.", false)
	f.Add(uint8(2), uint32(300_000), "0", true)
	f.Add(uint8(3), uint32(60_000), `"a":1`, true)
	f.Add(uint8(4), uint32(5_000), "{x=", false)
	f.Fuzz(func(t *testing.T, shape uint8, n uint32, unit string, json bool) {
		if len(unit) > 16 {
			unit = unit[:16]
		}
		n %= 1 << 20
		rep := func(s string) string {
			if len(s) == 0 || uint64(len(s))*uint64(n) > MaxInputSize {
				return strings.Repeat(s, MaxInputSize/max(len(s), 1)/2)
			}
			return strings.Repeat(s, int(n))
		}
		var src string
		switch shape % 5 {
		case 0:
			src = rep(unit) + "x = 1"
		case 1:
			src = "[" + rep(unit) + "x]"
		case 2:
			src = `{"annexes":[` + rep(unit+",") + unit + "]}"
		case 3:
			src = "{" + rep(unit+",") + unit + "}"
		case 4:
			src = "a = " + rep(unit) + "1" + rep("}")
		}
		format := TOML
		if json {
			format = JSON
		}
		start := time.Now()
		_, err := ValidateReader(strings.NewReader(src), format, "f")
		if d := time.Since(start); d > costtest.MaxTime {
			t.Fatalf("%d bytes took %v", len(src), d)
		}
		var ps Problems
		if errors.As(err, &ps) && len(ps) > MaxProblems+1 {
			t.Fatalf("%d problems", len(ps))
		}
	})
}
