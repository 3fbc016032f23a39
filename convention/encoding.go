package convention

import (
	"errors"

	"github.com/esante/labelkit/internal/untyped"
)

// textProblem reports an input that cannot be a TOML or JSON agreement
// before any parsing (see [untyped.Text]): one saved as UTF-16 or UTF-32, or
// holding nothing at all. It returns src without its byte order mark.
func textProblem(src []byte) ([]byte, *Problem) {
	src, err := untyped.Text(src)
	var ee *untyped.EncodingError
	switch {
	case errors.As(err, &ee):
		p := problem("", CodeEncoding, fr("le fichier est encodé en %s : enregistrez-le en UTF-8 (par exemple, dans le Bloc-notes : Fichier, Enregistrer sous, Encodage UTF-8)", ee.Encoding))
		p.Err = err
		return nil, p
	case errors.Is(err, untyped.ErrEmpty):
		p := problem("", CodeEmpty, fr("le fichier est vide : il doit contenir la convention, en TOML ou en JSON"))
		p.Err = err
		return nil, p
	}
	return src, nil
}
