package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/esante/labelkit/render"
)

var fillHelp = help{
	usage: msg(`
Usage: labelkit fill -t TEMPLATE [-o DIR] [--force] [--allow-missing] [-q] DATA...

The generic toolkit: fills any DOCX template with data. TEMPLATE is a .docx
with Go template actions in its text ({{.name}}, {{range .items}}…{{end}},
{{if .x}}…{{end}}), an unpacked template folder, or an embedded template name.
Each DATA is a .toml or .json file of any shape whose top level is a table /
object (keys are what the template uses: see 'labelkit vars TEMPLATE'), or a
folder of them; each gives DIR/<data name>.docx. "-" reads data from standard
input (--format) and writes the DOCX to standard output.

The template is parsed once; documents are rendered on all cores and written
like 'labelkit render' writes them (temporary file, then moved into place;
no overwrite without --force; output collisions refused). A key the template
uses but the data lacks is an error, unless --allow-missing (then it prints
nothing).

Pictures: {{image .logo}} takes a file name relative to the data file (or
a data: URL); it never reads outside the data file's folder. Links:
{{link .url "text"}} (http, https and mailto only).

Exit codes: 0 all filled; 1 some data files failed; 2 usage error;
130/143 interrupted.
`),
	examples: msg(`
  labelkit fill -t lettre.docx -o out/ clients/*.json
  labelkit fill -t lettre.docx dupont.toml     # writes ./dupont.docx
  echo '{"name": "Dupont"}' | labelkit fill -t lettre.docx --format json - > dupont.docx
  labelkit template pack lettre/ && labelkit fill -t lettre.docx data.toml`),
}

func runFill(a *app, args []string) int {
	fs := newFlags("fill")
	var o renderOptions
	fs.StringVar(&o.out, "o", "", msg("output `DIR`"))
	fs.StringVar(&o.tmpl, "t", "", msg("`TEMPLATE`: a .docx file, an unpacked template folder or an embedded template name (required)"))
	fs.BoolVar(&o.allowMis, "allow-missing", false, msg("render missing data keys as nothing instead of failing"))
	o.batchFlags(fs)
	pos, code, ok := a.parseFlags(fs, fillHelp, args)
	if !ok {
		return code
	}
	if o.tmpl == "" {
		return a.usageError(fs, "-t TEMPLATE is required")
	}
	if len(pos) == 0 {
		return a.usageError(fs, "no data files: give .toml or .json files, folders, or - for standard input")
	}
	if o.out == stdinName {
		return a.usageError(fs, `-o - is not supported; use "-" as the data to write to standard output`)
	}
	ins, err := expandInputs(pos, ".docx")
	if err != nil {
		return a.failUsage(fs, err)
	}
	makeHeapRoom(len(ins))
	var ropts []render.Option
	if o.allowMis {
		ropts = append(ropts, render.AllowMissing())
	}
	t, err := anyTemplate(o.tmpl, ropts...)
	if err != nil {
		return a.failTemplate(fs, err)
	}
	dir, code, ok := a.batchOutputs(fs, ins, o)
	if !ok {
		return code
	}
	defer dir.Close()
	defer dir.pdf.close()
	var roots dataRoots
	defer roots.close()
	var stdout sync.Mutex
	return a.pdfDone(dir.pdf, a.runBatch(msg("filling"), fillWords, ins, int(o.workers), o.quiet, dir,
		func(ctx context.Context, in input) (outcome, *pendingFile) {
			data, release, err := a.loadDataFile(in.path, string(o.format))
			defer release()
			if err != nil && in.path == stdinName && o.format == "toml" && a.stdinJSON {
				err = stdinHint{err}
			}
			if err != nil {
				return outcome{status: statusSkipped, msgs: a.errorLines(a.inName(in), err)}, nil
			}
			// Pictures named in the data are read relative to the data
			// file (standard input: the working directory), never outside.
			dataDir := "."
			if in.path != stdinName {
				dataDir = filepath.Dir(in.path)
			}
			root, done, err := roots.open(dataDir)
			if err != nil {
				return outcome{status: statusFailed, msgs: a.errorLines(a.inName(in), err)}, nil
			}
			defer done()
			fill := func(w io.Writer) error {
				dctx, cancel := o.docContext(ctx)
				defer cancel()
				return o.timeoutHint(missingHint(t.ExecuteContext(dctx, w, data, render.ImageFiles(root.FS()))))
			}
			if in.out == "" {
				return a.toStdout(in, &stdout, dir.stdoutFill(ctx, fill)), nil
			}
			p, err := dir.create(ctx, in.out, fill)
			if err != nil {
				return a.outcome(ctx, dir, in, err), nil
			}
			return outcome{}, p
		}))
}

// missingHint says what to do about a data key the template uses but the
// data lacks.
func missingHint(err error) error {
	if !errors.Is(err, context.Canceled) && hasKind(err, render.KindMissingKey) {
		return errorf("%v (add the key to the data file, or use --allow-missing to print nothing)", err)
	}
	return err
}

// hasKind reports whether err is, or lists, a *render.Error of kind k.
func hasKind(err error, k render.Kind) bool {
	var es render.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if e.Kind == k {
				return true
			}
		}
		return false
	}
	var e *render.Error
	return errors.As(err, &e) && e.Kind == k
}

// maxDataRoots is how many data folders a batch keeps open.
const maxDataRoots = 16

// dataRoots opens each data folder once for a batch, as the root pictures
// named in its data files are read from, instead of once per document.
// Past maxDataRoots folders, each document opens and closes its own.
type dataRoots struct {
	mu sync.Mutex
	m  map[string]*os.Root
}

// open returns the root of folder dir, and the function to call when done
// with it.
func (r *dataRoots) open(dir string) (*os.Root, func(), error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if root, ok := r.m[dir]; ok {
		return root, func() {}, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	if len(r.m) >= maxDataRoots {
		return root, func() { root.Close() }, nil
	}
	if r.m == nil {
		r.m = map[string]*os.Root{}
	}
	r.m[dir] = root
	return root, func() {}, nil
}

// close closes the folders kept open.
func (r *dataRoots) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, root := range r.m {
		root.Close()
	}
	r.m = nil
}
