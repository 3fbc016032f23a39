package convention

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Code is a stable, machine-readable problem code. Programs switch on codes;
// people read Problem.Message.
type Code string

// The problem codes. Decoding gives CodeRead to CodeDate; Validate gives the
// others.
const (
	CodeRead         Code = "read"          // the input could not be read
	CodeTooLarge     Code = "too_large"     // the input is larger than MaxInputSize
	CodeFormat       Code = "format"        // unknown file format (extension)
	CodeEncoding     Code = "encoding"      // UTF-16 or UTF-32 text: save it as UTF-8
	CodeEmpty        Code = "empty"         // nothing but white space
	CodeSyntax       Code = "syntax"        // TOML or JSON syntax error
	CodeUnknownKey   Code = "unknown_key"   // a key the format does not define
	CodeDuplicateKey Code = "duplicate_key" // a JSON object repeats a key
	CodeType         Code = "type"          // wrong value type (string for bool, ...)
	CodeDate         Code = "date"          // malformed date, or a date-time

	CodeRequired     Code = "required"        // required value missing or blank
	CodeForbidden    Code = "forbidden"       // value given where the agreement excludes it
	CodeEnum         Code = "enum"            // value outside an enumeration
	CodeDuplicate    Code = "duplicate"       // a list repeats an item
	CodeTooLong      Code = "too_long"        // text longer than its maximum
	CodeTooMany      Code = "too_many"        // list longer than its maximum
	CodeControlChar  Code = "control_char"    // control character (or newline in a one-line field)
	CodeRegistration Code = "registration_id" // French SIRET/SIREN malformed or wrong key
	CodePostalCode   Code = "postal_code"     // French postal code not 5 digits
	CodePhone        Code = "phone"           // French phone or fax number malformed
	CodeEmail        Code = "email"           // e-mail address not a plain address
	CodeRange        Code = "range"           // number out of range (max_sites)
	CodeNotCentres   Code = "centres_only"    // centres_only = false: wrong agreement
	CodeNoProfession Code = "no_profession"   // no profession at all
	CodePlaceholder  Code = "placeholder"     // a « À COMPLÉTER » value of Starter left as is

	CodeMore Code = "more" // stands for the problems left out past MaxProblems (see Problem.Omitted)
)

// MaxProblems is the number of problems reported for one input: past it,
// the others are only counted, in a last problem of code CodeMore (« … et
// N autres problèmes »), so that one file cannot print megabytes.
const MaxProblems = 100

// Problem is one thing wrong with an input: where (file, line, column, key
// path), what (a stable Code) and what to do (a French Message, also in
// English through Text).
//
// Decode and Validate return problems in a Problems list; errors.As finds
// both the list and its elements:
//
//	var ps convention.Problems
//	if errors.As(err, &ps) { for _, p := range ps { ... } }
type Problem struct {
	// File is the input's name when known (LoadFile, LoadFS, DecodeFile).
	File string
	// Line and Column locate the problem in the input, from 1; 0 when
	// unknown (validation problems, keys the locator could not find).
	Line, Column int
	// Path is the key path in the input format: "company.phone",
	// "annexes[1].title" (indexes from 0), "" for the whole input.
	Path string
	// Code is the stable problem code.
	Code Code
	// Message says, in French, what is wrong and what to do.
	Message string
	// Key is the message's stable catalogue key, its French format
	// (« obligatoire : renseignez « %s » »), and Args its arguments:
	// Message is fmt.Sprintf(Key, Args...). Text translates it. An argument
	// is printed as it is (the agreement's labels, the input's values) or,
	// for a fmt.Stringer made here, translated too.
	Key  string
	Args []any
	// Err is the underlying error, if any (toml.ParseError,
	// *json.SyntaxError, a read error); Unwrap returns it.
	Err error
	// Omitted is, on the CodeMore problem that ends a list cut at
	// MaxProblems, the number of problems left out.
	Omitted int
}

// Error returns "file:line:column: path: message", leaving out the parts
// that are unknown.
func (p *Problem) Error() string { return p.line(p.Message) }

// line returns "file:line:column: path: msg".
func (p *Problem) line(msg string) string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(":")
	}
	if p.Line > 0 {
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(":")
		if p.Column > 0 {
			b.WriteString(strconv.Itoa(p.Column))
			b.WriteString(":")
		}
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(msg)
	return b.String()
}

// Unwrap returns the underlying error, or nil.
func (p *Problem) Unwrap() error { return p.Err }

// Problems is a list of problems, itself an error. Decode and Validate never
// return an empty Problems as an error: no problem is a nil error.
type Problems []*Problem

// Error returns one problem a line.
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "aucun problème"
	case 1:
		return ps[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problèmes :", ps.Total())
	for _, p := range ps {
		b.WriteString("\n")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Unwrap returns the problems as errors, for errors.Is and errors.As.
func (ps Problems) Unwrap() []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// Codes returns the codes of ps in order, for tests and programs.
func (ps Problems) Codes() []Code {
	codes := make([]Code, len(ps))
	for i, p := range ps {
		codes[i] = p.Code
	}
	return codes
}

// Has reports whether ps holds a problem with the given path and code.
func (ps Problems) Has(path string, code Code) bool {
	for _, p := range ps {
		if p.Path == path && p.Code == code {
			return true
		}
	}
	return false
}

// Total returns the number of problems found, the omitted ones included.
func (ps Problems) Total() int {
	n := len(ps)
	for _, p := range ps {
		if p.Code == CodeMore {
			n += p.Omitted - 1
		}
	}
	return n
}

// bounded collects problems, keeping the first MaxProblems and counting
// the others.
type bounded struct {
	list    Problems
	dropped int
}

// full reports whether a new problem would only be counted: callers skip
// building its message.
func (b *bounded) full() bool { return len(b.list) >= MaxProblems }

func (b *bounded) add(p *Problem) {
	if b.full() {
		b.dropped++
		return
	}
	b.list = append(b.list, p)
}

// capped returns ps cut at MaxProblems, the problems left out (those past
// it, those counted by CodeMore problems of ps, and dropped more) counted in
// a last CodeMore problem.
func capped(ps Problems, dropped int) Problems {
	if dropped == 0 && len(ps) <= MaxProblems && !slices.ContainsFunc(ps, isMore) {
		return ps
	}
	out := make(Problems, 0, min(len(ps), MaxProblems)+1)
	file := ""
	for _, p := range ps {
		switch {
		case p.Code == CodeMore:
			dropped += p.Omitted
			file = p.File
		case len(out) < MaxProblems:
			out = append(out, p)
		default:
			dropped++
		}
	}
	if dropped > 0 {
		p := problem("", CodeMore, fr("… et %d autres problèmes", dropped))
		p.File, p.Omitted = file, dropped
		out = append(out, p)
	}
	return out
}

func isMore(p *Problem) bool { return p.Code == CodeMore }

// err returns ps as an error, nil when empty.
func (ps Problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}
