package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/esante/labelkit/internal/opc"
)

// Namespaces and relationship types of pictures and links.
const (
	nsR      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP     = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA      = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic    = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsRels   = "http://schemas.openxmlformats.org/package/2006/relationships"
	relImage = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
	relLink  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
	ctRels   = "application/vnd.openxmlformats-package.relationships+xml"
)

// dynamicFuncs are the functions that add parts or relationships at
// execution: a part whose template calls one is executed with its own
// binding of them (see execState).
var dynamicFuncs = []string{"image", "link", "_lk_pic"}

// partMedia is what a part calling image or link needs at execution: where
// its relationships go.
type partMedia struct {
	rels      string          // name of its relationships part
	relsIdx   int             // index of that part in Template.parts, or -1 if absent
	relsClose int             // offset of </Relationships> in its data
	relPrefix string          // prefix of the Relationships element ("" or "x:")
	ids       map[string]bool // relationship ids already used
	dir       string          // folder of the part ("word")
}

// relsName returns the name of the relationships part of part name.
func relsName(name string) string {
	dir, base := path.Split(name)
	return dir + "_rels/" + base + ".rels"
}

// setupMedia prepares p for image and link (after compile): its
// relationships part, the ids in use.
func (t *Template) setupMedia(p *tpart) error {
	pm := &partMedia{rels: relsName(p.name), relsIdx: -1, ids: map[string]bool{}, dir: path.Dir(p.name)}
	for i, q := range t.parts {
		if strings.EqualFold(q.name, pm.rels) {
			pm.relsIdx = i
			pm.rels = q.name
			root, err := parseXML(q.part.Data)
			if err != nil || root.empty {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			pm.relsClose = root.closeStart
			if i := strings.IndexByte(root.name, ':'); i >= 0 {
				pm.relPrefix = root.name[:i+1]
			}
			for _, e := range root.children {
				if id, ok := e.attr(q.part.Data, "Id"); ok {
					pm.ids[id] = true
				}
			}
		}
	}
	p.media = pm
	return nil
}

// usesDynamic returns which of dynamicFuncs the parse tree calls (not
// counting those the user's functions replace), or nil.
func usesDynamic(tree *parse.Tree, overridden template.FuncMap) map[string]bool {
	var found map[string]bool
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		if n == nil {
			return
		}
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, x := range n.Nodes {
				walk(x)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IdentifierNode:
			for _, f := range dynamicFuncs {
				if _, over := overridden[f]; n.Ident == f && !over {
					if found == nil {
						found = map[string]bool{}
					}
					found[f] = true
				}
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		}
	}
	walk(tree.Root)
	return found
}

// media is what one execution adds to the package: media parts,
// relationships, content types. It makes ids from counters in document
// order, so the same data gives the same bytes.
type media struct {
	files  fs.FS
	byHash map[[32]byte]*mediaPart
	order  []*mediaPart
	rels   map[*tpart]*relSet
	parts  []*tpart // parts with relationships added, in execution order
	drawN  int      // pictures inserted so far
}

type mediaPart struct {
	name, ctype string
	data        []byte
	exists      bool // a part of the template already (same name and bytes)
}

type relSet struct {
	pm    *partMedia
	byKey map[string]string // "image\x00target" → id
	xml   strings.Builder   // Relationship elements to add
	n     int
}

// startMedia readies st for an execution reading pictures from files.
func (st *execState) startMedia(files fs.FS) {
	st.media = media{files: files, byHash: map[[32]byte]*mediaPart{}, rels: map[*tpart]*relSet{}}
}

// bind adds to fm the dynamic functions of part p, bound to st (the
// caller's functions of the same name win).
func (st *execState) bind(p *tpart, fm template.FuncMap) {
	fm["image"] = func(args ...any) (any, error) { return st.image(p, args) }
	fm["link"] = func(args ...any) (any, error) { return st.link(p, args) }
	fm["_lk_pic"] = func(cx, cy int64, v any) (*picFill, error) { return st.pic(p, cx, cy, v) }
}

// relID returns the id of the relationship of part p to target (added once
// per part and target).
func (st *execState) relID(p *tpart, typ, target string, external bool) string {
	rs := st.rels[p]
	if rs == nil {
		rs = &relSet{pm: p.media, byKey: map[string]string{}}
		st.rels[p] = rs
		st.parts = append(st.parts, p)
	}
	key := typ + "\x00" + target
	if id, ok := rs.byKey[key]; ok {
		return id
	}
	var id string
	for {
		rs.n++
		id = "rIdLk" + strconv.Itoa(rs.n)
		if !rs.pm.ids[id] {
			break
		}
	}
	rs.byKey[key] = id
	mode := ""
	if external {
		mode = ` TargetMode="External"`
	}
	fmt.Fprintf(&rs.xml, `<%sRelationship Id="%s" Type="%s" Target="%s"%s/>`, rs.pm.relPrefix, id, typ, escapeAttr(target), mode)
	return id
}

// addMedia adds a media part for data (once per content) and returns its
// name.
func (st *execState) addMedia(data []byte, ext, ctype string) (string, error) {
	sum := sha256.Sum256(data)
	if m, ok := st.byHash[sum]; ok {
		return m.name, nil
	}
	n := int64(len(data))
	if n > st.lw.total {
		return "", ErrOutputTooLarge
	}
	hexSum := hex.EncodeToString(sum[:])
	name := "word/media/lk-" + hexSum[:16] + "." + ext
	m := &mediaPart{name: name, ctype: ctype, data: data}
	for k := 16; ; k++ {
		i, taken := st.t.names[strings.ToLower(m.name)]
		if !taken {
			break
		}
		if string(st.t.parts[i].part.Data) == string(data) {
			m.exists = true
			break
		}
		m.name = "word/media/lk-" + hexSum[:min(k+1, 64)] + "-" + strconv.Itoa(k) + "." + ext
	}
	if !m.exists {
		st.lw.total -= n
	}
	st.byHash[sum] = m
	st.order = append(st.order, m)
	return m.name, nil
}

// target returns the relationship target of part name from part p.
func relTarget(p *tpart, name string) string {
	if dir := p.media.dir; dir != "." && strings.HasPrefix(name, dir+"/") {
		return strings.TrimPrefix(name, dir+"/")
	}
	return "/" + name
}

// finish returns the parts the execution changed (index → new bytes) and
// those it added, in a fixed order: new relationships parts in part order,
// then media in order of first use.
func (st *execState) finish() (changed map[int][]byte, added []opc.Part, err error) {
	changed = map[int][]byte{}
	t := st.t
	var types []string // Default or Override elements to add
	seenType := map[string]bool{}
	addType := func(name, ctype string) {
		got := t.pkg.ContentType(name)
		if got == ctype {
			return
		}
		ext := strings.ToLower(path.Ext(name))
		var el string
		if got == "" && ext != "" {
			el = fmt.Sprintf(`<Default Extension="%s" ContentType="%s"/>`, escapeAttr(ext[1:]), ctype)
		} else {
			el = fmt.Sprintf(`<Override PartName="/%s" ContentType="%s"/>`, escapeAttr(name), ctype)
		}
		if !seenType[el] {
			seenType[el] = true
			types = append(types, el)
		}
	}
	sort.SliceStable(st.parts, func(i, j int) bool { return st.parts[i].index < st.parts[j].index })
	for _, p := range st.parts {
		rs := st.rels[p]
		pm := rs.pm
		if pm.relsIdx >= 0 {
			data := t.parts[pm.relsIdx].part.Data
			changed[pm.relsIdx] = splice(data, pm.relsClose, pm.relsClose, rs.xml.String())
			continue
		}
		data := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="` + nsRels + `">` + rs.xml.String() + `</Relationships>`
		added = append(added, opc.Part{Name: pm.rels, Data: []byte(data)})
		addType(pm.rels, ctRels)
	}
	for _, m := range st.order {
		if m.exists {
			continue
		}
		added = append(added, opc.Part{Name: m.name, Data: m.data})
		addType(m.name, m.ctype)
	}
	if len(types) > 0 {
		ct := t.parts[t.ctIdx].part.Data
		if prev, ok := changed[t.ctIdx]; ok {
			ct = prev
		}
		root, err := parseXML(ct)
		if err != nil || root.empty {
			return nil, nil, fmt.Errorf("[Content_Types].xml: %v", err)
		}
		prefix := ""
		if i := strings.IndexByte(root.name, ':'); i >= 0 {
			prefix = root.name[:i+1]
		}
		var b strings.Builder
		for _, el := range types {
			b.WriteString(strings.Replace(el, "<", "<"+prefix, 1))
		}
		changed[t.ctIdx] = splice(ct, root.closeStart, root.closeStart, b.String())
	}
	return changed, added, nil
}

// setupDynamic prepares the parts that call image or link, and adds the
// Hyperlink style to the styles part (found through the main document's
// relationships mainRels) when link is called and the style is missing.
func (t *Template) setupDynamic(mainRels []opc.Relationship) error {
	link := false
	for _, p := range t.parts {
		if p.calls == nil {
			continue
		}
		t.dynamic = true
		link = link || p.calls["link"]
		if err := t.setupMedia(p); err != nil {
			return err
		}
	}
	if !link {
		return nil
	}
	for _, r := range mainRels {
		if r.External || !strings.HasSuffix(r.Type, "/styles") {
			continue
		}
		i, ok := t.names[strings.ToLower(r.Target)]
		if !ok {
			continue
		}
		sp := t.parts[i]
		data, err := addHyperlinkStyle(sp.part.Data)
		if err != nil {
			return fmt.Errorf("%s: %w", sp.name, err)
		}
		if len(data) != len(sp.part.Data) {
			np := &opc.Part{Name: sp.name, Data: data}
			np.Precompress()
			sp.part = np
		}
	}
	return nil
}
