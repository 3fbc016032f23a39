package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/template"

	"github.com/esante/labelkit/internal/bufpool"
	"github.com/esante/labelkit/internal/handback"
	"github.com/esante/labelkit/internal/opc"
)

// Template is a parsed DOCX template. It is safe for concurrent use: parse
// once, execute many times.
type Template struct {
	parts    []*tpart // every part, in package order
	cfg      config
	maxPart  int64 // bytes of one rendered part
	maxTotal int64 // bytes of all rendered parts
	maxItems int   // items of a list a function builds
	pool     executorPool
	// for image and link
	pkg       *opc.Package
	names     map[string]int // lower-case part name → index in parts
	ctIdx     int            // index of [Content_Types].xml
	maxImage  int64          // bytes of one picture
	maxPixels int64          // pixels of one picture
	dynamic   bool           // some part calls image or link
	// notes and comments repeated with their references (notes.go)
	notes     map[string]*notesPart // by kind
	noteRefs  bool                  // some part repeats references
	noteKinds map[string]bool       // the kinds numbered anew
}

// limitWriter collects one rendered part, copying the part's long text
// nodes still compressed, and stops a rendering that grows past the
// limits, or whose context is done.
type limitWriter struct {
	st          *execState
	s           *opc.Stream   // or, for a part whose output is edited after execution or with too much text to prepare,
	b           *bytes.Buffer // the bytes, compressed at the end
	tp          *tpart
	part, total int64 // bytes still allowed
}

// ErrOutputTooLarge is reported when a rendered part grows past
// Limits.MaxPartSize, or all of them past Limits.MaxTotalSize.
var ErrOutputTooLarge = errors.New("rendered document too large (see render.Limits)")

func (w *limitWriter) Write(p []byte) (int, error) {
	i, ok := w.tp.textFor(p)
	if !ok {
		i = -1
	}
	if err := w.writeText(i, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeText writes p, prepared text i of the part (or -1 if it is not
// one): the direct execution knows which text node it writes.
func (w *limitWriter) writeText(i int, p []byte) error {
	if len(p) == 0 {
		return nil // a tick's: the tick checked, with the action's place
	}
	if err := w.st.check(); err != nil {
		return err
	}
	n := int64(len(p))
	if n > w.part || n > w.total {
		return ErrOutputTooLarge
	}
	w.part -= n
	w.total -= n
	switch {
	case w.s == nil:
		w.b.Write(p)
	case i >= 0:
		w.s.WriteText(i)
	default:
		w.s.Write(p)
	}
	return nil
}

// writeValue writes p, which is not a text node of the template (a
// printed value).
func (w *limitWriter) writeValue(p []byte) error { return w.writeText(-1, p) }

// tpart is one part of the package: copied as it is (tmpl == nil) or
// templated.
type tpart struct {
	part       *opc.Part
	name       string
	index      int             // in Template.parts
	main       bool            // the main document
	calls      map[string]bool // which of image, link and _lk_pic it calls
	media      *partMedia      // set when calls is
	tmpl       *template.Template
	acts       []*action     // sorted by srcOff
	src        string        // the compiled source (text/template keeps it too)
	texts      *opc.Prepared // the text nodes, coded once
	textIndex  map[*byte]int // index in texts by address
	dropTables bool          // the output may hold tables to remove (dropTables)
	ctxs       []escCtx      // the escaper's contexts
	// marks: the part prints revision marks, finished by finishMarks with
	// ids from markIDs, in the namespace prefix w
	marks     bool
	markIDs   int
	w         string
	noteRefs  bool            // repeats references to notes or comments: binds _lk_note
	noteKinds map[string]bool // the kinds of those
	notesPart bool            // footnotes, endnotes or comments: its output may get copies
	// direct: the tree compiled for execution without text/template
	// (direct.go)
	direct       dlist
	allowMissing bool
}

func errReservedFunc(name string) error {
	return fmt.Errorf("render: function name %q: the _lk_ prefix is reserved", name)
}

// Parse reads a DOCX template from r (size bytes) and compiles it.
func Parse(r io.ReaderAt, size int64, opts ...Option) (*Template, error) {
	cfg := newConfig(opts)
	if cfg.err != nil {
		return nil, cfg.err
	}
	pkg, err := opc.ReadZip(r, size, cfg.limits)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return compile(pkg, cfg, false)
}

// ParseFile reads and compiles the DOCX template at path.
func ParseFile(path string, opts ...Option) (*Template, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return Parse(f, st.Size(), opts...)
}

// ParseFS compiles a template kept unpacked: fsys holds the parts as files
// ([Content_Types].xml, _rels/.rels, word/document.xml...), the way
// templates are kept in version control. With go:embed, use
// "//go:embed all:dir" so that the _rels folders are included.
func ParseFS(fsys fs.FS, opts ...Option) (*Template, error) {
	cfg := newConfig(opts)
	if cfg.err != nil {
		return nil, cfg.err
	}
	pkg, err := opc.ReadFS(fsys, cfg.limits)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return compile(pkg, cfg, true)
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Execute renders the template with data and writes a complete DOCX to w.
// Nothing is written if a part fails: the error is an *Error, or Errors when
// several parts fail.
func (t *Template) Execute(w io.Writer, data any) error {
	return t.ExecuteContext(context.Background(), w, data)
}

// ExecOption configures one execution (ExecuteWith, ExecuteContext).
type ExecOption func(*execConfig)

type execConfig struct {
	files fs.FS
}

// ImageFiles lets image (and pictures whose alt text is an action) read the
// file names the data gives from fsys, e.g. os.DirFS of the data file's
// folder, or better (*os.Root).FS, which no symbolic link leaves. Without
// it, a picture given as text must be a data: URL: no file is read.
func ImageFiles(fsys fs.FS) ExecOption { return func(c *execConfig) { c.files = fsys } }

// ExecuteWith is Execute with options for this execution.
func (t *Template) ExecuteWith(w io.Writer, data any, opts ...ExecOption) error {
	return t.ExecuteContext(context.Background(), w, data, opts...)
}

// ExecuteContext is ExecuteWith within the time of ctx: when ctx is done
// (deadline, cancellation), the execution stops at the next thing it
// writes, the next {{range}} iteration or the next list-building function,
// with an error that wraps ctx.Err() (errors.Is(err,
// context.DeadlineExceeded)), and nothing is written to w. A template that
// loops for ever, or for longer than the caller will wait, needs a
// deadline: the output limits bound its memory, not its time.
func (t *Template) ExecuteContext(ctx context.Context, w io.Writer, data any, opts ...ExecOption) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("render: %w", stopped(ctx))
	}
	var files fs.FS
	for _, o := range opts {
		var ec execConfig // declared here: it escapes, and Execute passes no options
		ec.files = files
		o(&ec)
		files = ec.files
	}
	e, err := t.getExecutor()
	if err != nil {
		return err
	}
	defer t.putExecutor(e)
	st := &e.st
	st.ctx, st.done = ctx, ctx.Done()
	if t.dynamic {
		st.startMedia(files)
	}
	outs := make([]limitWriter, len(t.parts))
	defer func() {
		for _, o := range outs {
			o.release()
		}
	}()
	var errs Errors
	total := t.maxTotal
	if t.cfg.allowMissing {
		data = nullsAsMissing(data)
	}
	var ns *noteState
	if t.noteRefs {
		ns = newNoteState(t)
		e.ns = ns
	}
	for i, p := range t.parts {
		if p.tmpl == nil {
			continue
		}
		lw := &outs[i]
		lw.tp, lw.part, lw.total, lw.st = p, t.maxPart, total, st
		st.lw = lw // pictures count in the total too
		if p.texts != nil {
			lw.s = p.texts.Stream()
		} else {
			lw.b = bufpool.Get()
		}
		if err := p.execute(e, i, lw, data); err != nil {
			errs = append(errs, p.locate(err, execLoc()))
			if st.check() != nil {
				break // the other parts would stop at once too
			}
		} else {
			if p.dropTables {
				lw.b.Truncate(len(dropTables(lw.b.Bytes())))
			}
			if p.marks {
				if out, err := finishMarks(lw.b.Bytes(), p.w, &idCounter{base: p.markIDs}); err != nil {
					errs = append(errs, &Error{Part: p.name, Err: err})
				} else if len(out) != lw.b.Len() {
					lw.b.Reset()
					lw.b.Write(out)
				}
			}
		}
		total = lw.total
	}
	switch len(errs) {
	case 0:
	case 1:
		return errs[0]
	default:
		return errs
	}
	var changed map[int][]byte
	var added []opc.Part
	if t.dynamic {
		var err error
		if changed, added, err = st.finish(); err != nil {
			return fmt.Errorf("render: %w", err)
		}
	}
	if ns != nil && len(ns.copies) > 0 {
		if changed == nil {
			changed = map[int][]byte{}
		}
		if err := ns.finish(outs, changed); err != nil {
			return err
		}
	}
	zw := opc.NewWriter(w)
	for i, p := range t.parts {
		var err error
		switch o := &outs[i]; {
		case changed[i] != nil:
			err = zw.WritePart(p.name, changed[i])
		case o.s != nil:
			err = zw.WriteStream(p.name, o.s)
			o.s = nil
		case o.b != nil:
			err = zw.WritePart(p.name, o.b.Bytes())
		default:
			err = zw.CopyPart(p.part)
		}
		if err != nil {
			return err
		}
	}
	for _, p := range added {
		if err := zw.WritePart(p.Name, p.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// execute runs part i of the template on data with the executor e:
// directly when it can, else (or when the direct execution gives up) with
// text/template.
func (p *tpart) execute(e *executor, i int, lw *limitWriter, data any) error {
	tmpl := e.tmpls[i]
	if p.direct != nil && !p.noteRefs { // _lk_note is text/template's

		part, total := lw.part, lw.total
		err := p.executeDirect(lw, data, e)
		if err != errIndirect {
			return err
		}
		lw.part, lw.total = part, total
		if lw.s != nil {
			lw.s.Release()
			lw.s = p.texts.Stream()
		} else {
			lw.b.Reset()
		}
	}
	handback.Report(e.st.ctx, p.name)
	return tmpl.Execute(lw, data)
}

// release gives w's buffers back to their pools.
func (w *limitWriter) release() {
	if w.s != nil {
		w.s.Release()
	}
	bufpool.Put(w.b)
}
