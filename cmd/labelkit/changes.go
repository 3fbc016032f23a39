package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"path/filepath"
	"strings"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
)

var changesHelp = help{
	usage: msg(`
Usage: labelkit changes [-o FILE.docx] [--date YYYY-MM-DD] [--pdf|--pdf-only] [--force] [-q] OLD NEW
       labelkit changes --format text|json OLD NEW

Compares two agreement inputs (.toml or .json files): OLD, the labelled
solution as described so far, and NEW, as it is now.

Without --format, writes the notification of the changes (article 4.3.1 of
the agreement) as a DOCX document: the parties, the list of changes (those
of the parties themselves under a heading of their own: article 11), the
article 3.1 table with the changes as Word tracked changes (accept them
all: the new table; reject them all: the old one), the documents of
Annexe 4 added or removed, and the signature block. The default output is
NEW's name with "-notification.docx"; "-o -" writes to standard output.
--date dates the notification and its tracked changes (without it, a line
is left to write the date on: the clock is never read). --pdf also writes
its PDF/A beside it, through LibreOffice (the tracked changes shown as
Word prints them); --pdf-only writes the PDF alone.

With --format, prints the list of changes on standard output: "text", one
change per line,

  ~ key.path: label : « old » → « new »     (changed)
  + key.path: label : « new »               (added)
  - key.path: label : « old »               (removed)

or "json", an array of {path, label, section, kind, old, new}.

Exit codes: without --format, 0 written, 2 trouble (invalid input, output
exists without --force, no PDF written); with --format, as diff: 0 no
change, 1 changes, 2 trouble.
`),
	examples: msg(`
  labelkit changes v1.toml v2.toml                  # writes v2-notification.docx
  labelkit changes -o notification.docx --date 2026-12-15 v1.toml v2.toml
  labelkit changes --pdf v1.toml v2.toml            # also v2-notification.pdf
  labelkit changes --format text v1.toml v2.toml
  labelkit changes --format json v1.toml v2.toml > changes.json`),
}

// exitChanges is the exit code of --format when the inputs differ.
const exitChanges = 1

func runChanges(a *app, args []string) int {
	fs := newFlags("changes")
	var o renderOptions
	var format, date string
	fs.StringVar(&o.out, "o", "", msg("write the notification to `FILE` (- for standard output)"))
	fs.StringVar(&format, "format", "", msg("print the change list instead, as `FORMAT`: text or json"))
	fs.StringVar(&date, "date", "", msg("`DATE` of the notification, YYYY-MM-DD"))
	fs.BoolVar(&o.force, "force", false, msg("overwrite an existing output"))
	fs.BoolVar(&o.quiet, "q", false, msg("quiet: no summary line"))
	o.pdfFlags(fs)
	pos, code, ok := a.parseFlags(fs, changesHelp, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		return a.usageError(fs, "takes two inputs, OLD and NEW (got %d)", len(pos))
	}
	switch format {
	case "", "text", "json":
	default:
		return a.usageError(fs, "--format %q: want text or json", format)
	}
	if format != "" && (o.out != "" || date != "" || o.force || o.pdf || o.pdfOnly) {
		return a.usageError(fs, "--format prints the change list: -o, --date, --force, --pdf and --pdf-only are for the notification")
	}
	var d *convention.Date
	if date != "" {
		v, err := convention.ParseDate(date)
		if err != nil {
			return a.usageError(fs, "--date: %v", err)
		}
		d = &v
	}
	var cs [2]*convention.Convention
	bad := false
	for i, path := range pos {
		if path == stdinName {
			return a.usageError(fs, "OLD and NEW are files: standard input is not supported")
		}
		c, err := convention.ValidateFile(path)
		if err != nil {
			a.fail(path, err)
			bad = true
		}
		cs[i] = c
	}
	if bad {
		return exitUsage
	}
	if format != "" {
		return a.printChanges(cs[0], cs[1], format)
	}
	return a.writeNotification(fs, o, cs[0], cs[1], d, pos[1])
}

func (a *app) printChanges(old, new *convention.Convention, format string) int {
	changes, err := convention.Diff(old, new)
	if err != nil {
		return a.trouble(a.sprintf("changes"), err)
	}
	var b bytes.Buffer
	if format == "json" {
		if changes == nil {
			changes = []convention.Change{}
		}
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(changes); err != nil {
			return a.trouble(a.sprintf("changes"), err)
		}
	} else {
		for _, c := range changes {
			b.WriteString(changeLine(c))
			b.WriteByte('\n')
		}
	}
	if _, err := a.stdout.Write(b.Bytes()); err != nil {
		return a.trouble(a.sprintf("<stdout>"), err)
	}
	if len(changes) > 0 {
		return exitChanges
	}
	return exitOK
}

// trouble prints err for file and returns exitUsage: for changes, like
// diff, 1 means "the inputs differ".
func (a *app) trouble(file string, err error) int {
	a.fail(file, err)
	return exitUsage
}

// changeLine writes one change on one line (a line break in a value shows
// as « ↵ »).
func changeLine(c convention.Change) string {
	q := func(s string) string { return "« " + strings.ReplaceAll(s, "\n", " ↵ ") + " »" }
	switch c.Kind {
	case convention.Added:
		return "+ " + c.Path + ": " + c.Label + " : " + q(c.New)
	case convention.Removed:
		return "- " + c.Path + ": " + c.Label + " : " + q(c.Old)
	}
	return "~ " + c.Path + ": " + c.Label + " : " + q(c.Old) + " → " + q(c.New)
}

// writeNotification writes the notification of the changes from old to new
// (and its PDF with --pdf); its default name is NEW's followed by
// "-notification.docx". Failures exit 2: with changes, 1 means "the inputs
// differ".
func (a *app) writeNotification(fs *flag.FlagSet, o renderOptions, old, new *convention.Convention, date *convention.Date, newPath string) int {
	n := 0
	if cs, err := convention.Diff(old, new); err == nil {
		n = len(cs)
	}
	base := filepath.Base(newPath)
	code := a.writeSingle(fs, o, single{
		name: strings.TrimSuffix(base, filepath.Ext(base)) + "-notification.docx",
		what: msg("notification"),
		fill: func(w io.Writer) error { return labelkit.RenderNotification(w, old, new, date) },
		wrote: func(path string) string {
			return a.sprintf("labelkit: wrote %s (%s)", fileName(path), a.sprintf("%d change(s)", n))
		},
	})
	if code == exitFailed {
		return exitUsage
	}
	return code
}
