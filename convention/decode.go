package convention

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strconv"

	"github.com/esante/labelkit/internal/tomldepth"
	"github.com/esante/labelkit/internal/untyped"
)

// MaxInputSize is the largest input Decode accepts, in bytes. A complete
// agreement needs a few kilobytes.
const MaxInputSize = 1 << 20

// Decode reads one agreement from r in the given format, strictly, and
// normalizes it (see Normalize). It does not validate: call Validate.
//
// On failure it returns a nil Convention and a Problems error listing
// everything found while decoding: a syntax error (with its line and
// column), or every unknown key (with a "did you mean" when a known key is
// close), every value of the wrong type and every malformed date, each with
// its key path and, when it can be found, its line and column.
func Decode(r io.Reader, format Format) (*Convention, error) {
	return DecodeNamed(r, format, "")
}

// DecodeNamed is Decode for an input whose name is known (a file name, "-"
// for the standard input, an upload's name): every problem carries it.
func DecodeNamed(r io.Reader, format Format, name string) (*Convention, error) {
	src, err := readInput(r)
	if err != nil {
		p := problem("", CodeRead, fr("lecture impossible : %s", err.Error()))
		p.File, p.Err = name, err
		return nil, Problems{p}
	}
	if len(src) > MaxInputSize {
		p := problem("", CodeTooLarge, fr("le fichier dépasse %d octets : une convention n'en demande que quelques milliers ; vérifiez que c'est le bon fichier", MaxInputSize))
		p.File = name
		return nil, Problems{p}
	}
	c, _, ps := decodeBytes(src, format)
	for _, p := range ps {
		p.File = name
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return c, nil
}

// LoadFile reads the agreement in the file at path; the format comes from
// the extension (.toml or .json). Problems carry the path.
func LoadFile(path string) (*Convention, error) {
	return withFile(os.Open, path, DecodeNamed)
}

// LoadFS is LoadFile for a file of fsys (embedded files, test fixtures, an
// archive).
func LoadFS(fsys fs.FS, name string) (*Convention, error) {
	return withFile(fsys.Open, name, DecodeNamed)
}

// ValidateFile loads the agreement in the file at path and validates it, in
// one call: every problem at once, each with the file name and the line and
// column of its key (or of the closest enclosing table when the key is
// missing). Unknown keys and wrong types do not hide the validation
// problems of the rest of the file; only a syntax error stops at decoding.
// The Convention is returned whenever the file decodes, valid or not.
func ValidateFile(path string) (*Convention, error) {
	return withFile(os.Open, path, ValidateReader)
}

// ValidateFS is ValidateFile for a file of fsys.
func ValidateFS(fsys fs.FS, name string) (*Convention, error) {
	return withFile(fsys.Open, name, ValidateReader)
}

// withFile opens name with open, its format told by its extension, and
// hands it to read (DecodeNamed or ValidateReader); a bad extension or a
// file that does not open is a Problem naming the file.
func withFile[F io.ReadCloser](open func(string) (F, error), name string,
	read func(io.Reader, Format, string) (*Convention, error)) (*Convention, error) {
	format, err := FormatFromPath(name)
	if err != nil {
		return nil, Problems{err.(*Problem)}
	}
	f, err := open(name)
	if err != nil {
		p := problem("", CodeRead, openMessage(err))
		p.File, p.Err = name, err
		return nil, Problems{p}
	}
	defer f.Close()
	return read(f, format, name)
}

// ValidateReader is ValidateFile for an input read from r; name (may be
// empty) is put on every problem.
func ValidateReader(r io.Reader, format Format, name string) (*Convention, error) {
	src, err := readInput(r)
	if err != nil || len(src) > MaxInputSize {
		return DecodeNamed(io.MultiReader(bytes.NewReader(src), errReader{err}), format, name)
	}
	c, loc, ps := decodeBytes(src, format)
	if c != nil {
		decoded := len(ps) == 0
		// Unknown keys and wrong types do not hide the rest: validate what
		// did decode, leaving out the keys already reported.
		seen := make(map[string]bool, len(ps))
		for _, p := range ps {
			seen[p.Path] = true
		}
		for _, p := range c.Check() {
			if p.Code == CodeMore {
				ps = append(ps, p)
			} else if !seen[p.Path] {
				p.Line, p.Column = loc.find(p.Path)
				ps = append(ps, p)
			}
		}
		ps = capped(ps, 0)
		if !decoded {
			c = nil // it did not decode: no Convention, as documented
		}
	}
	for _, p := range ps {
		p.File = name
	}
	return c, ps.err()
}

// errReader replays a read error (nil: end of input).
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) {
	if e.err == nil {
		return 0, io.EOF
	}
	return 0, e.err
}

func openMessage(err error) phrase {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fr("fichier introuvable : vérifiez le chemin")
	case errors.Is(err, fs.ErrPermission):
		return fr("lecture interdite : vérifiez les droits du fichier")
	}
	return fr("ouverture impossible : %s", err.Error())
}

// decodeBytes parses src, copies it into a Convention and sorts the
// problems by position. The Convention is nil only when src does not parse;
// with problems, it holds what did decode (normalized), for validation.
func decodeBytes(src []byte, format Format) (*Convention, locator, Problems) {
	src, p := textProblem(src)
	if p != nil {
		return nil, nil, Problems{p}
	}
	var (
		tree map[string]any
		loc  locator
		stop *Problem
		ps   bounded
	)
	switch format {
	case TOML:
		tree, stop = parseTOML(src)
		if stop == nil {
			loc = tomlLocator(src)
			if path, ok := longList("", tree); ok {
				stop = tooManyItems(path)
				stop.Line, stop.Column = loc.find(path)
				tree = nil
			}
		}
	case JSON:
		tree, loc, stop = parseJSON(src, &ps)
	default:
		return nil, nil, Problems{problem("", CodeFormat, fr("format inconnu %s : TOML ou JSON", fmt.Sprint(format)))}
	}
	if tree == nil {
		return nil, loc, capped(append(ps.list, stop), ps.dropped)
	}
	c := new(Convention)
	u := &unifier{format: format, problems: &ps}
	u.unify("", tree, reflect.ValueOf(c).Elem())
	for _, p := range ps.list {
		if p.Line == 0 {
			p.Line, p.Column = loc.find(p.Path)
		}
	}
	slices.SortStableFunc(ps.list, func(a, b *Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	c.Normalize()
	return c, loc, capped(ps.list, ps.dropped)
}

// longList returns the path of the first list (in key order) longer than
// maxListItems in the decoded TOML value v, at path.
func longList(path string, v any) (string, bool) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p, ok := longList(joinPath(path, k), v[k]); ok {
				return p, true
			}
		}
	case []map[string]any:
		if len(v) > maxListItems {
			return path, true
		}
		for i, item := range v {
			if p, ok := longList(path+"["+strconv.Itoa(i)+"]", item); ok {
				return p, true
			}
		}
	case []any:
		if len(v) > maxListItems {
			return path, true
		}
		for i, item := range v {
			if p, ok := longList(path+"["+strconv.Itoa(i)+"]", item); ok {
				return p, true
			}
		}
	}
	return "", false
}

// parseTOML parses src; on a syntax error, the tree is nil and the problem
// says why.
func parseTOML(src []byte) (map[string]any, *Problem) {
	tree, err := untyped.TOML(src)
	if err == nil {
		return tree, nil
	}
	var p *Problem
	var de *tomldepth.Error
	var se *untyped.SyntaxError
	switch {
	case errors.As(err, &de):
		p = problem("", CodeSyntax, fr("tables, tableaux et clés à points imbriqués sur plus de %d niveaux : une convention n'en compte que 3 ; vérifiez que c'est le bon fichier", de.Max))
		p.Line, p.Column = de.Line, de.Column
	case errors.As(err, &se):
		p = problem(se.Key, CodeSyntax, fr("erreur de syntaxe TOML : %s", decoderWords(se.Message)))
		p.Line, p.Column = se.Line, se.Column
	default:
		p = &Problem{Code: CodeSyntax}
	}
	p.Err = err
	return nil, p
}

// readInput reads r whole, at most MaxInputSize+1 bytes (enough to know the
// input is too large); a file (anything with Stat, as *os.File and most
// fs.File) in a buffer of its size.
func readInput(r io.Reader) ([]byte, error) {
	size := int64(-1)
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	return untyped.ReadAll(r, size, MaxInputSize)
}
