package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func touch(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		os.MkdirAll(filepath.Dir(p), 0o777)
		if err := os.WriteFile(p, nil, 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func TestExpandInputs(t *testing.T) {
	d := t.TempDir()
	in := filepath.Join(d, "in")
	touch(t, filepath.Join(in, "b.toml"), filepath.Join(in, "a.json"), filepath.Join(in, ".hidden.toml"),
		filepath.Join(in, "notes.txt"), filepath.Join(in, "sub", "c.toml"), filepath.Join(d, "x.TOML"))
	ins, err := expandInputs([]string{in, filepath.Join(in, "b.toml"), "-", filepath.Join(d, "x.TOML")}, ".docx")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range ins {
		got = append(got, filepath.Base(i.path)+"→"+i.out)
	}
	if s := strings.Join(got, " "); s != "a.json→a.docx b.toml→b.docx -→ x.TOML→x.docx" {
		t.Errorf("got %s", s)
	}
}

func TestExpandInputsErrors(t *testing.T) {
	d := t.TempDir()
	touch(t, filepath.Join(d, "a.toml"), filepath.Join(d, "A.json"), filepath.Join(d, "b.yaml"),
		filepath.Join(d, "o", "a.toml"), filepath.Join(d, "empty", "x.txt"))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(d, "a.toml"), filepath.Join(d, "A.json")}, "would all write a.docx"},
		{[]string{filepath.Join(d, "a.toml"), filepath.Join(d, "o")}, "would all write a.docx"},
		{[]string{filepath.Join(d, "nope.toml")}, "no such file or folder"},
		{[]string{filepath.Join(d, "b.yaml")}, "not a .toml or .json file"},
		{[]string{filepath.Join(d, "empty")}, "no .toml or .json files in this folder"},
		{[]string{"-", "-"}, "only once"},
	}
	for _, tt := range tests {
		_, err := expandInputs(tt.args, ".docx")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("expandInputs(%q) = %v, want %q", tt.args, err, tt.want)
		}
	}
	// validate has no outputs: no collision check.
	if _, err := expandInputs([]string{filepath.Join(d, "a.toml"), filepath.Join(d, "A.json")}, ""); err != nil {
		t.Errorf("validate inputs: %v", err)
	}
}
