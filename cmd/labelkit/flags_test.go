package main

import (
	"reflect"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	fs := newFlags("x")
	fs.String("o", "", "")
	fs.Bool("force", false, "")
	fs.Bool("q", false, "")
	tests := []struct {
		args         []string
		flags, posit []string
	}{
		{[]string{"a.toml", "-o", "out", "b.toml"}, []string{"-o", "out"}, []string{"a.toml", "b.toml"}},
		{[]string{"--force", "a", "--o=x"}, []string{"--force", "--o=x"}, []string{"a"}},
		{[]string{"-o", "-", "a"}, []string{"-o", "-"}, []string{"a"}},
		{[]string{"-", "-q"}, []string{"-q"}, []string{"-"}},
		{[]string{"a", "--", "-o", "--force"}, nil, []string{"a", "-o", "--force"}},
		{[]string{"-unknown", "a"}, []string{"-unknown"}, []string{"a"}},
		{[]string{"a", "-o"}, []string{"-o"}, []string{"a"}},
		{[]string{"-force=false", "a"}, []string{"-force=false"}, []string{"a"}},
	}
	for _, tt := range tests {
		flags, pos := splitArgs(fs, tt.args)
		if !reflect.DeepEqual(flags, tt.flags) || !reflect.DeepEqual(pos, tt.posit) {
			t.Errorf("splitArgs(%q) = %q, %q; want %q, %q", tt.args, flags, pos, tt.flags, tt.posit)
		}
	}
}

func TestParseFlagsHelpAndErrors(t *testing.T) {
	a, stdout, stderr := testApp()
	fs := newFlags("demo")
	o := fs.String("o", "", "output `DIR`")
	h := help{usage: "Usage: labelkit demo\n", examples: "  labelkit demo x"}
	if _, code, ok := a.parseFlags(fs, h, []string{"x", "--help"}); ok || code != exitOK {
		t.Fatalf("--help: ok=%v code=%d", ok, code)
	}
	if got := stdout.String(); got != "Usage: labelkit demo\n\nOptions :\n  -o DOSSIER\n    \tDOSSIER de sortie\n\nExemples :\n\n  labelkit demo x\n" {
		t.Errorf("help output:\n%s", got)
	}
	if _, code, ok := a.parseFlags(fs, h, []string{"--nope"}); ok || code != exitUsage {
		t.Fatalf("unknown flag: ok=%v code=%d", ok, code)
	}
	if got := stderr.String(); got != "labelkit demo: option inconnue : -nope\nLancez « labelkit demo --help » pour l'aide.\n" {
		t.Errorf("stderr: %q", got)
	}
	pos, _, ok := a.parseFlags(fs, h, []string{"a", "-o", "d", "b"})
	if !ok || *o != "d" || !reflect.DeepEqual(pos, []string{"a", "b"}) {
		t.Errorf("parse: ok=%v o=%q pos=%q", ok, *o, pos)
	}
}

func TestFormatFlag(t *testing.T) {
	var f formatFlag
	if err := f.Set("JSON"); err != nil || f != "json" {
		t.Errorf("Set(JSON) = %v, %q", err, f)
	}
	if err := f.Set("yaml"); err == nil {
		t.Error("Set(yaml) succeeded")
	}
}

func TestClosest(t *testing.T) {
	names := commandNames()
	for in, want := range map[string]string{"rendr": "render", "valdate": "validate", "temp": "template", "zzzzzz": ""} {
		if got := closest(in, names); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}
