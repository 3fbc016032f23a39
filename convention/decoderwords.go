package convention

import (
	"regexp"
	"sync"
)

// decoderWords is a decoder's own message (BurntSushi/toml's,
// encoding/json's), which is English: a problem's argument whose String is
// its French when decoderFrench knows it (the English otherwise), and whose
// english is the decoder's words as they are.
type decoderWords string

func (w decoderWords) String() string {
	for _, t := range decoderFrench() {
		if t.re.MatchString(string(w)) {
			return t.re.ReplaceAllString(string(w), t.fr)
		}
	}
	return string(w)
}

func (w decoderWords) english() string { return string(w) }

type decoderText struct {
	re *regexp.Regexp
	fr string
}

// decoderFrench translates the decoders' commonest messages, matched whole
// ($1 is a character or value as the decoder quotes it). Built at the first
// syntax error.
var decoderFrench = sync.OnceValue(func() []decoderText {
	var out []decoderText
	for _, p := range decoderPatterns {
		out = append(out, decoderText{regexp.MustCompile("^(?:" + p[0] + ")$"), p[1]})
	}
	return out
})

// decoderPatterns are the decoders' messages (regular expressions) and
// their French, most specific first.
var decoderPatterns = [][2]string{
	// encoding/json (json.SyntaxError)
	{`invalid character (.+) looking for beginning of object key string`, "caractère $1 inattendu : une clé entre guillemets est attendue"},
	{`invalid character (.+) looking for beginning of value`, "caractère $1 inattendu : une valeur est attendue"},
	{`invalid character (.+) after object key:value pair`, "caractère $1 inattendu après une paire clé : valeur (une virgule ou une accolade fermante manque-t-elle ?)"},
	{`invalid character (.+) after object key`, "caractère $1 inattendu après une clé : « : » est attendu"},
	{`invalid character (.+) after array element`, "caractère $1 inattendu après un élément de liste (une virgule ou un crochet fermant manque-t-il ?)"},
	{`invalid character (.+) after top-level value`, "caractère $1 inattendu après la fin du document"},
	{`invalid character (.+) in string literal`, "caractère $1 interdit dans une chaîne"},
	{`invalid character (.+) in string escape code`, "caractère $1 invalide dans une séquence d'échappement"},
	{`invalid character (.+) in numeric literal`, "caractère $1 invalide dans un nombre"},
	{`invalid character (.+) in literal (true|false|null) \(expecting (.+)\)`, "caractère $1 invalide dans $2 ($3 attendu)"},
	{`unexpected end of JSON input`, "fin inattendue du document JSON"},
	// BurntSushi/toml (toml.ParseError)
	{`unexpected EOF; expected value`, "fin du fichier inattendue : une valeur est attendue"},
	{`unexpected EOF; expected key separator '='`, "fin du fichier inattendue : « = » est attendu"},
	{`unexpected EOF`, "fin du fichier inattendue"},
	{`expected value but found (.+) instead`, "une valeur est attendue, mais le fichier porte $1"},
	{`expected '\.' or '=', but got (.+) instead`, "« . » ou « = » est attendu, mais le fichier porte $1"},
	{`expected '\.' or '\]' to end table name, but got (.+) instead`, "« . » ou « ] » est attendu pour finir le nom de la table, mais le fichier porte $1"},
	{`expected end of table array name delimiter '\]', but got (.+) instead`, "« ]] » est attendu pour finir le nom du tableau de tables, mais le fichier porte $1"},
	{`expected a comma \(','\) or array terminator \('\]'\), but got (.+)`, "une virgule ou « ] » est attendu, mais le fichier porte $1"},
	{`expected a comma or an inline table terminator '\}', but got (.+) instead`, "une virgule ou « } » est attendu, mais le fichier porte $1"},
	{`expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead`, "la ligne devrait finir après sa valeur (retour à la ligne, commentaire ou fin du fichier), mais le fichier porte $1"},
	{`Key '(.+)' has already been defined\.`, "la clé « $1 » est déjà définie"},
	{`(.+) is not a table`, "$1 n'est pas une table"},
	{`strings cannot contain newlines`, "une chaîne ne peut pas contenir de retour à la ligne"},
	{`newlines not allowed within inline tables`, "retour à la ligne interdit dans une table en ligne { … }"},
	{`unexpected '=': key name appears blank`, "« = » inattendu : le nom de la clé est vide"},
	{`unexpected '='`, "« = » inattendu"},
	{`unexpected comma`, "virgule inattendue"},
	{`invalid escape in string '(.+)'`, "séquence d'échappement « $1 » invalide dans une chaîne"},
	{`TOML files cannot contain control characters: '(.+)'`, "caractère de contrôle $1 interdit dans un fichier TOML"},
	{`invalid datetime: (.+)`, "date ou heure invalide : $1"},
	{`invalid float: '(.+)'`, "nombre décimal invalide : « $1 »"},
	{`(.+) is out of range for (.+)`, "$1 dépasse les limites d'un $2"},
}
