package main

// The language of the person at the terminal.
//
// labelkit speaks French by default and English when the first of LC_ALL,
// LC_MESSAGES and LANG that is set starts with "en" (as POSIX programs
// choose their messages). Every text a person reads (help, flags, progress,
// summaries, errors) is written in English in the source, at its call site,
// and translated through the golang.org/x/text/message catalogue built from
// messages.go.
//
// To add a message, in one step:
//
//  1. Write the English text at its call site through one of these, never
//     through fmt or errors directly:
//     - a.sprintf / a.printf / a.eprintf: text to print now;
//     - errorf: an error value (like fmt.Errorf; an error passed as an
//       argument is wrapped, for errors.Is and errors.As, and printed in the
//       user's language too; write %v for it, not %w);
//     - a.usageError: a usage error of a command (exit code 2);
//     - msg: a text translated later, when printed (flag usages, help
//       texts, summary words);
//     - msg also for help{usage: msg(`...`)}, for examples that hold
//       comments (help{examples: msg(`...`)}: commands alone need no
//       translation) and for the summary given to command{}.
//  2. Add the English text and its French translation to [messages] in
//     messages.go (or, for a count that changes the words, to [plurals]).
//
// TestMessagesTranslated fails when a text reaches one of these without its
// French entry, when an entry is no longer used, when the two sides' verbs
// differ, and when a fmt or errors call outside them builds a sentence.
//
// The convention's problems (validation, decoding, form extraction) are
// printed in the user's language too, through convention.Problem.Text:
// their English lives in the convention package's catalogue
// (convention/english.go), beside the French they are written in; the
// agreement's labels they quote stay French. The decoders' own words
// (TOML and JSON syntax errors) are English, and French for the common
// ones (convention/decoderwords.go). Operating-system errors (« permission
// denied ») are rendered in the user's language with the file named (see
// errText). File names are printed through fileName, quoted when they hold
// control characters.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/render"
)

// userLanguage is the language of the messages for the environment: English
// when the first of LC_ALL, LC_MESSAGES and LANG that is set starts with
// "en", French otherwise.
func userLanguage(getenv func(string) string) language.Tag {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return language.English
			}
			return language.French
		}
	}
	return language.French
}

// messageCatalog is the catalogue built from messages and plurals.
var messageCatalog = sync.OnceValue(func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for en, fr := range messages {
		if err := b.SetString(language.French, en, fr); err != nil {
			panic(fmt.Sprintf("message %q: %v", en, err))
		}
	}
	for en, fr := range plurals {
		if err := b.Set(language.French, en, fr); err != nil {
			panic(fmt.Sprintf("message %q: %v", en, err))
		}
	}
	return b
})

// printer returns the app's message printer, chosen from its environment
// on first use (once: batch workers print concurrently).
func (a *app) printer() *message.Printer {
	a.pOnce.Do(func() {
		getenv := a.getenv
		if getenv == nil {
			getenv = func(string) string { return "" }
		}
		a.lang = userLanguage(getenv)
		a.p = message.NewPrinter(a.lang, message.Catalog(messageCatalog()))
	})
	return a.p
}

// language returns the user's language (see userLanguage).
func (a *app) language() language.Tag {
	a.printer()
	return a.lang
}

// sprintf formats the message whose English text is key in the user's
// language. Error arguments are printed with errText.
func (a *app) sprintf(key string, args ...any) string {
	return a.printer().Sprintf(key, a.localArgs(args)...)
}

// printf writes the message key, formatted, to w.
func (a *app) printf(w io.Writer, key string, args ...any) {
	io.WriteString(w, a.sprintf(key, args...))
}

// eprintf writes the message key, formatted, to standard error, followed by
// a newline.
func (a *app) eprintf(key string, args ...any) {
	io.WriteString(a.stderr, a.sprintf(key, args...)+"\n")
}

func (a *app) localArgs(args []any) []any {
	out := args
	for i, v := range args {
		if err, ok := v.(error); ok {
			if &out[0] == &args[0] {
				out = append([]any(nil), args...)
			}
			out[i] = a.errText(err)
		}
	}
	return out
}

// msg marks text to be translated later, when printed: flag usages, help
// texts, summary words.
func msg(text string) string { return text }

// msgError is an error for the user: a catalogue key and its arguments,
// printed in the user's language by errText. Error() is the English text.
type msgError struct {
	key  string
	args []any
}

// errorf returns an error whose message is the catalogue entry key,
// formatted with args. An error among args is wrapped (the first one, for
// errors.Is and errors.As).
func errorf(key string, args ...any) error {
	return &msgError{key: key, args: args}
}

func (e *msgError) Error() string { return fmt.Sprintf(e.key, e.args...) }

// msgList is a list of errors printed on one line, separated by « ; ».
type msgList []error

func (l msgList) Error() string {
	texts := make([]string, len(l))
	for i, err := range l {
		texts[i] = err.Error()
	}
	return strings.Join(texts, "; ")
}

func (e *msgError) Unwrap() error {
	for _, v := range e.args {
		if err, ok := v.(error); ok {
			return err
		}
	}
	return nil
}

// errText is err's message in the user's language: our own errors through
// the catalogue, operating-system errors with their file named and their
// reason translated; library errors as they are.
func (a *app) errText(err error) string {
	switch e := err.(type) {
	case *msgError:
		return a.sprintf(e.key, e.args...)
	case *convention.Problem:
		return e.ErrorText(a.language())
	case *prefixedError:
		return a.sprintf("%s: %v", fileName(e.file), e.err)
	case *dataError:
		return e.text(a)
	case *fs.PathError:
		return a.sprintf(pathOps[opKind(e.Op)], fileName(e.Path), e.Err)
	case *os.LinkError:
		return a.sprintf("%s: cannot move into place: %v", fileName(e.New), e.Err)
	case msgList:
		texts := make([]string, len(e))
		for i, err := range e {
			texts[i] = a.errText(err)
		}
		return strings.Join(texts, "; ")
	case render.Errors:
		if len(e) == 1 {
			return a.errText(e[0])
		}
	case signalError:
		return a.sprintf(e.key())
	case *os.SyscallError:
		return a.errText(e.Err)
	case syscall.Errno:
		for _, r := range errnoTexts {
			if errors.Is(e, r.err) {
				return a.sprintf(r.text)
			}
		}
	}
	if t, ok := err.(interface{ Text(language.Tag) string }); ok {
		return t.Text(a.language()) // convention's errors (ParseDate's)
	}
	var pe *render.PackageError
	if errors.As(err, &pe) {
		return a.packageText(pe)
	}
	if re, ok := err.(*render.Error); ok {
		if text := a.limitText(re); text != "" {
			return text
		}
	}
	return err.Error()
}

// limitText is a template's limit error in the user's language: where
// (part, paragraph), which limit, and what to do; "" for another error.
func (a *app) limitText(re *render.Error) string {
	var (
		text string
		ce   *render.CountError
		le   *render.LimitError
	)
	switch {
	case errors.Is(re, render.ErrOutputTooLarge):
		text = a.sprintf("the document made would be too large (over render.Limits.MaxPartSize for one part or MaxTotalSize in all): reduce the data, or what the template repeats; a Go program can raise the limits with render.WithLimits")
	case errors.Is(re, render.ErrTooManyItems):
		// render words the counts "N items, at most M"
		msg := re.Err.Error()
		i := strings.Index(msg, render.ErrTooManyItems.Error()+": ")
		if i < 0 {
			return ""
		}
		f := strings.Fields(msg[i+len(render.ErrTooManyItems.Error())+2:])
		if len(f) != 5 {
			return ""
		}
		n, err1 := strconv.Atoi(f[0])
		max, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil {
			return ""
		}
		text = a.sprintf("list too long: %d items, at most %d (render.Limits.MaxItems): ask until, seq or untilStep for fewer; a Go program can raise the limit with render.WithLimits", n, max)
	case errors.As(re, &ce):
		switch ce.Count {
		case render.CountElements:
			text = a.sprintf("more than %d XML elements in this part (a fixed bound of template parsing): simplify the template, or split it", ce.Max)
		case render.CountTemplateElements:
			text = a.sprintf("more than %d XML elements in the templated parts together (main document, headers, footers, notes, comments; a fixed bound of template parsing): simplify the template (fewer or lighter headers and footers)", ce.Max)
		case render.CountActions:
			text = a.sprintf("more than %d template actions in one part (a fixed bound of template parsing): split the template", ce.Max)
		default:
			return ""
		}
	case re.Kind == render.KindLimit && errors.As(re, &le):
		text = a.sprintf("the templated parts together (main document, headers, footers, notes, comments, charts, properties) are larger than render.Limits.%s = %d bytes: make the template smaller (less text, fewer headers); a Go program can raise the limit with render.WithLimits", le.Limit, le.Max)
	default:
		return ""
	}
	where := quoteName(re.Part)
	if re.Paragraph > 0 {
		if re.Snippet != "" {
			where = a.sprintf("%s: paragraph %d « %s »", where, re.Paragraph, re.Snippet)
		} else {
			where = a.sprintf("%s: paragraph %d", where, re.Paragraph)
		}
	}
	return where + ": " + text
}

// packageTexts say what is wrong with a file given as a template, by the
// package reader's error; those with a detail (the reader's own words)
// print it after them.
var packageTexts = []struct {
	err    error
	text   string
	detail bool
}{
	{render.ErrEncrypted, msg("password-protected document: remove the password in Word (File > Info > Protect Document > Encrypt with Password, empty password) and save it again"), false},
	{render.ErrLegacyDoc, msg("a Word 97-2003 .doc file, not a .docx: open it in Word or LibreOffice and save it as .docx (Word Document)"), false},
	{render.ErrNotZip, msg("not a Word document (.docx): the file is not a zip archive"), false},
	{render.ErrNotDocx, msg("not a Word document (.docx): a zip archive without a Word document in it"), false},
	{render.ErrMacroEnabled, msg("a document with macros: save it in Word as a .docx (Word Document) without macros"), false},
	{render.ErrUnsafeName, msg("an entry name that could write outside the document (absolute, .., backslash or control character), refused"), true},
	{render.ErrDuplicate, msg("two entries of the same name (case aside), refused"), true},
	{render.ErrDoctype, msg("an XML part with a DOCTYPE or ENTITY declaration, refused"), true},
	{render.ErrCorrupt, msg("damaged document: open it in Word and save it again"), true},
}

// packageText is a package reader's error in the user's language: the part
// it concerns, then what is wrong.
func (a *app) packageText(pe *render.PackageError) string {
	var text string
	var le *render.LimitError
	if errors.As(pe.Err, &le) {
		text = a.sprintf("document too large: over the limit %s = %d", le.Limit, le.Max)
	} else {
		text = pe.Err.Error()
		for _, t := range packageTexts {
			if errors.Is(pe.Err, t.err) {
				detail := strings.TrimPrefix(strings.TrimPrefix(pe.Err.Error(), t.err.Error()), ": ")
				text = a.sprintf(t.text)
				if t.detail && detail != "" {
					text += " (" + detail + ")"
				}
				break
			}
		}
	}
	if pe.Part != "" {
		return quoteName(pe.Part) + ": " + text
	}
	return text
}

// opKind groups the operations of fs.PathError.
func opKind(op string) string {
	switch strings.TrimSuffix(op, "at") {
	case "open", "create":
		return "open"
	case "read", "readdirent", "readdir", "pread":
		return "read"
	case "write", "sync", "close", "fsync", "pwrite", "seek":
		return "write"
	case "mkdir":
		return "mkdir"
	case "remove", "unlink", "rmdir":
		return "remove"
	}
	return ""
}

// pathOps are the messages of fs.PathError by operation kind.
var pathOps = map[string]string{
	"open":   msg("%s: cannot open: %v"),
	"read":   msg("%s: cannot read: %v"),
	"write":  msg("%s: cannot write: %v"),
	"mkdir":  msg("%s: cannot create the folder: %v"),
	"remove": msg("%s: cannot remove: %v"),
	"":       msg("%s: %v"),
}

// errnoTexts are the reasons of the operating-system errors a user meets.
var errnoTexts = []struct {
	err  error
	text string
}{
	{fs.ErrPermission, msg("permission denied")},
	{fs.ErrNotExist, msg("no such file or folder")},
	{fs.ErrExist, msg("already exists")},
	{syscall.ENOSPC, msg("no space left on the disk")},
	{syscall.EROFS, msg("read-only file system")},
	{syscall.EISDIR, msg("is a folder")},
	{syscall.ENOTDIR, msg("a part of the path is not a folder")},
	{syscall.EIO, msg("input/output error")},
	{syscall.ENAMETOOLONG, msg("file name too long")},
	{syscall.EPIPE, msg("the reader closed the pipe")},
	{syscall.EMFILE, msg("too many open files")},
	{syscall.ELOOP, msg("too many levels of symbolic links")},
}

// fileName is a file name printed to the terminal: as it is when it holds
// only printable characters, otherwise quoted with Go's escapes, so that a
// newline, an escape sequence or a right-to-left override in a name never
// reaches the terminal raw.
type fileName string

func (f fileName) String() string { return quoteName(string(f)) }

// quoteName returns name, or name quoted when it holds a control or
// bidirectional-formatting character or is not valid UTF-8.
func quoteName(name string) string {
	if !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
			return strconv.Quote(name)
		}
	}
	return name
}

// safeLine escapes the control characters of a line for the terminal
// (tabs are kept).
func safeLine(s string) string {
	clean := true
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
