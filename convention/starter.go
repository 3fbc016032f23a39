package convention

import _ "embed"

//go:embed starter.toml
var starter []byte

// Starter returns a commented TOML input holding every key of the format,
// with French comments and « À COMPLÉTER » placeholders: what `labelkit
// init` writes. It decodes; it does not validate until its placeholders are
// replaced (Validate reports each one with CodePlaceholder). The slice is a
// new copy at each call.
func Starter() []byte { return append([]byte(nil), starter...) }

// Placeholder starts the values of Starter that the user must replace.
const Placeholder = "À COMPLÉTER"
