package convention

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// Format is an input format.
type Format int

// The input formats.
const (
	TOML Format = iota + 1
	JSON
)

// String returns "TOML" or "JSON".
func (f Format) String() string {
	switch f {
	case TOML:
		return "TOML"
	case JSON:
		return "JSON"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// FormatFromPath returns the format of a file from its extension: ".toml"
// or ".json", in any case. Both slash- and OS-separated paths are accepted.
func FormatFromPath(name string) (Format, error) {
	ext := strings.ToLower(path.Ext(filepath.ToSlash(name)))
	switch ext {
	case ".toml":
		return TOML, nil
	case ".json":
		return JSON, nil
	}
	p := problem("", CodeFormat, fr("format inconnu (extension %q) : donnez un fichier .toml ou .json", ext))
	p.File = name
	return 0, p
}
