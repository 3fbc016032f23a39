package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/esante/labelkit/internal/bufpool"
)

// errExists reports a refused overwrite.
var errExists = errorf("already exists; use --force to overwrite it")

// errSkipped reports an existing output left alone (--skip-existing).
var errSkipped = errorf("already exists: skipped")

// tmpMarker is part of every temporary file name: ".NAME.tmp-XXXXXXXXXXXX"
// (12 hexadecimal digits, see createTemp). Temporary names never end in
// .docx, so an interrupted run never leaves a file that looks like a
// finished document.
const tmpMarker = ".tmp-"

// tempRE matches the temporary file names createTemp makes.
var tempRE = regexp.MustCompile(`^\..+\.tmp-[0-9a-f]{12}$`)

// staleAge is the age past which a temporary file of ours that no process
// holds is a leftover of a killed run: a live one exists for the time of
// one output's write (milliseconds to seconds).
const staleAge = time.Hour

// temps tracks the output folders of this process, so that every
// temporary file can be removed on any exit path, a second Ctrl-C included
// (removeTemps). Creating a temporary file holds the read lock; removeTemps
// takes the write lock, so no file is created after it ran.
var temps struct {
	mu      sync.RWMutex
	closing bool
	dirs    map[*outDir]bool
	extra   map[string]bool // unpack's temporary folders
}

// removeTemps removes every temporary file and folder of this process and
// refuses new ones: the process is about to exit.
func removeTemps() {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	temps.closing = true
	for d := range temps.dirs {
		d.cleanup()
	}
	for p := range temps.extra {
		os.RemoveAll(p)
	}
}

// trackTemp registers (on) or forgets a temporary folder for removeTemps.
func trackTemp(path string, on bool) {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	if temps.extra == nil {
		temps.extra = map[string]bool{}
	}
	if on {
		temps.extra[path] = true
	} else {
		delete(temps.extra, path)
	}
}

// outDir is an output folder. Every file is written to an unnamed file in
// the folder (Linux's O_TMPFILE: nothing to remove if the process dies),
// synced, then given its name by a hard link that fails if the name exists
// (so a concurrent writer can never be overwritten; with --force, a
// temporary name then a rename). Where unnamed files are not available, it
// is written to a temporary file, synced, closed, then moved into place the
// same way, falling back to an existence check and a rename on file
// systems without hard links. All access goes through an os.Root or the
// folder's own descriptor, so outputs cannot escape the folder, even
// through symbolic links.
type outDir struct {
	path   string
	root   *os.Root
	force  bool
	policy syncPolicy
	// skipExisting: an existing output is left alone (errSkipped).
	skipExisting bool
	pdf          *pdfOut // --pdf, --pdf-only: see finish

	mu   sync.Mutex
	temp map[string]bool // live temporary files, removed by cleanup

	// dirFile is the folder itself, for syncfs and unnamed files; group
	// batches the syncs.
	dirFile *os.File
	group   groupSync
	// named: unnamed files turned out not to be available here.
	named atomic.Bool
}

// openOutDir opens (creating it if needed) the output folder.
func openOutDir(path string, force bool) (*outDir, error) {
	if path == "" {
		path = "."
	}
	if err := os.MkdirAll(path, 0o777); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, err
	}
	d := &outDir{path: path, root: root, force: force, policy: syncBatch, temp: map[string]bool{}}
	if f, err := root.Open("."); err == nil {
		d.dirFile = f
	}
	d.removeStale(time.Now())
	temps.mu.Lock()
	if temps.dirs == nil {
		temps.dirs = map[*outDir]bool{}
	}
	temps.dirs[d] = true
	temps.mu.Unlock()
	return d, nil
}

// removeStale removes the temporary files a killed run left in the folder:
// names of our pattern only, regular files, older than staleAge and not
// held by a live process (a concurrent run in the same folder keeps its
// own). Errors are ignored: the sweep is a courtesy.
func (d *outDir) removeStale(now time.Time) {
	if d.dirFile == nil {
		return
	}
	names, err := d.dirFile.Readdirnames(-1)
	if err != nil {
		return
	}
	for _, name := range names {
		if !tempRE.MatchString(name) {
			continue
		}
		fi, err := d.root.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < staleAge || lockedByOther(d.root, name) {
			continue
		}
		d.root.Remove(name)
	}
}

// Close syncs the folder (so the renames are durable) and releases it.
func (d *outDir) Close() error {
	d.cleanup()
	temps.mu.Lock()
	delete(temps.dirs, d)
	temps.mu.Unlock()
	var err error
	if d.dirFile != nil {
		if d.policy != syncNone {
			// Syncing a directory is not supported everywhere; ignore errors.
			_ = d.dirFile.Sync()
		}
		d.dirFile.Close()
	}
	if e := d.root.Close(); e != nil {
		err = e
	}
	return err
}

// folderName is the folder's name for messages.
func (d *outDir) folderName() string {
	if d.path == "." {
		return "."
	}
	return d.path
}

// display is the name shown to users for the output name.
func (d *outDir) display(name string) string {
	if d.path == "." {
		return name
	}
	return filepath.Join(d.path, name)
}

// exists reports whether name exists in the folder (a quick check before
// rendering; the final link is what really guarantees no overwrite).
func (d *outDir) exists(name string) bool {
	_, err := d.root.Lstat(name)
	return err == nil
}

// checkExisting says what to do about an existing output name: a folder
// there is an error --force cannot help; an existing file is skipped with
// --skip-existing, refused without --force.
func (d *outDir) checkExisting(name string) error {
	fi, err := d.root.Lstat(name)
	switch {
	case err != nil:
		return nil
	case fi.IsDir():
		return errorf("%s is a folder; rename it or write to another folder (-o)", fileName(d.display(name)))
	case d.skipExisting:
		return errSkipped
	case !d.force:
		return errExists
	}
	return nil
}

// checkName refuses names that are not a single local file name.
func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) {
		return errorf("invalid output name %q", name)
	}
	return nil
}

// write writes name atomically with fill. The temporary file is removed
// whatever happens; when ctx is cancelled, writing stops at the next Write
// and nothing is published.
func (d *outDir) write(ctx context.Context, name string, fill func(w io.Writer) error) error {
	d.group.coming(1)
	p, err := d.create(ctx, name, fill)
	if err != nil {
		d.group.coming(-1)
		return err
	}
	return p.commit(ctx)
}

// memLimit is the size up to which an output is kept in memory until
// commit: rendering then never waits for the file system (creating a file
// can wait for the journal on a busy disk). A larger output spills to its
// temporary file as it is written, so memory stays bounded whatever the
// template: at most memLimit per output in flight.
const memLimit = 1 << 20

// pendingFile is an output rendered but not yet on disk: in memory (buf),
// or, past memLimit, in its temporary file (f, tmp), not yet synced.
type pendingFile struct {
	d    *outDir
	name string
	buf  *bytes.Buffer
	f    *os.File
	tmp  string
	bw   *bufio.Writer
}

// create is the first half of write, the part that needs the CPU: it runs
// fill, keeping its bytes in memory (or spilling them to a new temporary
// file past memLimit), stopping with ctx's error when ctx is cancelled.
// commit, the second half, writes, syncs and publishes. Splitting them lets
// a batch bound the rendering to one worker per core while more outputs
// wait for the disk (see runBatch).
func (d *outDir) create(ctx context.Context, name string, fill func(w io.Writer) error) (*pendingFile, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	// With --pdf-only the DOCX is not written: its name does not matter.
	if d.pdf == nil || !d.pdf.only || !strings.HasSuffix(name, ".docx") {
		if err := d.checkExisting(name); err != nil {
			return nil, err
		}
	}
	buf := bufpool.Get()
	p := &pendingFile{d: d, name: name, buf: buf}
	if err := fill(ctxWriter{ctx, p}); err != nil {
		p.abandon()
		return nil, err
	}
	return p, nil
}

// Write keeps p's bytes in memory up to memLimit, then spills them to the
// temporary file.
func (p *pendingFile) Write(b []byte) (int, error) {
	if p.f == nil {
		if p.buf.Len()+len(b) <= memLimit {
			return p.buf.Write(b)
		}
		if err := p.spill(); err != nil {
			return 0, err
		}
	}
	return p.bw.Write(b)
}

// spill creates the temporary file and writes the buffered bytes to it;
// the rest of the output, if any, goes through a buffered writer.
func (p *pendingFile) spill() error {
	if err := p.open(); err != nil {
		return err
	}
	_, err := p.f.Write(p.buf.Bytes())
	p.releaseBuf()
	p.bw = bufio.NewWriterSize(p.f, 64<<10)
	return err
}

// open creates p's temporary file.
func (p *pendingFile) open() error {
	f, tmp, err := p.d.createTemp(p.name)
	if err != nil {
		return err
	}
	p.f, p.tmp = f, tmp
	return nil
}

func (p *pendingFile) releaseBuf() {
	if p.buf != nil {
		bufpool.Put(p.buf)
		p.buf = nil
	}
}

// contents returns the bytes written so far.
func (p *pendingFile) contents() ([]byte, error) {
	if p.f == nil {
		return p.buf.Bytes(), nil
	}
	if err := p.bw.Flush(); err != nil {
		return nil, err
	}
	if p.tmp == "" { // unnamed
		fi, err := p.f.Stat()
		if err != nil {
			return nil, err
		}
		b := make([]byte, fi.Size())
		_, err = p.f.ReadAt(b, 0)
		return b, err
	}
	return p.d.root.ReadFile(p.tmp)
}

// commit writes the output to its temporary file (if still in memory),
// makes it durable as the sync policy says, closes it and moves it into
// place, unless ctx was cancelled meanwhile. The temporary name is removed
// whatever happens.
func (p *pendingFile) commit(ctx context.Context) error {
	defer p.abandon()
	joined := false
	defer func() {
		if !joined {
			p.d.group.coming(-1)
		}
	}()
	if p.f == nil {
		// Still in memory (the common case): one write from the buffer.
		// No bufio.Writer: the whole output is in the buffer already, and
		// one per output would be fresh memory to clear for nothing.
		if err := p.open(); err != nil {
			return err
		}
		if _, err := p.f.Write(p.buf.Bytes()); err != nil {
			return p.named(err)
		}
		p.releaseBuf()
	} else if err := p.bw.Flush(); err != nil {
		return p.named(err)
	}
	joined = true
	if err := p.d.sync(p.f); err != nil {
		return p.named(err)
	}
	if p.tmp == "" {
		// Unnamed: it gets its name while open (closing it would free it).
		if err := ctx.Err(); err != nil {
			return err
		}
		return p.named(p.d.publishUnnamed(p.f, p.name))
	}
	err := p.f.Close()
	p.f = nil
	if err != nil {
		return p.named(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return p.named(p.d.publish(p.tmp, p.name))
}

// named replaces the temporary file's name in err by the output's: the
// user never chose the temporary name.
func (p *pendingFile) named(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.HasSuffix(pe.Path, p.tmp) {
		return &fs.PathError{Op: pe.Op, Path: p.d.display(p.name), Err: pe.Err}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return &os.LinkError{Op: le.Op, Old: le.Old, New: p.d.display(p.name), Err: le.Err}
	}
	return err
}

// syncPolicy is how outputs are made durable before they are published
// (--sync). Whatever the policy, an output is written to a temporary file
// and moved into place, so no process ever sees a partial one; the policy
// is about a power cut or a kernel crash.
type syncPolicy string

const (
	// syncBatch, the default: outputs are published in groups, after one
	// syncfs of the folder's file system per group (a group gathers the
	// outputs finished within syncWindow, up to syncDepth of them). After
	// a crash, every published output is complete.
	syncBatch syncPolicy = "batch"
	// syncEach: fsync of each output before it is published: flushes only
	// labelkit's own files (syncfs flushes every pending write of the file
	// system, other programs' too), at the price of a journal commit each.
	syncEach syncPolicy = "each"
	// syncNone: published as soon as written; after a crash, recent
	// outputs may be empty or truncated. For scratch folders and tmpfs.
	syncNone syncPolicy = "none"
)

func (p *syncPolicy) String() string { return string(*p) }

func (p *syncPolicy) Set(s string) error {
	switch v := syncPolicy(s); v {
	case syncBatch, syncEach, syncNone:
		*p = v
		return nil
	}
	return errorf("unknown sync policy %q: use batch, each or none", s)
}

// sync makes f's data durable before it is published, as d.policy says:
// batch, by a syncfs shared by a group of outputs (Linux; elsewhere, or if
// syncfs fails, fsync(f)); each, by fsync(f); none, not at all.
func (d *outDir) sync(f *os.File) error {
	switch d.policy {
	case syncNone:
		d.group.coming(-1)
		return nil
	case syncEach:
		d.group.coming(-1)
		return f.Sync()
	}
	if d.dirFile == nil {
		d.group.coming(-1)
	} else if d.group.sync(d.dirFile, f) == nil {
		return nil
	}
	return f.Sync()
}

// syncWindow is how long the first output of a group may wait for others
// to join it before the group is synced, while other outputs are still
// being rendered. It bounds the delay before an output appears.
const syncWindow = 100 * time.Millisecond

// groupSync runs syncFS for groups of callers (group commit): the first
// caller of a group waits, while other outputs are on their way (created,
// not yet written) and for at most syncWindow, for them to join, up to
// syncDepth callers; then one syncFS covers the writes of them all (each
// wrote its data before joining).
type groupSync struct {
	mu       sync.Mutex
	next     *syncGroup // the group being formed, if any
	inflight int        // outputs created, not yet at sync
	arrive   chan struct{}
	run      sync.Mutex // one syncFS at a time
}

type syncGroup struct {
	done chan struct{}
	n    int // callers in the group
	err  error
}

// coming counts outputs on their way to sync: a batch counts all its
// inputs at its start, write its one output; each counts out when it
// reaches sync (commit does it) or gives up (notComing).
func (g *groupSync) coming(delta int) {
	g.mu.Lock()
	g.inflight += delta
	if g.arrive == nil {
		g.arrive = make(chan struct{}, 1)
	}
	g.mu.Unlock()
	if delta < 0 {
		g.wake()
	}
}

// notComing counts out an input that will not be committed (failed,
// invalid or cancelled). d may be nil (commands that write nothing).
func (d *outDir) notComing() {
	if d != nil {
		d.group.coming(-1)
	}
}

func (g *groupSync) wake() {
	select {
	case g.arrive <- struct{}{}:
	default:
	}
}

// sync makes own, a file of the folder dir, durable with the outputs of
// its group: by one syncFS of dir's file system, or by fsync(own) when no
// other output joined (a one-document run: cheaper, and it flushes only
// labelkit's own file).
func (g *groupSync) sync(dir, own *os.File) error {
	g.mu.Lock()
	g.inflight--
	if g.arrive == nil {
		g.arrive = make(chan struct{}, 1)
	}
	grp := g.next
	if grp != nil {
		grp.n++
		g.mu.Unlock()
		g.wake()
		<-grp.done
		return grp.err
	}
	grp = &syncGroup{done: make(chan struct{}), n: 1}
	g.next = grp
	g.mu.Unlock()
	// Leader: gather the outputs on their way, then wait for the sync in
	// flight, close the group and sync.
	g.gather(grp)
	g.run.Lock()
	g.mu.Lock()
	g.next = nil
	g.mu.Unlock()
	if grp.n == 1 {
		grp.err = own.Sync()
	} else {
		grp.err = syncFS(dir)
	}
	g.run.Unlock()
	close(grp.done)
	return grp.err
}

// gather waits until grp is full, no other output is on its way, or
// syncWindow has passed.
func (g *groupSync) gather(grp *syncGroup) {
	var timer *time.Timer
	for {
		g.mu.Lock()
		full, none := grp.n >= syncDepth, g.inflight <= 0
		g.mu.Unlock()
		if full || none {
			break
		}
		if timer == nil {
			timer = time.NewTimer(syncWindow)
			defer timer.Stop()
		}
		select {
		case <-g.arrive:
		case <-timer.C:
			return
		}
	}
}

// abandon releases the buffer, closes and removes the temporary file
// (after a successful publish, only the temporary name goes: the output
// keeps its link).
func (p *pendingFile) abandon() {
	p.releaseBuf()
	if p.f != nil {
		p.f.Close()
		p.f = nil
	}
	if p.tmp != "" {
		p.d.root.Remove(p.tmp)
		p.d.forget(p.tmp)
		p.tmp = ""
	}
}

// publish moves the finished temporary file to name.
func (d *outDir) publish(tmp, name string) error {
	if d.force {
		return d.root.Rename(tmp, name)
	}
	err := d.root.Link(tmp, name)
	if err == nil {
		return nil // abandon drops the temporary name
	}
	if errors.Is(err, fs.ErrExist) {
		if err := d.checkExisting(name); err != nil {
			return err
		}
		return errExists
	}
	// No hard links here (some network or FAT file systems): check, then
	// rename. A concurrent writer could slip in between; documented.
	if d.exists(name) {
		return errExists
	}
	return d.root.Rename(tmp, name)
}

// publishUnnamed gives the unnamed file f the name name.
func (d *outDir) publishUnnamed(f *os.File, name string) error {
	err := linkFile(f, d.dirFile, name)
	if err == nil {
		return nil
	}
	if !errors.Is(err, fs.ErrExist) {
		// /proc/self/fd unusable (a sandbox, say): the bytes go to a
		// named temporary file, and so do the next outputs.
		d.named.Store(true)
		return d.copyNamed(f, name)
	}
	if !d.force {
		if err := d.checkExisting(name); err != nil {
			return err
		}
		return errExists
	}
	// --force: a temporary name, then a rename over the existing file.
	temps.mu.RLock()
	defer temps.mu.RUnlock()
	if temps.closing {
		return context.Canceled
	}
	for range 100 {
		tmp := tempName(name)
		err := linkFile(f, d.dirFile, tmp)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "link", Path: name, Err: err}
		}
		d.mu.Lock()
		d.temp[tmp] = true
		d.mu.Unlock()
		err = d.root.Rename(tmp, name)
		if err != nil {
			d.root.Remove(tmp)
		}
		d.forget(tmp)
		return err
	}
	return errorf("%s: cannot create a temporary file in this folder", fileName(d.folderName()))
}

// linkFile is linkUnnamed, replaced by tests.
var linkFile = linkUnnamed

// copyNamed writes the unnamed file f's bytes to a named temporary file,
// made durable as the policy says, and moves it to name.
func (d *outDir) copyNamed(f *os.File, name string) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	tf, tmp, err := d.createTemp(name)
	if err != nil {
		return err
	}
	defer func() {
		d.root.Remove(tmp)
		d.forget(tmp)
	}()
	_, err = io.Copy(tf, io.NewSectionReader(f, 0, fi.Size()))
	if err == nil && d.policy != syncNone {
		err = tf.Sync()
	}
	if cerr := tf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return d.publish(tmp, name)
}

// tempName returns a new temporary name for the output name.
func tempName(name string) string {
	var b [6]byte
	rand.Read(b[:])
	return fmt.Sprintf(".%s%s%x", name, tmpMarker, b)
}

// createTemp creates the file an output is written to before it gets its
// name: an unnamed file (tmp is then ""), or a new temporary file locked
// against other runs' sweeps and registered for removal on every exit
// path. A failure names the folder, not the temporary name the user never
// chose.
func (d *outDir) createTemp(name string) (*os.File, string, error) {
	temps.mu.RLock()
	defer temps.mu.RUnlock()
	if temps.closing {
		return nil, "", context.Canceled
	}
	if d.dirFile != nil && !d.named.Load() {
		f, ok, err := createUnnamed(d.dirFile, name)
		if ok && err == nil {
			return f, "", nil
		}
		if ok {
			return nil, "", errorf("%s: cannot write in this folder: %v", fileName(d.folderName()), err)
		}
		d.named.Store(true)
	}
	for range 100 {
		tmp := tempName(name)
		f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, "", errorf("%s: cannot write in this folder: %v", fileName(d.folderName()), err)
		}
		lockTemp(f)
		d.mu.Lock()
		d.temp[tmp] = true
		d.mu.Unlock()
		return f, tmp, nil
	}
	return nil, "", errorf("%s: cannot create a temporary file in this folder", fileName(d.folderName()))
}

func (d *outDir) forget(tmp string) {
	d.mu.Lock()
	delete(d.temp, tmp)
	d.mu.Unlock()
}

// cleanup removes temporary files still registered (normally none: each
// write removes its own).
func (d *outDir) cleanup() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for tmp := range d.temp {
		d.root.Remove(tmp)
		delete(d.temp, tmp)
	}
}

// ctxWriter fails writes once ctx is cancelled, so that an interrupted run
// abandons in-flight documents quickly.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// writeFileAtomic writes one file (path may include a folder) atomically,
// refusing to overwrite unless force. SIGINT or SIGTERM stops it, leaving
// nothing behind: the error is then the signalError.
func writeFileAtomic(ctx context.Context, path string, force bool, fill func(w io.Writer) error) error {
	ctx, stop := withSignals(ctx)
	defer stop()
	d, err := openOutDir(filepath.Dir(path), force)
	if err != nil {
		return err
	}
	werr := d.write(ctx, filepath.Base(path), fill)
	cerr := d.Close()
	if cause := context.Cause(ctx); werr != nil && cause != nil && isCancel(ctx, werr) {
		return cause
	}
	if werr != nil {
		return werr
	}
	return cerr
}
