package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/esante/labelkit/internal/textpos"
	"github.com/esante/labelkit/internal/tomldepth"
	"github.com/esante/labelkit/internal/untyped"
)

// maxDataSize bounds one data file for fill (a guard against reading a huge
// file into memory by mistake).
const maxDataSize = 32 << 20

// maxDataValues bounds the values of one data file: decoded, each takes
// tens of bytes whatever its size (a 32 MiB array of zeros took 500 to 745
// MB and 30 CPU-seconds). A JSON key counts two (its colon and its comma),
// a TOML key tomlKeyWeight.
const maxDataValues = 1_000_000

// tomlKeyWeight is what a TOML key counts in maxDataValues: the TOML
// decoder keeps each key's path, type and position (990,000 keys of one
// table took 633 MB and 7.8 CPU-seconds, as many JSON keys 250 MB and 1.6).
const tomlKeyWeight = 8

// jsonValues returns an upper bound of the number of values in the JSON
// src: each comma, colon and opening bracket outside strings counts one.
func jsonValues(src []byte) int {
	n := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case ',', ':', '[', '{':
			n++
		}
	}
	return n
}

// dataError is a data file error at a line and column (from 1): a
// decoder's message (msg, the decoder's own words), or err's.
type dataError struct {
	file      string
	line, col int
	msg       string
	err       error
}

func (e *dataError) Error() string { return e.format(e.err.Error) }

// text is the error in the user's language.
func (e *dataError) text(a *app) string {
	return e.format(func() string { return a.errText(e.err) })
}

func (e *dataError) format(text func() string) string {
	m := e.msg
	if m == "" {
		m = text()
	}
	pos := fmt.Sprintf("%d:%d", e.line, e.col)
	if e.file != "" {
		return quoteName(e.file) + ":" + pos + ": " + m
	}
	return pos + ": " + m
}

func (e *dataError) Unwrap() error { return e.err }

// loadData reads a fill data file: TOML or JSON of any shape whose top level
// is a table/object, decoded into map[string]any. JSON numbers are kept as
// json.Number so they print exactly as written.
func loadData(r io.Reader, format string) (map[string]any, error) {
	m, release, err := loadDataHeap(r, format)
	release()
	return m, err
}

// decodedHeap is an upper bound of the heap that data of size bytes and n
// values takes decoded, and while it decodes: a few times its text (the
// text itself, strings and keys), and each value's interface, number or
// map entry (measured: 1,990,000 short strings in 30 MiB held 93 MB; as
// many zeros in 4 MB, 63 MB).
func decodedHeap(size, n int) int64 { return 4*int64(size) + 48*int64(n) }

// loadDataHeap is loadData that also reserves room for the decoded data
// in the batch's memory limit (reserveHeap): release gives it back, once
// the document made from the data is done. release is never nil.
func loadDataHeap(r io.Reader, format string) (m map[string]any, release func(), err error) {
	b, err := io.ReadAll(io.LimitReader(r, maxDataSize+1))
	if err != nil {
		return nil, func() {}, err
	}
	return loadDataBytes(b, format)
}

// loadDataBytes is loadDataHeap of data already read, at most
// maxDataSize+1 bytes of it.
func loadDataBytes(b []byte, format string) (m map[string]any, release func(), err error) {
	release = func() {}
	if len(b) > maxDataSize {
		return nil, release, errorf("data larger than %d MiB", maxDataSize>>20)
	}
	b, err = untyped.Text(b)
	var ee *untyped.EncodingError
	switch {
	case errors.As(err, &ee):
		return nil, release, errorf("the file is encoded in %s: save it as UTF-8 (in Notepad, for example: File, Save as, Encoding UTF-8)", ee.Encoding)
	case errors.Is(err, untyped.ErrEmpty):
		if format == "json" {
			return nil, release, errorf("empty file: expected a JSON object")
		}
		return nil, release, errorf("empty file: expected TOML tables and keys")
	}
	n := 0
	if format == "json" {
		n = jsonValues(b)
	} else {
		values, keys := tomldepth.Values(b)
		n = values + tomlKeyWeight*keys
	}
	if n > maxDataValues {
		return nil, release, errorf("data of more than %d values (array items, keys; a TOML key counts %d): a document prints far fewer", maxDataValues, tomlKeyWeight)
	}
	release = reserveHeap(decodedHeap(len(b), n))
	if format == "json" {
		m, err = loadJSON(b)
		return m, release, err
	}
	m, err = untyped.TOML(b)
	var de *tomldepth.Error
	var se *untyped.SyntaxError
	switch {
	case errors.As(err, &de):
		return nil, release, &dataError{line: de.Line, col: de.Column,
			err: errorf("tables, arrays and dotted keys nested more than %d levels deep: flatten the data", de.Max)}
	case errors.As(err, &se):
		return nil, release, &dataError{line: se.Line, col: se.Column, msg: se.Message, err: err}
	}
	return m, release, nil
}

// loadJSON decodes b, a JSON object, into a map; numbers are kept as
// json.Number. untyped.JSONObject decodes valid data; encoding/json the
// rest, and words what is wrong.
func loadJSON(b []byte) (map[string]any, error) {
	if m, ok := untyped.JSONObject(b); ok {
		return m, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonError(b, err)
	}
	rest := dec.InputOffset()
	for rest < int64(len(b)) && strings.ContainsRune(" \t\r\n", rune(b[rest])) {
		rest++
	}
	if rest < int64(len(b)) {
		line, col := textpos.Pos(b, int(rest))
		return nil, &dataError{line: line, col: col, err: errorf("unexpected data after the top-level object")}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, errorf("the top level must be a JSON object ({...}) whose keys the template uses")
	}
	return obj, nil
}

// jsonError adds the line and column to a JSON decoding error.
func jsonError(b []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := textpos.Pos(b, int(se.Offset-1)) // Offset is just after the bad byte
		return &dataError{line: line, col: col, msg: err.Error(), err: err}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := textpos.Pos(b, len(b))
		return &dataError{line: line, col: col, err: errorf("unexpected end of JSON: %v", err)}
	}
	return err
}

// dataFormat is a data file's format, from its extension.
func dataFormat(path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		return "json"
	}
	return "toml"
}

// loadDataFile reads a data file named by path ("-" is standard input, in
// the given format). release (never nil) gives back the room reserved for
// the data in the batch's memory limit: call it once the document is done.
func (a *app) loadDataFile(path, stdinFormat string) (m map[string]any, release func(), err error) {
	if path == stdinName {
		m, release, err := loadDataHeap(a.stdin, stdinFormat)
		var de *dataError
		if errors.As(err, &de) {
			de.file = a.sprintf("<stdin>")
		}
		return m, release, err
	}
	b, err := readData(path)
	if err != nil {
		return nil, func() {}, err
	}
	m, release, err = loadDataBytes(b, dataFormat(path))
	var de *dataError
	if errors.As(err, &de) {
		de.file = path
	}
	return m, release, err
}
