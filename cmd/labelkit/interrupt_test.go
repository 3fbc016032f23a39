package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// labelkitBinary returns a path that runs this test binary as the labelkit
// command (testscript.Main dispatches on the program name).
func labelkitBinary(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "labelkit")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	// Under -race, each run would otherwise sleep 1 s at exit.
	t.Setenv("GORACE", "atexit_sleep_ms=0")
	return bin
}

// makeInputs writes n copies of the example input, each with its own
// company name, into a new folder and returns it.
func makeInputs(t *testing.T, n int) string {
	t.Helper()
	src, err := os.ReadFile("../../examples/monosite-standard.toml")
	if err != nil {
		t.Fatalf("example input: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "in")
	os.Mkdir(dir, 0o777)
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%04d.toml", i)), src, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestInterruptBatch starts a batch of 300 inputs, sends a signal once the
// first outputs appear, and checks that the run stops with 128+signal, every
// .docx left is complete and valid, and no temporary file remains.
func TestInterruptBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := labelkitBinary(t)
	in := makeInputs(t, 300)
	for _, tc := range []struct {
		sig   syscall.Signal
		code  int
		twice bool // a second signal right after the first: exit at once
	}{{syscall.SIGINT, 130, false}, {syscall.SIGTERM, 143, false}, {syscall.SIGINT, 130, true}, {syscall.SIGTERM, 143, true}} {
		name := tc.sig.String()
		if tc.twice {
			name += " twice"
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			cmd := exec.Command(bin, "render", "-o", out, in)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for countDocx(t, out) < 3 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("no output after 60 s; stderr:\n%s", stderr.String())
				}
				time.Sleep(2 * time.Millisecond)
			}
			cmd.Process.Signal(tc.sig)
			if tc.twice {
				time.Sleep(time.Millisecond)
				cmd.Process.Signal(tc.sig)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, tc.code, stderr.String())
			}
			n := countDocx(t, out)
			if n >= 300 {
				t.Fatalf("all 300 rendered: the signal came too late to test anything")
			}
			es, _ := os.ReadDir(out)
			for _, e := range es {
				if !strings.HasSuffix(e.Name(), ".docx") {
					t.Errorf("left in the output folder: %s", e.Name())
					continue
				}
				if err := checkDocx(filepath.Join(out, e.Name())); err != nil {
					t.Errorf("%s: %v", e.Name(), err)
				}
			}
			if !tc.twice && (!strings.Contains(stderr.String(), "arrêt ; les documents terminés sont complets") ||
				!strings.Contains(stderr.String(), "non faits (interruption)")) {
				t.Errorf("no interrupted summary in stderr:\n%s", stderr.String())
			}
			t.Logf("%s after %d outputs: %s", tc.sig, n, strings.TrimSpace(stderr.String()))
		})
	}
}

func countDocx(t *testing.T, dir string) int {
	es, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".docx") {
			n++
		}
	}
	return n
}

// TestInterruptWhileReadingStdin: a signal while labelkit waits for its
// standard input ends it at once (it is not caught until the input is read).
func TestInterruptWhileReadingStdin(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := labelkitBinary(t)
	cmd := exec.Command(bin, "render", "-")
	cmd.Dir = t.TempDir()
	stdin, err := cmd.StdinPipe() // kept open: labelkit waits
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("exit: %v, want killed by SIGTERM", err)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still waiting for standard input 10 s after SIGTERM")
	}
}

// TestInterruptExecuting sends one SIGINT while fill executes a template
// that never finishes (--timeout 0): the first signal stops it, and no
// temporary file is left.
func TestInterruptExecuting(t *testing.T) {
	bin := labelkitBinary(t)
	dir := t.TempDir()
	files := map[string]string{
		"tpl/[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"tpl/_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"tpl/word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{{range 1000000}}{{range 1000000}}{{end}}{{end}}</w:t></w:r></w:p></w:body></w:document>`,
		"data.toml":               "x = 1\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o777)
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	var (
		err    error
		stderr bytes.Buffer
		start  time.Time
	)
	// The signal must come once the template executes: a signal before
	// labelkit catches signals ends it by default (a slow start under the
	// race detector), and the run is tried again, waiting longer.
	for _, wait := range []time.Duration{500 * time.Millisecond, 2 * time.Second, 8 * time.Second} {
		cmd := exec.Command(bin, "fill", "-t", filepath.Join(dir, "tpl"), "-o", out, "--timeout", "0", filepath.Join(dir, "data.toml"))
		stderr.Reset()
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(wait)
		start = time.Now()
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err = <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("still running 30 s after SIGINT; stderr:\n%s", stderr.String())
		}
		if !strings.Contains(fmt.Sprint(err), "signal: interrupt") {
			break
		}
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want status 130; stderr:\n%s", err, stderr.String())
	}
	es, _ := os.ReadDir(out)
	for _, e := range es {
		t.Errorf("left in the output folder: %s", e.Name())
	}
	t.Logf("stopped %v after SIGINT: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(stderr.String()))
}
