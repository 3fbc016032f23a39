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

func TestDeepIsRefused(t *testing.T) {
	src := "a = " + strings.Repeat("{x=", 50000) + "1" + strings.Repeat("}", 50000)
	start := time.Now()
	err := Check([]byte(src), Max)
	var e *Error
	if !errors.As(err, &e) || e.Line != 1 || e.Column != 5+3*Max {
		t.Fatalf("Check = %v, want an *Error at 1:%d", err, 5+3*Max)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Check took %v", d)
	}
}
