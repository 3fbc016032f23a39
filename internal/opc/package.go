package opc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"sync"
)

// Part is one package part, in package order.
//
// A Part read from a deflated zip entry keeps its compressed bytes, so that
// Writer.CopyPart writes it without recompressing. Those bytes describe Data
// as it was read: if you give the Part a new Data slice, CopyPart notices and
// compresses the new one, but changing Data's bytes in place is not detected
// (build a new Part, or call Precompress again, instead).
type Part struct {
	Name string // zip entry name, e.g. "word/document.xml" (no leading slash)
	Data []byte // uncompressed bytes

	raw *rawEntry // compressed form of Data, or nil
}

// rawEntry is the deflated form of a Part's Data.
type rawEntry struct {
	comp  []byte // raw DEFLATE stream
	crc   uint32 // CRC-32 (IEEE) of the uncompressed bytes
	usize uint64 // uncompressed size
	src   *byte  // &Data[0] when comp was made (nil for empty Data)
}

// rawFor returns p's compressed bytes if they still describe p.Data.
func (p *Part) rawFor() *rawEntry {
	r := p.raw
	if r == nil || r.usize != uint64(len(p.Data)) {
		return nil
	}
	if len(p.Data) > 0 && r.src != &p.Data[0] {
		return nil
	}
	return r
}

// Package is a parsed OPC package (a DOCX).
type Package struct {
	Parts []*Part // in the source's order (zip order; for ReadFS see there)

	mu    sync.Mutex
	types *contentTypes // cache, valid while typesFor matches
}

// Part returns the part with the given name, compared case-insensitively as
// OPC requires; a leading slash is accepted. It returns nil if absent.
func (p *Package) Part(name string) *Part {
	name = trimSlash(name)
	for _, pt := range p.Parts {
		if strings.EqualFold(pt.Name, name) {
			return pt
		}
	}
	return nil
}

// contentTypes is the parsed [Content_Types].xml.
type contentTypes struct {
	src       *byte             // identity of the bytes parsed
	srcLen    int               //
	defaults  map[string]string // lower-case extension → type
	overrides map[string]string // lower-case part name without slash → type
}

const contentTypesName = "[Content_Types].xml"

// ContentType returns the content type of the named part from
// [Content_Types].xml: its Override if any, else the Default for its
// extension (both compared case-insensitively), else "". It does not check
// that the part exists.
func (p *Package) ContentType(name string) string {
	ct, err := p.contentTypes()
	if err != nil || ct == nil {
		return ""
	}
	return ct.lookup(name)
}

func (ct *contentTypes) lookup(name string) string {
	key := foldName(trimSlash(name))
	if t, ok := ct.overrides[key]; ok {
		return t
	}
	base := path.Base(key)
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		return ct.defaults[base[i+1:]]
	}
	return ""
}

// contentTypes parses [Content_Types].xml, caching the result while the part
// keeps the same bytes. It returns nil, nil if the part is absent.
func (p *Package) contentTypes() (*contentTypes, error) {
	pt := p.Part(contentTypesName)
	if pt == nil {
		return nil, nil
	}
	var src *byte
	if len(pt.Data) > 0 {
		src = &pt.Data[0]
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if ct := p.types; ct != nil && ct.src == src && ct.srcLen == len(pt.Data) {
		return ct, nil
	}
	ct, err := parseContentTypes(pt.Data)
	if err != nil {
		return nil, &Error{Part: pt.Name, Err: err}
	}
	ct.src, ct.srcLen = src, len(pt.Data)
	p.types = ct
	return ct, nil
}

func parseContentTypes(data []byte) (*contentTypes, error) {
	ct := &contentTypes{defaults: map[string]string{}, overrides: map[string]string{}}
	err := eachStart(data, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "Default":
			ext, typ := attr(se, "Extension"), attr(se, "ContentType")
			ct.defaults[strings.ToLower(strings.TrimPrefix(ext, "."))] = typ
		case "Override":
			name, typ := attr(se, "PartName"), attr(se, "ContentType")
			ct.overrides[foldName(trimSlash(name))] = typ
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ct, nil
}

// eachStart calls fn with every start element of the small XML part data
// ([Content_Types].xml, a .rels part), nesting bounded; malformed XML is
// ErrCorrupt. It stops at fn's first error.
func eachStart(data []byte, fn func(xml.StartElement) error) error {
	if err := checkShape(data); err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var depth depthGuard
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if err := depth.track(tok); err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(se); err != nil {
				return err
			}
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// Relationship is one relationship of a part (or of the package).
type Relationship struct {
	ID     string
	Type   string // e.g. "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
	Target string // part name without leading slash, resolved; the URI as written if External
	// External is true for TargetMode="External" (a hyperlink, a linked
	// file): Target is then not a part of the package.
	External bool
}

// Relationship types of the main document: transitional and strict.
const (
	RelOfficeDocument       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	RelOfficeDocumentStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
)

// MainDocument returns the name of the main part (usually
// "word/document.xml"): the target of the officeDocument relationship in
// _rels/.rels. The part itself is not looked up.
func (p *Package) MainDocument() (string, error) {
	rels, err := p.Related("")
	if err != nil {
		return "", err
	}
	if p.Part(relsName("")) == nil {
		return "", errf("", ErrNotDocx, "no _rels/.rels part")
	}
	for _, r := range rels {
		if (r.Type == RelOfficeDocument || r.Type == RelOfficeDocumentStrict) && !r.External {
			return r.Target, nil
		}
	}
	return "", errf("_rels/.rels", ErrNotDocx, "no officeDocument relationship")
}

// Related returns the relationships of source (a part name, or "" for the
// package itself) read from "<dir>/_rels/<base>.rels", in document order,
// with internal targets resolved to part names (relative to source's folder,
// percent-decoded, no leading slash). It returns nil, nil if source has no
// relationships part.
func (p *Package) Related(source string) ([]Relationship, error) {
	rp := p.Part(relsName(source))
	if rp == nil {
		return nil, nil
	}
	rels, err := parseRels(rp.Data, trimSlash(source))
	if err != nil {
		return nil, &Error{Part: rp.Name, Err: err}
	}
	return rels, nil
}

func parseRels(data []byte, source string) ([]Relationship, error) {
	var rels []Relationship
	err := eachStart(data, func(se xml.StartElement) error {
		if se.Name.Local != "Relationship" {
			return nil
		}
		r := Relationship{
			ID:       attr(se, "Id"),
			Type:     attr(se, "Type"),
			Target:   attr(se, "Target"),
			External: attr(se, "TargetMode") == "External",
		}
		if !r.External {
			t, err := resolveTarget(source, r.Target)
			if err != nil {
				return fmt.Errorf("relationship %s: %w", r.ID, err)
			}
			r.Target = t
		}
		rels = append(rels, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rels, nil
}

// resolveTarget resolves an internal relationship target against the folder
// of source.
func resolveTarget(source, target string) (string, error) {
	t := target
	if strings.HasPrefix(t, "#") {
		// A fragment alone (an internal hyperlink written as a
		// relationship) refers to the source part itself.
		return source, nil
	}
	if i := strings.IndexAny(t, "#?"); i >= 0 {
		t = t[:i]
	}
	if u, err := url.PathUnescape(t); err == nil {
		t = u
	}
	if t == "" {
		return "", fmt.Errorf("%w: empty target", ErrCorrupt)
	}
	if strings.HasPrefix(t, "/") {
		t = path.Clean(t)
	} else {
		t = path.Clean("/" + path.Join(path.Dir("/"+source), t))
		// path.Join with a leading "/" can't climb above the root; detect
		// targets that tried to.
		if climbsAboveRoot(path.Dir("/"+source), target) {
			return "", fmt.Errorf("%w: target %q leaves the package", ErrUnsafeName, target)
		}
	}
	return strings.TrimPrefix(t, "/"), nil
}

// climbsAboveRoot reports whether joining rel onto dir (absolute, cleaned)
// goes above "/".
func climbsAboveRoot(dir, rel string) bool {
	depth := 0
	for s := range strings.SplitSeq(strings.Trim(dir, "/"), "/") {
		if s != "" {
			depth++
		}
	}
	for s := range strings.SplitSeq(rel, "/") {
		switch s {
		case "", ".":
		case "..":
			depth--
			if depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// Bounds for the small parts eachStart reads: encoding/xml makes a value
// for every attribute of an element before returning it, and one for each
// element, so that a few kilobytes of compressed attributes took gigabytes.
// Real parts have 2 to 4 attributes an element, a few thousand elements.
const (
	maxAttrs    = 64
	maxElements = 100_000
)

// checkShape refuses, in one pass over the bytes, a part with an element of
// more than maxAttrs attributes or more than maxElements elements.
func checkShape(data []byte) error {
	elements := 0
	for i := 0; i < len(data); i++ {
		if data[i] != '<' || i+1 == len(data) {
			continue
		}
		switch c := data[i+1]; {
		case c == '?' || c == '!' || c == '/':
			continue // comments and the like hold no attributes
		}
		elements++
		if elements > maxElements {
			return fmt.Errorf("%w: more than %d elements", ErrCorrupt, maxElements)
		}
		attrs := 0
		var quote byte
	tag:
		for i++; i < len(data); i++ {
			switch c := data[i]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '=':
				attrs++
				if attrs > maxAttrs {
					return fmt.Errorf("%w: an element with more than %d attributes", ErrCorrupt, maxAttrs)
				}
			case c == '>':
				break tag
			}
		}
	}
	return nil
}

// depthGuard bounds element nesting in the small XML parts parsed here
// (content types and relationships are two levels deep), so that a part of
// nested start tags cannot make the decoder's stack grow with the input.
type depthGuard int

const maxDepth = 32

func (g *depthGuard) track(tok xml.Token) error {
	switch tok.(type) {
	case xml.StartElement:
		*g++
		if *g > maxDepth {
			return fmt.Errorf("%w: elements nested more than %d deep", ErrCorrupt, maxDepth)
		}
	case xml.EndElement:
		*g--
	}
	return nil
}
