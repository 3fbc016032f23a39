package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/opc"
)

var extractHelp = help{
	usage: msg(`
Usage: labelkit extract [--format toml|json] [-o DIR] [--force] [-q] FORM.docx...

Reads each FORM.docx (the blank form filled in Word or LibreOffice, or an
agreement labelkit rendered: a folder stands for its .docx files) and writes
the input its fields hold: TOML commented like 'labelkit init' (default) or
JSON (--format json), one file per form in DIR (-o), or on standard output
for one form. Then validates it and lists every problem, each located by the
form field's label and its key path:

  form.docx: key.path « Label »: message

A field left with its prompt is not filled in. Text typed outside the fields
and line breaks typed in a one-line field are reported as warnings.

Exit codes: 0 all forms read and valid; 1 some forms could not be read or
hold problems; 2 usage error.
`),
	examples: `
  labelkit extract acme-rempli.docx > acme.toml
  labelkit extract --format json acme-rempli.docx
  labelkit extract -o saisies/ retours/`,
}

func runExtract(a *app, args []string) int {
	fs := newFlags("extract")
	var out string
	var force, quiet bool
	format := formatFlag("toml")
	fs.StringVar(&out, "o", "", msg("output `DIR`, one .toml (or .json) per form; without it, standard output for one form"))
	fs.BoolVar(&force, "force", false, msg("overwrite existing outputs"))
	fs.BoolVar(&quiet, "q", false, msg("quiet: no progress bar and no summary (problems are still printed)"))
	fs.Var(&format, "format", msg("`FORMAT` of the output: toml or json"))
	pos, code, ok := a.parseFlags(fs, extractHelp, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return a.usageError(fs, "no forms: give .docx files or folders of them")
	}
	var ins []input
	for _, p := range pos {
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return a.failUsage(fs, err)
			}
			for _, e := range entries {
				if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".docx") && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "~$") {
					ins = append(ins, input{path: filepath.Join(p, e.Name())})
				}
			}
			continue
		}
		if p == stdinName {
			return a.usageError(fs, "extract reads .docx files, not standard input")
		}
		ins = append(ins, input{path: p})
	}
	if len(ins) == 0 {
		return a.usageError(fs, "no .docx form in the given folders")
	}
	makeHeapRoom(len(ins))
	ext := ".toml"
	if format == "json" {
		ext = ".json"
	}
	if out == "" || out == stdinName {
		if len(ins) > 1 {
			return a.usageError(fs, "%d forms: give -o DIR to write one %s file per form", len(ins), ext)
		}
	} else {
		for i := range ins {
			ins[i].out = strings.TrimSuffix(filepath.Base(ins[i].path), filepath.Ext(ins[i].path)) + ext
		}
		if err := checkCollisions(ins); err != nil {
			return a.failUsage(fs, err)
		}
	}
	var dir *outDir
	if ins[0].out != "" {
		d, err := openOutDir(out, force)
		if err != nil {
			return a.failUsage(fs, err)
		}
		defer d.Close()
		dir = d
	}
	var mu sync.Mutex
	return a.runBatch(msg("extracting"), validateWords, ins, defaultWorkers(), quiet, dir,
		func(ctx context.Context, in input) (outcome, *pendingFile) {
			x, err := extractFile(in.path)
			if err != nil {
				return a.failed(a.inName(in), extractError(err)), nil
			}
			var data bytes.Buffer
			if format == "json" {
				enc := json.NewEncoder(&data)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				err = enc.Encode(x.Convention)
			} else {
				err = convention.EncodeTOML(&data, x.Convention)
			}
			if err != nil {
				return a.failed(a.inName(in), err), nil
			}
			msgs := a.formLines(a.inName(in), x.Warnings, a.sprintf("warning: "))
			problems := append(convention.Problems(nil), x.Problems...)
			var vp convention.Problems
			if err := x.Convention.Validate(); errors.As(err, &vp) {
				problems = append(problems, vp...)
			} else if err != nil {
				problems = append(problems, &convention.Problem{Message: a.errText(err)})
			}
			msgs = append(msgs, a.formLines(a.inName(in), problems, "")...)
			o := outcome{status: statusDone, msgs: msgs}
			if len(problems) > 0 {
				o.status = statusSkipped
			}
			if in.out == "" {
				mu.Lock()
				_, err := a.stdout.Write(data.Bytes())
				mu.Unlock()
				if err != nil {
					return a.failed("<stdout>", err), nil
				}
				return o, nil
			}
			p, err := dir.create(ctx, in.out, func(w io.Writer) error {
				_, err := w.Write(data.Bytes())
				return err
			})
			if err != nil {
				return a.outcome(ctx, dir, in, err), nil
			}
			if err := p.commit(ctx); err != nil {
				return a.outcome(ctx, dir, in, err), nil
			}
			return o, nil
		})
}

// maxForm bounds the size of a form read by extract.
const maxForm = 64 << 20

func extractFile(path string) (*labelkit.Extraction, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxForm {
		return nil, errorf("%d bytes: larger than %d MiB, not a form", fi.Size(), maxForm>>20)
	}
	return labelkit.Extract(f, fi.Size())
}

// extractError says what is wrong with a document that is not a
// form labelkit reads.
func extractError(err error) error {
	var ve *labelkit.VersionError
	switch {
	case errors.Is(err, labelkit.ErrNotForm):
		return errorf("not a labelkit form (no field of the agreement): start from the blank form, labelkit render --blank")
	case errors.Is(err, opc.ErrNotZip), errors.Is(err, opc.ErrNotDocx):
		return errorf("not a Word document (.docx): save the filled form as .docx")
	case errors.As(err, &ve):
		return errorf("a form of template version %s; labelkit reads version %s: fill in the current blank form (labelkit render --blank)", ve.Found, ve.Want)
	}
	return err
}

// formLines formats problems located by key path and form field label, in
// the user's language (the label stays the form's).
func (a *app) formLines(file string, ps convention.Problems, prefix string) []string {
	var out []string
	for _, p := range ps {
		text := p.Text(a.language())
		where := p.Path
		if l := labelkit.FieldLabel(p.Path); l != "" && !strings.Contains(text, "« "+l+" »") {
			where += " « " + l + " »"
		}
		if where != "" {
			where += ": "
		}
		out = append(out, file+": "+prefix+where+text)
	}
	return out
}
