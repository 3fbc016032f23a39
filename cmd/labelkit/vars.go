package main

import (
	"fmt"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/templates"
)

var varsHelp = help{
	usage: msg(`
Usage: labelkit vars TEMPLATE

Lists the data paths TEMPLATE uses, one per line, sorted: ".company.name",
".items[].designation" (fields of the items of a range are marked with []),
".m.key" or '.m["a key"]' for {{index .m "key"}} with a constant key. Paths
that call a method (computed values such as .SignatureDate.String, not data
to provide) follow, apart, after a "# computed by methods" line: those
called with arguments, and for an embedded template those its data type
defines as methods.
TEMPLATE is an embedded template name (see 'labelkit templates'), a .docx file
or an unpacked template folder.
`),
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
	t, name, err := loadTemplate(pos[0])
	if err == nil && t == nil {
		t, err = templates.Get(name)
	}
	if err != nil {
		return a.failTemplate(fs, err)
	}
	// An embedded template is executed with a labelkit.Document: its type
	// tells fields from methods.
	var data any
	if name != "" {
		data = labelkit.Document{}
	}
	fields, methods := t.FieldsOf(data)
	for _, f := range fields {
		fmt.Fprintln(a.stdout, f)
	}
	if len(methods) > 0 {
		a.printf(a.stdout, "\n# computed by methods, not data:\n")
		for _, m := range methods {
			fmt.Fprintln(a.stdout, m)
		}
	}
	return exitOK
}
