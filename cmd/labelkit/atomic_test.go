package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestOutDirWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "out")
	d, err := openOutDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := d.write(ctx, "a.docx", writeString("one")); err != nil {
		t.Fatal(err)
	}
	if err := d.write(ctx, "a.docx", writeString("two")); !errors.Is(err, errExists) {
		t.Fatalf("second write: %v, want errExists", err)
	}
	// A failing fill leaves nothing behind.
	if err := d.write(ctx, "b.docx", func(w io.Writer) error { return errors.New("boom") }); err == nil || err.Error() != "boom" {
		t.Fatalf("failing fill: %v", err)
	}
	// Cancelled: the write is abandoned, nothing published.
	cctx, cancel := context.WithCancel(ctx)
	err = d.write(cctx, "c.docx", func(w io.Writer) error {
		cancel()
		_, err := w.Write(make([]byte, 1<<20)) // larger than the buffer: reaches ctxWriter
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled write: %v", err)
	}
	for _, bad := range []string{"", ".", "..", "../x.docx", "a/b.docx", `a\b.docx`} {
		if err := d.write(ctx, bad, writeString("x")); err == nil {
			t.Errorf("write(%q) succeeded", bad)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(listDir(t, dir), ","); got != "a.docx" {
		t.Errorf("folder holds %s, want a.docx only", got)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.docx"))
	if string(b) != "one" {
		t.Errorf("a.docx = %q", b)
	}
	fi, _ := os.Stat(filepath.Join(dir, "a.docx"))
	if fi.Mode().Perm()&0o044 == 0 {
		t.Errorf("mode %v: outputs should be readable like any created file (umask), not 0600", fi.Mode())
	}

	// --force overwrites.
	d, _ = openOutDir(dir, true)
	if err := d.write(ctx, "a.docx", writeString("three")); err != nil {
		t.Fatal(err)
	}
	d.Close()
	b, _ = os.ReadFile(filepath.Join(dir, "a.docx"))
	if string(b) != "three" {
		t.Errorf("forced a.docx = %q", b)
	}
}

// TestOutDirRace: many writers of the same name without --force: exactly one
// wins, the file holds its complete content, no temporary file remains.
func TestOutDirRace(t *testing.T) {
	dir := t.TempDir()
	d, _ := openOutDir(dir, false)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins, exists := 0, 0
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := d.write(context.Background(), "same.docx", writeString(strings.Repeat(fmt.Sprint(i%10), 100000)))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins++
			case errors.Is(err, errExists):
				exists++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	d.Close()
	if wins != 1 || exists != 15 {
		t.Fatalf("%d wins, %d refused; want 1, 15", wins, exists)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Fatalf("folder: %v", names)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "same.docx"))
	if len(b) != 100000 || strings.Count(b2s(b), b2s(b[:1])) != 100000 {
		t.Errorf("content mixed or truncated: %d bytes", len(b))
	}
}

func b2s(b []byte) string { return string(b) }

// TestOutDirSymlinkEscape: an output name that is a symbolic link pointing
// outside the folder is never written through.
func TestOutDirSymlinkEscape(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside.txt")
	os.WriteFile(outside, []byte("keep"), 0o666)
	dir := filepath.Join(base, "out")
	os.Mkdir(dir, 0o777)
	if err := os.Symlink(outside, filepath.Join(dir, "x.docx")); err != nil {
		t.Skip(err)
	}
	d, _ := openOutDir(dir, false)
	if err := d.write(context.Background(), "x.docx", writeString("evil")); !errors.Is(err, errExists) {
		t.Errorf("write over symlink: %v", err)
	}
	d.Close()
	d, _ = openOutDir(dir, true)
	if err := d.write(context.Background(), "x.docx", writeString("new")); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if b, _ := os.ReadFile(outside); string(b) != "keep" {
		t.Errorf("file outside the folder changed: %q", b)
	}
	if fi, _ := os.Lstat(filepath.Join(dir, "x.docx")); fi.Mode()&os.ModeSymlink != 0 {
		t.Errorf("x.docx still a symlink after --force")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "f.toml")
	if err := writeFileAtomic(context.Background(), p, false, writeString("a")); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(context.Background(), p, false, writeString("b")); !errors.Is(err, errExists) {
		t.Fatalf("got %v", err)
	}
	if err := writeFileAtomic(context.Background(), p, true, writeString("c")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "c" {
		t.Errorf("got %q", b)
	}
}

// TestPendingFile: a small output stays in memory until commit (nothing on
// disk while rendering); a large one spills to its unnamed file (invisible)
// or, where there are none, to its temporary file; both end complete.
func TestPendingFile(t *testing.T) {
	for _, named := range []bool{false, true} {
		t.Run(fmt.Sprintf("named=%v", named), func(t *testing.T) { testPendingFile(t, named) })
	}
}

func testPendingFile(t *testing.T, named bool) {
	dir := t.TempDir()
	d, _ := openOutDir(dir, false)
	defer d.Close()
	if !named && !unnamedFiles(t, d) {
		t.Skip("no unnamed files (O_TMPFILE) here")
	}
	d.named.Store(named)
	ctx := context.Background()
	small, err := d.create(ctx, "small.docx", writeString("petit"))
	if err != nil {
		t.Fatal(err)
	}
	if names := listDir(t, dir); len(names) != 0 {
		t.Fatalf("files before commit: %v", names)
	}
	big := strings.Repeat("0123456789abcdef", memLimit/16*3) // 3 MiB, written in 64 KiB pieces
	large, err := d.create(ctx, "large.docx", func(w io.Writer) error {
		for i := 0; i < len(big); i += 64 << 10 {
			if _, err := io.WriteString(w, big[i:i+64<<10]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if names := listDir(t, dir); named && (len(names) != 1 || !strings.HasPrefix(names[0], ".large.docx"+tmpMarker)) {
		t.Fatalf("spilled temporary file missing: %v", names)
	} else if !named && len(names) != 0 {
		t.Fatalf("spilled to a named file: %v", names)
	}
	if large.f == nil {
		t.Fatal("not spilled")
	}
	if b, err := large.contents(); err != nil || string(b) != big {
		t.Fatalf("contents before commit: %d bytes, %v", len(b), err)
	}
	if err := small.commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := large.commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(listDir(t, dir), ","); got != "large.docx,small.docx" {
		t.Fatalf("folder: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "large.docx")); string(b) != big {
		t.Errorf("large.docx: %d bytes, want %d", len(b), len(big))
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "small.docx")); string(b) != "petit" {
		t.Errorf("small.docx = %q", b)
	}
	// Cancelled between render and commit: nothing published, no temporary.
	cctx, cancel := context.WithCancel(ctx)
	p, err := d.create(cctx, "late.docx", writeString(big))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := p.commit(cctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("commit after cancel: %v", err)
	}
	if got := strings.Join(listDir(t, dir), ","); got != "large.docx,small.docx" {
		t.Fatalf("folder after cancelled commit: %s", got)
	}
}

// TestGroupSync: concurrent callers share syncs; every caller returns only
// after a sync that started after it joined.
func TestGroupSync(t *testing.T) {
	dir, _ := openOutDir(t.TempDir(), false)
	defer dir.Close()
	if dir.dirFile == nil {
		t.Fatal("no folder handle")
	}
	var g groupSync
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		f, err := os.Create(filepath.Join(dir.path, fmt.Sprint(i)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- g.sync(dir.dirFile, f)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil && !errors.Is(err, errors.ErrUnsupported) {
			t.Error(err)
		}
	}
	if g.next != nil {
		t.Error("a group was left open")
	}
}

// TestRemoveStale: opening an output folder removes the temporary files a
// killed run left there, and only those: our name pattern, regular files,
// older than staleAge, not held by a live process (a concurrent run).
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * staleAge)
	mk := func(name string, mtime time.Time) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(filepath.Join(dir, name), mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	mk(".a.docx.tmp-0123456789ab", old)        // stale: removed
	mk(".b.docx.tmp-0123456789ab", time.Now()) // fresh: a run in progress
	mk(".c.docx.tmp-zz", old)                  // not our pattern
	mk("d.docx.tmp-0123456789ab", old)         // not hidden: not ours
	mk("a.docx", old)
	if err := os.Mkdir(filepath.Join(dir, ".e.tmp-0123456789ab"), 0o777); err != nil {
		t.Fatal(err)
	}
	want := []string{".b.docx.tmp-0123456789ab", ".c.docx.tmp-zz", ".e.tmp-0123456789ab", "a.docx", "d.docx.tmp-0123456789ab"}
	if runtime.GOOS != "windows" {
		// A stale-looking file another process holds (here: locked
		// through another open file description) is kept.
		mk(".f.docx.tmp-0123456789ab", old)
		f, err := os.Open(filepath.Join(dir, ".f.docx.tmp-0123456789ab"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		lockTemp(f)
		want = append(want, ".f.docx.tmp-0123456789ab")
		sort.Strings(want)
	}
	d, err := openOutDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("left:\n%q\nwant:\n%q", got, want)
	}
}

// TestTempErrorNamesFolder: a temporary file that cannot be created is
// reported with the output folder's name, never the temporary name.
func TestTempErrorNamesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	d, err := openOutDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	os.RemoveAll(dir)
	err = d.write(context.Background(), "a.docx", writeString("x"))
	a, _, _ := testApp()
	got := a.errText(err)
	if !strings.HasPrefix(got, dir+": écriture impossible dans ce dossier : ") || strings.Contains(got, tmpMarker) {
		t.Errorf("got %q", got)
	}
}

// TestRemoveTemps: removeTemps (a second Ctrl-C) removes the temporary
// files of every open output folder, and no new one is created after it.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	d, err := openOutDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.named.Store(true) // unnamed files need no removal
	f, tmp, err := d.createTemp("a.docx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := listDir(t, dir); len(got) != 1 || got[0] != tmp {
		t.Fatalf("before: %q", got)
	}
	removeTemps()
	defer func() {
		temps.mu.Lock()
		temps.closing = false
		temps.mu.Unlock()
	}()
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("left: %q", got)
	}
	if _, _, err := d.createTemp("b.docx"); err == nil {
		t.Error("a temporary file was created after removeTemps")
	}
}

// unnamedFiles reports whether d writes unnamed files (O_TMPFILE).
func unnamedFiles(t *testing.T, d *outDir) bool {
	t.Helper()
	f, tmp, err := d.createTemp("probe.docx")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if tmp != "" {
		d.root.Remove(tmp)
		d.forget(tmp)
	}
	return tmp == ""
}

// TestUnnamedOutputs: on Linux, outputs are unnamed files until they get
// their name: an existing name is refused, or replaced with --force; a
// failed or cancelled output leaves nothing, not even a temporary name.
func TestUnnamedOutputs(t *testing.T) {
	dir := t.TempDir()
	d, _ := openOutDir(dir, false)
	defer d.Close()
	if !unnamedFiles(t, d) {
		if runtime.GOOS == "linux" {
			t.Log("no O_TMPFILE on this file system: named temporary files are used")
		}
		t.Skip("no unnamed files here")
	}
	ctx := context.Background()
	if err := d.write(ctx, "a.docx", writeString("un")); err != nil {
		t.Fatal(err)
	}
	if err := d.write(ctx, "a.docx", writeString("deux")); !errors.Is(err, errExists) {
		t.Fatalf("second write: %v", err)
	}
	fail := errors.New("échec")
	if err := d.write(ctx, "b.docx", func(w io.Writer) error { io.WriteString(w, "x"); return fail }); !errors.Is(err, fail) {
		t.Fatalf("failed write: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	p, err := d.create(cctx, "c.docx", writeString("trois"))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := p.commit(cctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled commit: %v", err)
	}
	if got := strings.Join(listDir(t, dir), ","); got != "a.docx" {
		t.Fatalf("folder: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.docx")); string(b) != "un" {
		t.Errorf("a.docx = %q", b)
	}
	df, _ := openOutDir(dir, true)
	defer df.Close()
	if err := df.write(ctx, "a.docx", writeString("quatre")); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(listDir(t, dir), ","); got != "a.docx" {
		t.Fatalf("folder after --force: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.docx")); string(b) != "quatre" {
		t.Errorf("a.docx after --force = %q", b)
	}
}

// TestUnnamedLinkFails: when an unnamed file cannot be given its name
// (no usable /proc), its bytes go through a named temporary file, and the
// next outputs are named from the start.
func TestUnnamedLinkFails(t *testing.T) {
	dir := t.TempDir()
	d, _ := openOutDir(dir, false)
	defer d.Close()
	if !unnamedFiles(t, d) {
		t.Skip("no unnamed files here")
	}
	defer func(f func(f, dir *os.File, name string) error) { linkFile = f }(linkFile)
	linkFile = func(*os.File, *os.File, string) error { return syscall.ENOENT }
	ctx := context.Background()
	if err := d.write(ctx, "a.docx", writeString("un")); err != nil {
		t.Fatal(err)
	}
	if !d.named.Load() {
		t.Error("still unnamed after a failed link")
	}
	if err := d.write(ctx, "b.docx", writeString("deux")); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(listDir(t, dir), ","); got != "a.docx,b.docx" {
		t.Fatalf("folder: %s", got)
	}
	for n, want := range map[string]string{"a.docx": "un", "b.docx": "deux"} {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != want {
			t.Errorf("%s = %q", n, b)
		}
	}
}
