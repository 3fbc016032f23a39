package main

import (
	"os"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["librender"] = cmdLibRender
}

// cmdLibRender: librender INPUT OUT — renders INPUT with the library
// (convention.LoadFile + labelkit.Render), for comparing with the command's
// output byte for byte. librender -blank OUT renders the blank form.
func cmdLibRender(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: librender INPUT|-blank OUT")
	}
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	defer f.Close()
	if args[0] == "-blank" {
		ts.Check(labelkit.RenderBlank(f))
		return
	}
	c, err := convention.LoadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(labelkit.Render(f, c))
}
