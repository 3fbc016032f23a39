package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	plat := runtime.GOOS + "/" + runtime.GOARCH
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "abc123"},
			{Key: "vcs.time", Value: "2026-11-26T00:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionLine(info, true), "labelkit v1.2.3 go1.26.0 "+plat+" vcs=git revision=abc123 time=2026-11-26T00:00:00Z modified"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got, want := versionLine(&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, true), "labelkit (devel) go1.26.0 "+plat; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := versionLine(nil, false), "labelkit (devel) "+runtime.Version()+" "+plat; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
