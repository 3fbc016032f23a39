package convention

import "bytes"

// textProblem reports an input that cannot be a TOML or JSON agreement
// before any parsing: one saved as UTF-16 or UTF-32 (Windows Notepad's
// « Unicode », Excel's « Unicode text »), or holding nothing at all. The
// parsers would otherwise stop on the first NUL byte or at the end of the
// input with a message about syntax. src has lost its UTF-8 byte order mark.
func textProblem(src []byte) *Problem {
	if enc := wideEncoding(src); enc != "" {
		return &Problem{Code: CodeEncoding,
			Message: "le fichier est encodé en " + enc + " : enregistrez-le en UTF-8 (par exemple, dans le Bloc-notes : Fichier, Enregistrer sous, Encodage UTF-8)"}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return &Problem{Code: CodeEmpty,
			Message: "le fichier est vide : il doit contenir la convention, en TOML ou en JSON"}
	}
	return nil
}

// wideEncoding names the UTF-16 or UTF-32 encoding src is written in, from
// its byte order mark or, without one, from where its NUL bytes fall (ASCII
// text in UTF-16 little-endian is "x\x00y\x00..."); "" for anything else.
func wideEncoding(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}):
		return "UTF-32 (little-endian)"
	case bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32 (big-endian)"
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return "UTF-16 (little-endian)"
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "UTF-16 (big-endian)"
	}
	if bytes.IndexByte(src, 0) < 0 {
		return ""
	}
	// The first 64 bytes (whole code units) tell the pattern.
	head := src[:min(len(src), 64)&^3]
	if len(head) < 4 {
		return ""
	}
	var even, odd int
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	switch {
	case even == len(head)/2 && odd >= len(head)/4 && odd < len(head)/2:
		// 00 00 00 xx: the three high bytes of each code unit are NUL.
		return "UTF-32 (big-endian)"
	case odd == len(head)/2 && even >= len(head)/4 && even < len(head)/2:
		return "UTF-32 (little-endian)"
	case odd >= len(head)/4 && even == 0:
		// Mostly ASCII text: at least every other code unit has a NUL
		// high byte; one stray NUL byte is not enough.
		return "UTF-16 (little-endian)"
	case even >= len(head)/4 && odd == 0:
		return "UTF-16 (big-endian)"
	}
	return ""
}
