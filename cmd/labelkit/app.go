package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"golang.org/x/term"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/esante/labelkit/internal/editdist"
)

// Exit codes.
const (
	exitOK     = 0 // everything went well
	exitFailed = 1 // some inputs failed (listed on standard error)
	exitUsage  = 2 // usage error: nothing was written
)

// app is one run of the command: its standard streams and environment, so
// that tests can run commands in-process.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// ctx is cancelled by SIGINT/SIGTERM during batch commands (see signal.go).
	ctx context.Context
	// stderrTerminal reports whether standard error is a terminal (progress bar).
	stderrTerminal bool
	// stdoutTerminal reports whether standard output is a terminal (we refuse
	// to print a binary DOCX there).
	stdoutTerminal bool
	// stderrFd is standard error's file descriptor, for the terminal width.
	stderrFd int
	// stdinJSON: standard input, read by a batch, starts like JSON (for a
	// hint when it was read as TOML).
	stdinJSON bool
	// p prints messages in the user's language (see i18n.go), set once by
	// printer.
	p     *message.Printer
	lang  language.Tag
	pOnce sync.Once
}

func newApp() *app {
	return &app{
		stdin:          os.Stdin,
		stdout:         os.Stdout,
		stderr:         os.Stderr,
		getenv:         os.Getenv,
		ctx:            context.Background(),
		stderrTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		stdoutTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		stderrFd:       int(os.Stderr.Fd()),
	}
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(a *app, args []string) int
}

// commands lists the subcommands in the order of the top-level help (set in
// init: help refers to it).
var commands []command

func init() {
	commands = []command{
		{"render", msg("render agreements (or the blank form) from .toml/.json inputs"), runRender},
		{"validate", msg("check inputs and list every problem"), runValidate},
		{"extract", msg("read filled forms back into inputs (TOML or JSON)"), runExtract},
		{"init", msg("write a commented starter input to fill in"), runInit},
		{"fill", msg("fill any DOCX template with TOML or JSON data"), runFill},
		{"changes", msg("list the changes between two inputs, or write their notification with tracked changes"), runChanges},
		{"vars", msg("list the data paths a template uses"), runVars},
		{"templates", msg("list the embedded templates"), runTemplates},
		{"template", msg("export, pack or unpack a template (template export|pack|unpack)"), runTemplate},
		{"version", msg("print labelkit's version and the Go version"), runVersion},
		{"help", msg("show help for a command"), runHelp},
	}
}

func lookupCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

var mainUsage = msg(`labelkit produces the ANS agreement « Convention relative aux conditions
d'utilisation du label e-santé Logiciel Centres de santé » V2 (version 4.0.2)
as DOCX documents, and fills any DOCX template with TOML or JSON data.

Usage:

  labelkit <command> [flags] [arguments]

Commands:
%s
Examples:

  labelkit init convention.toml          # a starter input to fill in
  labelkit validate convention.toml      # every problem at once
  labelkit render convention.toml        # writes convention.docx
  labelkit render -o out/ inputs/        # a whole folder, on all cores
  labelkit render --blank                # the blank form

Run 'labelkit <command> --help' for a command's flags and examples.
Exit codes: 0 all good, 1 some inputs failed, 2 usage error,
130/143 interrupted (SIGINT/SIGTERM).
`)

func (a *app) printMainUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, a.sprintf(c.summary))
	}
	a.printf(w, mainUsage, b.String())
}

// run runs a subcommand and returns the exit code. A failed write to
// standard output (a full disk, a closed pipe) is reported and makes the run
// fail, whatever the command printed.
func (a *app) run(args []string) int {
	out := &checkedWriter{w: a.stdout}
	a.stdout = out
	code := a.dispatch(args)
	if out.err != nil {
		var pe *fs.PathError
		reason := out.err
		if errors.As(out.err, &pe) {
			reason = pe.Err
		}
		a.eprintf("labelkit: %s: cannot write: %v", a.sprintf("<stdout>"), reason)
		if code == exitOK {
			code = exitFailed
		}
	}
	return code
}

// checkedWriter keeps the first write error of w.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// dispatch runs the subcommand named by args[0].
func (a *app) dispatch(args []string) int {
	if len(args) == 0 {
		a.printMainUsage(a.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		a.printMainUsage(a.stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(a, nil)
	}
	c := lookupCommand(name)
	if c == nil {
		if s := closest(name, commandNames()); s != "" {
			a.eprintf("labelkit: unknown command %q (did you mean %q?)", name, s)
		} else {
			a.eprintf("labelkit: unknown command %q", name)
		}
		a.eprintf("Run 'labelkit --help' for the list of commands.")
		return exitUsage
	}
	return c.run(a, args[1:])
}

func commandNames() []string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	sort.Strings(names)
	return names
}

func runHelp(a *app, args []string) int {
	if len(args) == 0 || (len(args) == 1 && strings.TrimLeft(args[0], "-") == "help") || (len(args) == 1 && args[0] == "-h") {
		a.printMainUsage(a.stdout)
		return exitOK
	}
	if len(args) > 1 {
		a.eprintf("labelkit help: takes one command name")
		return exitUsage
	}
	c := lookupCommand(args[0])
	if c == nil || c.name == "help" {
		a.eprintf("labelkit help: unknown command %q", args[0])
		return exitUsage
	}
	return c.run(a, []string{"--help"})
}

// closest returns the candidate nearest to s (edit distance at most 2, or
// a prefix), or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if len(s) >= 2 && strings.HasPrefix(c, s) {
			return c
		}
		if d := editdist.Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
