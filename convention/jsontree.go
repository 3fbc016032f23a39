package convention

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/esante/labelkit/internal/textpos"
)

// jsonTree parses a JSON document into a generic tree (map[string]any,
// []any, string, json.Number, bool, nil), recording where each key path
// starts and refusing duplicate keys, which encoding/json silently accepts.
type jsonTree struct {
	src      []byte
	pos      *textpos.Index
	dec      *json.Decoder
	loc      locator
	problems *bounded
	depth    int
}

// maxJSONDepth bounds the nesting of a JSON input; the format needs 4.
const maxJSONDepth = 64

// maxListItems bounds the length of a list in the input, 200 times the
// longest the format allows (maxAnnexes, maxComponents...): past it,
// decoding stops, instead of spending seconds locating and checking each
// item of a list that cannot be valid.
const maxListItems = 10_000

func tooManyItems(path string) *Problem {
	return problem(path, CodeTooMany, fr("liste de plus de %d éléments : aucune liste de la convention n'en compte plus de %d ; vérifiez que c'est le bon fichier", maxListItems, maxAnnexes))
}

type jsonStop struct{ p *Problem }

// parseJSON parses src, adding problems to ps; on a syntax error, the tree
// is nil and stop is the problem (not added to ps).
func parseJSON(src []byte, ps *bounded) (tree map[string]any, loc locator, stop *Problem) {
	t := &jsonTree{src: src, pos: textpos.New(src), loc: locator{}, problems: ps}
	t.dec = json.NewDecoder(bytes.NewReader(src))
	t.dec.UseNumber()
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(jsonStop)
			if !ok {
				panic(r)
			}
			tree, stop = nil, s.p
		}
	}()
	v := t.value("")
	if _, err := t.dec.Token(); err != io.EOF {
		t.fail(t.start(), fr("données en trop après la fin de l'objet JSON : retirez-les"), err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		line, col := t.pos.Pos(t.start0())
		p := problem("", CodeType, fr("le document JSON doit être un objet { … }, pas %s", describe(v, JSON)))
		p.Line, p.Column = line, col
		return nil, t.loc, p
	}
	return m, t.loc, nil
}

// start returns the offset where the next token starts.
func (t *jsonTree) start() int {
	off := int(t.dec.InputOffset())
	for off < len(t.src) {
		switch t.src[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// start0 is the offset of the first non-space byte.
func (t *jsonTree) start0() int {
	off := 0
	for off < len(t.src) && bytes.IndexByte([]byte(" \t\r\n"), t.src[off]) >= 0 {
		off++
	}
	return off
}

func (t *jsonTree) fail(off int, msg phrase, err error) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
		msg = fr("erreur de syntaxe JSON : %s ; corrigez le fichier (virgules, guillemets, accolades)", decoderWords(se.Error()))
	} else if err == io.ErrUnexpectedEOF || err == io.EOF {
		off = len(t.src)
		msg = fr("le document JSON s'arrête avant la fin : une accolade ou un crochet fermant manque")
	}
	if msg.key == "" {
		msg = fr("erreur de syntaxe JSON")
		if err != nil {
			msg = fr("erreur de syntaxe JSON : %s", decoderWords(err.Error()))
		}
	}
	p := problem("", CodeSyntax, msg)
	p.Line, p.Column = t.pos.Pos(off)
	p.Err = err
	panic(jsonStop{p})
}

func (t *jsonTree) mark(path string, off int) {
	line, col := t.pos.Pos(off)
	t.loc[path] = [2]int{line, col}
}

func (t *jsonTree) value(path string) any {
	off := t.start()
	tok, err := t.dec.Token()
	if err != nil {
		t.fail(off, phrase{}, err)
	}
	t.mark(path, off)
	d, ok := tok.(json.Delim)
	if !ok {
		return tok // string, json.Number, bool, nil
	}
	t.depth++
	if t.depth > maxJSONDepth {
		t.fail(off, fr("le document JSON est imbriqué sur plus de %d niveaux", maxJSONDepth), nil)
	}
	defer func() { t.depth-- }()
	switch d {
	case '{':
		m := map[string]any{}
		for t.dec.More() {
			koff := t.start()
			ktok, err := t.dec.Token()
			if err != nil {
				t.fail(koff, phrase{}, err)
			}
			key, ok := ktok.(string)
			if !ok {
				t.fail(koff, fr("erreur de syntaxe JSON : une clé entre guillemets est attendue"), nil)
			}
			kpath := joinPath(path, key)
			// the key's position, asked before the value's: the index
			// answers offsets in increasing order in linear time
			line, col := t.pos.Pos(koff)
			if _, dup := m[key]; dup {
				p := problem(kpath, CodeDuplicateKey, fr("clé répétée : ne la donnez qu'une fois"))
				p.Line, p.Column = line, col
				t.problems.add(p)
				t.value(kpath + "#dup") // parse and drop
				delete(t.loc, kpath+"#dup")
				continue
			}
			m[key] = t.value(kpath)
			t.loc[kpath] = [2]int{line, col}
		}
		if _, err := t.dec.Token(); err != nil {
			t.fail(t.start(), phrase{}, err)
		}
		return m
	case '[':
		var l []any
		for i := 0; t.dec.More(); i++ {
			if i == maxListItems {
				p := tooManyItems(path)
				p.Line, p.Column = t.pos.Pos(off)
				panic(jsonStop{p})
			}
			l = append(l, t.value(path+"["+strconv.Itoa(i)+"]"))
		}
		if l == nil {
			l = []any{}
		}
		if _, err := t.dec.Token(); err != nil {
			t.fail(t.start(), phrase{}, err)
		}
		return l
	}
	t.fail(off, fr("erreur de syntaxe JSON"), nil)
	return nil
}
