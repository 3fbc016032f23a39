package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// single is the one document a command writes (render --blank, changes).
type single struct {
	name string // its name in the current folder, or in the folder -o names
	what string // what it is, for messages (a msg text: "blank form")
	fill func(w io.Writer) error
	// wrote is the line said after writing path (nil: « wrote NAME »).
	wrote func(path string) string
}

// writeSingle writes s's DOCX as o says: -o FILE (.docx added when it has
// no extension; another extension is refused), -o FOLDER (s.name inside),
// -o - (standard output), or s.name; with --pdf its PDF beside it, with
// --pdf-only the PDF alone. The PDF is made first: if it fails, nothing is
// written. It returns the exit code.
func (a *app) writeSingle(fs *flag.FlagSet, o renderOptions, s single) int {
	if o.out == stdinName && o.pdf && !o.pdfOnly {
		return a.failUsage(fs, errorf("--pdf with -o - would write two documents to standard output: use --pdf-only for the PDF alone"))
	}
	ctx, stop := withSignals(a.ctx)
	defer stop()
	p, code, ok := a.openPDF(o)
	if !ok {
		return code
	}
	defer p.close()
	fill := s.fill
	makePDF := p != nil && p.unavailable == nil
	if o.out == stdinName {
		if a.stdoutTerminal {
			return a.failUsage(fs, errorf("refusing to write a DOCX to a terminal: redirect standard output or give -o FILE"))
		}
		if makePDF {
			fill = p.toPDF(ctx, fill)
		}
		var buf bytes.Buffer
		if err := fill(&buf); err != nil {
			return a.fail(a.sprintf(s.what), err)
		}
		if _, err := a.stdout.Write(buf.Bytes()); err != nil {
			return a.fail(a.sprintf("<stdout>"), err)
		}
		return exitOK
	}
	path := o.out
	if path == "" {
		path = s.name
	} else if fi, err := os.Stat(path); (err == nil && fi.IsDir()) || strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		path = filepath.Join(path, s.name)
	} else if ext := filepath.Ext(path); ext == "" {
		path += ".docx" // "-o formulaire" means formulaire.docx
	} else if !strings.EqualFold(ext, ".docx") {
		return a.usageError(fs, "%s: the output is a Word document: give a name ending in .docx (or no extension, .docx is then added)", fileName(path))
	}
	var pdfBytes bytes.Buffer
	pdfPath := pdfNameFor(path)
	if makePDF {
		if _, err := os.Lstat(pdfPath); err == nil && !o.force {
			return a.fail(pdfPath, errExists)
		}
		if err := p.toPDF(ctx, fill)(&pdfBytes); err != nil {
			return a.fail(pdfPath, err)
		}
	}
	var written []string
	if !makePDF || !p.only {
		if err := writeFileAtomic(ctx, path, o.force, fill); err != nil {
			return a.fail(path, err)
		}
		written = append(written, path)
	}
	if makePDF {
		err := writeFileAtomic(ctx, pdfPath, o.force, func(w io.Writer) error {
			_, err := w.Write(pdfBytes.Bytes())
			return err
		})
		if err != nil {
			return a.fail(pdfPath, err)
		}
		written = append(written, pdfPath)
	}
	if !o.quiet {
		for _, w := range written {
			if s.wrote != nil {
				io.WriteString(a.stderr, s.wrote(w)+"\n")
			} else {
				a.eprintf("labelkit: wrote %s", fileName(w))
			}
		}
	}
	return a.pdfDone(p, exitOK)
}
