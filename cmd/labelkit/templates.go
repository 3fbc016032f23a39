package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/esante/labelkit/frfuncs"
	"github.com/esante/labelkit/internal/opc"
	"github.com/esante/labelkit/render"
	"github.com/esante/labelkit/templates"
)

// loadTemplate resolves a template argument: "" is the default embedded
// template; a name listed by 'labelkit templates' is that embedded template
// (unless a file of that name exists); otherwise a .docx file or an unpacked
// template folder, parsed here with the French functions of package frfuncs
// (as the embedded templates are) and opts. For an embedded template it
// returns (nil, name, nil) after checking that it loads; the caller asks
// templates.Get for it (parsed once, cached).
func loadTemplate(spec string, opts ...render.Option) (*render.Template, string, error) {
	if spec == "" {
		spec = templates.DefaultName
	}
	_, statErr := os.Stat(spec)
	if _, ok := templates.Lookup(spec); ok && statErr != nil {
		if _, err := templates.Get(spec); err != nil {
			return nil, "", errorf("embedded template %s: %v", spec, err)
		}
		return nil, spec, nil
	}
	fi, err := os.Stat(spec)
	if err != nil {
		var names []string
		for _, info := range templates.List() {
			names = append(names, info.Name)
		}
		return nil, "", errorf("%s: no such template: neither a file or folder nor an embedded template (%s)", fileName(spec), strings.Join(names, ", "))
	}
	opts = append([]render.Option{render.Funcs(frfuncs.FuncMap())}, opts...)
	var t *render.Template
	release := reserveHeap(parseRoom)
	if fi.IsDir() {
		t, err = render.ParseFS(os.DirFS(spec), opts...)
	} else {
		t, err = render.ParseFile(spec, opts...)
	}
	release()
	if err != nil {
		return nil, "", prefixed(spec, err)
	}
	holdHeap()
	return t, "", nil
}

// anyTemplate is loadTemplate for commands that need the parsed template
// itself (fill, vars), embedded or not.
func anyTemplate(spec string, opts ...render.Option) (*render.Template, error) {
	t, name, err := loadTemplate(spec, opts...)
	if err != nil || t != nil {
		return t, err
	}
	return templates.Get(name)
}

// prefixedError names the file an error is about, keeping the original
// error for errors.As.
type prefixedError struct {
	file string
	err  error
}

func (e *prefixedError) Error() string {
	msg := e.err.Error()
	if strings.HasPrefix(msg, e.file+":") {
		return msg
	}
	return e.file + ": " + msg
}
func (e *prefixedError) Unwrap() error { return e.err }

func prefixed(file string, err error) error { return &prefixedError{file, err} }

var templatesHelp = help{
	usage: msg(`
Usage: labelkit templates

Lists the embedded templates: name, agreement version and title. The default
template is marked with *. Any of these names can be given to -t.
`),
	examples: `
  labelkit templates
  labelkit render -t centres-sante-v2 acme.toml`,
}

func runTemplates(a *app, args []string) int {
	fs := newFlags("templates")
	pos, code, ok := a.parseFlags(fs, templatesHelp, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return a.usageError(fs, "takes no arguments")
	}
	a.listTemplates()
	return exitOK
}

func (a *app) listTemplates() {
	tw := tabwriter.NewWriter(a.stdout, 0, 8, 2, ' ', 0)
	a.printf(tw, "NAME\tVERSION\tTITLE\n")
	for _, info := range templates.List() {
		name := info.Name
		if name == templates.DefaultName {
			name += " *"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", name, info.Version, info.Title)
	}
	tw.Flush()
}

var templateHelp = help{
	usage: msg(`
Usage:

  labelkit template export NAME [-o FILE.docx] [--force]
  labelkit template pack DIR [-o FILE.docx] [--force]
  labelkit template unpack FILE.docx [-o DIR] [--force]
  labelkit template list

export writes an embedded template (see 'labelkit templates') as a .docx to
open and edit in Word or LibreOffice (default FILE: NAME.docx in the current
folder; "-" is standard output); render it with 'labelkit render -t FILE'.

Templates are kept in git as unpacked DOCX parts (one folder), so that every
wording change is a readable diff. pack zips such a folder into a .docx to
open in Word or LibreOffice (default FILE: the folder's name + .docx in the
current folder; "-" is standard output); unpack turns an edited .docx back
into a folder (default DIR: the file's name without .docx), laid out for
readable diffs. unpack refuses a folder that is not empty unless --force;
with --force the folder must hold an unpacked package, which is replaced
(parts the .docx no longer has are removed; dot-files such as .git are left
alone). list is 'labelkit templates'.
`),
	examples: msg(`
  labelkit template export centres-sante-v2 -o ma-convention.docx   # edit it in Word
  labelkit render -t ma-convention.docx acme.toml
  labelkit template unpack ma-convention.docx -o ma-convention/     # readable diffs
  labelkit template pack ma-convention/ -o ma-convention.docx
  labelkit vars ma-convention.docx`),
}

func runTemplate(a *app, args []string) int {
	fs := newFlags("template")
	var out string
	var force bool
	fs.StringVar(&out, "o", "", msg("output `FILE` (pack) or `DIR` (unpack)"))
	fs.BoolVar(&force, "force", false, msg("overwrite an existing file, or unpack into a folder that is not empty"))
	pos, code, ok := a.parseFlags(fs, templateHelp, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return a.usageError(fs, "missing subcommand: export, pack, unpack or list")
	}
	sub, pos := pos[0], pos[1:]
	switch sub {
	case "list":
		if len(pos) > 0 {
			return a.usageError(fs, "list takes no arguments")
		}
		a.listTemplates()
		return exitOK
	case "pack":
		if len(pos) == 2 && out == "" {
			return a.usageError(fs, "pack takes one folder; name the output with -o: labelkit template pack %s -o %s", pos[0], pos[1])
		}
		if len(pos) != 1 {
			return a.usageError(fs, "pack takes one folder")
		}
		return a.pack(fs, pos[0], out, force)
	case "export":
		if len(pos) == 2 && out == "" {
			return a.usageError(fs, "export takes one template name; name the output with -o: labelkit template export %s -o %s", pos[0], pos[1])
		}
		if len(pos) != 1 {
			return a.usageError(fs, "export takes one embedded template name (see 'labelkit templates')")
		}
		return a.export(fs, pos[0], out, force)
	case "unpack":
		if len(pos) == 2 && out == "" {
			return a.usageError(fs, "unpack takes one .docx file; name the folder with -o: labelkit template unpack %s -o %s", pos[0], pos[1])
		}
		if len(pos) != 1 {
			return a.usageError(fs, "unpack takes one .docx file")
		}
		return a.unpack(fs, pos[0], out, force)
	}
	return a.usageError(fs, "unknown subcommand %q: use export, pack, unpack or list", sub)
}

// export writes an embedded template as an editable .docx (default:
// NAME.docx in the current folder), from the installed binary alone.
func (a *app) export(fs interface{ Name() string }, name, out string, force bool) int {
	tfs, err := templates.FS(name)
	if err != nil {
		var names []string
		for _, info := range templates.List() {
			names = append(names, info.Name)
		}
		return a.failUsage(fs, errorf("%s: no such embedded template (%s)", fileName(name), strings.Join(names, ", ")))
	}
	if out == "" {
		out = name + ".docx"
	}
	return a.packFS(fs, tfs, name, out, force)
}

func (a *app) pack(fs interface{ Name() string }, dir, out string, force bool) int {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return a.failUsage(fs, errorf("%s: not a folder", fileName(dir)))
	}
	if out == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return a.fail(dir, err)
		}
		out = filepath.Base(abs) + ".docx"
	}
	return a.packFS(fs, os.DirFS(dir), dir, out, force)
}

// packFS zips the unpacked template tfs (named src in messages) into out
// ("-": standard output), atomically.
func (a *app) packFS(fs interface{ Name() string }, tfs iofs.FS, src, out string, force bool) int {
	fill := func(w io.Writer) error { return templates.Pack(w, tfs) }
	dir := src
	if out == stdinName {
		if a.stdoutTerminal {
			return a.failUsage(fs, errorf("refusing to write a DOCX to a terminal: redirect standard output or give -o FILE"))
		}
		var buf bytes.Buffer
		if err := fill(&buf); err != nil {
			return a.fail(dir, err)
		}
		if _, err := a.stdout.Write(buf.Bytes()); err != nil {
			return a.fail(a.sprintf("<stdout>"), err)
		}
		return exitOK
	}
	if err := writeFileAtomic(a.ctx, out, force, fill); err != nil {
		if _, ok := err.(*prefixedError); ok {
			return a.fail("", err)
		}
		return a.fail(out, err)
	}
	return exitOK
}

func (a *app) unpack(fs interface{ Name() string }, file, out string, force bool) int {
	f, err := os.Open(file)
	if err != nil {
		return a.failUsage(fs, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return a.fail(file, err)
	}
	if fi.IsDir() {
		return a.failUsage(fs, errorf("%s: is a folder, not a .docx file", fileName(file)))
	}
	if out == "" {
		base := filepath.Base(file)
		out = strings.TrimSuffix(base, filepath.Ext(base))
		if out == base {
			out += ".unpacked"
		}
	}
	entries, err := os.ReadDir(out)
	switch {
	case err == nil && len(entries) > 0 && !force:
		return a.fail(file, errorf("%s is not empty; use --force to unpack into it", fileName(out)))
	case err != nil && !os.IsNotExist(err):
		return a.fail(out, err)
	}
	if err := a.unpackReplacing(f, fi.Size(), out, err == nil && len(entries) > 0); err != nil {
		return a.fail(file, err)
	}
	return exitOK
}

// unpackReplacing unpacks the template into a new temporary sibling of
// out (created with the umask's permissions), then puts it in out's place,
// so that a failure or a signal leaves out as it was. With replace, out
// holds an earlier unpack: its dot files (.git, .gitignore...) are moved
// into the new folder, then the old folder is swapped out and removed.
// Nothing is written through a symbolic link of out.
func (a *app) unpackReplacing(r io.ReaderAt, size int64, out string, replace bool) error {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return err
	}
	tmp, err := mkdirTemp(parent, "."+filepath.Base(out)+tmpMarker)
	if err != nil {
		return err
	}
	trackTemp(tmp, true)
	defer trackTemp(tmp, false)
	defer os.RemoveAll(tmp)
	ctx, stop := withSignals(a.ctx)
	defer stop()
	if err := templates.Unpack(r, size, tmp); err != nil {
		return err
	}
	if cause := context.Cause(ctx); cause != nil {
		return cause
	}
	if !replace {
		return os.Rename(tmp, out)
	}
	if _, err := os.Lstat(filepath.Join(out, "[Content_Types].xml")); err != nil {
		return errorf("%s is not empty and holds no [Content_Types].xml: refusing to unpack over it", fileName(out))
	}
	if err := moveDotEntries(out, tmp); err != nil {
		return err
	}
	old := tmp + ".old"
	trackTemp(old, true)
	defer trackTemp(old, false)
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

// moveDotEntries moves the files and folders of from whose name starts with
// a dot (except _rels/.rels files, parts of the template) to the same place
// in to. Symbolic links are moved as links, never followed.
func moveDotEntries(from, to string) error {
	root, err := os.OpenRoot(from)
	if err != nil {
		return err
	}
	defer root.Close()
	var dots []string
	err = iofs.WalkDir(root.FS(), ".", func(p string, d iofs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && opc.Hidden(p, d.IsDir()) {
			dots = append(dots, p)
			if d.IsDir() {
				return iofs.SkipDir
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range dots {
		dst := filepath.Join(to, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(from, filepath.FromSlash(p)), dst); err != nil {
			return err
		}
	}
	return nil
}

// mkdirTemp is os.MkdirTemp creating the folder with the umask's
// permissions (os.MkdirTemp's are 0700).
func mkdirTemp(dir, prefix string) (string, error) {
	for {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64()&0xffffffff, 16))
		err := os.Mkdir(name, 0o777)
		if !errors.Is(err, iofs.ErrExist) {
			return name, err
		}
	}
}
