package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/esante/labelkit/render"
)

// errorLines formats err as lines for standard error, in the user's
// language (see errText), each starting with the file name:
// "file: key.path: message". Errors that hold several errors (an Unwrap()
// []error method, as validation problems and template syntax errors do)
// give one line each. Messages that already name the file are not prefixed
// twice. A file name with control characters is quoted, and no control
// character reaches the terminal raw.
func (a *app) errorLines(file string, err error) []string {
	if err == nil {
		return nil
	}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := u.Unwrap(); len(errs) > 0 {
			var lines []string
			for _, e := range errs {
				lines = append(lines, a.errorLines(file, e)...)
			}
			return lines
		}
	}
	text := strings.TrimRight(a.errText(err), "\n")
	shown := quoteName(file)
	if shown != file {
		text = strings.ReplaceAll(text, file, shown)
	}
	if file != "" && !strings.HasPrefix(text, shown+":") && !strings.HasPrefix(text, shown+" ") {
		text = shown + ": " + text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = safeLine(l)
	}
	return lines
}

// isCancel reports whether err comes from an interrupted run.
func isCancel(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Cause(ctx)))
}

// failUsage reports err as a usage error (nothing written).
func (a *app) failUsage(fs interface{ Name() string }, err error) int {
	for _, line := range a.errorLines(fs.Name(), err) {
		fmt.Fprintln(a.stderr, line)
	}
	return exitUsage
}

// failTemplate reports a template that could not be loaded: errors in
// the template's actions or structure (render.Error) are a failed input,
// exit 1, like a bad data file; a template that cannot be found or is not
// a usable DOCX is a usage error, exit 2.
func (a *app) failTemplate(fs interface{ Name() string }, err error) int {
	var re *render.Error
	if !errors.As(err, &re) {
		return a.failUsage(fs, err)
	}
	for _, line := range a.errorLines(fs.Name(), err) {
		fmt.Fprintln(a.stderr, line)
	}
	return exitFailed
}

// fail prints err for file and returns exitFailed, or, when err is an
// interruption, says so and returns 128+signal.
func (a *app) fail(file string, err error) int {
	var se signalError
	if errors.As(err, &se) {
		a.eprintf("labelkit: %v: stopped; nothing was written", err)
		return se.exitCode()
	}
	for _, line := range a.errorLines(file, err) {
		fmt.Fprintln(a.stderr, line)
	}
	return exitFailed
}

func (a *app) failed(file string, err error) outcome {
	return outcome{status: statusFailed, msgs: a.errorLines(file, err)}
}
