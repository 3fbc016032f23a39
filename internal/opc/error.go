package opc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Sentinel errors reported by ReadZip, ReadFS and Writer. Test for them with
// errors.Is; the returned error is an *Error naming the part when there is one.
var (
	// ErrNotZip reports input that is not a readable zip archive.
	ErrNotZip = errors.New("not a zip archive")
	// ErrNotDocx reports a zip that is not a Word document: no
	// [Content_Types].xml, no officeDocument relationship in _rels/.rels,
	// a missing main part, or a main part that is not WordprocessingML.
	ErrNotDocx = errors.New("not a DOCX package")
	// ErrMacroEnabled reports a macro-enabled document (a vbaProject.bin part
	// or a main content type containing "macroEnabled").
	ErrMacroEnabled = errors.New("macro-enabled document refused")
	// ErrEncrypted reports a password-protected Word document: Word
	// encrypts it into an OLE compound file (EncryptionInfo and
	// EncryptedPackage streams) that is not a zip.
	ErrEncrypted = errors.New("password-protected (encrypted) document: remove the password in Word (File > Info > Protect Document > Encrypt with Password, empty password) and save it again")
	// ErrLegacyDoc reports a Word 97-2003 .doc file (an OLE compound file
	// with a WordDocument stream), or another OLE compound file.
	ErrLegacyDoc = errors.New("a Word 97-2003 .doc file, not a .docx: open it in Word or LibreOffice and save it as .docx (Word Document)")
	// ErrUnsafeName reports an entry name that is absolute, contains "."
	// "..", or empty segments, a backslash, a drive letter, a NUL or another
	// control character, or is longer than 1024 bytes; a relationship
	// target leaving the package; or a file that is not a regular file
	// (ReadFS).
	ErrUnsafeName = errors.New("unsafe part name")
	// ErrDuplicate reports two entries whose names differ only by case (or
	// not at all): OPC part names are case-insensitive. It also reports a
	// part whose name is a folder of another part ("word" and
	// "word/document.xml").
	ErrDuplicate = errors.New("duplicate part name")
	// ErrTooLarge reports a package over one of its Limits. The wrapped
	// *LimitError names the limit.
	ErrTooLarge = errors.New("package too large")
	// ErrDoctype reports a DOCTYPE, ENTITY or other markup declaration in an
	// XML part.
	ErrDoctype = errors.New("XML markup declaration (DOCTYPE/ENTITY) refused")
	// ErrCorrupt reports a damaged entry: bad checksum, size different from
	// the declared one, unsupported compression method, encryption, or
	// malformed relationships or content types.
	ErrCorrupt = errors.New("corrupt package")
)

// Error is the error returned by this package: the part concerned (zip entry
// name, empty for the package as a whole) and the cause, which wraps one of
// the sentinel errors.
type Error struct {
	Part string // e.g. "word/document.xml"; empty if not about one part
	Err  error
}

// Error implements the error interface: "part: cause", with no package
// name, which the public package returning it (render, templates) adds.
func (e *Error) Error() string {
	if e.Part == "" {
		return e.Err.Error()
	}
	part := e.Part
	if strings.ContainsFunc(part, func(r rune) bool { return !unicode.IsPrint(r) }) {
		part = strconv.Quote(part)
	}
	return part + ": " + e.Err.Error()
}

// Unwrap returns the cause, so that errors.Is(err, opc.ErrTooLarge) works.
func (e *Error) Unwrap() error { return e.Err }

// LimitError reports which of the Limits a package exceeds. It matches
// ErrTooLarge with errors.Is.
type LimitError struct {
	Limit string // field of Limits: "MaxParts", "MaxPartSize" or "MaxTotalSize"
	Max   int64  // the limit in force
}

// Error implements the error interface.
func (e *LimitError) Error() string {
	unit := " bytes"
	if e.Limit == "MaxParts" {
		unit = " parts"
	}
	return fmt.Sprintf("%v: over Limits.%s = %d%s (raise it if the input is trusted)",
		ErrTooLarge, e.Limit, e.Max, unit)
}

// Is reports whether target is ErrTooLarge.
func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

func errf(part string, sentinel error, format string, args ...any) *Error {
	if format == "" {
		return &Error{Part: part, Err: sentinel}
	}
	return &Error{Part: part, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}
