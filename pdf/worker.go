package pdf

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// filter is the export filter with its options (JSON: LibreOffice 7.4+).
// SelectPdfVersion 2 is PDF/A-2b, which implies embedded fonts.
const filter = `pdf:writer_pdf_Export:{` +
	`"SelectPdfVersion":{"type":"long","value":"2"},` +
	`"UseTaggedPDF":{"type":"boolean","value":"true"},` +
	`"ExportBookmarks":{"type":"boolean","value":"true"}}`

// maxAttempts bounds how often a document is handed to a new process after
// a process stopped before reaching it.
const maxAttempts = 3

// worker runs one LibreOffice process at a time, with its own profile.
type worker struct {
	c       *Converter
	dir     string // the worker's folder: profile, home, jobs
	profile string
	home    string
}

func (c *Converter) newWorker(i int) (*worker, error) {
	dir := filepath.Join(c.tmp, fmt.Sprintf("w%d", i))
	w := &worker{c: c, dir: dir, profile: filepath.Join(dir, "profile"), home: filepath.Join(dir, "home")}
	if err := os.MkdirAll(filepath.Join(w.profile, "user"), 0o700); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(w.home, 0o700); err != nil {
		return nil, err
	}
	// The default language, for documents that declare none.
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>` + xmlAttr(c.cfg.language) + `</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>` + xmlAttr(c.cfg.language) + `</value></prop></item>
</oor:items>
`
	if err := os.WriteFile(filepath.Join(w.profile, "user", "registrymodifications.xcu"), []byte(xcu), 0o600); err != nil {
		return nil, err
	}
	return w, nil
}

func xmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// loop takes a request, gathers more for a short while (up to the batch
// size), converts them with one process, and starts again.
func (w *worker) loop() {
	defer w.c.wg.Done()
	c := w.c
	for {
		var first *request
		select {
		case first = <-c.queue:
		case <-c.closed:
			return
		}
		batch := []*request{first}
		t := time.NewTimer(c.cfg.gather)
	gather:
		for len(batch) < c.cfg.batch {
			select {
			case r := <-c.queue:
				batch = append(batch, r)
			case <-t.C:
				break gather
			case <-c.closed:
				break gather
			}
		}
		t.Stop()
		for len(batch) > 0 {
			batch = w.run(batch)
		}
	}
}

// run converts batch with one LibreOffice process and replies to each
// request it settles; it returns the requests to hand to a new process
// (those the process did not reach because it was killed or stopped).
func (w *worker) run(batch []*request) []*request {
	c := w.c
	live := batch[:0]
	for _, r := range batch {
		select {
		case <-c.closed:
			r.reply(nil, ErrClosed)
			continue
		default:
		}
		if err := r.ctx.Err(); err != nil {
			r.reply(nil, err)
			continue
		}
		live = append(live, r)
	}
	batch = live
	if len(batch) == 0 {
		return nil
	}
	fail := func(rs []*request, err error) []*request {
		for _, r := range rs {
			r.reply(nil, err)
		}
		return nil
	}
	job, err := os.MkdirTemp(w.dir, "job-")
	if err != nil {
		return fail(batch, err)
	}
	defer os.RemoveAll(job)
	outDir := filepath.Join(job, "out")
	if err := os.Mkdir(outDir, 0o700); err != nil {
		return fail(batch, err)
	}
	args := []string{
		"-env:UserInstallation=" + fileURL(w.profile),
		"--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--convert-to", filter, "--outdir", outDir,
	}
	for i, r := range batch {
		name := filepath.Join(job, fmt.Sprintf("d%04d.docx", i))
		if err := os.WriteFile(name, r.docx, 0o600); err != nil {
			return fail(batch, err)
		}
		args = append(args, name)
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		return fail(batch, err)
	}
	cmd := exec.Command(c.soffice, args...)
	cmd.Dir = job
	cmd.Env = append(os.Environ(), "HOME="+w.home)
	cmd.Stdout, cmd.Stderr = pw, pw
	setGroup(cmd)
	err = cmd.Start()
	pw.Close()
	if err != nil {
		pr.Close()
		return fail(batch, fmt.Errorf("starting %s: %w", c.soffice, err))
	}
	c.starts.Add(1)
	lines := make(chan string, 16)
	go func() {
		defer close(lines)
		defer pr.Close()
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	// The process is killed when every document of the batch is
	// abandoned by its caller.
	left := atomic.Int64{}
	left.Store(int64(len(batch)))
	abandoned := make(chan struct{})
	for _, r := range batch {
		stop := context.AfterFunc(r.ctx, func() {
			if left.Add(-1) == 0 {
				close(abandoned)
			}
		})
		defer stop()
	}

	// LibreOffice prints one status line per input, in order, once the
	// input is loaded ("convert IN -> OUT ..." then it stores the PDF, or
	// "Error: source file could not be loaded"): document i is finished
	// when status i+1 appears or the process exits. The timeout restarts
	// at each status line.
	var statuses []string
	var said []string // other messages, last few kept
	note := func(l string) {
		switch {
		case strings.HasPrefix(l, "convert "), strings.HasPrefix(l, "Error: source file could not be loaded"):
			statuses = append(statuses, l)
		case strings.TrimSpace(l) == "", strings.Contains(l, "javaldx"):
		default:
			said = append(said, strings.TrimSpace(l))
			if len(said) > 5 {
				said = said[1:]
			}
		}
	}
	deadline := time.NewTimer(c.cfg.startup + c.cfg.timeout)
	defer deadline.Stop()
	var cause error // why the process was killed, if it was
	var exitErr error
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			n := len(statuses)
			note(l)
			if len(statuses) > n {
				deadline.Reset(c.cfg.timeout)
			}
		case exitErr = <-exited:
			break wait
		case <-deadline.C:
			cause = ErrTimeout
		case <-abandoned:
			cause = context.Canceled
		case <-c.closed:
			cause = ErrClosed
		}
		if cause != nil {
			killGroup(cmd)
			exitErr = <-exited
			break
		}
	}
	// Whatever is left of the group goes too; then the pipe reaches EOF.
	killGroup(cmd)
	if lines != nil {
		for l := range lines {
			note(l)
		}
	}
	output := strings.Join(said, " / ")
	if cause == nil && exitErr != nil {
		cause = ErrCrashed
		output = strings.TrimSpace(exitErr.Error() + "; " + output)
	}

	var retry []*request
	culprit := -1 // the document being converted when the process stopped
	if cause != nil {
		culprit = len(statuses)
		if n := len(statuses); n > 0 && strings.HasPrefix(statuses[n-1], "convert ") && !complete(filepath.Join(outDir, fmt.Sprintf("d%04d.pdf", n-1))) {
			culprit = n - 1
		}
	}
	for i, r := range batch {
		switch {
		case cause == context.Canceled || cause == ErrClosed:
			if err := r.ctx.Err(); err != nil {
				r.reply(nil, err)
			} else if i < len(statuses) && complete(filepath.Join(outDir, fmt.Sprintf("d%04d.pdf", i))) {
				r.reply(readPDF(outDir, i))
			} else {
				r.reply(nil, ErrClosed)
			}
		case i == culprit:
			r.reply(nil, &ConversionError{Err: cause, Output: output})
		case i < len(statuses) && strings.HasPrefix(statuses[i], "Error:"):
			r.reply(nil, &ConversionError{Err: ErrLoad})
		case i < len(statuses):
			pdf, err := readPDF(outDir, i)
			if err != nil {
				err = &ConversionError{Err: ErrNoOutput, Output: output}
			}
			r.reply(pdf, err)
		default:
			// Not reached by this process: hand it to a new one.
			r.attempts++
			if r.attempts >= maxAttempts {
				err := cause
				if err == nil {
					err = ErrNoOutput
				}
				r.reply(nil, &ConversionError{Err: err, Output: output})
				continue
			}
			retry = append(retry, r)
		}
	}
	return retry
}

// complete reports whether path holds a finished PDF (LibreOffice writes
// "%%EOF" last).
func complete(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() < 16 {
		return false
	}
	tail := make([]byte, 16)
	if _, err := f.ReadAt(tail, st.Size()-16); err != nil {
		return false
	}
	return strings.Contains(string(tail), "%%EOF")
}

func readPDF(dir string, i int) ([]byte, error) {
	path := filepath.Join(dir, fmt.Sprintf("d%04d.pdf", i))
	if !complete(path) {
		return nil, errors.New("incomplete PDF")
	}
	return os.ReadFile(path)
}

// fileURL is the file: URL of an absolute path.
func fileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err == nil {
		path = abs
	}
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return "file://" + strings.ReplaceAll(strings.ReplaceAll(path, "%", "%25"), " ", "%20")
}
