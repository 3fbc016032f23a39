// Package pdf converts DOCX documents to PDF/A-2b through LibreOffice
// headless (soffice), in batches, with reproducible bytes.
//
// A Converter keeps a small pool of workers, each with its own LibreOffice
// user profile in a temporary folder (never the user's own). Documents
// submitted concurrently are gathered into batches: one soffice process
// converts a whole batch, so a process start (several seconds) is paid once
// per batch, not once per document. Each document has a timeout; a
// LibreOffice that hangs or crashes is killed with its whole process group,
// the document it was working on fails, and the batch's other documents are
// converted again by a new process. Cancelling the context of every
// document of a batch, or closing the Converter, kills its process.
//
// The PDF is PDF/A-2b, tagged, with its fonts embedded (LibreOffice's
// writer_pdf_Export filter with SelectPdfVersion=2 and UseTaggedPDF; options
// given in JSON, which needs LibreOffice 7.4 or later). Its metadata (Info
// dictionary and XMP packet, kept consistent as PDF/A requires) carries the
// DOCX's core properties: title, subject, keywords, author, language, and
// its created and modified dates instead of the time of the conversion. The
// file identifier (trailer ID, XMP DocumentID and InstanceID) is a hash of
// the content. So the same DOCX gives the same PDF bytes with the same
// LibreOffice version and fonts; another version lays out differently.
//
// The package knows nothing of agreements: it converts any DOCX.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// EnvSoffice is the environment variable through which programs built on
// this package (the labelkit command) let users name the soffice program.
// The package itself does not read the environment: see WithSoffice.
const EnvSoffice = "LABELKIT_SOFFICE"

// MaxInput is the largest DOCX accepted (bytes).
const MaxInput = 64 << 20

var (
	// ErrNotFound reports that no soffice program was found.
	ErrNotFound = errors.New("LibreOffice (soffice) not found")
	// ErrClosed reports a conversion asked of a closed Converter.
	ErrClosed = errors.New("converter closed")
	// ErrTimeout reports a document LibreOffice did not finish in time
	// (its process was killed).
	ErrTimeout = errors.New("LibreOffice did not finish in time")
	// ErrCrashed reports a LibreOffice process that stopped while
	// converting the document.
	ErrCrashed = errors.New("LibreOffice stopped while converting")
	// ErrLoad reports a document LibreOffice could not open.
	ErrLoad = errors.New("LibreOffice could not open the document")
	// ErrNoOutput reports a conversion that wrote no PDF.
	ErrNoOutput = errors.New("LibreOffice wrote no PDF")
)

// ConversionError is a failed conversion: the cause (ErrTimeout,
// ErrCrashed, ErrLoad, ErrNoOutput...) and what LibreOffice printed.
type ConversionError struct {
	Err    error
	Output string // LibreOffice's last messages, if any
}

// Error implements the error interface.
func (e *ConversionError) Error() string {
	if e.Output == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("%v (LibreOffice said: %s)", e.Err, e.Output)
}

// Unwrap returns the cause.
func (e *ConversionError) Unwrap() error { return e.Err }

// VersionError reports a LibreOffice too old for the PDF/A-2 export
// options.
type VersionError struct {
	Path    string // the soffice program
	Version string // as it reports itself
}

// MinVersion is the oldest LibreOffice accepted: the first to read export
// filter options given in JSON on the command line.
const MinVersion = "7.4"

// Error implements the error interface.
func (e *VersionError) Error() string {
	return fmt.Sprintf("%s is %s: PDF/A-2 export needs LibreOffice %s or later", e.Path, e.Version, MinVersion)
}

// Option configures a Converter.
type Option func(*config)

type config struct {
	soffice   string
	processes int
	batch     int
	timeout   time.Duration
	startup   time.Duration
	gather    time.Duration
	tempDir   string
	date      time.Time
	language  string
}

// WithSoffice names the soffice program (a path, or a name looked up in
// PATH). The default is "soffice" from PATH.
func WithSoffice(path string) Option { return func(c *config) { c.soffice = path } }

// WithProcesses sets how many LibreOffice processes may run at once. The
// default is GOMAXPROCS, at most 4 (each process takes about 200 MB).
func WithProcesses(n int) Option { return func(c *config) { c.processes = n } }

// WithBatchSize sets how many documents one LibreOffice process converts
// at most (default 16). 1 starts a process per document.
func WithBatchSize(n int) Option { return func(c *config) { c.batch = n } }

// WithTimeout sets how long LibreOffice may take over one document before
// it is killed (default 2 minutes).
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithStartupTimeout sets the time allowed, on top of the first
// document's timeout, for a LibreOffice process to start (default 2
// minutes: a first start creates the profile).
func WithStartupTimeout(d time.Duration) Option { return func(c *config) { c.startup = d } }

// WithTempDir sets the folder under which the profiles and staged files
// are kept (default os.TempDir()). Everything is removed by Close.
func WithTempDir(dir string) Option { return func(c *config) { c.tempDir = dir } }

// WithDate sets the creation and modification dates written into every
// PDF, instead of the DOCX's own core property dates.
func WithDate(t time.Time) Option { return func(c *config) { c.date = t } }

// WithLanguage sets LibreOffice's default language (default "fr-FR"): a
// document that declares none gets it as the PDF's /Lang and XMP
// dc:language. The XMP dc:language is otherwise the DOCX's core property,
// or else its default language (the PDF's /Lang).
func WithLanguage(tag string) Option { return func(c *config) { c.language = tag } }

// Converter converts DOCX documents to PDF. It is safe for concurrent use;
// call Close when done to stop its processes and remove its files.
type Converter struct {
	cfg config

	queue     chan *request
	closed    chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup

	startOnce sync.Once
	startErr  error
	soffice   string
	version   string
	tmp       string

	starts atomic.Int64
}

// New returns a Converter. Nothing is started until the first conversion.
func New(opts ...Option) *Converter {
	cfg := config{
		soffice:   "soffice",
		processes: min(runtime.GOMAXPROCS(0), 4),
		batch:     16,
		timeout:   2 * time.Minute,
		startup:   2 * time.Minute,
		gather:    100 * time.Millisecond,
		language:  "fr-FR",
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.soffice == "" {
		cfg.soffice = "soffice"
	}
	cfg.processes = max(cfg.processes, 1)
	cfg.batch = max(cfg.batch, 1)
	if cfg.timeout <= 0 {
		cfg.timeout = 2 * time.Minute
	}
	if cfg.startup < 0 {
		cfg.startup = 0
	}
	return &Converter{cfg: cfg, queue: make(chan *request), closed: make(chan struct{})}
}

// Convert reads a DOCX from r and writes its PDF to w. Nothing is written
// to w unless the conversion succeeded.
func (c *Converter) Convert(ctx context.Context, w io.Writer, r io.Reader) error {
	docx, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return err
	}
	if len(docx) > MaxInput {
		return fmt.Errorf("DOCX larger than %d MiB", MaxInput>>20)
	}
	p, err := readProps(docx)
	if err != nil {
		return fmt.Errorf("not a readable DOCX: %w", err)
	}
	if err := c.start(); err != nil {
		return err
	}
	raw, err := c.submit(ctx, docx)
	if err != nil {
		return err
	}
	m := meta{props: p, created: p.created, modified: p.modified}
	if m.created.IsZero() {
		m.created = m.modified
	}
	if m.modified.IsZero() {
		m.modified = m.created
	}
	if !c.cfg.date.IsZero() {
		m.created, m.modified = c.cfg.date, c.cfg.date
	}
	m.defaultLanguage = c.cfg.language
	out, err := normalize(raw, m)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// ConvertFile converts the DOCX file src to the PDF file dst, written
// through a temporary file in dst's folder and renamed into place (an
// existing dst is replaced).
func (c *Converter) ConvertFile(ctx context.Context, dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	var buf bytes.Buffer
	if err := c.Convert(ctx, &buf, in); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// Check finds soffice and checks its version, without converting anything:
// it returns the error the first conversion would return (ErrNotFound, a
// *VersionError).
func (c *Converter) Check() error { return c.start() }

// Version returns LibreOffice's version as it reports itself ("LibreOffice
// 7.4.7.2 40(Build:2)"), once Check or a conversion has found it.
func (c *Converter) Version() string {
	if c.start() != nil {
		return ""
	}
	return c.version
}

// Starts returns how many LibreOffice processes were started so far.
func (c *Converter) Starts() int64 { return c.starts.Load() }

// Close kills the running LibreOffice processes (their documents fail with
// ErrClosed), waits for them and removes the temporary files. It is safe to
// call more than once.
func (c *Converter) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	c.wg.Wait()
	if c.tmp != "" {
		return os.RemoveAll(c.tmp)
	}
	return nil
}

var versionRE = regexp.MustCompile(`LibreOffice (\d+)\.(\d+)`)

// start finds soffice, checks its version and starts the workers, once.
func (c *Converter) start() error {
	c.startOnce.Do(func() {
		select {
		case <-c.closed:
			c.startErr = ErrClosed
			return
		default:
		}
		path, err := exec.LookPath(c.cfg.soffice)
		if err != nil {
			c.startErr = fmt.Errorf("%w: %v", ErrNotFound, err)
			return
		}
		c.soffice = path
		tmp, err := os.MkdirTemp(c.cfg.tempDir, "labelkit-pdf-")
		if err != nil {
			c.startErr = err
			return
		}
		c.tmp = tmp
		if c.version, err = c.queryVersion(); err != nil {
			c.startErr = err
			return
		}
		if m := versionRE.FindStringSubmatch(c.version); m != nil {
			major, _ := strconv.Atoi(m[1])
			minor, _ := strconv.Atoi(m[2])
			if major < 7 || major == 7 && minor < 4 {
				c.startErr = &VersionError{Path: path, Version: c.version}
				return
			}
		}
		for i := range c.cfg.processes {
			w, err := c.newWorker(i)
			if err != nil {
				c.startErr = err
				return
			}
			c.wg.Add(1)
			go w.loop()
		}
	})
	return c.startErr
}

// queryVersion runs "soffice --version" (it does not start the office).
func (c *Converter) queryVersion() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.soffice, "--version")
	cmd.Env = append(os.Environ(), "HOME="+c.tmp)
	setGroup(cmd)
	cmd.Cancel = func() error { return killGroup(cmd) }
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s --version: %w", c.soffice, err)
	}
	return string(bytes.TrimSpace(out)), nil
}

// request is one document waiting for, or in, a batch.
type request struct {
	ctx      context.Context
	docx     []byte
	attempts int
	done     chan result // buffered: the worker never waits for the caller
}

type result struct {
	pdf []byte
	err error
}

func (r *request) reply(pdf []byte, err error) { r.done <- result{pdf, err} }

// submit hands docx to a worker and waits for its raw PDF.
func (c *Converter) submit(ctx context.Context, docx []byte) ([]byte, error) {
	r := &request{ctx: ctx, docx: docx, done: make(chan result, 1)}
	select {
	case c.queue <- r:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-c.closed:
		return nil, ErrClosed
	}
	select {
	case res := <-r.done:
		return res.pdf, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
