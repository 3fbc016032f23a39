package opc

import (
	"fmt"
	"path"
	"strings"
)

// maxNameLen bounds entry names (zip allows 65535 bytes; real parts have
// a few dozen).
const maxNameLen = 1024

// checkName reports why a zip entry name is unsafe, or "" if it is fine.
// A safe name is relative, uses forward slashes, and has no empty, "." or
// ".." segment and no control character.
func checkName(name string) string {
	switch {
	case name == "":
		return "empty name"
	case len(name) > maxNameLen:
		return fmt.Sprintf("name longer than %d bytes", maxNameLen)
	case name[0] == '/':
		return "absolute name"
	case strings.IndexByte(name, '\\') >= 0:
		return "backslash in name"
	case len(name) >= 2 && name[1] == ':':
		return "drive letter in name"
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c == 0x7f {
			if c == 0 {
				return "NUL in name"
			}
			return "control character in name"
		}
	}
	for seg := range strings.SplitSeq(name, "/") {
		switch seg {
		case "":
			return "empty segment in name"
		case ".":
			return `"." segment in name`
		case "..":
			return `".." segment in name`
		}
	}
	return ""
}

// foldName is the key under which names are compared: OPC part names are
// case-insensitive (ASCII and Unicode simple folding are both covered by
// strings.ToLower for the names found in practice).
func foldName(name string) string { return strings.ToLower(name) }

// trimSlash turns an OPC part name ("/word/document.xml") into a zip entry
// name ("word/document.xml").
func trimSlash(name string) string { return strings.TrimPrefix(name, "/") }

// relsName returns the name of the relationships part of source:
// "word/document.xml" → "word/_rels/document.xml.rels", "" → "_rels/.rels".
func relsName(source string) string {
	source = trimSlash(source)
	if source == "" {
		return "_rels/.rels"
	}
	dir, base := path.Split(source)
	return dir + "_rels/" + base + ".rels"
}

// relsSource is the inverse of relsName: the source part of the
// relationships part name ("" for the package), and whether name is one.
func relsSource(name string) (string, bool) {
	dir, base := path.Split(name) // "word/_rels/", "document.xml.rels"
	low := strings.ToLower(dir)
	if !strings.HasSuffix(low, "_rels/") || len(low) > len("_rels/") && !strings.HasSuffix(low, "/_rels/") ||
		!strings.HasSuffix(strings.ToLower(base), ".rels") {
		return "", false
	}
	return dir[:len(dir)-len("_rels/")] + base[:len(base)-len(".rels")], true
}
