// Package render fills DOCX templates: a Word or LibreOffice document with Go
// text/template actions typed in its text, executed with any data, gives a
// DOCX that Word and LibreOffice open without complaint. It knows nothing of
// what the document is about.
//
// Parse (or ParseFile, or ParseFS for a template kept unpacked) reads and
// compiles a template once; Execute renders it as many times as needed. A
// *Template is safe for concurrent use.
//
//	t, err := render.ParseFile("convention.docx")
//	...
//	err = t.Execute(w, data) // a complete .docx on w
//
// # Language
//
// Actions are Go text/template actions ({{.Field}}, {{range}}, {{if}} /
// {{else}}, {{with}}, variables, pipelines, comments, trim markers) typed in
// the visible text of the document (the w:t elements of runs; in docProps
// parts, element text). Text elsewhere — field codes, attribute values such
// as hyperlink targets, deleted text — is left as it is, even if it holds
// "{{". {{define}}, {{block}} and {{template}} are refused, and so are
// {{break}} and {{continue}} (they would skip the markup that closes the
// text). A literal "{{" is written {{"{{"}}.
//
// Word splits typed text into runs (spell-check marks, revision ids,
// bookmarks, formatting changes): an action split across any number of runs
// of one paragraph works, and takes the formatting of the run where it
// starts. What AutoCorrect types inside an action is read as intended: curly
// quotes (“ ” ‘ ’) as straight quotes, French guillemets (« text », with
// their no-break spaces) as "text", and no-break or thin spaces outside
// string literals as spaces. An action must open and close in the same
// paragraph. Trim markers ({{- and -}}) trim spaces within the same run.
//
// # Where block actions go
//
// The structure between an opening action and its {{end}} widens to the
// smallest element that holds both, so that the output stays valid and
// block actions leave no blank lines:
//
//   - A paragraph holding nothing but non-printing actions ({{if}}, {{else}},
//     {{end}}, {{range}}, variable declarations, comments) disappears: the
//     actions take its place. So {{range .items}} alone in a paragraph,
//     then paragraphs, then {{end}} alone in a paragraph, repeats those
//     paragraphs. What such a paragraph holds besides text keeps the
//     meaning it has in Word: a page or column break, or a drawing, goes
//     with each repetition (the paragraph stays, emptied of the actions'
//     text, inside the block: {{end}} followed by a page break starts each
//     item on a new page; a false {{if}} takes its break along); bookmarks
//     stay once, outside the block; section properties (w:sectPr) are
//     never lost nor repeated where Word would not: beside an opening
//     action they end the section before the block, once; beside {{end}}
//     they end the section of each repetition (a loop over a section) and
//     are printed once when the block prints nothing; beside {{else}} they
//     are refused. A paragraph holding a field, a note or comment
//     reference, a text box or a content control is never removed: the
//     error says which.
//   - A paragraph that starts with an opening action and ends with its
//     {{end}} (and has no {{else}}) is kept, removed or repeated as a whole.
//   - A {{range}} or {{if}} at the start of the first cell of a table row
//     whose {{end}} is at the end of the last cell of the same row repeats
//     or keeps the whole row. Rows holding nothing but non-printing actions
//     disappear, so block actions alone in their own rows repeat or keep
//     the rows between them. Cells wrapped in content controls
//     (w:tr/w:sdt/w:sdtContent/w:tc) count as the row's cells, and a row
//     alone in a row-level content control goes with its control.
//   - A block that starts inside one paragraph and ends inside a later one
//     of the same body, cell, header or note ({{range .proofs}} It works
//     because {{.reason}} … then {{end}} in a later paragraph, alone or
//     in its text) repeats or keeps the content between its two cut
//     points: an action at the start of its paragraph (an opener) or at
//     its end (an {{end}}) moves to that edge; elsewhere the paragraph is
//     cut at the end of the action's last run into two paragraphs with the
//     same paragraph and run properties. {{else}} works the same way.
//   - Anything else stays where it is, inside the text:
//     {{if .x}}☒{{else}}☐{{end}} inline works.
//
// An opening action and its {{end}} must end up in the same kind of place
// (both in the text of one paragraph, or at the same level: the same table
// cell, or both outside tables...); otherwise Parse reports where they
// are, quoting both paragraphs. A table cell, header, footer, note or comment whose paragraphs are
// all conditional gets an empty paragraph when none is printed, as Word
// requires; a table whose rows all disappear disappears. A paragraph of
// block actions that is the last of its cell or body and follows a table is
// emptied rather than removed, so that no cell or body ends on a table. Inside a
// {{range}} body, bookmarks, content-control ids and Word's paragraph ids
// are removed, and drawings and tracked changes get a fresh id at each
// repetition, since repeating them would duplicate ids that must be unique.
//
// # Escaping
//
// Every printed value is escaped by construction: Parse appends an escaper
// to the pipeline of every printing action of the parse tree, as
// html/template does, so no template can forget. Values are printed the way
// text/template prints them (a nil value or nil pointer prints nothing),
// then & < > are escaped, a newline becomes a line break (w:br) and a tab a
// tab (w:tab), characters that XML 1.0 forbids (control characters, U+FFFE,
// U+FFFF) are dropped, and invalid UTF-8 becomes U+FFFD. A value of type
// RawXML is inserted unescaped only with the AllowRawXML option (trusted
// templates); otherwise it is an error.
//
// # Parts
//
// Every part where Word shows text the user typed is templated: the main
// document (text boxes included, in both their DrawingML and VML forms),
// its headers, footers, footnotes, endnotes and comments; the charts
// (titles, axis titles and the cached labels Word draws: series names and
// categories, c:v of string caches) and SmartArt graphics (the data model
// and the drawing Word caches, which say the same once rendered) that any
// of those shows; the core, extended and custom properties
// (docProps/core.xml, e.g. the title; docProps/app.xml, e.g. the company,
// the manager and the titles of parts; docProps/custom.xml). In charts,
// SmartArt and properties, a value is plain text and a block opens and
// closes in one paragraph, label or property. A chart's embedded workbook
// (the data Word shows when one edits the chart's data) is copied as it
// is. Every other part is copied as it is, without recompression.
//
// A footnote, endnote or comment referenced inside a {{range}} body is
// repeated with its reference: each repetition references a note of its
// own, the first with the template's id, the next ones with fresh ids after
// the largest of the notes part, whose copies of the note follow it. The
// note's text is rendered once, with the document's data (not the item of
// the repetition), then copied; the copies drop Word's optional paragraph
// ids. A comment's range start, range end and reference keep one id.
//
// # Functions
//
// Templates get sprig's hermetic functions (sprig.HermeticTxtFuncMap)
// minus those that still depend on the clock, the time zone, randomness,
// the operating system or map order (date and time functions such as now,
// date, ago, toDate; rand*, shuffle, uuidv4; env, expandenv, os*;
// getHostByName; bcrypt, htpasswd, gen*, encryptAES...; values); keys
// returns sorted keys. The whole list is pinned in
// testdata/funcs.txt. The document functions (and the tracked-change
// functions below):
//
//   - checkbox v [tag [title]]: a Word checkbox content control
//     (w14:checkbox, clickable in Word) showing ☒ when v is true
//     (non-zero), else ☐, with an optional w:tag and w:alias. Outside
//     paragraph text (docProps) it prints the glyph alone.
//   - control v opts: v inside a Word content control described by a sprig
//     dict: tag, title (w:alias), prompt (the placeholder shown when v
//     prints nothing) and promptStyle; multiLine for a plain-text control
//     allowing line breaks, items for a drop-down list, date (a format),
//     lang and fullDate for a date picker. Outside paragraph text it prints
//     v alone.
//   - image v [options]: an inline picture. v is an Image, bytes, a data:
//     URL, a file name (read only from the fs.FS given to ExecuteWith with
//     ImageFiles), or a map with "src", "alt" and "fallback" keys (JSON
//     data); nil or "" print nothing. PNG, JPEG, GIF and SVG (with a PNG
//     fallback, which Word 2013 and LibreOffice show) are read from their
//     headers, never from a name or a declared type. Options: a width
//     ("4cm", "40mm", "1.5in", "120pt", "300px", "50%" of the column),
//     then a height; the aspect ratio is kept within them; without a size,
//     96 dpi. A picture is never wider than its column (its table cell, or
//     its section's text width, columns counted) nor taller than the page's
//     text. "alt=TEXT" sets the alternative text. Same bytes twice give one
//     media part (word/media/lk-<SHA-256 prefix>.<ext>); relationship ids
//     (rIdLk1...) and drawing ids count in document order: the same data
//     gives the same bytes. Limits.MaxImageSize (20 MiB) and
//     Limits.MaxImagePixels (100 million) bound each picture
//     (ErrImageTooLarge).
//   - link url [text]: a hyperlink (an external relationship; the run
//     takes the Hyperlink character style, added to styles.xml if the
//     template lacks it). Only http, https and mailto targets; others are
//     an error naming the action. An empty url prints the text alone; the
//     text defaults to the url. Inside an existing hyperlink, or in
//     docProps, the text alone.
//
// A picture placed in the template whose alt text (Word: Edit Alt Text;
// wp:docPr descr or title) is an action, such as {{.Company.Logo}}, is
// replaced by the action's picture (any value image takes) at the template
// picture's place, fitted inside its size with the aspect ratio kept. When
// the value is nil (a missing key with AllowMissing), the template picture
// stays.
//
// # Tracked changes
//
// A template can print Word tracked changes (« suivi des modifications »),
// which Word and LibreOffice show as revisions to accept or reject:
//
//   - revision author date: the author and date of the tracked changes that
//     follow in the part (it prints nothing; a paragraph holding only it
//     disappears). The date is a time.Time, "2006-01-02" or RFC 3339 text
//     (written in UTC), or nil/"" for none: it comes from the data, never
//     the clock. The other functions fail when no revision was set.
//   - ins v, del v: v printed as an inserted run (w:ins) or a deleted one
//     (w:del, its text in w:delText), with the formatting of the run the
//     action stands in.
//   - change old new: old deleted then new inserted; old == new prints new
//     plainly, an empty side gives a lone insertion or deletion.
//   - insRow, delRow: the table row the action stands in is inserted or
//     deleted (w:trPr/w:ins or w:del), and so are its cells' paragraphs.
//   - insParagraph, delParagraph: the paragraph's mark (w:pPr/w:rPr/w:ins or
//     w:del) and its runs. A deleted paragraph's mark joins it to the next
//     paragraph when accepted, so it must not be the last of a table cell:
//     delete the row instead.
//
// Outside paragraph text (docProps) ins and change print the new value, del
// nothing. Tracked-change ids are unique in the document and the same at
// each execution: each part counts its own from 2^30 + 2^20 × its index,
// shared with the repeated drawings and revisions renumbered in {{range}}.
// Runs already inside a tracked change are left as they are.
//
// [Funcs] adds functions (one named like a tracked-change function replaces
// it); names starting with "_lk_" are reserved. Locale
// formatting comes in that way too: package frfuncs holds French dates,
// numbers, amounts and lists (dateFR, numberFR, eurosFR, upperFR, joinFR),
// which the embedded agreement templates use:
//
//	t, err := render.ParseFile("modele.docx", render.Funcs(frfuncs.FuncMap()))
//
// # Errors
//
// Errors name the part, the paragraph (number and a snippet of its visible
// text) and the action:
//
//	word/document.xml: paragraph 41 « Et la société {{.Company.Nme}} »: can't evaluate field Nme in type ...
//
// Each is an *Error; Parse reports every syntax error it finds at once as
// Errors (each action is also checked alone, so one bad action does not hide
// the next). A key missing from a map is an error unless AllowMissing,
// through a field ({{.x}}) or index ({{index . "x"}}) alike.
// Execute writes nothing when it fails. [Error.Kind] tells programs what
// went wrong ([KindSyntax], [KindMissingKey], [KindLimit], [KindExec])
// without reading the message. Errors reading the package are a
// [*PackageError] (with [*LimitError] for a limit), matching the Err*
// values with errors.Is.
//
// # Determinism
//
// The same template and data give the same bytes, whatever the clock, time
// zone, GOMAXPROCS or map order: parts in the template's order, fixed zip
// timestamps, fixed compression (internal/opc: github.com/klauspost/compress
// at a fixed level, pinned by go.mod, so bytes hold across Go versions for a
// given go.mod; they may change when that module is upgraded). No
// function available to templates reads the clock, the environment or a
// random source.
//
// # Hostile templates
//
// Reading is bounded (WithLimits: part count, part size, total size) and
// refuses what is not a DOCX, documents with macros (a VBA project), unsafe
// or duplicate entry names and DOCTYPE/ENTITY declarations, with errors
// that errors.Is can test (ErrMacroEnabled...; ErrEncrypted for a
// password-protected file, ErrLegacyDoc for a Word 97-2003 .doc). A Word
// template (.dotx), or a .docm/.dotm without macros, renders to a .docx:
// the main part gets the document content type, as Word's "New from
// template" does. XML parts are tokenized by a small
// checking tokenizer (nesting depth, elements and actions per part
// bounded); nothing panics. Execute stops with ErrOutputTooLarge when a
// rendered part grows past the limits (a runaway {{range}}); a template that
// loops forever without output is its author's problem: Execute does not
// take a context.
package render
