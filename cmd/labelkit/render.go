package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"sync"
	"time"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/templates"
)

// blankName is the default file name of the blank form.
const blankName = "convention-vierge.docx"

var renderHelp = help{
	usage: msg(`
Usage:

  labelkit render [-o DIR] [-t TEMPLATE] [--force] [-q] INPUT...
  labelkit render --blank [-o FILE] [-t TEMPLATE] [--force]

Renders one agreement per INPUT: a .toml or .json agreement file (the
extension tells the format), or a folder, which stands for its .toml and .json
files (not recursive). Each input becomes DIR/<input name>.docx (default DIR:
the current folder). "-" reads one input from standard input (--format tells
its format) and writes its DOCX to standard output.

Each input is decoded and validated before it is rendered: an input with
errors is listed (file:line:column: key.path: message) and skipped, the others
are rendered, on all cores (GOMAXPROCS workers; -j to change; messages come in
the order of the inputs). A progress bar shows on a terminal; the
summary line tells what was rendered, failed and skipped, and the time taken.

Outputs are written to a file of DIR that has no name yet (on Linux; elsewhere
a temporary file .NAME.docx.tmp-XXXX), synced, then given their name: an
interrupted run (Ctrl-C), even killed, never leaves a truncated .docx. An existing output is never overwritten without --force (it counts as
a failed input; --skip-existing leaves it alone, to finish an interrupted
batch). Two inputs that would write the same output are an error before
anything is written. A second Ctrl-C stops at once, removing the temporary
files.

-t names an embedded template (see 'labelkit templates'), or a .docx file or an
unpacked template folder of your own; it receives the same data (see
'labelkit vars').

With --blank, writes the official blank form instead, to FILE (default
` + blankName + ` in the current folder; a folder puts it inside; "-" is
standard output).

Exit codes: 0 all rendered; 1 some inputs failed or were skipped; 2 usage
error (bad flags, missing input, output collision, a template that does not
load: nothing was written); 130/143 interrupted by SIGINT/SIGTERM.
`),
	examples: msg(`
  labelkit render acme.toml                    # writes ./acme.docx
  labelkit render -o out/ candidats/           # every .toml/.json of the folder
  labelkit render candidats/*.toml -o out --force
  labelkit render - < acme.json --format json > acme.docx
  labelkit render -t ma-convention.docx acme.toml
  labelkit render --blank                      # writes ./` + blankName + `
  labelkit render --blank -o - > vierge.docx`),
}

// renderOptions are the flags of render (and fill).
type renderOptions struct {
	out      string
	tmpl     string
	blank    bool
	force    bool
	quiet    bool
	format   formatFlag
	workers  workersFlag
	allowMis bool
	sync     syncPolicy
	// skipExisting leaves existing outputs alone, quietly (--skip-existing,
	// --resume).
	skipExisting bool
	pdf          bool
	pdfOnly      bool
	timeout      time.Duration
}

// batchFlags defines the flags render and fill share: --force, -q,
// --format (of standard input, TOML by default) and -j.
func (o *renderOptions) batchFlags(fs *flag.FlagSet) {
	o.format = "toml"
	fs.BoolVar(&o.force, "force", false, msg("overwrite existing outputs"))
	fs.BoolVar(&o.quiet, "q", false, msg("quiet: no progress bar and no summary (errors are still printed)"))
	fs.Var(&o.format, "format", msg("`FORMAT` of standard input: toml or json"))
	o.workers = workersFlag(defaultWorkers())
	fs.Var(&o.workers, "j", msg("`N` inputs rendered at once, 1 or more, at most 4 per CPU; the default is one per usable core (GOMAXPROCS)"))
	fs.BoolVar(&o.skipExisting, "skip-existing", false, msg("skip the inputs whose output exists (to finish an interrupted batch); --resume is the same"))
	fs.BoolVar(&o.skipExisting, "resume", false, msg("same as --skip-existing"))
	o.sync = syncBatch
	fs.Var(&o.sync, "sync", msg("`POLICY` making outputs durable before they appear: batch (one file-system sync per group of outputs), each (fsync of each output: flushes only labelkit's files, slower), none (no sync: scratch folders)"))
	o.pdfFlags(fs)
	fs.DurationVar(&o.timeout, "timeout", defaultTimeout, msg("`DURATION` one document may take to render, e.g. 30s or 2m (0: no limit)"))
}

// defaultTimeout is the time one document may take by default: a real
// agreement renders in milliseconds; a template that loops for ever is
// stopped.
const defaultTimeout = 10 * time.Second

// docContext returns the context of one document: ctx, with the
// --timeout deadline.
func (o *renderOptions) docContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if o.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, o.timeout)
}

// timeoutHint says what to do about a document stopped by --timeout.
func (o *renderOptions) timeoutHint(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return errorf("%v (longer than --timeout %v: a template that loops, or raise --timeout)", err, o.timeout)
	}
	return err
}

// batchOutputs refuses to write a DOCX to a terminal (input "-" with
// standard output a terminal) and opens the output folder of render and
// fill. When ok is false, code is the exit code, the usage error printed.
func (a *app) batchOutputs(fs *flag.FlagSet, ins []input, o renderOptions) (dir *outDir, code int, ok bool) {
	for _, in := range ins {
		if in.path == stdinName && a.stdoutTerminal {
			return nil, a.usageError(fs, "refusing to write a DOCX to a terminal: redirect standard output, or give a file instead of -"), false
		}
	}
	if o.force && o.skipExisting {
		return nil, a.usageError(fs, "--force and --skip-existing contradict each other: choose one"), false
	}
	if code, ok := a.checkPDFStdin(fs, ins, o); !ok {
		return nil, code, false
	}
	dir, err := openOutDir(o.out, o.force)
	if err != nil {
		return nil, a.failUsage(fs, err), false
	}
	dir.policy = o.sync
	dir.skipExisting = o.skipExisting
	p, code, ok := a.openPDF(o)
	if !ok {
		dir.Close()
		return nil, code, false
	}
	dir.pdf = p
	return dir, 0, true
}

func runRender(a *app, args []string) int {
	fs := newFlags("render")
	var o renderOptions
	fs.StringVar(&o.out, "o", "", msg("output `DIR` (or FILE with --blank; \"-\" for standard output)"))
	fs.StringVar(&o.tmpl, "t", "", msg("`TEMPLATE`: an embedded template name, a .docx file or an unpacked template folder"))
	fs.BoolVar(&o.blank, "blank", false, msg("write the blank form"))
	o.batchFlags(fs)
	pos, code, ok := a.parseFlags(fs, renderHelp, args)
	if !ok {
		return code
	}
	var ins []input
	var insErr error
	if !o.blank && len(pos) > 0 {
		// Inputs are listed before the template is parsed, for the heap
		// room; their errors still come after the template's.
		ins, insErr = expandInputs(pos, ".docx")
		makeHeapRoom(len(ins))
	}
	opts, err := agreementTemplate(o.tmpl)
	if err != nil {
		return a.failTemplate(fs, err)
	}
	if o.blank {
		if len(pos) > 0 {
			return a.usageError(fs, "--blank takes no inputs")
		}
		return a.renderBlank(fs, o, opts)
	}
	if len(pos) == 0 {
		return a.usageError(fs, "no inputs: give .toml or .json files, folders, or - for standard input")
	}
	if o.out == stdinName {
		return a.usageError(fs, `-o - is only for --blank; use "-" as the input to write to standard output`)
	}
	if insErr != nil {
		return a.failUsage(fs, insErr)
	}
	dir, code, ok := a.batchOutputs(fs, ins, o)
	if !ok {
		return code
	}
	defer dir.Close()
	defer dir.pdf.close()
	r := &batchRenderer{a: a, o: &o, dir: dir, format: o.format.conventionFormat(), opts: opts}
	return a.pdfDone(dir.pdf, a.runBatch(msg("rendering"), renderWords, ins, int(o.workers), o.quiet, dir, r.render))
}

// agreementTemplate resolves -t for the agreement: "" is the default embedded
// template; an embedded name, a .docx file or an unpacked folder otherwise.
// The template is parsed here, once, before any input is read.
func agreementTemplate(spec string) ([]labelkit.Option, error) {
	t, name, err := loadTemplate(spec)
	if err != nil {
		return nil, err
	}
	if name == templates.NotificationName {
		return nil, errorf("%s: this template is the notification of changes between two versions of an agreement; 'labelkit changes OLD NEW' writes it, not render", name)
	}
	if t == nil {
		return []labelkit.Option{labelkit.WithTemplateName(name)}, nil
	}
	return []labelkit.Option{labelkit.WithTemplate(t)}, nil
}

func (a *app) renderBlank(fs *flag.FlagSet, o renderOptions, opts []labelkit.Option) int {
	return a.writeSingle(fs, o, single{
		name: blankName,
		what: msg("blank form"),
		fill: func(w io.Writer) error { return labelkit.RenderBlank(w, opts...) },
	})
}

// batchRenderer renders agreement inputs.
type batchRenderer struct {
	a      *app
	o      *renderOptions
	dir    *outDir
	format convention.Format
	opts   []labelkit.Option
	stdout sync.Mutex
}

func (r *batchRenderer) render(ctx context.Context, in input) (outcome, *pendingFile) {
	c, err := loadValid(r.a, in, r.format)
	if err != nil {
		return outcome{status: statusSkipped, msgs: r.a.errorLines(r.a.inName(in), err)}, nil
	}
	fill := func(w io.Writer) error {
		dctx, cancel := r.o.docContext(ctx)
		defer cancel()
		return r.o.timeoutHint(labelkit.RenderContext(dctx, w, c, r.opts...))
	}
	if in.out == "" {
		return r.a.toStdout(in, &r.stdout, r.dir.stdoutFill(ctx, fill)), nil
	}
	p, err := r.dir.create(ctx, in.out, fill)
	if err != nil {
		return r.a.outcome(ctx, r.dir, in, err), nil
	}
	return outcome{}, p
}

// toStdout renders a document in memory, then writes it to standard output
// (so that a failure writes nothing).
func (a *app) toStdout(in input, mu *sync.Mutex, fill func(w io.Writer) error) outcome {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return a.failed(a.inName(in), err)
	}
	mu.Lock()
	defer mu.Unlock()
	if _, err := a.stdout.Write(buf.Bytes()); err != nil {
		return a.failed(a.sprintf("<stdout>"), err)
	}
	return outcome{status: statusDone}
}

// loadValid decodes and validates one input (standard input or a file);
// problems carry the file name, and the line and column when known.
func loadValid(a *app, in input, format convention.Format) (*convention.Convention, error) {
	if in.path == stdinName {
		c, err := convention.ValidateReader(a.stdin, format, a.inName(in))
		if err != nil && format == convention.TOML && a.stdinJSON {
			return nil, stdinHint{err}
		}
		return c, err
	}
	// Read with readData (no round trip through the poller); whatever goes
	// wrong opening or reading the file is left to ValidateFile, for its
	// message.
	if format, err := convention.FormatFromPath(in.path); err == nil {
		if b, err := readData(in.path); err == nil && len(b) <= convention.MaxInputSize {
			return convention.ValidateReader(bytes.NewReader(b), format, in.path)
		}
	}
	return convention.ValidateFile(in.path)
}

// looksJSON reports whether b starts like a JSON object.
func looksJSON(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

// stdinHint is a decoding error of standard input read as TOML that looks
// like JSON: its lines, then a hint (see errorLines).
type stdinHint struct{ err error }

func (h stdinHint) Error() string { return h.err.Error() }
func (h stdinHint) Unwrap() []error {
	return []error{h.err, errorf("standard input looks like JSON: add --format json")}
}

// conventionFormat maps --format to the convention package's format.
func (f formatFlag) conventionFormat() convention.Format {
	if f == "json" {
		return convention.JSON
	}
	return convention.TOML
}
