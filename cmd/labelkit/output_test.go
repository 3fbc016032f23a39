package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestStdoutWriteError: a command whose standard output cannot be written
// (a full disk: /dev/full) says so and exits 1, instead of exiting 0 having
// printed nothing.
func TestStdoutWriteError(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	bin := labelkitBinary(t)
	for _, args := range [][]string{
		{"vars", "centres-sante-v2"},
		{"templates"},
		{"version"},
		{"--help"},
		{"init"},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Stdout = full
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		out := stderr.String()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitFailed {
			t.Errorf("%q: exit %v, want status 1; stderr: %s", args, err, out)
		}
		if want := "<sortie standard>: écriture impossible : plus de place sur le disque"; !strings.Contains(out, want) {
			t.Errorf("%q: stderr %q, want %q", args, out, want)
		}
	}
}

// TestStdoutWriteErrorInProcess: the same through the app's streams.
func TestStdoutWriteErrorInProcess(t *testing.T) {
	a, _, stderr := testApp()
	a.stdout = errWriter{syscall.EPIPE}
	a.getenv = englishEnv
	if code := a.run([]string{"templates"}); code != exitFailed {
		t.Errorf("exit %d", code)
	}
	if got := stderr.String(); got != "labelkit: <stdout>: cannot write: the reader closed the pipe\n" {
		t.Errorf("stderr %q", got)
	}
}

type errWriter struct{ err error }

func (w errWriter) Write([]byte) (int, error) { return 0, w.err }

// TestControlCharsInNames: file names holding an escape sequence or a
// newline are printed quoted, never raw.
func TestControlCharsInNames(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a\x1b[31mb\nc.toml")
	if err := os.WriteFile(name, []byte("reason = \"first\"\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"validate", name}, {"render", "-o", dir, name}, {"validate", dir}} {
		a, _, stderr := testApp()
		if code := a.run(args); code != exitFailed {
			t.Errorf("%q: exit %d", args, code)
		}
		got := stderr.String()
		if strings.Contains(got, "\x1b") || strings.Contains(got, "\nc.toml") {
			t.Errorf("%q: raw control characters in %q", args, got)
		}
		if !strings.Contains(got, `a\x1b[31mb\nc.toml"`) {
			t.Errorf("%q: name not quoted in %q", args, got)
		}
	}
	// Not found, and a usage error naming the file.
	a, _, stderr := testApp()
	if code := a.run([]string{"render", "x\x07y.toml"}); code != exitUsage || !strings.Contains(stderr.String(), `"x\ay.toml": fichier ou dossier introuvable`) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestWorkersFlag(t *testing.T) {
	var w workersFlag
	for _, bad := range []string{"0", "-1", "x", ""} {
		if err := w.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
	if err := w.Set("1000000"); err != nil || int(w) != maxWorkers() {
		t.Errorf("Set(1000000) = %v, %d; want the cap %d", err, w, maxWorkers())
	}
	if err := w.Set("3"); err != nil || int(w) != min(3, maxWorkers()) {
		t.Errorf("Set(3) = %v, %d", err, w)
	}
}
