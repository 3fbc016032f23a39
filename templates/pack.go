package templates

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/esante/labelkit/internal/opc"
)

// Pack writes the unpacked package in fsys (its parts as files, as templates
// are kept in git) as a .docx to w, to be opened and edited in Word or
// LibreOffice. The parts are written as they are (the newlines between block
// elements are insignificant whitespace for Word), in a deterministic order:
// "[Content_Types].xml", "_rels/.rels", then the others by name. Files whose
// name starts with a dot are skipped (see opc.ReadFS).
func Pack(w io.Writer, fsys fs.FS) error {
	pkg, err := opc.ReadFS(fsys, opc.Limits{})
	if err != nil {
		return fmt.Errorf("templates: pack: %w", err)
	}
	zw := opc.NewWriter(w)
	for _, p := range pkg.Parts {
		if err := zw.WritePart(p.Name, p.Data); err != nil {
			return fmt.Errorf("templates: pack: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("templates: pack: %w", err)
	}
	return nil
}

// Unpack reads the .docx in r (size bytes) and writes its parts as files
// under dir, in the readable layout templates are kept in: XML parts get a
// newline before each child of the root element and before each block
// element of WordprocessingML (paragraph, table, row, cell, section
// properties, style, numbering definition, font), unless one is already
// there. Nothing else changes: XML is never re-encoded, only whitespace
// between elements is inserted, so a diff shows exactly the edits made in
// Word. Pack then Unpack gives back the same files.
//
// dir is created if needed. If it already holds files, it must look like an
// unpacked package (hold a "[Content_Types].xml"): files that the new package
// no longer has are then removed, so that the folder is exactly the package.
// Files and folders whose name starts with a dot (.git, .gitkeep) are left
// alone.
func Unpack(r io.ReaderAt, size int64, dir string) error {
	pkg, err := opc.ReadZip(r, size, opc.Limits{})
	if err != nil {
		return fmt.Errorf("templates: unpack: %w", err)
	}
	if err := unpack(pkg, dir); err != nil {
		return fmt.Errorf("templates: unpack: %w", err)
	}
	return nil
}

// unpack writes pkg's parts into dir, through an os.Root: a symbolic link
// in dir cannot send a part outside it, and a part that is a symbolic link
// is replaced, not written through.
func unpack(pkg *opc.Package, dir string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	old, err := existingFiles(root)
	if err != nil {
		return err
	}
	keep := make(map[string]bool, len(pkg.Parts))
	for _, p := range pkg.Parts {
		keep[p.Name] = true
		data := p.Data
		if pkg.IsXML(p.Name) {
			data = Readable(data)
		}
		if err := root.MkdirAll(path.Dir(p.Name), 0o777); err != nil {
			return err
		}
		if fi, err := root.Lstat(p.Name); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			if err := root.Remove(p.Name); err != nil {
				return err
			}
		}
		if err := root.WriteFile(p.Name, data, 0o666); err != nil {
			return err
		}
	}
	for _, name := range old {
		if !keep[name] {
			if err := root.Remove(name); err != nil {
				return err
			}
		}
	}
	return removeEmptyDirs(root)
}

// existingFiles lists the regular files under root (slash-separated,
// relative), skipping dot files and folders. A non-empty folder without
// "[Content_Types].xml" is refused.
func existingFiles(root *os.Root) ([]string, error) {
	var files []string
	err := fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && opc.Hidden(p, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		found := false
		for _, f := range files {
			if strings.EqualFold(f, "[Content_Types].xml") {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%s is not empty and holds no [Content_Types].xml: refusing to unpack over it", root.Name())
		}
	}
	sort.Strings(files)
	return files, nil
}

// removeEmptyDirs removes the folders under root left empty by unpack.
func removeEmptyDirs(root *os.Root) error {
	var dirs []string
	err := fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." {
			if opc.Hidden(p, true) {
				return fs.SkipDir
			}
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		entries, err := fs.ReadDir(root.FS(), dirs[i])
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			if err := root.Remove(dirs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// blockElements are the WordprocessingML elements that start a line in the
// readable layout wherever they are.
var blockElements = map[string]bool{
	"w:body": true, "w:p": true, "w:tbl": true, "w:tr": true, "w:tc": true,
	"w:sectPr": true, "w:style": true, "w:docDefaults": true, "w:latentStyles": true,
	"w:abstractNum": true, "w:num": true, "w:font": true,
}

// blockEnds are the end tags that start a line in the readable layout.
var blockEnds = map[string]bool{
	"w:body": true, "w:tbl": true, "w:tr": true, "w:tc": true,
}

// Readable returns data, an XML part, with a newline inserted before each
// child of the root element, the root's end tag and each block element (see
// Unpack), where the line does not already start there (only spaces or tabs
// before the tag on its line), and a final newline. Anything it does not
// understand (no markup, a stray '<') is left as it is. It never changes
// the content of an element: the text of w:t elements holds no tags.
func Readable(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/40)
	depth := 0
	last := 0 // start of data not yet copied
	for i := 0; i < len(data); {
		if data[i] != '<' {
			i++
			continue
		}
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			j := bytes.Index(rest, []byte("?>"))
			if j < 0 {
				return finish(&out, data, last)
			}
			i += j + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			j := bytes.Index(rest, []byte("-->"))
			if j < 0 {
				return finish(&out, data, last)
			}
			i += j + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			j := bytes.Index(rest, []byte("]]>"))
			if j < 0 {
				return finish(&out, data, last)
			}
			i += j + 3
			continue
		}
		end := tagEnd(data, i)
		if end < 0 {
			return finish(&out, data, last)
		}
		closing := rest[1] == '/'
		selfClosing := data[end-2] == '/'
		nameStart := i + 1
		if closing {
			nameStart++
		}
		n := nameStart
		for n < end && !isSpace(data[n]) && data[n] != '>' && data[n] != '/' {
			n++
		}
		name := data[nameStart:n]
		var breakBefore bool
		switch {
		case closing:
			depth--
			breakBefore = depth == 0 || blockEnds[string(name)]
		default:
			breakBefore = depth <= 1 || blockElements[string(name)]
			if !selfClosing {
				depth++
			}
		}
		if breakBefore && i > 0 && !lineStartsHere(data, i) {
			out.Write(data[last:i])
			out.WriteByte('\n')
			last = i
		}
		i = end
	}
	return finish(&out, data, last)
}

func finish(out *bytes.Buffer, data []byte, last int) []byte {
	out.Write(data[last:])
	b := out.Bytes()
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	return b
}

// tagEnd returns the index just after the '>' closing the tag at data[i],
// skipping quoted attribute values, or -1.
func tagEnd(data []byte, i int) int {
	var quote byte
	for j := i + 1; j < len(data); j++ {
		c := data[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		}
	}
	return -1
}

// lineStartsHere reports whether only spaces or tabs stand between the
// previous newline (or the start of data) and data[i].
func lineStartsHere(data []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch data[j] {
		case '\n':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
