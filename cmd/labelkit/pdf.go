package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"strings"

	"github.com/esante/labelkit/pdf"
)

// pdfFlags defines --pdf and --pdf-only.
func (o *renderOptions) pdfFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.pdf, "pdf", false, msg("also write NAME.pdf (PDF/A-2b, through LibreOffice) beside each NAME.docx"))
	fs.BoolVar(&o.pdfOnly, "pdf-only", false, msg("write NAME.pdf only, not the DOCX"))
}

// pdfOut turns each DOCX output into a PDF (--pdf, --pdf-only).
type pdfOut struct {
	conv *pdf.Converter
	only bool // --pdf-only: the DOCX is not written
	// unavailable is why no PDF can be made (LibreOffice missing or too
	// old): the DOCX outputs are written, and the run says so at the end.
	unavailable error
}

// pdfNameFor is the PDF's name for a DOCX output name.
func pdfNameFor(docx string) string {
	return strings.TrimSuffix(docx, ".docx") + ".pdf"
}

// openPDF starts the converter when --pdf or --pdf-only is given (nil
// otherwise). LibreOffice is looked for at once: with --pdf-only and no
// usable LibreOffice, nothing can be written and ok is false (the message
// printed, code the exit code).
func (a *app) openPDF(o renderOptions) (p *pdfOut, code int, ok bool) {
	if !o.pdf && !o.pdfOnly {
		return nil, 0, true
	}
	conv := pdf.New(pdf.WithSoffice(a.getenv(pdf.EnvSoffice)))
	p = &pdfOut{conv: conv, only: o.pdfOnly}
	if err := conv.Check(); err != nil {
		conv.Close()
		p.conv = nil
		p.unavailable = err
		if o.pdfOnly {
			a.unavailable(err, false)
			return nil, exitFailed, false
		}
	}
	return p, 0, true
}

// close stops LibreOffice and removes its temporary files.
func (p *pdfOut) close() {
	if p != nil && p.conv != nil {
		p.conv.Close()
	}
}

// pdfDone prints, after a run with --pdf, why no PDF was made if
// LibreOffice was unusable, and returns the exit code (failed, since PDFs
// were asked for and not written).
func (a *app) pdfDone(p *pdfOut, code int) int {
	if p == nil || p.unavailable == nil {
		return code
	}
	a.unavailable(p.unavailable, true)
	if code == exitOK {
		return exitFailed
	}
	return code
}

// unavailable says why no PDF was made and what to do, in one message.
func (a *app) unavailable(err error, docxWritten bool) {
	var ve *pdf.VersionError
	var text string
	if errors.As(err, &ve) {
		text = a.sprintf("labelkit: no PDF written: %s is %s; PDF/A-2 needs LibreOffice %s or later: install a newer LibreOffice, or name its soffice with %s=/path/to/soffice.",
			fileName(ve.Path), ve.Version, pdf.MinVersion, pdf.EnvSoffice)
	} else {
		text = a.sprintf("labelkit: no PDF written: LibreOffice (soffice) not found. Install LibreOffice %s or later (Debian, Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core), or name its soffice with %s=/path/to/soffice.",
			pdf.MinVersion, pdf.EnvSoffice)
	}
	if docxWritten {
		text += " " + a.sprintf("The DOCX outputs were written.")
	}
	io.WriteString(a.stderr, text+"\n")
}

// pdfError is a conversion failure for the person at the terminal.
func pdfError(err error) error {
	var ce *pdf.ConversionError
	var cause error
	switch {
	case errors.Is(err, pdf.ErrTimeout):
		cause = errorf("LibreOffice did not finish in time and was stopped")
	case errors.Is(err, pdf.ErrCrashed):
		cause = errorf("LibreOffice stopped while converting")
	case errors.Is(err, pdf.ErrLoad):
		cause = errorf("LibreOffice could not open the document")
	case errors.Is(err, pdf.ErrNoOutput):
		cause = errorf("LibreOffice wrote no PDF")
	default:
		return errorf("PDF: %v", err)
	}
	if errors.As(err, &ce) && ce.Output != "" {
		return errorf("PDF: %v (LibreOffice said: %s)", cause, ce.Output)
	}
	return errorf("PDF: %v", cause)
}

// finish writes a rendered DOCX (p) and, with --pdf, its PDF: the PDF is
// made first, so that an input whose conversion fails writes nothing.
func (d *outDir) finish(ctx context.Context, p *pendingFile) error {
	pp := d.pdf
	if pp == nil || pp.unavailable != nil {
		return p.commit(ctx)
	}
	// The DOCX was counted in for the group sync: count it out when it
	// is not committed.
	drop := func(err error) error {
		p.abandon()
		d.notComing()
		return err
	}
	pdfName := pdfNameFor(p.name)
	if err := d.checkExisting(pdfName); err != nil {
		if err == errExists {
			err = errorf("%s %v", fileName(d.display(pdfName)), errExists)
		}
		return drop(err)
	}
	docx, err := p.contents()
	if err != nil {
		return drop(err)
	}
	var buf bytes.Buffer
	if err := pp.conv.Convert(ctx, &buf, bytes.NewReader(docx)); err != nil {
		return drop(pdfError(err))
	}
	if pp.only {
		drop(nil)
	} else if err := p.commit(ctx); err != nil {
		return err
	}
	return d.write(ctx, pdfName, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// toPDF wraps a DOCX writer so that it writes the DOCX's PDF instead (for
// standard output with --pdf-only, and the blank form).
func (p *pdfOut) toPDF(ctx context.Context, fill func(w io.Writer) error) func(w io.Writer) error {
	return func(w io.Writer) error {
		var docx bytes.Buffer
		if err := fill(&docx); err != nil {
			return err
		}
		if err := p.conv.Convert(ctx, w, &docx); err != nil {
			return pdfError(err)
		}
		return nil
	}
}

// stdoutFill is what an input read from standard input writes to standard
// output: its DOCX, or its PDF with --pdf-only.
func (d *outDir) stdoutFill(ctx context.Context, fill func(w io.Writer) error) func(w io.Writer) error {
	if d.pdf != nil && d.pdf.only {
		return d.pdf.toPDF(ctx, fill)
	}
	return fill
}

// checkPDFStdin refuses --pdf with "-": both outputs cannot go to
// standard output.
func (a *app) checkPDFStdin(fs *flag.FlagSet, ins []input, o renderOptions) (int, bool) {
	if !o.pdf || o.pdfOnly {
		return 0, true
	}
	for _, in := range ins {
		if in.out == "" {
			return a.usageError(fs, "--pdf with - would write two documents to standard output: use --pdf-only for the PDF alone"), false
		}
	}
	return 0, true
}
