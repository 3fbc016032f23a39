package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

var versionHelp = help{
	usage: msg(`
Usage: labelkit version

Prints labelkit's version (the module version, or "(devel)" for a build
from a work tree), the Go version it was built with, and the version-control
revision when the build recorded it.
`),
	examples: `
  labelkit version
  labelkit --version`,
}

func runVersion(a *app, args []string) int {
	fs := newFlags("version")
	pos, code, ok := a.parseFlags(fs, versionHelp, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return a.usageError(fs, "takes no arguments")
	}
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintln(a.stdout, versionLine(info, ok))
	return exitOK
}

// versionLine formats the build information:
// "labelkit v1.2.3 go1.26.0 linux/amd64 vcs=git revision=abc… time=… modified".
func versionLine(info *debug.BuildInfo, ok bool) string {
	version, goVersion := "(devel)", runtime.Version()
	var extra []string
	if ok && info != nil {
		if v := info.Main.Version; v != "" {
			version = v
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, key := range []string{"vcs", "vcs.revision", "vcs.time"} {
			for _, s := range info.Settings {
				if s.Key == key && s.Value != "" {
					extra = append(extra, strings.TrimPrefix(key, "vcs.")+"="+s.Value)
				}
			}
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.modified" && s.Value == "true" {
				extra = append(extra, "modified")
			}
		}
	}
	line := fmt.Sprintf("labelkit %s %s %s/%s", version, goVersion, runtime.GOOS, runtime.GOARCH)
	if len(extra) > 0 {
		line += " " + strings.Join(extra, " ")
	}
	return line
}
