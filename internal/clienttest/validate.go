package clienttest

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

//go:embed validate.mjs
var validateScript []byte

// Problem is one error reported by the Open XML SDK validator.
type Problem struct {
	ID          string `json:"id"`          // e.g. "Sch_InvalidElementContentExpectingComplex"
	Description string `json:"description"` // the validator's message
	Path        struct {
		PartURI string `json:"partUri"` // e.g. "/word/document.xml"
		XPath   string `json:"xpath"`   // e.g. "/w:document[1]/w:body[1]/w:p[3]"
	} `json:"path"`
}

// String formats p as "part xpath: id: description".
func (p Problem) String() string {
	return fmt.Sprintf("%s %s: %s: %s", p.Path.PartURI, p.Path.XPath, p.ID, p.Description)
}

// Result is the validation of one file: its problems, or Failure if the
// validator could not read it at all (not a zip, not a Word document...).
type Result struct {
	File     string
	Problems []Problem
	Failure  string
}

// OK reports whether the file validated without any problem.
func (r Result) OK() bool { return r.Failure == "" && len(r.Problems) == 0 }

// Validate runs the Open XML SDK validator (Office version Microsoft365) on
// each file and fails the test, listing each file's problems (part, XPath,
// id, description), unless the validator finds none. All files are
// validated in one Node process (validate.mjs) when possible, else one
// ooxml-validate call per file. Start-up costs most (see BENCH.md):
// validate many files in one call.
func Validate(t testing.TB, docxPaths ...string) {
	t.Helper()
	report(t, ValidateResults(t, docxPaths...))
}

// report fails t for each result with problems.
func report(t testing.TB, results []Result) {
	t.Helper()
	for _, r := range results {
		if r.OK() {
			continue
		}
		if r.Failure != "" {
			t.Errorf("ooxml-validate %s: the validator cannot open it: %s", r.File, r.Failure)
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "ooxml-validate %s: %d problem(s):", r.File, len(r.Problems))
		for i, p := range r.Problems {
			if i == 20 {
				fmt.Fprintf(&b, "\n\t... and %d more", len(r.Problems)-i)
				break
			}
			fmt.Fprintf(&b, "\n\t%s", p)
		}
		t.Error(b.String())
	}
}

// ValidateResults validates the files like Validate but returns the results
// (in argument order) instead of failing the test on problems; it still
// fails or skips the test if the validator is missing or broken.
func ValidateResults(t testing.TB, docxPaths ...string) []Result {
	t.Helper()
	return ValidateResultsFor(t, DefaultOfficeVersion, docxPaths...)
}

// DefaultOfficeVersion is the Office version Validate and ValidateResults
// check against.
const DefaultOfficeVersion = "Microsoft365"

// OfficeVersions are the versions the validator knows.
var OfficeVersions = []string{"Microsoft365", "Office2007", "Office2010", "Office2013", "Office2016", "Office2019", "Office2021"}

// ValidateFor is Validate against a given Office version (one of
// OfficeVersions), e.g. "Office2007" to check that newer markup (w14...)
// is properly marked ignorable.
func ValidateFor(t testing.TB, officeVersion string, docxPaths ...string) {
	t.Helper()
	report(t, ValidateResultsFor(t, officeVersion, docxPaths...))
}

// ValidateResultsFor is ValidateResults against a given Office version.
func ValidateResultsFor(t testing.TB, officeVersion string, docxPaths ...string) []Result {
	t.Helper()
	if !slices.Contains(OfficeVersions, officeVersion) {
		t.Fatalf("clienttest: unknown Office version %q (want one of %v)", officeVersion, OfficeVersions)
	}
	if len(docxPaths) == 0 {
		return nil
	}
	node := Need(t, "node")
	if node == nil {
		return nil
	}
	abs := make([]string, len(docxPaths))
	for i, p := range docxPaths {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatalf("clienttest: %v", err)
		}
		abs[i] = a
	}
	if lib := validatorLib(); lib != "" {
		results, err := validateBatch(t, node[0], lib, officeVersion, abs)
		if err == nil {
			for i := range results {
				results[i].File = docxPaths[i]
			}
			return results
		}
		t.Logf("clienttest: batch validation failed, falling back to one ooxml-validate per file: %v", err)
	}
	cli := Need(t, "ooxml-validate")
	if cli == nil {
		return nil
	}
	results := make([]Result, len(abs))
	for i, f := range abs {
		results[i] = validateOne(t, cli[0], officeVersion, f)
		results[i].File = docxPaths[i]
	}
	return results
}

// validatorLib finds the @ooxml-tools/validate entry point (index.js):
// $LABELKIT_OOXML_VALIDATE_LIB, else next to the ooxml-validate command
// (dist/npm/bin/ooxml-validate.js → dist/npm/index.js), else under
// `npm root -g`. It returns "" if not found.
func validatorLib() string {
	if p := os.Getenv(LibEnvVar); p != "" {
		return p
	}
	return installedLib()
}

// LibEnvVar names the environment variable that overrides where the
// @ooxml-tools/validate entry point (dist/npm/index.js) is.
const LibEnvVar = "LABELKIT_OOXML_VALIDATE_LIB"

var installedLib = sync.OnceValue(func() string {
	var candidates []string
	if cmd, err := exec.LookPath("ooxml-validate"); err == nil {
		if real, err := filepath.EvalSymlinks(cmd); err == nil {
			candidates = append(candidates, filepath.Join(filepath.Dir(real), "..", "index.js"))
		}
	}
	if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		root := strings.TrimSpace(string(out))
		candidates = append(candidates, filepath.Join(root, "@ooxml-tools", "validate", "dist", "npm", "index.js"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return filepath.Clean(c)
		}
	}
	return ""
})

// validateBatch runs validate.mjs on all files at once.
func validateBatch(t testing.TB, node, lib, version string, files []string) ([]Result, error) {
	t.Helper()
	script := filepath.Join(t.TempDir(), "validate.mjs")
	if err := os.WriteFile(script, validateScript, 0o644); err != nil {
		return nil, err
	}
	ctx, cancel := commandContext(t, 60*time.Second, 10*time.Second, len(files))
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{script, lib}, files...)...)
	cmd.Env = append(os.Environ(), "OOXML_OFFICE_VERSION="+version)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, tail(stderr.String()))
	}
	var results []Result
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var line struct {
			File    string    `json:"file"`
			Errors  []Problem `json:"errors"`
			Failure string    `json:"failure"`
			Stack   string    `json:"stack"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("validate.mjs output %q: %v", tail(sc.Text()), err)
		}
		r := Result{File: line.File, Problems: line.Errors, Failure: line.Failure}
		if line.Failure != "" && line.Stack != "" {
			r.Failure += "\n" + line.Stack
		}
		results = append(results, r)
	}
	if len(results) != len(files) {
		return nil, fmt.Errorf("validate.mjs gave %d results for %d files: %s", len(results), len(files), tail(stderr.String()))
	}
	for i, r := range results {
		if r.File != files[i] {
			return nil, fmt.Errorf("validate.mjs result %d is for %s, want %s", i, r.File, files[i])
		}
	}
	return results, nil
}

// validateOne runs ooxml-validate --of json on one file.
func validateOne(t testing.TB, cli, version, file string) Result {
	t.Helper()
	ctx, cancel := commandContext(t, 60*time.Second, 0, 1)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "--of", "json", "--ov", version, file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	r := Result{File: file}
	if jerr := json.Unmarshal(out, &r.Problems); jerr != nil || err != nil {
		r.Problems = nil
		r.Failure = fmt.Sprintf("%v %v: %s%s", err, jerr, tail(string(out)), tail(stderr.String()))
	}
	return r
}

// tail returns the end of a long tool output.
func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return s
}
