package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stdinName is the argument naming standard input (and, for its document,
// standard output).
const stdinName = "-"

// input is one input file of a batch.
type input struct {
	path string // file path, or "-" for standard input
	out  string // output file name in the output folder; "" for standard output
}

// name is how messages name the input (standard input in the user's
// language: see errorLines for names with control characters).
func (a *app) inName(in input) string {
	if in.path == stdinName {
		return a.sprintf("<stdin>")
	}
	return in.path
}

// inputExts are the extensions of input files; a folder argument stands for
// its files with these extensions (not recursive; dot-files skipped).
var inputExts = []string{".toml", ".json"}

func hasInputExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range inputExts {
		if ext == e {
			return true
		}
	}
	return false
}

// expandInputs turns the arguments into input files: folders are expanded
// into their .toml and .json files in name order, a file listed twice counts
// once, "-" is standard input (at most once). Output names are the input's
// base name with outExt instead of its extension; two inputs that would
// write the same output (compared case-insensitively, as on macOS and
// Windows file systems) are an error, before anything is written.
func expandInputs(args []string, outExt string) ([]input, error) {
	var ins []input
	seen := map[string]bool{}
	stdin := false
	add := func(path string) {
		clean := filepath.Clean(path)
		if seen[clean] {
			return
		}
		seen[clean] = true
		base := filepath.Base(path)
		ins = append(ins, input{path: path, out: strings.TrimSuffix(base, filepath.Ext(base)) + outExt})
	}
	for _, arg := range args {
		if arg == stdinName {
			if stdin {
				return nil, errorf(`"-" (standard input) may be given only once`)
			}
			stdin = true
			ins = append(ins, input{path: stdinName})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, errorf("%s: no such file or folder", fileName(arg))
			}
			return nil, err
		}
		if !fi.IsDir() {
			if !hasInputExt(arg) {
				return nil, errorf("%s: not a .toml or .json file (the extension tells the format)", fileName(arg))
			}
			add(arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, e := range entries { // os.ReadDir sorts by name
			name := e.Name()
			if strings.HasPrefix(name, ".") || e.IsDir() || !hasInputExt(name) {
				continue
			}
			add(filepath.Join(arg, name))
			n++
		}
		if n == 0 {
			return nil, errorf("%s: no .toml or .json files in this folder", fileName(arg))
		}
	}
	if outExt != "" {
		if err := checkCollisions(ins); err != nil {
			return nil, err
		}
	}
	return ins, nil
}

// checkCollisions reports every group of inputs that would write the same
// output file.
func checkCollisions(ins []input) error {
	byOut := map[string][]string{}
	var keys []string
	for _, in := range ins {
		if in.out == "" {
			continue
		}
		k := strings.ToLower(in.out)
		if byOut[k] == nil {
			keys = append(keys, k)
		}
		byOut[k] = append(byOut[k], in.path)
	}
	var groups msgList
	sort.Strings(keys)
	for _, k := range keys {
		if paths := byOut[k]; len(paths) > 1 {
			names := make([]string, len(paths))
			for i, p := range paths {
				names[i] = quoteName(p)
			}
			groups = append(groups, errorf("%s would all write %s", strings.Join(names, ", "), fileName(outNameOf(ins, paths[0]))))
		}
	}
	if len(groups) == 0 {
		return nil
	}
	return errorf("output name collision: %v; rename the inputs or render them into different folders (nothing was written)", groups)
}

func outNameOf(ins []input, path string) string {
	for _, in := range ins {
		if in.path == path {
			return in.out
		}
	}
	return ""
}
