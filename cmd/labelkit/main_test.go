package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"labelkit": func() { os.Exit(Main()) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script: each runs the
// real labelkit command (this test binary, re-executed) in a fresh folder.
func TestScript(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	changes, err := filepath.Abs("../../testdata/changes")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := filepath.Abs("../../templates/centres-sante-v2")
	if err != nil {
		t.Fatal(err)
	}
	pdfSample, err := filepath.Abs("../../pdf/testdata/lo74-a.pdf")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			env.Setenv("CHANGES", changes)
			env.Setenv("TEMPLATE_DIR", tmpl)
			env.Setenv("PDF_SAMPLE", pdfSample) // for the stand-in soffice of pdf.txtar
			env.Setenv("NO_COLOR", "")
			// Under -race, each labelkit run would otherwise sleep 1 s at
			// exit (ThreadSanitizer's default atexit_sleep_ms).
			env.Setenv("GORACE", "atexit_sleep_ms=0")
			return nil
		},
		Cmds: scriptCmds,
	})
}

// scriptCmds are the custom testscript commands.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"docxcheck": cmdDocxCheck,
	"docxtext":  cmdDocxText,
	"notemp":    cmdNoTemp,
	"docxpart":  cmdDocxPart,
	"olefile":   cmdOLEFile,
	"code":      cmdCode,
	"mkpng":     cmdMkPNG,
	"mkrepeat":  cmdMkRepeat,
}

// cmdMkRepeat: mkrepeat FILE N UNIT [HEAD [TAIL]] — writes HEAD, UNIT
// repeated N times, then TAIL: the large inputs of the limit tests, built
// rather than committed.
func cmdMkRepeat(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 || len(args) > 5 || neg {
		ts.Fatalf("usage: mkrepeat FILE N UNIT [HEAD [TAIL]]")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 {
		ts.Fatalf("mkrepeat: bad count %q", args[1])
	}
	args = append(args, "", "")
	b := args[3] + strings.Repeat(args[2], n) + args[4]
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[0])), 0o777))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b), 0o666))
}

// cmdMkPNG: mkpng FILE W H — writes a W×H red PNG picture.
func cmdMkPNG(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: mkpng FILE W H")
	}
	w, err1 := strconv.Atoi(args[1])
	h, err2 := strconv.Atoi(args[2])
	if err1 != nil || err2 != nil {
		ts.Fatalf("mkpng: bad size")
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+3] = 220, 255
	}
	var b bytes.Buffer
	ts.Check(png.Encode(&b, img))
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[0])), 0o777))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b.Bytes(), 0o666))
}

// cmdDocxPart: docxpart FILE PART — prints one part of a zip.
func cmdDocxPart(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: docxpart FILE PART")
	}
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	rc, err := zr.Open(args[1])
	ts.Check(err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	ts.Check(err)
	ts.Stdout().Write(b)
}

// cmdOLEFile: olefile FILE STREAM... — writes the start of an OLE compound
// file whose directory names the streams (what Word writes for a
// password-protected document, or a Word 97-2003 .doc), enough for the
// reader to recognise it.
func cmdOLEFile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: olefile FILE STREAM...")
	}
	b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	for _, s := range args[1:] {
		entry := make([]byte, 128)
		for i, c := range []byte(s) {
			entry[2*i] = c
		}
		b = append(b, entry...)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o666))
}

// cmdCode: code N COMMAND ARGS... — runs the command like exec and checks
// that it exits with status N (exec and ! exec only tell zero from
// non-zero: 1, failed inputs, and 2, usage errors, must not be confused).
func cmdCode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: code N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("code: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdDocxCheck: docxcheck FILE... — each file is a complete zip whose main
// document (word/document.xml) is well-formed XML.
func cmdDocxCheck(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: docxcheck FILE...")
	}
	for _, a := range args {
		err := checkDocx(ts.MkAbs(a))
		if neg {
			if err == nil {
				ts.Fatalf("%s: valid DOCX, expected not", a)
			}
			continue
		}
		if err != nil {
			ts.Fatalf("%s: %v", a, err)
		}
	}
}

// cmdDocxText: docxtext FILE — prints the visible text of the main document,
// one line per paragraph (for assertions with stdout/grep).
func cmdDocxText(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: docxtext FILE")
	}
	text, err := docxText(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	ts.Stdout().Write([]byte(text))
}

// cmdNoTemp: notemp DIR — no temporary file (name containing ".tmp-") is
// left in DIR.
func cmdNoTemp(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: notemp DIR")
	}
	es, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range es {
		if strings.Contains(e.Name(), tmpMarker) {
			ts.Fatalf("temporary file left: %s", e.Name())
		}
	}
}

// checkDocx reports whether path is a complete zip whose word/document.xml
// is well-formed XML.
func checkDocx(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		b, err := io.ReadAll(rc) // checks the CRC
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if f.Name == "word/document.xml" {
			found = true
			if err := wellFormed(b); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	if !found {
		return errors.New("no word/document.xml")
	}
	return nil
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// docxText returns the text of word/document.xml, one line per w:p.
func docxText(path string) (string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		d := xml.NewDecoder(rc)
		var out, para strings.Builder
		inText := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				return out.String(), nil
			}
			if err != nil {
				return "", err
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inText = tok.Name.Local == "t"
				if tok.Name.Local == "tab" {
					para.WriteByte('\t')
				}
			case xml.EndElement:
				inText = false
				if tok.Name.Local == "p" {
					out.WriteString(para.String() + "\n")
					para.Reset()
				}
			case xml.CharData:
				if inText {
					para.Write(tok)
				}
			}
		}
	}
	return "", errors.New("no word/document.xml")
}
