package main

import (
	"fmt"
)

var varsHelp = help{
	usage: `
Usage: labelkit vars TEMPLATE

Lists the data paths TEMPLATE uses, one per line, sorted: ".company.name",
".items[].designation" (fields of the items of a range are marked with []).
TEMPLATE is an embedded template name (see 'labelkit templates'), a .docx file
or an unpacked template folder.
`,
	examples: `
  labelkit vars centres-sante-v2
  labelkit vars ma-lettre.docx`,
}

func runVars(a *app, args []string) int {
	fs := newFlags("vars")
	pos, code, ok := a.parseFlags(fs, varsHelp, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return a.usageError(fs, "takes one TEMPLATE")
	}
	t, err := anyTemplate(pos[0])
	if err != nil {
		return a.failUsage(fs, err)
	}
	for _, f := range t.Fields() {
		fmt.Fprintln(a.stdout, f)
	}
	return exitOK
}
