package convention

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tomlLocator finds, line by line, where the keys of a TOML document are
// defined: table headers ([company.representative]), arrays of tables
// ([[annexes]], numbered from 0), key/value lines (name = "…", dotted keys
// too) and the keys of one-line inline tables (hosting = { hosted = true }).
// It skips comments and the bodies of multi-line strings. It is only used
// to put a line and column on problems; a key it misses falls back on its
// closest ancestor (see locator.find). The TOML itself is parsed by
// BurntSushi/toml.
func tomlLocator(src []byte) locator {
	loc := locator{}
	put := func(path string, line, col int) {
		if _, ok := loc[path]; !ok {
			loc[path] = [2]int{line, col}
		}
	}
	arrayIndex := map[string]int{} // array-of-tables path → current index
	prefix := ""
	var inMulti string // delimiter of the multi-line string being skipped
	lines := strings.Split(string(src), "\n")
	for n, raw := range lines {
		lineNo := n + 1
		s := raw
		if inMulti != "" {
			i := strings.Index(s, inMulti)
			if i < 0 {
				continue
			}
			s = s[i+3:]
			inMulti = ""
			if d := openMulti(s); d != "" {
				inMulti = d
			}
			continue
		}
		trimmed := strings.TrimLeft(s, " \t")
		col := 1 + utf8.RuneCountInString(s[:len(s)-len(trimmed)])
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			keys, _ := parseTOMLKey(trimmed[2:])
			if len(keys) == 0 {
				continue
			}
			path := joinPath(tablePath(keys[:len(keys)-1], arrayIndex), keys[len(keys)-1])
			idx := 0
			if i, ok := arrayIndex[path]; ok {
				idx = i + 1
			}
			arrayIndex[path] = idx
			put(path, lineNo, col)
			prefix = path + "[" + strconv.Itoa(idx) + "]"
			put(prefix, lineNo, col)
			continue
		case trimmed[0] == '[':
			keys, _ := parseTOMLKey(trimmed[1:])
			prefix = tablePath(keys, arrayIndex)
			put(prefix, lineNo, col)
			continue
		}
		keys, rest := parseTOMLKey(trimmed)
		if len(keys) == 0 || !strings.HasPrefix(rest, "=") {
			continue
		}
		path := prefix
		for _, k := range keys {
			path = joinPath(path, k)
		}
		put(path, lineNo, col)
		value := strings.TrimLeft(rest[1:], " \t")
		if strings.HasPrefix(value, "{") {
			inlineKeys(value[1:], path, lineNo, utf8.RuneCountInString(raw)-utf8.RuneCountInString(value)+2, put)
		}
		if d := openMulti(value); d != "" {
			inMulti = d
		}
	}
	return loc
}

// tablePath turns header keys into a path, numbering the arrays of tables
// it goes through: [annexes.extra] after the second [[annexes]] is
// "annexes[1].extra".
func tablePath(keys []string, arrayIndex map[string]int) string {
	path := ""
	for _, k := range keys {
		path = joinPath(path, k)
		if i, ok := arrayIndex[path]; ok {
			path += "[" + strconv.Itoa(i) + "]"
		}
	}
	return path
}

// parseTOMLKey reads a (dotted) key at the start of s: bare keys and basic
// or literal quoted keys. It returns the keys and what follows them, spaces
// trimmed.
func parseTOMLKey(s string) (keys []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return keys, s
		}
		var k string
		switch s[0] {
		case '"', '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return nil, ""
			}
			k, s = s[1:1+end], s[2+end:]
		default:
			i := 0
			for i < len(s) && isBareKeyByte(s[i]) {
				i++
			}
			if i == 0 {
				return keys, s
			}
			k, s = s[:i], s[i:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return keys, s
		}
		s = s[1:]
	}
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// inlineKeys records the top-level keys of a one-line inline table body s
// (after "{"), which starts at column col of the line.
func inlineKeys(s, path string, line, col int, put func(string, int, int)) {
	depth := 0
	expectKey := true
	// column of s[at], counted as the scan goes (counting from the start of
	// s at each key would be quadratic in the length of the line)
	at := 0
	colAt := func(i int) int {
		col += utf8.RuneCountInString(s[at:i])
		at = i
		return col
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\'':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return
			}
			if expectKey && depth == 0 {
				keys, rest := parseTOMLKey(s[i:])
				if len(keys) > 0 && strings.HasPrefix(rest, "=") {
					put(joinPath(path, strings.Join(keys, ".")), line, colAt(i))
				}
				expectKey = false
			}
			i += end + 2
			continue
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return
			}
			depth--
		case c == ',' && depth == 0:
			expectKey = true
		case expectKey && depth == 0 && isBareKeyByte(c):
			keys, rest := parseTOMLKey(s[i:])
			if len(keys) > 0 && strings.HasPrefix(rest, "=") {
				put(joinPath(path, strings.Join(keys, ".")), line, colAt(i))
			}
			expectKey = false
		}
		i++
	}
}

// openMulti returns the delimiter of a multi-line string left open on the
// line s, or "".
func openMulti(s string) string {
	for _, d := range []string{`"""`, `'''`} {
		if i := strings.Index(s, d); i >= 0 {
			if !strings.Contains(s[i+3:], d) {
				return d
			}
		}
	}
	return ""
}
