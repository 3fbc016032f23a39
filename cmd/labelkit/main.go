// Command labelkit produces the ANS agreement « Convention relative aux
// conditions d'utilisation du label e-santé Logiciel Centres de santé » V2
// (version 4.0.2) as DOCX documents, in batches, and fills any DOCX template
// with TOML or JSON data.
//
// Install it with
//
//	go install github.com/esante/labelkit/cmd/labelkit@latest
//
// Commands:
//
//	labelkit render [-o DIR] [-t TEMPLATE] INPUT...   agreements from .toml/.json files or folders
//	labelkit render --blank [-o FILE]                 the blank form
//	labelkit validate INPUT...                        every problem of every input
//	labelkit init [FILE]                              a commented starter input
//	labelkit fill -t TEMPLATE.docx [-o DIR] DATA...   any DOCX template, any data
//	labelkit vars TEMPLATE                            the data paths a template uses
//	labelkit templates                                the embedded templates
//	labelkit template pack DIR [-o FILE.docx]         unpacked template folder → .docx
//	labelkit template unpack FILE.docx [-o DIR]       .docx → unpacked template folder
//	labelkit version                                  labelkit's and Go's versions
//
// Every command has --help, with examples. Flags may come before or after
// the positional arguments; "--" ends the flags. Messages are in French, or
// in English when LC_ALL, LC_MESSAGES or LANG starts with "en" (i18n.go
// says how to add one).
//
// Exit codes: 0 when everything went well, 1 when some inputs failed (they
// are listed on standard error, each with its file name, key path or
// template paragraph, and what to do), 2 for usage errors (nothing is
// written), 130 or 143 when interrupted by SIGINT or SIGTERM (completed
// outputs are kept, temporary files are removed, no truncated .docx is left).
package main

import (
	"os"
)

func main() {
	os.Exit(Main())
}

// Main runs labelkit with the process's arguments, standard streams and
// environment, and returns the exit code.
func Main() int {
	// The process's whole life is paced like a batch: a command that
	// renders one document then ends before its first collection, which
	// with the default pacing came while the template was being parsed.
	defer paceGC(os.Getenv)()
	return newApp().run(os.Args[1:])
}
