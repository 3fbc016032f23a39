package convention

import (
	"strings"
)

// locator finds where a key path is defined in the input. It returns 0, 0
// when it does not know; it then falls back on the closest known ancestor
// ("company.representative.civility" → "company.representative" →
// "company").
type locator map[string][2]int

func (l locator) find(path string) (line, col int) {
	for {
		if p, ok := l[path]; ok {
			return p[0], p[1]
		}
		if path == "" {
			return 0, 0
		}
		path = parentPath(path)
	}
}

// parentPath removes the last element of a key path: "a.b[2]" → "a.b",
// "a.b" → "a", "a" → "".
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// joinPath appends a key to a key path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
