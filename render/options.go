package render

import (
	"text/template"

	"github.com/esante/labelkit/internal/opc"
)

// Limits bound what reading a template may cost (zip-bomb defence), and
// what executing it may produce: a rendered part is also limited to
// MaxPartSize, and all of them to MaxTotalSize, so a runaway {{range}} stops
// with an error instead of filling memory. The functions that allocate by
// count check the same budget before they allocate (repeat, indent,
// replace, printf widths, the escaper of printed values, links' text and
// pictures' alternative text) or MaxItems (until, untilStep, seq). Zero
// fields mean the default: 2000 parts, 64 MiB per part, 256 MiB in all
// (uncompressed), DefaultMaxItems, far above any real agreement. Pictures
// given to image are bounded too: 20 MiB and 100 million pixels each by
// default (the pixels are those a client would decode: a small file can
// announce a huge picture); their bytes count in MaxTotalSize. Parsing
// holds the templated parts (main document, headers, footers, notes,
// comments, charts, properties) to MaxPartSize together, and to 2,097,152
// XML elements (1,048,576 in one part): it keeps about four bytes per byte
// of them (their bytes, the compiled source, text/template's text, the
// prepared compression), and an element tree for one part at a time (about
// 100 bytes an element). Time is bounded by the context of
// [Template.ExecuteContext]. The README's "Hostile input" section lists
// every limit with measured worst cases.
type Limits struct {
	MaxParts       int   // number of parts (zip entries or files)
	MaxPartSize    int64 // uncompressed bytes of one part
	MaxTotalSize   int64 // uncompressed bytes of all parts
	MaxImageSize   int64 // bytes of one picture given to image
	MaxImagePixels int64 // width × height of one picture given to image
	// MaxItems bounds the lists template functions build from a number
	// (until, untilStep, seq): default DefaultMaxItems.
	MaxItems int
}

// DefaultMaxItems is the default Limits.MaxItems: a million items (8 MB for
// until), far more than a document prints.
const DefaultMaxItems = 1 << 20

// Option configures Parse, ParseFile and ParseFS.
type Option func(*config)

type config struct {
	limits       opc.Limits
	maxItems     int
	allowMissing bool
	allowRaw     bool
	funcs        template.FuncMap
	maxImage     int64
	maxPixels    int64
	err          error
}

// WithLimits sets the limits.
func WithLimits(l Limits) Option {
	return func(c *config) {
		c.limits = opc.Limits{MaxParts: l.MaxParts, MaxPartSize: l.MaxPartSize, MaxTotalSize: l.MaxTotalSize}
		c.maxImage, c.maxPixels = l.MaxImageSize, l.MaxImagePixels
		c.maxItems = l.MaxItems
	}
}

// AllowMissing makes a key absent from a map render as nothing (and count as
// false in if, range and with) instead of being an error, at any depth:
// {{.client.nom}} prints nothing when the data has no "client", and so does
// {{index .client "nom"}}. A JSON null (a nil value in a map[string]any, as
// encoding/json decodes null) counts as missing: with {"client": null},
// {{.client.nom}} prints nothing too (without the option, the error says
// that .client is null), and a null item of a list of objects is an object
// without keys. A field missing from a struct is always an error.
func AllowMissing() Option { return func(c *config) { c.allowMissing = true } }

// AllowRawXML lets the template print RawXML values unescaped. Use it only
// for trusted templates and data: raw markup can break the document.
func AllowRawXML() Option { return func(c *config) { c.allowRaw = true } }

// Funcs adds functions to the template language (they take precedence over
// the built-in ones). Names starting with "_lk_" are reserved. Functions
// must be pure (the same result for the same arguments, no side effect): a
// part may be executed twice, its fast path giving way to text/template's
// evaluator on data it does not handle, and outputs are meant to be
// reproducible.
func Funcs(fm template.FuncMap) Option {
	return func(c *config) {
		if c.funcs == nil {
			c.funcs = template.FuncMap{}
		}
		for k, v := range fm {
			if len(k) >= 4 && k[:4] == "_lk_" {
				c.err = errReservedFunc(k)
				continue
			}
			c.funcs[k] = v
		}
	}
}

// PackageError is the error reading a template's package (zip or folder)
// returns: the part concerned (empty for the package as a whole) and the
// cause, which wraps one of the Err* values below. Find it with errors.As.
type PackageError = opc.Error

// LimitError names the limit of [Limits] a template's package exceeds
// ("MaxParts", "MaxPartSize" or "MaxTotalSize") and its value. Find it
// with errors.As; errors.Is(err, ErrTooLarge) matches it too.
type LimitError = opc.LimitError

// Errors reading a template, from the package reader; test with errors.Is.
var (
	ErrNotZip       = opc.ErrNotZip       // not a zip archive
	ErrNotDocx      = opc.ErrNotDocx      // a zip, but not a Word document
	ErrMacroEnabled = opc.ErrMacroEnabled // a document with macros (a VBA project) refused
	ErrEncrypted    = opc.ErrEncrypted    // password-protected Word document
	ErrLegacyDoc    = opc.ErrLegacyDoc    // Word 97-2003 .doc file
	ErrUnsafeName   = opc.ErrUnsafeName   // absolute, "..", backslash or control character in an entry name
	ErrDuplicate    = opc.ErrDuplicate    // two entries with the same name (case-insensitively)
	ErrTooLarge     = opc.ErrTooLarge     // over a limit of WithLimits
	ErrDoctype      = opc.ErrDoctype      // DOCTYPE or ENTITY declaration in an XML part
	ErrCorrupt      = opc.ErrCorrupt      // damaged entry
)
