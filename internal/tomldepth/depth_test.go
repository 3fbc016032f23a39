package tomldepth

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		max       int
		line, col int // 0: no error
	}{
		{"flat", "a = 1\n[b]\nc = [1, 2]\n", 2, 0, 0},
		{"array of tables", "[[a]]\nb = 1\n", 2, 0, 0},
		{"array of tables too deep", "[[a]]\n", 1, 1, 2},
		{"inline tables", "a = {b = {c = 1}}", 1, 1, 10},
		{"arrays", "a = [\n  [\n    [1]]]", 2, 3, 5},
		{"brackets in strings", `a = "[[[{{{" # [[[` + "\nb = '{{{'\n", 1, 0, 0},
		{"escaped quote", `a = "\"[[[" ` + "\nb = [[1]]", 1, 2, 6},
		{"multi-line basic", "a = \"\"\"\n[[[\"\n\\\"\"\"[[\"\"\"\nb = 1", 1, 0, 0},
		{"multi-line literal", "a = '''[[['''''\nb = [1]", 1, 0, 0},
		{"literal backslash", `a = '\' b = [[1]]`, 1, 1, 14},
		{"column in characters", "é = [[1]]", 1, 1, 6},
		{"comment", "# {{{{\na = 1", 1, 0, 0},
		{"unbalanced closers", "]]]]\na = [[1]]", 1, 2, 6},
		{"dotted key", "a.b.c = 1", 1, 1, 4},
		{"dotted key at the limit", "a.b.c = 1", 2, 0, 0},
		{"numeric dotted key", "1.2.3 = 1", 1, 1, 4},
		{"quoted dotted key", `"a.b". 'c' . "d" = 1`, 1, 1, 12},
		{"header parts", "[a.b.c]\n", 2, 1, 5},
		{"array header parts", "[[a.b]]\n", 2, 1, 4},
		{"keys under a dotted header", "[a.b]\nc.d = 1\n", 2, 2, 2},
		{"keys under a dotted header fit", "[a.b]\nc = 1\n[x]\nc.d = 1\n", 2, 0, 0},
		{"inline table keys", "a = {b = 1, c.d.e = 2}", 2, 1, 16},
		{"values with dots", "a = 1.5\nb = 1979-05-27T07:32:00.999\nc = [1.5, 2.5]\n", 1, 0, 0},
		{"array values are no keys", "a = [1, b.c]", 1, 0, 0},
		{"key after a multi-line array", "a = [\n1,\n2]\nb.c.d = 1", 1, 4, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check([]byte(tc.src), tc.max)
			if tc.line == 0 {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Check = %v, want an *Error", err)
			}
			if e.Line != tc.line || e.Column != tc.col || e.Max != tc.max {
				t.Errorf("error at %d:%d (max %d), want %d:%d (max %d)", e.Line, e.Column, e.Max, tc.line, tc.col, tc.max)
			}
		})
	}
}

// TestMaxDecodes checks that input at the limit passes Check and decodes.
func TestMaxDecodes(t *testing.T) {
	src := "a = " + strings.Repeat("{x=", Max-1) + "[1]" + strings.Repeat("}", Max-1)
	if err := Check([]byte(src), Max); err != nil {
		t.Fatal(err)
	}
	if err := Check([]byte("["+src+"]"), Max); err == nil {
		t.Fatal("one more level passed Check")
	}
	var v map[string]any
	if _, err := toml.Decode(src, &v); err != nil {
		t.Fatal(err)
	}
}

// TestDeepIsRefused checks the shapes that exhaust the decoder: each is
// refused at once, at the level past the limit.
func TestDeepIsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		col       int
	}{
		{"inline tables", "a = " + strings.Repeat("{x=", 50000) + "1" + strings.Repeat("}", 50000), 5 + 3*Max},
		{"dotted key", strings.Repeat("a.", 50000) + "a = 1", 2*Max + 2},
		{"table header", "[" + strings.Repeat("a.", 50000) + "a]", 2*Max + 1},
		{"array of tables header", "[[" + strings.Repeat("a.", 50000) + "a]]", 2 * Max},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := Check([]byte(tc.src), Max)
			var e *Error
			if !errors.As(err, &e) || e.Line != 1 || e.Column != tc.col {
				t.Fatalf("Check = %v, want an *Error at 1:%d", err, tc.col)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Check took %v", d)
			}
		})
	}
}
