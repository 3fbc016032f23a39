package convention

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// jsonTree parses a JSON document into a generic tree (map[string]any,
// []any, string, json.Number, bool, nil), recording where each key path
// starts and refusing duplicate keys, which encoding/json silently accepts.
type jsonTree struct {
	src      []byte
	dec      *json.Decoder
	loc      locator
	problems Problems
	depth    int
}

// maxJSONDepth bounds the nesting of a JSON input; the format needs 4.
const maxJSONDepth = 64

type jsonStop struct{ p *Problem }

func parseJSON(src []byte) (tree map[string]any, loc locator, problems Problems) {
	t := &jsonTree{src: src, loc: locator{}}
	t.dec = json.NewDecoder(bytes.NewReader(src))
	t.dec.UseNumber()
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(jsonStop)
			if !ok {
				panic(r)
			}
			tree, problems = nil, append(t.problems, s.p)
		}
	}()
	v := t.value("")
	if _, err := t.dec.Token(); err != io.EOF {
		t.fail(t.start(), "données en trop après la fin de l'objet JSON : retirez-les", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		line, col := lineCol(src, t.start0())
		return nil, t.loc, append(t.problems, &Problem{Line: line, Column: col, Code: CodeType,
			Message: "le document JSON doit être un objet { … }, pas " + describe(v, JSON)})
	}
	return m, t.loc, t.problems
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

func (t *jsonTree) fail(off int, msg string, err error) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
		msg = "erreur de syntaxe JSON : " + se.Error() + " ; corrigez le fichier (virgules, guillemets, accolades)"
	} else if err == io.ErrUnexpectedEOF || err == io.EOF {
		off = len(t.src)
		msg = "le document JSON s'arrête avant la fin : une accolade ou un crochet fermant manque"
	}
	if msg == "" {
		msg = "erreur de syntaxe JSON"
		if err != nil {
			msg += " : " + err.Error()
		}
	}
	line, col := lineCol(t.src, off)
	panic(jsonStop{&Problem{Line: line, Column: col, Code: CodeSyntax, Message: msg, Err: err}})
}

func (t *jsonTree) mark(path string, off int) {
	line, col := lineCol(t.src, off)
	t.loc[path] = [2]int{line, col}
}

func (t *jsonTree) value(path string) any {
	off := t.start()
	tok, err := t.dec.Token()
	if err != nil {
		t.fail(off, "", err)
	}
	t.mark(path, off)
	d, ok := tok.(json.Delim)
	if !ok {
		return tok // string, json.Number, bool, nil
	}
	t.depth++
	if t.depth > maxJSONDepth {
		t.fail(off, fmt.Sprintf("le document JSON est imbriqué sur plus de %d niveaux", maxJSONDepth), nil)
	}
	defer func() { t.depth-- }()
	switch d {
	case '{':
		m := map[string]any{}
		for t.dec.More() {
			koff := t.start()
			ktok, err := t.dec.Token()
			if err != nil {
				t.fail(koff, "", err)
			}
			key, ok := ktok.(string)
			if !ok {
				t.fail(koff, "erreur de syntaxe JSON : une clé entre guillemets est attendue", nil)
			}
			kpath := joinPath(path, key)
			if _, dup := m[key]; dup {
				line, col := lineCol(t.src, koff)
				t.problems = append(t.problems, &Problem{Line: line, Column: col, Path: kpath,
					Code: CodeDuplicateKey, Message: "clé répétée : ne la donnez qu'une fois"})
				t.value(kpath + "#dup") // parse and drop
				delete(t.loc, kpath+"#dup")
				continue
			}
			m[key] = t.value(kpath)
			t.mark(kpath, koff)
		}
		if _, err := t.dec.Token(); err != nil {
			t.fail(t.start(), "", err)
		}
		return m
	case '[':
		var l []any
		for i := 0; t.dec.More(); i++ {
			l = append(l, t.value(path+"["+strconv.Itoa(i)+"]"))
		}
		if l == nil {
			l = []any{}
		}
		if _, err := t.dec.Token(); err != nil {
			t.fail(t.start(), "", err)
		}
		return l
	}
	t.fail(off, "erreur de syntaxe JSON", nil)
	return nil
}
