package untyped

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/tomldepth"
)

func TestText(t *testing.T) {
	le16 := func(s string) string {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return string(b)
	}
	for _, tc := range []struct{ src, want, enc string }{
		{"a = 1", "a = 1", ""},
		{"\ufeff{}", "{}", ""},
		{"x = \"fi\x00rst\"\n", "x = \"fi\x00rst\"\n", ""}, // one stray NUL: the decoder's syntax error
		{"\xff\xfe" + le16(`{"a": 1}`), "", "UTF-16 (little-endian)"},
		{le16(`{"a": 1}`), "", "UTF-16 (little-endian)"},
		{"\xfe\xff\x00{\x00}", "", "UTF-16 (big-endian)"},
		{"\xff\xfe\x00\x00{\x00\x00\x00", "", "UTF-32 (little-endian)"},
		{"\x00\x00\xfe\xff\x00\x00\x00{", "", "UTF-32 (big-endian)"},
	} {
		got, err := Text([]byte(tc.src))
		var ee *EncodingError
		switch {
		case tc.enc != "":
			if !errors.As(err, &ee) || ee.Encoding != tc.enc || got != nil {
				t.Errorf("Text(%q) = %q, %v; want an EncodingError for %s", tc.src, got, err, tc.enc)
			}
		case err != nil || string(got) != tc.want:
			t.Errorf("Text(%q) = %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
	for _, src := range []string{"", " \n\t\r\n", "\ufeff", "\ufeff\n"} {
		if got, err := Text([]byte(src)); !errors.Is(err, ErrEmpty) || got != nil {
			t.Errorf("Text(%q) = %q, %v; want ErrEmpty", src, got, err)
		}
	}
}

func TestTOML(t *testing.T) {
	m, err := TOML([]byte("# only a comment\n"))
	if err != nil || m == nil || len(m) != 0 {
		t.Errorf("comments only: %#v, %v", m, err)
	}
	m, err = TOML([]byte("a = 1\n[[b]]\nc = \"d\"\n"))
	if want := map[string]any{"a": int64(1), "b": []map[string]any{{"c": "d"}}}; err != nil || !reflect.DeepEqual(m, want) {
		t.Errorf("got %#v, %v", m, err)
	}

	_, err = TOML([]byte("x = 1\n" + strings.Repeat("a.", 100) + "a = 1"))
	var de *tomldepth.Error
	if !errors.As(err, &de) || de.Line != 2 {
		t.Errorf("deep dotted key: %v", err)
	}

	for _, tc := range []struct {
		src          string
		line, column int
		message, key string
	}{
		{"a = 1\nb = \n", 2, 5, "expected value but found '\\n' instead", "b"},
		// the column counts characters (the decoder's counts bytes: 11)
		{"a = \"éé\" x", 1, 9, "expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead", ""},
		{"d = 2006-01-02T15:04:05+25:00\n", 1, 5, `invalid datetime: "2006-01-02T15:04:05+25:00"`, "d"},
	} {
		m, err := TOML([]byte(tc.src))
		var se *SyntaxError
		if !errors.As(err, &se) || m != nil {
			t.Errorf("%q: got %v, %v; want a SyntaxError", tc.src, m, err)
			continue
		}
		if se.Line != tc.line || se.Column != tc.column || se.Message != tc.message || se.Key != tc.key {
			t.Errorf("%q: %d:%d %q key %q", tc.src, se.Line, se.Column, se.Message, se.Key)
		}
		if got, want := se.Error(), fmt.Sprintf("%d:%d: %s", tc.line, tc.column, tc.message); got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	}
}
