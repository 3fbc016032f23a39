package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/esante/labelkit/internal/opc"
)

// Template is a parsed DOCX template. It is safe for concurrent use: parse
// once, execute many times.
type Template struct {
	parts    []*tpart // every part, in package order
	cfg      config
	maxPart  int64 // bytes of one rendered part
	maxTotal int64 // bytes of all rendered parts
}

// limitWriter stops a rendering that grows past the limits.
type limitWriter struct {
	b           *bytes.Buffer
	part, total int64 // bytes still allowed
}

// ErrOutputTooLarge is reported when a rendered part grows past
// Limits.MaxPartSize, or all of them past Limits.MaxTotalSize.
var ErrOutputTooLarge = errors.New("rendered document too large (see render.Limits)")

func (w *limitWriter) Write(p []byte) (int, error) {
	n := int64(len(p))
	if n > w.part || n > w.total {
		return 0, ErrOutputTooLarge
	}
	w.part -= n
	w.total -= n
	return w.b.Write(p)
}

// tpart is one part of the package: copied as it is (tmpl == nil) or
// templated.
type tpart struct {
	part       *opc.Part
	name       string
	tmpl       *template.Template
	acts       []*action // sorted by srcOff
	lineStarts []int     // of the compiled source
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

// Relationship types whose targets are templated.
var wordRelSuffixes = []string{"/header", "/footer", "/footnotes", "/endnotes"}

func compile(pkg *opc.Package, cfg config, precompress bool) (*Template, error) {
	main, err := pkg.MainDocument()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	modes := map[string]partMode{strings.ToLower(main): modeWord}
	rels, err := pkg.Related(main)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	for _, r := range rels {
		for _, s := range wordRelSuffixes {
			if !r.External && strings.HasSuffix(r.Type, s) {
				modes[strings.ToLower(r.Target)] = modeWord
			}
		}
	}
	pkgRels, err := pkg.Related("")
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	for _, r := range pkgRels {
		if !r.External && (strings.HasSuffix(r.Type, "/core-properties") || strings.HasSuffix(r.Type, "/custom-properties")) {
			modes[strings.ToLower(r.Target)] = modePlain
		}
	}

	funcs := baseFuncs()
	for k, v := range cfg.funcs {
		funcs[k] = v
	}
	t := &Template{cfg: cfg, maxPart: cfg.limits.MaxPartSize, maxTotal: cfg.limits.MaxTotalSize}
	if t.maxPart <= 0 {
		t.maxPart = opc.DefaultLimits.MaxPartSize
	}
	if t.maxTotal <= 0 {
		t.maxTotal = opc.DefaultLimits.MaxTotalSize
	}
	var errs Errors
	for _, p := range pkg.Parts {
		tp := &tpart{part: p, name: p.Name}
		t.parts = append(t.parts, tp)
		mode, ok := modes[strings.ToLower(p.Name)]
		if !ok {
			continue
		}
		es, err := tp.compile(mode, cfg, funcs)
		if err != nil {
			return nil, err
		}
		key := func(e *Error) int {
			if e.Paragraph == 0 {
				return int(^uint(0) >> 1) // part-level errors last
			}
			return e.Paragraph
		}
		sort.SliceStable(es, func(i, j int) bool { return key(es[i]) < key(es[j]) })
		errs = append(errs, es...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if precompress {
		for _, tp := range t.parts {
			if tp.tmpl == nil {
				if err := tp.part.Precompress(); err != nil {
					return nil, fmt.Errorf("render: %w", err)
				}
			}
		}
	}
	return t, nil
}

func (tp *tpart) compile(mode partMode, cfg config, funcs template.FuncMap) (Errors, error) {
	data := tp.part.Data
	if bytes.Contains(data, []byte(leftDelim)) || bytes.Contains(data, []byte(rightDelim)) {
		return Errors{{Part: tp.name, Err: errors.New("control characters U+0001/U+0002 are not allowed in XML")}}, nil
	}
	root, err := parseXML(data)
	if err != nil {
		return Errors{{Part: tp.name, Err: err}}, nil
	}
	c := &compiler{part: tp.name, data: data, mode: mode, wp: "w", root: root}
	for _, a := range root.attrs(data) {
		if p, ok := strings.CutPrefix(a.name, "xmlns:"); ok && string(data[a.valStart:a.valEnd]) == nsW {
			c.wp = p
		}
	}
	c.collect()
	if len(c.acts) == 0 {
		return c.result(), nil
	}
	c.match()
	c.checkActions(funcs)
	if len(c.errs) > 0 {
		return c.result(), nil
	}
	c.widen()
	c.checkShapes()
	if len(c.errs) > 0 {
		return c.result(), nil
	}
	c.assignContexts()
	c.buildEdits()
	for i, k := range c.ctxKeys {
		if c.mode == modeWord {
			c.ctxs[i] = newRunCtx(c.wp, c.w14, k[0], k[1])
		}
	}
	src, acts, err := c.source()
	if err != nil {
		return nil, err
	}
	opt := "missingkey=error"
	if cfg.allowMissing {
		opt = "missingkey=zero"
	}
	tmpl := template.New(tp.name).Delims(leftDelim, rightDelim).Option(opt).Funcs(funcs).
		Funcs(template.FuncMap{escIdent: escaper(c.ctxs, cfg.allowRaw)})
	tp.acts = acts
	tp.lineStarts = lineStarts(src)
	if _, err := tmpl.Parse(src); err != nil {
		return Errors{tp.locate(err, parseLoc)}, nil
	}
	err = rewrite(tmpl.Tree, func(pos parse.Pos) (int, bool) {
		a := tp.actionAt(int(pos))
		if a == nil || a.kind != kindPrint {
			return 0, false
		}
		return a.ctx, true
	})
	if err != nil {
		return nil, fmt.Errorf("render: %s: %w", tp.name, err)
	}
	tp.tmpl = tmpl
	return nil, nil
}

// assignContexts gives every printing action its escaper context.
func (c *compiler) assignContexts() {
	byKey := map[string]int{}
	for _, a := range c.acts {
		if a.kind != kindPrint {
			continue
		}
		key := "\x00plain"
		var rPr, cbRPr string
		if c.mode == modeWord {
			p := c.pieceAt(a.u, a.start)
			rPr, cbRPr = c.runProps(p.run)
			key = rPr
			c.usesW = true
		}
		i, ok := byKey[key]
		if !ok {
			i = len(c.ctxs)
			byKey[key] = i
			if c.mode == modeWord {
				c.ctxs = append(c.ctxs, escCtx{}) // filled once w14's prefix is known
				c.ctxKeys = append(c.ctxKeys, [2]string{rPr, cbRPr})
			} else {
				c.ctxs = append(c.ctxs, escCtx{})
				c.ctxKeys = append(c.ctxKeys, [2]string{})
			}
		}
		a.ctx = i
	}
}

// runProps returns the run's w:rPr element and the same properties with the
// checkbox glyph's font.
func (c *compiler) runProps(run *elem) (rPr, cbRPr string) {
	fonts := "<" + c.q("rFonts") + " " + c.q("ascii") + `="MS Gothic" ` + c.q("eastAsia") + `="MS Gothic" ` +
		c.q("hAnsi") + `="MS Gothic"/>`
	var pr *elem
	if run != nil {
		for _, ch := range run.children {
			if ch.name == c.q("rPr") {
				pr = ch
				break
			}
		}
	}
	if pr == nil {
		return "", "<" + c.q("rPr") + ">" + fonts + "</" + c.q("rPr") + ">"
	}
	rPr = string(c.data[pr.start:pr.end])
	var b strings.Builder
	b.WriteString("<" + c.q("rPr") + ">")
	placed := false
	for _, ch := range pr.children {
		if ch.name == c.q("rFonts") {
			continue
		}
		if !placed && ch.name != c.q("rStyle") {
			b.WriteString(fonts)
			placed = true
		}
		b.Write(c.data[ch.start:ch.end])
	}
	if !placed {
		b.WriteString(fonts)
	}
	b.WriteString("</" + c.q("rPr") + ">")
	return rPr, b.String()
}

func lineStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// actionAt returns the action whose compiled source holds offset off.
func (tp *tpart) actionAt(off int) *action {
	i := sort.Search(len(tp.acts), func(i int) bool { return tp.acts[i].srcOff > off })
	if i == 0 {
		return nil
	}
	a := tp.acts[i-1]
	if off >= a.srcEnd {
		return nil
	}
	return a
}

var (
	execLoc  = regexp.MustCompile(`^template: .*?:(\d+):(\d+): `)
	parseLoc = regexp.MustCompile(`^template: .*?:(\d+): `)
)

// locate maps a text/template error to the paragraph and action it is
// about.
func (tp *tpart) locate(err error, loc *regexp.Regexp) *Error {
	e := &Error{Part: tp.name, Err: err}
	m := loc.FindStringSubmatch(err.Error())
	if m == nil {
		return e
	}
	line, _ := strconv.Atoi(m[1])
	col := 0
	if len(m) > 2 {
		col, _ = strconv.Atoi(m[2])
	}
	if line < 1 || line > len(tp.lineStarts) {
		return e
	}
	var a *action
	if len(m) > 2 {
		a = tp.actionAt(tp.lineStarts[line-1] + col)
	} else {
		a = tp.actionOnLine(line, err.Error())
	}
	if a != nil && a.internal {
		a = nil
	}
	if a != nil {
		e.Paragraph = a.u.n
		e.Snippet = snippet(a.u.text, a)
		e.Action = a.src
	}
	return e
}

var quoted = regexp.MustCompile(`"([^"]+)"`)

// actionOnLine guesses which action of a source line a parse error (which
// has no column) is about: the first naming what the message quotes (e.g.
// undefined variable "$x"), else the first on the line.
func (tp *tpart) actionOnLine(line int, msg string) *action {
	from, to := tp.lineStarts[line-1], int(^uint(0)>>1)
	if line < len(tp.lineStarts) {
		to = tp.lineStarts[line]
	}
	var first *action
	q := quoted.FindStringSubmatch(msg)
	for _, a := range tp.acts {
		if a.internal || a.srcOff < from || a.srcOff >= to {
			continue
		}
		if q != nil && strings.Contains(a.src, q[1]) && !declares(a.src, q[1]) {
			return a
		}
		if first == nil {
			first = a
		}
	}
	return first
}

// declares reports whether src declares variable v.
func declares(src, v string) bool {
	for _, m := range varDeclRE.FindAllStringSubmatch(src, -1) {
		if m[1] == v || m[2] == v {
			return true
		}
	}
	return false
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Execute renders the template with data and writes a complete DOCX to w.
// Nothing is written if a part fails: the error is an *Error, or Errors when
// several parts fail.
func (t *Template) Execute(w io.Writer, data any) error {
	bufs := make([]*bytes.Buffer, len(t.parts))
	defer func() {
		for _, b := range bufs {
			if b != nil && b.Cap() <= 4<<20 {
				bufPool.Put(b)
			}
		}
	}()
	var errs Errors
	lw := &limitWriter{total: t.maxTotal}
	for i, p := range t.parts {
		if p.tmpl == nil {
			continue
		}
		b := bufPool.Get().(*bytes.Buffer)
		b.Reset()
		bufs[i] = b
		lw.b, lw.part = b, t.maxPart
		if err := p.tmpl.Execute(lw, data); err != nil {
			errs = append(errs, p.locate(err, execLoc))
		}
	}
	switch len(errs) {
	case 0:
	case 1:
		return errs[0]
	default:
		return errs
	}
	zw := opc.NewWriter(w)
	for i, p := range t.parts {
		var err error
		if bufs[i] != nil {
			err = zw.WritePart(p.name, bufs[i].Bytes())
		} else {
			err = zw.CopyPart(p.part)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
