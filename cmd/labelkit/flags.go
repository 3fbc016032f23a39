package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// help is a command's --help text: a synopsis with a description, then the
// flags (from the flag set), then examples.
type help struct {
	usage    string
	examples string
}

// newFlags returns a flag set for the command name. Errors and help are
// printed by parseFlags, not by the flag package.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("labelkit "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// printHelp writes the command's help to w.
func printHelp(w io.Writer, fs *flag.FlagSet, h help) {
	fmt.Fprint(w, strings.TrimLeft(h.usage, "\n"))
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if h.examples != "" {
		fmt.Fprint(w, "\nExamples:\n\n", strings.Trim(h.examples, "\n"), "\n")
	}
}

// parseFlags parses args with fs, allowing flags after positional arguments
// (labelkit render a.toml -o out) and "--" to end the flags. It returns the
// positional arguments. When ok is false the caller returns code: --help
// printed the help on standard output (0), or a usage error was reported on
// standard error (2).
func (a *app) parseFlags(fs *flag.FlagSet, h help, args []string) (pos []string, code int, ok bool) {
	flags, pos := splitArgs(fs, args)
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(a.stdout, fs, h)
			return nil, exitOK, false
		}
		fmt.Fprintf(a.stderr, "%s: %v\nRun '%s --help' for usage.\n", fs.Name(), err, fs.Name())
		return nil, exitUsage, false
	}
	return append(fs.Args(), pos...), exitOK, true
}

// usageError reports a usage error for the command and returns exitUsage.
func (a *app) usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(a.stderr, "%s: %s\nRun '%s --help' for usage.\n", fs.Name(), fmt.Sprintf(format, args...), fs.Name())
	return exitUsage
}

// splitArgs separates flags (with their values) from positional arguments,
// so that flags may follow positional arguments. "-" alone is positional
// (standard input or output); everything after "--" is positional.
func splitArgs(fs *flag.FlagSet, args []string) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		s := args[i]
		if s == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(s) < 2 || s[0] != '-' {
			pos = append(pos, s)
			continue
		}
		flags = append(flags, s)
		name := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // fs.Parse reports it
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, pos
}

// formatFlag is the --format flag: toml or json.
type formatFlag string

func (f *formatFlag) String() string { return string(*f) }
func (f *formatFlag) Set(s string) error {
	switch strings.ToLower(s) {
	case "toml", "json":
		*f = formatFlag(strings.ToLower(s))
		return nil
	}
	return fmt.Errorf("unknown format %q: use toml or json", s)
}
