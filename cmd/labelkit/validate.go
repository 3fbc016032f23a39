package main

import (
	"context"
)

var validateHelp = help{
	usage: msg(`
Usage: labelkit validate [--format toml|json] [-q] INPUT...

Decodes and validates each INPUT (a .toml or .json agreement file, a folder of
them, or "-" for standard input) and lists every problem of every file on
standard error, one per line:

  file:line:column: key.path: message

The line and column are given when the key is found in the file. Nothing
is written. The summary line tells how many inputs are valid and
invalid (-q hides it).

Exit codes: 0 all valid; 1 some inputs have problems; 2 usage error.
`),
	examples: `
  labelkit validate acme.toml
  labelkit validate candidats/
  labelkit validate --format json - < acme.json`,
}

func runValidate(a *app, args []string) int {
	fs := newFlags("validate")
	var quiet bool
	format := formatFlag("toml")
	fs.BoolVar(&quiet, "q", false, msg("quiet: no progress bar and no summary (problems are still printed)"))
	fs.Var(&format, "format", msg("`FORMAT` of standard input: toml or json"))
	pos, code, ok := a.parseFlags(fs, validateHelp, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return a.usageError(fs, "no inputs: give .toml or .json files, folders, or - for standard input")
	}
	ins, err := expandInputs(pos, "")
	if err != nil {
		return a.failUsage(fs, err)
	}
	makeHeapRoom(len(ins))
	f := format.conventionFormat()
	return a.runBatch(msg("validating"), validateWords, ins, defaultWorkers(), quiet, nil,
		func(ctx context.Context, in input) (outcome, *pendingFile) {
			if _, err := loadValid(a, in, f); err != nil {
				return outcome{status: statusSkipped, msgs: a.errorLines(a.inName(in), err)}, nil
			}
			return outcome{status: statusDone}, nil
		})
}
