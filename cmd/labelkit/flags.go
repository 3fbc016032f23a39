package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
)

// help is a command's --help text: a synopsis with a description, then the
// flags (from the flag set), then examples.
type help struct {
	usage    string
	examples string
}

// newFlags returns a flag set for the command name. Errors and help are
// printed by parseFlags, not by the flag package. Flag usages are catalogue
// entries: write them with msg (see i18n.go).
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("labelkit "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// printHelp writes the command's help to w, in the user's language: the
// usage text, the flags (their usage strings are catalogue entries; the
// `NAME` between backquotes names the value), then the examples.
func (a *app) printHelp(w io.Writer, fs *flag.FlagSet, h help) {
	io.WriteString(w, strings.TrimLeft(a.sprintf(h.usage), "\n"))
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(&flag.Flag{Usage: a.sprintf(f.Usage), Value: f.Value})
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			name = ""
		}
		fmt.Fprintf(&b, "  -%s", f.Name)
		if name != "" {
			b.WriteString(" " + name)
		}
		b.WriteString("\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t"))
		if f.DefValue != "" && f.DefValue != "false" {
			b.WriteString(a.sprintf(" (default %s)", f.DefValue))
		}
		b.WriteString("\n")
	})
	if b.Len() > 0 {
		a.printf(w, "\nFlags:\n")
		io.WriteString(w, b.String())
	}
	if h.examples != "" {
		a.printf(w, "\nExamples:\n")
		io.WriteString(w, "\n"+strings.Trim(a.sprintf(h.examples), "\n")+"\n")
	}
}

// parseFlags parses args with fs, allowing flags after positional arguments
// (labelkit render a.toml -o out) and "--" to end the flags. It returns the
// positional arguments. When ok is false the caller returns code: --help
// printed the help on standard output (0), or a usage error was reported on
// standard error (2). The flags are parsed here rather than by fs.Parse so
// that every error is a catalogue message.
func (a *app) parseFlags(fs *flag.FlagSet, h help, args []string) (pos []string, code int, ok bool) {
	flags, pos := splitArgs(fs, args)
	for i := 0; i < len(flags); i++ {
		s := flags[i]
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "-"), "=")
		if name == "" || name[0] == '-' || name[0] == '=' {
			return nil, a.usageError(fs, "bad flag syntax: %s", s), false
		}
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				a.printHelp(a.stdout, fs, h)
				return nil, exitOK, false
			}
			return nil, a.usageError(fs, "flag provided but not defined: -%s", name), false
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			if !hasValue {
				value = "true"
			} else if _, err := strconv.ParseBool(value); err != nil {
				return nil, a.usageError(fs, "invalid value %q for flag -%s: use true or false", value, name), false
			}
		} else if !hasValue {
			if i+1 >= len(flags) {
				return nil, a.usageError(fs, "flag needs an argument: -%s", name), false
			}
			i++
			value = flags[i]
		}
		if err := fs.Set(name, value); err != nil {
			return nil, a.usageError(fs, "invalid value %q for flag -%s: %v", value, name, err), false
		}
	}
	return pos, exitOK, true
}

// usageError reports a usage error for the command and returns exitUsage.
// format is a catalogue entry (see i18n.go).
func (a *app) usageError(fs *flag.FlagSet, format string, args ...any) int {
	a.eprintf("%s: %s", fs.Name(), a.sprintf(format, args...))
	a.eprintf("Run '%s --help' for usage.", fs.Name())
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

// workersFlag is the -j flag: 1 or more, capped at maxWorkers.
type workersFlag int

// maxWorkers caps -j: rendering is CPU-bound, and up to syncDepth outputs
// already wait for the disk beside the workers; more workers than a few per
// CPU only add memory.
func maxWorkers() int { return 4 * runtime.NumCPU() }

func (w *workersFlag) String() string { return strconv.Itoa(int(*w)) }
func (w *workersFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return errorf("a number of inputs at once, 1 or more")
	}
	*w = workersFlag(min(n, maxWorkers()))
	return nil
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
	return errorf("unknown format %q: use toml or json", s)
}
