package render

import (
	"bytes"
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"github.com/esante/labelkit/internal/opc"
)

// Namespaces the engine recognises or declares.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsW14 = "http://schemas.microsoft.com/office/word/2010/wordml"
	nsMC  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	// charts (their cached labels)
	nsChart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
)

// Delimiters of the compiled source. They are control characters that XML
// 1.0 forbids, so literal XML never collides with them.
const (
	leftDelim  = "\x01"
	rightDelim = "\x02"
)

// partMode says how a part's text is found.
type partMode int

const (
	modeWord    partMode = iota // WordprocessingML: paragraphs of runs of w:t
	modePlain                   // properties parts: every text-only element is a unit
	modeDrawing                 // charts and SmartArt: DrawingML paragraphs (a:p of a:r/a:t), and the cached labels (c:v of string caches)
)

// unit is where actions live: a paragraph (w:p), or a text-only element of a
// properties part. Actions never cross units.
type unit struct {
	n         int // 1-based paragraph number in the part
	el        *elem
	pieces    []*piece
	text      string
	buf       []byte // text while collecting
	actions   []*action
	replaced  bool    // the element is removed, its actions take its place
	keepEmpty bool    // replaced, but an empty paragraph stays (endsAfterTable)
	residue   residue // replaced, but this content stays (paragraphContent)
	dropped   bool    // the element is removed, its actions were moved elsewhere

	silentKey silentKey // silentOnly's answer, while the actions are the same
	silent    bool
}

// piece is one w:t (or text element) of a unit.
type piece struct {
	t    *elem
	run  *elem // the w:r, nil in plain mode
	at   int   // offset of the piece's text in unit.text
	size int
	offs []int // source offsets, see decodeText (nil: identity)
}

// src returns the source offset of byte i of the piece's text.
func (p *piece) src(i int) int {
	if p.offs == nil {
		return p.t.tagEnd + i
	}
	return p.offs[i]
}

// placement says where an action goes in the compiled source.
type placement struct {
	how howPlace
	el  *elem // before, after: the element the action is moved around
}

type howPlace int

const (
	placeInline  howPlace = iota // stays in its w:t
	placeBefore                  // moved just before el (el kept)
	placeAfter                   // moved just after el
	placeReplace                 // el removed; actions in its place
	placeSplit                   // paragraph el closed before the action and reopened after it
)

// edit is one splice of the part's bytes: data[start:end] replaced with lit
// or an action.
type edit struct {
	start, end int
	phase      int // for insertions at the same offset: 0 after-elem, 1 before-elem
	seq        int
	lit        string
	act        *action
}

// compiler turns one part into a text/template source.
type compiler struct {
	part    string
	data    []byte
	mode    partMode
	wp      string // prefix of the WordprocessingML namespace, "w"
	root    *elem
	units   []*unit
	unitOf  map[*elem]*unit
	acts    []*action
	errs    Errors
	ctxs    []escCtx
	edits   []edit
	seq     int
	usesW   bool // some printing action is in a run: declare w14 for checkboxes
	w14     string
	ctxKeys []ctxKey // what each escaper context is made of
	// ids repeated by {{range}} are made fresh (see freshenRepeatedIDs)
	partIndex  int
	idVar      string
	idCtx      int
	extraFuncs template.FuncMap
	nVars      int
	dropMarks  bool            // some table may disappear: see dropTables
	notes      map[string]bool // kinds of notes whose references are numbered anew (notes.go)
	// pictures and links
	media      bool        // the part may call image or link, or has alt-text pictures
	attrCtx    int         // escaper context of attribute values, or -1
	sects      []sect      // sections of the main document
	defaultCol func() sect // column outside the main document
	nsAdded    map[string]string
	// errors not reported beyond maxErrors
	suppressed int
	// kept per container element (see lastBlock, childElems, cellsOf)
	lastBlocks map[*elem]*elem
	kept       map[childKey][]*elem
}

func (c *compiler) q(local string) string { return c.wp + ":" + local }

// is reports whether name is c.q(local), without building it: it is asked
// for every element of a part.
func (c *compiler) is(name, local string) bool {
	return len(name) == len(c.wp)+1+len(local) && name[len(c.wp)] == ':' &&
		name[:len(c.wp)] == c.wp && name[len(c.wp)+1:] == local
}

// Bounds for hostile templates: actions per part (a real agreement has a
// few hundred) and errors reported per part.
var (
	maxActions = 100_000
	maxErrors  = 50
)

func (c *compiler) errorAt(a *action, u *unit, format string, args ...any) {
	if len(c.errs) >= maxErrors {
		c.suppressed++
		return
	}
	e := &Error{Part: c.part, Kind: KindSyntax, Err: fmt.Errorf(format, args...)}
	if u == nil && a != nil {
		u = a.u
	}
	if u != nil {
		e.Paragraph = u.n
		e.Snippet = snippet(u.text, a)
	}
	if a != nil {
		e.Action = a.src
	}
	c.errs = append(c.errs, e)
}

// snippet returns the visible text of a paragraph, shortened around a.
func snippet(text string, a *action) string {
	const max = 80
	if atMostRunes(text, max) {
		return text
	}
	from, to := 0, 70
	if a != nil {
		from, to = a.start-40, a.end+30
	}
	pre, post := "…", "…"
	if from <= 0 {
		from, pre = 0, ""
	}
	if to >= len(text) {
		to, post = len(text), ""
	}
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return pre + text[from:to] + post
}

// atMostRunes reports whether s holds at most n characters, counting no
// further (a paragraph's text may be long, and each action asks).
func atMostRunes(s string, n int) bool {
	if len(s) <= n {
		return true
	}
	for range s {
		if n--; n < 0 {
			return false
		}
	}
	return true
}

// collect finds the units of the part and the actions in them.
func (c *compiler) collect() {
	c.unitOf = map[*elem]*unit{}
	switch c.mode {
	case modeWord:
		c.walkWord(c.root, nil)
	case modeDrawing:
		c.walkDrawing(c.root)
	default:
		c.walkPlain(c.root)
	}
	for _, u := range c.units {
		u.text, u.buf = string(u.buf), nil
		c.findActions(u)
		if len(c.acts) > maxActions {
			c.errs = append(c.errs, &Error{Part: c.part, Paragraph: u.n, Snippet: snippet(u.text, nil), Kind: KindLimit,
				Err: &CountError{Count: CountActions, Max: maxActions, Offset: -1}})
			c.acts = nil
			return
		}
	}
}

func (c *compiler) newUnit(el *elem) *unit {
	u := &unit{n: len(c.units) + 1, el: el}
	c.units = append(c.units, u)
	c.unitOf[el] = u
	return u
}

func (c *compiler) addPiece(u *unit, t, run *elem) {
	if t.empty || t.hasMarkup {
		return
	}
	text, offs := decodeText(c.data, t.tagEnd, t.closeStart)
	p := &piece{t: t, run: run, at: len(u.buf), size: len(text), offs: offs}
	u.pieces = append(u.pieces, p)
	u.buf = append(u.buf, text...)
}

func (c *compiler) walkWord(e *elem, u *unit) {
	for _, ch := range e.children {
		switch {
		case c.is(ch.name, "p"):
			c.walkWord(ch, c.newUnit(ch))
			continue
		case c.is(ch.name, "t"):
			if u != nil && c.is(e.name, "r") {
				c.addPiece(u, ch, e)
			}
			continue
		}
		c.walkWord(ch, u)
	}
}

func (c *compiler) walkPlain(e *elem) {
	for _, ch := range e.children {
		if len(ch.children) == 0 && !ch.empty {
			u := c.newUnit(ch)
			c.addPiece(u, ch, nil)
			continue
		}
		c.walkPlain(ch)
	}
}

// walkDrawing finds the text of a chart or a SmartArt part as Word shows
// it: each DrawingML paragraph (a:p, whose runs Word splits as it does
// w:r) is a unit of its a:r/a:t pieces, and each cached string a chart
// shows (c:v of c:strCache and c:multiLvlStrCache points, a literal series
// name) is a unit of its own. Numbers and formulas are left alone.
func (c *compiler) walkDrawing(e *elem) {
	a := c.root.nsPrefix(c.data, nsA)
	if a == "" {
		a = "a"
	}
	ch := c.root.nsPrefix(c.data, nsChart)
	if ch == "" {
		ch = "c"
	}
	var walk func(e *elem)
	walk = func(e *elem) {
		for _, x := range e.children {
			switch {
			case x.name == a+":p":
				u := c.newUnit(x)
				for _, r := range x.children {
					if r.name != a+":r" {
						continue
					}
					for _, t := range r.children {
						if t.name == a+":t" {
							c.addPiece(u, t, r)
						}
					}
				}
				continue
			case x.name == ch+":v" && e.parent != nil && (e.name == ch+":pt" && cachedText(e.parent.name, ch) || e.name == ch+":tx"):
				c.addPiece(c.newUnit(x), x, nil)
				continue
			}
			walk(x)
		}
	}
	walk(e)
}

// cachedText reports whether a chart's c:pt lies in a cache of strings
// (directly, or in a level of a multi-level cache).
func cachedText(parent, ch string) bool {
	return parent == ch+":strCache" || parent == ch+":lvl"
}

func (c *compiler) findActions(u *unit) {
	text := u.text
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return
		}
		i += j
		end, src, ok := scanAction(text, i)
		a := &action{u: u, start: i, end: end, src: src}
		if !ok {
			c.errorAt(a, u, "action not closed in this paragraph: an action must open and close in the same paragraph (a pressed Enter inside {{ }}?)")
			return
		}
		a.classify()
		u.actions = append(u.actions, a)
		c.acts = append(c.acts, a)
		i = end
	}
}

// match pairs openers, elses and ends across the part.
func (c *compiler) match() {
	var stack []*action
	for _, a := range c.acts {
		switch a.kind {
		case kindOpen:
			stack = append(stack, a)
		case kindElse:
			if len(stack) == 0 {
				c.errorAt(a, nil, "{{else}} without {{if}}, {{range}} or {{with}}")
				continue
			}
			top := stack[len(stack)-1]
			top.elses = append(top.elses, a)
			a.open = top
		case kindEnd:
			if len(stack) == 0 {
				c.errorAt(a, nil, "{{end}} without {{if}}, {{range}} or {{with}}")
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.closing = a
			a.open = top
		case kindRefused:
			if a.keyword == "break" || a.keyword == "continue" {
				// The rest of the range's body holds the markup that
				// closes its runs and paragraphs: skipping it breaks the XML.
				c.errorAt(a, nil, "{{%s}} is not supported in document templates (it would skip the markup that closes the text): put the rest of the {{range}} body in an {{if}}", a.keyword)
				continue
			}
			c.errorAt(a, nil, "{{%s}} is not supported in document templates", a.keyword)
			if a.keyword != "template" {
				stack = append(stack, a) // its {{end}} is not an error of its own
			}
		}
	}
	for _, a := range stack {
		if a.kind == kindRefused {
			continue
		}
		c.errorAt(a, nil, "{{%s}} never closed: its {{end}} is missing", a.keyword)
	}
}

// result returns the errors found, noting those not reported.
// syntaxFirst returns the syntax errors of the part's actions, each
// parsed alone (checkActions), if there are any, else the errors found so
// far: a syntax error is reported rather than what it caused. The check
// runs only once something failed: text/template's parse of the whole
// source finds any syntax error too, and parsing every action a second
// time was a tenth of the time to parse a template.
func (c *compiler) syntaxFirst(funcs template.FuncMap) Errors {
	found, suppressed := c.errs, c.suppressed
	c.errs, c.suppressed = nil, 0
	c.checkActions(funcs)
	if len(c.errs) == 0 {
		c.errs, c.suppressed = found, suppressed
	}
	return c.result()
}

func (c *compiler) result() Errors {
	if c.suppressed > 0 {
		return append(c.errs, &Error{Part: c.part, Kind: KindSyntax, Err: fmt.Errorf("and %d more errors", c.suppressed)})
	}
	return c.errs
}

// Relationship types whose targets are templated: WordprocessingML parts
// related to the main document, DrawingML parts related to any of those
// (a chart may sit in a header), and properties parts related to the
// package. The suffixes are those of the transitional and strict types.
var (
	wordRelSuffixes    = []string{"/header", "/footer", "/footnotes", "/endnotes", "/comments"}
	drawingRelSuffixes = []string{"/chart", "/diagramData", "/diagramDrawing"}
	plainRelSuffixes   = []string{"/core-properties", "/custom-properties", "/extended-properties"}
)

func relOf(r opc.Relationship, suffixes []string) bool {
	if r.External {
		return false
	}
	for _, s := range suffixes {
		if strings.HasSuffix(r.Type, s) {
			return true
		}
	}
	return false
}

// appPart returns the name of the extended properties part, or "".
func appPart(pkg *opc.Package) string {
	rels, _ := pkg.Related("")
	for _, r := range rels {
		if relOf(r, plainRelSuffixes[2:]) {
			return r.Target
		}
	}
	return ""
}

// partModes says which parts are templated, and how.
// The notes parts (footnotes, endnotes, comments) are also returned, with
// their kind (noteKinds).
func partModes(pkg *opc.Package, main string, rels []opc.Relationship) (map[string]partMode, map[string]string, error) {
	modes := map[string]partMode{strings.ToLower(main): modeWord}
	notes := map[string]string{}
	words := []string{main}
	for _, r := range rels {
		if relOf(r, wordRelSuffixes) {
			modes[strings.ToLower(r.Target)] = modeWord
			words = append(words, r.Target)
			for suffix, kind := range noteKinds {
				if strings.HasSuffix(r.Type, suffix) {
					notes[strings.ToLower(r.Target)] = kind
				}
			}
		}
	}
	for i, w := range words {
		wr := rels
		if i > 0 {
			var err error
			if wr, err = pkg.Related(w); err != nil {
				return nil, nil, err
			}
		}
		for _, r := range wr {
			if relOf(r, drawingRelSuffixes) {
				if _, ok := modes[strings.ToLower(r.Target)]; !ok {
					modes[strings.ToLower(r.Target)] = modeDrawing
				}
			}
		}
	}
	pkgRels, err := pkg.Related("")
	if err != nil {
		return nil, nil, err
	}
	for _, r := range pkgRels {
		if relOf(r, plainRelSuffixes) {
			modes[strings.ToLower(r.Target)] = modePlain
		}
	}
	return modes, notes, nil
}

func compile(pkg *opc.Package, cfg config, precompress bool) (*Template, error) {
	main, err := pkg.MainDocument()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := asDocument(pkg, main); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	rels, err := pkg.Related(main)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	modes, notes, err := partModes(pkg, main, rels)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}

	funcs := baseFuncs()
	funcs["index"] = indexFunc(cfg.allowMissing)
	maps.Copy(funcs, boundedFuncs(nil)) // each execution binds its own
	for k, v := range cfg.funcs {
		funcs[k] = v
	}
	t := &Template{cfg: cfg, maxPart: cfg.limits.MaxPartSize, maxTotal: cfg.limits.MaxTotalSize,
		maxItems: cfg.maxItems}
	if t.maxItems <= 0 {
		t.maxItems = DefaultMaxItems
	}
	if t.maxPart <= 0 {
		t.maxPart = opc.DefaultLimits().MaxPartSize
	}
	if t.maxTotal <= 0 {
		t.maxTotal = opc.DefaultLimits().MaxTotalSize
	}
	t.pkg, t.names = pkg, map[string]int{}
	t.maxImage, t.maxPixels = cfg.maxImage, cfg.maxPixels
	if t.maxImage <= 0 {
		t.maxImage = defaultMaxImageSize
	}
	if t.maxPixels <= 0 {
		t.maxPixels = defaultMaxImagePixels
	}
	// Only pictures need it, and it parses the main document again.
	defaultCol := sync.OnceValue(func() sect { return mainColumn(pkg.Part(main)) })
	var errs Errors
	// Parsing keeps about three copies of a templated part (its bytes, the
	// compiled source, text/template's text nodes): together they may not
	// be larger than one part may be.
	var templatedSize int64
	for _, p := range pkg.Parts {
		if _, ok := modes[strings.ToLower(p.Name)]; !ok {
			continue
		}
		if templatedSize += int64(len(p.Data)); templatedSize > t.maxPart {
			return nil, Errors{{Part: p.Name, Kind: KindLimit, Err: fmt.Errorf("the templated parts together (main document, headers, footers, notes, comments, charts, properties) are too large: %w",
				&opc.LimitError{Limit: "MaxPartSize", Max: t.maxPart})}}
		}
	}
	// Each templated part has its own range of fresh ids (partIDBase). The
	// parts templated since comments, charts, SmartArt and app.xml were
	// added count from 512, so that the others keep their ids (and a
	// template its output bytes).
	templated, later, elements := 0, 512, maxTemplateElements
	for i, p := range pkg.Parts {
		tp := &tpart{part: p, name: p.Name, index: i, main: strings.EqualFold(p.Name, main)}
		t.parts = append(t.parts, tp)
		t.names[strings.ToLower(p.Name)] = i
		if strings.EqualFold(p.Name, "[Content_Types].xml") {
			t.ctIdx = i
		}
		mode, ok := modes[strings.ToLower(p.Name)]
		if !ok {
			continue
		}
		kind, isNotes := notes[strings.ToLower(p.Name)]
		tp.notesPart = isNotes
		idIndex := 0
		if mode == modeDrawing || kind == "comment" || mode == modePlain && strings.EqualFold(p.Name, appPart(pkg)) {
			later++
			idIndex = later
		} else {
			templated++
			idIndex = templated
		}
		es, err := tp.compile(mode, cfg, funcs, idIndex, defaultCol, &elements)
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
		if elements < 0 {
			break // the next parts would be refused the same way
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if err := t.setupNotes(notes); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	for _, tp := range t.parts {
		t.noteRefs = t.noteRefs || tp.noteRefs
		for k := range tp.noteKinds {
			if t.noteKinds == nil {
				t.noteKinds = map[string]bool{}
			}
			t.noteKinds[k] = true
		}
	}
	if err := t.setupDynamic(rels); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if precompress {
		for _, tp := range t.parts {
			if tp.tmpl == nil && !tp.part.Compressed() {
				tp.part.Precompress()
			}
		}
	}
	return t, nil
}

// compile compiles the part; elements is what remains of the budget of
// elements of the templated parts (maxTemplateElements), which it spends.
func (tp *tpart) compile(mode partMode, cfg config, funcs template.FuncMap, index int, defaultCol func() sect, elements *int) (Errors, error) {
	data := tp.part.Data
	if i := bytes.IndexAny(data, "\x01\x02\x03\x04\x05"); i >= 0 {
		return Errors{{Part: tp.name, Kind: KindSyntax, Err: fmt.Errorf("control character U+%04X at byte %d is not allowed in XML", data[i], i)}}, nil
	}
	if bytes.Contains(data, []byte("<"+markElem)) {
		return Errors{{Part: tp.name, Err: fmt.Errorf("the element name %s is reserved", markElem)}}, nil
	}
	limit := min(maxElements, *elements)
	root, n, err := parseXMLMax(data, limit)
	*elements -= n
	if ce, ok := err.(*CountError); ok {
		if limit < maxElements {
			ce = &CountError{Count: CountTemplateElements, Max: maxTemplateElements, Offset: ce.Offset}
		}
		return Errors{{Part: tp.name, Kind: KindLimit, Err: ce}}, nil
	}
	if err != nil {
		return Errors{{Part: tp.name, Kind: KindSyntax, Err: err}}, nil
	}
	c := &compiler{part: tp.name, data: data, mode: mode, wp: "w", root: root, partIndex: index, attrCtx: -1, defaultCol: defaultCol}
	if p := root.nsPrefix(data, nsW); p != "" {
		c.wp = p
	}
	c.collect()
	if _, ok := cfg.funcs["revision"]; ok {
		for _, a := range c.acts {
			if a.keyword == "revision" {
				a.kind, a.keyword = kindPrint, "" // the caller's own function
			}
		}
	}
	if mode == modeWord {
		c.altPictures(funcs)
	}
	if len(c.acts) == 0 && !c.media || len(c.acts) == 0 && len(c.errs) > 0 {
		return c.result(), nil
	}
	if mode == modeWord && !c.media {
		for _, a := range c.acts {
			if b := a.body(); mentions(b, "image", "link") && mediaCall().MatchString(b) {
				c.media = true
				break
			}
		}
	}
	if c.media {
		c.ensureNS(nsR, "r")
		c.ensureNS(nsWP, "wp")
		if tp.main {
			c.sects = c.sections()
		}
	}
	c.match()
	if len(c.errs) > 0 {
		c.checkActions(funcs)
		return c.result(), nil
	}
	c.placeBlocks()
	c.checkShapes()
	if len(c.errs) > 0 {
		return c.syntaxFirst(funcs), nil
	}
	c.assignContexts()
	for _, a := range c.acts {
		if b := a.body(); callsRevFunc(b) {
			c.idState()
			break
		}
	}
	c.buildEdits()
	for i, k := range c.ctxKeys {
		if k.run {
			c.ctxs[i] = newRunCtx(c.wp, c.w14, k.rPr, k.cbRPr)
			if c.media {
				x := &c.ctxs[i]
				x.r, x.wpd = c.nsAdded[nsR], c.nsAdded[nsWP]
				x.linkOpen = "<" + c.q("r") + ">" + c.linkRPr(k.rPr) + "<" + c.q("t") + ` xml:space="preserve">`
				x.inLink, x.maxCX, x.maxCY = k.inLink, k.maxCX, k.maxCY
			}
		}
	}
	src, acts, err := c.source()
	if err != nil {
		return nil, err
	}
	opt := "missingkey=error"
	if cfg.allowMissing {
		// "default" (not "zero"): a missing key gives no value at all, so
		// that a field of it ({{.client.nom}}) is missing too instead of
		// a nil-pointer error; the escaper prints it as nothing.
		opt = "missingkey=default"
	}
	tp.ctxs, tp.allowMissing = c.ctxs, cfg.allowMissing
	// the escaper and tick stand for those of each execution (see
	// getExecutor), for Parse to know their names
	newTmpl := func(funcs template.FuncMap) *template.Template {
		tmpl := template.New(tp.name).Delims(leftDelim, rightDelim).Option(opt).Funcs(funcs).
			Funcs(template.FuncMap{escIdent: escaper(nil, c.ctxs, cfg.allowRaw), tickIdent: (*execState)(nil).tick})
		if c.extraFuncs != nil {
			tmpl.Funcs(c.extraFuncs)
		}
		return tmpl
	}
	tp.acts = acts
	tp.dropTables = c.dropMarks
	tp.noteRefs, tp.noteKinds = len(c.notes) > 0, c.notes
	tp.src = src
	used := namedIn(src, funcs)
	tmpl := newTmpl(used)
	if _, err := tmpl.Parse(src); err != nil {
		// Parsed again with every function, for the error to be the same
		// whatever namedIn kept.
		used = funcs
		tmpl = newTmpl(funcs)
		if _, err := tmpl.Parse(src); err != nil {
			c.errs = Errors{tp.locate(err, parseLoc())}
			return c.syntaxFirst(funcs), nil
		}
	}
	err = rewrite(tmpl.Tree, func(pos parse.Pos) (int, bool) {
		a := tp.actionAt(int(pos))
		if a != nil && a.kind == kindSilent {
			return -1, true // {{revision …}}: prints nothing, needs no escaper
		}
		if a == nil || a.kind != kindPrint {
			return 0, false
		}
		return a.ctx, true
	})
	if err != nil {
		return nil, fmt.Errorf("render: %s: %w", tp.name, err)
	}
	if addRevState(tmpl.Tree, cfg.funcs) {
		tp.marks, tp.markIDs, tp.w = true, partIDBase(index)+markIDOffset, c.wp
	}
	tp.tmpl = tmpl
	if !tp.dropTables && !tp.marks && !tp.notesPart {
		// An output edited after execution is compressed at the end.
		tp.prepareTexts()
	}
	tp.calls = usesDynamic(tmpl.Tree, cfg.funcs)
	if tp.calls == nil {
		fm := maps.Clone(used)
		maps.Copy(fm, c.extraFuncs)
		tp.direct = compileDirect(tp, tmpl, fm)
	}
	tp.forgetTree()
	return nil, nil
}

// namedIn returns the functions of funcs whose names are words of src's
// actions (between leftDelim and rightDelim). text/template copies a
// template's functions when it is given them and at every Clone (each
// executor clones every templated part), about 200 of them with sprig's,
// where a part calls a few.
func namedIn(src string, funcs template.FuncMap) template.FuncMap {
	used := template.FuncMap{}
	for {
		i := strings.Index(src, leftDelim)
		if i < 0 {
			return used
		}
		src = src[i+len(leftDelim):]
		act := src
		if j := strings.Index(src, rightDelim); j >= 0 {
			act, src = src[:j], src[j+len(rightDelim):]
		} else {
			src = ""
		}
		for len(act) > 0 {
			n := 0
			for n < len(act) {
				r, size := utf8.DecodeRuneInString(act[n:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				n += size
			}
			if n == 0 {
				_, size := utf8.DecodeRuneInString(act)
				act = act[size:]
				continue
			}
			if f, ok := funcs[act[:n]]; ok {
				used[act[:n]] = f
			}
			act = act[n:]
		}
	}
}

// mentions reports whether s holds one of names: a quick test before
// the regular expressions that look for calls, which cost more.
func mentions(s string, names ...string) bool {
	for _, n := range names {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// forgetTree keeps of the part's actions what placing an execution error
// needs (paragraph number, snippet, source): the part's element tree,
// about 100 bytes an element, is not kept past parsing (the trees of 40
// headers of a million elements each ran out of memory).
func (tp *tpart) forgetTree() {
	paras := map[*unit]*unit{}
	for _, a := range tp.acts {
		if a.u != nil {
			u := paras[a.u]
			if u == nil {
				u = &unit{n: a.u.n}
				paras[a.u] = u
			}
			a.snip = strings.Clone(a.snippet())
			a.u = u
		}
		a.open, a.closing, a.elses, a.place = nil, nil, nil, placement{}
	}
}

// mediaCall matches an action that may call image or link.
var mediaCall = lazyRegexp(`\b(image|link)\b`)
