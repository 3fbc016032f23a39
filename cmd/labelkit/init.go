package main

import (
	"io"

	"github.com/esante/labelkit/convention"
)

var initHelp = help{
	usage: msg(`
Usage: labelkit init [--force] [FILE]

Writes a starter agreement input in TOML: every key, with French comments and
placeholder values to replace. Without FILE (or with "-"), writes it to
standard output. An existing FILE is not overwritten without --force.

Fill it in, then check it with 'labelkit validate FILE' and render it with
'labelkit render FILE'.
`),
	examples: `
  labelkit init convention.toml
  labelkit init > convention.toml
  labelkit init --force convention.toml`,
}

func runInit(a *app, args []string) int {
	fs := newFlags("init")
	var force bool
	fs.BoolVar(&force, "force", false, msg("overwrite an existing FILE"))
	pos, code, ok := a.parseFlags(fs, initHelp, args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		return a.usageError(fs, "takes at most one FILE")
	}
	starter := convention.Starter()
	if len(pos) == 0 || pos[0] == stdinName {
		if _, err := a.stdout.Write(starter); err != nil {
			return a.fail(a.sprintf("<stdout>"), err)
		}
		return exitOK
	}
	path := pos[0]
	err := writeFileAtomic(a.ctx, path, force, func(w io.Writer) error {
		_, err := w.Write(starter)
		return err
	})
	if err != nil {
		return a.fail(path, err)
	}
	a.eprintf("labelkit: wrote %s; fill it in, then run 'labelkit validate %s'", fileName(path), fileName(path))
	return exitOK
}
