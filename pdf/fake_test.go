package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fakeSoffice is a stand-in for soffice, written as a bash script: it
// answers --version, and converts its inputs in order as LibreOffice does
// (one status line per input), copying testdata/lo74-a.pdf as the PDF.
// Inputs whose text contains HANG make it hang (in a child process, so that
// the test also sees the whole group killed), CRASH makes it die of
// SIGSEGV, BADDOC makes it report a load failure. Every process it starts
// records its pid in the file $FAKE_PIDS.
const fakeSoffice = `#!/bin/bash
if [ "$1" = "--version" ]; then echo "LibreOffice ${FAKE_VERSION:-7.4.7.2} 40(Build:2)"; exit 0; fi
echo $$ >>"$FAKE_PIDS"
out=
inputs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--outdir) out=$2; shift ;;
	--convert-to) shift ;;
	-*) ;;
	*) inputs+=("$1") ;;
	esac
	shift
done
for f in "${inputs[@]}"; do
	if grep -q HANG "$f"; then
		sleep 1000 &
		echo $! >>"$FAKE_PIDS"
		wait
	fi
	if grep -q CRASH "$f"; then kill -SEGV $$; fi
	if grep -q BADDOC "$f"; then echo "Error: source file could not be loaded"; continue; fi
	b=$(basename "$f" .docx)
	echo "convert $f -> $out/$b.pdf using filter : fake"
	cp "$FAKE_PDF" "$out/$b.pdf"
done
`

// newFake returns a Converter using the fake soffice, and the file where
// the fake records its pids.
func newFake(t *testing.T, opts ...Option) (*Converter, string) {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(dir, "soffice")
	if err := os.WriteFile(script, []byte(fakeSoffice), 0o755); err != nil {
		t.Fatal(err)
	}
	sample, err := filepath.Abs(filepath.Join("testdata", "lo74-a.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pids := filepath.Join(dir, "pids")
	t.Setenv("FAKE_PIDS", pids)
	t.Setenv("FAKE_PDF", sample)
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	opts = append([]Option{WithSoffice(script), WithTempDir(tmp), WithProcesses(1), WithBatchSize(8), WithStartupTimeout(0), WithTimeout(2 * time.Second)}, opts...)
	c := New(opts...)
	t.Cleanup(func() {
		c.Close()
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("temporary files left after Close: %v", left)
		}
	})
	return c, pids
}

// checkNoProcess fails if a process recorded in pids still runs 5 s on (a
// killed process's children take a moment to die and be reaped by init).
func checkNoProcess(t *testing.T, pids string) {
	t.Helper()
	data, _ := os.ReadFile(pids)
	deadline := time.Now().Add(5 * time.Second)
	for _, f := range strings.Fields(string(data)) {
		pid, _ := strconv.Atoi(f)
		for pid > 0 && syscall.Kill(pid, 0) == nil {
			// A zombie not yet reaped counts as gone.
			if st, err := os.ReadFile("/proc/" + f + "/stat"); err == nil && strings.Contains(string(st), ") Z ") {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("process %d still runs", pid)
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// convertAll converts the documents concurrently (so they share batches).
func convertAll(c *Converter, ctx context.Context, docs [][]byte) ([][]byte, []error) {
	outs := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Go(func() {
			var buf bytes.Buffer
			errs[i] = c.Convert(ctx, &buf, bytes.NewReader(d))
			outs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	return outs, errs
}

func TestFakeBatchBadDocumentFailsAlone(t *testing.T) {
	c, pids := newFake(t)
	docs := [][]byte{tinyDocx(t, "un"), tinyDocx(t, "BADDOC"), tinyDocx(t, "trois"), []byte("not a zip"), tinyDocx(t, "cinq")}
	outs, errs := convertAll(c, t.Context(), docs)
	for i, err := range errs {
		switch i {
		case 1:
			if !errors.Is(err, ErrLoad) {
				t.Errorf("doc %d: got %v, want ErrLoad", i, err)
			}
		case 3:
			if err == nil || !strings.Contains(err.Error(), "not a readable DOCX") {
				t.Errorf("doc %d: got %v, want a DOCX error", i, err)
			}
		default:
			if err != nil {
				t.Errorf("doc %d: %v", i, err)
			} else if !bytes.HasPrefix(outs[i], []byte("%PDF-")) {
				t.Errorf("doc %d: not a PDF", i)
			}
		}
	}
	// Four documents reach the fake: gathered into one batch, one process.
	if n := c.Starts(); n != 1 {
		t.Errorf("%d processes started for one batch, want 1", n)
	}
	checkNoProcess(t, pids)
}

func TestFakeHungConverterKilled(t *testing.T) {
	// Generous for a fake on a loaded machine (each of its documents
	// starts a few processes); the hang is caught 3 s after the previous
	// document's status line.
	c, pids := newFake(t, WithTimeout(3*time.Second), WithStartupTimeout(10*time.Second))
	docs := [][]byte{tinyDocx(t, "un"), tinyDocx(t, "HANG"), tinyDocx(t, "trois")}
	start := time.Now()
	_, errs := convertAll(c, t.Context(), docs)
	took := time.Since(start)
	if !errors.Is(errs[1], ErrTimeout) {
		t.Errorf("hung document: got %v, want ErrTimeout", errs[1])
	}
	var ce *ConversionError
	if !errors.As(errs[1], &ce) {
		t.Errorf("hung document: %T is not a *ConversionError", errs[1])
	}
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("the other documents failed too: %v, %v", errs[0], errs[2])
	}
	if took > 40*time.Second {
		t.Errorf("took %v with a 3s timeout", took)
	}
	checkNoProcess(t, pids) // the hung "sleep" child included
}

func TestFakeCrashFailsOneDocument(t *testing.T) {
	c, pids := newFake(t, WithTimeout(10*time.Second))
	errs := inOrder(t, c, "CRASH", "deux", "trois", "quatre")
	if !errors.Is(errs[0], ErrCrashed) {
		t.Errorf("crashing document: got %v, want ErrCrashed", errs[0])
	}
	for _, i := range []int{1, 2, 3} {
		if errs[i] != nil {
			t.Errorf("doc %d: %v", i, errs[i])
		}
	}
	if n := c.Starts(); n != 2 {
		t.Errorf("%d process starts, want 2 (the batch, then the rest after the crash)", n)
	}
	checkNoProcess(t, pids)
}

func TestFakeCancelKillsProcess(t *testing.T) {
	c, pids := newFake(t, WithTimeout(time.Minute))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- c.Convert(ctx, &bytes.Buffer{}, bytes.NewReader(tinyDocx(t, "HANG")))
	}()
	// Wait for the fake to start (it records its pid), then cancel.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if data, _ := os.ReadFile(pids); len(strings.Fields(string(data))) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the fake soffice did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	c.Close() // waits for the worker, which killed the group
	checkNoProcess(t, pids)
}

func TestFakeNotFoundAndTooOld(t *testing.T) {
	c := New(WithSoffice(filepath.Join(t.TempDir(), "no-soffice")))
	defer c.Close()
	if err := c.Convert(t.Context(), &bytes.Buffer{}, bytes.NewReader(tinyDocx(t, "x"))); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing soffice: got %v, want ErrNotFound", err)
	}
	t.Setenv("FAKE_VERSION", "7.3.7.2")
	old, _ := newFake(t)
	err := old.Check()
	var ve *VersionError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "7.3.7.2") {
		t.Errorf("LibreOffice 7.3: got %v, want a *VersionError", err)
	}
}

func TestFakeClosed(t *testing.T) {
	c, _ := newFake(t)
	c.Close()
	if err := c.Convert(t.Context(), &bytes.Buffer{}, bytes.NewReader(tinyDocx(t, "x"))); !errors.Is(err, ErrClosed) {
		t.Errorf("got %v, want ErrClosed", err)
	}
}

func TestFakeHungFirstInBatch(t *testing.T) {
	c, pids := newFake(t, WithTimeout(3*time.Second), WithStartupTimeout(3*time.Second))
	errs := inOrder(t, c, "HANG", "deux", "trois")
	if !errors.Is(errs[0], ErrTimeout) || errs[1] != nil || errs[2] != nil {
		t.Errorf("got %v, want a timeout for the first document only", errs)
	}
	checkNoProcess(t, pids)
}

// inOrder converts tiny documents with the given texts, submitted 20 ms
// apart so that they reach the fake in this order, in one batch (the
// gathering window is 100 ms).
func inOrder(t *testing.T, c *Converter, texts ...string) []error {
	errs := make([]error, len(texts))
	var wg sync.WaitGroup
	for i, text := range texts {
		doc := tinyDocx(t, text)
		wg.Go(func() { errs[i] = c.Convert(t.Context(), &bytes.Buffer{}, bytes.NewReader(doc)) })
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	return errs
}

// TestFakeDate: WithDate dates the PDF (document information and XMP),
// whatever the DOCX says.
func TestFakeDate(t *testing.T) {
	date := time.Date(2026, time.December, 15, 10, 30, 0, 0, time.UTC)
	c, _ := newFake(t, WithDate(date))
	var buf bytes.Buffer
	if err := c.Convert(t.Context(), &buf, bytes.NewReader(tinyDocx(t, "un"))); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<xmp:CreateDate>2026-12-15T10:30:00Z</xmp:CreateDate>",
		"<xmp:ModifyDate>2026-12-15T10:30:00Z</xmp:ModifyDate>", "/CreationDate(D:20261215103000+00'00')"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in the PDF", want)
		}
	}
}
