package opc

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	kflate "github.com/klauspost/compress/flate"
)

// ReadZip reads a DOCX package from r (size bytes), within lim.
//
// Every part is inflated into memory and checked: the package must be a zip
// (ErrNotZip) holding a Word document (ErrNotDocx), not macro-enabled
// (ErrMacroEnabled), with safe (ErrUnsafeName) and distinct (ErrDuplicate)
// entry names, within the limits (ErrTooLarge, checked against the declared
// sizes first and then against the bytes actually inflated), with intact
// entries (ErrCorrupt) and XML parts free of DOCTYPE/ENTITY declarations
// (ErrDoctype). Directory entries are skipped. Errors are *Error values.
//
// Parts read from deflated entries keep their compressed bytes, so that
// Writer.CopyPart copies them without recompression.
func ReadZip(r io.ReaderAt, size int64, lim Limits) (*Package, error) {
	lim = lim.withDefaults()
	if r == nil || size < 0 {
		return nil, errf("", ErrNotZip, "no input")
	}
	if err := checkEntryCount(r, size, lim); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if oleErr := checkOLE(r, size); oleErr != nil {
			return nil, oleErr
		}
		return nil, errf("", ErrNotZip, "%v", err)
	}
	pkg := &Package{Parts: make([]*Part, 0, min(len(zr.File), lim.MaxParts))}
	seen := make(map[string]string, len(zr.File))
	// First pass: names, count, declared sizes; nothing is inflated.
	var files []*zip.File
	var declared, compressed uint64
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") && f.UncompressedSize64 == 0 {
			continue // directory entry
		}
		if err := checkEntry(f.Name, seen); err != nil {
			return nil, err
		}
		if len(files) >= lim.MaxParts {
			return nil, &Error{Err: &LimitError{Limit: "MaxParts", Max: int64(lim.MaxParts)}}
		}
		if f.UncompressedSize64 > uint64(lim.MaxPartSize) {
			return nil, &Error{Part: f.Name, Err: &LimitError{Limit: "MaxPartSize", Max: lim.MaxPartSize}}
		}
		if f.CompressedSize64 > uint64(size) {
			return nil, errf(f.Name, ErrCorrupt, "compressed size %d beyond the end of the archive", f.CompressedSize64)
		}
		declared += f.UncompressedSize64 // each at most MaxPartSize: no overflow
		compressed += f.CompressedSize64 // each at most size: no overflow
		if compressed > uint64(size) {
			// Entries overlap (a known zip-bomb construction) or lie.
			return nil, errf(f.Name, ErrCorrupt, "compressed sizes add up to more than the archive")
		}
		if declared > uint64(lim.MaxTotalSize) {
			return nil, &Error{Part: f.Name, Err: &LimitError{Limit: "MaxTotalSize", Max: lim.MaxTotalSize}}
		}
		if f.Flags&0x1 != 0 {
			return nil, errf(f.Name, ErrCorrupt, "encrypted entry")
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, errf(f.Name, ErrCorrupt, "unsupported compression method %d", f.Method)
		}
		files = append(files, f)
	}
	if err := checkPrefixes(seen); err != nil {
		return nil, err
	}
	// Second pass: inflate, counting the actual bytes.
	budget := lim.MaxTotalSize
	for _, f := range files {
		p, err := readEntry(f, lim, &budget)
		if err != nil {
			return nil, err
		}
		pkg.Parts = append(pkg.Parts, p)
	}
	if err := pkg.check(); err != nil {
		return nil, err
	}
	return pkg, nil
}

// checkEntryCount reads the entry count of the end-of-central-directory
// record, before archive/zip allocates a File for each entry, and refuses
// archives announcing far more entries than MaxParts (directory entries are
// allowed for: up to 4×MaxParts+16 entries in all); the count of a ZIP64
// archive is read from its ZIP64 end record. It says nothing when the
// records are not found: zip.NewReader then decides.
func checkEntryCount(r io.ReaderAt, size int64, lim Limits) error {
	const eocdLen = 22
	if size < eocdLen {
		return nil
	}
	// Usually there is no archive comment: try the last 22 bytes first.
	var small [eocdLen]byte
	tail := small[:]
	if _, err := r.ReadAt(tail, size-eocdLen); err != nil && err != io.EOF {
		return nil
	}
	if !bytes.HasPrefix(tail, []byte("PK\x05\x06")) {
		tail = make([]byte, min(size, eocdLen+65535))
		if _, err := r.ReadAt(tail, size-int64(len(tail))); err != nil && err != io.EOF {
			return nil
		}
	}
	// The record is the last signature whose comment length reaches the
	// end exactly (a comment may contain the signature).
	i := len(tail)
	for {
		i = bytes.LastIndex(tail[:i], []byte("PK\x05\x06"))
		if i < 0 {
			return nil
		}
		if n := len(tail) - i - eocdLen; n >= 0 && n == int(tail[i+20])|int(tail[i+21])<<8 {
			break
		}
	}
	count := uint64(tail[i+10]) | uint64(tail[i+11])<<8 // total number of entries
	if count == 0xFFFF {
		// A ZIP64 archive: the count is in the ZIP64 end record, found
		// through the locator just before the end record.
		eocd := size - int64(len(tail)) + int64(i)
		count = zip64EntryCount(r, eocd)
	}
	if count > uint64(4*lim.MaxParts+16) {
		return &Error{Err: &LimitError{Limit: "MaxParts", Max: int64(lim.MaxParts)}}
	}
	return nil
}

// zip64EntryCount returns the total number of entries of the ZIP64 end of
// central directory record whose locator ends at offset eocd, or 0 when
// there is none to read.
func zip64EntryCount(r io.ReaderAt, eocd int64) uint64 {
	const locLen, recLen = 20, 56
	if eocd < locLen {
		return 0
	}
	var loc [locLen]byte
	if _, err := r.ReadAt(loc[:], eocd-locLen); err != nil || !bytes.HasPrefix(loc[:], []byte("PK\x06\x07")) {
		return 0
	}
	off := binary.LittleEndian.Uint64(loc[8:16])
	if off > uint64(eocd) {
		return 0
	}
	var rec [recLen]byte
	if _, err := r.ReadAt(rec[:], int64(off)); err != nil || !bytes.HasPrefix(rec[:], []byte("PK\x06\x06")) {
		return 0
	}
	return binary.LittleEndian.Uint64(rec[32:40])
}

// checkPrefixes refuses a part whose name is a folder of another part
// ("word" and "word/document.xml"): OPC forbids it, and such a package
// cannot be unpacked to files. It sorts the folded names: a folder's
// contents sort after it, so one binary search per name suffices.
func checkPrefixes(seen map[string]string) error {
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		dir := k + "/"
		i := sort.SearchStrings(keys, dir)
		if i < len(keys) && strings.HasPrefix(keys[i], dir) {
			return errf(seen[k], ErrDuplicate, "part name is also a folder of %q", seen[keys[i]])
		}
	}
	return nil
}

// checkEntry checks an entry name for safety and uniqueness.
func checkEntry(name string, seen map[string]string) error {
	if why := checkName(name); why != "" {
		return errf(name, ErrUnsafeName, "%s", why)
	}
	key := foldName(name)
	if prev, dup := seen[key]; dup {
		if prev == name {
			return errf(name, ErrDuplicate, "entry appears twice")
		}
		return errf(name, ErrDuplicate, "same name as %q (part names are case-insensitive)", prev)
	}
	seen[key] = name
	return nil
}

var inflaters sync.Pool // of io.ReadCloser implementing kflate.Resetter

// readEntry reads and inflates one entry, spending from *budget.
func readEntry(f *zip.File, lim Limits, budget *int64) (*Part, error) {
	rr, err := f.OpenRaw()
	if err != nil {
		return nil, errf(f.Name, ErrCorrupt, "%v", err)
	}
	comp := make([]byte, f.CompressedSize64)
	if _, err := io.ReadFull(rr, comp); err != nil {
		return nil, errf(f.Name, ErrCorrupt, "reading: %v", err)
	}
	limit := min(lim.MaxPartSize, *budget)
	var data []byte
	switch f.Method {
	case zip.Store:
		data = comp
		comp = nil
		if int64(len(data)) > limit {
			return nil, tooLarge(f.Name, lim, *budget)
		}
	case zip.Deflate:
		fr, _ := inflaters.Get().(io.ReadCloser)
		if fr == nil {
			fr = kflate.NewReader(bytes.NewReader(comp))
		} else {
			_ = fr.(kflate.Resetter).Reset(bytes.NewReader(comp), nil)
		}
		// Trust the declared size only as a capacity hint.
		var over bool
		data, over, err = readCapped(fr, int64(f.UncompressedSize64), limit)
		inflaters.Put(fr)
		if err != nil {
			return nil, errf(f.Name, ErrCorrupt, "inflating: %v", err)
		}
		if over {
			return nil, tooLarge(f.Name, lim, *budget)
		}
	}
	if uint64(len(data)) != f.UncompressedSize64 {
		return nil, errf(f.Name, ErrCorrupt, "%d bytes, header says %d", len(data), f.UncompressedSize64)
	}
	sum := crc32.ChecksumIEEE(data)
	if sum != f.CRC32 {
		return nil, errf(f.Name, ErrCorrupt, "checksum mismatch")
	}
	*budget -= int64(len(data))
	p := &Part{Name: f.Name, Data: data}
	if comp != nil {
		p.raw = newRaw(data, comp, sum)
	}
	return p, nil
}

func tooLarge(name string, lim Limits, budget int64) error {
	if lim.MaxPartSize <= budget {
		return &Error{Part: name, Err: &LimitError{Limit: "MaxPartSize", Max: lim.MaxPartSize}}
	}
	return &Error{Part: name, Err: &LimitError{Limit: "MaxTotalSize", Max: lim.MaxTotalSize}}
}

// ReadFS reads an unpacked package (its parts as files, the way templates
// are kept in git) from fsys, with the same checks as ReadZip.
//
// Order: "[Content_Types].xml" first, "_rels/.rels" second, then the other
// files in lexical order (fs.WalkDir order). Files and folders whose name
// starts with a dot (.DS_Store, .git, .gitkeep...) are skipped, except the
// ".rels" file of a "_rels" folder. Entries that are not regular files or
// folders (symbolic links, devices) are refused with ErrUnsafeName.
//
// For go:embed users: the pattern must be "all:dir" (//go:embed all:tmpl),
// or the "_rels" folders and ".rels" files are left out; fs.Sub then gives
// the package root.
func ReadFS(fsys fs.FS, lim Limits) (*Package, error) {
	lim = lim.withDefaults()
	var names []string
	seen := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return errf(name, ErrCorrupt, "%v", err)
		}
		if name == "." {
			return nil
		}
		if Hidden(name, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return errf(name, ErrUnsafeName, "not a regular file (%v)", d.Type())
		}
		if err := checkEntry(name, seen); err != nil {
			return err
		}
		if len(names) >= lim.MaxParts {
			return &Error{Err: &LimitError{Limit: "MaxParts", Max: int64(lim.MaxParts)}}
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, e
		}
		return nil, &Error{Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	if err := checkPrefixes(seen); err != nil {
		return nil, err
	}
	rank := func(n string) int {
		switch foldName(n) {
		case foldName(contentTypesName):
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(names, func(i, j int) bool { return rank(names[i]) < rank(names[j]) })

	pkg := &Package{Parts: make([]*Part, 0, len(names))}
	budget := lim.MaxTotalSize
	for _, name := range names {
		data, err := readFSFile(fsys, name, min(lim.MaxPartSize, budget))
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, tooLarge(name, lim, budget)
			}
			return nil, errf(name, ErrCorrupt, "%v", err)
		}
		budget -= int64(len(data))
		p := &Part{Name: name, Data: data}
		deflatedFor(fsys, p)
		pkg.Parts = append(pkg.Parts, p)
	}
	if err := pkg.check(); err != nil {
		return nil, err
	}
	return pkg, nil
}

// readFSFile reads a file, failing with ErrTooLarge beyond limit bytes,
// whatever Stat says.
func readFSFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hint := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		if st.Size() > limit {
			return nil, ErrTooLarge
		}
		hint = st.Size() + 1
	}
	data, over, err := readCapped(f, hint, limit)
	if err != nil {
		return nil, err
	}
	if over {
		return nil, ErrTooLarge
	}
	return data, nil
}

// readCapped reads r to its end into a buffer of initial capacity hint
// (clamped), growing by doubling up to limit bytes: it reports over if r has
// more than limit bytes. At most about 2×limit bytes are allocated whatever
// r holds.
func readCapped(r io.Reader, hint, limit int64) (data []byte, over bool, err error) {
	buf := make([]byte, 0, min(max(hint, 512), limit))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= limit {
				// Full: one more byte means too large.
				var probe [1]byte
				n, err := io.ReadFull(r, probe[:])
				if n > 0 {
					return nil, true, nil
				}
				if err != io.EOF {
					return nil, false, err
				}
				return buf, false, nil
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}

// ctVBAProject is the content type of a VBA project part.
const ctVBAProject = "application/vnd.ms-office.vbaProject"

// WordprocessingML main content types (document and template, plain and
// macro-enabled).
const (
	ctMainPrefix = "application/vnd."
	ctWordML     = "wordprocessingml"
)

// check applies the package-level rules: a DOCX main document, no macros,
// no markup declarations in XML parts.
func (p *Package) check() error {
	if p.Part(contentTypesName) == nil {
		return errf("", ErrNotDocx, "no [Content_Types].xml part")
	}
	// Declarations first, by name (the content types and relationships
	// parts are parsed below), then by content type.
	for _, pt := range p.Parts {
		if isXMLName(pt.Name) {
			if what := checkDeclarations(pt.Data); what != "" {
				return errf(pt.Name, ErrDoctype, "%s", what)
			}
		}
	}
	ct, err := p.contentTypes()
	if err != nil {
		return err
	}
	for _, pt := range p.Parts {
		if !isXMLName(pt.Name) && isXMLType(ct.lookup(pt.Name)) {
			if what := checkDeclarations(pt.Data); what != "" {
				return errf(pt.Name, ErrDoctype, "%s", what)
			}
		}
	}
	for _, pt := range p.Parts {
		if strings.EqualFold(path.Base(pt.Name), "vbaProject.bin") {
			return errf(pt.Name, ErrMacroEnabled, "VBA project part")
		}
		if strings.EqualFold(ct.lookup(pt.Name), ctVBAProject) {
			return errf(pt.Name, ErrMacroEnabled, "VBA project part (content type %s)", ctVBAProject)
		}
	}
	main, err := p.MainDocument()
	if err != nil {
		return err
	}
	if p.Part(main) == nil {
		return errf(main, ErrNotDocx, "main document part is missing")
	}
	// The VBA project may be stored under another name: its relationship
	// type tells, from whichever part (Word reads it from the main
	// document's). Bad relationships are reported by Related, to whoever
	// reads them.
	for _, pt := range p.Parts {
		source, ok := relsSource(pt.Name)
		if !ok {
			continue
		}
		rels, _ := p.Related(source)
		for _, r := range rels {
			if strings.HasSuffix(strings.ToLower(r.Type), "/vbaproject") {
				return errf(r.Target, ErrMacroEnabled, "VBA project relationship %s in %s", r.ID, pt.Name)
			}
		}
	}
	typ := ct.lookup(main)
	if MainKind(typ) == "" {
		if typ == "" {
			return errf(main, ErrNotDocx, "main document has no content type")
		}
		return errf(main, ErrNotDocx, "main document is %s, not WordprocessingML", typ)
	}
	return nil
}

// Content types of a Word main document part.
const (
	CTDocument      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	CTTemplate      = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	CTMacroDocument = "application/vnd.ms-word.document.macroEnabled.main+xml"
	CTMacroTemplate = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
)

// MainKind classifies the content type of a main document part: "docx",
// "dotx" (a Word template), "docm" or "dotm" (macro-enabled types, accepted
// when the package holds no macros), or "" when it is not WordprocessingML.
// Strict OOXML and other WordprocessingML variants count as "docx".
func MainKind(typ string) string {
	switch low := strings.ToLower(typ); {
	case low == strings.ToLower(CTTemplate):
		return "dotx"
	case low == strings.ToLower(CTMacroDocument):
		return "docm"
	case low == strings.ToLower(CTMacroTemplate):
		return "dotm"
	case strings.Contains(low, ctWordML) && strings.HasPrefix(low, ctMainPrefix):
		return "docx"
	}
	return ""
}

// Hidden reports whether ReadFS leaves out the file or folder at the
// slash-separated path name: its name starts with a dot (.git, .gitkeep,
// .DS_Store), except a ".rels" file in a "_rels" folder, which is a part.
func Hidden(name string, isDir bool) bool {
	base := path.Base(name)
	return strings.HasPrefix(base, ".") && !(base == ".rels" && path.Base(path.Dir(name)) == "_rels" && !isDir)
}
