//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestUnpackForce: --force replaces an earlier unpack without writing
// through its symbolic links, keeps its dot files, and the new folder has
// the umask's permissions.
func TestUnpackForce(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	docx := filepath.Join(dir, "t.docx")
	a, _, stderr := testApp()
	if code := a.run([]string{"template", "pack", "../../templates/centres-sante-v2", "-o", docx}); code != 0 {
		t.Fatalf("pack: %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	if code := a.run([]string{"template", "unpack", docx, "-o", out}); code != 0 {
		t.Fatalf("unpack: %d: %s", code, stderr)
	}
	// The earlier unpack: its word folder replaced by a link to a folder
	// elsewhere, a .git folder of its own.
	elsewhere := filepath.Join(dir, "elsewhere")
	os.Mkdir(elsewhere, 0o777)
	secret := filepath.Join(elsewhere, "document.xml")
	os.WriteFile(secret, []byte("secret"), 0o666)
	os.RemoveAll(filepath.Join(out, "word"))
	if err := os.Symlink(elsewhere, filepath.Join(out, "word")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(out, ".git"), 0o777)
	os.WriteFile(filepath.Join(out, ".git", "HEAD"), []byte("ref"), 0o666)

	if code := a.run([]string{"template", "unpack", "--force", docx, "-o", out}); code != 0 {
		t.Fatalf("unpack --force: %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(secret); string(b) != "secret" {
		t.Errorf("written through the link: %q", b)
	}
	if es, _ := os.ReadDir(elsewhere); len(es) != 1 {
		t.Errorf("the linked folder holds %d entries", len(es))
	}
	if fi, err := os.Lstat(filepath.Join(out, "word")); err != nil || !fi.IsDir() {
		t.Errorf("word: %v %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(out, "word", "document.xml")); err != nil {
		t.Error(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, ".git", "HEAD")); string(b) != "ref" {
		t.Errorf(".git lost: %q", b)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o750 {
		t.Errorf("folder mode %v (umask 027), want 0750", fi.Mode().Perm())
	}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if e.Name() != "t.docx" && e.Name() != "out" && e.Name() != "elsewhere" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
