package convention

import (
	"fmt"

	"golang.org/x/text/language"
)

// Problem messages in two languages.
//
// A problem's message is written in French at its call site, as a format
// and its arguments (fr): Problem.Message is that French text, Problem.Key
// the format and Problem.Args its arguments. Text gives the same message
// in English, through the catalogue english, French format → English
// format, which keeps the same verbs in the same order. Arguments are
// printed as they are (the agreement's labels and enumeration
// descriptions, « À COMPLÉTER » placeholders, the user's values, the
// decoders' words), except phrases (fr), which are translated too: the
// parts of a sentence that are ours and vary (a hint, a type's name).
//
// To add a message: write fr("…", args...) at its call site and add the
// French format with its English to english; TestEnglish fails when a
// format reaches a problem without its English entry.
//
// The catalogue is a map formatted with fmt, not a golang.org/x/text
// message printer: the printer groups the digits of numbers in English
// (« 2,026-12-01 » for a date, « 1,048,576 bytes »).

// phrase is a message or part of one: a French format and its arguments.
// Its String is the French text.
type phrase struct {
	key  string
	args []any
}

// fr returns the phrase of the French format key and its arguments.
func fr(key string, args ...any) phrase { return phrase{key, args} }

func (ph phrase) String() string {
	if len(ph.args) == 0 {
		return ph.key
	}
	return fmt.Sprintf(ph.key, ph.args...)
}

// english is ph in English, its phrase arguments too; its French text
// when the catalogue lacks it.
func (ph phrase) english() string {
	en, ok := english[ph.key]
	if !ok {
		return ph.String()
	}
	if len(ph.args) == 0 {
		return en
	}
	args := ph.args
	for i, a := range ph.args {
		if sub, ok := a.(interface{ english() string }); ok {
			if &args[0] == &ph.args[0] {
				args = append([]any(nil), ph.args...)
			}
			args[i] = sub.english()
		}
	}
	return fmt.Sprintf(en, args...)
}

// problem returns the problem of code at path whose message is ph.
func problem(path string, code Code, ph phrase) *Problem {
	return &Problem{Path: path, Code: code, Key: ph.key, Args: ph.args, Message: ph.String()}
}

// NewProblem returns a problem of code at path whose message is the
// French format key formatted with args (fmt.Sprintf), for packages that
// report problems of their own (labelkit.Extract): Text finds its English
// in this package's catalogue when it is there, and is Message otherwise.
func NewProblem(path string, code Code, key string, args ...any) *Problem {
	return problem(path, code, fr(key, args...))
}

// Text returns the problem's message in lang: Message, in French, for any
// language but English; the same message in English for English (the
// agreement's own words it quotes stay French). A problem without Key (made
// by hand) or whose Key has no English is Message in every language.
func (p *Problem) Text(lang language.Tag) string {
	if p.Key == "" || !isEnglish(lang) {
		return p.Message
	}
	return phrase{p.Key, p.Args}.english()
}

// ErrorText is Error with the message in lang (see Text).
func (p *Problem) ErrorText(lang language.Tag) string {
	return p.line(p.Text(lang))
}

func isEnglish(lang language.Tag) bool {
	base, _ := lang.Base()
	en, _ := language.English.Base()
	return base == en
}

// textError is an error whose message is a phrase (ParseDate's): problems
// made from it keep its key and arguments.
type textError struct{ phrase }

func (e *textError) Error() string { return e.String() }

// Text returns the error's message in lang, as Problem.Text does.
func (e *textError) Text(lang language.Tag) string {
	if !isEnglish(lang) {
		return e.String()
	}
	return e.english()
}

// errorf returns an error of the French format key and its arguments.
func errorf(key string, args ...any) error { return &textError{fr(key, args...)} }

// phraseOf is err's phrase: its own for a textError, else its text as it is.
func phraseOf(err error) phrase {
	if te, ok := err.(*textError); ok {
		return te.phrase
	}
	return fr("%v", err)
}
